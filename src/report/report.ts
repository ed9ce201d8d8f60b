import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { DiffResult, diffInventories } from './diff';
import { InventoryItem, PolicySummary, REFERENCES, SCOPE_ORDER, inventoryOf } from './inventory';
import { checkConstruct, factoryError, show } from '../errors';
import { ROUTE_KINDS } from '../model/gateway-model';
import { ExposureModel, ReadCounts, SourcedManifest, buildModel } from '../model/model';
import { manifestsOf } from '../policy/collect';
import { Finding, evaluate, formatFinding, isBlocking } from '../policy/engine';
import { Severity } from '../policy/rule';
import { Stage, withObjectStages } from '../policy/stages';

/**
 * Options of an exposure report built from plain manifests.
 */
export interface ExposureReportOptions {
  /**
   * The stage the rules judge the manifests at, for those without a stage of their own (the
   * annotation `cdk8s-expose/stage`, which `ExposurePolicy.apply` writes, wins).
   *
   * @default - no stage: only the Kubernetes rule and the always-on safety rules are errors
   */
  readonly stage?: Stage;
}

const HEADINGS: Record<string, string> = {
  'internet': 'Reachable from the internet',
  'vpc': 'Reachable from the private network (VPC)',
  'node': "Reachable on every node's IP",
  'external-dns': 'DNS aliases to names outside the cluster',
  'cluster': 'Reachable only inside the cluster',
  'isolation': 'Network isolation (NetworkPolicies)',
  'references': 'Gateway API grants and backend TLS (ReferenceGrants, BackendTLSPolicies)',
};

/** The version of the JSON schema; bumped on any incompatible change. */
const SCHEMA_VERSION = 1;

/** TLS as a reviewer needs it: `yes` only with a certificate source in the manifests. */
function tlsCell(i: InventoryItem): string {
  if (i.backendTls !== undefined) return i.backendTls.replace(/\|/g, '\\|');
  if (i.tls === undefined) return '—';
  if (i.tlsPartly !== undefined) return i.tlsPartly.replace(/\|/g, '\\|');
  if (!i.tls) return '**no**';
  if (i.certificate !== undefined) return `yes (${i.certificate.replace(/\|/g, '\\|')})`;
  return i.certificateMissing ?? 'certificate not defined here';
}

/** One row of the JSON's `objects`, keys in the documented order. */
function jsonRow(i: InventoryItem): unknown {
  return {
    kind: i.kind,
    name: i.name,
    namespace: i.namespace || null,
    type: i.type,
    scope: i.scope,
    ports: i.ports,
    sourceRanges: i.sourceRanges,
    tls: i.tls ?? null,
    hosts: i.hosts,
    controller: i.controller ?? null,
    targets: i.targets,
    construct: i.construct ?? null,
    acknowledgements: i.acknowledgements,
    findings: i.findings,
    stage: i.stage ?? null,
    certificate: i.certificate ?? null,
    certificateMissing: i.certificateMissing ?? null,
    networkPolicy: i.policy === undefined ? null : {
      policyTypes: i.policy.policyTypes,
      pods: i.policy.pods,
      workloads: i.policy.workloads,
      admits: i.policy.admits ?? null,
      allowsTo: i.policy.allowsTo ?? null,
    },
    backendTls: i.backendTls ?? null,
    // Only on ReferenceGrant and BackendTLSPolicy rows.
    ...(i.from !== undefined ? { from: i.from } : {}),
  };
}

/**
 * Lines joined by newlines, handed on a thousand at a time: the pieces together are exactly
 * `lines.join('\n')`.
 */
class LineWriter {
  private pending: string[] = [];
  constructor(private readonly write: (chunk: string) => void) {}

  public push(...lines: string[]): void {
    for (const line of lines) {
      // Flushed only when another line follows, so every piece but the last ends in a newline.
      if (this.pending.length === 1000) {
        this.write(`${this.pending.join('\n')}\n`);
        this.pending = [];
      }
      this.pending.push(line);
    }
  }

  public end(): void {
    this.write(this.pending.join('\n'));
    this.pending = [];
  }
}

