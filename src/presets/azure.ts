/**
 * Azure (AKS) load balancer profile. Private to the library; the public factory is
 * `LoadBalancerProfile.azure`. Source: kubernetes-sigs/cloud-provider-azure pkg/consts/consts.go,
 * pkg/provider/loadbalancer/accesscontrol.go, pkg/provider/azure_loadbalancer_healthprobe.go,
 * pkg/provider/azure_loadbalancer.go.
 */
import { checkEnumValue, checkHttpPath, checkScheme, presetError } from './checks';
import { HealthCheckProtocol, LoadBalancerScheme } from './common';
import { ProfileSpec, Resolution, ServiceContext } from './context';
import { AZURE, AZURE_INTERNAL } from './keys';

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

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

export function azureSpec(options: AzureOptions): ProfileSpec {
  const f = 'LoadBalancerProfile.azure';
  const scheme = checkScheme(f, options?.scheme);
  const p = AZURE;
  const a: Record<string, string> = {};
  if (scheme === LoadBalancerScheme.INTERNAL) {
    a[AZURE_INTERNAL] = 'true';
    if (options.internalSubnet !== undefined) a[`${p}load-balancer-internal-subnet`] = options.internalSubnet;
    if (options.dnsLabel !== undefined) throw presetError(f, 'dnsLabel names a public IP; an internal load balancer has none');
    if (options.publicIpName !== undefined) throw presetError(f, 'publicIpName names a public IP; an internal load balancer has none (use loadBalancerIp for its private address)');
  } else if (options.internalSubnet !== undefined) {
    throw presetError(f, 'internalSubnet applies to internal load balancers only; remove it or use scheme INTERNAL');
  }
  if (options.resourceGroup !== undefined) a[`${p}load-balancer-resource-group`] = options.resourceGroup;
  if (options.dnsLabel !== undefined) {
    if (!/^[a-z][a-z0-9-]{1,61}[a-z0-9]$/.test(options.dnsLabel)) throw presetError(f, `dnsLabel ${JSON.stringify(options.dnsLabel)} must be 3-63 lower-case letters, digits and "-", starting with a letter`);
    a[`${p}dns-label-name`] = options.dnsLabel;
  }
  if (options.publicIpName !== undefined) {
    if (!/^[A-Za-z0-9]([A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$/.test(options.publicIpName)) throw presetError(f, `publicIpName ${JSON.stringify(options.publicIpName)} must be 1-80 letters, digits, "_", "." and "-", starting with a letter or digit`);
    a[`${p}pip-name`] = options.publicIpName;
  }
  if (options.loadBalancerIp !== undefined) {
    if (!IPV4.test(options.loadBalancerIp)) throw presetError(f, `loadBalancerIp ${JSON.stringify(options.loadBalancerIp)} is not an IPv4 address`);
    if (options.publicIpName !== undefined) throw presetError(f, 'give publicIpName or loadBalancerIp, not both: both choose the public IP');
    a[`${p}load-balancer-ipv4`] = options.loadBalancerIp;
  }
  checkEnumValue(f, 'healthProbeProtocol', options.healthProbeProtocol, HealthCheckProtocol, 'HealthCheckProtocol');
  checkHttpPath(f, 'healthProbePath', options.healthProbePath);
  let probeProtocol = options.healthProbeProtocol;
  if (options.healthProbePath !== undefined) {
    if (probeProtocol === HealthCheckProtocol.TCP) throw presetError(f, 'healthProbePath needs healthProbeProtocol HTTP or HTTPS: Azure ignores the path on a TCP probe');
    probeProtocol = probeProtocol ?? HealthCheckProtocol.HTTP;
    a[`${p}load-balancer-health-probe-request-path`] = options.healthProbePath;
  }
  if (probeProtocol !== undefined) a[`${p}load-balancer-health-probe-protocol`] = probeProtocol.toLowerCase();
  if (options.idleTimeoutMinutes !== undefined) {
    const t = options.idleTimeoutMinutes;
    if (!Number.isInteger(t) || t < 4 || t > 100) throw presetError(f, `idleTimeoutMinutes ${JSON.stringify(t)} must be a whole number of minutes from 4 to 100`);
    a[`${p}load-balancer-tcp-idle-timeout`] = String(t);
  }
  const resolve = (service: ServiceContext): Resolution => {
    const annotations = { ...a };
    // The NSG allows the whole virtual network by default; only this annotation makes
    // loadBalancerSourceRanges the complete list of who may connect.
    if (service.sourceRanges !== undefined) annotations[`${p}deny-all-except-load-balancer-source-ranges`] = 'true';
    return { annotations, problems: [] };
  };
  return { provider: 'azure', scheme, annotations: a, resolve };
}
