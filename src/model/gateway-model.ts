/**
 * Gateway API in the exposure model: Gateways and ListenerSets with their listeners,
 * ReferenceGrants, and every route kind, read as Gateway API reads them. What a route's TLS and
 * exposure are comes from the listeners it attaches to, resolved over the whole model.
 * Private to the library.
 */
import { EXPOSURE_ANNOTATION, TLS_INTENT_ANNOTATION } from '../annotations';
import { GATEWAY_API_GROUP } from '../api-groups';
import { ExposureScope } from '../exposure-scope';
import { indexed } from './indexes';
import type { BackendTlsPolicyInfo, CrossNamespaceRef, ExposureModel, GatewayInfo, HttpEntryInfo, ListenerInfo, ObjectRef, ReferenceGrantInfo, RouteInfo } from './model-types';
import { INTERNAL_SERVICE_MARKERS } from '../presets/keys';
export type { ListenerInfo, CertificateRefInfo, GatewayInfo, ReferenceGrantInfo, BackendTlsPolicyInfo, CrossNamespaceRef } from './model-types';

/** The route kinds of Gateway API's standard channel. */
export const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'];

/** The route kinds each listener protocol takes when `allowedRoutes.kinds` is not given. */
const KINDS_OF_PROTOCOL: Record<string, string[]> = {
  HTTP: ['HTTPRoute', 'GRPCRoute'],
  HTTPS: ['HTTPRoute', 'GRPCRoute'],
  TLS: ['TLSRoute'],
  TCP: ['TCPRoute'],
  UDP: ['UDPRoute'],
};


/** Reads a BackendTLSPolicy manifest. */
export function backendTlsPolicyOf(manifest: any, ref: ObjectRef): BackendTlsPolicyInfo {
  const spec = manifest.spec ?? {};
  const validation = spec.validation ?? {};
  return {
    kind: ref.kind,
    name: ref.name,
    namespace: ref.namespace,
    origin: ref.origin,
    annotations: ref.annotations,
    targets: (Array.isArray(spec.targetRefs) ? spec.targetRefs : [])
      .filter((t: any) => t && (t.group ?? '') === '' && t.kind === 'Service' && typeof t.name === 'string')
      .map((t: any) => (typeof t.sectionName === 'string' ? { name: t.name, sectionName: t.sectionName } : { name: t.name })),
    hostname: typeof validation.hostname === 'string' ? validation.hostname : undefined,
    wellKnownCa: typeof validation.wellKnownCACertificates === 'string' ? validation.wellKnownCACertificates : undefined,
    caConfigMaps: (Array.isArray(validation.caCertificateRefs) ? validation.caCertificateRefs : [])
      .filter((c: any) => c && (c.group ?? '') === '' && c.kind === 'ConfigMap' && typeof c.name === 'string').map((c: any) => String(c.name)),
  };
}

/** A route's parent reference, with its namespace resolved. */
export interface ParentRefInfo {
  /** The parent's API group (`gateway.networking.k8s.io` when not given; `""` for a core Service). */
  readonly group: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly sectionName?: string;
  readonly port?: number;
}


/** The fields of a route entry that come from Gateway API. */
export interface GatewayRouteFields {
  readonly parentRefs: ParentRefInfo[];
  readonly hostnames: string[];
  /** One key per match of each rule (path, method, headers, query), for conflicts. */
  readonly matchKeys: string[];
  /** References to objects in other namespaces. */
  readonly crossNamespaceRefs: CrossNamespaceRef[];
  /** True when every rule only redirects to HTTPS. */
  readonly redirectsToHttps: boolean;
  /** False when no listener the route attaches to is in the model (TLS and exposure are then assumed). */
  readonly listenersKnown: boolean;
}

/** A route entry that has Gateway API fields. */
export type GatewayRouteEntry = HttpEntryInfo & GatewayRouteFields;

/**
 * A Gateway's `spec.infrastructure.annotations` go on the load balancer Service its
 * implementation creates, so the Service markers of the presets (one registry) tell an internal
 * Gateway, as does the library's own exposure annotation.
 */
const INTERNAL_GATEWAY_ANNOTATIONS: ReadonlyArray<readonly [string, (value: string) => boolean]> = [
  ...INTERNAL_SERVICE_MARKERS,
  [EXPOSURE_ANNOTATION, v => v === 'vpc'],
];

