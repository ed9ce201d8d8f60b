import { IConstruct } from 'constructs';
import { AppState, Claimant, appState } from './shared-state';
import { constructLabel, propError } from '../errors';

/**
 * Collisions between the library's own constructs, refused where the second one is created:
 * they are errors at every stage, with or without a policy, because the cluster would keep only
 * one of the two (or refuse the second) and nothing in the YAML says which.
 */

function claim(table: Map<string, Claimant>, key: string, kind: string, construct: IConstruct, what: () => string, fix: string): void {
  const taken = table.get(key);
  if (taken !== undefined && taken.construct !== construct) {
    throw propError(kind, construct, `${what()} is already claimed by ${constructLabel(taken.kind, taken.construct)} in this App; ${fix}`);
  }
  // The construct itself is kept, and its path worked out only for a message: one claim per
  // Service, 20,000 in a large App.
  table.set(key, { kind, construct });
}

/** A node port is open on every node of the cluster: one Service per protocol and port. */
export function claimNodePort(kind: string, construct: IConstruct, protocol: string, nodePort: number): void {
  claim(appState(construct).nodePorts, `${protocol}/${nodePort}`, kind, construct,
    () => `nodePort ${nodePort}/${protocol}`, 'node ports are cluster-wide, so choose another one or omit nodePort to let Kubernetes pick a free one');
}

/** Two objects of one kind with one name in one namespace: the second overwrites the first on apply. */
export function claimName(kind: string, construct: IConstruct, objectKind: string, namespace: string | undefined, name: string): void {
  claim(appState(construct).names, `${objectKind} ${namespace ?? ''}/${name}`, kind, construct,
    () => `${objectKind} name ${JSON.stringify(name)}${namespace ? ` in namespace ${JSON.stringify(namespace)}` : ''}`,
    'the second would overwrite the first on kubectl apply, so give one of them another metadata.name');
}

/**
 * A host and path routed twice through one entry point (an IngressClass or a Gateway): the
 * controller silently serves one of them.
 */
export function claimRoute(kind: string, construct: IConstruct, key: string, what: string): void {
  claim(appState(construct).routes, key, kind, construct, () => what,
    'the controller would serve only one of them, so give this route another host or path');
}

/** A construct that writes stream routes for its user, and the prop that names their listener. */
const listenerOwners = new WeakMap<IConstruct, { readonly kind: string; readonly prop: string; readonly hostnamesProp: string }>();

/**
 * Marks `owner` (a `GatewayFronted`) as the construct that answers for the listeners of the
 * stream routes it creates: a collision names it and its prop, not the route inside it.
 */
export function ownListenerClaims(owner: IConstruct, kind: string, prop: string, hostnamesProp: string): void {
  listenerOwners.set(owner, { kind, prop, hostnamesProp });
}

/** A listener of a ListenerSet the App defines, as a route's claim resolves it. */
export interface ClaimedListener {
  readonly name: string;
  readonly port: number;
  readonly protocol: string;
  /** `allowedRoutes.kinds`, when given. */
  readonly kinds?: string[];
}

/** The listeners of the App's ListenerSets, by `namespace/name`, read when a route claims one. */
const appListenerSets = new WeakMap<AppState, Map<string, () => ClaimedListener[]>>();

/**
 * Makes a ListenerSet of the App known to listener claims, so that a route naming one of its
 * listeners by `sectionName` and another naming it by `port` are seen as one listener.
 */
export function registerListenerSet(listenerSet: IConstruct, namespace: string | undefined, name: string, listeners: () => ClaimedListener[]): void {
  const state = appState(listenerSet);
  const known = appListenerSets.get(state) ?? new Map<string, () => ClaimedListener[]>();
  known.set(`${namespace ?? ''}/${name}`, listeners);
  appListenerSets.set(state, known);
}

/** The protocol of the listeners each stream route kind attaches to. */
const PROTOCOL_OF: Record<string, string> = { TCPRoute: 'TCP', UDPRoute: 'UDP', TLSRoute: 'TLS' };

/**
 * The names of the listeners a parentRef to a ListenerSet of the App resolves to (by
 * sectionName, port, or without either every listener that takes the route's kind); undefined
 * when the parent is not a ListenerSet of the App or names no listener it has.
 */
function resolvedListeners(route: IConstruct, routeKind: string, parent: any, gateway: string): string[] | undefined {
  if (parent.kind !== 'ListenerSet') return undefined;
  const listeners = appListenerSets.get(appState(route))?.get(gateway)?.();
  if (listeners === undefined) return undefined;
  const named = listeners.filter(l => (parent.sectionName === undefined || l.name === parent.sectionName)
    && (parent.port === undefined || l.port === parent.port));
  const taking = parent.sectionName === undefined && parent.port === undefined
    ? named.filter(l => (l.kinds !== undefined ? l.kinds.includes(routeKind) : l.protocol === PROTOCOL_OF[routeKind])) : named;
  return taking.length > 0 ? taking.map(l => l.name) : undefined;
}

