import { Rule, always } from '../rule';

/** Two objects of one kind with one name in one namespace. */
export const duplicateObject: Rule = {
  id: 'duplicate-object',
  summary: 'Two objects of the same kind have the same name in the same namespace.',
  why: 'kubectl apply writes both to the same object: the second silently replaces the first, and whichever comes last in the files wins.',
  severity: always,
  check(model) {
    const seen = new Map<string, string>();
    const findings = [];
    const all = [...model.services, ...model.entries, ...model.workloads, ...model.networkPolicies, ...model.others];
    for (const o of all) {
      const key = `${o.kind}\u0000${o.namespace}\u0000${o.name}`;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, o.origin.constructPath ?? o.origin.file ?? '');
        continue;
      }
      findings.push({
        object: o,
        message: `has the same kind, namespace and name as an earlier object${first ? ` (${first})` : ''}; kubectl apply would keep only one`,
        fix: 'Give one of them another metadata.name, or another namespace',
      });
    }
    return findings;
  },
};
