import { awsNlbSpec } from './aws';
import { azureSpec } from './azure';
import { checkScheme, genericAnnotations } from './checks';
import { AwsBackendProtocol, AwsTargetType, DigitalOceanLoadBalancerType, DigitalOceanProtocol, GcpNetworkTier, HealthCheckProtocol, LoadBalancerScheme } from './common';
import { ProfileSpec, Resolution, ServiceContext } from './context';
import { digitalOceanSpec } from './digitalocean';
import { gcpSpec } from './gke';

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

/** Options of an AWS Network Load Balancer made by the AWS Load Balancer Controller. */
export interface AwsNlbOptions {
  /** Internet-facing or internal. The controller's own default is internal. */
  readonly scheme: LoadBalancerScheme;
  /**
   * How the NLB reaches the pods.
   * @default AwsTargetType.IP
   */
  readonly targetType?: AwsTargetType;
  /**
   * Select the controller with `spec.loadBalancerClass: service.k8s.aws/nlb` (true) or with
   * the annotation `aws-load-balancer-type: external` (false, for clusters whose in-tree
   * controller would otherwise also act).
   * @default true
   */
  readonly useLoadBalancerClass?: boolean;
  /**
   * ACM certificate ARNs for TLS listeners.
   * @default - no TLS at the load balancer
   */
  readonly certificateArns?: string[];
  /**
   * The Service ports that terminate TLS with `certificateArns`; each must be a port of the Service.
   * @default [443] when certificates are given (the Service must then have port 443)
   */
  readonly tlsPorts?: number[];
  /**
   * The TLS security policy of the TLS listeners (`aws-load-balancer-ssl-negotiation-policy`),
   * e.g. `ELBSecurityPolicy-TLS13-1-2-2021-06`. Needs `certificateArns`.
   * @default - the controller's default policy
   */
  readonly sslPolicy?: string;
  /**
   * The protocol towards the pods.
   * @default - the controller's default (tcp)
   */
  readonly backendProtocol?: AwsBackendProtocol;
  /**
   * Send the PROXY protocol v2 header to the pods.
   * @default false
   */
  readonly proxyProtocol?: boolean;
  /**
   * Balance across availability zones (`load_balancing.cross_zone.enabled`).
   * @default - the NLB default (off)
   */
  readonly crossZone?: boolean;
  /**
   * The health check.
   * @default - the controller's default (TCP on the traffic port; HTTP /healthz on the health
   * check node port for instance targets with traffic policy Local)
   */
  readonly healthCheck?: HealthCheckOptions;
  /**
   * The subnets (IDs or Name tags), one per availability zone.
   * @default - subnets discovered by their tags
   */
  readonly subnets?: string[];
  /**
   * Elastic IP allocation IDs, one per subnet (internet-facing only; needs `subnets`).
   * @default - addresses assigned by AWS
   */
  readonly eipAllocations?: string[];
  /**
   * Private IPv4 addresses, one per subnet (internal only; needs `subnets`).
   * @default - addresses assigned by AWS
   */
  readonly privateIpv4Addresses?: string[];
  /**
   * The load balancer's name (at most 32 characters).
   * @default - a name the controller derives from the Service
   */
  readonly loadBalancerName?: string;
  /**
   * Security groups (IDs or names) for the NLB instead of the one the controller manages. The
   * controller then does not apply `sourceRanges`, so these need an unrestricted
   * `SourceRanges.anywhere()` and your groups' own rules.
   * @default - a security group the controller manages from `sourceRanges`
   */
  readonly securityGroups?: string[];
  /**
   * Target group attributes (`aws-load-balancer-target-group-attributes`), e.g.
   * `{ 'deregistration_delay.timeout_seconds': '30' }`. Merged with the Service's own annotation.
   * @default - the controller's defaults
   */
  readonly targetGroupAttributes?: Record<string, string>;
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

/** Options of an Azure (AKS) load balancer. */
export interface AzureOptions {
  /** Public or internal load balancer. */
  readonly scheme: LoadBalancerScheme;
  /**
   * For an internal load balancer, the subnet of its address.
   * @default - the cluster's subnet
   */
  readonly internalSubnet?: string;
  /**
   * The resource group of a pre-existing public IP.
   * @default - the node resource group
   */
  readonly resourceGroup?: string;
  /**
   * A DNS label for the public IP (`<label>.<region>.cloudapp.azure.com`).
   * @default - no DNS label
   */
  readonly dnsLabel?: string;
  /**
   * The name of an existing public IP to use (public load balancers only).
   * @default - a new public IP
   */
  readonly publicIpName?: string;
  /**
   * The load balancer's IPv4 address (`azure-load-balancer-ipv4`): a pre-existing public IP, or
   * for an internal load balancer a free address of its subnet.
   * @default - an address assigned by Azure
   */
  readonly loadBalancerIp?: string;
  /**
   * The protocol of the health probe.
   * @default - HTTP when `healthProbePath` is given, else the provider's default (TCP; HTTP for traffic policy Local)
   */
  readonly healthProbeProtocol?: HealthCheckProtocol;
  /**
   * The HTTP path of the health probe (HTTP or HTTPS probes only).
   * @default - "/" on an HTTP probe
   */
  readonly healthProbePath?: string;
  /**
   * The TCP idle timeout in minutes (4-100).
   * @default - Azure's default
   */
  readonly idleTimeoutMinutes?: number;
}

/** Options of a DigitalOcean load balancer. */
export interface DigitalOceanOptions {
  /** Public (`EXTERNAL`) or VPC-only (`do-loadbalancer-network: INTERNAL`). */
  readonly scheme: LoadBalancerScheme;
  /**
   * The kind of load balancer.
   * @default - REGIONAL when a protocol other than TCP, a certificate or a redirect is asked
   * for (only REGIONAL does those); otherwise the CCM's default (REGIONAL_NETWORK)
   */
  readonly type?: DigitalOceanLoadBalancerType;
  /**
   * The protocol (REGIONAL only).
   * @default DigitalOceanProtocol.TCP
   */
  readonly protocol?: DigitalOceanProtocol;
  /**
   * The DigitalOcean certificate ID for HTTPS/HTTP2 on port 443. Prefer `certificateName`:
   * Let's Encrypt certificates get a new ID on every renewal.
   * @default - none
   */
  readonly certificateId?: string;
  /**
   * The DigitalOcean certificate name for HTTPS/HTTP2 on port 443 (survives renewals).
   * @default - none
   */
  readonly certificateName?: string;
  /**
   * Redirect HTTP to HTTPS (needs a certificate).
   * @default false
   */
  readonly redirectHttpToHttps?: boolean;
  /**
   * The health check. Given, it also sets `do-loadbalancer-override-health-check`, without
   * which the CCM ignores these settings.
   * @default - the CCM's check: HTTP /healthz on kube-proxy (10256), or on the health check node port with traffic policy Local
   */
  readonly healthCheck?: HealthCheckOptions;
  /**
   * The size in units (1-100).
   * @default 1
   */
  readonly sizeUnit?: number;
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

/**
 * A cloud load balancer profile for `PublicService`: the annotations and spec fields each
 * provider reads, with the scheme (internet-facing or internal) always stated, checked against
 * the Service's ports and source ranges when applied. An internal profile makes the Service's
 * exposure `vpc` instead of `internet`. Every key's source is in docs/presets.md.
 */
export class LoadBalancerProfile {
  /**
   * An AWS Network Load Balancer made by the AWS Load Balancer Controller.
   *
   * @param options scheme, target type, TLS, addresses, security groups, attributes, health check
   */
  public static awsNlb(options: AwsNlbOptions): LoadBalancerProfile {
    return new LoadBalancerProfile(awsNlbSpec(options));
  }

