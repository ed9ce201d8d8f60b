import { nodePortConflict } from '../../../src/policy/rules/node-port-conflict';
import { Stage } from '../../../src/policy/stages';
import { check, service } from '../helpers';

describe('node-port-conflict', () => {
  const np = (name: string, nodePort: number, ns?: string) => service(name, { type: 'NodePort', selector: { app: name }, ports: [{ port: 80, nodePort }] }, { namespace: ns });
  test('compliant: different node ports', () => {
    expect(check(nodePortConflict, [np('a', 30080), np('b', 30081)])).toEqual([]);
  });
  test('non-compliant: the same node port in two namespaces is an error even without a stage', () => {
    const [f, ...rest] = check(nodePortConflict, [np('a', 30080, 'one'), np('b', 30080, 'two')]);
    expect(rest).toEqual([]);
    expect(f.severity).toBe('error');
    expect(f.object.name).toBe('b');
    expect(f.message).toBe('TCP node port 30080 is already used by Service one/a');
  });
  test('non-compliant: a health check node port clashing with a node port', () => {
    const lb = service('lb', { type: 'LoadBalancer', selector: { app: 'x' }, ports: [{ port: 80 }], externalTrafficPolicy: 'Local', healthCheckNodePort: 30080 });
    expect(check(nodePortConflict, [np('a', 30080), lb], Stage.DEVELOPMENT).map(f => f.message)).toEqual(['health check node port 30080 is already used by Service a']);
  });
});
