import { attachments, isGatewayRoute } from '../../model/gateway-model';
import { describe } from '../../model/model';
import { Rule, errorBeyondDevelopment } from '../rule';

/** A route that names a listener its Gateway (or ListenerSet) does not have. */
export const gatewayUnknownSection: Rule = {
  id: 'gateway-unknown-section',
  summary: 'A Gateway API route names a sectionName or port that its Gateway or ListenerSet does not have.',
  why: 'The route is then attached to nothing: the Gateway reports it as not accepted and its traffic gets 404, while the YAML applies cleanly.',
  severity: errorBeyondDevelopment,
  check(model) {
    const findings = [];
    for (const entry of model.entries) {
      if (!isGatewayRoute(entry)) continue;
      for (const a of attachments(model, entry)) {
        if (a.parent === undefined || a.listener !== undefined) continue;
        const wanted = [a.parentRef.sectionName !== undefined ? `sectionName "${a.parentRef.sectionName}"` : undefined, a.parentRef.port !== undefined ? `port ${a.parentRef.port}` : undefined]
          .filter(Boolean).join(' and ');
        findings.push({
          object: entry,
          message: `attaches to ${wanted || 'a listener'} of ${describe(a.parent)}, which has ${a.parent.listeners.length === 0 ? 'no listeners' : `listeners ${a.parent.listeners.map(l => `${l.name} (${l.protocol}/${l.port})`).join(', ')}`}`,
          fix: 'Name one of the listeners the Gateway has in sectionName (or port), or add the listener to the Gateway or a ListenerSet',
        });
      }
    }
    return findings;
  },
};
