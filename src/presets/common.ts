/**
 * Shared pieces of the presets.
 */

/** Whether a load balancer or ingress is reachable from the internet or only from the private network. */
export enum LoadBalancerScheme {
  /** Reachable from the internet (a public address). */
  INTERNET_FACING = 'internet-facing',
  /** Reachable only from the private network the cluster runs in (VPC / VNet). */
  INTERNAL = 'internal',
}

/** How an AWS load balancer reaches the pods. */
export enum AwsTargetType {
  /** Straight to pod IPs (needs the VPC CNI); no node port hop. */
  IP = 'ip',
  /** Through a node port on every node. */
  INSTANCE = 'instance',
}

/** The protocol the AWS load balancer speaks to the targets. */
export enum AwsBackendProtocol {
  /** Plain TCP to the pods (TLS, if any, ends at the load balancer). */
  TCP = 'tcp',
  /** TLS to the pods as well. */
  SSL = 'ssl',
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

/** The network tier of a GCP external load balancer. */
export enum GcpNetworkTier {
  /** Google's premium network. */
  PREMIUM = 'Premium',
  /** The standard tier. */
  STANDARD = 'Standard',
}

/** The protocol of a DigitalOcean load balancer. */
export enum DigitalOceanProtocol {
  /** TCP passthrough. */
  TCP = 'tcp',
  /** HTTP. */
  HTTP = 'http',
  /** HTTPS (needs a certificate). */
  HTTPS = 'https',
  /** HTTP/2 (needs a certificate). */
  HTTP2 = 'http2',
}

/** The kind of DigitalOcean load balancer. */
export enum DigitalOceanLoadBalancerType {
  /** The proxying load balancer: protocols, certificates, redirects. */
  REGIONAL = 'REGIONAL',
  /** The network (pass-through) load balancer: TCP and UDP only; the CCM default since v0.1.61. */
  REGIONAL_NETWORK = 'REGIONAL_NETWORK',
}
