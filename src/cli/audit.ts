/**
 * `cdk8s-expose audit <files or folders>`: reads any Kubernetes YAML (multi-document, Helm
 * or kustomize output, JSON), prints the exposure report, and exits non-zero when a rule
 * fails at the given stage. Malformed documents are reported with their file and document
 * number, and the rest is still audited.
 *
 * Exit codes: 0 clean; 1 a rule failed; 2 a usage error, or input problems and no rule failed.
 */
import * as fs from 'fs';
import * as path from 'path';

import { SourcedManifest } from '../model/model';
import { ExposurePolicy } from '../policy/stage';
import { Stage } from '../policy/stages';
import { ExposureReport } from '../report/report';
import { YamlDocument, describeReading, readYamlFile } from '../yaml/kubernetes-yaml';

const USAGE = `usage: cdk8s-expose audit [--stage development|staging|production] [--format markdown|json|mermaid] <file or folder>...

Reads Kubernetes YAML or JSON (multi-document; folders are read recursively for .yaml, .yml
and .json), prints what is exposed where, and runs the cdk8s-expose rules.
  --stage   judge at this stage (default: CDK8S_EXPOSE_STAGE, else none: only the
            Kubernetes and always-on safety rules fail)
  --format  markdown (default), json or mermaid
Exit codes: 0 clean, 1 a rule failed, 2 usage error or unreadable input.`;

/** Where the command writes; tests pass their own. */
export interface AuditIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const defaultIo: AuditIo = {
  out: text => process.stdout.write(text),
  err: text => process.stderr.write(text),
};

function collectFiles(input: string, problems: string[]): string[] {
  if (!fs.existsSync(input)) {
    problems.push(`${input}: no such file or folder`);
    return [];
  }
  if (fs.statSync(input).isDirectory()) {
    return fs.readdirSync(input).sort().flatMap(entry => {
      const full = path.join(input, entry);
      if (fs.statSync(full).isDirectory()) return collectFiles(full, problems);
      return /\.(ya?ml|json)$/i.test(entry) ? [full] : [];
    });
  }
  return [input];
}

/**
 * Reads one file's documents as Kubernetes reads YAML (src/yaml/kubernetes-yaml.ts), one
 * document at a time; each problem names the file and the document number (from 1).
 */
export function readManifests(file: string, problems: string[]): SourcedManifest[] {
  if (!fs.existsSync(file)) {
    problems.push(`${file}: cannot be read (no such file)`);
    return [];
  }
  const out: SourcedManifest[] = [];
  let docs: Iterable<YamlDocument>;
  try {
    docs = [...readYamlFile(file)];
  } catch (e) {
    problems.push(`${file}: cannot be read (${(e as Error).message})`);
    return [];
  }
  for (const doc of docs) {
    const index = doc.index;
    const where = `${file} document ${index + 1}`;
    if (doc.error !== undefined) {
      problems.push(`${where}: not valid Kubernetes YAML (${doc.error}); skipped`);
      continue;
    }
    const readings = doc.readings.map(describeReading);
    const value = doc.value;
    if (value === null || value === undefined) continue; // an empty document
    const add = (object: unknown, label: string) => {
      if (typeof object !== 'object' || object === null || Array.isArray(object)) {
        problems.push(`${label}: not a Kubernetes object (found ${Array.isArray(object) ? 'a list' : typeof object}); skipped`);
        return;
      }
      const o = object as Record<string, any>;
      if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') {
        problems.push(`${label}: not a Kubernetes object (no apiVersion and kind); skipped`);
        return;
      }
      if (/List$/.test(o.kind) && Array.isArray(o.items)) {
        o.items.forEach((item: unknown, i: number) => add(item, `${label} item ${i + 1}`));
        return;
      }
      out.push({ manifest: o, origin: { file, documentIndex: index, readings: readings.length > 0 ? readings : undefined } });
    };
    add(value, where);
  }
  return out;
}

/** Runs the command; returns the exit code. */
export function main(argv: string[], io: AuditIo = defaultIo): number {
  const args = [...argv];
  if (args[0] !== 'audit' || args.includes('--help') || args.includes('-h')) {
    io.err(`${USAGE}\n`);
    return args.includes('--help') || args.includes('-h') ? 0 : 2;
  }
  args.shift();
  let stage: string | undefined;
  let format = 'markdown';
  const inputs: string[] = [];
  while (args.length > 0) {
    const a = args.shift()!;
    if (a === '--stage') {stage = args.shift();} else if (a === '--format') {format = args.shift() ?? '';} else if (a === '--') {inputs.push(...args.splice(0));} else if (a.startsWith('--')) {
      io.err(`cdk8s-expose audit: unknown option ${a}\n${USAGE}\n`);
      return 2;
    } else {inputs.push(a);}
  }
  let parsedStage: Stage | undefined;
  try {
    parsedStage = stage !== undefined ? ExposurePolicy.parseStage(stage, '--stage') : ExposurePolicy.stageFromEnvironment();
  } catch (e) {
    io.err(`cdk8s-expose audit: ${(e as Error).message}\n`);
    return 2;
  }
  if (!['markdown', 'json', 'mermaid'].includes(format)) {
    io.err(`cdk8s-expose audit: --format ${JSON.stringify(format)} is not one of markdown, json, mermaid\n`);
    return 2;
  }
  if (inputs.length === 0) {
    io.err(`cdk8s-expose audit: no files or folders given\n${USAGE}\n`);
    return 2;
  }

  const problems: string[] = [];
  const manifests = inputs.flatMap(input => collectFiles(input, problems)).flatMap(file => readManifests(file, problems));
  const report = ExposureReport._fromSourced(manifests, parsedStage, problems);
  io.out(format === 'json' ? report.toJson() : format === 'mermaid' ? report.toMermaid() : report.toMarkdown());
  for (const p of problems) io.err(`cdk8s-expose audit: ${p}\n`);
  for (const line of report.findingLines) io.err(`${line}\n`);
  if (report.hasBlockingFindings) return 1;
  return problems.length > 0 ? 2 : 0;
}
