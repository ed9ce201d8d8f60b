/**
 * The exposure report's Mermaid flowchart, drawn from the inventory rows. Private.
 *
 * Top to bottom, one subgraph per namespace; each group of connected objects has its own Internet,
 * VPC or Node IPs entry node, and the groups are stacked, so the picture grows in height, not in
 * width, and stays readable at a pull-request comment's width.
 * Every node is labelled with its kind and `namespace/name`; an object only referenced (a route's
 * backend, a ListenerSet's Gateway) is marked `(not in the YAML)`; an object in the input more
 * than once is drawn once and marked; no edge is written twice.
 */
import { InventoryItem, PolicySummary, REFERENCES } from './inventory';
import { ROUTE_KINDS } from '../model/gateway-model';

/** How much of a diagram to draw. */
export interface MermaidLimits {
  /** The most characters of diagram text. */
  readonly maxChars: number;
  /** The most edges (invisible ones included). */
  readonly maxEdges: number;
}

/** A drawn diagram, and what was left out to stay within the limits. */
export interface MermaidDiagram {
  readonly text: string;
  readonly edges: number;
  /** Rows drawn with their edges (the first rows of the inventory, most exposed first). */
  readonly drawn: number;
  /** The rows that were not drawn (empty when the whole inventory is drawn). */
  readonly leftOut: InventoryItem[];
}

/**
 * Mermaid's own limits, which GitHub and GitLab render with: `maxTextSize` 50,000 characters and
 * `maxEdges` 500 (mermaid-js/mermaid packages/mermaid/src/schemas/config.schema.yaml; both are
 * "secure" keys a diagram cannot raise), and 280 edges in Mermaid 10.6 (mermaid-js/mermaid#5042).
 * The Markdown report keeps its diagram within these, with room to spare.
 */
export const MARKDOWN_DIAGRAM_LIMITS: MermaidLimits = { maxChars: 40_000, maxEdges: 280 };

const SOURCES: Record<string, string> = { internet: 'Internet', vpc: 'VPC', node: 'Node IPs' };

/** `namespace/name`, or the name alone when there is no namespace. */
export function qualified(namespace: string, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

/** A label in quotes, as Mermaid reads it: `"` written as an entity, backticks dropped (they would start Markdown). */
function quote(lines: string[]): string {
  return `"${lines.filter(l => l !== '').join('<br/>').replace(/"/g, '#quot;').replace(/`/g, '')}"`;
}

interface DiagramNode {
  readonly id: string;
  readonly namespace: string;
  kind: string;
  name: string;
  /** Mermaid's brackets around the label: `[`, `]` for a box, and so on. */
  open: string;
  close: string;
  details: string[];
  /** Drawn from a row of the inventory (or a workload the rows name), not only referenced. */
  inYaml: boolean;
  /** Rows with this kind, namespace and name (a duplicate in the input has more than one). */
  copies: number;
  /** A peer in words or a DNS name: not an object, labelled with its text alone. */
  plain?: boolean;
}

const SHAPES: Record<string, [string, string]> = {
  entry: ['[/', '/]'],
  gateway: ['[/', '\\]'],
  service: ['[', ']'],
  alias: ['>', ']'],
  workload: ['[[', ']]'],
  policy: ['{{', '}}'],
  peer: ['([', '])'],
  note: ['>', ']'],
};

/** An edge between two nodes; `from` undefined: from the entry (Internet, VPC, Node IPs) of `scope`. */
interface DiagramEdge {
  readonly from?: DiagramNode;
  readonly scope?: string;
  readonly to: DiagramNode;
  readonly arrow: string;
  readonly label?: string;
}

/** The layout's settings, for a picture that stays readable at a pull-request comment's width (about 800 px). */
const INIT = '%%{init: {"flowchart": {"nodeSpacing": 16, "rankSpacing": 30, "wrappingWidth": 120}}}%%';

