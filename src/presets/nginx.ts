/**
 * ingress-nginx preset. Private to the library; the public factory is `IngressController.nginx`.
 * Source: kubernetes/ingress-nginx internal/ingress/annotations/ipallowlist/main.go,
 * internal/ingress/annotations/rewrite/main.go, docs/user-guide/nginx-configuration/annotations.md.
 */
import { checkBoolean, presetError } from './checks';
import { LoadBalancerScheme } from './common';
import { ControllerSpec, IngressContext, Resolution, TlsSource } from './context';
import { NGINX } from './keys';
import { checkCidr, checkDns1123Subdomain } from '../validation/names';

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

export function nginxSpec(options: NginxIngressOptions): ControllerSpec {
  const f = 'IngressController.nginx';
  checkBoolean(f, 'sslRedirect', options.sslRedirect);
  checkBoolean(f, 'forceSslRedirect', options.forceSslRedirect);
  const className = options.className ?? 'nginx';
  const classProblem = checkDns1123Subdomain(className);
  if (classProblem) throw presetError(f, `className ${JSON.stringify(className)} ${classProblem}`);
  const base: Record<string, string> = {};
  if (options.allowSourceRanges !== undefined) {
    if (options.allowSourceRanges.length === 0) throw presetError(f, 'allowSourceRanges is empty, which nginx reads as "allow everyone"; omit it for that, or list CIDRs');
    options.allowSourceRanges.forEach((cidr, i) => {
      const problem = checkCidr(cidr);
      if (problem) throw presetError(f, `allowSourceRanges[${i}] ${JSON.stringify(cidr)} ${problem}`);
    });
    // The current key; `whitelist-source-range` is only an alias.
    base[`${NGINX}allowlist-source-range`] = options.allowSourceRanges.join(',');
  }
  if (options.forceSslRedirect) {
    if (options.sslRedirect === false) throw presetError(f, 'forceSslRedirect true contradicts sslRedirect false; remove one');
    base[`${NGINX}force-ssl-redirect`] = 'true';
  }
  const resolve = (route: IngressContext): Resolution => {
    const annotations = { ...base };
    const problems: string[] = [];
    if (route.tls === TlsSource.NONE) {
      // nginx redirects only on a server that has TLS; force-ssl-redirect is for TLS ended in front of it.
      if (options.sslRedirect === true) problems.push('the nginx preset has sslRedirect true but the route has no TLS, and nginx only redirects a server with TLS; turn TLS on, or use forceSslRedirect when TLS ends in front of nginx');
    } else if (!options.forceSslRedirect) {
      annotations[`${NGINX}ssl-redirect`] = (options.sslRedirect ?? true) ? 'true' : 'false';
    }
    if (route.tls === TlsSource.CONTROLLER) problems.push('IngressTls.fromController() does not apply to ingress-nginx: nginx serves the certificate of a TLS Secret; use IngressTls.fromSecret or IngressTls.certManager');
    return { annotations, problems };
  };
  return { controller: 'ingress-nginx', className, scheme: LoadBalancerScheme.INTERNET_FACING, annotations: base, resolve };
}
