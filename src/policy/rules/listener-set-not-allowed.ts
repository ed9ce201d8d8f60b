import { listenerSetRefusal } from '../../model/gateway-model';
import { Rule, errorBeyondDevelopment } from '../rule';

/** A ListenerSet that its parent Gateway's allowedListeners does not admit. */
export const listenerSetNotAllowed: Rule = {
  id: 'listener-set-not-allowed',
  summary: 'A ListenerSet joins a Gateway whose spec.allowedListeners does not admit its namespace (judged when the Gateway is in the input).',
  why: 'A Gateway admits no ListenerSet unless its allowedListeners says so; a refused ListenerSet adds no listener, so its routes and certificate serve nothing while the YAML looks complete.',
  severity: errorBeyondDevelopment,
  check(model) {
    const findings = [];
    for (const listenerSet of model.gateways) {
      const refused = listenerSetRefusal(model, listenerSet);
      if (refused === undefined) continue;
      findings.push({
        object: listenerSet,
        message: `is not admitted: ${refused}`,
        fix: "Ask the Gateway's owners to admit this namespace in spec.allowedListeners.namespaces (from: Same, All or Selector), or attach the routes to one of the Gateway's own listeners",
      });
    }
    return findings;
  },
};
