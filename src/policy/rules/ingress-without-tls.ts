import { GatewayRouteEntry, RouteReach, isGatewayRoute, routeReach } from '../../model/gateway-model';
import { isIstioRoute, istioTlsApplies, shown } from '../../model/istio-model';
import { HttpEntryInfo } from '../../model/model';
import { Rule, Severity, productionOnly } from '../rule';

/** HTTP without TLS in production. */
export const ingressWithoutTls: Rule = {
  id: 'ingress-without-tls',
  summary: 'An Ingress, HTTPRoute, GRPCRoute or Istio VirtualService serves a host without TLS in production (for routes, as the listeners or Istio Gateway servers they attach to say).',
  why: 'Plain HTTP exposes credentials and session cookies to anyone on the path, and browsers mark such sites as not secure.',
  // A route whose listeners are not in the YAML (the platform's Gateway) cannot be confirmed
  // either way: a warning, never an error.
  severity: (stage, object) => {
    const severity = productionOnly(stage);
    const entry = object as HttpEntryInfo;
    const unconfirmed = (isGatewayRoute(entry) || isIstioRoute(entry)) && !(entry as GatewayRouteEntry).listenersKnown;
    return severity !== undefined && unconfirmed ? Severity.WARNING : severity;
  },
  check(model) {
    return model.entries
      // TCP and UDP routes carry no HTTP; TLSRoutes are TLS end to end. A route attached to
      // nothing serves nothing, and a mesh route (GAMMA) carries east-west traffic, not a host's.
      // An Istio VirtualService with tcp routes alone carries no HTTP.
      .filter(e => e.kind !== 'TCPRoute' && e.kind !== 'UDPRoute' && !e.tls
        && (!isGatewayRoute(e) || routeReach(model, e) === RouteReach.GATEWAY) && !(isIstioRoute(e) && !istioTlsApplies(e)))
      .map(e => {
        const hosts = [...new Set(e.routes.map(r => r.host ?? '(any host)'))].join(', ');
        if (isIstioRoute(e)) {
          const gateways = e.gateways.map(g => `Gateway ${shown(g)}`).join(', ');
          return e.listenersKnown
            ? { object: e, message: `serves ${hosts} on a plain HTTP server of ${gateways} (no TLS, no httpsRedirect)`, fix: 'Bind the VirtualService to an HTTPS server (tls.mode SIMPLE with a credentialName) and give the HTTP server tls.httpsRedirect: true' }
            : { object: e, message: `serves ${hosts} through ${gateways}, which is not in the YAML, so TLS cannot be confirmed`, fix: 'Audit the Istio Gateway with the VirtualService, or acknowledge the rule with the Gateway\'s name' };
        }
        if (isGatewayRoute(e)) {
          return e.listenersKnown
            ? { object: e, message: `serves ${hosts} on a plain HTTP listener (${e.parents.join(', ')})`, fix: 'Attach the route to the Gateway\'s HTTPS listener with sectionName, and give the HTTP listener a route with HttpRouteFilter.httpsRedirect()' }
            : { object: e, message: `serves ${hosts} through ${e.parents.join(', ')}, which is not in the YAML, so TLS cannot be confirmed`, fix: 'Attach the route to an HTTPS listener by sectionName and audit the Gateway (or its ListenerSet) with it, or acknowledge the rule with the listener\'s name' };
        }
        // An Ingress: only the hosts no tls entry covers, and the ones it does.
        const uncovered = (e.uncoveredHosts ?? []).map(h => (h === '*' ? '(any host)' : h));
        const covered = [...new Set(e.tlsHosts)];
        const message = uncovered.length === 0 ? `serves ${hosts} without TLS`
          : `serves ${uncovered.join(', ')} without TLS${covered.length > 0 ? ` (its tls covers ${covered.join(', ')})` : ''}`;
        return { object: e, message, fix: 'Give the IngressFronted a host (TLS is then on by default) or IngressTls.fromSecret(...); acknowledge the rule only for a redirect-only endpoint' };
      });
  },
};
