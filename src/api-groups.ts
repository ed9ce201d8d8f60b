/**
 * API groups the library writes and reads, defined once. A fact every layer may use; not
 * exported from the package index.
 */

/** The API group of every Gateway API kind. */
export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

/** The API group of Istio's traffic kinds (Gateway, VirtualService...). */
export const ISTIO_NETWORKING_GROUP = 'networking.istio.io';
