import { AwsAlbIngressOptions, awsAlbSpec } from './aws';
import { checkScheme, genericAnnotations, presetError } from './checks';
import { GenericIngressOptions, LoadBalancerScheme } from './common';
import { ControllerSpec, IngressContext, Resolution } from './context';
import { GceIngressOptions, gceSpec } from './gke';
import { NginxIngressOptions, nginxSpec } from './nginx';
import { TraefikIngressOptions, traefikSpec } from './traefik';
import { checkDns1123Subdomain } from '../validation/names';

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
