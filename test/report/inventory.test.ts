import { ExposureScope, Stage } from '../../src';
import { evaluate } from '../../src/policy/engine';
import { inventoryOf } from '../../src/report/inventory';
import { deployment, modelOf, service } from '../model/helpers';

describe('inventory', () => {
  test('one row per exposed object, most exposed first, then by namespace, kind and name', () => {
    const model = modelOf(
      service('db', { app: 'db' }, 'data'),
      service('web', { app: 'web' }, 'shop', 'LoadBalancer'),
      service('api', { app: 'api' }, 'shop'),
      service('debug', { app: 'debug' }, 'shop', 'NodePort'),
      deployment('web', { app: 'web' }),
    );
    const rows = inventoryOf(model, []);
    expect(rows.map(r => [r.scope, r.namespace, r.kind, r.name])).toEqual([
      [ExposureScope.INTERNET, 'shop', 'Service', 'web'],
      [ExposureScope.NODE, 'shop', 'Service', 'debug'],
      [ExposureScope.CLUSTER, 'data', 'Service', 'db'],
      [ExposureScope.CLUSTER, 'shop', 'Service', 'api'],
    ]);
    expect(rows[0].targets).toEqual(['Deployment/web']);
  });

  test('the findings and acknowledgements of an object are on its row; findings on objects without a row are handed back', () => {
    const model = modelOf(
      { ...service('debug', { app: 'debug' }, 'shop', 'NodePort'), metadata: { name: 'debug', namespace: 'shop', annotations: { 'ack.cdk8s-expose/node-port-in-production': 'lab' } } },
      deployment('debug', { app: 'debug' }, 'shop', [{ containerPort: 8080 }]),
      {
        ...deployment('probed', { app: 'probed' }),
        spec: { selector: { matchLabels: { app: 'probed' } }, template: { metadata: { labels: { app: 'probed' } }, spec: { containers: [{ name: 'app', image: 'a', ports: [{ containerPort: 80 }], readinessProbe: { httpGet: { path: '/ready', port: 'metrics' } } }] } } },
      },
    );
    const findings = evaluate(model, Stage.PRODUCTION);
    const withoutRow: any[] = [];
    const [row] = inventoryOf(model, findings, Stage.PRODUCTION, withoutRow);
    expect(row.name).toBe('debug');
    expect(row.acknowledgements).toEqual([{ rule: 'node-port-in-production', reason: 'lab' }]);
    expect(row.findings.find(f => f.rule === 'node-port-in-production')).toMatchObject({ severity: 'error', acknowledged: 'lab' });
    expect(withoutRow.map(f => [f.ruleId, f.object.name])).toEqual([['probe-port-not-exposed', 'probed']]);
  });

  test('a NetworkPolicy row says who it admits, from the one reading of its peers', () => {
    const model = modelOf(
      deployment('api', { app: 'api' }),
      deployment('web', { app: 'web' }),
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'api', namespace: 'shop' },
        spec: { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }, { ipBlock: { cidr: '10.0.0.0/16' } }], ports: [{ port: 8080 }] }] },
      },
    );
    const policy = inventoryOf(model, []).find(r => r.kind === 'NetworkPolicy')!;
    expect(policy.scope).toBe('isolation');
    expect(policy.policy).toMatchObject({
      policyTypes: ['Ingress'],
      admits: ['Deployment web (8080/TCP)', 'IPs 10.0.0.0/16 (8080/TCP)'],
      workloads: ['Deployment/api'],
      admittedWorkloads: ['shop|Deployment/web'],
      admittedOthers: ['IPs 10.0.0.0/16'],
    });
  });
});
