import { describe } from '../../model/model';
import { Rule, errorWhenDeclared } from '../rule';

/**
 * Two Ingress rules for the same host and path: which one wins depends on the controller.
 * Gateway API routes have their own rule, `gateway-route-conflict`, which knows their listeners.
 */
export const ingressRouteConflict: Rule = {
  id: 'ingress-route-conflict',
  summary: 'The same host and path is routed by more than one Ingress rule in the App.',
  why: 'Controllers resolve duplicate host and path pairs differently (oldest wins, merge, or reject), so traffic may reach the wrong Service.',
  severity: errorWhenDeclared,
  check(model) {
    const owners = new Map<string, string>();
    const findings = [];
    for (const entry of model.entries) {
      if (entry.kind !== 'Ingress') continue;
      for (const route of entry.routes) {
        const key = `${route.host ?? '*'} ${route.path} ${route.pathType ?? 'Prefix'}`;
        const owner = owners.get(key);
        const here = describe(entry);
        if (owner !== undefined) {
          findings.push({
            object: entry,
            message: `host ${route.host ?? '(any)'} path ${route.path} is already routed by ${owner === here ? 'another rule of the same object' : owner}`,
            fix: 'Give each route its own host or path, or route both paths from one IngressFronted',
          });
        } else {
          owners.set(key, here);
        }
      }
    }
    return findings;
  },
};
