import { listenerSetNotAllowed } from '../../../src/policy/rules/listener-set-not-allowed';
import { Stage } from '../../../src/policy/stages';
import { gateway, http, https, listenerSet } from '../../gateway/manifests';
import { check } from '../helpers';

const admitting = (namespaces: any) => gateway('public', 'infra', [http()], { spec: { allowedListeners: { namespaces } } });
const shopListeners = listenerSet('shop', 'shop', { name: 'public', namespace: 'infra' }, [https('shop.example.com')]);

describe('listener-set-not-allowed', () => {
  test('compliant: the Gateway admits every namespace, the ListenerSet\'s own by Same, or by labels', () => {
    expect(check(listenerSetNotAllowed, [admitting({ from: 'All' }), shopListeners], Stage.PRODUCTION)).toEqual([]);
    const sameNamespace = listenerSet('infra-extra', 'infra', { name: 'public' }, [https('extra.example.com')]);
    expect(check(listenerSetNotAllowed, [admitting({ from: 'Same' }), sameNamespace], Stage.PRODUCTION)).toEqual([]);
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { 'gateway-access': 'public' } } };
    expect(check(listenerSetNotAllowed, [ns, admitting({ from: 'Selector', selector: { matchLabels: { 'gateway-access': 'public' } } }), shopListeners], Stage.PRODUCTION)).toEqual([]);
  });
  test('not judged: the Gateway is not in the input, or the namespace\'s labels are unknown', () => {
    expect(check(listenerSetNotAllowed, [shopListeners], Stage.PRODUCTION)).toEqual([]);
    expect(check(listenerSetNotAllowed, [admitting({ from: 'Selector', selector: { matchLabels: { a: 'b' } } }), shopListeners], Stage.PRODUCTION)).toEqual([]);
  });
  test('non-compliant: a Gateway without allowedListeners admits none (the default is from: None)', () => {
    const [f, ...rest] = check(listenerSetNotAllowed, [gateway('public', 'infra', [http()]), shopListeners], Stage.PRODUCTION);
    expect(rest).toEqual([]);
    expect(f.severity).toBe('error');
    expect(f.object).toMatchObject({ kind: 'ListenerSet', name: 'shop', namespace: 'shop' });
    expect(f.message).toBe('is not admitted: Gateway infra/public admits no ListenerSet (spec.allowedListeners is not set, and its default is from: None)');
    expect(check(listenerSetNotAllowed, [gateway('public', 'infra', [http()]), shopListeners])[0].severity).toBe('warning');
  });
  test('non-compliant: Same refuses another namespace; a selector the namespace does not match', () => {
    expect(check(listenerSetNotAllowed, [admitting({ from: 'Same' }), shopListeners], Stage.PRODUCTION)[0].message)
      .toBe('is not admitted: Gateway infra/public admits ListenerSets only from its own namespace "infra" (allowedListeners.namespaces.from: Same)');
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { team: 'shop' } } };
    expect(check(listenerSetNotAllowed, [ns, admitting({ from: 'Selector', selector: { matchLabels: { 'gateway-access': 'public' } } }), shopListeners], Stage.PRODUCTION)[0].message)
      .toBe('is not admitted: Gateway infra/public admits ListenerSets only from namespaces labelled gateway-access=public, and namespace "shop" is not');
  });
});
