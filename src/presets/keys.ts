/**
 * The key registry: every provider annotation name the library writes or reads, in one place.
 * The presets write them; the model and the report read them from here instead of repeating
 * the strings. Private to the library (not exported from the package index).
 *
 * docs/presets.md gives, for every key, the provider repository and file it was read from.
 */

/** AWS Load Balancer Controller, Service annotations (pkg/annotations/constants.go). */
export const AWS_SERVICE = 'service.beta.kubernetes.io/aws-load-balancer-';
/** AWS Load Balancer Controller, Ingress annotations (pkg/annotations/constants.go). */
export const AWS_INGRESS = 'alb.ingress.kubernetes.io/';
/** The AWS Load Balancer Controller's load balancer class (`service.k8s.aws/nlb`). */
export const AWS_NLB_CLASS = 'service.k8s.aws/nlb';

/** GKE (cloud-provider-gcp providers/gce/gce_annotations.go, ingress-gce pkg/annotations). */
export const GKE_NETWORKING = 'networking.gke.io/';
export const GKE_CLOUD = 'cloud.google.com/';
export const GKE_LB_TYPE = `${GKE_NETWORKING}load-balancer-type`;
export const GKE_LB_TYPE_LEGACY = `${GKE_CLOUD}load-balancer-type`;
export const GKE_ILB_GLOBAL_ACCESS = `${GKE_NETWORKING}internal-load-balancer-allow-global-access`;
export const GKE_ILB_SUBNET = `${GKE_NETWORKING}internal-load-balancer-subnet`;
export const GKE_NETWORK_TIER = `${GKE_CLOUD}network-tier`;
export const GKE_RBS = `${GKE_CLOUD}l4-rbs`;
export const GKE_STATIC_ADDRESSES = `${GKE_NETWORKING}load-balancer-ip-addresses`;
export const GKE_CLASS_EXTERNAL = `${GKE_NETWORKING}l4-regional-external`;
export const GKE_CLASS_INTERNAL = `${GKE_NETWORKING}l4-regional-internal`;
export const GKE_NEG = `${GKE_CLOUD}neg`;
export const GCE_ALLOW_HTTP = 'kubernetes.io/ingress.allow-http';
export const GCE_GLOBAL_STATIC_IP = 'kubernetes.io/ingress.global-static-ip-name';
export const GCE_REGIONAL_STATIC_IP = 'kubernetes.io/ingress.regional-static-ip-name';
export const GCE_PRE_SHARED_CERT = 'ingress.gcp.kubernetes.io/pre-shared-cert';
export const GCE_MANAGED_CERTS = `${GKE_NETWORKING}managed-certificates`;
export const GCE_FRONTEND_CONFIG = `${GKE_NETWORKING}v1beta1.FrontendConfig`;

/** The legacy Ingress class annotation (read by ingress-gce and by the model). */
export const INGRESS_CLASS = 'kubernetes.io/ingress.class';

/** cloud-provider-azure (pkg/consts/consts.go). */
export const AZURE = 'service.beta.kubernetes.io/azure-';
export const AZURE_INTERNAL = `${AZURE}load-balancer-internal`;

/** DigitalOcean cloud controller manager (cloud-controller-manager/do/lb_annotations.go). */
export const DIGITALOCEAN = 'service.beta.kubernetes.io/do-loadbalancer-';

/** Oracle Cloud (read by the model only). */
export const OCI_INTERNAL = 'service.beta.kubernetes.io/oci-load-balancer-internal';

/** ingress-nginx (internal/ingress/annotations/...). */
export const NGINX = 'nginx.ingress.kubernetes.io/';

/** Traefik (pkg/provider/kubernetes/ingress/annotations.go). */
export const TRAEFIK = 'traefik.ingress.kubernetes.io/';

/** cert-manager ingress-shim (pkg/apis/certmanager/v1/types.go, pkg/apis/acme/v1/types.go). */
export const CERT_MANAGER_ISSUER = 'cert-manager.io/issuer';
export const CERT_MANAGER_CLUSTER_ISSUER = 'cert-manager.io/cluster-issuer';
export const CERT_MANAGER_ISSUER_KIND = 'cert-manager.io/issuer-kind';
export const CERT_MANAGER_ISSUER_GROUP = 'cert-manager.io/issuer-group';
export const CERT_MANAGER_EDIT_IN_PLACE = 'acme.cert-manager.io/http01-edit-in-place';

/** Annotation prefixes that name the provider a Service or Ingress is configured for (the report reads this). */
export const PROVIDER_PREFIXES: ReadonlyArray<readonly [string, string]> = [
  [AWS_SERVICE, 'aws'],
  [AWS_INGRESS, 'aws-alb'],
  [GKE_NETWORKING, 'gcp'],
  [GKE_CLOUD, 'gcp'],
  [AZURE, 'azure'],
  [DIGITALOCEAN, 'digitalocean'],
  [NGINX, 'ingress-nginx'],
  [TRAEFIK, 'traefik'],
];

/** The Service annotations that make a load balancer internal, per provider (the model reads this). */
export const INTERNAL_SERVICE_MARKERS: ReadonlyArray<readonly [string, (value: string) => boolean]> = [
  [`${AWS_SERVICE}scheme`, v => v === 'internal'],
  [`${AWS_SERVICE}internal`, v => v === 'true' || v === '0.0.0.0/0'],
  [GKE_LB_TYPE, v => v.toLowerCase() === 'internal'],
  [GKE_LB_TYPE_LEGACY, v => v.toLowerCase() === 'internal'],
  [AZURE_INTERNAL, v => v === 'true'],
  [OCI_INTERNAL, v => v === 'true'],
  [`${DIGITALOCEAN}network`, v => v === 'INTERNAL'],
];

/** The Ingress annotations that make the entry internal, per controller (the model reads this). */
export const INTERNAL_INGRESS_MARKERS: ReadonlyArray<readonly [string, (value: string) => boolean]> = [
  [`${AWS_INGRESS}scheme`, v => v === 'internal'],
  [INGRESS_CLASS, v => v === 'gce-internal'],
];
