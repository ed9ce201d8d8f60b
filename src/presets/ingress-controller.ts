import { checkArns, checkScheme, genericAnnotations, presetError } from './checks';
import { AwsTargetType, LoadBalancerScheme } from './common';
import { checkCidr, checkDns1123Subdomain } from '../validation/names';

/** Options of the ingress-nginx preset. */
export interface NginxIngressOptions {
  /**
   * The IngressClass.
   * @default 'nginx'
   */
  readonly className?: string;
  /**
   * Redirect HTTP to HTTPS (`nginx.ingress.kubernetes.io/ssl-redirect`).
   * @default true
   */
  readonly sslRedirect?: boolean;
  /**
   * Only these client CIDRs may connect (`nginx.ingress.kubernetes.io/whitelist-source-range`).
   * @default - every client
   */
  readonly allowSourceRanges?: string[];
}

/** Options of the AWS Load Balancer Controller (ALB) preset. */
export interface AwsAlbIngressOptions {
  /** Internet-facing or internal. The controller's own default is internal. */
  readonly scheme: LoadBalancerScheme;
  /**
   * How the ALB reaches the pods.
   * @default AwsTargetType.IP
   */
  readonly targetType?: AwsTargetType;
  /**
   * ACM certificate ARNs for the HTTPS listener.
   * @default - certificates discovered from the TLS hosts
   */
  readonly certificateArns?: string[];
  /**
   * Redirect HTTP to HTTPS on port 443.
   * @default true
   */
  readonly sslRedirect?: boolean;
  /**
   * Share one ALB between Ingresses of this group (`alb.ingress.kubernetes.io/group.name`).
   * @default - one ALB for this Ingress
   */
  readonly groupName?: string;
}

/** Options of the GKE Ingress (GCE) preset. */
export interface GceIngressOptions {
  /** External (`gce`) or internal (`gce-internal`) Application Load Balancer. */
  readonly scheme: LoadBalancerScheme;
}

/** Options of the Traefik preset. */
export interface TraefikIngressOptions {
  /**
   * The IngressClass.
   * @default 'traefik'
   */
  readonly className?: string;
  /**
   * The entry points the router listens on.
   * @default ['websecure']
   */
  readonly entryPoints?: string[];
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

/**
 * An ingress controller preset for `IngressFronted` and `SharedIngress`: the class and the
 * annotations each controller documents. Sources: ingress-nginx annotations; AWS Load
 * Balancer Controller ingress annotations; GKE Ingress docs; Traefik Kubernetes Ingress docs.
 */
export class IngressController {
  /**
   * ingress-nginx. Note: the ingress-nginx project is retired (best-effort maintenance ended
   * in March 2026); prefer Gateway API (`IngressFronted` with `gateway`) for new work.
   *
   * @param options class, ssl-redirect, allow-list
   */
  public static nginx(options: NginxIngressOptions = {}): IngressController {
    const f = 'IngressController.nginx';
    const a: Record<string, string> = { 'nginx.ingress.kubernetes.io/ssl-redirect': (options.sslRedirect ?? true) ? 'true' : 'false' };
    if (options.allowSourceRanges !== undefined) {
      if (options.allowSourceRanges.length === 0) throw presetError(f, 'allowSourceRanges is empty, which nginx reads as "allow everyone"; omit it for that, or list CIDRs');
      options.allowSourceRanges.forEach((cidr, i) => {
        const problem = checkCidr(cidr);
        if (problem) throw presetError(f, `allowSourceRanges[${i}] ${JSON.stringify(cidr)} ${problem}`);
      });
      a['nginx.ingress.kubernetes.io/whitelist-source-range'] = options.allowSourceRanges.join(',');
    }
    return new IngressController('ingress-nginx', checkClass(f, options.className ?? 'nginx'), LoadBalancerScheme.INTERNET_FACING, a);
  }

