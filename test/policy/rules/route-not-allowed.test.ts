import { routeNotAllowed } from '../../../src/policy/rules/route-not-allowed';
import { Stage } from '../../../src/policy/stages';
import { fromAll, gateway, https, httpRoute, svc } from '../../gateway/manifests';
import { check } from '../helpers';

const parentRefs = [{ name: 'public', namespace: 'infra', sectionName: 'https' }];

describe('route-not-allowed', () => {
  test('compliant: the listener allows every namespace, or the route is in the Gateway\'s namespace', () => {
    expect(check(routeNotAllowed, [gateway('public', 'infra', [https(undefined, { allowedRoutes: fromAll })]), svc('web', 'shop'), httpRoute('web', 'shop', { parentRefs })], Stage.PRODUCTION)).toEqual([]);
    expect(check(routeNotAllowed, [gateway('public', 'infra', [https()]), svc('web', 'infra'), httpRoute('web', 'infra', { parentRefs })], Stage.PRODUCTION)).toEqual([]);
  });
  test('non-compliant: the default allowedRoutes (Same) refuses a route from another namespace', () => {
    const [f] = check(routeNotAllowed, [gateway('public', 'infra', [https()]), svc('web', 'shop'), httpRoute('web', 'shop', { parentRefs })], Stage.PRODUCTION);
    expect(f.severity).toBe('error');
    expect(f.message).toBe('is refused by Gateway infra/public: listener "https" accepts routes only from its own namespace "infra" (allowedRoutes.namespaces.from: Same)');
  });
  test('non-compliant: a kind the listener does not take', () => {
    const manifests = [gateway('public', 'infra', [https(undefined, { allowedRoutes: { namespaces: { from: 'All' }, kinds: [{ kind: 'HTTPRoute' }] } })]), svc('web', 'shop'),
      httpRoute('web', 'shop', { parentRefs, rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] }, 'GRPCRoute')];
    expect(check(routeNotAllowed, manifests, Stage.PRODUCTION)[0].message).toBe('is refused by Gateway infra/public: listener "https" (HTTPS) takes HTTPRoute, not GRPCRoute');
  });
  test('non-compliant: a namespace without the labels the selector wants', () => {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { team: 'shop' } } };
    const gw = gateway('public', 'infra', [https(undefined, { allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { gateway: 'public' } } } } })]);
    const [f] = check(routeNotAllowed, [ns, gw, svc('web', 'shop'), httpRoute('web', 'shop', { parentRefs })], Stage.PRODUCTION);
    expect(f.message).toMatch(/accepts routes only from namespaces labelled gateway=public, and namespace "shop" is not/);
  });
});

describe('route-not-allowed: a parentRef without sectionName or port', () => {
  test('listeners of another kind are skipped, not refusals; when no listener takes the kind, each says why', () => {
    const gw = gateway('public', 'infra', [https(undefined, { allowedRoutes: fromAll }), { name: 'mqtt', protocol: 'TCP', port: 1883, allowedRoutes: fromAll }]);
    const everywhere = httpRoute('web', 'shop', { parentRefs: [{ name: 'public', namespace: 'infra' }] });
    expect(check(routeNotAllowed, [gw, svc('web', 'shop'), everywhere], Stage.PRODUCTION)).toEqual([]);
    const udp = httpRoute('dns', 'shop', { parentRefs: [{ name: 'public', namespace: 'infra' }] }, 'UDPRoute');
    expect(check(routeNotAllowed, [gw, svc('web', 'shop'), udp], Stage.PRODUCTION).map(f => f.message)).toEqual([
      'is refused by Gateway infra/public: listener "https" (HTTPS) takes HTTPRoute, GRPCRoute, not UDPRoute',
      'is refused by Gateway infra/public: listener "mqtt" (TCP) takes TCPRoute, not UDPRoute',
    ]);
  });
});
