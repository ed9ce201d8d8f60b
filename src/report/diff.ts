import { InventoryItem, PolicySummary } from './inventory';
import { ExposureScope } from '../exposure-scope';
import { FieldLocator } from '../yaml/locate';

/** How far an exposure scope reaches; a higher number is wider. */
const REACH: Record<string, number> = {
  [ExposureScope.INTERNET]: 4,
  [ExposureScope.VPC]: 3,
  [ExposureScope.NODE]: 2,
  [ExposureScope.CLUSTER]: 1,
  [ExposureScope.EXTERNAL_DNS]: 1,
  isolation: 0,
  references: 0,
};
const OUTSIDE = REACH[ExposureScope.NODE];

/** One object's change, as a reviewer reads it. */
export interface ExposureChange {
  /** `Service shop/web`. */
  readonly object: string;
  /** The scope after the change (before, for an object removed). */
  readonly scope: string;
  /** What changed, one sentence each. */
  readonly changes: string[];
  /** The side the object is read from: `after`, or `before` for an object removed. */
  readonly side?: 'before' | 'after';
  /** Its construct path, when known. */
  readonly construct?: string;
  /** Where it is in its file (the side's), with the line of the field that changed when known. */
  readonly location?: ChangeLocation;
}

/** Where a changed object is: its file, document and line, and the field that changed. */
export interface ChangeLocation {
  readonly file: string;
  readonly document?: number;
  readonly line?: number;
  readonly field?: string;
  readonly fieldLine?: number;
}

/** The fields a change is about, by the start of its sentence (the first found wins). */
const CHANGE_FIELDS: Array<[RegExp, string[]]> = [
  [/^scope /, ['spec.type', 'metadata.annotations', 'spec.listeners']],
  [/^ports? /, ['spec.ports', 'spec.listeners']],
  [/^hosts? /, ['spec.rules', 'spec.hostnames', 'spec.listeners']],
  [/^source ranges? /, ['spec.loadBalancerSourceRanges', 'spec.type']],
  [/^TLS /, ['spec.tls', 'spec.listeners', 'spec.rules']],
  [/^acknowledged/, ['metadata.annotations']],
  [/^(ingress|egress) |^admits |^may connect|^no longer|^may no longer/, ['spec.ingress', 'spec.egress', 'spec.policyTypes']],
];

/** Each change's location: the documents of the changed objects are read again, each once. */
function locateChanges(changes: Array<{ change: ExposureChange; item: InventoryItem }>): ExposureChange[] {
  const locator = new FieldLocator();
  return changes.map(({ change, item }) => {
    const origin = item.origin;
    if (origin.file === undefined) return change;
    const fields = CHANGE_FIELDS.find(([pattern]) => pattern.test(change.changes[0] ?? ''))?.[1] ?? [];
    const found = origin.span !== undefined && fields.length > 0 ? locator.locate(origin.span, [fields])[0] : undefined;
    return {
      ...change,
      location: {
        file: origin.file,
        document: origin.documentIndex !== undefined ? origin.documentIndex + 1 : undefined,
        line: origin.line,
        field: found?.fieldLine !== undefined ? found.field : undefined,
        fieldLine: found?.fieldLine,
      },
    };
  });
}

/** What a change of the manifests does to exposure. Private to the library; `ExposureDiff` shows it. */
export interface DiffResult {
  readonly widened: ExposureChange[];
  readonly narrowed: ExposureChange[];
  readonly unchanged: number;
}

const keyOf = (i: InventoryItem) => `${i.kind} ${i.namespace ? `${i.namespace}/` : ''}${i.name}`;
const added = (before: string[], after: string[]) => after.filter(x => !before.includes(x));

/**
 * Compares two inventories object by object (kind, namespace, name): what became reachable
 * from a wider scope (a new object outside the cluster, a scope widened, a port or host added
 * to something reachable from outside, source ranges widened, an acknowledgement added), what
 * narrowed, and how many objects did not change.
 */
