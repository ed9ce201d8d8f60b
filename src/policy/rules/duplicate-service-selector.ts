import { Rule, Severity } from '../rule';

/** Two Services in one namespace that select exactly the same pods. */
export const duplicateServiceSelector: Rule = {
  id: 'duplicate-service-selector',
  summary: 'Two Services in one namespace have the same selector (not reported: a headless Service beside another, as a StatefulSet needs, and two Services both made by this library\'s constructs, each a declared way in).',
  why: 'Two Services on the same pods are two ways in: a second one of a wider type (NodePort, LoadBalancer) silently widens who reaches pods that the first one keeps inside the cluster.',
  severity: () => Severity.WARNING,
  check(model) {
    const first = new Map<string, { what: string; byConstruct: boolean }>();
    const findings = [];
    for (const service of model.services) {
      const labels = Object.entries(service.selector);
      if (service.type === 'ExternalName' || service.headless || labels.length === 0) continue;
      const key = `${service.namespace}|${labels.map(([k, v]) => `${k}=${v}`).sort().join(',')}`;
      const earlier = first.get(key);
      const byConstruct = service.origin.constructKind !== undefined;
      if (earlier === undefined) {
        first.set(key, { what: `${service.type} Service ${service.name}`, byConstruct });
        continue;
      }
      if (earlier.byConstruct && byConstruct) continue;
      findings.push({
        object: service,
        message: `selects the same pods (${JSON.stringify(service.selector)}) as the ${earlier.what}, and reaches them as a ${service.type} Service`,
        fix: 'Serve the pods through one Service with several ports, or acknowledge the rule when both ways in are meant',
      });
    }
    return findings;
  },
};
