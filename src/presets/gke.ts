/**
 * GKE: the passthrough Network Load Balancer profile (Service) and the GKE Ingress preset.
 * Private to the library; the public factories are `LoadBalancerProfile.gcp` and
 * `IngressController.gce`. Sources: kubernetes/cloud-provider-gcp providers/gce/gce_annotations.go,
 * kubernetes/ingress-gce pkg/l4/annotations, pkg/l4/address/to_use.go, pkg/annotations/ingress.go,
 * pkg/utils/utils.go (IsGCEIngress), pkg/negannotation/negannotation.go.
 */
import { EXPOSURE_ANNOTATION } from '../annotations';
import { ExposureScope } from '../exposure-scope';
import { checkBoolean, checkEnumValue, checkIdList, checkScheme, presetError } from './checks';
import { LoadBalancerScheme } from './common';
import { ControllerSpec, IngressContext, ProfileSpec, Resolution, TlsSource } from './context';
import {
  CERT_MANAGER_EDIT_IN_PLACE, GCE_ALLOW_HTTP, GCE_FRONTEND_CONFIG, GCE_GLOBAL_STATIC_IP, GCE_MANAGED_CERTS, GCE_PRE_SHARED_CERT,
  GCE_REGIONAL_STATIC_IP, GKE_CLASS_EXTERNAL, GKE_CLASS_INTERNAL, GKE_ILB_GLOBAL_ACCESS, GKE_ILB_SUBNET, GKE_LB_TYPE, GKE_NEG,
  GKE_NETWORK_TIER, GKE_RBS, GKE_STATIC_ADDRESSES, INGRESS_CLASS,
} from './keys';
import { checkDns1123Label } from '../validation/names';

/** The network tier of a GCP external load balancer. */
export enum GcpNetworkTier {
  /** Google's premium network. */
  PREMIUM = 'Premium',
  /** The standard tier. */
  STANDARD = 'Standard',
}

/** Options of a GKE load balancer. */
export interface GcpOptions {
  /** External or internal passthrough Network Load Balancer. */
  readonly scheme: LoadBalancerScheme;
  /**
   * Select GKE's load balancer with `spec.loadBalancerClass`
   * (`networking.gke.io/l4-regional-external` or `-internal`), which GKE now recommends
   * (needs a GKE version that supports the classes) instead of annotations.
   * @default false
   */
  readonly useLoadBalancerClass?: boolean;
  /**
   * For an external load balancer without the class, the backend-service based one
   * (`cloud.google.com/l4-rbs: enabled`). Without it GKE makes a target-pool based one.
   * @default true
   */
  readonly backendServiceBased?: boolean;
  /**
   * For an internal load balancer, allow clients from every region.
   * @default false
   */
  readonly globalAccess?: boolean;
  /**
   * For an internal load balancer, the subnet its address comes from.
   * @default - the cluster's subnet
   */
  readonly subnet?: string;
  /**
   * For an external load balancer, the network tier.
   * @default - the project's default tier
   */
  readonly networkTier?: GcpNetworkTier;
  /**
   * Reserved static addresses (names or IP addresses), at most one IPv4 and one IPv6
   * (`networking.gke.io/load-balancer-ip-addresses`). Read by GKE's backend-service based
   * load balancers: needs the class, or an external load balancer with `backendServiceBased`.
   * @default - an ephemeral address
   */
  readonly staticAddresses?: string[];
}

/** Options of the GKE Ingress (GCE) preset. */
export interface GceIngressOptions {
  /** External (`gce`) or internal (`gce-internal`) Application Load Balancer. */
  readonly scheme: LoadBalancerScheme;
  /**
   * The name of a reserved static IP address (global for external, regional for internal).
   * @default - an ephemeral address
   */
  readonly staticIpName?: string;
  /**
   * ManagedCertificate resources to serve (`networking.gke.io/managed-certificates`; external only).
   * @default - none
   */
  readonly managedCertificates?: string[];
  /**
   * Pre-shared SSL certificates of the project to serve (`ingress.gcp.kubernetes.io/pre-shared-cert`).
   * @default - none
   */
  readonly preSharedCertificates?: string[];
  /**
   * Serve plain HTTP on port 80 as well (`kubernetes.io/ingress.allow-http`). `false` leaves
   * HTTPS only.
   * @default true
   */
  readonly allowHttp?: boolean;
  /**
   * The FrontendConfig (which you create) holding the HTTP-to-HTTPS redirect or an SSL policy
   * (`networking.gke.io/v1beta1.FrontendConfig`; external only).
   * @default - none
   */
  readonly frontendConfig?: string;
}

