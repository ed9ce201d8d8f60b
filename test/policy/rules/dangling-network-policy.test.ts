import { danglingNetworkPolicy } from '../../../src/policy/rules/dangling-network-policy';
import { Stage } from '../../../src/policy/stages';
import { check, checkUnvalidated, deployment } from '../helpers';

function networkPolicy(name: string, podSelector: any, namespace?: string): any {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec: { podSelector, policyTypes: ['Ingress'] } };
}

describe('dangling-network-policy', () => {
  test('compliant: selects a workload; an empty selector (every pod); expressions; a namespace without workloads', () => {
    expect(check(danglingNetworkPolicy, [
      deployment('web', { app: 'web' }),
      networkPolicy('web-only', { matchLabels: { app: 'web' } }),
      networkPolicy('deny-all', {}),
      networkPolicy('by-expression', { matchExpressions: [{ key: 'app', operator: 'In', values: ['nothing'] }] }),
      networkPolicy('elsewhere', { matchLabels: { app: 'db' } }, 'data'),
    ], Stage.PRODUCTION)).toEqual([]);
  });

  test('non-compliant: labels no workload of the namespace has; a warning in development, an error from staging', () => {
    const manifests = [deployment('web', { app: 'web' }), networkPolicy('typo', { matchLabels: { app: 'wbe' } })];
    const [finding] = check(danglingNetworkPolicy, manifests, Stage.STAGING);
    expect(finding.severity).toBe('error');
    expect(finding.object.name).toBe('typo');
    expect(finding.message).toBe('podSelector {"app":"wbe"} matches no workload among the objects without a namespace, so it isolates nothing');
    expect(check(danglingNetworkPolicy, manifests, Stage.DEVELOPMENT)[0].severity).toBe('warning');
  });

  test('non-compliant but uncertain: kube-prometheus\' policy for the pods of its Prometheus custom resource is a warning that says why', () => {
    const findings = checkUnvalidated(danglingNetworkPolicy, [
      { ...deployment('prometheus-operator', { 'app.kubernetes.io/name': 'prometheus-operator' }), metadata: { name: 'prometheus-operator', namespace: 'monitoring' } },
      { ...networkPolicy('prometheus-k8s', { matchLabels: { 'app.kubernetes.io/name': 'prometheus', 'app.kubernetes.io/instance': 'k8s' } }, 'monitoring') },
      { apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', metadata: { name: 'k8s', namespace: 'monitoring' }, spec: { replicas: 2 } },
    ], Stage.PRODUCTION);
    expect(findings.map(f => `${f.severity}: ${f.message}`)).toEqual([
      'warning: podSelector {"app.kubernetes.io/name":"prometheus","app.kubernetes.io/instance":"k8s"} matches no workload in namespace "monitoring", but the input holds custom resources (Prometheus monitoring/k8s) whose controllers may make pods that are not in the YAML',
    ]);
  });
});