export function diffInventories(before: InventoryItem[], after: InventoryItem[]): DiffResult {
  const old = new Map(before.map(i => [keyOf(i), i]));
  const now = new Map(after.map(i => [keyOf(i), i]));
  const widened: Array<{ change: ExposureChange; item: InventoryItem }> = [];
  const narrowed: Array<{ change: ExposureChange; item: InventoryItem }> = [];
  const on = (item: InventoryItem, side: 'before' | 'after', change: { object: string; scope: string; changes: string[] }) => ({
    change: { object: change.object, scope: change.scope, changes: change.changes, side, construct: item.origin.constructPath },
    item,
  });
  let unchanged = 0;
  for (const [key, a] of now) {
    const b = old.get(key);
    if (!b) {
      if (a.kind === 'ReferenceGrant' && a.from !== undefined) {
        // A grant lets routes of other namespaces reach into this one.
        widened.push(on(a, 'after', { object: key, scope: a.scope, changes: [`new grant: ${a.from.join(', ')} may reference ${a.targets.join(', ')}`] }));
        continue;
      }
      if (a.kind === 'BackendTLSPolicy') {
        narrowed.push(on(a, 'after', { object: key, scope: a.scope, changes: [`new: the Gateway speaks TLS to ${a.targets.join(', ')}`] }));
        continue;
      }
      if (a.policy !== undefined) {
        narrowed.push(on(a, 'after', { object: key, scope: a.scope, changes: [`new NetworkPolicy: ${a.policy.pods} now ${isolationText(a.policy)}`] }));
        continue;
      }
      const change = { object: key, scope: a.scope, changes: [`new, reachable from ${a.scope}${a.ports.length ? ` on ${a.ports.join(', ')}` : ''}${a.hosts.length ? ` for ${a.hosts.join(', ')}` : ''}`] };
      (REACH[a.scope] >= OUTSIDE ? widened : narrowed).push(on(a, 'after', change));
      continue;
    }
    const wider: string[] = [];
    const narrower: string[] = [];
    if (REACH[a.scope] > REACH[b.scope]) wider.push(`scope widened from ${b.scope} to ${a.scope}`);
    if (REACH[a.scope] < REACH[b.scope]) narrower.push(`scope narrowed from ${b.scope} to ${a.scope}`);
    const outside = REACH[a.scope] >= OUTSIDE;
    for (const [what, x, y] of [['port', b.ports, a.ports], ['host', b.hosts, a.hosts], ['source range', b.sourceRanges, a.sourceRanges]] as const) {
      const plus = added(x, y);
      const minus = added(y, x);
      if (plus.length) (outside ? wider : narrower).push(`${what}${plus.length > 1 ? 's' : ''} added: ${plus.join(', ')}`);
      if (minus.length) narrower.push(`${what}${minus.length > 1 ? 's' : ''} removed: ${minus.join(', ')}`);
    }
    if (b.tls === true && a.tls === false) wider.push('TLS removed');
    if (b.tls === false && a.tls === true) narrower.push('TLS added');
    if (a.policy !== undefined || b.policy !== undefined) policyChanges(b.policy, a.policy, wider, narrower);
    if (a.kind === 'ReferenceGrant') {
      // More peers or more targets widen what may be referenced; fewer narrow it.
      for (const [what, x, y] of [['may reference', b.targets, a.targets], ['granted to', b.from ?? [], a.from ?? []]] as const) {
        if (added(x, y).length) wider.push(`${what} ${added(x, y).join(', ')}`);
        if (added(y, x).length) narrower.push(`no longer ${what} ${added(y, x).join(', ')}`);
      }
    }
    const acks = added(b.acknowledgements.map(x => `${x.rule} (${x.reason})`), a.acknowledgements.map(x => `${x.rule} (${x.reason})`));
    if (acks.length) wider.push(`acknowledged: ${acks.join(', ')}`);
    if (wider.length) widened.push(on(a, 'after', { object: key, scope: a.scope, changes: wider }));
    if (narrower.length) narrowed.push(on(a, 'after', { object: key, scope: a.scope, changes: narrower }));
    if (!wider.length && !narrower.length) unchanged++;
  }
  for (const [key, b] of old) {
    if (now.has(key)) continue;
    // A NetworkPolicy removed opens up what it restricted.
    if (b.policy !== undefined) widened.push(on(b, 'before', { object: key, scope: b.scope, changes: [`removed: ${b.policy.pods} no longer ${isolationText(b.policy)}`] }));
    else if (b.kind === 'BackendTLSPolicy') widened.push(on(b, 'before', { object: key, scope: b.scope, changes: [`removed: the Gateway no longer speaks TLS to ${b.targets.join(', ')}`] }));
    else if (b.kind === 'ReferenceGrant') narrowed.push(on(b, 'before', { object: key, scope: b.scope, changes: ['removed: the grant no longer applies'] }));
    else narrowed.push(on(b, 'before', { object: key, scope: b.scope, changes: [`removed (was reachable from ${b.scope})`] }));
  }
  const order = ({ change: x }: { change: ExposureChange }, { change: y }: { change: ExposureChange }) =>
    REACH[y.scope] - REACH[x.scope] || (x.object < y.object ? -1 : x.object > y.object ? 1 : 0);
  return { widened: locateChanges(widened.sort(order)), narrowed: locateChanges(narrowed.sort(order)), unchanged };
}

/** What a NetworkPolicy restricts, for a change's sentence. */
function isolationText(policy: PolicySummary): string {
  const parts = [
    ...(policy.admits !== undefined ? [`admit only ${policy.admits.join(', ')}`] : []),
    ...(policy.allowsTo !== undefined ? [`may connect only to ${policy.allowsTo.join(', ')}`] : []),
  ];
  return parts.length > 0 ? parts.join('; ') : 'restricted';
}

/**
 * A NetworkPolicy's change: a direction no longer restricted, or a peer newly admitted, widens;
 * a direction newly restricted, or a peer no longer admitted, narrows.
 */
function policyChanges(before: PolicySummary | undefined, after: PolicySummary | undefined, wider: string[], narrower: string[]): void {
  for (const [direction, b, a] of [['ingress', before?.admits, after?.admits], ['egress', before?.allowsTo, after?.allowsTo]] as const) {
    if (b !== undefined && a === undefined) wider.push(`${direction} no longer restricted`);
    if (b === undefined && a !== undefined) narrower.push(`${direction} now restricted to ${a.join(', ')}`);
    if (b === undefined || a === undefined) continue;
    const plus = added(b, a).filter(x => x !== 'nobody');
    const minus = added(a, b).filter(x => x !== 'nobody');
    if (plus.length) wider.push(`${direction === 'ingress' ? 'admits' : 'may connect to'} ${plus.join(', ')}`);
    if (minus.length) narrower.push(`${direction === 'ingress' ? 'no longer admits' : 'may no longer connect to'} ${minus.join(', ')}`);
  }
}