export function gcpSpec(options: GcpOptions): ProfileSpec {
  const f = 'LoadBalancerProfile.gcp';
  const scheme = checkScheme(f, options?.scheme);
  checkBoolean(f, 'useLoadBalancerClass', options.useLoadBalancerClass);
  checkBoolean(f, 'backendServiceBased', options.backendServiceBased);
  checkBoolean(f, 'globalAccess', options.globalAccess);
  checkEnumValue(f, 'networkTier', options.networkTier, GcpNetworkTier, 'GcpNetworkTier');
  const useClass = options.useLoadBalancerClass ?? false;
  const a: Record<string, string> = {};
  let backendServiceBased: boolean;
  if (scheme === LoadBalancerScheme.INTERNAL) {
    if (options.networkTier !== undefined) throw presetError(f, 'networkTier applies to external load balancers only; remove it or use scheme INTERNET_FACING');
    if (options.backendServiceBased !== undefined) throw presetError(f, 'backendServiceBased applies to external load balancers only (internal ones are always backend-service based)');
    // With the class GKE reads no type annotation; the library's own marker tells reports it is internal.
    if (useClass) a[EXPOSURE_ANNOTATION] = ExposureScope.VPC;
    else a[GKE_LB_TYPE] = 'Internal';
    if (options.globalAccess) a[GKE_ILB_GLOBAL_ACCESS] = 'true';
    if (options.subnet !== undefined) {
      const problem = checkDns1123Label(options.subnet);
      if (problem) throw presetError(f, `subnet ${JSON.stringify(options.subnet)} ${problem}`);
      a[GKE_ILB_SUBNET] = options.subnet;
    }
    backendServiceBased = useClass;
  } else {
    if (options.globalAccess !== undefined) throw presetError(f, 'globalAccess applies to internal load balancers only; remove it or use scheme INTERNAL');
    if (options.subnet !== undefined) throw presetError(f, 'subnet applies to internal load balancers only; remove it or use scheme INTERNAL');
    if (useClass && options.backendServiceBased === false) throw presetError(f, 'backendServiceBased false contradicts useLoadBalancerClass: the l4-regional-external class is always backend-service based; remove one');
    backendServiceBased = useClass || (options.backendServiceBased ?? true);
    if (!useClass && backendServiceBased) a[GKE_RBS] = 'enabled';
    if (options.networkTier !== undefined) a[GKE_NETWORK_TIER] = options.networkTier;
  }
  const addresses = checkIdList(f, 'staticAddresses', options.staticAddresses);
  if (addresses !== undefined) {
    if (options.staticAddresses!.length > 2) throw presetError(f, `staticAddresses lists ${options.staticAddresses!.length} addresses; GKE takes at most one IPv4 and one IPv6`);
    if (!backendServiceBased) {
      throw presetError(f, scheme === LoadBalancerScheme.INTERNAL
        ? 'staticAddresses is read by GKE\'s backend-service based load balancers; for an internal one pass useLoadBalancerClass: true'
        : 'staticAddresses is read by GKE\'s backend-service based load balancers; keep backendServiceBased (the default) or pass useLoadBalancerClass: true');
    }
    a[GKE_STATIC_ADDRESSES] = addresses;
  }
  const loadBalancerClass = useClass ? (scheme === LoadBalancerScheme.INTERNAL ? GKE_CLASS_INTERNAL : GKE_CLASS_EXTERNAL) : undefined;
  return { provider: 'gcp', scheme, annotations: a, loadBalancerClass, resolve: () => ({ annotations: { ...a }, problems: [] }) };
}