/**
 * A TCP or UDP listener forwards every connection to one route's backends: of two TCPRoutes (or
 * UDPRoutes) on one listener, Gateway API accepts one. A TLS passthrough listener routes by SNI,
 * so TLSRoutes share it when their host names differ: they claim one key per host name. The
 * listener is the one a ListenerSet of the App resolves the reference to (so a `sectionName` and
 * a `port` of one listener meet); for a parent the App does not define, the parent with
 * `sectionName` and `port` as written, and a route with neither attaches to every listener of
 * the parent that takes its kind, so it collides with any other.
 *
 * @param route the route construct (its scope answers for it when `ownListenerClaims` marked it)
 * @param at the route's prop that names the parent (`parents[0]`)
 * @param parent the parentRef as written (`kind`, `namespace`, `name`, `sectionName`, `port`)
 * @param hostname for a TLSRoute, the SNI host name
 */
export function claimListener(route: IConstruct, constructKind: string, routeKind: string, at: string, parent: any,
  routeNamespace: string | undefined, hostname?: string): void {
  const owner = route.node.scope !== undefined ? listenerOwners.get(route.node.scope) : undefined;
  const claimant = owner !== undefined ? route.node.scope! : route;
  const kind = owner?.kind ?? constructKind;
  const table = appState(route).routes;
  const gateway = `${parent.namespace ?? routeNamespace ?? ''}/${parent.name}`;
  const where = `listener ${routeKind} ${parent.kind} ${gateway}#`;
  const host = `|${hostname ?? ''}`;
  const resolved = resolvedListeners(route, routeKind, parent, gateway);
  if (resolved !== undefined) {
    // A ListenerSet of the App: one claim per listener the reference resolves to, by its name.
    for (const listenerName of resolved) {
      const taken = table.get(`${where}=${listenerName}${host}`);
      if (taken !== undefined && taken.construct !== claimant) {
        throw propError(kind, claimant, listenerTaken(routeKind, parent, gateway, `listener ${JSON.stringify(listenerName)}`, owner, at, hostname, taken));
      }
    }
    for (const listenerName of resolved) table.set(`${where}=${listenerName}${host}`, { kind, construct: claimant });
    return;
  }
  const section = parent.sectionName === undefined && parent.port === undefined ? '*' : `${parent.sectionName ?? ''}:${parent.port ?? ''}`;
  let taken = table.get(`${where}${section}${host}`) ?? (section === '*' ? undefined : table.get(`${where}*${host}`));
  if (taken === undefined && section === '*') {
    // Rare (a route on every listener of its parent): one pass over the claims.
    for (const [key, owned] of table) if (key.startsWith(where) && key.endsWith(host)) taken = owned;
  }
  if (taken !== undefined && taken.construct !== claimant) {
    const listener = section === '*' ? `every ${PROTOCOL_OF[routeKind] ?? 'TCP'} listener`
      : `listener ${[parent.sectionName !== undefined ? JSON.stringify(parent.sectionName) : '', parent.port !== undefined ? `port ${parent.port}` : ''].filter(x => x).join(' ')}`;
    throw propError(kind, claimant, listenerTaken(routeKind, parent, gateway, listener, owner, at, hostname, taken));
  }
  table.set(`${where}${section}${host}`, { kind, construct: claimant });
}

/** The message of a listener (or SNI host on it) that another construct of the App claimed. */
function listenerTaken(routeKind: string, parent: any, gateway: string, listener: string,
  owner: { readonly prop: string; readonly hostnamesProp: string } | undefined, at: string, hostname: string | undefined, taken: Claimant): string {
  const what = `${listener} of ${parent.kind} ${JSON.stringify(gateway.startsWith('/') ? parent.name : gateway)}`;
  return hostname !== undefined
    ? `${owner?.hostnamesProp ?? 'hostnames'}: SNI host ${JSON.stringify(hostname)} on ${what} (${owner?.prop ?? at}) is already claimed by ${constructLabel(taken.kind, taken.construct)} in this App; a TLS passthrough listener sends each host name to one TLSRoute, so give this one another host name, or a listener of its own (another sectionName)`
    : `${owner?.prop ?? at}: ${what} is already claimed by ${constructLabel(taken.kind, taken.construct)} in this App; a ${routeKind === 'UDPRoute' ? 'UDP' : 'TCP'} listener forwards every connection to one route's backends (Gateway API accepts one of two ${routeKind}s on it), so give this one a listener of its own (another sectionName, on the Gateway or a ListenerSet), or send both to one route with weighted backends`;
}

/**
 * Several routes of one front end (every host with every path): all are checked before any is
 * claimed, so a refused front end claims none.
 */
export function claimRoutes(kind: string, construct: IConstruct, routes: Array<{ key: string; what: string }>): void {
  const table = appState(construct).routes;
  for (const { key, what } of routes) {
    const taken = table.get(key);
    if (taken !== undefined && taken.construct !== construct) claimRoute(kind, construct, key, what);
  }
  for (const { key, what } of routes) claimRoute(kind, construct, key, what);
}

/** Gives back what a construct claimed (when its constructor refused its props). */
export function releaseClaims(construct: IConstruct): void {
  const state = appState(construct);
  for (const table of [state.nodePorts, state.routes, state.names]) {
    for (const [key, owner] of [...table]) if (owner.construct === construct) table.delete(key);
  }
}
