import { danglingService } from '../../../src/policy/rules/dangling-service';
import { Stage } from '../../../src/policy/stages';
import { check, deployment, service } from '../helpers';

describe('dangling-service', () => {
  const svc = service('web', { selector: { app: 'web' }, ports: [{ port: 80 }] });
  test('compliant: the selector matches a workload', () => {
    expect(check(danglingService, [svc, deployment('web', { app: 'web', tier: 'fe' })], Stage.PRODUCTION)).toEqual([]);
  });
  test('compliant: not checked when the App defines no workloads', () => {
    expect(check(danglingService, [svc], Stage.PRODUCTION)).toEqual([]);
  });
  test('non-compliant: no workload has the labels (error in production, warning in development)', () => {
    const manifests = [svc, deployment('api', { app: 'api' })];
    const [f] = check(danglingService, manifests, Stage.PRODUCTION);
    expect(f.severity).toBe('error');
    expect(f.message).toBe('selector {"app":"web"} matches no workload in namespace "(default)"');
    expect(check(danglingService, manifests, Stage.DEVELOPMENT)[0].severity).toBe('warning');
  });
});
