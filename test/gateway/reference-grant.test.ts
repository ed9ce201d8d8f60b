import { ReferenceGrant } from '../../src';
import { newChart, ofKind, synth } from '../util';

describe('ReferenceGrant', () => {
  test('lets routes of another namespace refer to a Service here', () => {
    const chart = newChart();
    const grant = new ReferenceGrant(chart, 'Grant', { metadata: { namespace: 'payments' }, from: [{ kind: 'HTTPRoute', namespace: 'shop' }], to: [{ name: 'payments-api' }] });
    grant.allow({ name: 'payments-api' });
    grant.allow({ kind: 'Secret', name: 'cert' });
    const [g] = ofKind(synth(chart), 'ReferenceGrant');
    expect(g.spec).toEqual({
      from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' }],
      to: [{ group: '', kind: 'Service', name: 'payments-api' }, { group: '', kind: 'Secret', name: 'cert' }],
    });
    expect(grant.namespace).toBe('payments');
  });

  test.each([
    [{ from: [] }, /ReferenceGrant 'test\/Grant': from \[\] must list 1 to 16 referrers/],
    [{ from: [{ kind: 'HTTP Route', namespace: 'a' }] }, /from\[0\].kind "HTTP Route" must be a kind/],
    [{ from: [{ kind: 'HTTPRoute', namespace: 'A' }] }, /from\[0\].namespace "A"/],
    [{ from: [{ kind: 'HTTPRoute', namespace: 'a' }], to: [{ kind: '' }] }, /to.kind "" must be a kind/],
  ])('refuses %#', (props: any, message) => {
    const chart = newChart();
    expect(() => new ReferenceGrant(chart, 'Grant', props)).toThrow(message);
  });

  test('a grant of nothing fails at synth', () => {
    const chart = newChart();
    new ReferenceGrant(chart, 'Grant', { from: [{ kind: 'HTTPRoute', namespace: 'shop' }] });
    expect(() => synth(chart)).toThrow(/ReferenceGrant 'test\/Grant': to is empty, so it grants nothing/);
  });
});
