import { Duration } from 'cdk8s';
import { factoryError, show } from '../errors';
import { RouteBackend, isPort } from './common';
import { checkDns1123Subdomain } from '../validation/names';

/** The scheme of a redirect. */
export enum RedirectScheme {
  /** `http`. */
  HTTP = 'http',
  /** `https`. */
  HTTPS = 'https',
}

/** Options of `HttpRouteFilter.redirect`. */
export interface HttpRedirectOptions {
  /**
   * The scheme of the Location.
   * @default - the request's scheme
   */
  readonly scheme?: RedirectScheme;
  /**
   * The host of the Location.
   * @default - the request's host
   */
  readonly hostname?: string;
  /**
   * The port of the Location.
   * @default - the scheme's well-known port (80 for http, 443 for https) when scheme is set, else the request's port
   */
  readonly port?: number;
  /**
   * Replace the whole path with this one.
   * @default - the request's path (or `prefix`)
   */
  readonly fullPath?: string;
  /**
   * Replace the prefix the rule matched (its one PathPrefix match) with this one.
   * @default - the request's path (or `fullPath`)
   */
  readonly prefix?: string;
  /**
   * The HTTP status code: 301, 302, 303, 307 or 308.
   * @default 302 (the Gateway API default)
   */
  readonly statusCode?: number;
}

/** Options of `HttpRouteFilter.httpsRedirect`. */
export interface HttpsRedirectOptions {
  /**
   * The HTTP status code: 301 (permanent) or 308 (permanent, keeps the method), 302, 303, 307.
   * @default 301
   */
  readonly statusCode?: number;
  /**
   * The HTTPS port, when it is not 443.
   * @default 443
   */
  readonly port?: number;
}

/** Options of `HttpRouteFilter.urlRewrite`. */
export interface UrlRewriteOptions {
  /**
   * The Host header sent to the backend.
   * @default - the request's host
   */
  readonly hostname?: string;
  /**
   * Replace the whole path with this one.
   * @default - the request's path (or `prefix`)
   */
  readonly fullPath?: string;
  /**
   * Replace the prefix the rule matched (its one PathPrefix match) with this one (`/` strips it).
   * @default - the request's path (or `fullPath`)
   */
  readonly prefix?: string;
}

/** Options of the header filters. Header names are HTTP tokens, values 1-4096 characters. */
export interface HeaderModifierOptions {
  /**
   * Headers to set, replacing a value the message has.
   * @default - none
   */
  readonly set?: Record<string, string>;
  /**
   * Headers to add, after values the message has.
   * @default - none
   */
  readonly add?: Record<string, string>;
  /**
   * Headers to remove.
   * @default - none
   */
  readonly remove?: string[];
}

/** Options of `HttpRouteFilter.cors`. */
export interface CorsOptions {
  /** The origins allowed (`https://app.example.com`, `https://*.example.com`, or `*`). */
  readonly allowOrigins: string[];
  /**
   * The methods allowed (`GET`, `POST`... or `*`).
   * @default - the implementation's (GET, HEAD and POST in the spec)
   */
  readonly allowMethods?: string[];
  /**
   * The request headers allowed.
   * @default - none beyond the CORS-safelisted ones
   */
  readonly allowHeaders?: string[];
  /**
   * The response headers the browser may read.
   * @default - none beyond the CORS-safelisted ones
   */
  readonly exposeHeaders?: string[];
  /**
   * Whether the browser may send credentials (cookies). Refused with `*` origins.
   * @default false
   */
  readonly allowCredentials?: boolean;
  /**
   * How long the browser may cache a preflight answer (whole seconds).
   * @default Duration.seconds(5) (the Gateway API default)
   */
  readonly maxAge?: Duration;
}

/** A share of requests: `numerator` out of `denominator`. */
export interface MirrorFraction {
  /** How many requests of `denominator` are mirrored (0 or more, at most `denominator`). */
  readonly numerator: number;
  /**
   * Out of how many requests.
   * @default 100 (the Gateway API default)
   */
  readonly denominator?: number;
}

/** Options of `HttpRouteFilter.requestMirror`: how many requests are mirrored (one of the two). */
export interface RequestMirrorOptions {
  /**
   * The percentage of requests mirrored, a whole number from 0 to 100.
   * @default - every request (or `fraction`)
   */
  readonly percent?: number;
  /**
   * The share of requests mirrored, as a fraction (`{ numerator: 1, denominator: 1000 }` is 0.1%).
   * @default - every request (or `percent`)
   */
  readonly fraction?: MirrorFraction;
}