export function gceSpec(options: GceIngressOptions): ControllerSpec {
  const f = 'IngressController.gce';
  const scheme = checkScheme(f, options?.scheme);
  checkBoolean(f, 'allowHttp', options.allowHttp);
  const internal = scheme === LoadBalancerScheme.INTERNAL;
  const base: Record<string, string> = { [INGRESS_CLASS]: internal ? 'gce-internal' : 'gce' };
  if (options.staticIpName !== undefined) {
    const problem = checkDns1123Label(options.staticIpName);
    if (problem) throw presetError(f, `staticIpName ${JSON.stringify(options.staticIpName)} ${problem}`);
    base[internal ? GCE_REGIONAL_STATIC_IP : GCE_GLOBAL_STATIC_IP] = options.staticIpName;
  }
  const managed = checkIdList(f, 'managedCertificates', options.managedCertificates);
  if (managed !== undefined) {
    if (internal) throw presetError(f, 'managedCertificates (Google-managed certificates) serve external Application Load Balancers only; use preSharedCertificates or a TLS Secret with scheme INTERNAL');
    base[GCE_MANAGED_CERTS] = managed;
  }
  const preShared = checkIdList(f, 'preSharedCertificates', options.preSharedCertificates);
  if (preShared !== undefined) base[GCE_PRE_SHARED_CERT] = preShared;
  if (options.frontendConfig !== undefined) {
    const problem = checkDns1123Label(options.frontendConfig);
    if (problem) throw presetError(f, `frontendConfig ${JSON.stringify(options.frontendConfig)} ${problem}`);
    if (internal) throw presetError(f, 'frontendConfig (the HTTPS redirect) is for external Ingresses; remove it with scheme INTERNAL');
    base[GCE_FRONTEND_CONFIG] = options.frontendConfig;
  }
  if (options.allowHttp === false) {
    if (options.frontendConfig !== undefined) throw presetError(f, 'allowHttp false closes port 80, so the FrontendConfig\'s HTTP-to-HTTPS redirect would never be reached; keep one of the two');
    base[GCE_ALLOW_HTTP] = 'false';
  }
  const hasCloudCerts = managed !== undefined || preShared !== undefined;
  const resolve = (route: IngressContext): Resolution => {
    const annotations = { ...base };
    const problems: string[] = [];
    if (route.tls === TlsSource.NONE) {
      if (hasCloudCerts) problems.push('the gce preset has managedCertificates or preSharedCertificates but the route has no TLS (no host, or IngressTls.disabled()); give a host and IngressTls.fromController(), or remove the certificates');
      if (options.allowHttp === false) problems.push('the gce preset has allowHttp false but the route has no TLS, so the load balancer would serve nothing; turn TLS on or remove allowHttp');
      if (options.frontendConfig !== undefined) problems.push('the gce preset has frontendConfig (the HTTPS redirect) but the route has no TLS to redirect to; turn TLS on or remove frontendConfig');
    }
    if (route.tls === TlsSource.CONTROLLER && !hasCloudCerts) {
      problems.push('IngressTls.fromController() with the gce preset needs managedCertificates or preSharedCertificates: GKE has no other certificate without a Secret');
    }
    // A separate solver Ingress would get its own IP on GKE, so the HTTP-01 challenge would fail.
    if (route.tls === TlsSource.CERT_MANAGER) {
      if (internal) problems.push('cert-manager\'s HTTP-01 challenge cannot reach an internal (gce-internal) load balancer from the internet; use an issuer with a DNS-01 solver and IngressTls.fromSecret, or scheme INTERNET_FACING');
      annotations[CERT_MANAGER_EDIT_IN_PLACE] = 'true';
    }
    // ClusterIP backends need container-native load balancing; the annotation is what GKE adds
    // itself on VPC-native clusters, and required elsewhere.
    return { annotations, problems, serviceAnnotations: { [GKE_NEG]: '{"ingress": true}' } };
  };
  return { controller: 'gce', className: undefined, scheme, annotations: base, resolve };
}
