/**
 * The inventory behind every report: one row per Service, Ingress, Gateway, ListenerSet,
 * Gateway API route and NetworkPolicy, read from the exposure model and the rules' findings.
 * Private.
 */
import { SOURCE_RANGES_ANNOTATION } from '../annotations';
import { ExposureScope } from '../exposure-scope';
import { PolicySummary, describeCertificate, describeListenerCertificates, describePolicy } from './reviewer';
import { BackendTlsPolicyInfo, RouteReach, attachedRoutes, gatewayExposure, gatewayTls, isGatewayRoute, routeReach } from '../model/gateway-model';
import { boundVirtualServices, istioGatewayTls } from '../model/istio-model';
import { ExposureModel, HttpEntryInfo, NetworkPolicyInfo, ObjectRef, ServiceInfo, acknowledgementsOf, serviceNamed, workloadsOf } from '../model/model';
import { Finding } from '../policy/engine';
import { PROVIDER_PREFIXES } from '../presets/keys';

/** Widest first: the order of the report's sections. */
export const SCOPE_ORDER: string[] = [ExposureScope.INTERNET, ExposureScope.VPC, ExposureScope.NODE, ExposureScope.EXTERNAL_DNS, ExposureScope.CLUSTER, 'isolation'];

/**
 * The section of ReferenceGrants (who may reference what across namespaces) and
 * BackendTLSPolicies (which Services a Gateway speaks TLS to): after every scope, and counted in
 * the summary only when the input has some, so that reports without them are as they were.
 */
export const REFERENCES = 'references';

/** The order rows are sorted in: the scopes, then the references. */
const ROW_ORDER = [...SCOPE_ORDER, REFERENCES];

export interface InventoryFinding {
  readonly rule: string;
  readonly severity: string;
  readonly message: string;
  readonly fix: string;
  readonly acknowledged?: string;
}

export interface InventoryItem {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  /** Service type, or the object kind for Ingress, Gateway API objects and NetworkPolicy. */
  readonly type: string;
  readonly scope: string;
  readonly ports: string[];
  /** CIDRs, `anywhere` (decided), or `unrestricted` (nothing said). */
  readonly sourceRanges: string[];
  readonly tls?: boolean;
  readonly hosts: string[];
  /** Ingress class, load balancer class, or the cloud provider the annotations are for. */
  readonly controller?: string;
  /**
   * For entries: the Services routed to. For Services: the workloads selected. For ExternalName:
   * the target. For Gateways and ListenerSets: the routes that attach (`HTTPRoute/name`).
   */
  readonly targets: string[];
  readonly construct?: string;
  readonly acknowledgements: Array<{ readonly rule: string; readonly reason: string }>;
  readonly findings: InventoryFinding[];
  /** The stage the object was judged at (its own, or the report's), if any. */
  readonly stage?: string;
  /** Ingress/HTTPRoute with TLS: where the certificate comes from, when the manifests say. */
  readonly certificate?: string;
  /** Ingress/HTTPRoute with TLS: what the certificate needs that the manifests do not define. */
  readonly certificateMissing?: string;
  /** NetworkPolicy: who may connect and where the pods may connect to. */
  readonly policy?: PolicySummary;
  /** Service: TLS from a Gateway to its pods (a BackendTLSPolicy), in words. */
  readonly backendTls?: string;
  /** Ingress whose tls covers some of its hosts only: which are covered and which are not, in words. */
  readonly tlsPartly?: string;
  /**
   * ReferenceGrant: who may reference (`HTTPRoute in namespace shop`). BackendTLSPolicy: what
   * speaks TLS to the Services (`the Gateway: host ..., CA ...`). Undefined on other rows.
   */
  readonly from?: string[];
}

export type { PolicySummary };

const PROVIDERS = PROVIDER_PREFIXES;

function providerOf(annotations: Record<string, string>): string | undefined {
  for (const key of Object.keys(annotations)) {
    const hit = PROVIDERS.find(([prefix]) => key.startsWith(prefix));
    if (hit) return hit[1];
  }
  return undefined;
}

