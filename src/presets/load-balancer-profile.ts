import { checkArns, checkPortNumbers, checkScheme, genericAnnotations, presetError } from './checks';
import { AwsTargetType, LoadBalancerScheme } from './common';

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

/** A load balancer health check. */
export interface HealthCheckOptions {
  /**
   * The HTTP path (with HTTP or HTTPS).
   * @default - the provider's default ("/")
   */
  readonly path?: string;
  /**
   * The port checked.
   * @default - the traffic port
   */
  readonly port?: number;
  /**
   * The protocol.
   * @default - the provider's default (TCP)
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
   * The ports that terminate TLS with `certificateArns`.
   * @default [443] when certificates are given
   */
  readonly tlsPorts?: number[];
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
   * @default - the controller's default
   */
  readonly healthCheck?: HealthCheckOptions;
}

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
   * For an external load balancer, the backend-service based one (`cloud.google.com/l4-rbs`),
   * which GKE recommends.
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
   * The HTTP path of the health probe.
   * @default - a TCP probe
   */
  readonly healthProbePath?: string;
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

/** Options of a DigitalOcean load balancer (always internet-facing). */
export interface DigitalOceanOptions {
  /**
   * The protocol.
   * @default DigitalOceanProtocol.TCP
   */
  readonly protocol?: DigitalOceanProtocol;
  /**
   * The DigitalOcean certificate id for HTTPS/HTTP2.
   * @default - none
   */
  readonly certificateId?: string;
  /**
   * Redirect HTTP to HTTPS.
   * @default false
   */
  readonly redirectHttpToHttps?: boolean;
  /**
   * The health check.
   * @default - a TCP check
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

function boolText(value: boolean): string {
  return value ? 'true' : 'false';
}

/** The `<prefix>healthcheck-path/-port/-protocol` annotations (AWS and DigitalOcean share the names). */
function healthCheckAnnotations(factory: string, prefix: string, hc: HealthCheckOptions | undefined, out: Record<string, string>) {
  if (!hc) return;
  if (hc.path !== undefined) {
    if (!hc.path.startsWith('/')) throw presetError(factory, `healthCheck.path ${JSON.stringify(hc.path)} must start with "/"`);
    if (hc.protocol === HealthCheckProtocol.TCP) throw presetError(factory, 'healthCheck.path needs protocol HTTP or HTTPS, not TCP');
    out[`${prefix}healthcheck-path`] = hc.path;
  }
  if (hc.port !== undefined) {
    checkPortNumbers(factory, 'healthCheck.port', [hc.port]);
    out[`${prefix}healthcheck-port`] = String(hc.port);
  }
  if (hc.protocol !== undefined) out[`${prefix}healthcheck-protocol`] = hc.protocol.toLowerCase();
}

/**
 * A cloud load balancer profile for `PublicService`: the annotations and spec fields each
 * provider documents, with the scheme (internet-facing or internal) always stated. An
 * internal profile makes the Service's exposure `vpc` instead of `internet`.
 *
 * Sources: AWS Load Balancer Controller service annotations; GKE "LoadBalancer Service
 * parameters"; AKS "Use an internal load balancer" and cloud-provider-azure annotations;
 * DigitalOcean cloud controller manager service annotations.
 */
export class LoadBalancerProfile {
  /**
   * An AWS Network Load Balancer made by the AWS Load Balancer Controller.
   *
   * @param options scheme, target type, TLS, backend protocol, proxy protocol, cross-zone, health check
   */
  public static awsNlb(options: AwsNlbOptions): LoadBalancerProfile {
    const f = 'LoadBalancerProfile.awsNlb';
    const scheme = checkScheme(f, options?.scheme);
    const p = 'service.beta.kubernetes.io/aws-load-balancer-';
    const a: Record<string, string> = {};
    const useClass = options.useLoadBalancerClass ?? true;
    if (!useClass) a[`${p}type`] = 'external';
    a[`${p}scheme`] = scheme;
    a[`${p}nlb-target-type`] = options.targetType ?? AwsTargetType.IP;
    checkArns(f, options.certificateArns);
    if (options.tlsPorts && !options.certificateArns?.length) throw presetError(f, 'tlsPorts needs certificateArns');
    checkPortNumbers(f, 'tlsPorts', options.tlsPorts);
    if (options.certificateArns?.length) {
      a[`${p}ssl-cert`] = options.certificateArns.join(',');
      a[`${p}ssl-ports`] = (options.tlsPorts ?? [443]).join(',');
    }
    if (options.backendProtocol !== undefined) a[`${p}backend-protocol`] = options.backendProtocol;
    if (options.proxyProtocol) a[`${p}proxy-protocol`] = '*';
    if (options.crossZone !== undefined) a[`${p}attributes`] = `load_balancing.cross_zone.enabled=${boolText(options.crossZone)}`;
    healthCheckAnnotations(f, p, options.healthCheck, a);
    return new LoadBalancerProfile('aws-nlb', scheme, a, useClass ? 'service.k8s.aws/nlb' : undefined);
  }

