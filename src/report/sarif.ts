/**
 * SARIF 2.1.0 (OASIS, https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html) of the
 * audit and the diff, for GitHub code scanning and the other tools that read it. As kube-linter,
 * Checkov and Trivy write it: one `run`, the tool's rules in `tool.driver.rules` (one per rule
 * id, with its summary, why and a help link), one `result` per finding at the line of its file
 * (the field's line when known), paths relative to the folder the command ran in under the
 * base id `%SRCROOT%` (the repository root for code scanning). What they leave out and a
 * reviewer needs is here too: an acknowledged finding is a `suppression` with its reason; a
 * finding of the synth (no file yet) has the cdk8s construct path as a logical location.
 * Private to the library; `ExposureReport.toSarif()` and `--format sarif` write it.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { ExposureChange } from './diff';
import { describe } from '../model/model';
import { Finding } from '../policy/engine';
import { RULES } from '../policy/rules';

/** Where docs/rules.md is published: each rule's help link is its heading there. */
export const RULES_DOC = 'https://github.com/cdk8s-expose/cdk8s-expose/blob/main/docs/rules.md';
/** The page of the CI recipes (the diff's rule links there). */
export const CI_DOC = 'https://github.com/cdk8s-expose/cdk8s-expose/blob/main/docs/ci.md';
const SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** The base id of every file's URI: the folder the command ran in, the repository root in CI. */
export const SRCROOT = '%SRCROOT%';
/** The URI of objects read from standard input: no file to point at, and it says so. */
export const STDIN_URI = 'file:///dev/stdin';
const STDIN_LABEL = '(standard input)';

/** The version of this package (its package.json, two folders up from lib/report/ and src/report/). */
function packageVersion(): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf-8')).version;
  } catch {
    return 'unknown';
  }
}

/** A file as a URI relative to the working folder, `/`-separated and percent-encoded. */
export function relativeUri(file: string, cwd: string = process.cwd()): string {
  const relative = path.relative(cwd, path.resolve(cwd, file)).split(path.sep).join('/');
  return relative.split('/').map(segment => encodeURIComponent(segment)).join('/');
}

function artifactLocation(file: string): Record<string, unknown> {
  if (file === STDIN_LABEL) return { uri: STDIN_URI, description: { text: 'standard input: the object has no file' } };
  return { uri: relativeUri(file), uriBaseId: SRCROOT };
}

/** A stable id of a finding that does not move with its line (`partialFingerprints`). */
function fingerprint(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

interface Location {
  readonly file?: string;
  readonly line?: number;
  readonly constructPath?: string;
  readonly object: string;
}

function locationOf(at: Location): Record<string, unknown> {
  const logical: Array<Record<string, unknown>> = [];
  if (at.constructPath !== undefined) {
    logical.push({ name: at.constructPath.split('/').pop(), fullyQualifiedName: at.constructPath, kind: 'module' });
  }
  logical.push({ name: at.object, fullyQualifiedName: at.object, kind: 'resource' });
  const location: Record<string, unknown> = {};
  if (at.file !== undefined) {
    location.physicalLocation = {
      artifactLocation: artifactLocation(at.file),
      ...(at.line !== undefined && at.file !== STDIN_LABEL ? { region: { startLine: at.line } } : {}),
    };
  }
  location.logicalLocations = logical;
  return location;
}

function log(rules: unknown[], results: unknown[], problems: readonly string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'cdk8s-expose',
          version: packageVersion(),
          informationUri: 'https://github.com/cdk8s-expose/cdk8s-expose',
          rules,
        },
      },
      invocations: [{
        executionSuccessful: problems.length === 0,
        toolExecutionNotifications: problems.map(p => ({ level: 'error', message: { text: p } })),
      }],
      results,
      ...extra,
    }],
  };
}

/**
 * The SARIF log of an audit or a report: every rule, every finding (acknowledged ones as
 * suppressed, with their reasons), and the input problems as notifications of the run.
 */
export function findingsToSarif(findings: readonly Finding[], problems: readonly string[]): string {
  const fixes = new Map<string, Set<string>>();
  for (const f of findings) {
    const set = fixes.get(f.ruleId) ?? new Set<string>();
    set.add(f.fix);
    fixes.set(f.ruleId, set);
  }
  const rules = RULES.map(rule => {
    const seen = [...(fixes.get(rule.id) ?? [])];
    const fix = seen.length > 0 ? `Fix: ${seen.join('. ')}.` : 'Fix: each result says how.';
    const acknowledge = `To accept a finding, write the annotation \`ack.cdk8s-expose/${rule.id}: <reason>\` on the object, or call acknowledge('${rule.id}', '<reason>') on the cdk8s-expose construct.`;
    return {
      id: rule.id,
      name: rule.id.replace(/(^|-)([a-z])/g, (_m, _dash, c: string) => c.toUpperCase()),
      shortDescription: { text: rule.summary },
      fullDescription: { text: `${rule.summary} Why: ${rule.why}` },
      helpUri: `${RULES_DOC}#${rule.id}`,
      help: {
        text: `${rule.summary}\n\nWhy: ${rule.why}\n\n${fix}\n\n${acknowledge}`,
        markdown: `${rule.summary}\n\n**Why:** ${rule.why}\n\n**${fix.replace(/^Fix:/, 'Fix:**')}\n\n${acknowledge}\n\n[docs/rules.md](${RULES_DOC}#${rule.id})`,
      },
      defaultConfiguration: { level: rule.severity(undefined, NO_OBJECT) === 'error' ? 'error' : 'warning' },
      properties: { tags: ['security', 'kubernetes', 'exposure'] },
    };
  });
  const index = new Map(RULES.map((rule, i) => [rule.id, i]));
  const results = findings.map(f => {
    const o = f.object.origin;
    const at = f.location;
    const result: Record<string, unknown> = {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId),
      level: f.severity === 'error' ? 'error' : 'warning',
      message: { text: `${describe(f.object)}: ${f.message}. Fix: ${f.fix}.` },
      locations: [locationOf({
        file: at?.file ?? o.file,
        line: at?.fieldLine ?? at?.line ?? o.line,
        constructPath: o.constructPath,
        object: describe(f.object),
      })],
      partialFingerprints: { 'cdk8s-expose/v1': fingerprint(f.ruleId, f.object.kind, f.object.namespace, f.object.name, f.message) },
      properties: {
        fix: f.fix,
        stage: f.stage ?? null,
        field: at?.fieldLine !== undefined ? at.field : null,
        objectLine: at?.line ?? o.line ?? null,
      },
    };
    if (f.acknowledged !== undefined) result.suppressions = [{ kind: 'inSource', status: 'accepted', justification: f.acknowledged }];
    return result;
  });
  return `${JSON.stringify(log(rules, results, problems), null, 2)}\n`;
}