  /**
   * A GKE passthrough Network Load Balancer, external or internal.
   *
   * @param options scheme, class, backend-service based, global access, subnet, tier, static addresses
   */
  public static gcp(options: GcpOptions): LoadBalancerProfile {
    return new LoadBalancerProfile(gcpSpec(options));
  }

  /**
   * An Azure (AKS) load balancer, public or internal.
   *
   * @param options scheme, subnet, resource group, DNS label, public IP, health probe, idle timeout
   */
  public static azure(options: AzureOptions): LoadBalancerProfile {
    return new LoadBalancerProfile(azureSpec(options));
  }

  /**
   * A DigitalOcean load balancer, public or VPC-only.
   *
   * @param options scheme, type, protocol, certificate, redirect, health check, size
   */
  public static digitalOcean(options: DigitalOceanOptions): LoadBalancerProfile {
    return new LoadBalancerProfile(digitalOceanSpec(options));
  }

  /**
   * Any other implementation: your annotations and load balancer class, with the scheme stated.
   *
   * @param options scheme, annotations, loadBalancerClass
   */
  public static generic(options: GenericLoadBalancerOptions): LoadBalancerProfile {
    const f = 'LoadBalancerProfile.generic';
    const scheme = checkScheme(f, options?.scheme);
    const annotations = genericAnnotations(f, options.annotations, scheme);
    return new LoadBalancerProfile({
      provider: 'generic',
      scheme,
      annotations,
      loadBalancerClass: options.loadBalancerClass,
      resolve: () => ({ annotations: { ...annotations }, problems: [] }),
    });
  }

  /** The provider (`aws-nlb`, `gcp`, `azure`, `digitalocean`, `generic`). */
  public readonly provider: string;
  /** Internet-facing or internal. */
  public readonly scheme: LoadBalancerScheme;
  /**
   * The annotations the profile sets on every Service; those that depend on the Service (TLS
   * ports, source range enforcement) are added when it is applied.
   */
  public readonly annotations: Record<string, string>;
  /**
   * `spec.loadBalancerClass`.
   * @default - none
   */
  public readonly loadBalancerClass?: string;

  private readonly resolver: (service: ServiceContext) => Resolution;

  private constructor(spec: ProfileSpec) {
    this.provider = spec.provider;
    this.scheme = spec.scheme;
    this.annotations = spec.annotations;
    this.loadBalancerClass = spec.loadBalancerClass;
    this.resolver = spec.resolve;
  }

  /**
   * The annotations for one Service, or the problems with the combination (used by PublicService).
   * @internal
   */
  public _resolve(service: ServiceContext): Resolution {
    return this.resolver(service);
  }
}