  /**
   * A GKE passthrough Network Load Balancer, external (backend-service based) or internal.
   *
   * @param options scheme, backend-service based, global access, subnet, network tier
   */
  public static gcp(options: GcpOptions): LoadBalancerProfile {
    const f = 'LoadBalancerProfile.gcp';
    const scheme = checkScheme(f, options?.scheme);
    const a: Record<string, string> = {};
    if (scheme === LoadBalancerScheme.INTERNAL) {
      if (options.networkTier !== undefined) throw presetError(f, 'networkTier applies to external load balancers only; remove it or use scheme INTERNET_FACING');
      if (options.backendServiceBased !== undefined) throw presetError(f, 'backendServiceBased applies to external load balancers only (internal ones are always backend-service based)');
      a['networking.gke.io/load-balancer-type'] = 'Internal';
      if (options.globalAccess) a['networking.gke.io/internal-load-balancer-allow-global-access'] = 'true';
      if (options.subnet !== undefined) a['networking.gke.io/internal-load-balancer-subnet'] = options.subnet;
    } else {
      if (options.globalAccess !== undefined) throw presetError(f, 'globalAccess applies to internal load balancers only; remove it or use scheme INTERNAL');
      if (options.subnet !== undefined) throw presetError(f, 'subnet applies to internal load balancers only; remove it or use scheme INTERNAL');
      if (options.backendServiceBased ?? true) a['cloud.google.com/l4-rbs'] = 'enabled';
      if (options.networkTier !== undefined) a['cloud.google.com/network-tier'] = options.networkTier;
    }
    return new LoadBalancerProfile('gcp', scheme, a, undefined);
  }

  /**
   * An Azure (AKS) load balancer, public or internal.
   *
   * @param options scheme, internal subnet, resource group, DNS label, health probe path
   */
  public static azure(options: AzureOptions): LoadBalancerProfile {
    const f = 'LoadBalancerProfile.azure';
    const scheme = checkScheme(f, options?.scheme);
    const p = 'service.beta.kubernetes.io/azure-';
    const a: Record<string, string> = {};
    if (scheme === LoadBalancerScheme.INTERNAL) {
      a[`${p}load-balancer-internal`] = 'true';
      if (options.internalSubnet !== undefined) a[`${p}load-balancer-internal-subnet`] = options.internalSubnet;
      if (options.dnsLabel !== undefined) throw presetError(f, 'dnsLabel names a public IP; an internal load balancer has none');
    } else if (options.internalSubnet !== undefined) {
      throw presetError(f, 'internalSubnet applies to internal load balancers only; remove it or use scheme INTERNAL');
    }
    if (options.resourceGroup !== undefined) a[`${p}load-balancer-resource-group`] = options.resourceGroup;
    if (options.dnsLabel !== undefined) {
      if (!/^[a-z][a-z0-9-]{1,61}[a-z0-9]$/.test(options.dnsLabel)) throw presetError(f, `dnsLabel ${JSON.stringify(options.dnsLabel)} must be 3-63 lower-case letters, digits and "-", starting with a letter`);
      a[`${p}dns-label-name`] = options.dnsLabel;
    }
    if (options.healthProbePath !== undefined) {
      if (!options.healthProbePath.startsWith('/')) throw presetError(f, `healthProbePath ${JSON.stringify(options.healthProbePath)} must start with "/"`);
      a[`${p}load-balancer-health-probe-request-path`] = options.healthProbePath;
    }
    return new LoadBalancerProfile('azure', scheme, a, undefined);
  }

  /**
   * A DigitalOcean load balancer (always internet-facing).
   *
   * @param options protocol, certificate, redirect, health check, size
   */
  public static digitalOcean(options: DigitalOceanOptions = {}): LoadBalancerProfile {
    const f = 'LoadBalancerProfile.digitalOcean';
    const p = 'service.beta.kubernetes.io/do-loadbalancer-';
    const a: Record<string, string> = {};
    const protocol = options.protocol ?? DigitalOceanProtocol.TCP;
    a[`${p}protocol`] = protocol;
    if ((protocol === DigitalOceanProtocol.HTTPS || protocol === DigitalOceanProtocol.HTTP2) && !options.certificateId) {
      throw presetError(f, `protocol ${protocol} needs certificateId (DigitalOcean refuses HTTPS without a certificate)`);
    }
    if (options.certificateId !== undefined) a[`${p}certificate-id`] = options.certificateId;
    if (options.redirectHttpToHttps) {
      if (!options.certificateId) throw presetError(f, 'redirectHttpToHttps needs certificateId: there is no HTTPS to redirect to');
      a[`${p}redirect-http-to-https`] = 'true';
    }
    healthCheckAnnotations(f, p, options.healthCheck, a);
    if (options.sizeUnit !== undefined) {
      if (!Number.isInteger(options.sizeUnit) || options.sizeUnit < 1 || options.sizeUnit > 100) throw presetError(f, `sizeUnit ${options.sizeUnit} must be a whole number from 1 to 100`);
      a[`${p}size-unit`] = String(options.sizeUnit);
    }
    return new LoadBalancerProfile('digitalocean', LoadBalancerScheme.INTERNET_FACING, a, undefined);
  }

  /**
   * Any other implementation: your annotations and load balancer class, with the scheme stated.
   *
   * @param options scheme, annotations, loadBalancerClass
   */
  public static generic(options: GenericLoadBalancerOptions): LoadBalancerProfile {
    const f = 'LoadBalancerProfile.generic';
    const scheme = checkScheme(f, options?.scheme);
    const a = genericAnnotations(f, options.annotations, scheme);
    return new LoadBalancerProfile('generic', scheme, a, options.loadBalancerClass);
  }

  /** The provider (`aws-nlb`, `gcp`, `azure`, `digitalocean`, `generic`). */
  public readonly provider: string;
  /** Internet-facing or internal. */
  public readonly scheme: LoadBalancerScheme;
  /** The annotations the profile sets (a copy). */
  public readonly annotations: Record<string, string>;
  /**
   * `spec.loadBalancerClass`.
   * @default - none
   */
  public readonly loadBalancerClass?: string;

  private constructor(provider: string, scheme: LoadBalancerScheme, annotations: Record<string, string>, loadBalancerClass: string | undefined) {
    this.provider = provider;
    this.scheme = scheme;
    this.annotations = annotations;
    this.loadBalancerClass = loadBalancerClass;
  }
}
