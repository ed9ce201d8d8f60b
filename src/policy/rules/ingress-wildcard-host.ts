import { RouteReach, acceptingListeners, isGatewayRoute, routeReach } from '../../model/gateway-model';
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
  summary: 'An Ingress routes requests for any host (a rule without host, a defaultBackend) or a wildcard host (*.example.com); a Gateway API route does (a wildcard hostname, or no hostnames on a listener with a wildcard hostname or none).',
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
          fix: isGatewayRoute(entry)
            ? 'Give the route the precise hostnames it serves (hostnames: ["api.example.com"]); acknowledge the rule for a deliberate catch-all or a wildcard certificate setup'
            : 'Give every rule the precise host it serves (IngressFronted host: "api.example.com"); acknowledge the rule for a deliberate catch-all or a wildcard certificate setup',
        });
      }
    }
    return findings;
  },
};
