/** cdk8s-plus NetworkPolicy peers as Kubernetes peers, checked. Private to the library. */
import * as kplus from 'cdk8s-plus-28';
import { factoryError, show } from '../errors';
import { labelSelectorProblems } from '../validation/networking';

/** The NetworkPolicy peer of a cdk8s-plus peer: an IP block, or pods (in some namespaces). */
function toKube(peer: kplus.INetworkPolicyPeer): kplus.k8s.NetworkPolicyPeer {
  const config = peer.toNetworkPolicyPeerConfig();
  if (config.ipBlock) {
    return { ipBlock: config.ipBlock._toKube() };
  }
  const pods = config.podSelector!;
  const namespaces = pods.namespaces;
  let namespaceSelector: kplus.k8s.LabelSelector | undefined;
  if (namespaces?.names && namespaces.names.length > 0) {
    namespaceSelector = { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: [...namespaces.names] }] };
  } else if (namespaces?.labelSelector) {
    namespaceSelector = namespaces.labelSelector._toKube();
  }
  return { podSelector: pods.labelSelector._toKube(), namespaceSelector };
}

/**
 * A cdk8s-plus peer as a NetworkPolicy peer, checked: `what` names the call or prop for the
 * error (`InternalService 'c/Db': allowFrom ...`, `DnsEgress.toPeers: peers[0]`).
 */
export function kubePeerOf(
  peer: kplus.INetworkPolicyPeer,
  what: string,
  fail: (message: string) => Error = m => factoryError(what, m),
): kplus.k8s.NetworkPolicyPeer {
  if (peer === undefined || peer === null || typeof (peer as kplus.INetworkPolicyPeer).toNetworkPolicyPeerConfig !== 'function') {
    throw fail(`received ${show(peer)}; pass a workload, NetworkPeer.pods(kplus.Pods.select(...)), kplus.Namespaces.select(...) or a kplus.NetworkPolicyIpBlock`);
  }
  const kube = toKube(peer);
  const problems = labelSelectorProblems(kube.podSelector, 'peer podSelector').concat(labelSelectorProblems(kube.namespaceSelector, 'peer namespaceSelector'));
  if (problems.length > 0) throw fail(`${problems.join('; ')}. A NetworkPolicy peer selects pods and namespaces by valid labels`);
  return kube;
}

