/**
 * The inventory behind every report: one row per Service, Ingress, HTTPRoute and
 * NetworkPolicy, read from the exposure model and the rules' findings. Private.
 */
import { SOURCE_RANGES_ANNOTATION } from '../annotations';
import { ExposureScope } from '../exposure-scope';
import { ExposureModel, HttpEntryInfo, ObjectRef, ServiceInfo, acknowledgementsOf, serviceNamed, workloadsOf } from '../model/model';
import { Finding } from '../policy/engine';
import { PROVIDER_PREFIXES } from '../presets/keys';

/** Widest first: the order of the report's sections. */
export const SCOPE_ORDER: string[] = [ExposureScope.INTERNET, ExposureScope.VPC, ExposureScope.NODE, ExposureScope.EXTERNAL_DNS, ExposureScope.CLUSTER, 'isolation'];

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
  /** Service type, or the object kind for Ingress, HTTPRoute and NetworkPolicy. */
  readonly type: string;
  readonly scope: string;
  readonly ports: string[];
  /** CIDRs, `anywhere` (decided), or `unrestricted` (nothing said). */
  readonly sourceRanges: string[];
  readonly tls?: boolean;
  readonly hosts: string[];
  /** Ingress class, load balancer class, or the cloud provider the annotations are for. */
  readonly controller?: string;
  /** For entries: the Services routed to. For Services: the workloads selected. For ExternalName: the target. */
  readonly targets: string[];
  readonly construct?: string;
  readonly acknowledgements: Array<{ readonly rule: string; readonly reason: string }>;
  readonly findings: InventoryFinding[];
}

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

/** The fields of a row that depend on its kind. */
type ItemFields = Pick<InventoryItem, 'type' | 'scope' | 'ports' | 'sourceRanges' | 'tls' | 'hosts' | 'controller' | 'targets'>;

/**
 * One row, every field written out in one order: rows built by spreading objects end up in V8's
 * slow dictionary mode, which made every later pass over 100,000 rows several times slower.
 */
function item(ref: ObjectRef, findings: FindingsByObject, fields: ItemFields): InventoryItem {
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
    acknowledgements: acks.size === 0 ? [] : [...acks].map(([rule, reason]) => ({ rule, reason })).sort((a, b) => a.rule.localeCompare(b.rule)),
    findings: (findings.get(ref) ?? []).map(f => (f.acknowledged !== undefined
      ? { rule: f.ruleId, severity: f.severity, message: f.message, fix: f.fix, acknowledged: f.acknowledged }
      : { rule: f.ruleId, severity: f.severity, message: f.message, fix: f.fix })),
  };
}

function serviceItem(model: ExposureModel, s: ServiceInfo, findings: FindingsByObject): InventoryItem {
  const ranges = s.type !== 'LoadBalancer' ? [] : s.sourceRanges.length > 0 ? [...s.sourceRanges]
    : [s.annotations[SOURCE_RANGES_ANNOTATION] === 'anywhere' ? 'anywhere' : 'unrestricted'];
  return item(s, findings, {
    type: s.headless ? 'ClusterIP (headless)' : s.type,
    scope: s.exposure,
    ports: s.ports.map(p => (s.type === 'ExternalName' ? `${p.port}/${p.protocol}`
      : `${p.port}${p.nodePort !== undefined ? `:${p.nodePort}` : ''}→${p.targetPort}/${p.protocol}`)),
    sourceRanges: ranges,
    hosts: [],
    controller: s.loadBalancerClass ?? (s.type === 'LoadBalancer' ? providerOf(s.annotations) : undefined),
    targets: s.type === 'ExternalName' ? [s.externalName ?? ''] : workloadsOf(model, s).map(w => `${w.kind}/${w.name}`),
  });
}

function entryItem(model: ExposureModel, e: HttpEntryInfo, findings: FindingsByObject): InventoryItem {
  const backends = [...new Set(e.routes.map(r => r.serviceName).filter((n): n is string => n !== undefined))];
  return item(e, findings, {
    type: e.kind,
    scope: e.exposure,
    ports: [],
    sourceRanges: [],
    tls: e.tls,
    hosts: [...new Set(e.routes.map(r => `${r.host ?? '*'}${r.path}`))],
    controller: e.className ?? (e.parents.length > 0 ? `gateway ${e.parents.join(', ')}` : providerOf(e.annotations)),
    targets: backends.map(b => (serviceNamed(model, e.namespace, b) ? `Service/${b}` : `Service/${b} (missing)`)),
  });
}

/** The inventory, most exposed first, then by namespace, kind and name: the same input gives the same output. */
export function inventoryOf(model: ExposureModel, allFindings: Finding[]): InventoryItem[] {
  const findings = indexFindings(allFindings);
  const items: InventoryItem[] = [
    ...model.entries.map(e => entryItem(model, e, findings)),
    ...model.services.map(s => serviceItem(model, s, findings)),
    // Pods on the host network or with host ports: reachable on the node's IP, like a NodePort.
    ...model.workloads.filter(w => w.hostNetwork || w.hostPorts.length > 0).map(w => item(w, findings, {
      type: w.hostNetwork ? 'hostNetwork' : 'hostPort',
      scope: ExposureScope.NODE,
      ports: w.hostNetwork ? ['every port the pods open'] : w.hostPorts,
      sourceRanges: [],
      hosts: [],
      targets: [],
    })),
    ...model.networkPolicies.map(p => item(p, findings, {
      type: 'NetworkPolicy',
      scope: 'isolation',
      ports: [],
      sourceRanges: [],
      hosts: [],
      targets: [`pods ${JSON.stringify(p.podSelector)}`],
    })),
  ];
  // Sorted by one key per item (scope rank, namespace, kind, name, compared by code point), built
  // once: a comparator that calls localeCompare three times per comparison dominated the report
  // of 100,000 objects (bench/README.md).
  const keyed = items.map(row => ({ item: row, key: `${SCOPE_ORDER.indexOf(row.scope)}\u0000${row.namespace}\u0000${row.kind}\u0000${row.name}` }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map(k => k.item);
}
