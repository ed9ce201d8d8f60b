import { gatewayUnknownSection } from '../../../src/policy/rules/gateway-unknown-section';
import { Stage } from '../../../src/policy/stages';
import { fromAll, gateway, http, https, httpRoute, svc } from '../../gateway/manifests';
import { check } from '../helpers';

describe('gateway-unknown-section', () => {
  const gw = gateway('public', 'infra', [http({ allowedRoutes: fromAll }), https(undefined, { allowedRoutes: fromAll })]);
  test('compliant: the listener exists, or the Gateway is not in the YAML', () => {
    expect(check(gatewayUnknownSection, [gw, svc('web', 'shop'), httpRoute('web', 'shop', { parentRefs: [{ name: 'public', namespace: 'infra', sectionName: 'https' }] })], Stage.PRODUCTION)).toEqual([]);
    expect(check(gatewayUnknownSection, [svc('web', 'shop'), httpRoute('web', 'shop', { parentRefs: [{ name: 'other', namespace: 'infra', sectionName: 'nope' }] })], Stage.PRODUCTION)).toEqual([]);
  });
  test('non-compliant: a sectionName the Gateway lacks; an error in production, a warning in development', () => {
    const manifests = [gw, svc('web', 'shop'), httpRoute('web', 'shop', { parentRefs: [{ name: 'public', namespace: 'infra', sectionName: 'htps' }] })];
    const [f] = check(gatewayUnknownSection, manifests, Stage.PRODUCTION);
    expect(f.severity).toBe('error');
    expect(f.message).toBe('attaches to sectionName "htps" of Gateway infra/public, which has listeners http (HTTP/80), https (HTTPS/443)');
    expect(check(gatewayUnknownSection, manifests, Stage.DEVELOPMENT)[0].severity).toBe('warning');
  });
  test('non-compliant: a port the Gateway has no listener on', () => {
    const [f] = check(gatewayUnknownSection, [gw, svc('web', 'shop'), httpRoute('web', 'shop', { parentRefs: [{ name: 'public', namespace: 'infra', port: 8443 }] })], Stage.PRODUCTION);
    expect(f.message).toMatch(/^attaches to port 8443 of Gateway infra\/public/);
  });
});
