/**
 * API versions of the kinds the model reads that Kubernetes no longer serves, from the
 * Kubernetes "Deprecated API Migration Guide" (kubernetes/website
 * content/en/docs/reference/using-api/deprecation-guide.md). Private to the library.
 */

/** An API version that Kubernetes no longer serves for a kind, and what replaces it. */
export interface ApiDeprecation {
  /** The `apiVersion` the object is written in (`extensions/v1beta1`). */
  readonly apiVersion: string;
  /** The first Kubernetes release that no longer serves it (`1.22`). */
  readonly removedIn: string;
  /** The API version to use instead (`networking.k8s.io/v1`). */
  readonly replacement: string;
}

interface Deprecation {
  readonly removedIn: string;
  readonly replacement: string;
}

/** `apiVersion kind` to the release that stopped serving it and what replaces it. */
const REMOVED: Record<string, Deprecation> = {
  'extensions/v1beta1 Ingress': { removedIn: '1.22', replacement: 'networking.k8s.io/v1' },
  'networking.k8s.io/v1beta1 Ingress': { removedIn: '1.22', replacement: 'networking.k8s.io/v1' },
  'networking.k8s.io/v1beta1 IngressClass': { removedIn: '1.22', replacement: 'networking.k8s.io/v1' },
  'extensions/v1beta1 NetworkPolicy': { removedIn: '1.16', replacement: 'networking.k8s.io/v1' },
  'discovery.k8s.io/v1beta1 EndpointSlice': { removedIn: '1.25', replacement: 'discovery.k8s.io/v1' },
  'extensions/v1beta1 Deployment': { removedIn: '1.16', replacement: 'apps/v1' },
  'apps/v1beta1 Deployment': { removedIn: '1.16', replacement: 'apps/v1' },
  'apps/v1beta2 Deployment': { removedIn: '1.16', replacement: 'apps/v1' },
  'extensions/v1beta1 DaemonSet': { removedIn: '1.16', replacement: 'apps/v1' },
  'apps/v1beta2 DaemonSet': { removedIn: '1.16', replacement: 'apps/v1' },
  'apps/v1beta1 StatefulSet': { removedIn: '1.16', replacement: 'apps/v1' },
  'apps/v1beta2 StatefulSet': { removedIn: '1.16', replacement: 'apps/v1' },
  'extensions/v1beta1 ReplicaSet': { removedIn: '1.16', replacement: 'apps/v1' },
  'apps/v1beta1 ReplicaSet': { removedIn: '1.16', replacement: 'apps/v1' },
  'apps/v1beta2 ReplicaSet': { removedIn: '1.16', replacement: 'apps/v1' },
  'batch/v1beta1 CronJob': { removedIn: '1.25', replacement: 'batch/v1' },
};

/** When and for what Kubernetes stopped serving this API version of this kind, if it did. */
export function deprecationOf(apiVersion: unknown, kind: string): ApiDeprecation | undefined {
  if (typeof apiVersion !== 'string') return undefined;
  const deprecation = REMOVED[`${apiVersion} ${kind}`];
  return deprecation === undefined ? undefined : { apiVersion, ...deprecation };
}