/**
 * Options of `HttpRouteFilter.extensionRef`: the implementation's own filter object, in the
 * route's namespace (such as Envoy Gateway's `HTTPRouteFilter`).
 */
export interface ExtensionRefOptions {
  /** The filter object's API group, such as `gateway.envoyproxy.io` (`''` for the core group). */
  readonly group: string;
  /** The filter object's kind, such as `HTTPRouteFilter`. */
  readonly kind: string;
  /** The filter object's metadata.name. */
  readonly name: string;
}

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;
const KIND = /^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
/** The filters a rule may take more than once (every other type once: the CRD's CEL rules). */
const REPEATABLE = ['RequestMirror', 'ExtensionRef'];
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'];
const ORIGIN = /(^\*$)|(^(http(s)?):\/\/(((\*\.)?([a-zA-Z0-9-]+\.)*[a-zA-Z0-9-]+|\*)(:([0-9]{1,5}))?)$)/;
const STATUS_CODES = [301, 302, 303, 307, 308];

/**
 * A filter of an HTTPRoute (or GRPCRoute) rule: a redirect (HTTP to HTTPS), a URL rewrite,
 * header changes, CORS, a request mirror or an implementation's own filter. Each rule takes
 * each kind of filter once, but mirrors and extension references as often as needed.
 *
 * @example
 * const toHttps = HttpRouteFilter.httpsRedirect();
 * const stripApi = HttpRouteFilter.urlRewrite({ prefix: '/' });
 */
export class HttpRouteFilter {
  /**
   * Answers with a redirect instead of forwarding. A rule with a redirect has no backends.
   *
   * @param options where to redirect
   */
  public static redirect(options: HttpRedirectOptions): HttpRouteFilter {
    const f = 'HttpRouteFilter.redirect';
    if (options === null || typeof options !== 'object') throw factoryError(f, `options ${show(options)} must be an object such as { scheme: RedirectScheme.HTTPS }`);
    if (options.scheme !== undefined && !Object.values(RedirectScheme).includes(options.scheme)) {
      throw factoryError(f, `scheme ${show(options.scheme)} is not RedirectScheme.HTTP ("http") or RedirectScheme.HTTPS ("https")`);
    }
    if (options.statusCode !== undefined && !STATUS_CODES.includes(options.statusCode)) {
      throw factoryError(f, `statusCode ${show(options.statusCode)} is not one of ${STATUS_CODES.join(', ')}`);
    }
    if (options.port !== undefined && !isPort(options.port)) throw factoryError(f, `port ${show(options.port)} must be a whole number from 1 to 65535`);
    checkHostname(f, options.hostname);
    const path = pathModifier(f, options.fullPath, options.prefix);
    if (Object.values(options).every(v => v === undefined)) {
      throw factoryError(f, 'options change nothing, so the client would be sent where it already is; give scheme, hostname, port or a path');
    }
    const redirect = clean({ scheme: options.scheme, hostname: options.hostname, path, port: options.port, statusCode: options.statusCode });
    return new HttpRouteFilter('RequestRedirect', { requestRedirect: redirect }, path?.type === 'ReplacePrefixMatch');
  }

  /**
   * Redirects every request to HTTPS (the same host and path), with 301 unless told otherwise:
   * the rule to attach to a Gateway's HTTP listener.
   *
   * @param options status code and port
   */
  public static httpsRedirect(options: HttpsRedirectOptions = {}): HttpRouteFilter {
    return HttpRouteFilter.redirect({ scheme: RedirectScheme.HTTPS, statusCode: options.statusCode ?? 301, port: options.port });
  }

  /**
   * Rewrites the request before forwarding it to the backends.
   *
   * @param options the host and path to send
   */
  public static urlRewrite(options: UrlRewriteOptions): HttpRouteFilter {
    const f = 'HttpRouteFilter.urlRewrite';
    if (options === null || typeof options !== 'object') throw factoryError(f, `options ${show(options)} must be an object such as { prefix: '/' }`);
    checkHostname(f, options.hostname);
    const path = pathModifier(f, options.fullPath, options.prefix);
    if (options.hostname === undefined && path === undefined) throw factoryError(f, 'options rewrite nothing; give hostname, fullPath or prefix');
    return new HttpRouteFilter('URLRewrite', { urlRewrite: clean({ hostname: options.hostname, path }) }, path?.type === 'ReplacePrefixMatch');
  }

