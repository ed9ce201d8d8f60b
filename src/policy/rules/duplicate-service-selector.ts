import { Rule, Severity } from '../rule';

/** Two Services in one namespace that select exactly the same pods. */
export const duplicateServiceSelector: Rule = {
  id: 'duplicate-service-selector',
  summary: 'Two Services in one namespace have the same selector, and one reaches a target port of the pods from further than the other (not reported: two of one reach, or on different target ports, such as a metrics or webhook Service beside the main one; a headless Service beside another, as a StatefulSet needs; two Services both made by this library\'s constructs, each a declared way in).',
  why: 'Two Services on the same pods are two ways in: a second one of a wider type (NodePort, LoadBalancer) silently widens who reaches pods that the first one keeps inside the cluster.',
  severity: () => Severity.WARNING,
  check(model) {
    const earlierOnes = new Map<string, Array<{ what: string; byConstruct: boolean; scope: string; targets: Set<string> }>>();
    const findings = [];
    for (const service of model.services) {
      if (service.type === 'ExternalName' || service.headless) continue;
      const key = selectorKey(service.namespace, service.selector);
      if (key === undefined) continue;
      const byConstruct = service.origin.constructKind !== undefined;
      const targets = new Set(service.ports.map(p => `${p.targetPort}/${p.protocol}`));
      const list = earlierOnes.get(key) ?? [];
      earlierOnes.set(key, [...list, { what: `${service.type} Service ${service.name}`, byConstruct, scope: service.exposure, targets }]);
      // Only a second way in that reaches the same target port from further widens anything.
      const earlier = list.find(e => !(e.byConstruct && byConstruct) && e.scope !== service.exposure && [...targets].some(t => e.targets.has(t)));
      if (earlier === undefined) continue;
      findings.push({
        object: service,
        message: `selects the same pods (${JSON.stringify(service.selector)}) as the ${earlier.what}, and reaches them as a ${service.type} Service`,
        fix: 'Serve the pods through one Service with several ports, or acknowledge the rule when both ways in are meant',
      });
    }
    return findings;
  },
};

/** `namespace|k1=v1,k2=v2` with the labels sorted; undefined for an empty selector. */
function selectorKey(namespace: string, selector: Record<string, string>): string | undefined {
  const keys = Object.keys(selector);
  if (keys.length === 0) return undefined;
  // One label, the common case, needs no sorting.
  if (keys.length === 1) return `${namespace}|${keys[0]}=${selector[keys[0]]}`;
  return `${namespace}|${keys.map(k => `${k}=${selector[k]}`).sort().join(',')}`;
}