/** An object to ask a rule's severity with no stage: every rule's severity reads the stage only, or the object's kind. */
const NO_OBJECT = { kind: '', name: '', namespace: '', origin: {}, annotations: {} };

/** The rules of the diff: one, what widened. */
const WIDENED_RULE = {
  id: 'exposure-widened',
  name: 'ExposureWidened',
  shortDescription: { text: 'The change makes an object reachable from a wider scope (or removes what restricted it).' },
  fullDescription: { text: 'The change makes an object reachable from a wider scope: a new object outside the cluster, a scope widened, a port, host or source range added to something reachable from outside, TLS removed, a NetworkPolicy loosened or removed, an acknowledgement added.' },
  helpUri: `${CI_DOC}#what-the-diff-calls-widened`,
  help: {
    text: 'Review the widened exposure before merging: it is reachable from further than before. Fix: narrow it (ClusterIP, source ranges, TLS, a NetworkPolicy), or merge it on purpose.',
    markdown: 'Review the widened exposure before merging: it is reachable from further than before.\n\n**Fix:** narrow it (ClusterIP, source ranges, TLS, a NetworkPolicy), or merge it on purpose.',
  },
  defaultConfiguration: { level: 'warning' },
  properties: { tags: ['security', 'kubernetes', 'exposure'] },
};

/**
 * The SARIF log of a diff: one result per widened object, at the line of the after side (an
 * object removed has only a logical location: its file is the before side's). `error` when the
 * diff fails on widening, else `warning`. What narrowed is counted in the run's properties.
 */
export function diffToSarif(widened: readonly ExposureChange[], narrowed: number, unchanged: number, failOnWiden: boolean,
  problems: readonly string[]): string {
  const results = widened.map(c => ({
    ruleId: WIDENED_RULE.id,
    ruleIndex: 0,
    level: failOnWiden ? 'error' : 'warning',
    message: { text: `${c.object} (${c.scope}): ${c.changes.join('; ')}` },
    locations: [locationOf({
      file: c.side === 'after' ? c.location?.file : undefined,
      line: c.location?.fieldLine ?? c.location?.line,
      constructPath: c.construct,
      object: c.object,
    })],
    partialFingerprints: { 'cdk8s-expose/v1': fingerprint(WIDENED_RULE.id, c.object, ...c.changes) },
    properties: { scope: c.scope, changes: c.changes, field: c.location?.fieldLine !== undefined ? c.location.field ?? null : null },
  }));
  return `${JSON.stringify(log([WIDENED_RULE], results, problems, { properties: { widened: widened.length, narrowed, unchanged } }), null, 2)}\n`;
}

/** GitLab's Code Quality severities by ours: an error blocks, a warning is major. */
const CODE_QUALITY_SEVERITY: Record<string, string> = { error: 'blocker', warning: 'major' };

/**
 * The findings as a GitLab Code Quality report (the CodeClimate subset GitLab reads from a
 * job's `artifacts:reports:codequality`): one issue per open finding, at its file and line
 * relative to the working folder; acknowledged findings are left out, as GitLab has no
 * suppressions. A finding without a file is at `(standard input)` or its construct path.
 */
export function findingsToCodeQuality(findings: readonly Finding[]): string {
  const issues = findings.filter(f => f.acknowledged === undefined).map(f => {
    const o = f.object.origin;
    const file = f.location?.file ?? o.file;
    return {
      type: 'issue',
      check_name: f.ruleId,
      description: `${describe(f.object)}: ${f.message}. Fix: ${f.fix}.`,
      categories: ['Security'],
      severity: CODE_QUALITY_SEVERITY[f.severity] ?? 'major',
      fingerprint: fingerprint(f.ruleId, f.object.kind, f.object.namespace, f.object.name, f.message),
      location: {
        path: file === undefined ? o.constructPath ?? describe(f.object) : file === STDIN_LABEL ? file : decodeURIComponent(relativeUri(file)),
        lines: { begin: f.location?.fieldLine ?? f.location?.line ?? o.line ?? 1 },
      },
    };
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
}
