import { GatewayRouteEntry, RouteReach, isGatewayRoute, routeReach } from '../../model/gateway-model';
import { HttpEntryInfo } from '../../model/model';
import { Rule, Severity, productionOnly } from '../rule';

/** HTTP without TLS in production. */
export const ingressWithoutTls: Rule = {
  id: 'ingress-without-tls',
  summary: 'An Ingress, HTTPRoute or GRPCRoute serves a host without TLS in production (for routes, as the listeners they attach to say).',
  why: 'Plain HTTP exposes credentials and session cookies to anyone on the path, and browsers mark such sites as not secure.',
  // A route whose listeners are not in the YAML (the platform's Gateway) cannot be confirmed
  // either way: a warning, never an error.
  severity: (stage, object) => {
    const severity = productionOnly(stage);
    const unconfirmed = isGatewayRoute(object as HttpEntryInfo) && !(object as GatewayRouteEntry).listenersKnown;
    return severity !== undefined && unconfirmed ? Severity.WARNING : severity;
  },
  check(model) {
    return model.entries
      // TCP and UDP routes carry no HTTP; TLSRoutes are TLS end to end. A route attached to
      // nothing serves nothing, and a mesh route (GAMMA) carries east-west traffic, not a host's.
      .filter(e => e.kind !== 'TCPRoute' && e.kind !== 'UDPRoute' && !e.tls
        && (!isGatewayRoute(e) || routeReach(model, e) === RouteReach.GATEWAY))
      .map(e => {
        const hosts = [...new Set(e.routes.map(r => r.host ?? '(any host)'))].join(', ');
        if (isGatewayRoute(e)) {
          return e.listenersKnown
            ? { object: e, message: `serves ${hosts} on a plain HTTP listener (${e.parents.join(', ')})`, fix: 'Attach the route to the Gateway\'s HTTPS listener with sectionName, and give the HTTP listener a route with HttpRouteFilter.httpsRedirect()' }
            : { object: e, message: `serves ${hosts} through ${e.parents.join(', ')}, which is not in the YAML, so TLS cannot be confirmed`, fix: 'Attach the route to an HTTPS listener by sectionName and audit the Gateway (or its ListenerSet) with it, or acknowledge the rule with the listener\'s name' };
        }
        return { object: e, message: `serves ${hosts} without TLS`, fix: 'Give the IngressFronted a host (TLS is then on by default) or IngressTls.fromSecret(...); acknowledge the rule only for a redirect-only endpoint' };
      });
  },
};