  /**
   * Changes the request's headers before forwarding it.
   *
   * @param options the headers to set, add and remove
   */
  public static requestHeaders(options: HeaderModifierOptions): HttpRouteFilter {
    return new HttpRouteFilter('RequestHeaderModifier', { requestHeaderModifier: headerModifier('HttpRouteFilter.requestHeaders', options) }, false);
  }

  /**
   * Changes the response's headers before returning it.
   *
   * @param options the headers to set, add and remove
   */
  public static responseHeaders(options: HeaderModifierOptions): HttpRouteFilter {
    return new HttpRouteFilter('ResponseHeaderModifier', { responseHeaderModifier: headerModifier('HttpRouteFilter.responseHeaders', options) }, false);
  }

  /**
   * Answers CORS preflight requests and adds the CORS response headers.
   *
   * @param options the origins, methods and headers allowed
   */
  public static cors(options: CorsOptions): HttpRouteFilter {
    const f = 'HttpRouteFilter.cors';
    if (options === null || typeof options !== 'object') throw factoryError(f, `options ${show(options)} must be an object such as { allowOrigins: ['https://app.example.com'] }`);
    const origins = options.allowOrigins;
    if (!Array.isArray(origins) || origins.length === 0 || origins.length > 64) {
      throw factoryError(f, `allowOrigins ${show(origins)} must list 1 to 64 origins, such as ['https://app.example.com']`);
    }
    for (const origin of origins) {
      if (typeof origin !== 'string' || origin.length > 253 || !ORIGIN.test(origin)) {
        throw factoryError(f, `allowOrigins entry ${show(origin)} is not an origin: scheme://host[:port] such as "https://app.example.com" (the host may start with "*."), or "*"`);
      }
    }
    if (origins.includes('*') && origins.length > 1) throw factoryError(f, 'allowOrigins lists "*" beside other origins; "*" already allows every origin, so give one or the other');
    if (options.allowCredentials === true && origins.includes('*')) {
      throw factoryError(f, 'allowCredentials with allowOrigins ["*"] lets every site make requests with the user\'s cookies; list the origins that may');
    }
    const methods = options.allowMethods;
    if (methods !== undefined) {
      if (!Array.isArray(methods) || methods.length > 9 || methods.some(m => m !== '*' && !METHODS.includes(m))) {
        throw factoryError(f, `allowMethods ${show(methods)} must list methods of ${METHODS.join(', ')} (or "*")`);
      }
      if (methods.includes('*') && methods.length > 1) throw factoryError(f, 'allowMethods lists "*" beside other methods; give one or the other');
    }
    for (const [prop, headers] of [['allowHeaders', options.allowHeaders], ['exposeHeaders', options.exposeHeaders]] as const) {
      if (headers === undefined) continue;
      if (!Array.isArray(headers) || headers.length > 64 || headers.some(h => typeof h !== 'string' || h.length > 256 || !HEADER_NAME.test(h))) {
        throw factoryError(f, `${prop} ${show(headers)} must list at most 64 header names (HTTP tokens such as "X-Request-Id")`);
      }
      if (prop === 'allowHeaders' && headers.includes('*') && headers.length > 1) throw factoryError(f, 'allowHeaders lists "*" beside other headers; give one or the other');
    }
    let maxAge: number | undefined;
    if (options.maxAge !== undefined) {
      maxAge = typeof options.maxAge?.toSeconds === 'function' ? options.maxAge.toSeconds() : NaN;
      if (!Number.isInteger(maxAge) || maxAge < 1) throw factoryError(f, `maxAge ${show(options.maxAge)} must be a Duration of at least one whole second, such as Duration.minutes(10)`);
    }
    return new HttpRouteFilter('CORS', {
      cors: clean({
        allowOrigins: [...origins],
        allowMethods: methods ? [...methods] : undefined,
        allowHeaders: options.allowHeaders ? [...options.allowHeaders] : undefined,
        exposeHeaders: options.exposeHeaders ? [...options.exposeHeaders] : undefined,
        allowCredentials: options.allowCredentials,
        maxAge,
      }),
    }, false);
  }