/** The findings of each object, indexed once, so that the inventory stays linear. */
type FindingsByObject = Map<ObjectRef, Finding[]>;

function indexFindings(findings: Finding[]): FindingsByObject {
  const byObject: FindingsByObject = new Map();
  for (const f of findings) {
    const list = byObject.get(f.object);
    if (list) list.push(f); else byObject.set(f.object, [f]);
  }
  return byObject;
}

/** The findings of one row's object, taken out of the index: what is left belongs to objects without a row. */
function takeFindings(findings: FindingsByObject, ref: ObjectRef): Finding[] {
  const mine = findings.get(ref);
  if (mine === undefined) return NONE;
  findings.delete(ref);
  return mine;
}

/** `Kind/name` of each workload. */
function workloadNames(workloads: ReadonlyArray<{ kind: string; name: string }>): string[] {
  return workloads.length === 0 ? NONE : workloads.map(w => `${w.kind}/${w.name}`);
}

/** One shared empty list for the many rows that have nothing in a field (rows are read-only). */
const NONE: never[] = Object.freeze([]) as unknown as never[];

/** The fields of a row that depend on its kind. */
type ItemFields = Pick<InventoryItem, 'type' | 'scope' | 'ports' | 'sourceRanges' | 'tls' | 'hosts' | 'controller' | 'targets'>
  & Partial<Pick<InventoryItem, 'certificate' | 'certificateMissing' | 'policy' | 'backendTls' | 'tlsPartly' | 'from'>>;

/**
 * One row, every field written out in one order: rows built by spreading objects end up in V8's
 * slow dictionary mode, which made every later pass over 100,000 rows several times slower.
 */
function item(ref: ObjectRef, findings: FindingsByObject, fields: ItemFields, defaultStage: string | undefined): InventoryItem {
  const acks = acknowledgementsOf(ref);
  return {
    kind: ref.kind,
    name: ref.name,
    namespace: ref.namespace,
    type: fields.type,
    scope: fields.scope,
    ports: fields.ports,
    sourceRanges: fields.sourceRanges,
    tls: fields.tls,
    hosts: fields.hosts,
    controller: fields.controller,
    targets: fields.targets,
    construct: ref.origin.constructPath,
    acknowledgements: acks.size === 0 ? NONE : [...acks].map(([rule, reason]) => ({ rule, reason })).sort((a, b) => a.rule.localeCompare(b.rule)),
    findings: takeFindings(findings, ref).map(f => (f.acknowledged !== undefined
      ? { rule: f.ruleId, severity: f.severity, message: f.message, fix: f.fix, acknowledged: f.acknowledged }
      : { rule: f.ruleId, severity: f.severity, message: f.message, fix: f.fix })),
    stage: ref.origin.stage ?? defaultStage,
    certificate: fields.certificate,
    certificateMissing: fields.certificateMissing,
    policy: fields.policy,
    backendTls: fields.backendTls,
    tlsPartly: fields.tlsPartly,
    from: fields.from,
  };
}

/** Where a BackendTLSPolicy's trusted CA comes from, in words. */
function caOf(p: BackendTlsPolicyInfo, configMaps: ReadonlySet<string>): string {
  return p.wellKnownCa !== undefined ? `the ${p.wellKnownCa} trust store`
    : p.caConfigMaps.length === 0 ? 'no CA named'
      : p.caConfigMaps.map(name => `ConfigMap ${name}${configMaps.has(`${p.namespace}/${name}`) ? '' : ' (not defined here)'}`).join(', ');
}

/**
 * One row per ReferenceGrant (who, from which namespace, may reference what in its namespace)
 * and per BackendTLSPolicy (the Services a Gateway speaks TLS to, the host name it checks and
 * where the CA comes from); a target the manifests do not define is marked `(missing)`.
 */
