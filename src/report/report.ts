import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { IConstruct } from 'constructs';
import { DiffResult, diffInventories } from './diff';
import { InventoryItem, SCOPE_ORDER, inventoryOf } from './inventory';
import { ROUTE_KINDS } from '../model/gateway-model';
import { ExposureModel, SourcedManifest, buildModel } from '../model/model';
import { manifestsOf } from '../policy/collect';
import { Finding, evaluate, formatFinding, isBlocking } from '../policy/engine';
import { Severity } from '../policy/rule';
import { Stage } from '../policy/stages';

/**
 * Options of an exposure report built from plain manifests.
 */
export interface ExposureReportOptions {
  /**
   * The stage the rules judge the manifests at.
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
};

/** The version of the JSON schema; bumped on any incompatible change. */
const SCHEMA_VERSION = 1;

function cell(values: string[] | string | undefined): string {
  const list = Array.isArray(values) ? values : values === undefined ? [] : [values];
  return list.length === 0 ? '—' : list.map(v => (v.includes('|') ? v.replace(/\|/g, '\\|') : v)).join('<br>');
}

/**
 * What in an App (or in any Kubernetes YAML) can be reached from where: every Service,
 * Ingress, HTTPRoute and NetworkPolicy with its exposure scope, ports, source ranges, TLS,
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
    return ExposureReport._fromSourced(manifests.map(manifest => ({ manifest, origin: {} })), options.stage, []);
  }

  /**
   * Writes the App's report next to its synthesized YAML (`app.outdir`): `exposure-report.md`,
   * `exposure-report.json` and `exposure-report.mmd`. Call it after `app.synth()`.
   *
   * @param app the App
   * @returns the paths written
   */
  public static writeForApp(app: App): string[] {
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

  private constructor(model: ExposureModel, stage: Stage | undefined, inputProblems: string[]) {
    this.findings = evaluate(model, stage);
    this.items = inventoryOf(model, this.findings);
    this.inputProblems = inputProblems;
    this.stage = stage;
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
    const byScope: Record<string, number> = {};
    for (const scope of SCOPE_ORDER) byScope[scope] = 0;
    for (const item of this.items) byScope[item.scope] = (byScope[item.scope] ?? 0) + 1;
    return `${JSON.stringify({
      schemaVersion: SCHEMA_VERSION,
      generator: 'cdk8s-expose',
      stage: this.stage ?? null,
      summary: {
        objects: this.items.length,
        byScope,
        errors: this.errorCount,
        warnings: this.warningCount,
        acknowledged: this.findings.filter(f => f.acknowledged !== undefined).length,
      },
      objects: this.items.map(i => ({
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
      })),
      inputProblems: this.inputProblems,
    }, null, 2)}\n`;
  }

  /** The report as Markdown: a summary, a table per exposure scope (widest first), findings and acknowledgements. */
  public toMarkdown(): string {
    const lines: string[] = ['# Exposure report', ''];
    const counts = SCOPE_ORDER.map(s => `${this.items.filter(i => i.scope === s).length} ${s}`).join(', ');
    const acknowledged = this.findings.filter(f => f.acknowledged !== undefined).length;
    const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
    lines.push(`${n(this.items.length, 'object')} (${counts}). Findings: ${n(this.errorCount, 'error')}, ${n(this.warningCount, 'warning')}, ${acknowledged} acknowledged.${this.stage ? ` Stage: ${this.stage}.` : ''}`, '');
    for (const scope of SCOPE_ORDER) {
      const items = this.items.filter(i => i.scope === scope);
      if (items.length === 0) continue;
      lines.push(`## ${HEADINGS[scope]}`, '');
      lines.push('| object | namespace | type | ports / routes | source ranges | TLS | controller | to | construct |');
      lines.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
      for (const i of items) {
        const tls = i.tls === undefined ? '—' : i.tls ? 'yes' : '**no**';
        lines.push(`| ${i.kind} \`${i.name}\` | ${cell(i.namespace || undefined)} | ${i.type} | ${cell([...i.ports, ...i.hosts])} | ${cell(i.sourceRanges)} | ${tls} | ${cell(i.controller)} | ${cell(i.targets)} | ${cell(i.construct)} |`);
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
    return lines.join('\n');
  }

  /**
   * The report as a Mermaid flowchart: Internet, VPC and node IPs on the left, then load
   * balancers and ingresses, Services, and the workloads behind them; ExternalName aliases
   * point out of the cluster.
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
    for (const i of this.items) {
      const ns = i.namespace ? `${i.namespace}/` : '';
      const me = id(`${i.kind}/${ns}${i.name}`);
      if (i.kind === 'NetworkPolicy') continue;
      if (i.kind === 'Ingress' || ROUTE_KINDS.includes(i.kind)) {
        lines.push(`  ${me}[/${label(`${i.kind} ${ns}${i.name}<br/>${i.hosts.join(' ')}${i.tls ? ' (TLS)' : ''}`)}/]`);
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
        for (const w of i.targets) {
          const wid = id(`wl/${ns}${w}`);
          if (!workloads.has(wid)) {
            workloads.add(wid);
            const [workloadKind, workloadName] = w.split('/');
            lines.push(`  ${wid}[[${label(`${workloadKind} ${ns}${workloadName}`)}]]`);
          }
          edges.push(`  ${me} --> ${wid}`);
        }
      }
      const source = sources[i.scope];
      if (source !== undefined && i.type !== 'ClusterIP') {
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