/**
 * Builds one diagram. Nodes are declared after every row is read, so that an object referenced
 * before its own row (a workload on the host network that a Service also selects) is one node.
 *
 * The layout: each group of connected objects (a load balancer and its workloads, a Gateway and
 * its routes) has its own Internet, VPC or Node IPs entry node, and the groups are stacked from
 * top to bottom by invisible links, inside one subgraph per namespace. Left alone, Mermaid (dagre)
 * puts unconnected groups side by side, and one Internet node for all of them fans out across
 * the whole width.
 */
class Diagram {
  private readonly nodes = new Map<string, DiagramNode>();
  private readonly edges = new Map<string, DiagramEdge>();
  /** Subgraph ids by namespace, in the order each namespace was first drawn. */
  private readonly groups = new Map<string, string>();
  private written?: { text: string; edges: number };

  /**
   * @param rowKeys the key of every row of the whole inventory (drawn or not): what is in the YAML
   */
  constructor(private readonly rowKeys: ReadonlyMap<string, number>) {}

  /**
   * The node of an object, made on first use. `known`: the object is in the YAML even without a
   * row (a workload the rows name); `plain`: not an object (a peer in words, a DNS name).
   */
  public node(kind: string, namespace: string, name: string, shape: string, options: { known?: boolean; plain?: boolean } = {}): DiagramNode {
    const plain = options.plain === true;
    const key = `${kind}|${namespace}|${name}`;
    let node = this.nodes.get(key);
    if (node === undefined) {
      const [open, close] = SHAPES[shape];
      this.group(namespace);
      node = { id: `n${this.nodes.size}`, namespace, kind, name, open, close, details: [], inYaml: plain || options.known === true || this.rowKeys.has(key), copies: 0, plain };
      this.nodes.set(key, node);
    }
    return node;
  }

  /** An edge, once: the same edge drawn again is not repeated. */
  public edge(from: DiagramNode, to: DiagramNode, arrow = '-->', label?: string): void {
    const key = `${from.id} ${arrow} ${label ?? ''} ${to.id}`;
    if (!this.edges.has(key)) this.edges.set(key, { from, to, arrow, label });
  }

  /** An edge from the Internet, VPC or Node IPs. */
  public entry(scope: string, to: DiagramNode): void {
    const key = `${scope} ${to.id}`;
    if (!this.edges.has(key)) this.edges.set(key, { scope, to, arrow: '-->' });
  }

  /** Marks the objects that are in the input more than once, with their number of copies. */
  public setCopies(copies: Map<string, number>): void {
    for (const [key, node] of this.nodes) node.copies = copies.get(key) ?? 0;
  }

  /** Edges of the text, the invisible ones included (Mermaid counts them against maxEdges). */
  public get edgeCount(): number {
    return this.write().edges;
  }

  public text(): string {
    return this.write().text;
  }

