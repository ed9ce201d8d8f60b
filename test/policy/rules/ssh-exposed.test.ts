import { sshExposed } from '../../../src/policy/rules/ssh-exposed';
import { Stage } from '../../../src/policy/stages';
import { check, service } from '../helpers';

describe('ssh-exposed', () => {
  test('compliant: SSH on a ClusterIP Service stays inside', () => {
    expect(check(sshExposed, [service('ssh', { selector: { app: 'x' }, ports: [{ port: 22 }] })], Stage.PRODUCTION)).toEqual([]);
  });
  test('non-compliant: port 22 on a NodePort or LoadBalancer', () => {
    const manifests = [
      service('a', { type: 'NodePort', selector: { app: 'x' }, ports: [{ port: 2222, targetPort: 22 }] }),
      service('b', { type: 'LoadBalancer', selector: { app: 'x' }, ports: [{ port: 22 }], loadBalancerSourceRanges: ['10.0.0.0/8'] }),
    ];
    const findings = check(sshExposed, manifests, Stage.DEVELOPMENT);
    expect(findings.map(f => [f.object.name, f.severity])).toEqual([['a', 'error'], ['b', 'error']]);
    expect(check(sshExposed, manifests)[0].severity).toBe('warning');
  });
});