  /**
   * Sends a copy of each request (or of a share of them) to another Service, and ignores its
   * answers: to try a new version on real traffic. The mirror is a backend of the route: a
   * mirror in another namespace gets a ReferenceGrant there, as any backend does. A rule can
   * mirror to several Services.
   *
   * @param backend the Service that gets the copies (no weight: the share is `percent` or `fraction`)
   * @param options how many requests are mirrored
   */
  public static requestMirror(backend: RouteBackend, options: RequestMirrorOptions = {}): HttpRouteFilter {
    const f = 'HttpRouteFilter.requestMirror';
    if (!(backend instanceof RouteBackend)) throw factoryError(f, `backend ${show(backend)} is not a RouteBackend; use RouteBackend.fromService(...) or RouteBackend.fromServiceName(...)`);
    if (backend._weight !== undefined) {
      throw factoryError(f, `backend has weight ${backend._weight}, which does not apply to a mirror; remove it, and give percent or fraction for the share of requests mirrored`);
    }
    if (options === null || typeof options !== 'object') throw factoryError(f, `options ${show(options)} must be an object such as { percent: 10 }`);
    const { percent, fraction } = options;
    if (percent !== undefined && fraction !== undefined) throw factoryError(f, 'percent and fraction are both given; Gateway API takes one of them, so give one');
    if (percent !== undefined && !(typeof percent === 'number' && Number.isInteger(percent) && percent >= 0 && percent <= 100)) {
      throw factoryError(f, `percent ${show(percent)} must be a whole number from 0 to 100`);
    }
    let rendered: { numerator: number; denominator?: number } | undefined;
    if (fraction !== undefined) {
      if (fraction === null || typeof fraction !== 'object') throw factoryError(f, `fraction ${show(fraction)} must be an object such as { numerator: 1, denominator: 1000 }`);
      const { numerator, denominator } = fraction;
      const whole = (n: unknown, min: number) => typeof n === 'number' && Number.isInteger(n) && n >= min && n <= 2147483647;
      if (!whole(numerator, 0)) throw factoryError(f, `fraction.numerator ${show(numerator)} must be a whole number, 0 or more`);
      if (denominator !== undefined && !whole(denominator, 1)) throw factoryError(f, `fraction.denominator ${show(denominator)} must be a whole number, 1 or more`);
      if (numerator > (denominator ?? 100)) {
        throw factoryError(f, `fraction ${numerator}/${denominator ?? 100} is more than every request; give a numerator of at most ${denominator ?? 100}`);
      }
      rendered = { numerator, ...(denominator !== undefined ? { denominator } : {}) };
    }
    return new HttpRouteFilter('RequestMirror', { requestMirror: clean({ percent, fraction: rendered }) }, false, backend);
  }

  /**
   * A filter the Gateway implementation defines, by reference to its object in the route's
   * namespace (`ExtensionRef`): not portable, and outside what the library and its rules can
   * read. A rule can reference several.
   *
   * @param ref the filter object's group, kind and name
   */
  public static extensionRef(ref: ExtensionRefOptions): HttpRouteFilter {
    const f = 'HttpRouteFilter.extensionRef';
    if (ref === null || typeof ref !== 'object') throw factoryError(f, `ref ${show(ref)} must be an object such as { group: 'gateway.envoyproxy.io', kind: 'HTTPRouteFilter', name: 'rewrite' }`);
    if (typeof ref.group !== 'string' || (ref.group !== '' && checkDns1123Subdomain(ref.group) !== undefined)) {
      throw factoryError(f, `group ${show(ref.group)} must be an API group, a DNS subdomain such as "gateway.envoyproxy.io" ("" for the core group)`);
    }
    if (typeof ref.kind !== 'string' || ref.kind.length > 63 || !KIND.test(ref.kind)) {
      throw factoryError(f, `kind ${show(ref.kind)} must be a kind such as "HTTPRouteFilter" (a letter, then letters, digits and hyphens; at most 63)`);
    }
    const nameProblem = typeof ref.name === 'string' ? checkDns1123Subdomain(ref.name) : 'is not a string';
    if (nameProblem) throw factoryError(f, `name ${show(ref.name)} ${nameProblem}; it is the filter object's metadata.name`);
    return new HttpRouteFilter('ExtensionRef', { extensionRef: { group: ref.group, kind: ref.kind, name: ref.name } }, false);
  }

  /** The filter's type (`RequestRedirect`, `URLRewrite`...). */
  public readonly type: string;
  private readonly body: Record<string, unknown>;
  /** Whether it replaces the matched prefix (then the rule must have exactly one PathPrefix match). */
  private readonly replacesPrefix: boolean;
  /** The backend of a RequestMirror filter, which the route resolves. */
  private readonly mirror?: RouteBackend;

