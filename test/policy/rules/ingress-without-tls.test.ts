import { ingressWithoutTls } from '../../../src/policy/rules/ingress-without-tls';
import { Stage } from '../../../src/policy/stages';
import { fromAll, gateway, http, https, httpRoute, svc } from '../../gateway/manifests';
import { check, ingress } from '../helpers';

describe('ingress-without-tls', () => {
  test('compliant: every host has TLS', () => {
    expect(check(ingressWithoutTls, [ingress('i', [{ host: 'a.example.com', service: 's', port: 80 }], ['a.example.com'])], Stage.PRODUCTION)).toEqual([]);
  });
  test('non-compliant: no TLS, or a host left out of it', () => {
    const findings = check(ingressWithoutTls, [
      ingress('plain', [{ host: 'a.example.com', service: 's', port: 80 }]),
      ingress('partial', [{ host: 'a.example.com', service: 's', port: 80 }, { host: 'b.example.com', path: '/b', service: 's', port: 80 }], ['a.example.com']),
    ], Stage.PRODUCTION);
    expect(findings.map(f => [f.object.name, f.severity, f.message])).toEqual([
      ['plain', 'error', 'serves a.example.com without TLS'],
      ['partial', 'error', 'serves b.example.com without TLS (its tls covers a.example.com)'],
    ]);
  });
  test('compliant: a wildcard tls host covers the hosts one label below it (*.example.com covers shop.example.com)', () => {
    expect(check(ingressWithoutTls, [ingress('wild', [{ host: 'shop.example.com', service: 's', port: 80 }, { host: 'api.example.com', service: 's', port: 80 }], ['*.example.com'])], Stage.PRODUCTION)).toEqual([]);
  });
  test('off in development', () => {
    expect(check(ingressWithoutTls, [ingress('plain', [{ host: 'a.example.com', service: 's', port: 80 }])], Stage.DEVELOPMENT)).toEqual([]);
  });
});

describe('ingress-without-tls on Gateway API routes: TLS is the listener\'s', () => {
  const gw = gateway('public', 'infra', [http({ allowedRoutes: fromAll }), https(undefined, { allowedRoutes: fromAll })]);
  const onSection = (sectionName: string | undefined, rules?: any[]) => httpRoute('web', 'shop', { parentRefs: [{ name: 'public', namespace: 'infra', ...(sectionName ? { sectionName } : {}) }], hostnames: ['shop.example.com'], rules });
  test('compliant: attached to the HTTPS listener; a redirect-only route on the HTTP listener; a TLSRoute; a TCPRoute', () => {
    expect(check(ingressWithoutTls, [gw, svc('web', 'shop'), onSection('https')], Stage.PRODUCTION)).toEqual([]);
    const redirect = onSection('http', [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }]);
    expect(check(ingressWithoutTls, [gw, redirect], Stage.PRODUCTION)).toEqual([]);
    const tlsRoute = { ...onSection(undefined), kind: 'TLSRoute' };
    const tcpRoute = { ...onSection(undefined), kind: 'TCPRoute', spec: { parentRefs: [{ name: 'public', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] } };
    expect(check(ingressWithoutTls, [svc('web', 'shop'), tlsRoute, tcpRoute], Stage.PRODUCTION)).toEqual([]);
  });
  test('compliant: a route without parentRefs is attached to nothing and serves nothing (no "through , which is not in the YAML")', () => {
    const orphan = httpRoute('orphan', 'shop', { parentRefs: [], hostnames: ['shop.example.com'], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] });
    delete orphan.spec.parentRefs;
    expect(check(ingressWithoutTls, [svc('web', 'shop'), orphan], Stage.PRODUCTION)).toEqual([]);
  });
  test('non-compliant: attached to the HTTP listener, or to every listener (HTTP among them)', () => {
    const [f] = check(ingressWithoutTls, [gw, svc('web', 'shop'), onSection('http')], Stage.PRODUCTION);
    expect(f.message).toBe('serves shop.example.com on a plain HTTP listener (infra/public#http)');
    expect(check(ingressWithoutTls, [gw, svc('web', 'shop'), onSection(undefined)], Stage.PRODUCTION)).toHaveLength(1);
  });
  test('non-compliant: the Gateway is not in the YAML and nothing records TLS: a warning, as it cannot be confirmed either way', () => {
    const [f] = check(ingressWithoutTls, [svc('web', 'shop'), onSection('https')], Stage.PRODUCTION);
    expect(f.message).toBe('serves shop.example.com through infra/public#https, which is not in the YAML, so TLS cannot be confirmed');
    expect(f.severity).toBe('warning');
    expect(check(ingressWithoutTls, [gw, svc('web', 'shop'), onSection('http')], Stage.PRODUCTION)[0].severity).toBe('error');
  });
});

describe('ingress-without-tls: routes that serve nothing from a Gateway are not judged', () => {
  test('a route without parentRefs, and a mesh route (GAMMA), give no finding (and never "through , which is not in the YAML")', () => {
    const orphan = httpRoute('orphan', 'shop', { parentRefs: [], hostnames: ['shop.example.com'] });
    const mesh = httpRoute('mesh', 'shop', { parentRefs: [{ group: '', kind: 'Service', name: 'web' }] });
    expect(check(ingressWithoutTls, [svc('web', 'shop'), orphan, mesh], Stage.PRODUCTION)).toEqual([]);
  });
  test('a route every listener refuses serves nothing: the refusal is the finding (route-not-allowed), not TLS', () => {
    const gw = gateway('private', 'infra', [http()]);
    const refused = httpRoute('refused', 'shop', { parentRefs: [{ name: 'private', namespace: 'infra' }], hostnames: ['shop.example.com'] });
    expect(check(ingressWithoutTls, [gw, svc('web', 'shop'), refused], Stage.PRODUCTION)).toEqual([]);
  });
});