/** A finding as the JSON lists it (the same fields as a row's findings). */
function jsonFinding(f: Finding): { rule: string; severity: string; message: string; fix: string; acknowledged?: string } {
  return f.acknowledged !== undefined
    ? { rule: f.ruleId, severity: f.severity, message: f.message, fix: f.fix, acknowledged: f.acknowledged }
    : { rule: f.ruleId, severity: f.severity, message: f.message, fix: f.fix };
}

/** A table cell's text, with `|` escaped. */
function escapeCell(value: string): string {
  return value.indexOf('|') < 0 ? value : value.replace(/\|/g, '\\|');
}

/**
 * A table cell: one value, or several on lines of their own; `—` when empty. Written without
 * intermediate arrays: the Markdown of 100,000 objects spent most of its time allocating them.
 */
function cell(values: readonly string[] | string | undefined, more?: readonly string[]): string {
  if (values === undefined || values === '') return '—';
  if (typeof values === 'string') return escapeCell(values);
  let text = '';
  for (const v of values) text = text === '' ? escapeCell(v) : `${text}<br>${escapeCell(v)}`;
  if (more !== undefined) for (const v of more) text = text === '' ? escapeCell(v) : `${text}<br>${escapeCell(v)}`;
  return text === '' ? '—' : text;
}

/**
 * What in an App (or in any Kubernetes YAML) can be reached from where: every Service,
 * Ingress, Gateway, ListenerSet, Gateway API route and NetworkPolicy with its exposure scope, ports, source ranges, TLS,
 * controller, the workloads behind it, acknowledgements and findings. Rendered as Markdown,
 * JSON (a stable, versioned schema for pipelines) or a Mermaid flowchart.
 *
 * @example
 * const app = new App();
 * // ... define charts ...
 * app.synth();
 * ExposureReport.writeForApp(app); // dist/exposure-report.md, .json and .mmd
 */
export class ExposureReport {
  /**
   * The report of an App: its synthesized manifests, each judged at its own stage.
   *
   * @param scope the App, or any construct in it (the whole App is reported)
   */
  public static fromApp(scope: IConstruct): ExposureReport {
    checkConstruct('ExposureReport.fromApp', 'scope', scope);
    return new ExposureReport(buildModel(manifestsOf(scope.node.root)), undefined, []);
  }

  /**
   * The report of plain manifests (objects parsed from YAML or JSON), for example a Helm or
   * kustomize output.
   *
   * @param manifests the Kubernetes objects
   * @param options the stage to judge them at
   */
  public static fromManifests(manifests: any[], options: ExposureReportOptions = {}): ExposureReport {
    if (!Array.isArray(manifests)) throw factoryError('ExposureReport.fromManifests', `manifests ${show(manifests)} must be a list of objects (parsed YAML or JSON documents)`);
    const problems: string[] = [];
    // Each object's own stage annotation (cdk8s-expose/stage) wins over options.stage.
    const staged = withObjectStages(manifests.map((manifest, i) => ({ manifest, origin: { documentIndex: i } })), [], problems);
    return ExposureReport._fromSourced(staged, options.stage, problems);
  }

  /**
   * Writes the App's report next to its synthesized YAML (`app.outdir`): `exposure-report.md`,
   * `exposure-report.json` and `exposure-report.mmd`. Call it after `app.synth()`.
   *
   * @param app the App
   * @returns the paths written
   */
  public static writeForApp(app: App): string[] {
    if (!Construct.isConstruct(app) || app.node.scope !== undefined || typeof (app as any).outdir !== 'string') {
      throw factoryError('ExposureReport.writeForApp', `app ${Construct.isConstruct(app) ? `'${app.node.path}'` : show(app)} is not a cdk8s App; pass the App whose synth() wrote the YAML`);
    }
    return ExposureReport.fromApp(app).writeFiles(app.outdir);
  }

  /** @internal */
  public static _fromSourced(manifests: SourcedManifest[], stage: Stage | undefined, inputProblems: string[]): ExposureReport {
    return new ExposureReport(buildModel(manifests), stage, inputProblems);
  }

  private readonly findings: Finding[];
  private readonly items: InventoryItem[];

  /**
   * The inventory rows (for ExposureDiff).
   * @internal
   */
  public get _items(): InventoryItem[] {
    return this.items;
  }
  private readonly inputProblems: string[];
  private readonly stage?: Stage;
  /** Findings on objects that are not rows of the report (workloads, ConfigMaps, ...). */
  private readonly findingsWithoutRow: Finding[];
  /** Every object read, and the kinds not modelled. */
  private readonly counts?: ReadCounts;