  private write(): { text: string; edges: number } {
    if (this.written !== undefined) return this.written;
    const nodes = [...this.nodes.values()];
    const edges = [...this.edges.values()];
    // Groups of connected objects (union-find over the edges between objects).
    const parent = new Map<DiagramNode, DiagramNode>(nodes.map(n => [n, n]));
    const find = (n: DiagramNode): DiagramNode => {
      let root = n;
      while (parent.get(root) !== root) root = parent.get(root)!;
      parent.set(n, root);
      return root;
    };
    for (const e of edges) if (e.from !== undefined) parent.set(find(e.from), find(e.to));
    // One entry node per group, namespace and scope.
    const entries = new Map<string, { id: string; scope: string; namespace: string; root: DiagramNode }>();
    const entryOf = (e: DiagramEdge) => {
      const key = `${find(e.to).id} ${e.to.namespace} ${e.scope}`;
      let entry = entries.get(key);
      if (entry === undefined) {
        entry = { id: `e${entries.size}`, scope: e.scope!, namespace: e.to.namespace, root: find(e.to) };
        entries.set(key, entry);
      }
      return entry;
    };
    const edgeLines = edges.map(e => `  ${e.from !== undefined ? e.from.id : entryOf(e).id} ${e.arrow}${e.label !== undefined ? `|${e.label}|` : ''} ${e.to.id}`);
    // The groups in the order of their namespace, then of their first node; each stacked below the last.
    const order = [...this.groups.keys()];
    const members = new Map<DiagramNode, DiagramNode[]>();
    for (const n of nodes) {
      const root = find(n);
      const list = members.get(root);
      if (list) list.push(n); else members.set(root, [n]);
    }
    const rank = new Map(order.map((namespace, index) => [namespace, index]));
    const components = [...members.values()].sort((a, b) => rank.get(a[0].namespace)! - rank.get(b[0].namespace)!);
    const firstEntry = new Map<DiagramNode, string>();
    for (const e of entries.values()) if (!firstEntry.has(e.root)) firstEntry.set(e.root, e.id);
    const stacking: string[] = [];
    const depth = depths(nodes, edges);
    for (let c = 1; c < components.length; c++) {
      // From every node of the bottom row above, so that the next group is centred below it, not shifted to one side.
      const above = components[c - 1];
      const bottom = Math.max(...above.map(n => depth.get(n)!));
      const below = components[c];
      const top = firstEntry.get(find(below[0]))
        ?? below.reduce((highest, n) => (depth.get(n)! < depth.get(highest)! ? n : highest)).id;
      for (const n of above) if (depth.get(n) === bottom) stacking.push(`  ${n.id} ~~~ ${top}`);
    }
    const lines = [INIT, 'flowchart TB'];
    for (const namespace of order) {
      lines.push(`  subgraph ${this.groups.get(namespace)}[${quote([namespace ? `namespace ${namespace}` : 'no namespace'])}]`);
      for (const entry of entries.values()) {
        if (entry.namespace === namespace) lines.push(`    ${entry.id}((${quote([SOURCES[entry.scope]])}))`);
      }
      for (const node of nodes) {
        if (node.namespace === namespace) lines.push(`    ${node.id}${node.open}${quote(this.label(node))}${node.close}`);
      }
      lines.push('  end');
    }
    lines.push(...edgeLines, ...stacking);
    this.written = { text: `${lines.join('\n')}\n`, edges: edgeLines.length + stacking.length };
    return this.written;
  }

  private label(node: DiagramNode): string[] {
    if (node.plain) return [node.name, ...node.details];
    const title = node.inYaml ? node.kind : `${node.kind} (not in the YAML)`;
    const copies = node.copies > 1 ? `in the YAML ${node.copies} times` : '';
    return [title, qualified(node.namespace, node.name), ...node.details, copies];
  }

  /** The subgraph of a namespace, made when the namespace is first drawn. */
  private group(namespace: string): string {
    let id = this.groups.get(namespace);
    if (id === undefined) {
      id = `g${this.groups.size}`;
      this.groups.set(namespace, id);
    }
    return id;
  }
}

/**
 * How far down each node is drawn: the longest path to it over the edges (an edge that closes a
 * cycle is not followed), so that the next group is stacked below the deepest node.
 */
function depths(nodes: DiagramNode[], edges: DiagramEdge[]): Map<DiagramNode, number> {
  const out = new Map<DiagramNode, DiagramNode[]>();
  const incoming = new Map<DiagramNode, number>(nodes.map(n => [n, 0]));
  for (const e of edges) {
    if (e.from === undefined) continue;
    const list = out.get(e.from);
    if (list) list.push(e.to); else out.set(e.from, [e.to]);
    incoming.set(e.to, incoming.get(e.to)! + 1);
  }
  const depth = new Map<DiagramNode, number>(nodes.map(n => [n, 0]));
  // Kahn's order; what a cycle leaves unvisited keeps the depth reached so far.
  const queue = nodes.filter(n => incoming.get(n) === 0);
  for (let at = 0; at < queue.length; at++) {
    const n = queue[at];
    for (const next of out.get(n) ?? []) {
      depth.set(next, Math.max(depth.get(next)!, depth.get(n)! + 1));
      incoming.set(next, incoming.get(next)! - 1);
      if (incoming.get(next) === 0) queue.push(next);
    }
  }
  return depth;
}

