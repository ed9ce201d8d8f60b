/**
 * Istio in the exposure model: `networking.istio.io` Gateways (servers: port, protocol, hosts,
 * TLS mode, httpsRedirect) and the VirtualServices bound to them, read into the same entries
 * as Ingresses and Gateway API routes so that the same rules judge them. Private to the library.
 *
 * What Istio does, from its API (istio/api networking/v1alpha3/gateway.proto and
 * virtual_service.proto, the same for v1beta1 and v1):
 * - a VirtualService without `gateways` applies to `mesh` (the sidecars) only: east-west;
 *   a gateway name without `namespace/` is in the VirtualService's namespace;
 * - a server's hosts may carry a `namespace/` prefix (`*` or `.` for any or the current one);
 *   a VirtualService binds to a server when one of its hosts equals or suffix-matches a server host;
 * - `tls.httpsRedirect` makes the server answer every HTTP request with a 301 to HTTPS;
 * - TLS modes: SIMPLE, MUTUAL, OPTIONAL_MUTUAL and ISTIO_MUTUAL terminate TLS at the gateway,
 *   PASSTHROUGH routes by SNI through `tls` routes, AUTO_PASSTHROUGH routes by SNI to any mesh
 *   service the hosts match, without a VirtualService; PASSTHROUGH is the enum's zero value;
 * - a short destination host (`reviews`) is a Service in the VirtualService's namespace;
 * - two VirtualServices with one host on one Gateway share one Envoy virtual host: the later
 *   one's routes are appended to the earlier one's, and the first route that matches wins
 *   (istio/istio pilot/pkg/networking/core/gateway.go, `vHost.Routes = append(vHost.Routes, routes...)`).
 * Read at istio/api b8f8791d9653 and istio/istio 86c9f01fd735.
 */
import { ISTIO_NETWORKING_GROUP } from '../api-groups';
import { ExposureScope } from '../exposure-scope';
import type { ExposureModel, HttpEntryInfo, IstioGatewayInfo, IstioServerInfo, ObjectRef, RouteInfo } from './model-types';
export type { IstioServerInfo, IstioGatewayInfo } from './model-types';

export { ISTIO_NETWORKING_GROUP };


/** The fields of a VirtualService bound to Istio Gateways. */
export interface IstioRouteFields {
  /** The Gateways it binds to, as `namespace/name` (not `mesh`). */
  readonly gateways: string[];
  /** Whether it also applies to the sidecars (`mesh`). */
  readonly mesh: boolean;
  /** `spec.hosts` as written. */
  readonly vsHosts: string[];
  /** One key per HTTP match (uri, method, headers), for conflicts. */
  readonly matchKeys: string[];
  /** Whether it has http, tls and tcp routes. */
  readonly protocols: { readonly http: boolean; readonly tls: boolean; readonly tcp: boolean };
  /** False when none of its Gateways is in the model (TLS and hosts then come from the VirtualService alone). */
  readonly listenersKnown: boolean;
  /** What the model did not read, one sentence each. */
  readonly notes: string[];
}

/** A VirtualService bound to at least one Istio Gateway. */
export type IstioRouteEntry = HttpEntryInfo & IstioRouteFields;

/** Whether an entry is an Istio VirtualService. */
export function isIstioRoute(entry: HttpEntryInfo): entry is IstioRouteEntry {
  return entry.kind === 'VirtualService' && (entry as Partial<IstioRouteFields>).gateways !== undefined;
}

const TERMINATING = ['SIMPLE', 'MUTUAL', 'OPTIONAL_MUTUAL', 'ISTIO_MUTUAL'];
const KNOWN_MODES = [...TERMINATING, 'PASSTHROUGH', 'AUTO_PASSTHROUGH'];
const PLAIN_HTTP = ['HTTP', 'HTTP2', 'GRPC', 'GRPC-WEB'];
const GATEWAY_SPEC_KEYS = ['selector', 'servers'];
const SERVER_KEYS = ['port', 'hosts', 'tls', 'name', 'bind', 'defaultEndpoint'];
const VS_SPEC_KEYS = ['hosts', 'gateways', 'http', 'tls', 'tcp', 'exportTo'];
const HTTP_ROUTE_KEYS = ['name', 'match', 'route', 'redirect', 'directResponse', 'rewrite', 'timeout', 'retries', 'fault', 'mirror', 'mirrors',
  'mirrorPercentage', 'mirrorPercent', 'corsPolicy', 'headers', 'delegate'];

