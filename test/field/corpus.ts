/**
 * The field corpus (test/fixtures/field/, issue #24) and what `cdk8s-expose audit --stage
 * production` finds in each of its files: shared by test/field/field-audit.test.ts and
 * scripts/field-audit.ts (which writes docs/field-audit.md). Each file is audited alone, as the
 * project ships it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../src/cli/main';

export const FIELD_DIR = path.join(__dirname, '..', 'fixtures', 'field');

/** One finding of the audit on one corpus file. */
export interface FieldFinding {
  /** The file, relative to test/fixtures/field/. */
  readonly file: string;
  readonly severity: 'error' | 'warning' | 'acknowledged';
  readonly rule: string;
  /** `Kind namespace/name` (or `Kind name`). */
  readonly object: string;
  readonly message: string;
}

/** The corpus files, sorted. */
export function corpusFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(entry.name)) out.push(path.relative(FIELD_DIR, full));
    }
  };
  walk(FIELD_DIR);
  return out.sort();
}

/** The audit's findings on one corpus file, from its own output lines, and its exit code. */
export function auditFile(file: string, stage = 'production'): { findings: FieldFinding[]; exitCode: number; report: string } {
  let err = '';
  let out = '';
  const exitCode = main(['audit', '--stage', stage, path.join(FIELD_DIR, file)], { out: t => { out += t; }, err: t => { err += t; } });
  const findings: FieldFinding[] = [];
  for (const m of err.matchAll(/^(error|warning|acknowledged): \[([a-z0-9-]+)\] (\S+) (\S+) \([^\n]*? document \d+\): ([^\n]*?)\. Fix: /gm)) {
    findings.push({ file, severity: m[1] as FieldFinding['severity'], rule: m[2], object: `${m[3]} ${m[4]}`, message: m[5] });
  }
  return { findings, exitCode, report: out };
}

/** One key per finding: what the verdicts are pinned by. */
export function findingKey(f: FieldFinding): string {
  return `${f.file} | ${f.severity} | ${f.rule} | ${f.object} | ${f.message}`;
}
