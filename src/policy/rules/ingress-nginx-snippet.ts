import { nginxAnnotationRisk } from '../../presets/ingress-nginx-annotations';
import { Rule, errorWhenDeclared } from '../rule';

/** ingress-nginx snippet annotations: raw nginx configuration from whoever may write an Ingress. */
export const ingressNginxSnippet: Rule = {
  id: 'ingress-nginx-snippet',
  summary: 'An Ingress carries an ingress-nginx snippet annotation (configuration-snippet, server-snippet, auth-snippet, stream-snippet, modsecurity-snippet: risk Critical).',
  why: 'A snippet is copied unchecked into the controller\'s nginx configuration, so whoever can write an Ingress can read the controller\'s Secrets across namespaces or reroute other tenants\' traffic (CVE-2021-25742); ingress-nginx disables snippets by default and refuses Critical annotations.',
  severity: errorWhenDeclared,
  check(model) {
    return model.entries
      .filter(e => e.kind === 'Ingress')
      .flatMap(e => {
        const keys = Object.keys(e.annotations).filter(k => nginxAnnotationRisk(k) === 'Critical');
        return keys.length === 0 ? [] : [{
          object: e,
          message: `sets ${keys.join(', ')}, which ingress-nginx copies unchecked into its nginx configuration`,
          fix: 'Replace the snippet with the dedicated annotation or controller ConfigMap setting for what it does; acknowledge the rule only where the controller is single-tenant and snippets are enabled on purpose',
        }];
      });
  },
};
