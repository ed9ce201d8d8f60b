import { duplicateServiceSelector } from '../../../src/policy/rules/duplicate-service-selector';
import { Stage } from '../../../src/policy/stages';
import { check, service } from '../helpers';

describe('duplicate-service-selector', () => {
  test('compliant: other selectors, other namespaces, a headless Service beside a ClusterIP one', () => {
    expect(check(duplicateServiceSelector, [
      service('api', { selector: { app: 'api' }, ports: [{ port: 80 }] }),
      service('web', { selector: { app: 'web' }, ports: [{ port: 80 }] }),
      service('api', { selector: { app: 'api' }, ports: [{ port: 80 }] }, { namespace: 'other' }),
      service('api-headless', { selector: { app: 'api' }, clusterIP: 'None', ports: [{ port: 80 }] }),
    ], Stage.PRODUCTION)).toEqual([]);
  });

  test('compliant: a second Service of the same reach (a metrics Service), or on other target ports (an admission webhook beside a LoadBalancer)', () => {
    // As Argo CD's argocd-server-metrics and ingress-nginx's controller-admission (test/fixtures/field/).
    expect(check(duplicateServiceSelector, [
      service('server', { selector: { app: 'server' }, ports: [{ port: 80, targetPort: 8080 }] }),
      service('server-metrics', { selector: { app: 'server' }, ports: [{ port: 8083, targetPort: 8083 }] }),
      service('controller', { type: 'LoadBalancer', selector: { app: 'nginx' }, ports: [{ port: 80, targetPort: 'http' }], loadBalancerSourceRanges: ['10.0.0.0/8'] }),
      service('controller-admission', { selector: { app: 'nginx' }, ports: [{ port: 443, targetPort: 'webhook' }] }),
    ], Stage.PRODUCTION)).toEqual([]);
  });

  test('non-compliant: a LoadBalancer on the pods of a ClusterIP Service (labels in any order); a warning at every stage', () => {
    const manifests = [
      service('db', { selector: { app: 'db', tier: 'data' }, ports: [{ port: 5432 }] }),
      service('db-public', { type: 'LoadBalancer', selector: { tier: 'data', app: 'db' }, ports: [{ port: 5432 }], loadBalancerSourceRanges: ['10.0.0.0/8'] }),
    ];
    for (const stage of [undefined, Stage.DEVELOPMENT, Stage.PRODUCTION]) {
      const findings = check(duplicateServiceSelector, manifests, stage);
      expect(findings.map(f => `${f.object.name} ${f.severity}`)).toEqual(['db-public warning']);
      expect(findings[0].message).toBe('selects the same pods ({"tier":"data","app":"db"}) as the ClusterIP Service db, and reaches them as a LoadBalancer Service');
    }
  });
});
