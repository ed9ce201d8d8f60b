import { PolicyPeerInfo, selectorUncertainty, workloadsSelectedBy } from '../../model/model';
import { Rule, errorBeyondDevelopment, whereNamespace } from '../rule';

/** The label Kubernetes sets on every Namespace: its own name (since Kubernetes 1.21). */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * The one namespace a peer's pods are in, when the model can know it: the policy's own
 * namespace (no namespaceSelector), or a namespaceSelector on the name label alone.
 */
function peerNamespace(peer: PolicyPeerInfo, own: string): string | undefined {
  if (peer.namespaceLabels === undefined) return own;
  const keys = Object.keys(peer.namespaceLabels);
  return keys.length === 1 && keys[0] === NAMESPACE_NAME_LABEL ? peer.namespaceLabels[NAMESPACE_NAME_LABEL] : undefined;
}

/** A NetworkPolicy peer whose podSelector matches no workload where the peer's pods must be. */
export const danglingNetworkPolicyPeer: Rule = {
  id: 'dangling-network-policy-peer',
  summary: 'A NetworkPolicy admits or allows a podSelector peer that matches no workload of the namespace it names (judged only for the own namespace or a kubernetes.io/metadata.name selector, where the App defines workloads; a warning for YAML without namespaces, applied beside pods the input does not show).',
  why: 'A peer that matches no pod admits nobody: the traffic the policy was written to allow is dropped, and a typo in a label looks like a working rule.',
  severity: errorBeyondDevelopment,
  check(model) {
    const namespaces = new Set(model.workloads.map(w => w.namespace));
    const findings = [];
    for (const policy of model.networkPolicies) {
      for (const [direction, rules] of [['ingress', policy.ingressRules], ['egress', policy.egressRules]] as const) {
        for (const peer of rules.flatMap(rule => rule.peers)) {
          if (peer.cidr !== undefined || peer.hasExpressions || peer.podLabels === undefined || Object.keys(peer.podLabels).length === 0) continue;
          const namespace = peerNamespace(peer, policy.namespace);
          if (namespace === undefined || !namespaces.has(namespace)) continue;
          if (workloadsSelectedBy(model, namespace, peer.podLabels).length > 0) continue;
          // YAML without namespaces (an upstream install, applied with kubectl -n) lands beside
          // whatever else is in that namespace: an optional component installed apart may be the peer.
          const uncertain = selectorUncertainty(model, namespace, peer.podLabels)
            ?? (policy.origin.constructKind === undefined && namespace === '' ? 'the objects have no namespace, so kubectl -n puts them beside pods the input does not show (an optional component installed apart)' : undefined);
          findings.push({
            object: policy,
            message: `${direction === 'egress' ? 'allows traffic to' : 'admits traffic from'} pods ${JSON.stringify(peer.podLabels)} ${whereNamespace(namespace)}, and no workload there has those labels${uncertain !== undefined ? `, but ${uncertain}` : ''}`,
            fix: 'Use the labels of the workload meant (pass the workload itself to allowFrom), or remove the peer',
            uncertain,
          });
        }
      }
    }
    return findings;
  },
};
