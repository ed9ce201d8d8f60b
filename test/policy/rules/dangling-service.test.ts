import { danglingService } from '../../../src/policy/rules/dangling-service';
import { Stage } from '../../../src/policy/stages';
import { check, checkUnvalidated, deployment, service } from '../helpers';

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
    expect(f.message).toBe('selector {"app":"web"} matches no workload among the objects without a namespace');
    expect(check(danglingService, manifests, Stage.DEVELOPMENT)[0].severity).toBe('warning');
  });

  /** Argo CD HA's redis StatefulSet (manifests/ha/install.yaml), replicas fixed or not. */
  function redisHa(replicas?: number): any {
    return {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'argocd-redis-ha-server', namespace: 'argocd' },
      spec: {
        replicas,
        serviceName: 'argocd-redis-ha',
        selector: { matchLabels: { app: 'redis-ha', release: 'argocd' } },
        template: { metadata: { labels: { app: 'redis-ha', release: 'argocd' } }, spec: { containers: [{ name: 'redis', image: 'redis:7', ports: [{ name: 'redis', containerPort: 6379 }] }] } },
      },
    };
  }
  /** One of the `argocd-redis-ha-announce-N` Services: one pod of the StatefulSet, by the label its controller adds. */
  function announce(ordinal: number, extra: Record<string, string> = {}): any {
    return service(`argocd-redis-ha-announce-${ordinal}`, {
      publishNotReadyAddresses: true,
      selector: { 'app': 'redis-ha', 'release': 'argocd', 'statefulset.kubernetes.io/pod-name': `argocd-redis-ha-server-${ordinal}`, ...extra },
      ports: [{ name: 'tcp-server', port: 6379, targetPort: 'redis' }],
    }, { namespace: 'argocd' });
  }

  test('compliant: the labels controllers add to pods (a StatefulSet\'s pod name per ordinal, pod index, a Job\'s name)', () => {
    expect(check(danglingService, [redisHa(3), announce(0), announce(1), announce(2, { 'apps.kubernetes.io/pod-index': '2' })], Stage.PRODUCTION)).toEqual([]);
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate', namespace: 'argocd' }, spec: { template: { metadata: { labels: { app: 'migrate' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } } };
    expect(check(danglingService, [job, service('migrate', { selector: { 'batch.kubernetes.io/job-name': 'migrate' }, ports: [{ port: 80 }] }, { namespace: 'argocd' })], Stage.PRODUCTION)).toEqual([]);
  });

  test('non-compliant: an ordinal beyond the replicas, a pod index that contradicts the pod name, another Job\'s name', () => {
    const findings = check(danglingService, [redisHa(3), announce(3), announce(1, { 'apps.kubernetes.io/pod-index': '2' })], Stage.PRODUCTION);
    expect(findings.map(f => `${f.object.name} ${f.severity}`)).toEqual(['argocd-redis-ha-announce-3 error', 'argocd-redis-ha-announce-1 error']);
  });

  test('uncertain, a warning that says why: a label the controller computes; an ordinal beyond replicas the YAML does not fix', () => {
    const byHash = service('web-canary', { selector: { 'app': 'web', 'pod-template-hash': '5d9c7b6f4' }, ports: [{ port: 80 }] });
    const [hash] = check(danglingService, [deployment('web', { app: 'web' }), byHash], Stage.PRODUCTION);
    expect(`${hash.severity}: ${hash.message}`).toBe('warning: selector {"app":"web","pod-template-hash":"5d9c7b6f4"} matches no workload among the objects without a namespace, but the pods of Deployment web may have them: their controller sets pod-template-hash to values the YAML does not fix');
    const [scaled] = check(danglingService, [redisHa(), announce(0), announce(2)], Stage.PRODUCTION);
    expect([scaled.object.name, scaled.severity]).toEqual(['argocd-redis-ha-announce-2', 'warning']);
  });

  test('uncertain, a warning: pods an operator makes from a custom resource (kube-prometheus\' prometheus-k8s Service)', () => {
    const manifests = [
      { ...deployment('prometheus-operator', { 'app.kubernetes.io/name': 'prometheus-operator' }), metadata: { name: 'prometheus-operator', namespace: 'monitoring' } },
      service('prometheus-k8s', { selector: { 'app.kubernetes.io/name': 'prometheus', 'prometheus': 'k8s' }, ports: [{ name: 'web', port: 9090, targetPort: 'web' }] }, { namespace: 'monitoring' }),
      { apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', metadata: { name: 'k8s', namespace: 'monitoring' }, spec: { replicas: 2, serviceAccountName: 'prometheus-k8s' } },
    ];
    const [f] = checkUnvalidated(danglingService, manifests, Stage.PRODUCTION);
    expect(`${f.severity}: ${f.message}`).toBe('warning: selector {"app.kubernetes.io/name":"prometheus","prometheus":"k8s"} matches no workload in namespace "monitoring", but the input holds custom resources (Prometheus monitoring/k8s) whose controllers may make pods that are not in the YAML');
    // A custom resource that makes no pods (a ServiceMonitor) leaves the error certain.
    const withMonitorOnly = [manifests[0], manifests[1], { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'k8s', namespace: 'monitoring' }, spec: { selector: {}, endpoints: [] } }];
    expect(checkUnvalidated(danglingService, withMonitorOnly, Stage.PRODUCTION)[0].severity).toBe('error');
    // So does a route of another project (a Traefik IngressRoute): it makes no pods.
    const withRoute = [manifests[0], manifests[1], { apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRoute', metadata: { name: 'prometheus', namespace: 'monitoring' }, spec: { routes: [] } }];
    expect(checkUnvalidated(danglingService, withRoute, Stage.PRODUCTION)[0].severity).toBe('error');
  });

  test('bad input: custom resources and unknown kinds never crash the model, and a custom kind named like a workload is not one', () => {
    const findings = checkUnvalidated(danglingService, [
      deployment('web', { app: 'web' }),
      service('web', { selector: { app: 'web' }, ports: [{ port: 80 }] }),
      { apiVersion: 'example.com/v1', kind: 'Deployment', metadata: { name: 'fake' }, spec: { template: { metadata: { labels: { app: 'fake' } } } } },
      { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', labels: ['not', 'a', 'map'] }, spec: 'text' },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: 7 },
      { kind: 'NoVersion' },
      { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'bad' }, spec: { rules: 5, tls: 'yes' } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'bad' }, spec: { template: { spec: { containers: 5, initContainers: 'x' } } } },
      service('fake', { selector: { app: 'fake' }, ports: [{ port: 80 }] }),
    ], Stage.PRODUCTION);
    expect(findings.map(f => `${f.object.name} ${f.severity}`)).toEqual(['fake warning']);
  });
});
