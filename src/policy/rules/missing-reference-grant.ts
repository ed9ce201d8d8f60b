import { isGatewayRoute, referenceGranted } from '../../model/gateway-model';
import { Rule, errorBeyondDevelopment } from '../rule';

/** A reference across namespaces that no ReferenceGrant allows. */
export const missingReferenceGrant: Rule = {
  id: 'missing-reference-grant',
  summary: 'A Gateway API route or listener refers to an object in another namespace that no ReferenceGrant allows.',
  why: 'Gateway API ignores a reference into another namespace unless a ReferenceGrant there allows it, so the backend or certificate is not used.',
  severity: errorBeyondDevelopment,
  check(model) {
    const findings = [];
    for (const entry of model.entries) {
      if (!isGatewayRoute(entry)) continue;
      for (const ref of entry.crossNamespaceRefs) {
        if (referenceGranted(model, entry.kind, entry.namespace, ref)) continue;
        findings.push({
          object: entry,
          field: `spec.${ref.field}`,
          message: `${ref.field} refers to ${ref.kind} ${ref.namespace}/${ref.name}, and no ReferenceGrant in namespace "${ref.namespace}" allows ${entry.kind}s ${fromNamespace(entry.namespace)}`,
          fix: `Add a ReferenceGrant in "${ref.namespace}" from ${entry.kind} in "${entry.namespace}" to that ${ref.kind} (the library's routes write one), or move the route beside its backend`,
        });
      }
    }
    for (const gateway of model.gateways) {
      for (const ref of gateway.crossNamespaceRefs) {
        if (referenceGranted(model, gateway.kind, gateway.namespace, ref)) continue;
        findings.push({
          object: gateway,
          field: `spec.${ref.field}`,
          message: `${ref.field} refers to ${ref.kind} ${ref.namespace}/${ref.name}, and no ReferenceGrant in namespace "${ref.namespace}" allows ${gateway.kind}s ${fromNamespace(gateway.namespace)}`,
          fix: `Add a ReferenceGrant in "${ref.namespace}" from ${gateway.kind} in "${gateway.namespace}" to that ${ref.kind}, or keep the certificate beside the listener`,
        });
      }
    }
    return findings;
  },
};

/** `from "namespace"`, or, for an object written without one, where kubectl puts it. */
function fromNamespace(namespace: string): string {
  return namespace !== '' ? `from "${namespace}"` : 'from the namespace it is applied to (it has none)';
}
