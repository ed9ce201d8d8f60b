import { Rule, productionOnly } from '../rule';

/** An object that names the `default` namespace. */
export const defaultNamespace: Rule = {
  id: 'default-namespace',
  summary: 'A Service, Ingress, HTTPRoute, NetworkPolicy or workload is written into the default namespace (an object with no namespace is not judged: kubectl -n or the chart decides it).',
  why: 'The default namespace is shared by everything nobody placed on purpose: NetworkPolicies, RBAC and quotas written for it reach unrelated objects, and its pods are the first that other tenants can reach.',
  severity: productionOnly,
  check(model) {
    const objects = [...model.services, ...model.entries, ...model.networkPolicies, ...model.workloads];
    return objects
      .filter(o => o.namespace === 'default' && !(o.kind === 'Service' && o.name === 'kubernetes'))
      .map(o => ({
        object: o,
        message: 'is in the default namespace',
        fix: 'Give the chart (or metadata.namespace) a namespace of its own',
      }));
  },
};
