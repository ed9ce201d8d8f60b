/**
 * AWS Load Balancer Controller: the NLB profile (Service annotations) and the ALB preset
 * (Ingress annotations). Private to the library; the public factories are
 * `LoadBalancerProfile.awsNlb` and `IngressController.awsAlb`.
 * Source: kubernetes-sigs/aws-load-balancer-controller pkg/annotations/constants.go,
 * pkg/service/model_build_*.go, pkg/ingress/model_build_listener.go, pkg/ingress/model_builder.go.
 */
import {
  checkArns, checkAttributes, checkBoolean, checkEnumValue, checkHttpPath, checkIdList, checkPortNumbers, checkScheme, presetError,
} from './checks';
import { HealthCheckOptions, HealthCheckProtocol, LoadBalancerScheme } from './common';
import { ControllerSpec, IngressContext, ProfileSpec, renderMap, Resolution, ServiceContext, TlsSource } from './context';
import { AWS_INGRESS, AWS_NLB_CLASS, AWS_SERVICE } from './keys';
import { checkCidr, checkDns1123Subdomain } from '../validation/names';

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

/** Options of the AWS Load Balancer Controller (ALB) preset. */
export interface AwsAlbIngressOptions {
  /** Internet-facing or internal. The controller's own default is internal. */
  readonly scheme: LoadBalancerScheme;
  /**
   * The IngressClass (EKS Auto Mode, for one, has its own).
   * @default 'alb'
   */
  readonly className?: string;
  /**
   * How the ALB reaches the pods.
   * @default AwsTargetType.IP
   */
  readonly targetType?: AwsTargetType;
  /**
   * ACM certificate ARNs for the HTTPS listener (needs TLS on the route).
   * @default - certificates the controller discovers in ACM from the TLS hosts
   */
  readonly certificateArns?: string[];
  /**
   * Redirect HTTP to HTTPS on port 443 (needs TLS on the route).
   * @default - true when the route has TLS
   */
  readonly sslRedirect?: boolean;
  /**
   * The TLS security policy of the HTTPS listener (`alb.ingress.kubernetes.io/ssl-policy`).
   * @default - the controller's default policy
   */
  readonly sslPolicy?: string;
  /**
   * Only these client CIDRs may connect (`alb.ingress.kubernetes.io/inbound-cidrs`).
   * @default - every client (0.0.0.0/0, and ::/0 for dual-stack)
   */
  readonly allowSourceRanges?: string[];
  /**
   * The HTTP path of the target health check.
   * @default - the controller's default ("/")
   */
  readonly healthCheckPath?: string;
  /**
   * Load balancer attributes (`alb.ingress.kubernetes.io/load-balancer-attributes`), e.g.
   * `{ 'idle_timeout.timeout_seconds': '120' }`. Merged with the Ingress's own annotation.
   * @default - the ALB defaults
   */
  readonly loadBalancerAttributes?: Record<string, string>;
  /**
   * Share one ALB between Ingresses of this group (`alb.ingress.kubernetes.io/group.name`).
   * @default - one ALB for this Ingress
   */
  readonly groupName?: string;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

function boolText(value: boolean): string {
  return value ? 'true' : 'false';
}

/**
 * The health check annotations; a path without a protocol makes the check HTTP, because the
 * controller ignores the path on its default TCP check (buildTargetGroupHealthCheckPath).
 */
export function healthCheckAnnotations(factory: string, prefix: string, hc: HealthCheckOptions | undefined, out: Record<string, string>): void {
  if (!hc) return;
  checkEnumValue(factory, 'healthCheck.protocol', hc.protocol, HealthCheckProtocol, 'HealthCheckProtocol');
  checkHttpPath(factory, 'healthCheck.path', hc.path);
  let protocol = hc.protocol;
  if (hc.path !== undefined) {
    if (protocol === HealthCheckProtocol.TCP) throw presetError(factory, 'healthCheck.path needs protocol HTTP or HTTPS, not TCP (a TCP check has no path); remove the path or the protocol');
    protocol = protocol ?? HealthCheckProtocol.HTTP;
    out[`${prefix}healthcheck-path`] = hc.path;
  }
  if (hc.port !== undefined) {
    checkPortNumbers(factory, 'healthCheck.port', [hc.port]);
    out[`${prefix}healthcheck-port`] = String(hc.port);
  }
  if (protocol !== undefined) out[`${prefix}healthcheck-protocol`] = protocol.toLowerCase();
}

export function awsNlbSpec(options: AwsNlbOptions): ProfileSpec {
  const f = 'LoadBalancerProfile.awsNlb';
  const scheme = checkScheme(f, options?.scheme);
  const p = AWS_SERVICE;
  const a: Record<string, string> = {};
  checkBoolean(f, 'useLoadBalancerClass', options.useLoadBalancerClass);
  checkEnumValue(f, 'targetType', options.targetType, AwsTargetType, 'AwsTargetType');
  checkEnumValue(f, 'backendProtocol', options.backendProtocol, AwsBackendProtocol, 'AwsBackendProtocol');
  const useClass = options.useLoadBalancerClass ?? true;
  if (!useClass) a[`${p}type`] = 'external';
  a[`${p}scheme`] = scheme;
  a[`${p}nlb-target-type`] = options.targetType ?? AwsTargetType.IP;

  checkArns(f, options.certificateArns);
  const hasCerts = (options.certificateArns?.length ?? 0) > 0;
  if (options.tlsPorts !== undefined && !hasCerts) throw presetError(f, 'tlsPorts needs certificateArns: without a certificate no port terminates TLS');
  if (options.sslPolicy !== undefined && !hasCerts) throw presetError(f, 'sslPolicy needs certificateArns: the policy applies to TLS listeners only');
  checkPortNumbers(f, 'tlsPorts', options.tlsPorts);
  if (options.tlsPorts !== undefined && options.tlsPorts.length === 0) throw presetError(f, 'tlsPorts is empty; omit it for port 443, or list the ports that terminate TLS');
  if (hasCerts) a[`${p}ssl-cert`] = options.certificateArns!.join(',');
  if (options.sslPolicy !== undefined) {
    if (!/^[A-Za-z0-9-]+$/.test(options.sslPolicy)) throw presetError(f, `sslPolicy ${JSON.stringify(options.sslPolicy)} must be a policy name such as "ELBSecurityPolicy-TLS13-1-2-2021-06"`);
    a[`${p}ssl-negotiation-policy`] = options.sslPolicy;
  }
  if (options.backendProtocol !== undefined) a[`${p}backend-protocol`] = options.backendProtocol;
  checkBoolean(f, 'proxyProtocol', options.proxyProtocol);
  if (options.proxyProtocol) a[`${p}proxy-protocol`] = '*';
  checkBoolean(f, 'crossZone', options.crossZone);
  if (options.crossZone !== undefined) a[`${p}attributes`] = `load_balancing.cross_zone.enabled=${boolText(options.crossZone)}`;
  const tgAttributes = checkAttributes(f, 'targetGroupAttributes', options.targetGroupAttributes);
  if (options.proxyProtocol && tgAttributes['proxy_protocol_v2.enabled'] === 'false') {
    throw presetError(f, 'proxyProtocol true contradicts targetGroupAttributes proxy_protocol_v2.enabled=false; remove one');
  }
  if (Object.keys(tgAttributes).length > 0) a[`${p}target-group-attributes`] = renderMap(tgAttributes);
  healthCheckAnnotations(f, p, options.healthCheck, a);

  const subnets = checkIdList(f, 'subnets', options.subnets);
  if (subnets !== undefined) a[`${p}subnets`] = subnets;
  const eips = checkIdList(f, 'eipAllocations', options.eipAllocations);
  if (eips !== undefined) {
    if (scheme !== LoadBalancerScheme.INTERNET_FACING) throw presetError(f, 'eipAllocations are public addresses: they need scheme INTERNET_FACING; use privateIpv4Addresses for an internal NLB');
    if (options.subnets?.length !== options.eipAllocations!.length) throw presetError(f, `eipAllocations needs one allocation per subnet: pass subnets with ${options.eipAllocations!.length} entries (received ${options.subnets?.length ?? 0})`);
    a[`${p}eip-allocations`] = eips;
  }
  const privateIps = checkIdList(f, 'privateIpv4Addresses', options.privateIpv4Addresses);
  if (privateIps !== undefined) {
    if (scheme !== LoadBalancerScheme.INTERNAL) throw presetError(f, 'privateIpv4Addresses need scheme INTERNAL; use eipAllocations for an internet-facing NLB');
    if (options.subnets?.length !== options.privateIpv4Addresses!.length) throw presetError(f, `privateIpv4Addresses needs one address per subnet: pass subnets with ${options.privateIpv4Addresses!.length} entries (received ${options.subnets?.length ?? 0})`);
    options.privateIpv4Addresses!.forEach((ip, i) => {
      if (!IPV4.test(ip)) throw presetError(f, `privateIpv4Addresses[${i}] ${JSON.stringify(ip)} is not an IPv4 address`);
    });
    a[`${p}private-ipv4-addresses`] = privateIps;
  }
  if (options.loadBalancerName !== undefined) {
    const name = options.loadBalancerName;
    if (typeof name !== 'string' || !/^[A-Za-z0-9]([A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/.test(name) || name.startsWith('internal-')) {
      throw presetError(f, `loadBalancerName ${JSON.stringify(name)} must be 1-32 letters, digits and "-", not starting or ending with "-" nor starting with "internal-"`);
    }
    a[`${p}name`] = name;
  }
  const groups = checkIdList(f, 'securityGroups', options.securityGroups);
  if (groups !== undefined) a[`${p}security-groups`] = groups;

  const resolve = (service: ServiceContext): Resolution => {
    const annotations = { ...a };
    const problems: string[] = [];
    if (hasCerts) {
      const tlsPorts = options.tlsPorts ?? [443];
      const missing = tlsPorts.filter(port => !service.ports.some(sp => sp.port === port));
      if (missing.length > 0) {
        problems.push(options.tlsPorts === undefined
          ? `certificateArns terminate TLS on port 443 by default, but the Service has no port 443 (ports ${service.ports.map(sp => sp.port).join(', ')}), and the controller refuses such a Service ("Unused port in ssl-ports annotation"); pass tlsPorts with the ports that terminate TLS`
          : `tlsPorts ${missing.join(', ')} ${missing.length === 1 ? 'is not a port' : 'are not ports'} of the Service (${service.ports.map(sp => sp.port).join(', ')}), which the controller refuses ("Unused port in ssl-ports annotation"); list Service ports only`);
      }
      annotations[`${p}ssl-ports`] = tlsPorts.join(',');
    }
    if (groups !== undefined && service.sourceRanges !== undefined) {
      problems.push(`securityGroups replace the security group the controller builds from sourceRanges, so sourceRanges ${JSON.stringify(service.sourceRanges)} would not be enforced; put the ranges in your security groups and pass SourceRanges.anywhere(), or remove securityGroups`);
    }
    const v6 = (service.sourceRanges ?? []).filter(cidr => cidr.includes(':'));
    if (v6.length > 0) {
      problems.push(`sourceRanges ${JSON.stringify(v6)} are IPv6, which the controller refuses on an IPv4 NLB ("unsupported v6 cidr"); remove them`);
    }
    return { annotations, problems };
  };
  return { provider: 'aws-nlb', scheme, annotations: a, loadBalancerClass: useClass ? AWS_NLB_CLASS : undefined, resolve };
}

export function awsAlbSpec(options: AwsAlbIngressOptions): ControllerSpec {
  const f = 'IngressController.awsAlb';
  const scheme = checkScheme(f, options?.scheme);
  const p = AWS_INGRESS;
  checkEnumValue(f, 'targetType', options.targetType, AwsTargetType, 'AwsTargetType');
  checkBoolean(f, 'sslRedirect', options.sslRedirect);
  const className = options.className ?? 'alb';
  const classProblem = checkDns1123Subdomain(className);
  if (classProblem) throw presetError(f, `className ${JSON.stringify(className)} ${classProblem}`);
  const base: Record<string, string> = {
    [`${p}scheme`]: scheme,
    [`${p}target-type`]: options.targetType ?? AwsTargetType.IP,
  };
  checkArns(f, options.certificateArns);
  if (options.groupName !== undefined) {
    if (!/^[a-z0-9]([-a-z0-9.]{0,61}[a-z0-9])?$/.test(options.groupName)) throw presetError(f, `groupName ${JSON.stringify(options.groupName)} must be at most 63 lower-case letters, digits, "-" and ".", starting and ending with a letter or digit`);
    base[`${p}group.name`] = options.groupName;
  }
  if (options.allowSourceRanges !== undefined) {
    if (options.allowSourceRanges.length === 0) throw presetError(f, 'allowSourceRanges is empty; omit it to let every client connect, or list CIDRs');
    options.allowSourceRanges.forEach((cidr, i) => {
      const problem = checkCidr(cidr);
      if (problem) throw presetError(f, `allowSourceRanges[${i}] ${JSON.stringify(cidr)} ${problem}`);
    });
    base[`${p}inbound-cidrs`] = options.allowSourceRanges.join(',');
  }
  if (options.sslPolicy !== undefined && !/^[A-Za-z0-9-]+$/.test(options.sslPolicy)) {
    throw presetError(f, `sslPolicy ${JSON.stringify(options.sslPolicy)} must be a policy name such as "ELBSecurityPolicy-TLS13-1-2-2021-06"`);
  }
  checkHttpPath(f, 'healthCheckPath', options.healthCheckPath);
  if (options.healthCheckPath !== undefined) base[`${p}healthcheck-path`] = options.healthCheckPath;
  const lbAttributes = checkAttributes(f, 'loadBalancerAttributes', options.loadBalancerAttributes);
  if (Object.keys(lbAttributes).length > 0) base[`${p}load-balancer-attributes`] = renderMap(lbAttributes);

  const resolve = (route: IngressContext): Resolution => {
    const annotations = { ...base };
    const problems: string[] = [];
    if (route.tls === TlsSource.NONE) {
      annotations[`${p}listen-ports`] = '[{"HTTP": 80}]';
      if (options.certificateArns?.length) problems.push('the awsAlb preset has certificateArns but the route has no TLS (no host, or IngressTls.disabled()); give a host and leave tls unset, or remove certificateArns');
      if (options.sslRedirect === true) problems.push('the awsAlb preset has sslRedirect true but the route has no TLS, so there is no HTTPS listener to redirect to; remove sslRedirect or turn TLS on');
      if (options.sslPolicy !== undefined) problems.push('the awsAlb preset has sslPolicy but the route has no TLS; remove sslPolicy or turn TLS on');
      return { annotations, problems };
    }
    if (route.tls === TlsSource.SECRET || route.tls === TlsSource.CERT_MANAGER) {
      problems.push(`the ALB takes certificates from ACM only (certificateArns, or discovered by host), so ${route.tls === TlsSource.SECRET ? 'the TLS Secret of IngressTls.fromSecret' : 'the certificate cert-manager would issue'} would never be served; leave tls unset (or IngressTls.fromController()) and pass certificateArns or let the controller discover the certificate`);
    }
    annotations[`${p}listen-ports`] = '[{"HTTP": 80}, {"HTTPS": 443}]';
    if (options.certificateArns?.length) annotations[`${p}certificate-arn`] = options.certificateArns.join(',');
    if (options.sslRedirect ?? true) annotations[`${p}ssl-redirect`] = '443';
    if (options.sslPolicy !== undefined) annotations[`${p}ssl-policy`] = options.sslPolicy;
    // Certificates come from ACM (by ARN or discovered by host); the controller reads no Secret.
    return { annotations, problems, secretless: true };
  };
  return { controller: 'aws-alb', className, scheme, annotations: base, resolve };
}
