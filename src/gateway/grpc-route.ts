import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { RouteBackend, checkHostnames, checkRuleName } from './common';
import { ValueMatch, ValueMatchType, valueMatches } from './http-route';
import { HttpRouteFilter } from './http-route-filter';
import { GatewayRoute, GatewayRouteProps } from './route';
import { propError, show } from '../errors';
import { enumProblem } from '../internal/enums';
import { addSynthCheck, refused } from '../internal/refusal';

/** One way a gRPC call matches a GRPCRoute rule; every condition given must hold. */
export interface GrpcRouteMatch {
  /**
   * The fully qualified gRPC service (`helloworld.Greeter`).
   * @default - any service (then `method` is required)
   */
  readonly service?: string;
  /**
   * The method (`SayHello`).
   * @default - any method of `service`
   */
  readonly method?: string;
  /**
   * How `service` and `method` compare.
   * @default ValueMatchType.EXACT
   */
  readonly type?: ValueMatchType;
  /**
   * Metadata (headers) the call must have.
   * @default - any
   */
  readonly headers?: ValueMatch[];
}

/** One rule of a GRPCRoute. */
export interface GrpcRouteRule {
  /**
   * A name for the rule.
   * @default - no name
   */
  readonly name?: string;
  /**
   * The calls the rule takes: any of these (at most 64).
   * @default - every call
   */
  readonly matches?: GrpcRouteMatch[];
  /**
   * Header filters (`HttpRouteFilter.requestHeaders` / `.responseHeaders`), request mirrors
   * (`.requestMirror`) and an implementation's own filters (`.extensionRef`); gRPC routes have
   * no redirects, rewrites or CORS.
   * @default - none
   */
  readonly filters?: HttpRouteFilter[];
  /** Where matched calls go (1-16), with weights for a canary. */
  readonly backends: RouteBackend[];
}

/** Props of a `GrpcRoute`. */
export interface GrpcRouteProps extends GatewayRouteProps {
  /**
   * The hosts the route answers for (at most 16).
   * @default - the listener's hosts
   */
  readonly hostnames?: string[];
  /**
   * The rules (at most 16; more with `addRule()`).
   * @default - none yet; add them with `addRule()` (at least one is required at synth)
   */
  readonly rules?: GrpcRouteRule[];
}

const GRPC_SERVICE = /^\.?[a-z_][a-z_0-9]*(\.[a-z_][a-z_0-9]*)*$/i;
const GRPC_METHOD = /^[A-Za-z_][A-Za-z_0-9]*$/;
const GRPC_FILTERS = ['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestMirror', 'ExtensionRef'];

/**
 * A Gateway API GRPCRoute: gRPC calls by service, method and metadata, to weighted backends.
 * The backend Service's port should say `appProtocol: 'kubernetes.io/h2c'` (or TLS).
 *
 * @example
 * declare const chart: Chart;
 * declare const greeter: InternalService;
 * new GrpcRoute(chart, 'Greeter', {
 *   parents: [{ name: 'public', namespace: 'gateway-system', sectionName: 'https' }],
 *   hostnames: ['grpc.example.com'],
 *   rules: [{ matches: [{ service: 'helloworld.Greeter' }], backends: [RouteBackend.fromService(greeter)] }],
 * });
 */
export class GrpcRoute extends GatewayRoute {
  /** The hosts the route answers for. @default - the listener's */
  public readonly hostnames?: string[];
  private readonly rules: any[] = [];

  /**
   * @param scope the chart (or construct)
   * @param id an id unique within scope
   * @param props parents, hostnames and rules
   */
  constructor(scope: Construct, id: string, props: GrpcRouteProps) {
    super(scope, id, 'GrpcRoute', 'GRPCRoute', props);
    try {
      this.hostnames = checkHostnames(this.constructKind, this, props.hostnames, false, 16);
      if (props.rules !== undefined) {
        if (!Array.isArray(props.rules)) throw propError(this.constructKind, this, `rules ${show(props.rules)} must be a list of rules`);
        props.rules.forEach(rule => this.addRule(rule));
      }
      addSynthCheck(this, () => this.rules.length === 0 ? [`GrpcRoute '${this.node.path}': rules is empty; add a rule with backends with rules: [...] or addRule()`] : []);
    } catch (e) {
      throw refused(this, e);
    }
  }