/** The key of a row: kind, namespace and name. */
function rowKey(i: InventoryItem): string {
  return `${i.kind}|${i.namespace}|${i.name}`;
}

/** `Kind/name` or `Kind/namespace/name` (a target in another namespace), read in a namespace. */
function targetRef(target: string, namespace: string): { kind: string; namespace: string; name: string; notAccepted: boolean } {
  const notAccepted = target.endsWith(' (not accepted)');
  const [kind, ...rest] = target.replace(/ \((not accepted|missing)\)$/, '').split('/');
  return rest.length > 1 ? { kind, namespace: rest[0], name: rest.slice(1).join('/'), notAccepted } : { kind, namespace, name: rest[0], notAccepted };
}

/** `namespace/name` of a Gateway (a ListenerSet's controller reads `gateway ns/name`; an empty namespace leaves `/name`). */
function gatewayRef(controller: string): { namespace: string; name: string } {
  const text = controller.replace(/^gateway /, '');
  const at = text.indexOf('/');
  return at < 0 ? { namespace: '', name: text } : { namespace: text.slice(0, at), name: text.slice(at + 1) };
}

function tlsText(i: InventoryItem): string {
  if (i.tls !== true) return '';
  return i.certificate !== undefined ? '(TLS)' : `(TLS: ${i.certificateMissing ?? 'certificate not defined here'})`;
}

/** What every drawing of one inventory shares, computed once. */
interface DrawContext {
  /** The key of every row of the whole inventory (drawn or not): what is in the YAML. */
  readonly rowKeys: ReadonlyMap<string, number>;
  /** Routes and ListenerSets reached through a Gateway (or ListenerSet) in the YAML: no entry edge of their own. */
  readonly fronted: Set<string>;
  /** Rows per key: more than one for a duplicate in the input. */
  readonly copies: Map<string, number>;
}

function contextOf(known: InventoryItem[]): DrawContext {
  const copies = new Map<string, number>();
  for (const i of known) {
    const key = rowKey(i);
    copies.set(key, (copies.get(key) ?? 0) + 1);
  }
  const rowKeys = copies;
  const fronted = new Set<string>();
  for (const i of known) {
    if (i.kind !== 'Gateway' && i.kind !== 'ListenerSet') continue;
    for (const t of i.targets) {
      const ref = targetRef(t, i.namespace);
      if (!ref.notAccepted) fronted.add(`${ref.kind}|${ref.namespace}|${ref.name}`);
    }
    if (i.kind === 'ListenerSet' && i.controller !== undefined) {
      const parent = gatewayRef(i.controller);
      if (rowKeys.has(`Gateway|${parent.namespace}|${parent.name}`)) fronted.add(rowKey(i));
    }
  }
  return { rowKeys, fronted, copies };
}

