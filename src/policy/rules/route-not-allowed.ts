import { attachments, isGatewayRoute } from '../../model/gateway-model';
import { describe } from '../../model/model';
import { Rule, errorBeyondDevelopment } from '../rule';

/** A route that a listener's allowedRoutes refuses. */
export const routeNotAllowed: Rule = {
  id: 'route-not-allowed',
  summary: 'A Gateway API route attaches to a listener whose allowedRoutes refuses its kind or namespace.',
  why: 'The Gateway ignores a route its listener does not allow (by default only routes of the Gateway\'s own namespace), so the route serves nothing.',
  severity: errorBeyondDevelopment,
  check(model) {
    const findings = [];
    for (const entry of model.entries) {
      if (!isGatewayRoute(entry)) continue;
      for (const a of attachments(model, entry)) {
        if (a.refused === undefined) continue;
        findings.push({
          object: entry,
          message: `is refused by ${describe(a.parent!)}: ${a.refused}`,
          fix: 'Ask the Gateway\'s owners to allow the route\'s namespace in the listener\'s allowedRoutes (or a ListenerSet your namespace owns), or use a listener that takes this kind',
        });
      }
    }
    return findings;
  },
};
