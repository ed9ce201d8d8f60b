/**
 * DigitalOcean load balancer profile. Private to the library; the public factory is
 * `LoadBalancerProfile.digitalOcean`. Source: digitalocean/digitalocean-cloud-controller-manager
 * cloud-controller-manager/do/lb_annotations.go, cloud-controller-manager/do/loadbalancers.go,
 * cloud-controller-manager/do/cloud.go (DEFAULT_LB_TYPE).
 */
import { healthCheckAnnotations } from './aws';
import { checkBoolean, checkEnumValue, checkScheme, presetError } from './checks';
import { HealthCheckOptions, LoadBalancerScheme } from './common';
import { ProfileSpec, Resolution, ServiceContext } from './context';
import { DIGITALOCEAN } from './keys';

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

export function digitalOceanSpec(options: DigitalOceanOptions): ProfileSpec {
  const f = 'LoadBalancerProfile.digitalOcean';
  const scheme = checkScheme(f, options?.scheme);
  checkEnumValue(f, 'type', options.type, DigitalOceanLoadBalancerType, 'DigitalOceanLoadBalancerType');
  checkEnumValue(f, 'protocol', options.protocol, DigitalOceanProtocol, 'DigitalOceanProtocol');
  checkBoolean(f, 'redirectHttpToHttps', options.redirectHttpToHttps);
  const p = DIGITALOCEAN;
  const a: Record<string, string> = {};
  const protocol = options.protocol ?? DigitalOceanProtocol.TCP;
  const secure = protocol === DigitalOceanProtocol.HTTPS || protocol === DigitalOceanProtocol.HTTP2;
  if (options.certificateId !== undefined && options.certificateName !== undefined) throw presetError(f, 'give certificateName or certificateId, not both');
  const hasCert = options.certificateId !== undefined || options.certificateName !== undefined;
  if (secure && !hasCert) throw presetError(f, `protocol ${protocol} needs certificateName (or certificateId): DigitalOcean refuses HTTPS without a certificate`);
  if (options.redirectHttpToHttps && !hasCert) throw presetError(f, 'redirectHttpToHttps needs certificateName (or certificateId): there is no HTTPS to redirect to');
  const needsRegional = protocol !== DigitalOceanProtocol.TCP || hasCert || options.redirectHttpToHttps === true;
  if (needsRegional && options.type === DigitalOceanLoadBalancerType.REGIONAL_NETWORK) {
    throw presetError(f, 'type REGIONAL_NETWORK forwards TCP and UDP as they are, so protocol, certificates and redirects do nothing there; use type REGIONAL (or omit type)');
  }
  const type = options.type ?? (needsRegional ? DigitalOceanLoadBalancerType.REGIONAL : undefined);
  if (type !== undefined) a[`${p}type`] = type;
  if (scheme === LoadBalancerScheme.INTERNAL) a[`${p}network`] = 'INTERNAL';
  if (type === DigitalOceanLoadBalancerType.REGIONAL && (options.protocol !== undefined || needsRegional)) a[`${p}protocol`] = protocol;
  if (options.certificateName !== undefined) a[`${p}certificate-name`] = options.certificateName;
  if (options.certificateId !== undefined) a[`${p}certificate-id`] = options.certificateId;
  if (options.redirectHttpToHttps) a[`${p}redirect-http-to-https`] = 'true';
  if (options.healthCheck !== undefined) {
    healthCheckAnnotations(f, p, options.healthCheck, a);
    // Without this annotation the CCM keeps its own check and ignores the three above.
    a[`${p}override-health-check`] = 'true';
  }
  if (options.sizeUnit !== undefined) {
    if (!Number.isInteger(options.sizeUnit) || options.sizeUnit < 1 || options.sizeUnit > 100) throw presetError(f, `sizeUnit ${options.sizeUnit} must be a whole number from 1 to 100`);
    a[`${p}size-unit`] = String(options.sizeUnit);
  }
  const resolve = (service: ServiceContext): Resolution => {
    const problems: string[] = [];
    // The CCM puts the certificate on port 443 (defaultSecurePort) when no tls-ports are given.
    if (hasCert && !service.ports.some(sp => sp.port === 443)) {
      problems.push(`the certificate is served on port 443, but the Service has no port 443 (ports ${service.ports.map(sp => sp.port).join(', ')}); add port 443 or remove the certificate`);
    }
    const hcPort = options.healthCheck?.port;
    if (hcPort !== undefined && !service.ports.some(sp => sp.port === hcPort)) {
      problems.push(`healthCheck.port ${hcPort} is not a port of the Service (${service.ports.map(sp => sp.port).join(', ')}); the CCM checks a Service port, so name one of those`);
    }
    return { annotations: { ...a }, problems };
  };
  return { provider: 'digitalocean', scheme, annotations: a, resolve };
}
