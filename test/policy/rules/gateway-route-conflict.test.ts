import { gatewayRouteConflict } from '../../../src/policy/rules/gateway-route-conflict';
import { Stage } from '../../../src/policy/stages';
import { httpRoute, svc } from '../../gateway/manifests';
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
