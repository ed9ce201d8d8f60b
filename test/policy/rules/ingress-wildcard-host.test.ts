import { ingressWildcardHost } from '../../../src/policy/rules/ingress-wildcard-host';
import { Stage } from '../../../src/policy/stages';
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