/** The API group the reference carries, when the model keeps one. */
function groupOf(ref: ObjectRef): { apiGroup?: string } {
  const group = (ref as { apiGroup?: string }).apiGroup;
  return group !== undefined ? { apiGroup: group } : {};
}

/** `namespace/name`, or `name` without a namespace (no leading slash). */
export function shown(gateway: string): string {
  return gateway.startsWith('/') ? gateway.slice(1) : gateway;
}

/** The host part of a server host (`prod/*.example.com` is `*.example.com`). */
function hostOf(host: string): string {
  const slash = host.indexOf('/');
  return slash >= 0 ? host.slice(slash + 1) : host;
}

function unknownKeys(value: any, known: string[], where: string): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.keys(value).filter(k => !known.includes(k)).map(k => `${where}.${k} is not read`);
}

/** Reads an Istio Gateway manifest. */
export function istioGatewayOf(manifest: any, ref: ObjectRef): IstioGatewayInfo {
  const spec = manifest.spec ?? {};
  const notes = unknownKeys(spec, GATEWAY_SPEC_KEYS, 'spec');
  const servers: IstioServerInfo[] = [];
  (Array.isArray(spec.servers) ? spec.servers : []).forEach((s: any, i: number) => {
    if (!s || typeof s !== 'object') return;
    notes.push(...unknownKeys(s, SERVER_KEYS, `spec.servers[${i}]`));
    if (s.bind !== undefined) notes.push(`spec.servers[${i}].bind (${s.bind}) is not read: the server is taken to listen on every address`);
    const protocol = String(s.port?.protocol ?? '').toUpperCase();
    const secure = protocol === 'HTTPS' || protocol === 'TLS';
    const mode = secure ? String(s.tls?.mode ?? 'PASSTHROUGH') : undefined;
    if (mode !== undefined && !KNOWN_MODES.includes(mode)) notes.push(`spec.servers[${i}].tls.mode ${mode} is not a mode the model knows: read as TLS`);
    servers.push({
      name: typeof s.name === 'string' ? s.name : typeof s.port?.name === 'string' ? s.port.name : undefined,
      port: typeof s.port?.number === 'number' ? s.port.number : undefined,
      protocol,
      hosts: (Array.isArray(s.hosts) ? s.hosts : []).map((h: any) => hostOf(String(h))),
      tlsMode: mode,
      httpsRedirect: s.tls?.httpsRedirect === true,
      credentialName: typeof s.tls?.credentialName === 'string' ? s.tls.credentialName : undefined,
    });
  });
  return {
    kind: ref.kind,
    name: ref.name,
    namespace: ref.namespace,
    origin: ref.origin,
    annotations: ref.annotations,
    ...groupOf(ref),
    servers,
    selector: spec.selector && typeof spec.selector === 'object' ? { ...spec.selector } : {},
    notes,
  } as IstioGatewayInfo;
}

/** Whether a VirtualService host and a server host can both match one request host. */
export function istioHostsIntersect(vsHost: string, serverHost: string): boolean {
  if (vsHost === '*' || serverHost === '*') return true;
  const covers = (wild: string, host: string) => wild.startsWith('*.') && host.endsWith(wild.slice(1));
  return vsHost === serverHost || covers(serverHost, vsHost) || covers(vsHost, serverHost);
}

/** The narrower of two intersecting hosts: the one that names fewer request hosts. */
function narrower(a: string, b: string): string {
  if (a === '*') return b;
  if (b === '*') return a;
  if (!a.startsWith('*')) return a;
  if (!b.startsWith('*')) return b;
  return a.length >= b.length ? a : b;
}

/** The Istio Gateway of that namespace and name, when the model has it. */
export function istioGatewayNamed(model: ExposureModel, namespace: string, name: string): IstioGatewayInfo | undefined {
  return (model.istioGateways ?? []).find(g => g.namespace === namespace && g.name === name);
}

/** The servers a VirtualService binds to: of its Gateways in the model, sharing a host with it. */
export function boundServers(model: ExposureModel, entry: IstioRouteEntry): Array<{ gateway: IstioGatewayInfo; server: IstioServerInfo }> {
  const out: Array<{ gateway: IstioGatewayInfo; server: IstioServerInfo }> = [];
  for (const ref of entry.gateways) {
    const [namespace, name] = ref.split('/');
    const gateway = istioGatewayNamed(model, namespace, name);
    if (gateway === undefined) continue;
    for (const server of gateway.servers) {
      if (server.hosts.some(sh => entry.vsHosts.some(h => istioHostsIntersect(h, sh)))) out.push({ gateway, server });
    }
  }
  return out;
}

