import { Rule, productionOnly } from '../rule';

/** An Ingress rule without a host, a default backend, or a wildcard host: traffic for any name arrives. */
export const ingressWildcardHost: Rule = {
  id: 'ingress-wildcard-host',
  summary: 'An Ingress routes requests for any host (a rule without host, a defaultBackend) or a wildcard host (*.example.com), an HTTPRoute names a wildcard hostname, or an Istio VirtualService serves `*` or a wildcard host on its Gateway (or an AUTO_PASSTHROUGH server forwards a wildcard host).',
  why: 'A route without a precise host takes every request the controller gets for names nobody else claims, so a Service meant for one name answers for all of them, including names pointed at the load balancer by others.',
  severity: productionOnly,
  check(model) {
    const findings = [];
    for (const entry of model.entries) {
      const open = new Set<string>();
      for (const route of entry.routes) {
        if (route.host === undefined || route.host === '') {
          // An HTTPRoute without hostnames takes the hostnames of its Gateway listener.
          if (entry.kind === 'Ingress') open.add('any host');
        } else if (route.host.includes('*')) {
          open.add(route.host);
        }
      }
      if (open.size > 0) {
        findings.push({
          object: entry,
          message: `routes requests for ${[...open].join(', ')}`,
          fix: 'Give every rule the precise host it serves (IngressFronted host: "api.example.com"); acknowledge the rule for a deliberate catch-all or a wildcard certificate setup',
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
