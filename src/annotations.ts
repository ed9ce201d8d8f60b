/**
 * Annotations the library writes on the objects it synthesizes, so that an audit of the YAML
 * alone can tell a deliberate choice from an oversight. Not exported from the package index.
 */

/** Annotation prefix of acknowledgements: `ack.cdk8s-expose/<rule-id>: <reason>`. */
export const ACK_PREFIX = 'ack.cdk8s-expose/';

/** On a LoadBalancer Service: `anywhere` when `SourceRanges.anywhere()` was chosen. */
export const SOURCE_RANGES_ANNOTATION = 'cdk8s-expose/source-ranges';

/** On a Service or Ingress made by an internal generic preset, or a route to an internal Gateway (`GatewayFronted`'s `gatewayScheme`): `vpc`, so reports of the YAML know. */
export const EXPOSURE_ANNOTATION = 'cdk8s-expose/exposure';

/** On an HTTPRoute: `true` when TLS was intended (the Gateway's listener terminates it). */
export const TLS_INTENT_ANNOTATION = 'cdk8s-expose/tls';

/**
 * On every object judged under an `ExposurePolicy` with a stage: the stage it was judged at
 * (`production`...), so that `cdk8s-expose audit` and the cdk8s plugin judge it at the same
 * stage whatever their `--stage`.
 */
export const STAGE_ANNOTATION = 'cdk8s-expose/stage';

/**
 * The Secret name used for a host when none is given: the host with dots as dashes,
 * `*` as `wildcard`, and `-tls` after it, cut to fit 253 characters.
 */
export function secretNameForHost(host: string): string {
  const base = host.replace(/^\*\./, 'wildcard.').replace(/\./g, '-');
  return `${base.slice(0, 249).replace(/-+$/, '')}-tls`;
}