function referenceItems(model: ExposureModel, findings: FindingsByObject, stage: string | undefined): InventoryItem[] {
  if (model.referenceGrants.length === 0 && model.backendTlsPolicies.length === 0) return [];
  const configMaps = new Set(model.others.filter(o => o.kind === 'ConfigMap').map(o => `${o.namespace}/${o.name}`));
  const grants = model.referenceGrants.map(g => item(g, findings, {
    type: 'ReferenceGrant',
    scope: REFERENCES,
    ports: NONE,
    sourceRanges: NONE,
    hosts: NONE,
    targets: g.to.map(t => `${t.group ? `${t.group}/` : ''}${t.kind}${t.name !== undefined ? `/${t.name}` : ' (any)'}`),
    from: g.from.map(f => `${f.kind} in namespace ${f.namespace}`),
  }, stage));
  const policies = model.backendTlsPolicies.map(p => item(p, findings, {
    type: 'BackendTLSPolicy',
    scope: REFERENCES,
    ports: NONE,
    sourceRanges: NONE,
    tls: true,
    hosts: p.hostname !== undefined ? [p.hostname] : NONE,
    targets: p.targets.map(t => `Service/${t.name}${t.sectionName !== undefined ? ` (port ${t.sectionName})` : ''}${serviceNamed(model, p.namespace, t.name) ? '' : ' (missing)'}`),
    from: [`the Gateway: host ${p.hostname ?? '(none)'}, CA ${caOf(p, configMaps)}`],
  }, stage));
  return [...grants, ...policies];
}

/** What each Service's BackendTLSPolicies say, by `namespace/name`, in words; empty when there are none. */
function backendTlsByService(model: ExposureModel): Map<string, string> {
  const out = new Map<string, string>();
  if (model.backendTlsPolicies.length === 0) return out;
  const configMaps = new Set(model.others.filter(o => o.kind === 'ConfigMap').map(o => `${o.namespace}/${o.name}`));
  for (const p of model.backendTlsPolicies) {
    const ca = caOf(p, configMaps);
    for (const t of p.targets) {
      const text = `TLS from the Gateway${t.sectionName !== undefined ? ` on port ${t.sectionName}` : ''} (BackendTLSPolicy ${p.name}: host ${p.hostname ?? '(none)'}, CA ${ca})`;
      const key = `${p.namespace}/${t.name}`;
      out.set(key, out.has(key) ? `${out.get(key)}; ${text}` : text);
    }
  }
  return out;
}

function serviceItem(model: ExposureModel, s: ServiceInfo, findings: FindingsByObject, stage: string | undefined,
  backendTls?: Map<string, string>): InventoryItem {
  const ranges = s.type !== 'LoadBalancer' ? NONE : s.sourceRanges.length > 0 ? s.sourceRanges
    : [s.annotations[SOURCE_RANGES_ANNOTATION] === 'anywhere' ? 'anywhere' : 'unrestricted'];
  return item(s, findings, {
    type: s.headless ? 'ClusterIP (headless)' : s.type,
    scope: s.exposure,
    ports: s.ports.map(p => (s.type === 'ExternalName' ? `${p.port}/${p.protocol}`
      : `${p.port}${p.nodePort !== undefined ? `:${p.nodePort}` : ''}→${p.targetPort}/${p.protocol}`)),
    sourceRanges: ranges,
    // spec.externalIPs: the addresses kube-proxy answers on, beside the ports.
    hosts: s.externalIPs.length === 0 ? NONE : s.externalIPs.map(ip => `externalIP ${ip}`),
    controller: s.loadBalancerClass ?? (s.type === 'LoadBalancer' ? providerOf(s.annotations) : undefined),
    targets: s.type === 'ExternalName' ? [s.externalName ?? ''] : workloadNames(workloadsOf(model, s)),
    backendTls: backendTls === undefined || backendTls.size === 0 ? undefined : backendTls.get(`${s.namespace}/${s.name}`),
  }, stage);
}

/** What takes an entry's traffic: a Gateway, a mesh (GAMMA), nothing, or the provider its annotations are for. */
function entryController(model: ExposureModel, e: HttpEntryInfo): string | undefined {
  if (isGatewayRoute(e)) {
    const reach = routeReach(model, e);
    if (reach === RouteReach.NOTHING) return e.parents.length === 0 ? 'attached to nothing (no parentRefs)' : `attached to nothing (no listener of ${e.parents.join(', ')} takes it)`;
    if (reach === RouteReach.MESH) return `mesh ${e.parents.join(', ')}`;
  }
  return e.parents.length > 0 ? `gateway ${e.parents.join(', ')}` : providerOf(e.annotations);
}

