import { ApiObject, ApiObjectMetadata, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { GATEWAY_API_VERSION, GatewayParentRef, ParentKind, isPort, parentProblem } from './common';
import { ReferenceGrant } from './reference-grant';
import { checkMetadata } from './route';
import { ACK_PREFIX, secretNameForHost } from '../annotations';
import { GATEWAY_API_GROUP } from '../api-groups';
import { propError, show } from '../errors';
import { IngressTls } from '../ingress-tls';
import { checkedAcknowledgement } from '../internal/acknowledge';
import { registerListenerSet } from '../internal/claims';
import { enumProblem } from '../internal/enums';
import { addSynthCheck, refused } from '../internal/refusal';
import { checkDns1123Label, checkDns1123Subdomain, checkIngressHost } from '../validation/names';

/** The protocol of a Gateway listener. */
export enum ListenerProtocol {
  /** Plain HTTP (HTTPRoute, GRPCRoute). */
  HTTP = 'HTTP',
  /** HTTP over TLS terminated at the Gateway (HTTPRoute, GRPCRoute). */
  HTTPS = 'HTTPS',
  /** TLS passed through to the pods by SNI (TLSRoute). */
  TLS = 'TLS',
  /** Plain TCP (TCPRoute). */
  TCP = 'TCP',
  /** UDP (UDPRoute). */
  UDP = 'UDP',
}

/** Which namespaces' routes may attach to a listener (`allowedRoutes.namespaces.from`). */
export enum RouteNamespaces {
  /** Only routes in the listener's own namespace (the Gateway API default). */
  SAME = 'Same',
  /** Routes in namespaces with the labels of `allowedNamespaceLabels`. */
  SELECTOR = 'Selector',
  /** Routes in every namespace. */
  ALL = 'All',
}

/** One listener of a ListenerSet. */
export interface ListenerSetListener {
  /** The listener's name, unique in the ListenerSet: what routes name in `sectionName`. */
  readonly name: string;
  /**
   * The host name the listener answers for (`*.example.com` is allowed). Not for TCP and UDP.
   * @default - every host the Gateway allows
   */
  readonly hostname?: string;
  /**
   * The protocol.
   * @default - ListenerProtocol.HTTPS when `hostname` is given (TLS first), else ListenerProtocol.HTTP
   */
  readonly protocol?: ListenerProtocol;
  /**
   * The port.
   * @default - 443 for HTTPS and TLS, 80 for HTTP; required for TCP and UDP
   */
  readonly port?: number;
  /**
   * The certificate of an HTTPS listener: a Secret, or cert-manager (its issuer annotations go
   * on the ListenerSet, where cert-manager's ListenerSets controller reads them).
   * @default - for HTTPS, the Secret named after the hostname (`api.example.com` gives `api-example-com-tls`)
   */
  readonly tls?: IngressTls;
  /**
   * The namespace of the certificate Secret, when it is not the ListenerSet's: a
   * ReferenceGrant is written there.
   * @default - the ListenerSet's namespace
   */
  readonly certificateNamespace?: string;
  /**
   * Which namespaces' routes may attach.
   * @default RouteNamespaces.SAME
   */
  readonly allowedNamespaces?: RouteNamespaces;
  /**
   * The labels of the namespaces whose routes may attach, with `RouteNamespaces.SELECTOR`.
   * @default - none (required with RouteNamespaces.SELECTOR)
   */
  readonly allowedNamespaceLabels?: Record<string, string>;
  /**
   * The route kinds that may attach (`HTTPRoute`, `GRPCRoute`...).
   * @default - the kinds of the protocol
   */
  readonly allowedKinds?: string[];
}

/** Props of a `ListenerSet`. */
export interface ListenerSetProps {
  /**
   * The Gateway the listeners are merged into. Its `spec.allowedListeners` must admit this
   * ListenerSet's namespace (it admits none by default).
   */
  readonly gateway: GatewayParentRef;
  /**
   * The listeners (at most 64; more with `addListener()`).
   * @default - none yet; add them with `addListener()` (at least one is required at synth)
   */
  readonly listeners?: ListenerSetListener[];
  /**
   * Metadata (name, namespace, labels, annotations).
   * @default - a generated name, in the chart's namespace
   */
  readonly metadata?: ApiObjectMetadata;
}

const KINDS_OF: Record<string, string[]> = {
  HTTP: ['HTTPRoute', 'GRPCRoute'],
  HTTPS: ['HTTPRoute', 'GRPCRoute'],
  TLS: ['TLSRoute'],
  TCP: ['TCPRoute'],
  UDP: ['UDPRoute'],
};

/**
 * A Gateway API ListenerSet: listeners (and their certificates) that an app owns, merged
 * into a platform's Gateway. TLS is on whenever a hostname is given.
 *
 * @example
 * declare const chart: Chart;
 * const listeners = new ListenerSet(chart, 'Shop', {
 *   gateway: { name: 'public', namespace: 'gateway-system' },
 *   listeners: [{ name: 'shop', hostname: 'shop.example.com', tls: IngressTls.certManager({ clusterIssuer: 'letsencrypt' }) }],
 * });
 * const parent = listeners.parentRef('shop');
 */
export class ListenerSet extends Construct {
  /** The ListenerSet object. */
  public readonly apiObject: ApiObject;
  private readonly listeners: any[] = [];
  private readonly annotations: Record<string, string> = {};
  private readonly grants = new Map<string, ReferenceGrant>();

  /**
   * @param scope the chart (or construct)
   * @param id an id unique within scope
   * @param props the Gateway and the listeners
   */
  constructor(scope: Construct, id: string, props: ListenerSetProps) {
    super(scope, id);
    try {
      const fail = (message: string) => propError('ListenerSet', this, message);
      if (props === null || typeof props !== 'object') throw fail(`props ${show(props)} must be an object`);
      checkMetadata('ListenerSet', this, props.metadata);
      if (props.gateway === null || typeof props.gateway !== 'object') throw fail(`gateway ${show(props.gateway)} is required: the Gateway to merge into, such as { name: 'public', namespace: 'gateway-system' }`);
      const problem = parentProblem(props.gateway, 'gateway');
      if (problem) throw fail(problem);
      if (props.gateway.sectionName !== undefined) throw fail('gateway.sectionName does not apply: a ListenerSet joins the whole Gateway; remove it');
      if (props.gateway.port !== undefined) throw fail(`gateway.port ${show(props.gateway.port)} does not apply: a ListenerSet joins the whole Gateway; remove it`);
      if (props.gateway.kind !== undefined && props.gateway.kind !== ParentKind.GATEWAY) throw fail(`gateway.kind ${show(props.gateway.kind)} does not apply: a ListenerSet joins a Gateway; remove it`);
      this.apiObject = new ApiObject(this, 'Resource', {
        apiVersion: GATEWAY_API_VERSION,
        kind: 'ListenerSet',
        metadata: props.metadata,
        spec: {
          parentRef: { group: GATEWAY_API_GROUP, kind: 'Gateway', name: props.gateway.name, ...(props.gateway.namespace !== undefined ? { namespace: props.gateway.namespace } : {}) },
          listeners: Lazy.any({ produce: () => this.listeners }),
        },
      });
      if (props.listeners !== undefined) {
        if (!Array.isArray(props.listeners)) throw fail(`listeners ${show(props.listeners)} must be a list of listeners`);
        props.listeners.forEach(l => this.addListener(l));
      }
      addSynthCheck(this, () => this.listeners.length === 0 ? [`ListenerSet '${this.node.path}': listeners is empty; add one with listeners: [...] or addListener()`] : []);
      // Routes of the App that claim a listener of this ListenerSet resolve it by name or port.
      registerListenerSet(this, this.apiObject.metadata.namespace, this.apiObject.name, () => this.listeners.map(l => ({
        name: l.name, port: l.port, protocol: l.protocol, kinds: l.allowedRoutes?.kinds?.map((k: any) => k.kind),
      })));
    } catch (e) {
      throw refused(this, e);
    }
  }

  /** The ListenerSet's Kubernetes name. */
  public get name(): string {
    return this.apiObject.name;
  }

  /** The ReferenceGrants written for certificates in other namespaces. */
  public get referenceGrants(): ReferenceGrant[] {
    return [...this.grants.values()];
  }

  /**
   * Accepts a rule's finding on this ListenerSet, with a reason (as `ExposedService.acknowledge`):
   * written as the annotation `ack.cdk8s-expose/<rule-id>`, so audits of the YAML see it too.
   * For example `listener-set-not-allowed` when the platform Gateway, not in this App, admits it.
   *
   * @param ruleId the rule's id, such as `listener-set-not-allowed`
   * @param reason why the finding is accepted; shown in every report
   */
  public acknowledge(ruleId: string, reason: string): void {
    const text = checkedAcknowledgement('ListenerSet', this, ruleId, reason, 'the gateway-system Gateway admits ListenerSets from every namespace');
    this.apiObject.metadata.addAnnotation(`${ACK_PREFIX}${ruleId}`, text);
  }

  /**
   * The reference a route uses to attach to this ListenerSet (or to one of its listeners).
   *
   * @param listenerName the listener to attach to
   */
  public parentRef(listenerName?: string): GatewayParentRef {
    if (listenerName !== undefined && !this.listeners.some(l => l.name === listenerName)) {
      throw propError('ListenerSet', this, `parentRef: there is no listener ${show(listenerName)}; the listeners are ${this.listeners.map(l => l.name).join(', ') || '(none)'}`);
    }
    return { kind: ParentKind.LISTENER_SET, name: this.name, namespace: this.apiObject.metadata.namespace, sectionName: listenerName };
  }

  /**
   * Adds a listener, checked at once.
   *
   * @param listener the listener
   */
  public addListener(listener: ListenerSetListener): void {
    const at = `listeners[${this.listeners.length}]`;
    const fail = (message: string) => propError('ListenerSet', this, message);
    if (listener === null || typeof listener !== 'object') throw fail(`${at} ${show(listener)} must be an object such as { name: 'shop', hostname: 'shop.example.com' }`);
    if (this.listeners.length >= 64) throw fail(`${at}: a ListenerSet has at most 64 listeners`);
    const nameProblem = typeof listener.name === 'string' ? checkDns1123Subdomain(listener.name) : 'is required';
    if (nameProblem) throw fail(`${at}.name ${show(listener.name)} ${nameProblem}`);
    if (this.listeners.some(l => l.name === listener.name)) throw fail(`${at}.name ${show(listener.name)} is already a listener of this ListenerSet; names are unique`);
    const enumProblems = enumProblem(`${at}.protocol`, listener.protocol, ListenerProtocol, 'ListenerProtocol')
      ?? enumProblem(`${at}.allowedNamespaces`, listener.allowedNamespaces, RouteNamespaces, 'RouteNamespaces');
    if (enumProblems) throw fail(enumProblems);
    const protocol = listener.protocol ?? (listener.hostname !== undefined ? ListenerProtocol.HTTPS : ListenerProtocol.HTTP);
    const streamed = protocol === ListenerProtocol.TCP || protocol === ListenerProtocol.UDP;
    if (listener.hostname !== undefined) {
      const problem = typeof listener.hostname === 'string' ? checkIngressHost(listener.hostname) : 'is not a string';
      if (problem) throw fail(`${at}.hostname ${show(listener.hostname)} ${problem}`);
      if (streamed) throw fail(`${at}.hostname does not apply to ${protocol}: ${protocol} carries no host name; remove it`);
    }
    if (listener.port !== undefined && !isPort(listener.port)) throw fail(`${at}.port ${show(listener.port)} must be a whole number from 1 to 65535`);
    if (listener.port === undefined && streamed) throw fail(`${at}.port is required for a ${protocol} listener (a TCP or UDP listener is one port per app)`);
    const port = listener.port ?? (protocol === ListenerProtocol.HTTP ? 80 : 443);
    const key = `${port}/${protocol}/${listener.hostname ?? ''}`;
    if (this.listeners.some(l => `${l.port}/${l.protocol}/${l.hostname ?? ''}` === key)) {
      throw fail(`${at}: another listener already has port ${port}, protocol ${protocol} and hostname ${show(listener.hostname ?? '(any)')}; the Gateway would accept only one`);
    }

    let tls: any;
    if (listener.tls !== undefined && !(listener.tls instanceof IngressTls)) throw fail(`${at}.tls ${show(listener.tls)} is not an IngressTls; use IngressTls.fromSecret(...) or IngressTls.certManager(...)`);
    if (protocol === ListenerProtocol.HTTPS) {
      const given = listener.tls;
      if (given !== undefined && !given.enabled) throw fail(`${at}.tls is disabled, but an HTTPS listener needs a certificate; use protocol: ListenerProtocol.HTTP for plain HTTP`);
      if (given === undefined && listener.hostname === undefined) throw fail(`${at}: an HTTPS listener without hostname has no default certificate name; pass tls: IngressTls.fromSecret('my-cert')`);
      const secretName = given?.secretName ?? secretNameForHost(listener.hostname!);
      const certNs = listener.certificateNamespace;
      if (certNs !== undefined) {
        const problem = typeof certNs === 'string' ? checkDns1123Label(certNs) : 'is not a string';
        if (problem) throw fail(`${at}.certificateNamespace ${show(certNs)} ${problem}`);
      }
      const ownNs = this.apiObject.metadata.namespace;
      if (certNs !== undefined && certNs !== ownNs) {
        if (ownNs === undefined) throw fail(`${at}.certificateNamespace ${show(certNs)} is given but the ListenerSet has no namespace; give it metadata.namespace, so that the ReferenceGrant can name it`);
        if (Object.keys(given?.annotations ?? {}).length > 0) throw fail(`${at}: cert-manager writes the certificate in the ListenerSet's namespace; remove certificateNamespace`);
        this.grantFor(certNs, ownNs).allow({ kind: 'Secret', name: secretName });
      }
      tls = { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: secretName, ...(certNs !== undefined && certNs !== ownNs ? { namespace: certNs } : {}) }] };
      for (const [k, v] of Object.entries(given?.annotations ?? {})) {
        if (this.annotations[k] !== undefined && this.annotations[k] !== v) throw fail(`${at}.tls: cert-manager annotation ${k} is already ${show(this.annotations[k])} for another listener; one ListenerSet has one issuer`);
        this.annotations[k] = v;
        this.apiObject.metadata.addAnnotation(k, v);
      }
    } else if (protocol === ListenerProtocol.TLS) {
      if (listener.tls !== undefined) throw fail(`${at}.tls does not apply to a TLS (passthrough) listener: the pods hold the certificate; remove it, or use ListenerProtocol.HTTPS to terminate TLS at the Gateway`);
      tls = { mode: 'Passthrough' };
    } else if (listener.tls !== undefined && listener.tls.enabled) {
      throw fail(`${at}.tls does not apply to ${protocol}; use ListenerProtocol.HTTPS for TLS`);
    }

    const from = listener.allowedNamespaces;
    const labels = listener.allowedNamespaceLabels;
    if (labels !== undefined && from !== RouteNamespaces.SELECTOR) throw fail(`${at}.allowedNamespaceLabels is set but allowedNamespaces is ${show(from ?? 'Same (the default)')}; set allowedNamespaces: RouteNamespaces.SELECTOR`);
    if (from === RouteNamespaces.SELECTOR && (labels === undefined || Object.keys(labels).length === 0)) {
      throw fail(`${at}.allowedNamespaces is RouteNamespaces.SELECTOR but allowedNamespaceLabels is empty; give the namespaces' labels, such as { team: 'shop' }`);
    }
    const kinds = listener.allowedKinds;
    if (kinds !== undefined) {
      if (!Array.isArray(kinds) || kinds.length === 0 || kinds.length > 8) throw fail(`${at}.allowedKinds ${show(kinds)} must list 1 to 8 route kinds`);
      for (const k of kinds) {
        if (!KINDS_OF[protocol].includes(k)) throw fail(`${at}.allowedKinds: ${show(k)} cannot attach to a ${protocol} listener; it takes ${KINDS_OF[protocol].join(', ')}`);
      }
    }
    const allowedRoutes = from !== undefined || kinds !== undefined ? {
      ...(from !== undefined ? { namespaces: { from, ...(labels !== undefined ? { selector: { matchLabels: { ...labels } } } : {}) } } : {}),
      ...(kinds !== undefined ? { kinds: kinds.map(kind => ({ group: GATEWAY_API_GROUP, kind })) } : {}),
    } : undefined;
    this.listeners.push({
      name: listener.name,
      ...(listener.hostname !== undefined ? { hostname: listener.hostname } : {}),
      port,
      protocol,
      ...(tls !== undefined ? { tls } : {}),
      ...(allowedRoutes !== undefined ? { allowedRoutes } : {}),
    });
  }

  private grantFor(namespace: string, ownNamespace: string): ReferenceGrant {
    let grant = this.grants.get(namespace);
    if (grant === undefined) {
      grant = new ReferenceGrant(this, `ReferenceGrant-${namespace}`, {
        metadata: { namespace },
        from: [{ group: GATEWAY_API_GROUP, kind: 'ListenerSet', namespace: ownNamespace }],
      });
      this.grants.set(namespace, grant);
    }
    return grant;
  }
}