  /**
   * Adds a rule, checked at once.
   *
   * @param rule the rule
   */
  public addRule(rule: GrpcRouteRule): void {
    const at = `rules[${this.rules.length}]`;
    const fail = (message: string) => propError(this.constructKind, this, message);
    if (rule === null || typeof rule !== 'object') throw fail(`${at} ${show(rule)} must be an object such as { backends: [RouteBackend.fromService(api)] }`);
    if (this.rules.length >= 16) throw fail(`${at}: a GRPCRoute has at most 16 rules; split the routes`);
    checkRuleName(this.constructKind, this, rule.name, at);
    if (rule.name !== undefined && this.rules.some(r => r.name === rule.name)) throw fail(`${at}.name ${show(rule.name)} is already the name of another rule`);
    const matches = rule.matches ?? [];
    if (!Array.isArray(matches) || matches.length > 64) throw fail(`${at}.matches ${show(matches)} must be a list of at most 64 matches`);
    const rendered = matches.map((m, i) => {
      const mat = `${at}.matches[${i}]`;
      if (m === null || typeof m !== 'object') throw fail(`${mat} ${show(m)} must be an object such as { service: 'helloworld.Greeter' }`);
      const problem = enumProblem(`${mat}.type`, m.type, ValueMatchType, 'ValueMatchType');
      if (problem) throw fail(problem);
      const exact = (m.type ?? ValueMatchType.EXACT) === ValueMatchType.EXACT;
      if (m.service !== undefined && (typeof m.service !== 'string' || m.service.length > 1024 || (exact && !GRPC_SERVICE.test(m.service)))) {
        throw fail(`${mat}.service ${show(m.service)} is not a gRPC service name such as "helloworld.Greeter"`);
      }
      if (m.method !== undefined && (typeof m.method !== 'string' || m.method.length > 1024 || (exact && !GRPC_METHOD.test(m.method)))) {
        throw fail(`${mat}.method ${show(m.method)} is not a gRPC method name such as "SayHello"`);
      }
      const headers = valueMatches(fail, `${mat}.headers`, m.headers, 4096);
      if (m.service === undefined && m.method === undefined && m.type !== undefined) throw fail(`${mat}.type is set but neither service nor method is; give one of them`);
      const method = m.service !== undefined || m.method !== undefined ? {
        ...(m.type !== undefined ? { type: m.type } : {}),
        ...(m.service !== undefined ? { service: m.service } : {}),
        ...(m.method !== undefined ? { method: m.method } : {}),
      } : undefined;
      return { ...(method ? { method } : {}), ...(headers ? { headers } : {}) };
    });
    const filters = rule.filters ?? [];
    if (!Array.isArray(filters) || filters.length > 16) throw fail(`${at}.filters ${show(filters)} must be a list of at most 16 filters`);
    const types = new Set<string>();
    filters.forEach((filter, i) => {
      if (!(filter instanceof HttpRouteFilter) || !GRPC_FILTERS.includes(filter.type)) {
        throw fail(`${at}.filters[${i}] ${filter instanceof HttpRouteFilter ? `(${filter.type})` : show(filter)} does not apply to gRPC; use HttpRouteFilter.requestHeaders(...), .responseHeaders(...), .requestMirror(...) or .extensionRef(...)`);
      }
      if (types.has(filter.type) && !filter._repeatable) throw fail(`${at}.filters has two ${filter.type} filters; merge them`);
      types.add(filter.type);
    });
    const backends = this._backends(rule.backends, at, true);
    this.rules.push({
      ...(rule.name !== undefined ? { name: rule.name } : {}),
      ...(rendered.length > 0 ? { matches: rendered } : {}),
      ...(filters.length > 0 ? { filters: filters.map((f, i) => this._renderFilter(f, `${at}.filters[${i}]`)) } : {}),
      backendRefs: backends,
    });
  }

  protected renderSpec(): Record<string, any> {
    return {
      ...(this.hostnames !== undefined ? { hostnames: this.hostnames } : {}),
      rules: Lazy.any({ produce: () => this.rules }),
    };
  }
}
