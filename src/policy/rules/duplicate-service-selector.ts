import { Rule, Severity } from '../rule';

/** Two Services in one namespace that select exactly the same pods. */
export const duplicateServiceSelector: Rule = {
  id: 'duplicate-service-selector',
  summary: 'Two Services in one namespace have the same selector (a headless Service beside another, as a StatefulSet needs, is not reported).',
  why: 'Two Services on the same pods are two ways in: a second one of a wider type (NodePort, LoadBalancer) silently widens who reaches pods that the first one keeps inside the cluster.',
  severity: () => Severity.WARNING,
  check(model) {
    const first = new Map<string, string>();
    const findings = [];
    for (const service of model.services) {
      const labels = Object.entries(service.selector);
      if (service.type === 'ExternalName' || service.headless || labels.length === 0) continue;
      const key = `${service.namespace}|${labels.map(([k, v]) => `${k}=${v}`).sort().join(',')}`;
      const earlier = first.get(key);
      if (earlier === undefined) {
        first.set(key, `${service.type} Service ${service.name}`);
        continue;
      }
      findings.push({
        object: service,
        message: `selects the same pods (${JSON.stringify(service.selector)}) as the ${earlier}, and reaches them as a ${service.type} Service`,
        fix: 'Serve the pods through one Service with several ports, or acknowledge the rule when both ways in are meant',
      });
    }
    return findings;
  },
};
