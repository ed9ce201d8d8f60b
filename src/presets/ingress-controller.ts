import { awsAlbSpec } from './aws';
import { checkScheme, genericAnnotations, presetError } from './checks';
import { AwsTargetType, LoadBalancerScheme } from './common';
import { ControllerSpec, IngressContext, Resolution } from './context';
import { gceSpec } from './gke';
import { nginxSpec } from './nginx';
import { traefikSpec } from './traefik';
import { checkDns1123Subdomain } from '../validation/names';

/** Options of the ingress-nginx preset. */
export interface NginxIngressOptions {
  /**
   * The IngressClass.
   * @default 'nginx'
   */
  readonly className?: string;
  /**
   * Redirect HTTP to HTTPS when the route has TLS (`nginx.ingress.kubernetes.io/ssl-redirect`).
   * `true` without TLS is refused: nginx only redirects a server that has TLS.
   * @default - true when the route has TLS; not set without TLS
   */
  readonly sslRedirect?: boolean;
  /**
   * Redirect HTTP to HTTPS even without TLS on this Ingress, for TLS that ends in front of
   * nginx (`nginx.ingress.kubernetes.io/force-ssl-redirect`).
   * @default false
   */
  readonly forceSslRedirect?: boolean;
  /**
   * Only these client CIDRs may connect (`nginx.ingress.kubernetes.io/allowlist-source-range`).
   * @default - every client
   */
  readonly allowSourceRanges?: string[];
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

/** Options of the Traefik preset. */
export interface TraefikIngressOptions {
  /**
   * The IngressClass.
   * @default 'traefik'
   */
  readonly className?: string;
  /**
   * The entry points the router listens on.
   * @default - ['websecure'] with TLS, ['web'] without
   */
  readonly entryPoints?: string[];
  /**
   * Middlewares of the router, as Traefik references (`<namespace>-<name>@kubernetescrd`).
   * @default - none
   */
  readonly middlewares?: string[];
  /**
   * A certificate resolver of Traefik's static configuration that issues the certificate
   * (`router.tls.certresolver`). Use with `tls: IngressTls.fromController()`.
   * @default - the certificate of the TLS Secret
   */
  readonly certResolver?: string;
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
 * annotations each controller reads, checked against the route's host and TLS when applied.
 * Every key's source is in docs/presets.md.
 */
export class IngressController {
  /**
   * ingress-nginx. Note: the ingress-nginx project is retired (best-effort maintenance ended
   * in March 2026); prefer Gateway API (`IngressFronted` with `gateway`) for new work.
   *
   * @param options class, ssl-redirect, force-ssl-redirect, allow-list
   */
  public static nginx(options: NginxIngressOptions = {}): IngressController {
    return new IngressController(nginxSpec(options));
  }

  /**
   * An AWS Application Load Balancer made by the AWS Load Balancer Controller (class `alb`).
   * The ALB serves certificates from ACM only: leave `tls` unset (or `IngressTls.fromController()`)
   * and pass `certificateArns` or let the controller discover them by host.
   *
   * @param options scheme, class, target type, certificates, redirect, TLS policy, inbound CIDRs, health check, attributes, group
   */
  public static awsAlb(options: AwsAlbIngressOptions): IngressController {
    return new IngressController(awsAlbSpec(options));
  }

  /**
   * GKE's Ingress controller. It is selected by the `kubernetes.io/ingress.class` annotation
   * (`gce` or `gce-internal`) and skips an Ingress that has `spec.ingressClassName` instead,
   * so the preset sets the annotation only. Its backend Service gets the NEG annotation that
   * ClusterIP backends need.
   *
   * @param options scheme, static IP, certificates, allow-http, FrontendConfig
   */
  public static gce(options: GceIngressOptions): IngressController {
    return new IngressController(gceSpec(options));
  }

  /**
   * Traefik: its class, the router's entry points, TLS on the router when the route has TLS,
   * middlewares and a certificate resolver.
   *
   * @param options class, entry points, middlewares, certificate resolver
   */
  public static traefik(options: TraefikIngressOptions = {}): IngressController {
    return new IngressController(traefikSpec(options));
  }

  /**
   * Any other controller: its class and annotations.
   *
   * @param options class, annotations, scheme
   */
  public static generic(options: GenericIngressOptions = {}): IngressController {
    const f = 'IngressController.generic';
    const scheme = options.scheme === undefined ? LoadBalancerScheme.INTERNET_FACING : checkScheme(f, options.scheme);
    const annotations = genericAnnotations(f, options.annotations, scheme);
    let className: string | undefined;
    if (options.className !== undefined) {
      const problem = checkDns1123Subdomain(options.className);
      if (problem) throw presetError(f, `className ${JSON.stringify(options.className)} ${problem}`);
      className = options.className;
    }
    return new IngressController({ controller: 'generic', className, scheme, annotations, resolve: () => ({ annotations: { ...annotations }, problems: [] }) });
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
  /**
   * The annotations the preset sets on every Ingress; those that depend on the route's TLS
   * (listen ports, redirects, router TLS) are added when it is applied.
   */
  public readonly annotations: Record<string, string>;

  private readonly resolver: (route: IngressContext) => Resolution;

  private constructor(spec: ControllerSpec) {
    this.controller = spec.controller;
    this.className = spec.className;
    this.scheme = spec.scheme;
    this.annotations = spec.annotations;
    this.resolver = spec.resolve;
  }

  /**
   * The annotations for one route, or the problems with the combination (used by IngressFronted and SharedIngress).
   * @internal
   */
  public _resolve(route: IngressContext): Resolution {
    return this.resolver(route);
  }
}
