/**
 * Traefik preset. Private to the library; the public factory is `IngressController.traefik`.
 * Source: traefik/traefik pkg/provider/kubernetes/ingress/annotations.go (router.* keys),
 * pkg/provider/kubernetes/ingress/kubernetes.go (the router has TLS only with router.tls),
 * pkg/config/dynamic/http_config.go (RouterTLSConfig.certResolver).
 */
import { presetError } from './checks';
import { LoadBalancerScheme } from './common';
import { ControllerSpec, IngressContext, Resolution, TlsSource } from './context';
import { TRAEFIK } from './keys';
import { checkDns1123Subdomain } from '../validation/names';

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

export function traefikSpec(options: TraefikIngressOptions): ControllerSpec {
  const f = 'IngressController.traefik';
  const className = options.className ?? 'traefik';
  const classProblem = checkDns1123Subdomain(className);
  if (classProblem) throw presetError(f, `className ${JSON.stringify(className)} ${classProblem}`);
  const entryPoints = options.entryPoints;
  if (entryPoints !== undefined && (entryPoints.length === 0 || entryPoints.some(e => !/^[A-Za-z0-9][-A-Za-z0-9_]*$/.test(e)))) {
    throw presetError(f, `entryPoints ${JSON.stringify(entryPoints)} must list entry point names such as "websecure"`);
  }
  const middlewares = options.middlewares;
  if (middlewares !== undefined && (middlewares.length === 0 || middlewares.some(m => !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?@[a-z][a-z0-9]*$/.test(m)))) {
    throw presetError(f, `middlewares ${JSON.stringify(middlewares)} must list Traefik references such as "default-redirect-https@kubernetescrd" (<namespace>-<name>@<provider>)`);
  }
  if (options.certResolver !== undefined && !/^[A-Za-z0-9][-A-Za-z0-9_]*$/.test(options.certResolver)) {
    throw presetError(f, `certResolver ${JSON.stringify(options.certResolver)} must be the name of a resolver of Traefik's static configuration, such as "letsencrypt"`);
  }
  const base: Record<string, string> = {};
  if (middlewares !== undefined) base[`${TRAEFIK}router.middlewares`] = middlewares.join(',');
  const resolve = (route: IngressContext): Resolution => {
    const annotations: Record<string, string> = {};
    const problems: string[] = [];
    const tls = route.tls !== TlsSource.NONE;
    annotations[`${TRAEFIK}router.entrypoints`] = (entryPoints ?? [tls ? 'websecure' : 'web']).join(',');
    Object.assign(annotations, base);
    if (tls) annotations[`${TRAEFIK}router.tls`] = 'true';
    if (options.certResolver !== undefined) {
      if (!tls) problems.push('the traefik preset has certResolver but the route has no TLS (no host, or IngressTls.disabled()); turn TLS on with IngressTls.fromController(), or remove certResolver');
      else if (route.tls !== TlsSource.CONTROLLER) problems.push('the traefik preset has certResolver, which issues the certificate itself, but the route also names a TLS Secret or cert-manager; pass tls: IngressTls.fromController() to use the resolver alone');
      else annotations[`${TRAEFIK}router.tls.certresolver`] = options.certResolver;
    } else if (route.tls === TlsSource.CONTROLLER) {
      problems.push('IngressTls.fromController() with the traefik preset needs certResolver: without it Traefik serves its default certificate');
    }
    return { annotations, problems };
  };
  return { controller: 'traefik', className, scheme: LoadBalancerScheme.INTERNET_FACING, annotations: base, resolve };
}
