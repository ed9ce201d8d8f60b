import { NetworkPolicyInfo } from '../../model/model';
import { Rule, productionOnly } from '../rule';

/** A canonical key for a label set in a namespace. */
function keyOf(namespace: string, labels: Array<[string, string]>): string {
  return `${namespace}|${labels.map(([k, v]) => `${k}=${v}`).sort().join(',')}`;
}

/** Every subset of the labels (a selector has a handful; beyond 10 only the empty set and the whole). */
function subsets(labels: Array<[string, string]>): Array<Array<[string, string]>> {
  if (labels.length > 10) return [[], labels];
  let out: Array<Array<[string, string]>> = [[]];
  for (const label of labels) {
    out = [...out, ...out.map(subset => [...subset, label])];
  }
  return out;
}

/** When the policy requires it, every ClusterIP Service's pods are covered by a NetworkPolicy. */
/** The constructs whose ClusterIP Service a proxy outside their namespace reaches. */
const FRONTED = ['IngressFronted', 'GatewayFronted'];

export const internalServiceIsolation: Rule = {
  id: 'internal-service-isolation',
  summary: 'With requireIsolation, a ClusterIP Service selects pods that no NetworkPolicy restricts (give InternalService allowFrom).',
  why: 'Without a NetworkPolicy every pod in the cluster can reach the Service; a compromised pod anywhere reaches the database.',
  severity: (stage, object) => (object.origin.requireIsolation ? productionOnly(stage) : undefined),
  check(model) {
    // A policy covers the Service's pods when its pod selector asks only for labels the
    // Service's selector guarantees (an empty pod selector covers the whole namespace).
    const covering = new Set(model.networkPolicies
      .filter((p: NetworkPolicyInfo) => p.isolatesIngress && !p.podSelectorHasExpressions)
      .map(p => keyOf(p.namespace, Object.entries(p.podSelector))));
    return model.services
      // The Service behind an IngressFronted or a GatewayFronted must stay reachable by the
      // ingress controller's or the Gateway's proxy, which runs in a namespace of its own.
      .filter(s => s.type === 'ClusterIP' && Object.keys(s.selector).length > 0 && !FRONTED.includes(s.origin.constructKind ?? ''))
      .filter(s => !subsets(Object.entries(s.selector)).some(sub => covering.has(keyOf(s.namespace, sub))))
      .map(s => ({ object: s, message: 'selects pods that any pod in the cluster can reach (no NetworkPolicy covers them)', fix: 'Pass allowFrom: [...] to the InternalService to emit a NetworkPolicy, or acknowledge the rule with a reason' }));
  },
};