function entryItem(model: ExposureModel, e: HttpEntryInfo, findings: FindingsByObject, stage: string | undefined): InventoryItem {
  // A backend in another namespace (a Gateway API backendRef) is shown as `namespace/name`.
  const backends = [...new Set(e.routes.filter(r => r.serviceName !== undefined)
    .map(r => (r.serviceNamespace !== undefined && r.serviceNamespace !== e.namespace ? `${r.serviceNamespace}/${r.serviceName}` : r.serviceName!)))];
  const certificate = e.tls ? describeCertificate(model, e) : undefined;
  return item(e, findings, {
    type: e.kind,
    scope: e.exposure,
    ports: [],
    sourceRanges: [],
    // TCP and UDP routes carry no HTTP, so TLS does not apply to them.
    tls: e.kind === 'TCPRoute' || e.kind === 'UDPRoute' ? undefined : e.tls,
    // TCP and UDP routes have no host names: the listener they attach to (the controller column) says it all.
    hosts: e.kind === 'TCPRoute' || e.kind === 'UDPRoute' ? NONE : [...new Set(e.routes.map(r => `${r.host ?? '*'}${r.path}`))],
    controller: e.className ?? entryController(model, e),
    targets: backends.map(b => {
      const [namespace, name] = b.includes('/') ? b.split('/') : [e.namespace, b];
      return serviceNamed(model, namespace, name) || namespace !== e.namespace ? `Service/${b}` : `Service/${b} (missing)`;
    }),
    certificate: certificate?.source,
    certificateMissing: certificate?.missing,
    tlsPartly: tlsPartlyOf(e),
  }, stage);
}

/** An Ingress whose tls covers some hosts and not others: `TLS for a.example.com; **no** TLS for b.example.com`. */
function tlsPartlyOf(e: HttpEntryInfo): string | undefined {
  const uncovered = e.uncoveredHosts ?? [];
  if (e.tls || uncovered.length === 0 || e.tlsHosts.length === 0) return undefined;
  const hosts = [...new Set(e.routes.map(r => r.host).filter((h): h is string => h !== undefined && !uncovered.includes(h)))];
  return `TLS for ${hosts.length > 0 ? hosts.join(', ') : 'none of its hosts'}; **no** TLS for ${uncovered.join(', ')}`;
}

function policyItem(model: ExposureModel, p: NetworkPolicyInfo, findings: FindingsByObject, stage: string | undefined): InventoryItem {
  const policy = describePolicy(model, p);
  return item(p, findings, {
    type: 'NetworkPolicy',
    scope: 'isolation',
    ports: [],
    sourceRanges: [],
    hosts: [],
    targets: [`pods ${JSON.stringify(p.podSelector)}`],
    policy,
  }, stage);
}

/**
 * One row per Gateway and ListenerSet: its listeners as ports (`https 443/HTTPS`), their
 * hostnames, TLS and certificates, its GatewayClass (a ListenerSet: its parent Gateway), and
 * the routes that attach to it; a route its listeners refuse is marked `(not accepted)`.
 */
function gatewayItems(model: ExposureModel, findings: FindingsByObject, stage: string | undefined): InventoryItem[] {
  if (model.gateways.length === 0) return [];
  const routes = attachedRoutes(model);
  return model.gateways.map(g => {
    const tls = gatewayTls(g);
    const certificate = tls === true ? describeListenerCertificates(model, g) : undefined;
    const hostless = g.listeners.some(l => l.hostname === undefined && l.protocol !== 'TCP' && l.protocol !== 'UDP');
    return item(g, findings, {
      type: g.kind,
      scope: gatewayExposure(model, g),
      ports: g.listeners.map(l => `${l.name} ${l.port ?? '(no port)'}/${l.protocol}`),
      sourceRanges: [],
      tls,
      hosts: [...new Set([...g.listeners.map(l => l.hostname).filter((h): h is string => h !== undefined), ...(hostless ? ['*'] : [])])],
      // A parent without a namespace is named without a leading "/".
      controller: g.kind === 'ListenerSet' ? (g.parentGateway !== undefined ? `gateway ${g.parentGateway.replace(/^\//, '')}` : undefined) : g.gatewayClassName,
      targets: [...new Set((routes.get(g) ?? []).map(({ route, accepted }) => `${route.kind}/${route.namespace !== g.namespace && route.namespace ? `${route.namespace}/` : ''}${route.name}${accepted ? '' : ' (not accepted)'}`))],
      certificate: certificate?.source,
      certificateMissing: certificate?.missing,
    }, stage);
  });
}

