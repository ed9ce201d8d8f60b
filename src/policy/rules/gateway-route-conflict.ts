import { attachments, gatewayNamed, hostsIntersect, isGatewayRoute } from '../../model/gateway-model';
import { effectiveHosts, isIstioRoute, shown } from '../../model/istio-model';
import { describe } from '../../model/model';
import { Rule, errorWhenDeclared } from '../rule';

/** Where a route's claims go: one listener of a parent in the model, or a parentRef as written. */
interface Slot {
  /** `kind parentKind namespace/name`, and `#listener` when the listener is known. */
  readonly key: string;
  /** The parentRef's `sectionName:port` as written (`:` for every listener); `=` for a known listener. */
  readonly section: string;
  /** The listener, for messages. */
  readonly where: string;
  readonly hosts: string[];
}

/** Two routes for the same hostname and match on one listener: the Gateway keeps only one. */
export const gatewayRouteConflict: Rule = {
  id: 'gateway-route-conflict',
  summary: 'Two Gateway API routes claim the same hostname and match (path, method, headers, query) on the same Gateway listener; for TLSRoutes the same SNI hostname, for TCPRoutes and UDPRoutes the listener itself; two Istio VirtualServices the same host and HTTP match on the same Istio Gateway.',
  why: 'Gateway API gives a tie to the oldest route, so which one serves depends on creation order, and a new route can silently take another team\'s traffic or never serve.',
  severity: errorWhenDeclared,
  check(model) {
    interface Claim { owner: string; section: string }
    const claims = new Map<string, Claim[]>();
    const findings = [];
    for (const entry of model.entries) {
      if (!isGatewayRoute(entry)) continue;
      const here = describe(entry);
      // A TCP or UDP listener forwards to one route; a TLS listener tells routes apart by SNI host only.
      const stream = entry.kind === 'TCPRoute' || entry.kind === 'UDPRoute';
      const written = entry.hostnames.length > 0 && !stream ? entry.hostnames : ['*'];
      const matches = entry.kind === 'HTTPRoute' || entry.kind === 'GRPCRoute' ? new Set(entry.matchKeys) : ['(every connection)'];
      const attached = attachments(model, entry);
      const slots: Slot[] = [];
      for (const parent of entry.parentRefs) {
        const base = `${entry.kind} ${parent.kind} ${parent.namespace}/${parent.name}`;
        const named = `${parent.kind} ${parent.namespace ? `${parent.namespace}/` : ''}${parent.name}`;
        if (gatewayNamed(model, parent.kind, parent.namespace, parent.name) !== undefined) {
          // The parent is in the model: claims are on the listeners the reference resolves to, so a
          // sectionName, a port and no section at all that reach one listener meet there. A route
          // without hostnames takes the listener's.
          for (const { listener } of attached.filter(a => a.parentRef === parent && a.listener !== undefined && a.refused === undefined)) {
            const hosts = stream ? ['*'] : entry.hostnames.length > 0 ? entry.hostnames.filter(h => hostsIntersect(h, listener!.hostname)) : [listener!.hostname ?? '*'];
            slots.push({ key: `${base}#${listener!.name}`, section: '=', where: `${named}#${listener!.name}`, hosts });
          }
        } else {
          slots.push({ key: base, section: `${parent.sectionName ?? ''}:${parent.port ?? ''}`, where: `${named}${parent.sectionName ? `#${parent.sectionName}` : ''}`, hosts: written });
        }
      }
      for (const slot of slots) {
        for (const host of slot.hosts) {
          for (const match of matches) {
            const key = `${slot.key} ${host} ${match}`;
            const list = claims.get(key) ?? [];
            const taken = list.find(c => c.owner !== here && (c.section === slot.section || c.section === ':' || slot.section === ':'));
            if (taken !== undefined) {
              findings.push({
                object: entry,
                message: `${stream ? `${entry.kind}` : `host ${host === '*' ? '(any)' : host} ${match.trim()}`} on ${slot.where} is already claimed by ${taken.owner}`,
                fix: stream
                  ? 'Give each route its own listener (a sectionName or port of its own), or merge the two into one route with weighted backends'
                  : 'Give each route its own hostname or match, or merge the two into one route with weighted backends',
              });
            } else if (!list.some(c => c.owner === here && c.section === slot.section)) {
              list.push({ owner: here, section: slot.section });
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