/** Draws rows [0, count) of the inventory. */
function draw(items: InventoryItem[], count: number, context: DrawContext): Diagram {
  const diagram = new Diagram(context.rowKeys);
  const fronted = context.fronted;
  const workload = (namespace: string, kindAndName: string) => {
    const at = kindAndName.indexOf('/');
    // The workloads a Service or NetworkPolicy selects are the model's: in the YAML.
    return diagram.node(kindAndName.slice(0, at), namespace, kindAndName.slice(at + 1), 'workload', { known: true });
  };
  const done = new Set<string>();
  for (let index = 0; index < count; index++) {
    const i = items[index];
    const key = rowKey(i);
    if (done.has(key)) {
      // A duplicate in the input: drawn once, marked with its number of copies.
      continue;
    }
    done.add(key);
    const ns = i.namespace;
    if (i.kind === 'NetworkPolicy') {
      if (i.policy !== undefined) drawPolicy(diagram, i, i.policy, workload);
      continue;
    }
    if (i.scope === REFERENCES) {
      // A ReferenceGrant or BackendTLSPolicy: a note; a BackendTLSPolicy points at the Services it covers.
      const note = diagram.node(i.kind, ns, i.name, 'note');
      note.details = i.from ?? [];
      if (i.kind === 'BackendTLSPolicy') {
        for (const t of i.targets) {
          const ref = targetRef(t.replace(/ \(.*\)$/, ''), ns);
          diagram.edge(note, diagram.node(ref.kind, ref.namespace, ref.name, 'service'), '-.->', 'TLS to the pods');
        }
      }
      continue;
    }
    let me: DiagramNode;
    if (i.kind === 'Gateway' || i.kind === 'ListenerSet') {
      // An Istio Gateway and a Gateway API Gateway of one name are two nodes.
      me = i.type === 'Gateway (Istio)' ? diagram.node('Gateway (Istio)', ns, i.name, 'gateway', { known: true }) : diagram.node(i.kind, ns, i.name, 'gateway');
      me.details = [...i.ports, tlsText(i)];
      for (const t of i.targets) {
        const ref = targetRef(t, ns);
        const route = diagram.node(ref.kind, ref.namespace, ref.name, 'entry');
        if (ref.notAccepted) diagram.edge(me, route, '-.->', 'not accepted');
        else diagram.edge(me, route);
      }
      if (i.kind === 'ListenerSet' && i.controller !== undefined) {
        const parent = gatewayRef(i.controller);
        diagram.edge(me, diagram.node('Gateway', parent.namespace, parent.name, 'gateway'), '-.->', 'joins');
      }
    } else if (i.kind === 'Ingress' || ROUTE_KINDS.includes(i.kind) || i.kind === 'VirtualService') {
      me = diagram.node(i.kind, ns, i.name, 'entry');
      me.details = [...i.hosts, tlsText(i)];
      for (const t of i.targets) {
        const ref = targetRef(t, ns);
        diagram.edge(me, diagram.node(ref.kind, ref.namespace, ref.name, 'service'));
      }
    } else if (i.type === 'ExternalName') {
      me = diagram.node(i.kind, ns, i.name, 'alias');
      me.details = [`ExternalName ${i.ports.join(' ')}`.trim()];
      const target = diagram.node('dns', ns, i.targets[0] ?? '', 'peer', { plain: true });
      target.details = ['(DNS name outside the cluster)'];
      diagram.edge(me, target, '-.->');
    } else if (i.kind === 'Service') {
      me = diagram.node(i.kind, ns, i.name, 'service');
      me.details = [`${i.type} ${i.ports.join(' ')}`.trim()];
      for (const w of i.targets) diagram.edge(me, workload(ns, w));
    } else {
      // A workload on the host network or with host ports: its real kind (Deployment, DaemonSet, Pod, ...).
      me = diagram.node(i.kind, ns, i.name, 'workload');
      me.details = [`${i.type}: ${i.ports.join(' ')}`];
    }
    const source = SOURCES[i.scope];
    // A ClusterIP Service is reached from outside only on its externalIPs.
    const reached = i.type !== 'ClusterIP' || i.hosts.some(h => h.startsWith('externalIP '));
    if (source !== undefined && reached && !fronted.has(key)) diagram.entry(i.scope, me);
  }
  // Copies are counted over every row, so a duplicate is marked even when only its first copy is drawn.
  diagram.setCopies(context.copies);
  return diagram;
}