  private constructor(type: string, body: Record<string, unknown>, replacesPrefix: boolean, mirror?: RouteBackend) {
    this.type = type;
    this.body = body;
    this.replacesPrefix = replacesPrefix;
    this.mirror = mirror;
  }

  /**
   * The filter as a rule writes it; a RequestMirror's backendRef as the route resolved it.
   * @internal
   */
  public _render(mirrorBackendRef?: any): any {
    if (this.mirror !== undefined) {
      return { type: this.type, requestMirror: { backendRef: mirrorBackendRef, ...(this.body.requestMirror as object) } };
    }
    return { type: this.type, ...this.body };
  }

  /**
   * The backend of a RequestMirror filter, for the route to resolve.
   * @internal
   */
  public get _mirrorBackend(): RouteBackend | undefined {
    return this.mirror;
  }

  /**
   * Whether a rule may take this type of filter more than once.
   * @internal
   */
  public get _repeatable(): boolean {
    return REPEATABLE.includes(this.type);
  }

  /**
   * Whether it replaces the prefix the rule matched.
   * @internal
   */
  public get _replacesPrefix(): boolean {
    return this.replacesPrefix;
  }
}

function checkHostname(f: string, hostname: string | undefined): void {
  if (hostname === undefined) return;
  const problem = typeof hostname === 'string' ? checkDns1123Subdomain(hostname) : 'is not a string';
  if (problem) throw factoryError(f, `hostname ${show(hostname)} ${problem}; pass a host name such as "www.example.com" (no wildcard)`);
}

function pathModifier(f: string, fullPath: string | undefined, prefix: string | undefined): any {
  if (fullPath !== undefined && prefix !== undefined) throw factoryError(f, 'fullPath and prefix are both given; a path is replaced either whole or by its prefix, so give one');
  const value = fullPath ?? prefix;
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !value.startsWith('/') || value.length > 1024) {
    throw factoryError(f, `${fullPath !== undefined ? 'fullPath' : 'prefix'} ${show(value)} must be a path starting with "/" (at most 1024 characters)`);
  }
  return fullPath !== undefined ? { type: 'ReplaceFullPath', replaceFullPath: fullPath } : { type: 'ReplacePrefixMatch', replacePrefixMatch: prefix };
}

function headerModifier(f: string, options: HeaderModifierOptions): any {
  if (options === null || typeof options !== 'object') throw factoryError(f, `options ${show(options)} must be an object such as { set: { 'X-Env': 'prod' } }`);
  const seen = new Set<string>();
  const list = (prop: string, headers: Record<string, string> | undefined) => {
    if (headers === undefined) return undefined;
    if (headers === null || typeof headers !== 'object' || Array.isArray(headers)) throw factoryError(f, `${prop} ${show(headers)} must map header names to values`);
    const entries = Object.entries(headers);
    if (entries.length > 16) throw factoryError(f, `${prop} has ${entries.length} headers; at most 16`);
    return entries.map(([name, value]) => {
      if (name.length > 256 || !HEADER_NAME.test(name)) throw factoryError(f, `${prop} header name ${show(name)} is not an HTTP token (letters, digits and !#$%&'*+-.^_\`|~)`);
      if (typeof value !== 'string' || value.length < 1 || value.length > 4096) throw factoryError(f, `${prop}[${show(name)}] ${show(value)} must be a value of 1 to 4096 characters`);
      const key = name.toLowerCase();
      if (seen.has(key)) throw factoryError(f, `header ${show(name)} is changed twice (header names are case-insensitive); change it once`);
      seen.add(key);
      return { name, value };
    });
  };
  const set = list('set', options.set);
  const add = list('add', options.add);
  const remove = options.remove;
  if (remove !== undefined) {
    if (!Array.isArray(remove) || remove.length > 16) throw factoryError(f, `remove ${show(remove)} must list at most 16 header names`);
    for (const name of remove) {
      if (typeof name !== 'string' || name.length > 256 || !HEADER_NAME.test(name)) throw factoryError(f, `remove entry ${show(name)} is not an HTTP header name`);
      if (seen.has(name.toLowerCase())) throw factoryError(f, `header ${show(name)} is both changed and removed; do one`);
      seen.add(name.toLowerCase());
    }
  }
  if (seen.size === 0) throw factoryError(f, 'options change no header; give set, add or remove');
  return clean({ set, add, remove: remove ? [...remove] : undefined });
}

function clean<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
