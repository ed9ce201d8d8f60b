import { gatewayRouteConflict } from '../../../src/policy/rules/gateway-route-conflict';
import { Stage } from '../../../src/policy/stages';
import { fromAll, gateway, http, https, httpRoute, svc } from '../../gateway/manifests';
import { check } from '../helpers';

const parent = (sectionName?: string) => [{ name: 'public', namespace: 'infra', ...(sectionName ? { sectionName } : {}) }];
const rule = (match: any) => [{ matches: [match], backendRefs: [{ name: 'web', port: 80 }] }];

describe('gateway-route-conflict', () => {
  test('compliant: other path, other header, other listener (the HTTP redirect beside the HTTPS route)', () => {
    const a = httpRoute('a', 'shop', { parentRefs: parent('https'), hostnames: ['shop.example.com'], rules: rule({ path: { type: 'PathPrefix', value: '/a' } }) });
    const b = httpRoute('b', 'shop', { parentRefs: parent('https'), hostnames: ['shop.example.com'], rules: rule({ path: { type: 'PathPrefix', value: '/b' } }) });
    const canary = httpRoute('c', 'shop', { parentRefs: parent('https'), hostnames: ['shop.example.com'], rules: rule({ path: { type: 'PathPrefix', value: '/a' }, headers: [{ name: 'x-canary', value: '1' }] }) });
    const redirect = httpRoute('r', 'shop', { parentRefs: parent('http'), hostnames: ['shop.example.com'], rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/a' } }], filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https' } }] }] });
    expect(check(gatewayRouteConflict, [svc('web', 'shop'), a, b, canary, redirect], Stage.PRODUCTION)).toEqual([]);
  });
  test('non-compliant: two routes with one host and match on one listener; a warning without a stage', () => {
    const a = httpRoute('a', 'shop', { parentRefs: parent('https'), hostnames: ['shop.example.com'] });
    const b = httpRoute('b', 'other', { parentRefs: parent(), hostnames: ['shop.example.com'] });
    const manifests = [svc('web', 'shop'), svc('web', 'other'), a, b];
    const [f] = check(gatewayRouteConflict, manifests, Stage.PRODUCTION);
    expect(f.severity).toBe('error');
    expect(f.message).toBe('host shop.example.com PathPrefix / * on Gateway infra/public is already claimed by HTTPRoute shop/a');
    expect(check(gatewayRouteConflict, manifests)[0].severity).toBe('warning');
  });
  test('non-compliant: two GRPCRoutes for one service and method', () => {
    const grpc = (name: string) => httpRoute(name, 'shop', { parentRefs: parent('https'), rules: [{ matches: [{ method: { service: 'shop.Cart', method: 'Add' } }], backendRefs: [{ name: 'web', port: 80 }] }] }, 'GRPCRoute');
    expect(check(gatewayRouteConflict, [svc('web', 'shop'), grpc('a'), grpc('b')], Stage.PRODUCTION)).toHaveLength(1);
  });
  test('non-compliant: two TCPRoutes on one listener; compliant on listeners of their own', () => {
    const tcp = (name: string, sectionName: string) => httpRoute(name, 'shop', { parentRefs: parent(sectionName), rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] }, 'TCPRoute');
    const [f, ...rest] = check(gatewayRouteConflict, [svc('web', 'shop'), tcp('a', 'mqtt'), tcp('b', 'mqtt')], Stage.PRODUCTION);
    expect(rest).toEqual([]);
    expect(f.message).toBe('TCPRoute on Gateway infra/public#mqtt is already claimed by TCPRoute shop/a');
    expect(f.fix).toContain('its own listener');
    expect(check(gatewayRouteConflict, [svc('web', 'shop'), tcp('a', 'mqtt'), tcp('b', 'amqp')], Stage.PRODUCTION)).toEqual([]);
  });
  test('TLSRoutes share a passthrough listener by SNI host; one host twice is a conflict', () => {
    const tls = (name: string, host: string) => httpRoute(name, 'shop', { parentRefs: parent('tls'), hostnames: [host], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] }, 'TLSRoute');
    expect(check(gatewayRouteConflict, [svc('web', 'shop'), tls('a', 'a.example.com'), tls('b', 'b.example.com')], Stage.PRODUCTION)).toEqual([]);
    const [f] = check(gatewayRouteConflict, [svc('web', 'shop'), tls('a', 'a.example.com'), tls('b', 'a.example.com')], Stage.PRODUCTION);
    expect(f.message).toBe('host a.example.com (every connection) on Gateway infra/public#tls is already claimed by TLSRoute shop/a');
  });
});

describe('gateway-route-conflict: one listener, however a route names it', () => {
  const gw = gateway('public', 'infra', [
    http({ allowedRoutes: fromAll }),
    https('shop.example.com', { allowedRoutes: fromAll }),
    { name: 'mqtt', protocol: 'TCP', port: 1883, allowedRoutes: fromAll },
  ]);
  const tcp = (name: string, ref: any) => httpRoute(name, 'shop', { parentRefs: [{ name: 'public', namespace: 'infra', ...ref }] }, 'TCPRoute');

  test('a sectionName and a port that resolve to one listener are one listener', () => {
    const [f, ...rest] = check(gatewayRouteConflict, [gw, svc('web', 'shop'), tcp('a', { sectionName: 'mqtt' }), tcp('b', { port: 1883 })], Stage.PRODUCTION);
    expect(rest).toEqual([]);
    expect(f.message).toBe('TCPRoute on Gateway infra/public#mqtt is already claimed by TCPRoute shop/a');
  });

  test('a parentRef without sectionName or port is on every listener that takes its kind, and only those', () => {
    // The TCPRoute with no section is on the TCP listener only, so it meets the one on mqtt.
    expect(check(gatewayRouteConflict, [gw, svc('web', 'shop'), tcp('a', { sectionName: 'mqtt' }), tcp('b', {})], Stage.PRODUCTION).map(f => f.message))
      .toEqual(['TCPRoute on Gateway infra/public#mqtt is already claimed by TCPRoute shop/a']);
    // An HTTPRoute with no section and no hostnames is on http and https; on https it takes the listener's hostname.
    const onHttps = httpRoute('a', 'shop', { parentRefs: [{ name: 'public', namespace: 'infra', sectionName: 'https' }], hostnames: ['shop.example.com'] });
    const everywhere = httpRoute('b', 'shop', { parentRefs: [{ name: 'public', namespace: 'infra' }] });
    expect(check(gatewayRouteConflict, [gw, svc('web', 'shop'), onHttps, everywhere], Stage.PRODUCTION).map(f => f.message))
      .toEqual(['host shop.example.com PathPrefix / * on Gateway infra/public#https is already claimed by HTTPRoute shop/a']);
  });

  test('compliant: other listeners, and one route naming one listener twice', () => {
    const other = gateway('public', 'infra', [{ name: 'mqtt', protocol: 'TCP', port: 1883, allowedRoutes: fromAll }, { name: 'amqp', protocol: 'TCP', port: 5672, allowedRoutes: fromAll }]);
    expect(check(gatewayRouteConflict, [other, svc('web', 'shop'), tcp('a', { sectionName: 'mqtt' }), tcp('b', { port: 5672 })], Stage.PRODUCTION)).toEqual([]);
  });
});