  private constructor(model: ExposureModel, stage: Stage | undefined, inputProblems: string[]) {
    this.findings = evaluate(model, stage);
    const withoutRow: Finding[] = [];
    this.items = inventoryOf(model, this.findings, stage, withoutRow);
    this.findingsWithoutRow = withoutRow;
    this.inputProblems = inputProblems;
    this.stage = stage;
    this.counts = model.counts;
  }

  /** The kinds not modelled, most objects first: `[['ConfigMap', 5], ...]`. */
  private notModelled(): Array<[string, number]> {
    const entries = [...(this.counts?.notModelled ?? new Map<string, number>())];
    return entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  /** `35 objects read, 12 modelled; not modelled: ConfigMap ×5, Secret ×2.` */
  private readLine(): string | undefined {
    if (this.counts === undefined) return undefined;
    const notModelled = this.notModelled();
    const modelled = this.counts.read - notModelled.reduce((sum, [, count]) => sum + count, 0);
    return `${this.counts.read} object${this.counts.read === 1 ? '' : 's'} read, ${modelled} modelled${notModelled.length > 0 ? `; not modelled: ${notModelled.map(([kind, count]) => `${kind} ×${count}`).join(', ')}` : ''}.`;
  }

  /** Whether any finding is an unacknowledged error (what fails a synth or an audit). */
  public get hasBlockingFindings(): boolean {
    return this.findings.some(isBlocking);
  }

  /** The number of unacknowledged errors. */
  public get errorCount(): number {
    return this.findings.filter(isBlocking).length;
  }

  /** The number of unacknowledged warnings. */
  public get warningCount(): number {
    return this.findings.filter(f => f.severity === Severity.WARNING && f.acknowledged === undefined).length;
  }

  /** Every finding, one line each, as the synth and the audit print them. */
  public get findingLines(): string[] {
    return this.findings.map(f => `${f.acknowledged !== undefined ? 'acknowledged' : f.severity}: ${formatFinding(f)}`);
  }

  /**
   * The report as JSON, schema version 1 (documented in docs/exposure-report.md). Keys and
   * order are stable; the same input gives byte-identical output.
   */
  public toJson(): string {
    const chunks: string[] = [];
    this._writeJson(chunk => chunks.push(chunk));
    return chunks.join('');
  }

  /**
   * The JSON of `toJson`, written in pieces of about a thousand rows: the audit of 100,000
   * objects writes it to standard output without holding the whole text (or a copy of every row)
   * in memory. The pieces joined are byte-identical to `JSON.stringify(report, null, 2)`.
   * @internal
   */
  public _writeJson(write: (chunk: string) => void): void {
    const byScope: Record<string, number> = {};
    for (const scope of SCOPE_ORDER) byScope[scope] = 0;
    for (const item of this.items) byScope[item.scope] = (byScope[item.scope] ?? 0) + 1;
    const document = {
      schemaVersion: SCHEMA_VERSION,
      generator: 'cdk8s-expose',
      stage: this.stage ?? null,
      summary: {
        objects: this.items.length,
        byScope,
        errors: this.errorCount,
        warnings: this.warningCount,
        acknowledged: this.findings.filter(f => f.acknowledged !== undefined).length,
        read: this.counts?.read ?? null,
        notModelled: Object.fromEntries(this.notModelled()),
      },
      objects: [] as unknown[],
      // Findings on objects that have no row (a workload's probe, a ConfigMap written twice):
      // with their object, so that a pipeline reading only the JSON misses none.
      otherFindings: this.findingsWithoutRow.map(f => ({
        object: { kind: f.object.kind, name: f.object.name, namespace: f.object.namespace || null },
        ...jsonFinding(f),
      })),
      inputProblems: this.inputProblems,
    };
    const text = `${JSON.stringify(document, null, 2)}\n`;
    if (this.items.length === 0) {
      write(text);
      return;
    }
    // The document with an empty list of objects, cut where the rows go.
    const marker = '\n  "objects": [],\n';
    const at = text.indexOf(marker);
    write(`${text.slice(0, at)}\n  "objects": [\n`);
    // A thousand rows at a time, as JSON.stringify writes them at that depth: in a list inside
    // an object, with the wrapper cut off.
    const prefix = '{\n  "a": [\n';
    const suffix = '\n  ]\n}';
    for (let from = 0; from < this.items.length; from += 1000) {
      const rows = this.items.slice(from, from + 1000).map(jsonRow);
      const piece = JSON.stringify({ a: rows }, null, 2);
      const last = from + 1000 >= this.items.length;
      write(`${piece.slice(prefix.length, piece.length - suffix.length)}${last ? '\n  ],\n' : ',\n'}`);
    }
    write(text.slice(at + marker.length));
  }

  /** The report as Markdown: a summary, a table per exposure scope (widest first), findings and acknowledgements. */
  public toMarkdown(): string {
    const chunks: string[] = [];
    this._writeMarkdown(chunk => chunks.push(chunk));
    return chunks.join('');
  }

  /**
   * The Markdown of `toMarkdown`, written in pieces of about a thousand lines, so that the audit
   * of a large input never holds the whole text.
   * @internal
   */
  public _writeMarkdown(write: (chunk: string) => void): void {
    const lines = new LineWriter(write);
    lines.push('# Exposure report', '');
    const scopeCounts = new Map<string, number>();
    for (const i of this.items) scopeCounts.set(i.scope, (scopeCounts.get(i.scope) ?? 0) + 1);
    const counts = [...SCOPE_ORDER, ...(scopeCounts.has(REFERENCES) ? [REFERENCES] : [])].map(s => `${scopeCounts.get(s) ?? 0} ${s}`).join(', ');
    const acknowledged = this.findings.filter(f => f.acknowledged !== undefined).length;
    const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
    lines.push(`${n(this.items.length, 'object')} (${counts}). Findings: ${n(this.errorCount, 'error')}, ${n(this.warningCount, 'warning')}, ${acknowledged} acknowledged.${this.stage ? ` Stage: ${this.stage}.` : ''}${this.stagesLine()}`, '');
    const read = this.readLine();
    if (read !== undefined) lines.push(read, '');
    const byScope = new Map<string, InventoryItem[]>([...SCOPE_ORDER, REFERENCES].map(scope => [scope, []]));
    for (const i of this.items) byScope.get(i.scope)?.push(i);
    for (const scope of [...SCOPE_ORDER, REFERENCES]) {
      const items = byScope.get(scope) ?? [];
      if (items.length === 0) continue;
      lines.push(`## ${HEADINGS[scope]}`, '');
      if (scope === REFERENCES) {
        lines.push('| object | namespace | who (from) | what (to) | host | construct |');
        lines.push('| --- | --- | --- | --- | --- | --- |');
        for (const i of items) {
          lines.push(`| ${i.kind} \`${i.name}\` | ${cell(i.namespace)} | ${cell(i.from)} | ${cell(i.targets)} | ${cell(i.hosts)} | ${cell(i.construct)} |`);
        }
        lines.push('');
        continue;
      }
      if (scope === 'isolation') {
        lines.push('| object | namespace | pods | who may connect (ingress) | where the pods may connect (egress) | construct |');
        lines.push('| --- | --- | --- | --- | --- | --- |');
        for (const i of items) {
          const policy = i.policy;
          const pods = policy === undefined ? '—' : policy.workloads.length > 0 ? cell(policy.workloads.map(w => w.replace('/', ' '))) : cell(policy.pods);
          const admits = policy?.admits === undefined ? 'not restricted' : cell(policy.admits);
          const allows = policy?.allowsTo === undefined ? 'not restricted' : cell(policy.allowsTo);
          lines.push(`| ${i.kind} \`${i.name}\` | ${cell(i.namespace)} | ${pods} | ${admits} | ${allows} | ${cell(i.construct)} |`);
        }
        lines.push('');
        continue;
      }
      lines.push('| object | namespace | type | ports / routes | source ranges | TLS | controller | to | construct |');
      lines.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
      for (const i of items) {
        const tls = tlsCell(i);
        lines.push(`| ${i.kind} \`${i.name}\` | ${cell(i.namespace)} | ${i.type} | ${cell(i.ports, i.hosts)} | ${cell(i.sourceRanges)} | ${tls} | ${cell(i.controller)} | ${cell(i.targets)} | ${cell(i.construct)} |`);
      }
      lines.push('');
    }
    const open = this.findings.filter(f => f.acknowledged === undefined);
    lines.push('## Findings', '');
    if (open.length === 0) lines.push('None.');
    for (const f of open) lines.push(`- **${f.severity}** ${formatFinding(f)}`);
    lines.push('');
    const acked = this.findings.filter(f => f.acknowledged !== undefined);
    if (acked.length > 0) {
      lines.push('## Acknowledged', '');
      for (const f of acked) lines.push(`- \`${f.ruleId}\` on ${f.object.kind} \`${f.object.name}\`: ${f.acknowledged}`);
      lines.push('');
    }
    if (this.inputProblems.length > 0) {
      lines.push('## Input problems', '');
      for (const p of this.inputProblems) lines.push(`- ${p}`);
      lines.push('');
    }
    lines.end();
  }

  /** When objects were judged at stages of their own: how many at each, for the summary line. */
  private stagesLine(): string {
    const counts = new Map<string, number>();
    let own = false;
    for (const i of this.items) {
      const stage = i.stage ?? 'none';
      counts.set(stage, (counts.get(stage) ?? 0) + 1);
      if (i.stage !== this.stage) own = true;
    }
    if (!own) return '';
    const order = ['production', 'staging', 'development', 'none'];
    return ` Judged per object: ${order.filter(s => counts.has(s)).map(s => `${counts.get(s)} at ${s === 'none' ? 'no stage' : s}`).join(', ')}.`;
  }

  /**
   * The report as a Mermaid flowchart: Internet, VPC and node IPs on the left, then load
   * balancers and ingresses, Services, and the workloads behind them; ExternalName aliases
   * point out of the cluster. Gateways and ListenerSets are trapezoids in front of the routes
   * they take (a ListenerSet with a dotted edge to the Gateway it joins). NetworkPolicies are
   * hexagons with dotted edges: to the workloads they guard, and from the peers they admit
   * (`allowFrom`).
   */
  public toMermaid(): string {
    const lines = ['flowchart LR'];
    const ids = new Map<string, string>();
    const id = (key: string) => {
      if (!ids.has(key)) ids.set(key, `n${ids.size}`);
      return ids.get(key)!;
    };
    const label = (text: string) => `"${text.replace(/"/g, '#quot;')}"`;
    const sources: Record<string, string> = { internet: 'Internet', vpc: 'VPC', node: 'Node IPs' };
    const edges: string[] = [];
    const workloads = new Set<string>();
    const workload = (ns: string, w: string) => {
      const wid = id(`wl/${ns}${w}`);
      if (!workloads.has(wid)) {
        workloads.add(wid);
        const [workloadKind, workloadName] = w.split('/');
        lines.push(`  ${wid}[[${label(`${workloadKind} ${ns}${workloadName}`)}]]`);
      }
      return wid;
    };
    const peer = (text: string) => {
      const key = `peer/${text}`;
      const known = ids.has(key);
      const pid = id(key);
      if (!known) lines.push(`  ${pid}([${label(text)}])`);
      return pid;
    };
    // A NetworkPolicy: a hexagon that guards the workloads it selects; what it admits points at it.
    const policyLines = (me: string, ns: string, name: string, policy: PolicySummary) => {
      lines.push(`  ${me}{{${label(`NetworkPolicy ${ns}${name}<br/>${policy.policyTypes.join(' + ') || 'no policy types'}`)}}}`);
      const guarded = policy.workloads.length > 0 ? policy.workloads.map(w => workload(ns, w)) : [peer(`${policy.pods}${ns ? ` in namespace ${ns.slice(0, -1)}` : ''}`)];
      for (const g of guarded) edges.push(`  ${me} -.->|guards| ${g}`);
      for (const w of policy.admittedWorkloads) {
        const [peerNs, kindAndName] = w.split('|');
        edges.push(`  ${workload(peerNs ? `${peerNs}/` : '', kindAndName)} -.->|admitted| ${me}`);
      }
      for (const o of policy.admittedOthers) edges.push(`  ${peer(o)} -.->|admitted| ${me}`);
    };
    // A Gateway or ListenerSet: the routes it takes, and (a ListenerSet) the Gateway it joins. The
    // routes it takes are reached through it, so they get no edge from the internet of their own.
    const rows = new Set(this.items.map(i => `${i.kind}/${i.namespace ? `${i.namespace}/` : ''}${i.name}`));
    const routeKey = (target: string, ns: string) => {
      const [kind, ...rest] = target.replace(/ \(not accepted\)$/, '').split('/');
      return `${kind}/${rest.length > 1 ? rest.join('/') : `${ns}${rest[0]}`}`;
    };
    const fronted = new Set(this.items.filter(i => i.kind === 'Gateway' || i.kind === 'ListenerSet')
      .flatMap(i => i.targets.filter(t => !t.endsWith(' (not accepted)')).map(t => routeKey(t, i.namespace ? `${i.namespace}/` : ''))));
    // A ListenerSet's listeners are on its Gateway's addresses: reached through the Gateway, when it is drawn.
    for (const i of this.items) {
      if (i.kind === 'ListenerSet' && i.controller !== undefined && rows.has(`Gateway/${i.controller.replace(/^gateway /, '')}`)) fronted.add(`ListenerSet/${i.namespace ? `${i.namespace}/` : ''}${i.name}`);
    }
    const gatewayLines = (me: string, ns: string, i: InventoryItem) => {
      const tls = i.tls !== true ? '' : i.certificate !== undefined ? ' (TLS)' : ` (TLS: ${i.certificateMissing ?? 'certificate not defined here'})`;
      lines.push(`  ${me}[/${label(`${i.kind} ${ns}${i.name}<br/>${i.ports.join(' ')}${tls.replace(/`/g, '')}`)}\\]`);
      for (const t of i.targets) {
        const target = id(routeKey(t, ns));
        edges.push(t.endsWith(' (not accepted)') ? `  ${me} -.->|not accepted| ${target}` : `  ${me} --> ${target}`);
      }
      if (i.kind === 'ListenerSet' && i.controller !== undefined) {
        const parent = `Gateway/${i.controller.replace(/^gateway /, '')}`;
        const pid = id(parent);
        if (!rows.has(parent)) lines.push(`  ${pid}[/${label(`${parent.replace('/', ' ')} (not in the YAML)`)}\\]`);
        edges.push(`  ${me} -.->|joins| ${pid}`);
      }
    };
    for (const i of this.items) {
      const ns = i.namespace ? `${i.namespace}/` : '';
      // An Istio Gateway and a Gateway API Gateway of one name are two nodes.
      const me = id(`${i.type === 'Gateway (Istio)' ? 'IstioGateway' : i.kind}/${ns}${i.name}`);
      if (i.kind === 'NetworkPolicy') {
        if (i.policy !== undefined) policyLines(me, ns, i.name, i.policy);
        continue;
      }
      if (i.scope === REFERENCES) {
        // A ReferenceGrant or BackendTLSPolicy: a note; a BackendTLSPolicy points at the Services it covers.
        lines.push(`  ${me}>${label(`${i.kind} ${ns}${i.name}`)}]`);
        if (i.kind === 'BackendTLSPolicy') {
          for (const t of i.targets) edges.push(`  ${me} -.->|TLS to the pods| ${id(`Service/${ns}${t.replace(/^Service\//, '').replace(/ \(.*$/, '')}`)}`);
        }
        continue;
      }
      if (i.kind === 'Gateway' || i.kind === 'ListenerSet') {
        gatewayLines(me, ns, i);
      } else if (i.kind === 'Ingress' || ROUTE_KINDS.includes(i.kind) || i.kind === 'VirtualService') {
        const tls = !i.tls ? '' : i.certificate !== undefined ? ' (TLS)' : ` (TLS: ${i.certificateMissing ?? 'certificate not defined here'})`;
        // A TCP or UDP route has no hosts: its listener is on the edge from the Gateway.
        const detail = `${i.hosts.join(' ')}${tls.replace(/`/g, '')}`.trim();
        lines.push(`  ${me}[/${label(`${i.kind} ${ns}${i.name}${detail !== '' ? `<br/>${detail}` : ''}`)}/]`);
        for (const t of i.targets) {
          const target = t.replace(/^Service\//, '').replace(/ \(missing\)$/, '');
          edges.push(`  ${me} --> ${id(`Service/${target.includes('/') ? target : `${ns}${target}`}`)}`);
        }
      } else if (i.type === 'ExternalName') {
        lines.push(`  ${me}>${label(`${ns}${i.name}<br/>ExternalName`)}]`);
        const target = id(`dns/${i.targets[0]}`);
        lines.push(`  ${target}([${label(i.targets[0])}])`);
        edges.push(`  ${me} -.-> ${target}`);
      } else {
        lines.push(`  ${me}[${label(`Service ${ns}${i.name}<br/>${i.type} ${i.ports.join(' ')}`)}]`);
        for (const w of i.targets) edges.push(`  ${me} --> ${workload(ns, w)}`);
      }
      const source = sources[i.scope];
      // A ClusterIP Service is reached from outside only on its externalIPs.
      const reached = i.type !== 'ClusterIP' || i.hosts.some(h => h.startsWith('externalIP '));
      if (source !== undefined && reached && !fronted.has(`${i.kind}/${ns}${i.name}`)) {
        edges.push(`  ${i.scope}((${source})) --> ${me}`);
      }
    }
    return `${[...lines, ...edges].join('\n')}\n`;
  }

  /**
   * Writes `<baseName>.md`, `.json` and `.mmd` into a directory (created if needed).
   *
   * @param directory where to write
   * @param baseName the file name without extension
   * @returns the paths written
   */
  public writeFiles(directory: string, baseName: string = 'exposure-report'): string[] {
    fs.mkdirSync(directory, { recursive: true });
    const files: Array<[string, string]> = [['md', this.toMarkdown()], ['json', this.toJson()], ['mmd', this.toMermaid()]];
    return files.map(([ext, content]) => {
      const file = path.join(directory, `${baseName}.${ext}`);
      fs.writeFileSync(file, content);
      return file;
    });
  }
}

/**
 * What a change of the manifests does to exposure, for a pull-request review: what became
 * reachable from a wider scope, what narrowed, and how much did not change. Build it with
 * `ExposureDiff.between(before, after)` or `cdk8s-expose diff <before> <after>`.
 *
 * @example
 * declare const before: ExposureReport;
 * declare const after: ExposureReport;
 * const diff = ExposureDiff.between(before, after);
 * const comment = diff.toMarkdown(); // post it on the pull request
 */
export class ExposureDiff {
  /**
   * Compares two reports object by object (kind, namespace and name).
   *
   * @param before the report of the manifests before the change (e.g. the main branch's dist/)
   * @param after the report after the change
   */
  public static between(before: ExposureReport, after: ExposureReport): ExposureDiff {
    for (const [prop, value] of [['before', before], ['after', after]] as const) {
      if (!(value instanceof ExposureReport)) throw factoryError('ExposureDiff.between', `${prop} ${show(value)} is not an ExposureReport; use ExposureReport.fromApp(...) or .fromManifests(...)`);
    }
    return new ExposureDiff(diffInventories(before._items, after._items));
  }

  private constructor(private readonly result: DiffResult) {}

  /** Whether anything became reachable from a wider scope. */
  public get hasWidened(): boolean {
    return this.result.widened.length > 0;
  }

  /** The diff as Markdown, for a pull-request comment. */
  public toMarkdown(): string {
    const { widened, narrowed, unchanged } = this.result;
    const lines = ['# Exposure diff', '', `${widened.length} widened, ${narrowed.length} narrowed, ${unchanged} unchanged.`, ''];
    for (const [title, list] of [['Widened', widened], ['Narrowed', narrowed]] as const) {
      if (list.length === 0) continue;
      lines.push(`## ${title}`, '', '| object | scope | what changed |', '| --- | --- | --- |');
      for (const c of list) lines.push(`| ${c.object} | ${c.scope} | ${c.changes.map(x => x.replace(/\|/g, '\\|')).join('<br>')} |`);
      lines.push('');
    }
    return `${lines.join('\n').trimEnd()}\n`;
  }

  /** The diff as JSON (schema version 1): `widened`, `narrowed`, `unchanged`. */
  public toJson(): string {
    return `${JSON.stringify({ schemaVersion: 1, generator: 'cdk8s-expose', ...this.result }, null, 2)}\n`;
  }
}
