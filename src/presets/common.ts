/**
 * Shared pieces of the presets.
 */

/** A load balancer health check. */
export interface HealthCheckOptions {
  /**
   * The HTTP path. A path without `protocol` makes the check HTTP (the providers ignore a
   * path on a TCP check).
   * @default - the provider's default
   */
  readonly path?: string;
  /**
   * The port checked.
   * @default - the traffic port
   */
  readonly port?: number;
  /**
   * The protocol.
   * @default - HTTP when `path` is given, else the provider's default
   */
  readonly protocol?: HealthCheckProtocol;
}

/** Options of a generic load balancer profile. */
export interface GenericLoadBalancerOptions {
  /** Internet-facing or internal, as the implementation makes it (recorded for reports). */
  readonly scheme: LoadBalancerScheme;
  /**
   * Annotations to set on the Service.
   * @default - none
   */
  readonly annotations?: Record<string, string>;
  /**
   * `spec.loadBalancerClass`.
   * @default - the cluster's default implementation
   */
  readonly loadBalancerClass?: string;
}

/** Options of a generic ingress controller. */
export interface GenericIngressOptions {
  /**
   * The IngressClass.
   * @default - the cluster's default IngressClass
   */
  readonly className?: string;
  /**
   * Annotations to set on the Ingress.
   * @default - none
   */
  readonly annotations?: Record<string, string>;
  /**
   * Whether the controller's load balancer faces the internet (recorded for reports).
   * @default LoadBalancerScheme.INTERNET_FACING
   */
  readonly scheme?: LoadBalancerScheme;
}

/** Whether a load balancer or ingress is reachable from the internet or only from the private network. */
export enum LoadBalancerScheme {
  /** Reachable from the internet (a public address). */
  INTERNET_FACING = 'internet-facing',
  /** Reachable only from the private network the cluster runs in (VPC / VNet). */
  INTERNAL = 'internal',
}

/** The protocol of a health check. */
export enum HealthCheckProtocol {
  /** A TCP connect. */
  TCP = 'TCP',
  /** An HTTP GET. */
  HTTP = 'HTTP',
  /** An HTTPS GET. */
  HTTPS = 'HTTPS',
}

