import { deployment, modelOf, service } from './helpers';
import { ExposureScope } from '../../src';
import { acknowledgementsOf, addToModel, describe as describeRef, emptyModel, serviceNamed, workloadsIn, workloadsOf, workloadsSelectedBy } from '../../src/model/model';

describe('model', () => {
  test('reads Services, workloads and NetworkPolicies, and the exposure each Service type gives', () => {
    // GIVEN / WHEN
    const model = modelOf(
      service('api', { app: 'api' }),
      service('edge', { app: 'api' }, 'shop', 'LoadBalancer'),
      deployment('api', { app: 'api' }),
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'shop' } },
    );
    // THEN
    expect(model.services.map(s => [s.name, s.type, s.exposure])).toEqual([['api', 'ClusterIP', ExposureScope.CLUSTER], ['edge', 'LoadBalancer', ExposureScope.INTERNET]]);
    expect(model.workloads.map(w => [w.kind, w.name, w.podLabels])).toEqual([['Deployment', 'api', { app: 'api' }]]);
    expect(model.others.map(o => o.kind)).toEqual(['ConfigMap']);
  });

  test('a Service\'s workloads: same namespace, every selector label on the pods', () => {
    const model = modelOf(
      service('api', { app: 'api', tier: 'web' }),
      deployment('api', { app: 'api', tier: 'web', version: 'v1' }),
      deployment('api-other-tier', { app: 'api', tier: 'db' }),
      deployment('api-elsewhere', { app: 'api', tier: 'web' }, 'other'),
    );
    const [api] = model.services;
    expect(workloadsOf(model, api).map(w => w.name)).toEqual(['api']);
    expect(workloadsSelectedBy(model, 'shop', { app: 'api' }).map(w => w.name)).toEqual(['api', 'api-other-tier']);
    expect(workloadsSelectedBy(model, 'shop', {})).toEqual([]);
    expect(workloadsIn(model, 'other').map(w => w.name)).toEqual(['api-elsewhere']);
  });

  test('the indexes follow a model read one manifest at a time', () => {
    // GIVEN a model that was asked before it had everything
    const model = emptyModel();
    addToModel(model, { manifest: service('api', { app: 'api' }), origin: {} });
    expect(serviceNamed(model, 'shop', 'web')).toBeUndefined();
    expect(workloadsSelectedBy(model, 'shop', { app: 'api' })).toEqual([]);
    // WHEN more is read
    addToModel(model, { manifest: service('web', { app: 'web' }), origin: {} });
    addToModel(model, { manifest: deployment('api', { app: 'api' }), origin: {} });
    // THEN the answers see it
    expect(serviceNamed(model, 'shop', 'web')?.name).toBe('web');
    expect(workloadsSelectedBy(model, 'shop', { app: 'api' }).map(w => w.name)).toEqual(['api']);
    expect(workloadsOf(model, model.services[0]).map(w => w.name)).toEqual(['api']);
  });

  test('a NetworkPolicy\'s peers are read once, per rule, with their selectors as terms and as labels', () => {
    const model = modelOf({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'api', namespace: 'shop' },
      spec: {
        podSelector: { matchLabels: { app: 'api' } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }, { namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'Exists' }] } }], ports: [{ port: 8080 }] }],
        egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }] }],
      },
    });
    const [policy] = model.networkPolicies;
    expect(policy.ingressRules).toEqual([{
      peers: [
        { pods: ['app=web'], namespaces: undefined, podLabels: { app: 'web' }, namespaceLabels: undefined, hasExpressions: false },
        { pods: undefined, namespaces: ['team Exists'], podLabels: undefined, namespaceLabels: {}, hasExpressions: true },
      ],
      ports: ['8080/TCP'],
    }]);
    expect(policy.egressRules).toEqual([{ peers: [{ cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] }], ports: [] }]);
    expect((policy as any).peers).toBeUndefined();
  });

  test('acknowledgements and descriptions of an object', () => {
    const model = modelOf({ ...service('api', { app: 'api' }), metadata: { name: 'api', namespace: 'shop', annotations: { 'ack.cdk8s-expose/dangling-service': 'pods come from Helm' } } });
    const [api] = model.services;
    expect([...acknowledgementsOf(api)]).toEqual([['dangling-service', 'pods come from Helm']]);
    expect(describeRef(api)).toBe('Service shop/api');
  });
});