function isInternal(annotations: Record<string, unknown>): boolean {
  return INTERNAL_GATEWAY_ANNOTATIONS.some(([key, test]) => annotations[key] !== undefined && test(String(annotations[key])));
}

function listenersOf(list: any, namespace: string): ListenerInfo[] {
  if (!Array.isArray(list)) return [];
  return list.filter(l => l && typeof l === 'object').map(l => {
    const protocol = String(l.protocol ?? '');
    const kinds = Array.isArray(l.allowedRoutes?.kinds) && l.allowedRoutes.kinds.length > 0
      ? l.allowedRoutes.kinds.filter((k: any) => (k?.group ?? GATEWAY_API_GROUP) === GATEWAY_API_GROUP).map((k: any) => String(k?.kind))
      : KINDS_OF_PROTOCOL[protocol] ?? [];
    return {
      name: String(l.name ?? ''),
      port: typeof l.port === 'number' ? l.port : undefined,
      protocol,
      hostname: typeof l.hostname === 'string' ? l.hostname : undefined,
      tlsMode: l.tls ? String(l.tls.mode ?? 'Terminate') : undefined,
      allowedFrom: String(l.allowedRoutes?.namespaces?.from ?? 'Same'),
      allowedSelector: l.allowedRoutes?.namespaces?.selector?.matchLabels ? { ...l.allowedRoutes.namespaces.selector.matchLabels } : undefined,
      allowedKinds: kinds,
      certificateRefs: (Array.isArray(l.tls?.certificateRefs) ? l.tls.certificateRefs : []).filter((c: any) => c && typeof c === 'object')
        .map((c: any) => ({ group: String(c.group ?? ''), kind: String(c.kind ?? 'Secret'), name: String(c.name), namespace: String(c.namespace ?? namespace) })),
    };
  });
}

/** Reads a Gateway or ListenerSet manifest. */
export function gatewayOf(manifest: any, ref: ObjectRef): GatewayInfo {
  const spec = manifest.spec ?? {};
  const parent = ref.kind === 'ListenerSet' && spec.parentRef?.name ? `${spec.parentRef.namespace ?? ref.namespace}/${spec.parentRef.name}` : undefined;
  return {
    kind: ref.kind,
    name: ref.name,
    namespace: ref.namespace,
    origin: ref.origin,
    annotations: ref.annotations,
    listeners: listenersOf(spec.listeners, ref.namespace),
    parentGateway: parent,
    gatewayClassName: spec.gatewayClassName,
    crossNamespaceRefs: listenerCertificateRefs(manifest, ref.namespace),
    exposure: isInternal({ ...ref.annotations, ...(spec.infrastructure?.annotations ?? {}) }) ? ExposureScope.VPC : ExposureScope.INTERNET,
    allowedListenersFrom: ref.kind === 'Gateway' ? String(spec.allowedListeners?.namespaces?.from ?? 'None') : undefined,
    allowedListenersSelector: ref.kind === 'Gateway' && spec.allowedListeners?.namespaces?.selector?.matchLabels
      ? { ...spec.allowedListeners.namespaces.selector.matchLabels } : undefined,
  };
}

/**
 * Why a ListenerSet's parent Gateway refuses it (its `spec.allowedListeners`), or undefined when
 * it admits it or when the Gateway is not in the model (or a namespace selector cannot be judged).
 */
export function listenerSetRefusal(model: ExposureModel, listenerSet: GatewayInfo): string | undefined {
  if (listenerSet.kind !== 'ListenerSet' || listenerSet.parentGateway === undefined) return undefined;
  const [namespace, name] = listenerSet.parentGateway.split('/');
  const gateway = gatewayNamed(model, 'Gateway', namespace, name);
  if (gateway === undefined) return undefined;
  const from = gateway.allowedListenersFrom ?? 'None';
  const where = `Gateway ${gateway.namespace ? `${gateway.namespace}/` : ''}${gateway.name}`;
  if (from === 'None') return `${where} admits no ListenerSet (spec.allowedListeners is not set, and its default is from: None)`;
  if (from === 'Same' && gateway.namespace !== listenerSet.namespace) {
    return `${where} admits ListenerSets only from its own namespace "${gateway.namespace}" (allowedListeners.namespaces.from: Same)`;
  }
  if (from === 'Selector') {
    const labels = namespaceLabels(model, listenerSet.namespace);
    const wanted = gateway.allowedListenersSelector ?? {};
    if (labels !== undefined && !Object.entries(wanted).every(([k, v]) => labels[k] === v)) {
      return `${where} admits ListenerSets only from namespaces labelled ${Object.entries(wanted).map(([k, v]) => `${k}=${v}`).join(', ')}, and namespace "${listenerSet.namespace}" is not`;
    }
  }
  return undefined;
}

