import { targetPortNotExposed } from '../../../src/policy/rules/target-port-not-exposed';
import { Stage } from '../../../src/policy/stages';
import { check, deployment, service } from '../helpers';

describe('target-port-not-exposed', () => {
  const web = deployment('web', { app: 'web' }, [{ containerPort: 3000, name: 'http' }]);
  test('compliant: numeric and named target ports the container declares', () => {
    const svc = service('web', { selector: { app: 'web' }, ports: [{ name: 'a', port: 80, targetPort: 3000 }, { name: 'b', port: 81, targetPort: 'http' }] });
    expect(check(targetPortNotExposed, [svc, web], Stage.PRODUCTION)).toEqual([]);
  });
  test('uncertain: a numeric port the container does not declare is a warning (a process may listen on a port it does not declare)', () => {
    const [f] = check(targetPortNotExposed, [service('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] }), web], Stage.PRODUCTION);
    expect(f.severity).toBe('warning');
    expect(f.message).toBe('targetPort 8080 is not a container port of Deployment web (it has 3000), but a container may listen on a port it does not declare (containerPort lists are informational)');
  });
  test('non-compliant: a named port no container declares, even when the containers declare none', () => {
    const [f] = check(targetPortNotExposed, [service('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'grpc' }] }), deployment('web', { app: 'web' })]);
    expect(f.severity).toBe('warning');
    expect(f.message).toMatch(/targetPort "grpc" is not a named container port/);
  });
});