  /**
   * An AWS Application Load Balancer made by the AWS Load Balancer Controller (class `alb`).
   *
   * @param options scheme, target type, certificates, ssl-redirect, group
   */
  public static awsAlb(options: AwsAlbIngressOptions): IngressController {
    const f = 'IngressController.awsAlb';
    const scheme = checkScheme(f, options?.scheme);
    const p = 'alb.ingress.kubernetes.io/';
    const a: Record<string, string> = {
      [`${p}scheme`]: scheme,
      [`${p}target-type`]: options.targetType ?? AwsTargetType.IP,
      [`${p}listen-ports`]: '[{"HTTP": 80}, {"HTTPS": 443}]',
    };
    checkArns(f, options.certificateArns);
    if (options.certificateArns?.length) a[`${p}certificate-arn`] = options.certificateArns.join(',');
    if (options.sslRedirect ?? true) a[`${p}ssl-redirect`] = '443';
    if (options.groupName !== undefined) {
      if (!/^[a-z0-9]([-a-z0-9.]{0,61}[a-z0-9])?$/.test(options.groupName)) throw presetError(f, `groupName ${JSON.stringify(options.groupName)} must be at most 63 lower-case letters, digits, "-" and ".", starting and ending with a letter or digit`);
      a[`${p}group.name`] = options.groupName;
    }
    return new IngressController('aws-alb', 'alb', scheme, a);
  }

  /**
   * GKE's Ingress controller. It reads the `kubernetes.io/ingress.class` annotation (`gce` or
   * `gce-internal`) and ignores `spec.ingressClassName`, so the preset sets the annotation only.
   *
   * @param options scheme
   */
  public static gce(options: GceIngressOptions): IngressController {
    const scheme = checkScheme('IngressController.gce', options?.scheme);
    return new IngressController('gce', undefined, scheme, {
      'kubernetes.io/ingress.class': scheme === LoadBalancerScheme.INTERNAL ? 'gce-internal' : 'gce',
    });
  }

  /**
   * Traefik: its class, the router's entry points, and TLS on the router.
   *
   * @param options class, entry points
   */
  public static traefik(options: TraefikIngressOptions = {}): IngressController {
    const f = 'IngressController.traefik';
    const entryPoints = options.entryPoints ?? ['websecure'];
    if (entryPoints.length === 0 || entryPoints.some(e => !/^[A-Za-z0-9][-A-Za-z0-9_]*$/.test(e))) {
      throw presetError(f, `entryPoints ${JSON.stringify(entryPoints)} must list entry point names such as "websecure"`);
    }
    return new IngressController('traefik', checkClass(f, options.className ?? 'traefik'), LoadBalancerScheme.INTERNET_FACING, {
      'traefik.ingress.kubernetes.io/router.entrypoints': entryPoints.join(','),
      'traefik.ingress.kubernetes.io/router.tls': 'true',
    });
  }

  /**
   * Any other controller: its class and annotations.
   *
   * @param options class, annotations, scheme
   */
  public static generic(options: GenericIngressOptions = {}): IngressController {
    const f = 'IngressController.generic';
    const scheme = options.scheme === undefined ? LoadBalancerScheme.INTERNET_FACING : checkScheme(f, options.scheme);
    const a = genericAnnotations(f, options.annotations, scheme);
    return new IngressController('generic', options.className === undefined ? undefined : checkClass(f, options.className), scheme, a);
  }

  /** The controller (`ingress-nginx`, `aws-alb`, `gce`, `traefik`, `generic`). */
  public readonly controller: string;
  /**
   * `spec.ingressClassName`.
   * @default - not set (GCE reads an annotation instead)
   */
  public readonly className?: string;
  /** Internet-facing or internal. */
  public readonly scheme: LoadBalancerScheme;
  /** The annotations the preset sets. */
  public readonly annotations: Record<string, string>;

  private constructor(controller: string, className: string | undefined, scheme: LoadBalancerScheme, annotations: Record<string, string>) {
    this.controller = controller;
    this.className = className;
    this.scheme = scheme;
    this.annotations = annotations;
  }
}

function checkClass(factory: string, className: string): string {
  const problem = checkDns1123Subdomain(className);
  if (problem) throw presetError(factory, `className ${JSON.stringify(className)} ${problem}`);
  return className;
}
