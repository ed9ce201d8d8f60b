import { ObjectRef } from '../../model/model';
import { carriesNginxSyntax, nginxAnnotationRisk } from '../../presets/ingress-nginx-annotations';
import { Rule, Severity, errorWhenDeclared } from '../rule';
import { Stage } from '../stages';

/** The High-risk ingress-nginx annotations of an object, and those whose value carries nginx syntax. */
function risky(ref: ObjectRef): { keys: string[]; injected: string[] } {
  const keys = Object.keys(ref.annotations ?? {}).filter(k => nginxAnnotationRisk(k) === 'High');
  return { keys, injected: keys.filter(k => carriesNginxSyntax(String(ref.annotations[k]))) };
}

/** ingress-nginx annotations the controller rates High risk; an error when a value looks injected. */
export const ingressNginxRiskyAnnotation: Rule = {
  id: 'ingress-nginx-risky-annotation',
  summary: 'An Ingress uses an ingress-nginx annotation the controller rates High risk (auth-url, auth-tls-match-cn, mirror-target, server-alias...): a warning, and like a snippet when a value carries nginx syntax (; { } quotes # line breaks).',
  why: 'These values are written into the nginx configuration; values with nginx syntax in auth-url, auth-tls-match-cn and mirror-target were how the CVE-2025-1974 chain injected configuration into the controller (CVE-2025-24514, CVE-2025-1097, CVE-2025-1098).',
  severity(stage: Stage | undefined, object: ObjectRef): Severity {
    return risky(object).injected.length > 0 ? errorWhenDeclared(stage) : Severity.WARNING;
  },
  check(model) {
    const findings = [];
    for (const entry of model.entries.filter(e => e.kind === 'Ingress')) {
      const { keys, injected } = risky(entry);
      if (keys.length === 0) continue;
      findings.push({
        object: entry,
        message: injected.length > 0
          ? `sets ${injected.map(k => `${k}: ${JSON.stringify(entry.annotations[k])}`).join(', ')}, a value with nginx syntax in an annotation that ingress-nginx writes into its configuration`
          : `sets ${keys.join(', ')}, which ingress-nginx rates High risk`,
        fix: injected.length > 0
          ? 'Write a plain URL, host or name, without ; { } quotes or line breaks; run ingress-nginx 1.12.1 or later'
          : 'Keep ingress-nginx at 1.12.1 or later and its annotations-risk-level at High or lower; acknowledge the rule with the reason the annotation is needed',
      });
    }
    return findings;
  },
};
