import * as kplus from 'cdk8s-plus-28';
import { IngressTls } from './ingress-tls';

/** One path of a front end with its own type (`IngressRouteOptions.typedPaths`). */
export interface IngressPath {
  /** The HTTP path. Must start with `/`. */
  readonly path: string;
  /**
   * How the path matches request paths.
   *
   * @default kplus.HttpIngressPathType.PREFIX
   */
  readonly pathType?: kplus.HttpIngressPathType;
}

/**
 * Which requests an Ingress front end takes: its hosts and paths (every host with every
 * path), TLS, and whether it is the default backend. Shared by `IngressFrontedProps` and
 * `ServiceRouteOptions`.
 */
export interface IngressRouteOptions {
  /**
   * The host name the Ingress answers for (`api.example.com`, or `*.example.com`). For several,
   * use `hosts` instead.
   *
   * @default - every host (a rule without a host), unless `hosts` is given; TLS is then off unless `tls` is given
   */
  readonly host?: string;

  /**
   * Several host names, each routed with every path (`['example.com', 'www.example.com']`).
   * Use instead of `host`; with a gateway they become the HTTPRoute's `hostnames` (at most 16).
   * TLS covers them all, in one certificate.
   *
   * @default - `host` alone, or every host
   */
  readonly hosts?: string[];

  /**
   * The HTTP path routed. Must start with `/`. For several, use `paths` instead.
   *
   * @default '/'
   */
  readonly path?: string;

  /**
   * Several HTTP paths, each routed on every host (`['/api', '/auth']`), all with `pathType`.
   * Use instead of `path`; with a gateway they become the matches of one HTTPRoute rule (at
   * most 64).
   *
   * @default - `path` alone, or '/'
   */
  readonly paths?: string[];

  /**
   * How the paths match request paths.
   *
   * @default kplus.HttpIngressPathType.PREFIX
   */
  readonly pathType?: kplus.HttpIngressPathType;
  /**
   * Paths that do not all match one way, each with its own type, routed on every host
   * (`[{ path: '/api' }, { path: '/healthz', pathType: kplus.HttpIngressPathType.EXACT }]`).
   * Use instead of `path`, `paths` and `pathType`. One Ingress holds one rule per host and path,
   * so a path is listed once.
   *
   * @default - `path` or `paths`, all with `pathType`
   */
  readonly typedPaths?: IngressPath[];

  /**
   * TLS for the hosts.
   *
   * @default - when a host is given, TLS for every host with the Secret named after the first
   * (`api.example.com` gives `api-example-com-tls`); without a host, no TLS
   */
  readonly tls?: IngressTls;

  /**
   * Also make this the Ingress's default backend (`spec.defaultBackend`): it answers every
   * request that no rule of the Ingress matches, for any host; a host that is not listed under
   * `tls` gets no certificate of its own (the controller's default one, if any). With neither a host nor a path given,
   * the Ingress has the default backend alone. An Ingress has one default backend, and one
   * IngressClass one catch-all: a second is refused. Under a production policy it is reported
   * by `ingress-wildcard-host` (and, without a host, `ingress-without-tls`) until acknowledged.
   * Gateway API has no default backend: refused with a gateway.
   *
   * @default false
   */
  readonly defaultBackend?: boolean;
}
