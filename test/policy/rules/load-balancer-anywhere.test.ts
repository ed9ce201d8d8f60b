import { loadBalancerAnywhere } from '../../../src/policy/rules/load-balancer-anywhere';
import { Stage } from '../../../src/policy/stages';
import { check, service } from '../helpers';

describe('load-balancer-anywhere', () => {
  const spec = { type: 'LoadBalancer', selector: { app: 'x' }, ports: [{ port: 443 }] };
  const anywhere = service('lb', spec, { annotations: { 'cdk8s-expose/source-ranges': 'anywhere' } });
  test('compliant: limited source ranges, or anywhere outside production', () => {
    expect(check(loadBalancerAnywhere, [service('lb', { ...spec, loadBalancerSourceRanges: ['10.0.0.0/8'] })], Stage.PRODUCTION)).toEqual([]);
    expect(check(loadBalancerAnywhere, [anywhere], Stage.DEVELOPMENT)).toEqual([]);
  });
  test('non-compliant: anywhere in production needs an acknowledgement', () => {
    const [f] = check(loadBalancerAnywhere, [anywhere], Stage.PRODUCTION);
    expect(f.severity).toBe('error');
    expect(f.acknowledged).toBeUndefined();
  });
});
