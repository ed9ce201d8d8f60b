import { danglingNetworkPolicyPeer } from '../../../src/policy/rules/dangling-network-policy-peer';
import { Stage } from '../../../src/policy/stages';
import { check, deployment } from '../helpers';

function inNamespace(manifest: any, namespace: string): any {
  return { ...manifest, metadata: { ...manifest.metadata, namespace } };
}

function policy(name: string, from: any[], to: any[] = []): any {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace: 'shop' },
    spec: { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress', 'Egress'], ingress: [{ from }], egress: [{ to }] },
  };
}

const workloads = [
  inNamespace(deployment('api', { app: 'api' }), 'shop'),
  inNamespace(deployment('web', { app: 'web' }), 'shop'),
  inNamespace(deployment('prometheus', { app: 'prometheus' }), 'monitoring'),
];

describe('dangling-network-policy-peer', () => {
  test('compliant: peers that match workloads, and peers the model cannot judge', () => {
    expect(check(danglingNetworkPolicyPeer, [...workloads, policy('api', [
      { podSelector: { matchLabels: { app: 'web' } } },
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } }, podSelector: { matchLabels: { app: 'prometheus' } } },
      // A namespace chosen by other labels, a namespace without workloads here, expressions, IP blocks, every pod.
      { namespaceSelector: { matchLabels: { team: 'ops' } }, podSelector: { matchLabels: { app: 'unknown' } } },
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { k8s: 'dns' } } },
      { podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['x'] }] } },
      { ipBlock: { cidr: '10.0.0.0/8' } },
      { podSelector: {} },
    ], [{ podSelector: { matchLabels: { app: 'web' } } }])], Stage.PRODUCTION)).toEqual([]);
  });

  test('non-compliant: an ingress source and an egress destination that match no workload where they must be', () => {
    const manifests = [...workloads, policy('api', [
      { podSelector: { matchLabels: { app: 'frontend' } } },
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } }, podSelector: { matchLabels: { app: 'grafana' } } },
    ], [{ podSelector: { matchLabels: { app: 'db' } } }])];
    // A policy a cdk8s-expose construct made: its peers are the App's, so a missing one is certain.
    const findings = check(danglingNetworkPolicyPeer, manifests, Stage.STAGING, { constructKind: 'InternalService', constructPath: 'app/api' });
    // A policy from other YAML (Argo CD's core install admits argocd-server, installed apart): a warning that says why.
    expect(check(danglingNetworkPolicyPeer, manifests, Stage.STAGING).map(f => `${f.severity}: ${f.message}`)[0]).toBe(
      'warning: admits traffic from pods {"app":"frontend"} in namespace "shop", and no workload there has those labels, but the policy was not made by a cdk8s-expose construct, and the peer may be installed by YAML not in the input (an optional component)');
    expect(findings.map(f => `${f.severity}: ${f.message}`)).toEqual([
      'error: admits traffic from pods {"app":"frontend"} in namespace "shop", and no workload there has those labels',
      'error: admits traffic from pods {"app":"grafana"} in namespace "monitoring", and no workload there has those labels',
      'error: allows traffic to pods {"app":"db"} in namespace "shop", and no workload there has those labels',
    ]);
  });
});
