import { ApiObject, ApiObjectMetadata, Chart, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { GATEWAY_API_VERSION, GatewayParentRef, RouteBackend, renderBackend, renderParents } from './common';
import type { HttpRouteFilter } from './http-route-filter';
import { ReferenceGrant } from './reference-grant';
import { ACK_PREFIX } from '../annotations';
import { GATEWAY_API_GROUP } from '../api-groups';
import { propError, show } from '../errors';
import { checkedAcknowledgement } from '../internal/acknowledge';
import { refused } from '../internal/refusal';
import { annotationProblems, labelProblems } from '../validation/metadata';
import { checkDns1123Label, checkDns1123Subdomain } from '../validation/names';

/** Props every Gateway API route takes. */
export interface GatewayRouteProps {
  /**
   * The Gateways (or ListenerSets) the route attaches to, at most 32. Name a listener with
   * `sectionName` to attach to it alone (the HTTPS listener, not the HTTP one).
   */
  readonly parents: GatewayParentRef[];

  /**
   * Metadata of the route (name, namespace, labels, annotations).
   *
   * @default - a generated name, in the chart's namespace
   */
  readonly metadata?: ApiObjectMetadata;

  /**
   * Write a ReferenceGrant in the namespace of each backend that is not the route's, so
   * that the Gateway may follow the reference. Turn it off when the owners of that namespace
   * write their own.
   *
   * @default true
   */
  readonly writeReferenceGrants?: boolean;
}

/** Checks an object's metadata as the API server would. */
export function checkMetadata(kind: string, construct: Construct, meta: ApiObjectMetadata | undefined, prop = 'metadata'): void {
  if (meta === undefined) return;
  const fail = (message: string) => propError(kind, construct, message);
  if (meta === null || typeof meta !== 'object') throw fail(`${prop} ${show(meta)} must be an object such as { name: 'web' }`);
  const problems = [...labelProblems(meta.labels, `${prop}.labels`), ...annotationProblems(meta.annotations, `${prop}.annotations`)];
  if (problems.length > 0) throw fail(problems.join('; '));
  if (meta.name !== undefined) {
    const problem = typeof meta.name === 'string' ? checkDns1123Subdomain(meta.name) : 'is not a string';
    if (problem) throw fail(`${prop}.name ${show(meta.name)} ${problem}`);
  }
  if (meta.namespace !== undefined) {
    const problem = typeof meta.namespace === 'string' ? checkDns1123Label(meta.namespace) : 'is not a string';
    if (problem) throw fail(`${prop}.namespace ${show(meta.namespace)} ${problem}`);
  }
}

/**
 * The shared base of the Gateway API routes (HTTPRoute, GRPCRoute, TLSRoute, TCPRoute,
 * UDPRoute): it owns one route object, checks and writes its parents, and resolves backends,
 * writing the ReferenceGrants that a backend in another namespace needs.
 */
export abstract class GatewayRoute extends Construct {
  /** The route's kind (`HTTPRoute`...). */
  public readonly routeKind: string;

  /** The route object: the escape hatch (`apiObject.addJsonPatch(...)`), outside the library's checks. */
  public readonly apiObject: ApiObject;

  /**
   * The ReferenceGrants this route writes, one per namespace of a backend in another namespace.
   */
  public readonly referenceGrants: ReferenceGrant[] = [];

  /** The construct's class name, in messages. */
  protected readonly constructKind: string;
  /**
   * The parentRefs as written.
   * @internal
   */
  protected readonly _parentRefs: any[];
  private readonly writeGrants: boolean;
  private readonly grants = new Map<string, ReferenceGrant>();

  /**
   * @param scope the chart (or construct)
   * @param id an id unique within scope
   * @param constructKind the construct's class name, for messages
   * @param routeKind the Gateway API kind
   * @param props the props the user gave
   */
  protected constructor(scope: Construct, id: string, constructKind: string, routeKind: string, props: GatewayRouteProps) {
    super(scope, id);
    try {
      this.constructKind = constructKind;
      this.routeKind = routeKind;
      if (props === null || typeof props !== 'object') throw propError(constructKind, this, `props ${show(props)} must be an object`);
      checkMetadata(constructKind, this, props.metadata);
      this.writeGrants = props.writeReferenceGrants ?? true;
      const parentRefs = renderParents(constructKind, this, props.parents);
      this._parentRefs = parentRefs;
      this.apiObject = new ApiObject(this, 'Resource', {
        apiVersion: GATEWAY_API_VERSION,
        kind: routeKind,
        metadata: props.metadata,
        // Written at synth, so that rules added after construction take effect.
        spec: Lazy.any({ produce: () => ({ parentRefs, ...this.renderSpec() }) }),
      });
    } catch (e) {
      throw refused(this, e);
    }
  }

  /** The spec besides `parentRefs`, at synth. */
  protected abstract renderSpec(): Record<string, any>;

  /**
   * Accepts a rule's finding on this route, with a reason (as `ExposedService.acknowledge`):
   * written as the annotation `ack.cdk8s-expose/<rule-id>`, so audits of the YAML see it too.
   *
   * @param ruleId the rule's id, such as `ingress-without-tls`
   * @param reason why the finding is accepted; shown in every report
   */
  public acknowledge(ruleId: string, reason: string): void {
    const text = checkedAcknowledgement(this.constructKind, this, ruleId, reason, 'the platform Gateway\'s https listener terminates TLS');
    this.apiObject.metadata.addAnnotation(`${ACK_PREFIX}${ruleId}`, text);
  }

  /** The route's Kubernetes name. */
  public get name(): string {
    return this.apiObject.name;
  }

  /**
   * The route's namespace.
   * @default - the namespace kubectl applies it to
   */
  public get namespace(): string | undefined {
    return this.apiObject.metadata.namespace ?? Chart.of(this).namespace;
  }

  /**
   * Resolves the backends of one rule and writes the ReferenceGrants they need.
   * @internal
   */
  protected _backends(backends: RouteBackend[] | undefined, at: string, required: boolean, protocol = 'TCP'): any[] {
    const fail = (message: string) => propError(this.constructKind, this, message);
    if (backends === undefined && !required) return [];
    if (!Array.isArray(backends) || (required && backends.length === 0)) {
      throw fail(`${at}.backends ${show(backends)} must list at least one RouteBackend, such as [RouteBackend.fromService(api)]`);
    }
    if (backends.length > 16) throw fail(`${at}.backends has ${backends.length} entries; a rule has at most 16`);
    const seen = new Set<string>();
    return backends.map((backend, i) => {
      if (!(backend instanceof RouteBackend)) throw fail(`${at}.backends[${i}] ${show(backend)} is not a RouteBackend; use RouteBackend.fromService(...) or RouteBackend.fromServiceName(...)`);
      const resolved = this.resolveBackend(backend, `${at}.backends[${i}]`, protocol);
      const key = `${resolved.namespace ?? ''}/${resolved.name}:${resolved.port}`;
      if (seen.has(key)) throw fail(`${at}.backends[${i}] repeats Service ${show(resolved.name)} port ${resolved.port}; list each backend once and give it a weight`);
      seen.add(key);
      return renderBackend(resolved, this.namespace);
    });
  }

  /**
   * A rule's filter as the route writes it: a RequestMirror's backend is resolved as the
   * rule's backends are (a ReferenceGrant for one in another namespace).
   * @internal
   */
  protected _renderFilter(filter: HttpRouteFilter, at: string): any {
    const mirror = filter._mirrorBackend;
    if (mirror === undefined) return filter._render();
    return filter._render(renderBackend(this.resolveBackend(mirror, `${at}.backend`, 'TCP'), this.namespace));
  }

  /** Resolves one backend, checks its protocol and namespace, and writes the ReferenceGrant it needs. */
  private resolveBackend(backend: RouteBackend, at: string, protocol: string) {
    const fail = (message: string) => propError(this.constructKind, this, message);
    const resolved = backend._resolve(this.constructKind, this, at, this.namespace);
    if (resolved.protocol !== undefined && resolved.protocol !== protocol) {
      throw fail(`${at}: port ${resolved.port} of Service ${show(resolved.name)} is ${resolved.protocol}, but a ${this.routeKind} sends ${protocol}; route to a ${protocol} port`);
    }
    const routeNamespace = this.namespace;
    if (resolved.namespace !== routeNamespace) {
      if (resolved.namespace === undefined || routeNamespace === undefined) {
        throw fail(`${at}: Service ${show(resolved.name)} is in namespace ${show(resolved.namespace ?? '(none)')} and the route in ${show(routeNamespace ?? '(none)')}; give both a namespace, so that the reference is not left to wherever kubectl applies them`);
      }
      if (this.writeGrants) this.grantFor(resolved.namespace).allow({ kind: 'Service', name: resolved.name });
    }
    return resolved;
  }

  private grantFor(namespace: string): ReferenceGrant {
    let grant = this.grants.get(namespace);
    if (grant === undefined) {
      grant = new ReferenceGrant(this, `ReferenceGrant-${namespace}`, {
        metadata: { namespace },
        from: [{ group: GATEWAY_API_GROUP, kind: this.routeKind, namespace: this.namespace! }],
      });
      this.grants.set(namespace, grant);
      this.referenceGrants.push(grant);
    }
    return grant;
  }
}