/** A NetworkPolicy: a hexagon that guards the workloads it selects; what it admits points at it. */
function drawPolicy(diagram: Diagram, i: InventoryItem, policy: PolicySummary, workload: (ns: string, w: string) => DiagramNode): void {
  const ns = i.namespace;
  const me = diagram.node(i.kind, ns, i.name, 'policy');
  me.details = [policy.policyTypes.join(' + ') || 'no policy types'];
  const guarded = policy.workloads.length > 0 ? policy.workloads.map(w => workload(ns, w))
    : [diagram.node('peer', ns, `${policy.pods}${ns ? ` in namespace ${ns}` : ''}`, 'peer', { plain: true })];
  for (const g of guarded) diagram.edge(me, g, '-.->', 'guards');
  for (const w of policy.admittedWorkloads) {
    const [peerNs, kindAndName] = w.split('|');
    diagram.edge(workload(peerNs, kindAndName), me, '-.->', 'admitted');
  }
  for (const o of policy.admittedOthers) diagram.edge(diagram.node('peer', ns, o, 'peer', { plain: true }), me, '-.->', 'admitted');
}

/**
 * The diagram of an inventory: every row, or, within limits, the first rows (most exposed
 * first) that fit.
 */
export function mermaidOf(items: InventoryItem[], limits?: MermaidLimits, known: InventoryItem[] = items): MermaidDiagram {
  const context = contextOf(known);
  const whole = (count: number) => draw(items, count, context);
  const fits = (d: Diagram) => limits === undefined || (d.text().length <= limits.maxChars && d.edgeCount <= limits.maxEdges);
  // Every row takes at least a line of some 20 characters: no more rows than that can fit (so
  // the Markdown of 100,000 objects never draws them all).
  const most = limits === undefined ? items.length : Math.ceil(limits.maxChars / 20);
  let best = items.length <= most ? whole(items.length) : undefined;
  let drawn = items.length;
  if (best === undefined || !fits(best)) {
    let lo = 0;
    let hi = Math.min(items.length - 1, most);
    best = whole(0);
    drawn = 0;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      const candidate = whole(mid);
      if (fits(candidate)) {
        lo = mid;
        best = candidate;
        drawn = mid;
      } else {
        hi = mid - 1;
      }
    }
  }
  return { text: best!.text(), edges: best!.edgeCount, drawn, leftOut: items.slice(drawn) };
}

/** What a Markdown diagram is of, when it is not the whole report. */
export interface DiagramSectionOptions {
  /** @default '## Diagram' */
  readonly heading?: string;
  /** Every object of the YAML, when `items` are only some of them (an object among them is not marked `(not in the YAML)`). */
  readonly known?: InventoryItem[];
}

/**
 * The Markdown report's diagram: a heading and a ```mermaid block kept within `limits`, and, when
 * the inventory is bigger, a line that says which objects were left out and where the whole
 * diagram is.
 */
export function diagramSection(items: InventoryItem[], limits: MermaidLimits, options: DiagramSectionOptions = {}): string[] {
  const diagram = mermaidOf(items, limits, options.known);
  const lines = [options.heading ?? '## Diagram', '', '```mermaid', diagram.text.trimEnd(), '```', ''];
  if (diagram.leftOut.length > 0) {
    const counts = new Map<string, number>();
    for (const i of diagram.leftOut) {
      const what = `${i.kind} (${i.scope})`;
      counts.set(what, (counts.get(what) ?? 0) + 1);
    }
    const list = [...counts].map(([what, count]) => `${count} ${what}`).join(', ');
    lines.push(`The diagram shows the ${diagram.drawn} most exposed of ${items.length} objects, to stay within what GitHub renders `
      + `(${limits.maxChars.toLocaleString('en-US')} characters and ${limits.maxEdges} edges of Mermaid); left out: ${list}. `
      + 'The tables below list them all; the whole diagram is `exposure-report.mmd` (or `cdk8s-expose audit --format mermaid`), '
      + 'and docs/exposure-report.md says how to render it large.', '');
  }
  return lines;
}
