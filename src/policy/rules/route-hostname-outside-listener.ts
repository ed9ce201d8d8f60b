import { attachments, hostsIntersect, isGatewayRoute } from '../../model/gateway-model';
import { describe } from '../../model/model';
import { Rule, errorBeyondDevelopment } from '../rule';

/** A route whose hostnames no listener it attaches to answers for. */
export const routeHostnameOutsideListener: Rule = {
  id: 'route-hostname-outside-listener',
  summary: 'A Gateway API route\'s hostnames match none of the hostnames of the listeners it attaches to.',
  why: 'A listener only takes the route hostnames that match its own; with none in common the route is not attached and its hosts get 404.',
  severity: errorBeyondDevelopment,
  check(model) {
    const findings = [];
    for (const entry of model.entries) {
      if (!isGatewayRoute(entry) || entry.hostnames.length === 0) continue;
      const listeners = attachments(model, entry).filter(a => a.listener !== undefined && a.refused === undefined);
      for (const a of listeners) {
        const listener = a.listener!;
        if (entry.hostnames.some(h => hostsIntersect(h, listener.hostname))) continue;
        findings.push({
          object: entry,
          message: `hostnames ${entry.hostnames.join(', ')} are outside hostname ${listener.hostname} of listener "${listener.name}" of ${describe(a.parent!)}`,
          fix: `Use a hostname the listener answers for (${listener.hostname}), or attach the route to a listener for its hosts`,
        });
      }
    }
    return findings;
  },
};
