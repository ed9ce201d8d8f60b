import { RouteReach, acceptingListeners, isGatewayRoute, routeReach } from '../../model/gateway-model';
import { isIstioRoute } from '../../model/istio-model';
import { describe } from '../../model/model';
import { Rule, productionOnly } from '../rule';

/**
 * An Ingress rule without a host, a default backend, or a wildcard host: traffic for any name
 * arrives. The same for Gateway API routes, whose hosts are their hostnames narrowed by the
 * listeners that take them: a wildcard hostname, a listener hostname like `*.example.com` for a
 * route without hostnames, and a route without hostnames on a listener without hostname.
 */
export const ingressWildcardHost: Rule = {
  id: 'ingress-wildcard-host',
  summary: 'An Ingress routes requests for any host (a rule without host, a defaultBackend) or a wildcard host (*.example.com); a Gateway API route does (a wildcard hostname, or no hostnames on a listener with a wildcard hostname or none); an Istio VirtualService does (`*` or a wildcard host on the servers of its Gateway), or an Istio AUTO_PASSTHROUGH server forwards a wildcard host.',
  why: 'A route without a precise host takes every request the controller gets for names nobody else claims, so a Service meant for one name answers for all of them, including names pointed at the load balancer by others.',
  severity: productionOnly,
  check(model) {
    const findings = [];
    for (const entry of model.entries) {
      const open = new Set<string>();
      if (isGatewayRoute(entry)) {
        // A TCP or UDP route has no host names (its listener is a port); a route that takes no
        // traffic from a Gateway (attached to nothing, or a mesh's) serves no host.
        if (entry.kind === 'TCPRoute' || entry.kind === 'UDPRoute' || routeReach(model, entry) !== RouteReach.GATEWAY) continue;
        for (const host of entry.hostnames) if (host.includes('*')) open.add(host);
        if (entry.hostnames.length === 0) {
          // Without hostnames a route takes its listeners' hostnames; a Gateway not in the YAML cannot be judged.
          for (const { parent, listener } of acceptingListeners(model, entry)) {
            if (listener.hostname === undefined || listener.hostname === '') open.add(`any host (listener "${listener.name}" of ${describe(parent)} has no hostname)`);
            else if (listener.hostname.includes('*')) open.add(`${listener.hostname} (the hostname of listener "${listener.name}" of ${describe(parent)})`);
          }
        }
      } else if (isIstioRoute(entry) && !entry.protocols.http && !entry.protocols.tls) {
        // An Istio VirtualService with tcp routes alone: a TCP server has no host names.
        continue;
      } else {
        for (const route of entry.routes) {
          // An Ingress rule without a host takes every host.
          if ((route.host === undefined || route.host === '') && entry.kind === 'Ingress') open.add('any host');
          else if (route.host !== undefined && route.host.includes('*')) open.add(route.host);
        }
      }
      if (open.size > 0) {
        findings.push({
          object: entry,
          message: `routes requests for ${[...open].join(', ')}`,
          fix: isIstioRoute(entry)
            ? 'Give the VirtualService (or the server of its Gateway) the precise hosts it serves; acknowledge the rule for a deliberate catch-all or a wildcard certificate setup'
            : isGatewayRoute(entry)
              ? 'Give the route the precise hostnames it serves (hostnames: ["api.example.com"]); acknowledge the rule for a deliberate catch-all or a wildcard certificate setup'
              : 'Give every rule the precise host it serves (IngressFronted host: "api.example.com"); acknowledge the rule for a deliberate catch-all or a wildcard certificate setup',
        });
      }
    }
    // An AUTO_PASSTHROUGH server forwards by SNI to every mesh Service its hosts match, without a VirtualService.
    for (const gateway of model.istioGateways ?? []) {
      const open = new Set(gateway.servers.filter(s => s.tlsMode === 'AUTO_PASSTHROUGH').flatMap(s => s.hosts.filter(h => h.includes('*'))));
      if (open.size > 0) {
        findings.push({
          object: gateway,
          message: `forwards TLS connections for ${[...open].join(', ')} to every mesh Service they match (AUTO_PASSTHROUGH)`,
          fix: 'Name the hosts the other cluster needs; acknowledge the rule for a deliberate east-west gateway',
        });
      }
    }
    return findings;
  },
};