/** Whether a server carries the VirtualService's kind of routes (http routes on HTTP(S), tls and tcp on TLS and TCP). */
function carries(server: IstioServerInfo, entry: IstioRouteEntry): boolean {
  const http = PLAIN_HTTP.includes(server.protocol) || (server.protocol === 'HTTPS' && server.tlsMode !== 'PASSTHROUGH' && server.tlsMode !== 'AUTO_PASSTHROUGH');
  return (entry.protocols.http && http) || ((entry.protocols.tls || entry.protocols.tcp) && !http);
}

/** Whether a server keeps the traffic encrypted or only redirects to HTTPS. */
export function serverSecure(server: IstioServerInfo): boolean {
  return server.tlsMode !== undefined || (PLAIN_HTTP.includes(server.protocol) && server.httpsRedirect);
}

/** Whether TLS applies to a VirtualService: it has http or tls routes (tcp routes alone carry no HTTP). */
export function istioTlsApplies(entry: IstioRouteEntry): boolean {
  return entry.protocols.http || entry.protocols.tls;
}

function destinationOf(destination: any, namespace: string): Pick<RouteInfo, 'serviceName' | 'servicePort' | 'serviceNamespace'> {
  const host = typeof destination?.host === 'string' ? destination.host : '';
  const port = typeof destination?.port?.number === 'number' ? destination.port.number : undefined;
  if (host !== '' && !host.includes('.')) return { serviceName: host, servicePort: port };
  const fqdn = /^([a-z0-9-]+)\.([a-z0-9-]+)\.svc\.cluster\.local$/.exec(host);
  if (fqdn) return { serviceName: fqdn[1], servicePort: port, ...(fqdn[2] !== namespace ? { serviceNamespace: fqdn[2] } : {}) };
  // Another name (a ServiceEntry, an external host): not a Service of the model.
  return {};
}

function uriKey(match: any): { type: string; value: string } {
  const uri = match?.uri ?? {};
  for (const type of ['exact', 'prefix', 'regex']) if (typeof uri[type] === 'string') return { type, value: uri[type] };
  return { type: 'prefix', value: '/' };
}

function matchKeyOf(match: any): string {
  const uri = uriKey(match);
  const method = match?.method ? JSON.stringify(match.method) : '*';
  const headers = match?.headers ? JSON.stringify(match.headers) : '';
  return `${uri.type} ${uri.value} ${method} ${headers} ${match?.port ?? ''}`;
}

/**
 * Reads a VirtualService. One bound to at least one Gateway is an entry (its TLS, hosts and
 * exposure resolved over the model's Istio Gateways when read); one for the mesh alone is
 * traffic inside the cluster, returned as undefined.
 */
