import { ingressWildcardHost } from '../../../src/policy/rules/ingress-wildcard-host';
import { Stage } from '../../../src/policy/stages';
import { fromAll, gateway, http, https, httpRoute, svc } from '../../gateway/manifests';
import { check, ingress, service } from '../helpers';

const api = service('api', { selector: { app: 'api' }, ports: [{ port: 80 }] });

describe('ingress-wildcard-host', () => {
  test('compliant: every rule has a precise host; an HTTPRoute without hostnames takes its listener\'s', () => {
    const route = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'api' },
      spec: { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'api', port: 80 }] }] },
    };
    expect(check(ingressWildcardHost, [api, ingress('api', [{ host: 'api.example.com', service: 'api', port: 80 }], ['api.example.com']), route], Stage.PRODUCTION)).toEqual([]);
  });

  test('non-compliant: no host, a default backend, a wildcard; off in development, an error in production', () => {
    const noHost = ingress('no-host', [{ service: 'api', port: 80 }]);
    const wildcard = ingress('wildcard', [{ host: '*.example.com', service: 'api', port: 80 }], ['*.example.com']);
    const catchAll = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'catch-all' }, spec: { defaultBackend: { service: { name: 'api', port: { number: 80 } } } } };
    const route = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'tenants' },
      spec: { parentRefs: [{ name: 'gw' }], hostnames: ['*.tenants.example.com'], rules: [{ backendRefs: [{ name: 'api', port: 80 }] }] },
    };
    const manifests = [api, noHost, wildcard, catchAll, route];
    expect(check(ingressWildcardHost, manifests, Stage.DEVELOPMENT)).toEqual([]);
    expect(check(ingressWildcardHost, manifests, Stage.PRODUCTION).map(f => `${f.object.name} ${f.severity}: ${f.message}`)).toEqual([
      'no-host error: routes requests for any host',
      'wildcard error: routes requests for *.example.com',
      'catch-all error: routes requests for any host',
      'tenants error: routes requests for *.tenants.example.com',
    ]);
  });
});

describe('ingress-wildcard-host on Gateway API routes: the hosts a route serves are its hostnames narrowed by its listeners', () => {
  const gw = gateway('public', 'infra', [
    http({ allowedRoutes: fromAll }),
    https('*.example.com', { allowedRoutes: fromAll }),
    { name: 'shop', protocol: 'HTTPS', port: 8443, hostname: 'shop.example.com', tls: { certificateRefs: [{ name: 'cert' }] }, allowedRoutes: fromAll },
  ]);
  const on = (name: string, sectionName: string | undefined, hostnames?: string[], kind = 'HTTPRoute') =>
    httpRoute(name, 'shop', { parentRefs: [{ name: 'public', namespace: 'infra', ...(sectionName ? { sectionName } : {}) }], hostnames }, kind);

  test('compliant: precise hostnames on any listener; no hostnames on a listener with a precise hostname', () => {
    const manifests = [gw, svc('web', 'shop'), on('precise', 'https', ['api.example.com']), on('narrowed', 'shop')];
    expect(check(ingressWildcardHost, manifests, Stage.PRODUCTION)).toEqual([]);
  });

  test('non-compliant: no hostnames on a listener without hostname or with a wildcard one; a wildcard hostname', () => {
    const manifests = [gw, svc('web', 'shop'), on('any', 'http'), on('wild', 'https'), on('tenants', 'https', ['*.tenants.example.com'])];
    expect(check(ingressWildcardHost, manifests, Stage.PRODUCTION).map(f => `${f.object.name} ${f.severity}: ${f.message}`)).toEqual([
      'any error: routes requests for any host (listener "http" of Gateway infra/public has no hostname)',
      'wild error: routes requests for *.example.com (the hostname of listener "https" of Gateway infra/public)',
      'tenants error: routes requests for *.tenants.example.com',
    ]);
  });

  test('not judged: a route attached to nothing, a mesh route (GAMMA), a TCPRoute, a route whose Gateway is not in the YAML', () => {
    const orphan = httpRoute('orphan', 'shop', { parentRefs: [], hostnames: ['*.example.com'] });
    const mesh = httpRoute('mesh', 'shop', { parentRefs: [{ group: '', kind: 'Service', name: 'web' }] });
    const tcp = on('tcp', undefined, undefined, 'TCPRoute');
    const unknown = httpRoute('unknown', 'shop', { parentRefs: [{ name: 'elsewhere' }] });
    expect(check(ingressWildcardHost, [gw, svc('web', 'shop'), orphan, mesh, tcp, unknown], Stage.PRODUCTION)).toEqual([]);
  });
});
