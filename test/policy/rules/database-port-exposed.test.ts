import { databasePortExposed } from '../../../src/policy/rules/database-port-exposed';
import { Stage } from '../../../src/policy/stages';
import { check, service } from '../helpers';

describe('database-port-exposed', () => {
  test('compliant: a database on a ClusterIP Service; a public web port', () => {
    expect(check(databasePortExposed, [
      service('db', { selector: { app: 'db' }, ports: [{ port: 5432 }] }),
      service('web', { type: 'LoadBalancer', selector: { app: 'w' }, ports: [{ port: 443 }], loadBalancerSourceRanges: ['10.0.0.0/8'] }),
    ], Stage.PRODUCTION)).toEqual([]);
  });
  test.each([[5432, 'PostgreSQL'], [3306, 'MySQL'], [6379, 'Redis'], [27017, 'MongoDB'], [9200, 'Elasticsearch']])('non-compliant: port %d (%s) on a NodePort', (port, name) => {
    const [f] = check(databasePortExposed, [service('db', { type: 'NodePort', selector: { app: 'db' }, ports: [{ port: 30000 - 1, targetPort: port }] })], Stage.STAGING);
    expect(f.severity).toBe('error');
    expect(f.message).toBe(`exposes ${name} (port ${port}) as a NodePort Service`);
  });
});
