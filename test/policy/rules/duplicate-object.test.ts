import { duplicateObject } from '../../../src/policy/rules/duplicate-object';
import { check, service } from '../helpers';

describe('duplicate-object', () => {
  test('compliant: one name in two namespaces, or two kinds with one name', () => {
    expect(check(duplicateObject, [
      service('api', { selector: { app: 'a' }, ports: [{ port: 80 }] }, { namespace: 'a' }),
      service('api', { selector: { app: 'a' }, ports: [{ port: 80 }] }, { namespace: 'b' }),
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'api', namespace: 'a' } },
    ])).toEqual([]);
  });

  test('non-compliant: the second object of one kind, namespace and name, an error at every stage', () => {
    const [f] = check(duplicateObject, [
      service('api', { selector: { app: 'a' }, ports: [{ port: 80 }] }, { namespace: 'a' }),
      service('api', { selector: { app: 'b' }, ports: [{ port: 81 }] }, { namespace: 'a' }),
    ]);
    expect(f.severity).toBe('error');
    expect(f.message).toMatch(/kubectl apply would keep only one/);
  });
});
