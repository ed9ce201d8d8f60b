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
    const findings = check(danglingNetworkPolicyPeer, manifests, Stage.STAGING);
    // YAML without namespaces (Argo CD's core install admits argocd-server, installed apart with kubectl -n): a warning that says why.
    const withoutNamespace = (m: any) => ({ ...m, metadata: { ...m.metadata, namespace: undefined } });
    expect(check(danglingNetworkPolicyPeer, [withoutNamespace(deployment('api', { app: 'api' })), withoutNamespace(policy('api', [{ podSelector: { matchLabels: { app: 'frontend' } } }]))], Stage.STAGING)
      .map(f => `${f.severity}: ${f.message}`)).toEqual([
      'warning: admits traffic from pods {"app":"frontend"} among the objects without a namespace, and no workload there has those labels, but the objects have no namespace, so kubectl -n puts them beside pods the input does not show (an optional component installed apart)',
    ]);
    expect(findings.map(f => `${f.severity}: ${f.message}`)).toEqual([
      'error: admits traffic from pods {"app":"frontend"} in namespace "shop", and no workload there has those labels',
      'error: admits traffic from pods {"app":"grafana"} in namespace "monitoring", and no workload there has those labels',
      'error: allows traffic to pods {"app":"db"} in namespace "shop", and no workload there has those labels',
    ]);
  });
});
