import { isIstioRoute } from '../../model/istio-model';
import { Rule, Severity } from '../rule';

/** An Istio Gateway or VirtualService with fields the model does not read: read for what it knows, with a note. */
export const istioFieldNotRead: Rule = {
  id: 'istio-field-not-read',
  summary: 'An Istio Gateway or VirtualService has fields the model does not read (delegate, mirror, exportTo, bind, fields of a newer Istio); it is judged on the fields it knows.',
  why: 'A gate that skips a field silently can pass an exposure it did not see; saying which fields were not read tells the reviewer what to check by hand.',
  severity: () => Severity.WARNING,
  check(model) {
    const findings = [];
    for (const gateway of model.istioGateways ?? []) {
      if (gateway.notes.length > 0) findings.push({ object: gateway, message: `is read without ${gateway.notes.join('; ')}`, fix: 'Check those fields by hand; the rest of the Gateway was judged' });
    }
    for (const entry of model.entries) {
      if (isIstioRoute(entry) && entry.notes.length > 0) {
        findings.push({ object: entry, message: `is read without ${entry.notes.join('; ')}`, fix: 'Check those fields by hand; the rest of the VirtualService was judged' });
      }
    }
    return findings;
  },
};
