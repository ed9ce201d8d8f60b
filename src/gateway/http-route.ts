import { Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { RouteBackend, checkHostnames, checkRuleName, durationProblem, gatewayDuration } from './common';
import { HttpRouteFilter } from './http-route-filter';
import { GatewayRoute, GatewayRouteProps } from './route';
import { propError, show } from '../errors';
import { claimRoute } from '../internal/claims';
import { enumProblem } from '../internal/enums';
import { addSynthCheck, refused } from '../internal/refusal';

/** How a path match compares (`matches[].path.type`). */
export enum HttpPathMatchType {
  /** The path and everything under it (`/api` matches `/api` and `/api/users`, not `/apis`). */
  PATH_PREFIX = 'PathPrefix',
  /** Exactly this path. */
  EXACT = 'Exact',
  /** A regular expression, in the implementation's dialect (not portable). */
  REGULAR_EXPRESSION = 'RegularExpression',
}

/** How a header, query parameter or gRPC method match compares. */
export enum ValueMatchType {
  /** Exactly this value. */
  EXACT = 'Exact',
  /** A regular expression, in the implementation's dialect (not portable). */
  REGULAR_EXPRESSION = 'RegularExpression',
}

/** An HTTP method to match. */
export enum HttpMethod {
  /** GET */
  GET = 'GET',
  /** HEAD */
  HEAD = 'HEAD',
  /** POST */
  POST = 'POST',
  /** PUT */
  PUT = 'PUT',
  /** DELETE */
  DELETE = 'DELETE',
  /** CONNECT */
  CONNECT = 'CONNECT',
  /** OPTIONS */
  OPTIONS = 'OPTIONS',
  /** TRACE */
  TRACE = 'TRACE',
  /** PATCH */
  PATCH = 'PATCH',
}

/** A header (or query parameter) to match. */
export interface ValueMatch {
  /** The header or query parameter name. */
  readonly name: string;
  /** The value to compare with. */
  readonly value: string;
  /**
   * How to compare.
   * @default ValueMatchType.EXACT
   */
  readonly type?: ValueMatchType;
}

/** One way a request matches an HTTPRoute rule; every condition given must hold. */
export interface HttpRouteMatch {
  /**
   * The path, starting with `/`.
   * @default '/' (with the default path type, every request)
   */
  readonly path?: string;
  /**
   * How `path` compares.
   * @default HttpPathMatchType.PATH_PREFIX
   */
  readonly pathType?: HttpPathMatchType;
  /**
   * Headers the request must have.
   * @default - any headers
   */
  readonly headers?: ValueMatch[];
  /**
   * Query parameters the request must have.
   * @default - any query
   */
  readonly queryParams?: ValueMatch[];
  /**
   * The request's method.
   * @default - any method
   */
  readonly method?: HttpMethod;
}

/** One rule of an HTTPRoute: which requests, what to do with them, and where they go. */
export interface HttpRouteRule {
  /**
   * A name for the rule, which policies and status can refer to (`sectionName`).
   * @default - no name
   */
  readonly name?: string;
  /**
   * The requests the rule takes: any of these (at most 64).
   * @default - every request (path prefix `/`)
   */
  readonly matches?: HttpRouteMatch[];
  /**
   * Filters applied to the matched requests: a redirect, a URL rewrite, header changes, CORS,
   * request mirrors, an implementation's own filters.
   * @default - none
   */
  readonly filters?: HttpRouteFilter[];
  /**
   * Where matched requests go, with weights for a canary. Required unless the rule redirects.
   * @default - none (only with a redirect filter)
   */
  readonly backends?: RouteBackend[];
  /**
   * How long the Gateway waits for the whole request to complete (`timeouts.request`);
   * `Duration.seconds(0)` turns the timeout off.
   * @default - the implementation's
   */
  readonly requestTimeout?: Duration;
  /**
   * How long the Gateway waits for one backend request, retries apart (`timeouts.backendRequest`).
   * At most `requestTimeout`.
   * @default - the implementation's
   */
  readonly backendRequestTimeout?: Duration;
}

/** Props of an `HttpRoute`. */
export interface HttpRouteProps extends GatewayRouteProps {
  /**
   * The hosts the route answers for (at most 16; `*.example.com` is allowed). Each must be
   * one the listener it attaches to accepts.
   * @default - the listener's hosts
   */
  readonly hostnames?: string[];
  /**
   * The rules (at most 16; more with `addRule()`).
   * @default - none yet; add them with `addRule()` (at least one is required at synth)
   */
  readonly rules?: HttpRouteRule[];
}

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;
const PATH_CHARS = /^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$/;

/** Why a literal Gateway API path is wrong, or undefined (the CRD's own checks). */
export function gatewayPathProblem(path: string): string | undefined {
  if (!path.startsWith('/')) return 'must start with "/"';
  if (path.length > 1024) return 'must be at most 1024 characters';
  for (const bad of ['//', '/./', '/../', '%2f', '%2F', '#']) if (path.includes(bad)) return `must not contain ${show(bad)}`;
  for (const bad of ['/..', '/.']) if (path.endsWith(bad)) return `must not end with ${show(bad)}`;
  if (!PATH_CHARS.test(path)) return 'may contain only URL path characters (percent-encode the others)';
  return undefined;
}

/**
 * A Gateway API HTTPRoute: HTTP requests by host, path, header, query and method, to weighted
 * backends, with redirects, rewrites, header changes, CORS and timeouts. TLS is the listener's
 * (attach to an HTTPS listener with `sectionName`); put an `HttpRouteFilter.httpsRedirect()`
 * rule on the HTTP listener.
 *
 * @example
 * declare const chart: Chart;
 * declare const api: InternalService;
 * declare const apiCanary: InternalService;
 * new HttpRoute(chart, 'Api', {
 *   parents: [{ name: 'public', namespace: 'gateway-system', sectionName: 'https' }],
 *   hostnames: ['api.example.com'],
 *   rules: [{
 *     name: 'v1',
 *     matches: [{ path: '/v1' }],
 *     backends: [RouteBackend.fromService(api, { weight: 90 }), RouteBackend.fromService(apiCanary, { weight: 10 })],
 *     requestTimeout: Duration.seconds(30),
 *   }],
 * });
 */
export class HttpRoute extends GatewayRoute {
  /** The hosts the route answers for. @default - the listener's */
  public readonly hostnames?: string[];
  private readonly rules: any[] = [];
  private matchCount = 0;
  private claimant?: { kind: string; construct: Construct };

  /**
   * @param scope the chart (or construct)
   * @param id an id unique within scope
   * @param props parents, hostnames and rules
   */
  constructor(scope: Construct, id: string, props: HttpRouteProps) {
    super(scope, id, 'HttpRoute', 'HTTPRoute', props);
    try {
      this.hostnames = checkHostnames(this.constructKind, this, props.hostnames, false, 16);
      if (props.rules !== undefined) {
        if (!Array.isArray(props.rules)) throw propError(this.constructKind, this, `rules ${show(props.rules)} must be a list of rules`);
        props.rules.forEach(rule => this.addRule(rule));
      }
    } catch (e) {
      throw refused(this, e);
    }
    addSynthCheck(this, () => this.rules.length === 0 ? [`HttpRoute '${this.node.path}': rules is empty; add a rule with backends (or a redirect) with rules: [...] or addRule()`] : []);
  }

  /**
   * Adds a rule, checked at once.
   *
   * @param rule the rule
   */
  public addRule(rule: HttpRouteRule): void {
    const at = `rules[${this.rules.length}]`;
    const fail = (message: string) => propError(this.constructKind, this, message);
    if (rule === null || typeof rule !== 'object') throw fail(`${at} ${show(rule)} must be an object such as { backends: [RouteBackend.fromService(api)] }`);
    if (this.rules.length >= 16) throw fail(`${at}: an HTTPRoute has at most 16 rules; split the routes`);
    checkRuleName(this.constructKind, this, rule.name, at);
    if (rule.name !== undefined && this.rules.some(r => r.name === rule.name)) throw fail(`${at}.name ${show(rule.name)} is already the name of another rule; rule names are unique in a route`);

    const matches = (rule.matches ?? []).map((m, i) => this.renderMatch(m, `${at}.matches[${i}]`));
    if (matches.length > 64) throw fail(`${at}.matches has ${matches.length} entries; a rule has at most 64`);
    if (this.matchCount + Math.max(matches.length, 1) > 127) throw fail(`${at}: the route would have more than 127 matches in all; split it into several routes`);

    const filters = rule.filters ?? [];
    if (!Array.isArray(filters) || filters.length > 16) throw fail(`${at}.filters ${show(filters)} must be a list of at most 16 HttpRouteFilter`);
    const types = new Set<string>();
    filters.forEach((filter, i) => {
      if (!(filter instanceof HttpRouteFilter)) throw fail(`${at}.filters[${i}] ${show(filter)} is not an HttpRouteFilter; use HttpRouteFilter.redirect(...), .urlRewrite(...), .requestHeaders(...)...`);
      if (types.has(filter.type) && !filter._repeatable) throw fail(`${at}.filters has two ${filter.type} filters; a rule takes each kind once, so merge them`);
      types.add(filter.type);
      if (filter._replacesPrefix && (matches.length !== 1 || matches[0].path?.type !== 'PathPrefix')) {
        throw fail(`${at}.filters[${i}] replaces the matched prefix, so the rule needs exactly one match with a PathPrefix path (it has ${matches.length} matches); use fullPath, or one match`);
      }
    });
    const redirects = types.has('RequestRedirect');
    if (redirects && types.has('URLRewrite')) throw fail(`${at}.filters has a redirect and a URL rewrite; a redirect answers the client, so the rewrite would never apply. Keep one`);
    if (redirects && rule.backends !== undefined && rule.backends.length > 0) {
      throw fail(`${at} has a redirect filter and backends; a redirect answers the client itself, so remove the backends (or the redirect)`);
    }

    for (const [prop, value] of [['requestTimeout', rule.requestTimeout], ['backendRequestTimeout', rule.backendRequestTimeout]] as const) {
      const problem = durationProblem(`${at}.${prop}`, value);
      if (problem) throw fail(problem);
    }
    const request = rule.requestTimeout?.toMilliseconds();
    const backendRequest = rule.backendRequestTimeout?.toMilliseconds();
    if (request !== undefined && backendRequest !== undefined && request !== 0 && backendRequest > request) {
      throw fail(`${at}.backendRequestTimeout (${gatewayDuration(backendRequest)}) is longer than requestTimeout (${gatewayDuration(request)}); the request would time out first, so shorten it`);
    }
    const timeouts = request !== undefined || backendRequest !== undefined ? {
      ...(request !== undefined ? { request: gatewayDuration(request) } : {}),
      ...(backendRequest !== undefined ? { backendRequest: gatewayDuration(backendRequest) } : {}),
    } : undefined;
    const backends = redirects ? [] : this._backends(rule.backends, at, true);

    this.claimMatches(matches.length > 0 ? matches : [{ path: { type: 'PathPrefix', value: '/' } }]);
    this.matchCount += Math.max(matches.length, 1);
    this.rules.push({
      ...(rule.name !== undefined ? { name: rule.name } : {}),
      ...(matches.length > 0 ? { matches } : {}),
      ...(filters.length > 0 ? { filters: filters.map((f, i) => this._renderFilter(f, `${at}.filters[${i}]`)) } : {}),
      ...(backends.length > 0 ? { backendRefs: backends } : {}),
      ...(timeouts !== undefined ? { timeouts } : {}),
    });
  }

  /**
   * Makes the route's host and match claims another construct's (the `IngressFronted` that
   * owns it): a collision then names that construct, and its refusal gives them back.
   * @internal
   */
  public _claimAs(kind: string, construct: Construct): void {
    this.claimant = { kind, construct };
  }

  protected renderSpec(): Record<string, any> {
    return {
      ...(this.hostnames !== undefined ? { hostnames: this.hostnames } : {}),
      rules: Lazy.any({ produce: () => this.rules }),
    };
  }

  /**
   * One host and match per Gateway listener in the App: the Gateway would serve only one of
   * them. A path-only match has the key `IngressFronted({ gateway })` claims, so the two collide.
   */
  private claimMatches(matches: any[]): void {
    for (const parent of this._parentRefs) {
      const where = `${parent.kind === 'Gateway' ? 'gateway' : parent.kind} ${parent.namespace ?? this.namespace ?? ''}/${parent.name}#${parent.sectionName ?? ''}${parent.port !== undefined ? `:${parent.port}` : ''}`;
      for (const host of this.hostnames ?? [undefined]) {
        for (const match of matches) {
          const path = match.path ?? { type: 'PathPrefix', value: '/' };
          const rest = [match.method, JSON.stringify(match.headers ?? []), JSON.stringify(match.queryParams ?? [])];
          const extra = match.method === undefined && match.headers === undefined && match.queryParams === undefined ? '' : ` ${rest.join(' ')}`;
          const pathType = path.type === 'PathPrefix' ? 'Prefix' : path.type;
          claimRoute(this.claimant?.kind ?? this.constructKind, this.claimant?.construct ?? this, `${where} ${host ?? '*'} ${path.value} ${pathType}${extra}`,
            `host ${show(host ?? '(any)')} path ${show(path.value)} (${path.type}${extra ? ', with the same method, headers and query' : ''}) on ${parent.kind} ${show(parent.name)}`);
        }
      }
    }
  }

  private renderMatch(match: HttpRouteMatch, at: string): any {
    const fail = (message: string) => propError(this.constructKind, this, message);
    if (match === null || typeof match !== 'object') throw fail(`${at} ${show(match)} must be an object such as { path: '/api' }`);
    const typeProblem = enumProblem(`${at}.pathType`, match.pathType, HttpPathMatchType, 'HttpPathMatchType')
      ?? enumProblem(`${at}.method`, match.method, HttpMethod, 'HttpMethod');
    if (typeProblem) throw fail(typeProblem);
    const pathType = match.pathType ?? HttpPathMatchType.PATH_PREFIX;
    let path: any;
    if (match.path !== undefined || match.pathType !== undefined) {
      const value = match.path ?? '/';
      if (typeof value !== 'string') throw fail(`${at}.path ${show(value)} must be a string such as "/api"`);
      const problem = pathType === HttpPathMatchType.REGULAR_EXPRESSION ? (value.length === 0 || value.length > 1024 ? 'must be 1 to 1024 characters' : undefined) : gatewayPathProblem(value);
      if (problem) throw fail(`${at}.path ${show(value)} ${problem}`);
      path = { type: pathType, value };
    }
    const headers = valueMatches(fail, `${at}.headers`, match.headers, 4096);
    const queryParams = valueMatches(fail, `${at}.queryParams`, match.queryParams, 1024);
    return {
      ...(path !== undefined ? { path } : {}),
      ...(headers !== undefined ? { headers } : {}),
      ...(queryParams !== undefined ? { queryParams } : {}),
      ...(match.method !== undefined ? { method: match.method } : {}),
    };
  }
}

/** Checked header or query parameter matches. */
export function valueMatches(fail: (message: string) => Error, at: string, list: ValueMatch[] | undefined, maxValue: number): any[] | undefined {
  if (list === undefined) return undefined;
  if (!Array.isArray(list) || list.length > 16) throw fail(`${at} ${show(list)} must be a list of at most 16 { name, value } matches`);
  const seen = new Set<string>();
  return list.map((m, i) => {
    if (m === null || typeof m !== 'object' || typeof m.name !== 'string' || m.name.length > 256 || !HEADER_NAME.test(m.name)) {
      throw fail(`${at}[${i}].name ${show(m?.name)} must be a header or parameter name (an HTTP token such as "X-Canary")`);
    }
    if (typeof m.value !== 'string' || m.value.length < 1 || m.value.length > maxValue) throw fail(`${at}[${i}].value ${show(m.value)} must be 1 to ${maxValue} characters`);
    const problem = enumProblem(`${at}[${i}].type`, m.type, ValueMatchType, 'ValueMatchType');
    if (problem) throw fail(problem);
    const key = at.endsWith('headers') ? m.name.toLowerCase() : m.name;
    if (seen.has(key)) throw fail(`${at}[${i}] matches ${show(m.name)} a second time; only the first would count, so match it once`);
    seen.add(key);
    return { ...(m.type !== undefined ? { type: m.type } : {}), name: m.name, value: m.value };
  });
}
