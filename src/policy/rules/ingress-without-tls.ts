import { Rule, productionOnly } from '../rule';

/** HTTP without TLS in production. */
export const ingressWithoutTls: Rule = {
  id: 'ingress-without-tls',
  summary: 'An Ingress or HTTPRoute serves a host without TLS in production.',
  why: 'Plain HTTP exposes credentials and session cookies to anyone on the path, and browsers mark such sites as not secure.',
  severity: productionOnly,
  check(model) {
    return model.entries
      .filter(e => !e.tls)
      .map(e => ({ object: e, message: `serves ${[...new Set(e.routes.map(r => r.host ?? '(any host)'))].join(', ')} without TLS`, fix: 'Give the IngressFronted a host (TLS is then on by default) or IngressTls.fromSecret(...); acknowledge the rule only for a redirect-only endpoint' }));
  },
};