/**
 * One row per Istio Gateway: its servers as ports (`http 80/HTTP`, with the TLS mode or the
 * redirect), their hosts, TLS, the proxies it configures, and the VirtualServices bound to it.
 */
function istioGatewayItems(model: ExposureModel, findings: FindingsByObject, stage: string | undefined): InventoryItem[] {
  return (model.istioGateways ?? []).map(g => item(g, findings, {
    type: 'Gateway (Istio)',
    // Its proxies' Service is rarely in the same YAML: reachable from the internet unless shown otherwise.
    scope: ExposureScope.INTERNET,
    ports: g.servers.map(s => `${s.name !== undefined ? `${s.name} ` : ''}${s.port ?? '(no port)'}/${s.protocol}${s.tlsMode !== undefined ? ` ${s.tlsMode}` : s.httpsRedirect ? ' httpsRedirect' : ''}`),
    sourceRanges: [],
    tls: istioGatewayTls(g),
    hosts: [...new Set(g.servers.flatMap(s => s.hosts))],
    controller: Object.keys(g.selector).length > 0 ? `istio ${Object.entries(g.selector).map(([k, v]) => `${k}=${v}`).join(',')}` : 'istio',
    targets: boundVirtualServices(model, g).map(v => `VirtualService/${v.namespace !== g.namespace && v.namespace ? `${v.namespace}/` : ''}${v.name}`),
  }, stage));
}

/**
 * The inventory, most exposed first, then by namespace, kind and name: the same input gives the
 * same output. `withoutRow`, when given, receives the findings on objects that have no row
 * (a workload's probe, a ConfigMap written twice), in rule order.
 */
export function inventoryOf(model: ExposureModel, allFindings: Finding[], defaultStage?: string, withoutRow?: Finding[]): InventoryItem[] {
  const findings = indexFindings(allFindings);
  const backendTls = backendTlsByService(model);
  const items: InventoryItem[] = [
    ...model.entries.map(e => entryItem(model, e, findings, defaultStage)),
    ...model.services.map(s => serviceItem(model, s, findings, defaultStage, backendTls)),
    // Pods on the host network or with host ports: reachable on the node's IP, like a NodePort.
    ...model.workloads.filter(w => w.hostNetwork || w.hostPorts.length > 0).map(w => item(w, findings, {
      type: w.hostNetwork ? 'hostNetwork' : 'hostPort',
      scope: ExposureScope.NODE,
      ports: w.hostNetwork ? ['every port the pods open'] : w.hostPorts,
      sourceRanges: [],
      hosts: [],
      targets: [],
    }, defaultStage)),
    ...model.networkPolicies.map(p => policyItem(model, p, findings, defaultStage)),
    ...gatewayItems(model, findings, defaultStage),
    ...istioGatewayItems(model, findings, defaultStage),
    ...referenceItems(model, findings, defaultStage),
  ];
  // Sorted by one key per item (scope rank, namespace, kind, name, compared by code point), built
  // once: a comparator that calls localeCompare three times per comparison dominated the report
  // of 100,000 objects (bench/README.md).
  const keyed = items.map(row => ({ item: row, key: `${ROW_ORDER.indexOf(row.scope)}\u0000${row.namespace}\u0000${row.kind}\u0000${row.name}` }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  if (withoutRow !== undefined && findings.size > 0) {
    for (const f of allFindings) if (findings.has(f.object)) withoutRow.push(f);
  }
  return keyed.map(k => k.item);
}
