import { ROUTE_KINDS } from '../../model/gateway-model';
import { ObjectRef } from '../../model/model';
import { isClusterScoped } from '../../validation/manifest';
import { Rule, always } from '../rule';

/** The group Kubernetes stores a kind under: `extensions` Ingresses and Deployments are the same objects as the current ones. */
const MOVED_FROM_EXTENSIONS: Record<string, string> = {
  Ingress: 'networking.k8s.io', NetworkPolicy: 'networking.k8s.io', Deployment: 'apps', DaemonSet: 'apps', ReplicaSet: 'apps',
};

/** The API group of a modelled object (the model reads each kind from known groups only). */
function groupOf(o: ObjectRef, list: 'services' | 'entries' | 'workloads' | 'networkPolicies' | 'others'): string {
  let group = o.apiGroup;
  if (group === undefined) {
    switch (list) {
      case 'services': group = ''; break;
      case 'entries': group = ROUTE_KINDS.includes(o.kind) ? 'gateway.networking.k8s.io' : 'networking.k8s.io'; break;
      case 'networkPolicies': group = 'networking.k8s.io'; break;
      case 'workloads': group = o.kind === 'Pod' || o.kind === 'ReplicationController' ? '' : o.kind === 'Job' || o.kind === 'CronJob' ? 'batch' : 'apps'; break;
      default: group = ''; break;
    }
  }
  return group === 'extensions' ? MOVED_FROM_EXTENSIONS[o.kind] ?? group : group;
}

/** Two objects with one API group, kind, namespace (for namespaced kinds) and name. */
export const duplicateObject: Rule = {
  id: 'duplicate-object',
  summary: 'Two objects of the same API group and kind have the same name (and, for a namespaced kind, the same namespace).',
  why: 'kubectl apply writes both to the same object: the second silently replaces the first, and whichever comes last in the files wins.',
  severity: always,
  check(model) {
    const seen = new Map<string, string>();
    const findings = [];
    const lists = ['services', 'entries', 'workloads', 'networkPolicies', 'others'] as const;
    for (const list of lists) {
      for (const o of model[list] as ObjectRef[]) {
        const group = groupOf(o, list);
        // A cluster-scoped object has no namespace: the API server drops one written on it.
        const namespace = isClusterScoped(group, o.kind) ? '' : o.namespace;
        const key = `${group}\u0000${o.kind}\u0000${namespace}\u0000${o.name}`;
        const first = seen.get(key);
        if (first === undefined) {
          seen.set(key, o.origin.constructPath ?? o.origin.file ?? '');
          continue;
        }
        findings.push({
          object: o,
          message: `has the same API group, kind, ${namespace !== '' ? 'namespace and name' : 'and name (it has no namespace)'} as an earlier object${first ? ` (${first})` : ''}; kubectl apply would keep only one`,
          fix: 'Give one of them another metadata.name, or another namespace',
        });
      }
    }
    return findings;
  },
};
