import { routeHostnameOutsideListener } from '../../../src/policy/rules/route-hostname-outside-listener';
import { Stage } from '../../../src/policy/stages';
import { fromAll, gateway, https, httpRoute, svc } from '../../gateway/manifests';
import { check } from '../helpers';

const gw = gateway('public', 'infra', [https('*.example.com', { allowedRoutes: fromAll })]);
const parentRefs = [{ name: 'public', namespace: 'infra' }];

describe('route-hostname-outside-listener', () => {
  test('compliant: a host under the listener\'s wildcard, or no hostnames', () => {
    expect(check(routeHostnameOutsideListener, [gw, svc('web', 'shop'), httpRoute('web', 'shop', { parentRefs, hostnames: ['shop.example.com'] })], Stage.PRODUCTION)).toEqual([]);
    expect(check(routeHostnameOutsideListener, [gw, svc('web', 'shop'), httpRoute('web', 'shop', { parentRefs })], Stage.PRODUCTION)).toEqual([]);
  });
  test('non-compliant: a host the listener does not answer for', () => {
    const [f] = check(routeHostnameOutsideListener, [gw, svc('web', 'shop'), httpRoute('web', 'shop', { parentRefs, hostnames: ['shop.example.org'] })], Stage.PRODUCTION);
    expect(f.severity).toBe('error');
    expect(f.message).toBe('hostnames shop.example.org are outside hostname *.example.com of listener "https" of Gateway infra/public');
  });
  test('non-compliant: the wildcard covers one label only, not the apex', () => {
    expect(check(routeHostnameOutsideListener, [gw, svc('web', 'shop'), httpRoute('web', 'shop', { parentRefs, hostnames: ['example.com'] })], Stage.PRODUCTION)).toHaveLength(1);
  });
});