export function virtualServiceOf(model: ExposureModel, manifest: any, ref: ObjectRef): IstioRouteEntry | undefined {
  const spec = manifest.spec ?? {};
  const written: string[] = Array.isArray(spec.gateways) && spec.gateways.length > 0 ? spec.gateways.map(String) : ['mesh'];
  const gateways = written.filter(g => g !== 'mesh').map(g => (g.includes('/') ? g : `${ref.namespace}/${g}`));
  if (gateways.length === 0) return undefined;
  const notes = unknownKeys(spec, VS_SPEC_KEYS, 'spec');
  if (spec.exportTo !== undefined) notes.push('spec.exportTo is not read: the VirtualService is taken to be visible to its Gateways');
  const vsHosts: string[] = (Array.isArray(spec.hosts) ? spec.hosts : []).map(String);
  const http: any[] = Array.isArray(spec.http) ? spec.http : [];
  const tls: any[] = Array.isArray(spec.tls) ? spec.tls : [];
  const tcp: any[] = Array.isArray(spec.tcp) ? spec.tcp : [];
  const paths: Array<Omit<RouteInfo, 'host'>> = [];
  const matchKeys: string[] = [];
  http.forEach((route, i) => {
    notes.push(...unknownKeys(route, HTTP_ROUTE_KEYS, `spec.http[${i}]`));
    if (route?.delegate !== undefined) notes.push(`spec.http[${i}].delegate is not read: the delegate VirtualService's routes are not followed`);
    if (route?.mirror !== undefined || route?.mirrors !== undefined) notes.push(`spec.http[${i}].mirror is not read: mirrored Services are not counted as backends`);
    const matches: any[] = Array.isArray(route?.match) && route.match.length > 0 ? route.match : [{}];
    const destinations: any[] = Array.isArray(route?.route) ? route.route.map((d: any) => d?.destination) : [];
    for (const match of matches) {
      matchKeys.push(matchKeyOf(match));
      const uri = uriKey(match);
      const pathType = uri.type === 'exact' ? 'Exact' : uri.type === 'prefix' ? 'Prefix' : 'Regex';
      for (const destination of destinations.length > 0 ? destinations : [undefined]) {
        paths.push({ path: uri.value, pathType, ...destinationOf(destination, ref.namespace) });
      }
    }
  });
  for (const route of [...tls, ...tcp]) {
    for (const d of Array.isArray(route?.route) ? route.route : []) paths.push({ path: '', ...destinationOf(d?.destination, ref.namespace) });
  }
  const entry = {
    kind: ref.kind,
    name: ref.name,
    namespace: ref.namespace,
    origin: ref.origin,
    annotations: ref.annotations,
    ...groupOf(ref),
    routes: [] as RouteInfo[],
    tlsHosts: [] as string[],
    tls: false,
    exposure: ExposureScope.INTERNET,
    parents: gateways.map(g => `istio ${shown(g)}`),
    gateways,
    mesh: written.includes('mesh'),
    vsHosts,
    matchKeys,
    protocols: { http: http.length > 0, tls: tls.length > 0, tcp: tcp.length > 0 },
    listenersKnown: false,
    notes,
  } as IstioRouteEntry;
  // Hosts and TLS come from the Gateways' servers, which may be read after the VirtualService.
  Object.defineProperties(entry, {
    routes: { enumerable: true, get: () => effectiveHosts(model, entry).flatMap(host => paths.map(p => ({ host, ...p }))) },
    tls: { enumerable: true, get: () => istioTls(model, entry) },
    tlsHosts: { enumerable: true, get: () => (istioTls(model, entry) ? effectiveHosts(model, entry) : []) },
    listenersKnown: { enumerable: true, get: () => entry.gateways.some(g => istioGatewayNamed(model, g.split('/')[0], g.split('/')[1]) !== undefined) },
  });
  return entry;
}

/** The request hosts a VirtualService serves: its hosts narrowed by the servers it binds to. */
export function effectiveHosts(model: ExposureModel, entry: IstioRouteEntry): string[] {
  const servers = boundServers(model, entry).filter(b => carries(b.server, entry));
  if (servers.length === 0) return entry.vsHosts;
  const hosts = new Set<string>();
  for (const h of entry.vsHosts) {
    for (const { server } of servers) for (const sh of server.hosts) if (istioHostsIntersect(h, sh)) hosts.add(narrower(h, sh));
  }
  return [...hosts];
}

function istioTls(model: ExposureModel, entry: IstioRouteEntry): boolean {
  if (!entry.protocols.http && entry.protocols.tls) return true;
  const servers = boundServers(model, entry).filter(b => carries(b.server, entry));
  // No server of its Gateways is in the YAML: TLS cannot be confirmed.
  if (servers.length === 0) return false;
  return servers.every(b => serverSecure(b.server));
}

/** TLS of an Istio Gateway as a whole: undefined with only TCP servers, else whether every other server is TLS or redirects. */
export function istioGatewayTls(gateway: IstioGatewayInfo): boolean | undefined {
  const carrying = gateway.servers.filter(s => s.protocol !== 'TCP' && s.protocol !== 'MONGO');
  if (carrying.length === 0) return undefined;
  return carrying.every(serverSecure);
}

/** The VirtualServices of the model bound to each Istio Gateway. */
export function boundVirtualServices(model: ExposureModel, gateway: IstioGatewayInfo): IstioRouteEntry[] {
  const key = `${gateway.namespace}/${gateway.name}`;
  return model.entries.filter((e): e is IstioRouteEntry => isIstioRoute(e) && e.gateways.includes(key));
}

/**
 * Reads an Istio object into the model: a Gateway into `istioGateways` (and `others`, for
 * counts), a VirtualService bound to a Gateway into `entries`, one for the mesh alone into
 * `others`. Returns false for the other Istio kinds (DestinationRule...), left to the caller.
 */
export function addIstioToModel(model: ExposureModel, manifest: any, ref: ObjectRef): boolean {
  if (ref.kind === 'Gateway') {
    const gateways = model.istioGateways;
    if (gateways === undefined) return false;
    gateways.push(istioGatewayOf(manifest, ref));
    model.others.push(ref);
    return true;
  }
  if (ref.kind === 'VirtualService') {
    const entry = virtualServiceOf(model, manifest, ref);
    if (entry !== undefined) model.entries.push(entry); else model.others.push(ref);
    return true;
  }
  return false;
}
