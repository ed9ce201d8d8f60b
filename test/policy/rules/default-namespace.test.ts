import { defaultNamespace } from '../../../src/policy/rules/default-namespace';
import { Stage } from '../../../src/policy/stages';
import { check, deployment, service } from '../helpers';

describe('default-namespace', () => {
  test('compliant: a namespace of its own, no namespace (kubectl -n decides), the API server\'s own Service', () => {
    expect(check(defaultNamespace, [
      service('api', { selector: { app: 'api' }, ports: [{ port: 80 }] }, { namespace: 'shop' }),
      service('web', { selector: { app: 'web' }, ports: [{ port: 80 }] }),
      service('kubernetes', { ports: [{ port: 443 }] }, { namespace: 'default' }),
    ], Stage.PRODUCTION)).toEqual([]);
  });

  test('non-compliant: a Service and a Deployment in namespace default; a warning in staging, an error in production', () => {
    const web = deployment('web', { app: 'web' });
    web.metadata.namespace = 'default';
    const manifests = [service('web', { selector: { app: 'web' }, ports: [{ port: 80 }] }, { namespace: 'default' }), web];
    expect(check(defaultNamespace, manifests, Stage.DEVELOPMENT)).toEqual([]);
    expect(check(defaultNamespace, manifests, Stage.STAGING).map(f => f.severity)).toEqual(['warning', 'warning']);
    expect(check(defaultNamespace, manifests, Stage.PRODUCTION).map(f => `${f.object.kind} ${f.severity}: ${f.message}`)).toEqual([
      'Service error: is in the default namespace',
      'Deployment error: is in the default namespace',
    ]);
  });
});
