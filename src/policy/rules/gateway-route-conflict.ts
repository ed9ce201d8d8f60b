import { isGatewayRoute } from '../../model/gateway-model';
import { effectiveHosts, isIstioRoute, shown } from '../../model/istio-model';
import { describe } from '../../model/model';
import { Rule, errorWhenDeclared } from '../rule';

/** Two routes for the same hostname and match on one listener: the Gateway keeps only one. */
export const gatewayRouteConflict: Rule = {
  id: 'gateway-route-conflict',
  summary: 'Two Gateway API routes claim the same hostname and match (path, method, headers, query) on the same Gateway listener; for TLSRoutes the same SNI hostname, for TCPRoutes and UDPRoutes the listener itself; two Istio VirtualServices the same host and HTTP match on the same Istio Gateway.',
  why: 'Gateway API gives a tie to the oldest route, so which one serves depends on creation order, and a new route can silently take another team\'s traffic or never serve.',
  severity: errorWhenDeclared,
  check(model) {
    interface Claim { owner: string; section: string; entry: any }
    const claims = new Map<string, Claim[]>();
    const findings = [];
    for (const entry of model.entries) {
      if (!isGatewayRoute(entry)) continue;
      const here = describe(entry);
      // A TCP or UDP listener forwards to one route; a TLS listener tells routes apart by SNI host only.
      const stream = entry.kind === 'TCPRoute' || entry.kind === 'UDPRoute';
      const hosts = entry.hostnames.length > 0 && !stream ? entry.hostnames : ['*'];
      const matches = entry.kind === 'HTTPRoute' || entry.kind === 'GRPCRoute' ? new Set(entry.matchKeys) : ['(every connection)'];
      for (const parent of entry.parentRefs) {
        const section = `${parent.sectionName ?? ''}:${parent.port ?? ''}`;
        for (const host of hosts) {
          for (const match of matches) {
            const key = `${entry.kind} ${parent.kind} ${parent.namespace}/${parent.name} ${host} ${match}`;
            const list = claims.get(key) ?? [];
            const taken = list.find(c => c.owner !== here && (c.section === section || c.section === ':' || section === ':'));
            if (taken !== undefined) {
              findings.push({
                object: entry,
                message: `${stream ? `${entry.kind}` : `host ${host === '*' ? '(any)' : host} ${match.trim()}`} on ${parent.kind} ${parent.namespace ? `${parent.namespace}/` : ''}${parent.name}${parent.sectionName ? `#${parent.sectionName}` : ''} is already claimed by ${taken.owner}`,
                fix: stream
                  ? 'Give each route its own listener (a sectionName or port of its own), or merge the two into one route with weighted backends'
                  : 'Give each route its own hostname or match, or merge the two into one route with weighted backends',
              });
            } else {
              list.push({ owner: here, section, entry });
              claims.set(key, list);
            }
          }
        }
      }
    }
    // Istio merges the VirtualServices bound to one Gateway for one host; two with the same match leave the winner to merge order.
    const istio = new Map<string, string>();
    for (const entry of model.entries) {
      if (!isIstioRoute(entry)) continue;
      const here = describe(entry);
      for (const gateway of entry.gateways) {
        for (const host of effectiveHosts(model, entry)) {
          for (const match of new Set(entry.matchKeys)) {
            const key = `${gateway} ${host} ${match}`;
            const owner = istio.get(key);
            if (owner === undefined) {
              istio.set(key, here);
            } else if (owner !== here) {
              findings.push({
                object: entry,
                message: `host ${host} ${match.trim()} on Istio Gateway ${shown(gateway)} is already routed by ${owner}`,
                fix: 'Give each VirtualService its own host or match, or merge the two into one VirtualService with weighted destinations',
              });
            }
          }
        }
      }
    }
    return findings;
  },
};