/** Reads a ReferenceGrant manifest. */
export function referenceGrantOf(manifest: any, ref: ObjectRef): ReferenceGrantInfo {
  const spec = manifest.spec ?? {};
  return {
    kind: ref.kind,
    name: ref.name,
    namespace: ref.namespace,
    origin: ref.origin,
    annotations: ref.annotations,
    from: (Array.isArray(spec.from) ? spec.from : []).map((f: any) => ({ group: String(f?.group ?? ''), kind: String(f?.kind ?? ''), namespace: String(f?.namespace ?? '') })),
    to: (Array.isArray(spec.to) ? spec.to : []).map((t: any) => ({ group: String(t?.group ?? ''), kind: String(t?.kind ?? ''), name: t?.name })),
  };
}

function matchKey(kind: string, match: any): string {
  if (kind === 'GRPCRoute') {
    const m = match?.method ?? {};
    return `grpc ${m.type ?? 'Exact'} ${m.service ?? '*'}/${m.method ?? '*'} ${headersKey(match?.headers)}`;
  }
  const path = match?.path ?? {};
  const query = (match?.queryParams ?? []).map((q: any) => `${q?.name}=${q?.type ?? 'Exact'}:${q?.value}`).sort().join('&');
  return `${path.type ?? 'PathPrefix'} ${path.value ?? '/'} ${match?.method ?? '*'} ${headersKey(match?.headers)} ${query}`;
}

function headersKey(headers: any): string {
  return (Array.isArray(headers) ? headers : []).map((h: any) => `${String(h?.name).toLowerCase()}=${h?.type ?? 'Exact'}:${h?.value}`).sort().join(',');
}

/**
 * The backends a rule mirrors requests to (`RequestMirror` filters of the rule and of its
 * backendRefs): Gateway API sends them a copy of each request, so they are backends too.
 */
function mirrorBackends(rule: any, r: number): Array<{ backend: any; field: string }> {
  const out: Array<{ backend: any; field: string }> = [];
  const read = (filters: any, at: string) => {
    (Array.isArray(filters) ? filters : []).forEach((f: any, i: number) => {
      const backend = f?.type === 'RequestMirror' ? f.requestMirror?.backendRef : undefined;
      if (backend && typeof backend === 'object' && backend.name !== undefined) out.push({ backend, field: `${at}.filters[${i}].requestMirror.backendRef` });
    });
  };
  read(rule?.filters, `rules[${r}]`);
  (Array.isArray(rule?.backendRefs) ? rule.backendRefs : []).forEach((b: any, i: number) => read(b?.filters, `rules[${r}].backendRefs[${i}]`));
  return out;
}

/**
 * Reads a route of any Gateway API kind into an entry. Its `tls` and `exposure` are resolved
 * from the model's Gateways and ListenerSets when they are read (after the whole model is built).
 */
