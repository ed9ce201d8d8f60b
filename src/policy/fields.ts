import { SOURCE_RANGES_ANNOTATION } from '../annotations';

const POD_SPEC = ['spec.template.spec', 'spec.jobTemplate.spec.template.spec', 'spec'];
const podFields = (...fields: string[]) => POD_SPEC.flatMap(p => fields.map(f => `${p}.${f}`));

/**
 * The field of its object each rule's findings are about, in order of preference (the first
 * the object has wins), so that a finding points a reviewer at the line (`spec.type`,
 * `spec.loadBalancerSourceRanges`, a `tls` block). A rule that knows a more precise field (a
 * listener, a backendRef) says so in the finding's `field`, which is tried first. Paths are
 * from the object: keys separated by dots, `[2]` for a list item, `["a/b"]` for a key with dots
 * (src/yaml/locate.ts).
 */
export const RULE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'api-server-rejects': ['spec', 'metadata'],
  'node-port-conflict': ['spec.ports', 'spec.healthCheckNodePort'],
  'duplicate-object': ['metadata.name'],
  'external-ips': ['spec.externalIPs'],
  'ingress-to-external-name': ['spec.rules', 'spec.defaultBackend', 'spec.backend'],
  'ingress-route-conflict': ['spec.rules'],
  'gateway-route-conflict': ['spec.rules', 'spec.hostnames'],
  'ssh-exposed': ['spec.ports'],
  'external-name-target': ['spec.externalName'],
  'ingress-nginx-snippet': ['metadata.annotations'],
  'deprecated-api-version': ['apiVersion'],
  'host-exposure': podFields('hostNetwork', 'containers'),
  'dangling-service': ['spec.selector'],
  'dangling-ingress-backend': ['spec.rules', 'spec.defaultBackend', 'spec.backend'],
  'dangling-backend-tls-policy': ['spec.targetRefs'],
  'gateway-unknown-section': ['spec.parentRefs'],
  'route-not-allowed': ['spec.parentRefs'],
  'listener-set-not-allowed': ['spec.parentRef'],
  'route-hostname-outside-listener': ['spec.hostnames'],
  'missing-reference-grant': ['spec.rules', 'spec.listeners'],
  'target-port-not-exposed': ['spec.ports'],
  'probe-port-not-exposed': podFields('containers'),
  'dangling-network-policy': ['spec.podSelector'],
  'dangling-network-policy-peer': ['spec.ingress', 'spec.egress'],
  'ingress-nginx-risky-annotation': ['metadata.annotations'],
  'duplicate-service-selector': ['spec.selector'],
  'database-port-exposed': ['spec.ports'],
  'load-balancer-without-source-ranges': ['spec.type'],
  'node-port-in-production': ['spec.type'],
  'load-balancer-anywhere': [`metadata.annotations["${SOURCE_RANGES_ANNOTATION}"]`, 'spec.type'],
  'ingress-without-tls': ['spec.tls', 'spec.parentRefs', 'spec.rules'],
  'ingress-wildcard-host': ['spec.rules', 'spec.hostnames'],
  'default-namespace': ['metadata'],
  'internal-service-isolation': ['spec.selector', 'spec'],
};

/** The fields to look for, the finding's own first. */
export function fieldsOf(ruleId: string, field: string | undefined): readonly string[] {
  const defaults = RULE_FIELDS[ruleId] ?? [];
  return field === undefined ? defaults : [field, ...defaults];
}
