import { nodePortInProduction } from '../../../src/policy/rules/node-port-in-production';
import { Stage } from '../../../src/policy/stages';
import { check, service } from '../helpers';

describe('node-port-in-production', () => {
  const np = service('dev', { type: 'NodePort', selector: { app: 'x' }, ports: [{ port: 80, nodePort: 30080 }] });
  test('compliant: a NodePort in development, or with no stage', () => {
    expect(check(nodePortInProduction, [np], Stage.DEVELOPMENT)).toEqual([]);
    expect(check(nodePortInProduction, [np])).toEqual([]);
  });
  test('non-compliant: an error in production, a warning in staging', () => {
    expect(check(nodePortInProduction, [np], Stage.PRODUCTION).map(f => f.severity)).toEqual(['error']);
    expect(check(nodePortInProduction, [np], Stage.STAGING).map(f => f.severity)).toEqual(['warning']);
  });
  test('acknowledged: reported with its reason, blocking nothing', () => {
    const acked = service('dev', np.spec, { annotations: { 'ack.cdk8s-expose/node-port-in-production': 'bare-metal cluster without a load balancer' } });
    const [f] = check(nodePortInProduction, [acked], Stage.PRODUCTION);
    expect(f.acknowledged).toBe('bare-metal cluster without a load balancer');
  });
});
