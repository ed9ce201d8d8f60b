import { describe } from '../../model/model';
import { Rule, always } from '../rule';

/** Node ports are allocated cluster-wide: two Services cannot hold the same one. */
export const nodePortConflict: Rule = {
  id: 'node-port-conflict',
  summary: 'A node port is used by more than one Service in the App (all charts, all namespaces).',
  why: 'Node ports are opened on every node for the whole cluster; the API server refuses the second Service that asks for a taken port.',
  severity: always,
  check(model) {
    const owners = new Map<string, string>();
    const findings = [];
    for (const service of model.services) {
      const claims = service.ports.filter(p => p.nodePort !== undefined).map(p => ({ key: `${p.protocol}/${p.nodePort}`, what: `${p.protocol} node port ${p.nodePort}` }));
      if (service.healthCheckNodePort !== undefined) claims.push({ key: `TCP/${service.healthCheckNodePort}`, what: `health check node port ${service.healthCheckNodePort}` });
      for (const claim of claims) {
        const owner = owners.get(claim.key);
        if (owner !== undefined && owner !== describe(service)) {
          findings.push({ object: service, message: `${claim.what} is already used by ${owner}`, fix: 'Choose another node port (30000-32767) or omit it so Kubernetes allocates a free one' });
        } else {
          owners.set(claim.key, describe(service));
        }
      }
    }
    return findings;
  },
};
