import { AwsNlbOptions, awsNlbSpec } from './aws';
import { AzureOptions, azureSpec } from './azure';
import { checkScheme, genericAnnotations } from './checks';
import { GenericLoadBalancerOptions, LoadBalancerScheme } from './common';
import { ProfileSpec, Resolution, ServiceContext } from './context';
import { DigitalOceanOptions, digitalOceanSpec } from './digitalocean';
import { GcpOptions, gcpSpec } from './gke';

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
