import { loadBalancerWithoutSourceRanges } from '../../../src/policy/rules/load-balancer-without-source-ranges';
import { Stage } from '../../../src/policy/stages';
import { check, service } from '../helpers';

describe('load-balancer-without-source-ranges', () => {
  const spec = { type: 'LoadBalancer', selector: { app: 'x' }, ports: [{ port: 443 }] };
  test('compliant: source ranges, or a recorded anywhere', () => {
    expect(check(loadBalancerWithoutSourceRanges, [
      service('a', { ...spec, loadBalancerSourceRanges: ['10.0.0.0/8'] }),
      service('b', spec, { annotations: { 'cdk8s-expose/source-ranges': 'anywhere' } }),
    ], Stage.PRODUCTION)).toEqual([]);
  });
  test('compliant: the Kubernetes source-ranges annotation, which the cloud provider reads when the field is empty', () => {
    expect(check(loadBalancerWithoutSourceRanges, [
      service('a', spec, { annotations: { 'service.beta.kubernetes.io/load-balancer-source-ranges': '203.0.113.0/24, 198.51.100.0/24' } }),
    ], Stage.PRODUCTION)).toEqual([]);
  });
  test('non-compliant: a foreign LoadBalancer with nothing said', () => {
    const [f] = check(loadBalancerWithoutSourceRanges, [service('a', spec)], Stage.PRODUCTION);
    expect(f.severity).toBe('error');
    expect(f.message).toBe('is an internet-facing load balancer with no source ranges');
  });
  test('an internal load balancer is reported as VPC-internal, a warning in development', () => {
    const [f] = check(loadBalancerWithoutSourceRanges, [service('a', spec, { annotations: { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal' } })], Stage.DEVELOPMENT);
    expect(f.severity).toBe('warning');
    expect(f.message).toBe('is a VPC-internal load balancer with no source ranges');
  });
});
