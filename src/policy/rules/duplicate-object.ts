import { ObjectRef } from '../../model/model';
import { Rule, always } from '../rule';

/** Two objects of one kind with one name in one namespace. */
export const duplicateObject: Rule = {
  id: 'duplicate-object',
  summary: 'Two objects of the same kind have the same name in the same namespace.',
  why: 'kubectl apply writes both to the same object: the second silently replaces the first, and whichever comes last in the files wins.',
  severity: always,
  check(model) {
    // Kind, then namespace, then name: nested maps of the strings the objects already have (a
    // key string built per object was most of this rule's time at 100,000 objects).
    const seen = new Map<string, Map<string, Map<string, string>>>();
    const findings = [];
    for (const list of [model.services, model.entries, model.workloads, model.networkPolicies, model.others] as ObjectRef[][]) {
      for (const o of list) {
        let byNamespace = seen.get(o.kind);
        if (byNamespace === undefined) seen.set(o.kind, byNamespace = new Map());
        let byName = byNamespace.get(o.namespace);
        if (byName === undefined) byNamespace.set(o.namespace, byName = new Map());
        const first = byName.get(o.name);
        if (first === undefined) {
          byName.set(o.name, o.origin.constructPath ?? o.origin.file ?? '');
          continue;
        }
        findings.push({
          object: o,
          message: `has the same kind, namespace and name as an earlier object${first ? ` (${first})` : ''}; kubectl apply would keep only one`,
          fix: 'Give one of them another metadata.name, or another namespace',
        });
      }
    }
    return findings;
  },
};
