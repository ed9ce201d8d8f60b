import { externalIps } from '../../../src/policy/rules/external-ips';
import { check, service } from '../helpers';

describe('external-ips', () => {
  test('compliant: no externalIPs (an empty list counts as none)', () => {
    expect(check(externalIps, [service('a', { selector: { app: 'x' }, ports: [{ port: 80 }], externalIPs: [] })])).toEqual([]);
  });
  test('non-compliant: externalIPs set is an error at every stage, even undeclared', () => {
    const [f] = check(externalIps, [service('a', { selector: { app: 'x' }, ports: [{ port: 80 }], externalIPs: ['203.0.113.10'] })]);
    expect(f.severity).toBe('error');
    expect(f.why).toMatch(/CVE-2020-8554/);
  });
});
