import { isGatewayRoute } from '../../model/gateway-model';
import { describe } from '../../model/model';
import { Rule, errorWhenDeclared } from '../rule';

/** Two routes for the same hostname and match on one listener: the Gateway keeps only one. */
export const gatewayRouteConflict: Rule = {
  id: 'gateway-route-conflict',
  summary: 'Two Gateway API routes claim the same hostname and match (path, method, headers, query) on the same Gateway listener.',
  why: 'Gateway API gives a tie to the oldest route, so which one serves depends on creation order, and a new route can silently take another team\'s traffic or never serve.',
  severity: errorWhenDeclared,
  check(model) {
    interface Claim { owner: string; section: string; entry: any }
    const claims = new Map<string, Claim[]>();
    const findings = [];
    for (const entry of model.entries) {
      if (!isGatewayRoute(entry) || (entry.kind !== 'HTTPRoute' && entry.kind !== 'GRPCRoute')) continue;
      const here = describe(entry);
      const hosts = entry.hostnames.length > 0 ? entry.hostnames : ['*'];
      for (const parent of entry.parentRefs) {
        const section = `${parent.sectionName ?? ''}:${parent.port ?? ''}`;
        for (const host of hosts) {
          for (const match of new Set(entry.matchKeys)) {
            const key = `${entry.kind} ${parent.kind} ${parent.namespace}/${parent.name} ${host} ${match}`;
            const list = claims.get(key) ?? [];
            const taken = list.find(c => c.owner !== here && (c.section === section || c.section === ':' || section === ':'));
            if (taken !== undefined) {
              findings.push({
                object: entry,
                message: `host ${host === '*' ? '(any)' : host} ${match.trim()} on ${parent.kind} ${parent.namespace ? `${parent.namespace}/` : ''}${parent.name}${parent.sectionName ? `#${parent.sectionName}` : ''} is already claimed by ${taken.owner}`,
                fix: 'Give each route its own hostname or match, or merge the two into one route with weighted backends',
              });
            } else {
              list.push({ owner: here, section, entry });
              claims.set(key, list);
            }
          }
        }
      }
    }
    return findings;
  },
};
