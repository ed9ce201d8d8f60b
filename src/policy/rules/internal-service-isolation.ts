import { Rule, productionOnly } from '../rule';

/** When the policy requires it, every ClusterIP Service's pods are covered by a NetworkPolicy. */
export const internalServiceIsolation: Rule = {
  id: 'internal-service-isolation',
  summary: 'With requireIsolation, a ClusterIP Service selects pods that no NetworkPolicy restricts (give InternalService allowFrom).',
  why: 'Without a NetworkPolicy every pod in the cluster can reach the Service; a compromised pod anywhere reaches the database.',
  severity: (stage, object) => (object.origin.requireIsolation ? productionOnly(stage) : undefined),
  check(model) {
    return model.services
      // The Service behind an IngressFronted must stay reachable by the ingress controller.
      .filter(s => s.type === 'ClusterIP' && Object.keys(s.selector).length > 0 && s.origin.constructKind !== 'IngressFronted')
      // A policy covers the Service's pods when its pod selector asks only for labels the
      // Service's selector guarantees (an empty pod selector covers the whole namespace).
      .filter(s => !model.networkPolicies.some(p => p.namespace === s.namespace && p.isolatesIngress
        && !p.podSelectorHasExpressions && Object.entries(p.podSelector).every(([k, v]) => s.selector[k] === v)))
      .map(s => ({ object: s, message: 'selects pods that any pod in the cluster can reach (no NetworkPolicy covers them)', fix: 'Pass allowFrom: [...] to the InternalService to emit a NetworkPolicy, or acknowledge the rule with a reason' }));
  },
};