export function gatewayRouteOf(model: ExposureModel, manifest: any, ref: ObjectRef): GatewayRouteEntry {
  const spec = manifest.spec ?? {};
  const kind = ref.kind;
  const hostnames: string[] = Array.isArray(spec.hostnames) ? spec.hostnames.map(String) : [];
  const hosts: Array<string | undefined> = hostnames.length > 0 ? hostnames : [undefined];
  const routes: RouteInfo[] = [];
  const matchKeys: string[] = [];
  const crossNamespaceRefs: CrossNamespaceRef[] = [];
  const rules: any[] = Array.isArray(spec.rules) ? spec.rules : [];
  let redirectsToHttps = rules.length > 0;
  rules.forEach((rule, r) => {
    const backends: any[] = Array.isArray(rule?.backendRefs) ? rule.backendRefs : [];
    const mirrors = mirrorBackends(rule, r);
    const services = [...backends, ...mirrors.map(m => m.backend)].filter(b => (b?.kind ?? 'Service') === 'Service' && (b?.group ?? '') === '');
    const redirect = (rule?.filters ?? []).find((f: any) => f?.type === 'RequestRedirect');
    if (!(redirect?.requestRedirect?.scheme === 'https' && backends.length === 0)) redirectsToHttps = false;
    const referenced = [...backends.map((b, i) => ({ backend: b, field: `rules[${r}].backendRefs[${i}]` })), ...mirrors];
    for (const { backend: b, field } of referenced) {
      if (b?.namespace !== undefined && b.namespace !== ref.namespace) {
        crossNamespaceRefs.push({ group: String(b.group ?? ''), kind: String(b.kind ?? 'Service'), name: String(b.name), namespace: String(b.namespace), field });
      }
    }
    const isHttp = kind === 'HTTPRoute';
    const matches: any[] = Array.isArray(rule?.matches) && rule.matches.length > 0 ? rule.matches : [isHttp ? { path: { type: 'PathPrefix', value: '/' } } : {}];
    for (const m of matches) if (kind === 'HTTPRoute' || kind === 'GRPCRoute') matchKeys.push(matchKey(kind, m));
    const paths = isHttp ? matches.map(m => m?.path ?? { type: 'PathPrefix', value: '/' })
      : kind === 'GRPCRoute' ? matches.map(m => ({ type: 'gRPC', value: `/${m?.method?.service ?? '*'}/${m?.method?.method ?? '*'}` }))
        : [{ type: undefined, value: '' }];
    const targets = services.length > 0 ? services : [undefined];
    for (const host of hosts) {
      for (const path of paths) {
        for (const service of targets) {
          routes.push({
            host,
            path: path.value ?? '/',
            pathType: path.type === 'Exact' ? 'Exact' : path.type === 'PathPrefix' ? 'Prefix' : path.type,
            serviceName: service?.name,
            servicePort: service?.port,
            serviceNamespace: service?.namespace,
          });
        }
      }
    }
  });
  const parentRefs: ParentRefInfo[] = (Array.isArray(spec.parentRefs) ? spec.parentRefs : []).map((p: any) => ({
    group: String(p?.group ?? GATEWAY_API_GROUP),
    kind: String(p?.kind ?? 'Gateway'),
    namespace: String(p?.namespace ?? ref.namespace),
    name: String(p?.name),
    sectionName: p?.sectionName,
    port: p?.port,
  }));
  const entry = {
    kind: ref.kind,
    name: ref.name,
    namespace: ref.namespace,
    origin: ref.origin,
    annotations: ref.annotations,
    routes,
    tlsHosts: [] as string[],
    tls: false,
    exposure: ExposureScope.INTERNET,
    parents: parentRefs.map(p => `${p.kind === 'Gateway' ? '' : `${p.kind} `}${p.namespace ? `${p.namespace}/` : ''}${p.name}${p.sectionName ? `#${p.sectionName}` : ''}`),
    parentRefs,
    hostnames,
    matchKeys,
    crossNamespaceRefs,
    redirectsToHttps,
    listenersKnown: false,
  };
  // TLS and exposure come from the listeners, which may be read after the route.
  Object.defineProperties(entry, {
    tls: { enumerable: true, get: () => routeTls(model, entry) },
    tlsHosts: { enumerable: true, get: () => (routeTls(model, entry) ? hostnames : []) },
    exposure: { enumerable: true, get: () => routeExposure(model, entry) },
    listenersKnown: { enumerable: true, get: () => attachments(model, entry).some(a => a.listener !== undefined) },
  });
  return entry;
}

/** One parent reference of a route, with the parent and the listeners it selects. */
export interface Attachment {
  readonly parentRef: ParentRefInfo;
  /** The Gateway or ListenerSet, when the model has it. */
  readonly parent?: GatewayInfo;
  /**
   * A listener the reference selects: the one its sectionName or port names (both name one
   * listener), or without either each listener that takes the route's kind; undefined when none
   * or unknown.
   */
  readonly listener?: ListenerInfo;
  /** Why the listener refuses the route, when it does. */
  readonly refused?: string;
}

/** The Gateway or ListenerSet of that kind and name, when the model has it (the first of two with one name). */
export function gatewayNamed(model: ExposureModel, kind: string, namespace: string, name: string): GatewayInfo | undefined {
  const gateways = model.gateways ?? [];
  if (gateways.length === 0) return undefined;
  return indexed(model, 'gateways by name', gateways, g => [`${g.kind} ${g.namespace}/${g.name}`]).get(`${kind} ${namespace}/${name}`)?.[0];
}

/** The namespaces' labels the model knows (from Namespace objects), by name (the first of two with one name). */
function namespaceLabels(model: ExposureModel, namespace: string): Record<string, string> | undefined {
  return indexed(model, 'namespaces by name', model.namespaces ?? [], n => [n.name]).get(namespace)?.[0].labels;
}

/** Why a listener refuses a route of that kind from that namespace, or undefined when it accepts it. */
export function refusal(model: ExposureModel, parent: GatewayInfo, listener: ListenerInfo, routeKind: string,
  routeNamespace: string): string | undefined {
  if (!listener.allowedKinds.includes(routeKind)) {
    return `listener "${listener.name}" (${listener.protocol}) takes ${listener.allowedKinds.join(', ') || 'no route kind'}, not ${routeKind}`;
  }
  if (listener.allowedFrom === 'Same' && parent.namespace !== routeNamespace) {
    return `listener "${listener.name}" accepts routes only from its own namespace "${parent.namespace}" (allowedRoutes.namespaces.from: Same)`;
  }
  if (listener.allowedFrom === 'Selector') {
    const labels = namespaceLabels(model, routeNamespace);
    const wanted = listener.allowedSelector ?? {};
    if (labels !== undefined && !Object.entries(wanted).every(([k, v]) => labels[k] === v)) {
      return `listener "${listener.name}" accepts routes only from namespaces labelled ${Object.entries(wanted).map(([k, v]) => `${k}=${v}`).join(', ')}, and namespace "${routeNamespace}" is not`;
    }
  }
  if (listener.allowedFrom === 'None') return `listener "${listener.name}" accepts no routes`;
  return undefined;
}

/** What each parent reference of a route to a Gateway or ListenerSet attaches to (mesh parents are not listeners). */
export function attachments(model: ExposureModel, entry: GatewayRouteEntry): Attachment[] {
  const out: Attachment[] = [];
  for (const parentRef of entry.parentRefs) {
    if (isMeshParent(parentRef)) continue;
    const parent = gatewayNamed(model, parentRef.kind, parentRef.namespace, parentRef.name);
    if (!parent) {
      out.push({ parentRef });
      continue;
    }
    const named = parent.listeners.filter(l => (parentRef.sectionName === undefined || l.name === parentRef.sectionName)
      && (parentRef.port === undefined || l.port === parentRef.port));
    // Without sectionName and port, a route attaches to every listener that takes its kind; the
    // others are skipped, not refusals (Gateway API). When none takes it, each one's refusal says why.
    const ofKind = parentRef.sectionName === undefined && parentRef.port === undefined
      ? named.filter(l => l.allowedKinds.includes(entry.kind)) : named;
    const selected = ofKind.length > 0 ? ofKind : named;
    if (selected.length === 0) out.push({ parentRef, parent });
    for (const listener of selected) {
      out.push({ parentRef, parent, listener, refused: refusal(model, parent, listener, entry.kind, entry.namespace) });
    }
  }
  return out;
}

/** Whether a route host and a listener hostname can both match one request host. */
export function hostsIntersect(routeHost: string, listenerHost: string | undefined): boolean {
  if (listenerHost === undefined) return true;
  const covers = (wild: string, host: string) => wild.startsWith('*.') && host.endsWith(wild.slice(1)) && host.length > wild.length - 1;
  return routeHost === listenerHost || covers(listenerHost, routeHost) || covers(routeHost, listenerHost)
    || (routeHost.startsWith('*.') && listenerHost.startsWith('*.') && (routeHost.endsWith(listenerHost.slice(1)) || listenerHost.endsWith(routeHost.slice(1))));
}

/** The listeners a route really attaches to: selected, accepting it, sharing a host with it, and (a ListenerSet's) admitted by their Gateway. */
export function acceptingListeners(model: ExposureModel, entry: GatewayRouteEntry): Array<{ parent: GatewayInfo; listener: ListenerInfo }> {
  return attachments(model, entry)
    // A ListenerSet its Gateway refuses (listener-set-not-allowed) has no listeners on the Gateway.
    .filter(a => a.listener !== undefined && a.refused === undefined && listenerSetRefusal(model, a.parent!) === undefined
      && (entry.hostnames.length === 0 || entry.hostnames.some(h => hostsIntersect(h, a.listener!.hostname))))
    .map(a => ({ parent: a.parent!, listener: a.listener! }));
}

function routeTls(model: ExposureModel, entry: GatewayRouteEntry): boolean {
  if (entry.kind === 'TLSRoute') return true;
  if (entry.kind === 'TCPRoute' || entry.kind === 'UDPRoute') return false;
  const listeners = acceptingListeners(model, entry);
  if (listeners.length === 0) {
    // The Gateway is not in the YAML: the library's own routes record their intent.
    return entry.annotations[TLS_INTENT_ANNOTATION] === 'true';
  }
  // A route on a plain HTTP listener serves plain HTTP, unless all it does is redirect to HTTPS.
  return entry.redirectsToHttps || listeners.every(l => l.listener.protocol === 'HTTPS' || l.listener.tlsMode !== undefined);
}

/**
 * Where a Gateway's or ListenerSet's listeners are reachable from: a Gateway's own exposure (its
 * infrastructure annotations), a ListenerSet's parent Gateway's when the model has it. With no
 * signal (a GatewayClass or address the YAML does not show), `internet`, the conservative default.
 */
export function gatewayExposure(model: ExposureModel, parent: GatewayInfo): ExposureScope {
  if (parent.kind === 'ListenerSet' && parent.parentGateway) {
    const [ns, name] = parent.parentGateway.split('/');
    const gateway = gatewayNamed(model, 'Gateway', ns, name);
    return gateway ? gateway.exposure : parent.exposure;
  }
  return parent.exposure;
}

function routeExposure(model: ExposureModel, entry: GatewayRouteEntry): ExposureScope {
  // Attached to nothing, or only to Services of a mesh: nothing reaches it from outside the cluster.
  if (routeReach(model, entry) !== RouteReach.GATEWAY) return ExposureScope.CLUSTER;
  const scopes = acceptingListeners(model, entry).map(({ parent }) => gatewayExposure(model, parent));
  // A Gateway that is not in the YAML: the library's own routes record where it is reachable from
  // (GatewayFronted's gatewayScheme); anything else is assumed reachable from the internet.
  if (unresolvedGatewayParents(model, entry).length > 0) {
    scopes.push(entry.annotations[EXPOSURE_ANNOTATION] === ExposureScope.VPC ? ExposureScope.VPC : ExposureScope.INTERNET);
  }
  return scopes.includes(ExposureScope.INTERNET) ? ExposureScope.INTERNET : ExposureScope.VPC;
}

/**
 * A parent reference to a Service or a ServiceImport (GAMMA): the route configures the mesh for
 * traffic to that Service from inside the cluster (east-west), not a Gateway's listener.
 */
export function isMeshParent(parentRef: ParentRefInfo): boolean {
  return parentRef.kind === 'Service' || parentRef.kind === 'ServiceImport';
}

/** Where a Gateway API route takes traffic from. */
export enum RouteReach {
  /** No parent reference, or every listener it names refuses it (or none matches): it serves nothing. */
  NOTHING = 'nothing',
  /** Only Services of a mesh (GAMMA parentRefs): east-west traffic inside the cluster. */
  MESH = 'mesh',
  /** A Gateway or ListenerSet listener takes it, or its parent is not in the model (assumed to). */
  GATEWAY = 'gateway',
}

/** The route's parent references to Gateways and ListenerSets that the model does not have. */
export function unresolvedGatewayParents(model: ExposureModel, entry: GatewayRouteEntry): ParentRefInfo[] {
  return entry.parentRefs.filter(p => !isMeshParent(p) && gatewayNamed(model, p.kind, p.namespace, p.name) === undefined);
}

/**
 * Where a route takes traffic from: a Gateway's listener (or a parent not in the model, assumed
 * to take it), only a mesh, or nothing at all (no parentRefs, or refused by every listener it
 * names; the refusal is `route-not-allowed`'s, `gateway-unknown-section`'s or
 * `route-hostname-outside-listener`'s finding).
 */
export function routeReach(model: ExposureModel, entry: GatewayRouteEntry): RouteReach {
  if (unresolvedGatewayParents(model, entry).length > 0 || acceptingListeners(model, entry).length > 0) return RouteReach.GATEWAY;
  return entry.parentRefs.some(isMeshParent) ? RouteReach.MESH : RouteReach.NOTHING;
}

/** Whether a ReferenceGrant in the target's namespace allows the reference. */
export function referenceGranted(model: ExposureModel, fromKind: string, fromNamespace: string, ref: CrossNamespaceRef): boolean {
  return (model.referenceGrants ?? []).some(g => g.namespace === ref.namespace
    && g.from.some(f => f.group === GATEWAY_API_GROUP && f.kind === fromKind && f.namespace === fromNamespace)
    && g.to.some(t => t.group === ref.group && t.kind === ref.kind && (t.name === undefined || t.name === ref.name)));
}

/** Whether an entry is a Gateway API route (with Gateway API fields). */
export function isGatewayRoute(entry: HttpEntryInfo): entry is GatewayRouteEntry {
  return (entry as Partial<GatewayRouteFields>).parentRefs !== undefined && ROUTE_KINDS.includes(entry.kind);
}

/** The cross-namespace certificate references of a Gateway's or ListenerSet's listeners. */
export function listenerCertificateRefs(manifest: any, namespace: string): CrossNamespaceRef[] {
  const out: CrossNamespaceRef[] = [];
  (Array.isArray(manifest.spec?.listeners) ? manifest.spec.listeners : []).forEach((l: any, i: number) => {
    (Array.isArray(l?.tls?.certificateRefs) ? l.tls.certificateRefs : []).forEach((c: any, j: number) => {
      if (c?.namespace !== undefined && c.namespace !== namespace) {
        out.push({ group: String(c.group ?? ''), kind: String(c.kind ?? 'Secret'), name: String(c.name), namespace: String(c.namespace), field: `listeners[${i}].tls.certificateRefs[${j}]` });
      }
    });
  });
  return out;
}

/** A route that refers to a Gateway or ListenerSet, and whether a listener of it takes the route. */
export interface AttachedRoute {
  readonly route: GatewayRouteEntry;
  /** False when every listener it selects refuses it (or none matches its sectionName, port or hostnames). */
  readonly accepted: boolean;
}

/** The routes that refer to each Gateway and ListenerSet of the model, in the model's order. */
export function attachedRoutes(model: ExposureModel): Map<GatewayInfo, AttachedRoute[]> {
  const out = new Map<GatewayInfo, AttachedRoute[]>();
  if ((model.gateways ?? []).length === 0) return out;
  for (const entry of model.entries) {
    if (!isGatewayRoute(entry)) continue;
    const accepting = new Set(acceptingListeners(model, entry).map(a => a.parent));
    const seen = new Set<GatewayInfo>();
    for (const { parent } of attachments(model, entry)) {
      if (parent === undefined || seen.has(parent)) continue;
      seen.add(parent);
      const list = out.get(parent) ?? [];
      list.push({ route: entry, accepted: accepting.has(parent) });
      out.set(parent, list);
    }
  }
  return out;
}

/** Whether a listener terminates TLS at the Gateway (HTTPS, or TLS in mode Terminate). */
export function terminatesTls(listener: ListenerInfo): boolean {
  return listener.protocol === 'HTTPS' || (listener.protocol === 'TLS' && listener.tlsMode === 'Terminate');
}

/**
 * TLS of a Gateway or ListenerSet as a whole: undefined when it has only TCP and UDP listeners
 * (TLS does not apply), false when none of its HTTP, HTTPS and TLS listeners has TLS, else whether
 * every listener that terminates TLS names a certificate. A plain HTTP listener beside them is
 * the routes' to judge (a route on it serves plain HTTP unless it only redirects).
 */
export function gatewayTls(parent: GatewayInfo): boolean | undefined {
  const carrying = parent.listeners.filter(l => l.protocol === 'HTTP' || l.protocol === 'HTTPS' || l.protocol === 'TLS');
  if (carrying.length === 0) return undefined;
  const terminating = carrying.filter(terminatesTls);
  if (terminating.length === 0) return carrying.some(l => l.protocol === 'TLS');
  return terminating.every(l => l.certificateRefs.length > 0);
}
