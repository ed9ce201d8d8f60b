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

  test('non-compliant: 0.0.0.0/0 or ::/0 written in YAML the library did not write (the field or the Kubernetes annotation) is anywhere', () => {
    // ingress-nginx's cloud deploy.yaml leaves ranges out; a team that "opens it up" writes this.
    const field = service('ingress-nginx-controller', { ...spec, externalTrafficPolicy: 'Local', loadBalancerSourceRanges: ['0.0.0.0/0', '::/0'] }, { namespace: 'ingress-nginx' });
    const annotated = service('public', spec, { annotations: { 'service.beta.kubernetes.io/load-balancer-source-ranges': '0.0.0.0/0' } });
    const findings = check(loadBalancerAnywhere, [field, annotated], Stage.PRODUCTION);
    expect(findings.map(f => `${f.object.name} ${f.severity}: ${f.message}`)).toEqual([
      'ingress-nginx-controller error: accepts connections from anywhere on the internet (source ranges 0.0.0.0/0, ::/0)',
      'public error: accepts connections from anywhere on the internet (source ranges 0.0.0.0/0)',
    ]);
    expect(check(loadBalancerAnywhere, [field], Stage.STAGING)[0].severity).toBe('warning');
  });

  test('the same acknowledgement: ack.cdk8s-expose/load-balancer-anywhere on the object', () => {
    const acked = service('lb', { ...spec, loadBalancerSourceRanges: ['0.0.0.0/0'] }, { annotations: { 'ack.cdk8s-expose/load-balancer-anywhere': 'public website' } });
    const [f] = check(loadBalancerAnywhere, [acked], Stage.PRODUCTION);
    expect(f.acknowledged).toBe('public website');
  });

  test('compliant: 0.0.0.0/0 on an internal load balancer is for the VPC, not the internet', () => {
    const internal = service('lb', { ...spec, loadBalancerSourceRanges: ['0.0.0.0/0'] }, { annotations: { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal' } });
    expect(check(loadBalancerAnywhere, [internal], Stage.PRODUCTION)).toEqual([]);
  });
});
