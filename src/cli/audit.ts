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
import { parseArgs } from 'util';

import { STAGE_ANNOTATION } from '../annotations';
import { SourcedManifest } from '../model/model';
import { ExposurePolicy } from '../policy/stage';
import { Stage, StageMapping, parseStageMapping, withObjectStages } from '../policy/stages';
import { ExposureDiff, ExposureReport } from '../report/report';
import { YamlDocument, describeReading, readYamlFile, readYamlStream } from '../yaml/kubernetes-yaml';

const USAGE = `usage: cdk8s-expose audit [--stage development|staging|production] [--stage-for PATTERN=STAGE]... [--format markdown|json|mermaid] <file, folder or ->...

Reads Kubernetes YAML or JSON the way kubectl does (multi-document; folders are read
recursively for .yaml, .yml and .json; - reads standard input), prints what is exposed where,
and runs the cdk8s-expose rules.
Each object is judged at its own stage: its annotation ${STAGE_ANNOTATION} (written by
ExposurePolicy.apply with a stage), else the first --stage-for whose pattern matches its file,
else --stage.
  --stage=STAGE    judge the other objects at this stage (default: CDK8S_EXPOSE_STAGE, else
                   none: only the Kubernetes and always-on safety rules fail)
  --stage-for=PATTERN=STAGE
                   judge the objects of files matching PATTERN at STAGE (repeatable; * within
                   a folder, ** across folders), e.g. --stage-for 'dist/prod*.yaml=production'
  --format=FORMAT  markdown (default), json or mermaid
  --help           this text
  --version        the version of cdk8s-expose
Files that are not Kubernetes manifests (the exposure report, cdk8s's construct metadata, JSON
without apiVersion and kind) are skipped with a note.
Exit codes: 0 clean, 1 a rule failed, 2 usage error, unreadable input or nothing to audit.`;

/** Files cdk8s and this library write next to the manifests, which are not manifests. */
const NOT_MANIFESTS = /(^|[\\/])(exposure-report\.json|construct-metadata\.json|cdk8s\.ya?ml)$/;

/** Where the command writes; tests pass their own. */
export interface AuditIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** A wait of one millisecond, without a busy loop, while a full pipe drains. */
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Standard output, written through before the next piece: `process.stdout.write` queues what a
 * full pipe cannot take yet, so the report of 100,000 objects piped to another program was held
 * in memory whole. A reader that goes away (`| head`) ends the output quietly.
 */
function writeOut(text: string): void {
  if (stdoutClosed) return;
  const bytes = Buffer.from(text, 'utf-8');
  let written = 0;
  while (written < bytes.length) {
    try {
      written += fs.writeSync(1, bytes, written, bytes.length - written);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 1);
        continue;
      }
      if (code === 'EPIPE') {
        stdoutClosed = true;
        return;
      }
      throw e;
    }
  }
}
let stdoutClosed = false;

const defaultIo: AuditIo = {
  out: writeOut,
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
export function readManifests(file: string, problems: string[], notes: string[] = [], label: string = file): SourcedManifest[] {
  if (file !== '-' && !fs.existsSync(file)) {
    problems.push(`${label}: cannot be read (no such file)`);
    return [];
  }
  const out: SourcedManifest[] = [];
  let docs: YamlDocument[];
  try {
    // Standard input is read whole (a pipe cannot be read in chunks synchronously everywhere).
    docs = file === '-' ? readYamlStream(fs.readFileSync(0, 'utf-8')) : [...readYamlFile(file)];
  } catch (e) {
    problems.push(`${label}: cannot be read (${(e as Error).message})`);
    return [];
  }
  const isJson = /\.json$/i.test(file);
  for (const doc of docs) {
    const index = doc.index;
    const where = `${label} document ${index + 1}`;
    if (doc.error !== undefined) {
      problems.push(`${where}: not valid Kubernetes YAML (${doc.error}); skipped`);
      continue;
    }
    const readings = doc.readings.map(describeReading);
    const value = doc.value;
    if (value === null || value === undefined) continue; // an empty document
    const add = (object: unknown, at: string) => {
      if (typeof object !== 'object' || object === null || Array.isArray(object)) {
        problems.push(`${at}: not a Kubernetes object (found ${Array.isArray(object) ? 'a list' : typeof object}); skipped`);
        return;
      }
      const o = object as Record<string, any>;
      if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') {
        // A JSON file that is no manifest at all (a tool's output) is passed over with a note.
        if (isJson && docs.length === 1) notes.push(`${at}: JSON without apiVersion and kind, not a Kubernetes manifest; skipped`);
        else problems.push(`${at}: not a Kubernetes object (no apiVersion and kind); skipped`);
        return;
      }
      if (/List$/.test(o.kind) && Array.isArray(o.items)) {
        o.items.forEach((item: unknown, i: number) => add(item, `${at} item ${i + 1}`));
        return;
      }
      out.push({ manifest: o, origin: { file: label, documentIndex: index, readings: readings.length > 0 ? readings : undefined } });
    };
    add(value, where);
  }
  return out;
}

function version(): string {
  // The package.json of this package: two folders up from lib/cli/ (and from src/cli/).
  try {
    return JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf-8')).version;
  } catch {
    return 'unknown';
  }
}

/**
 * Reads files, folders and `-` (standard input) as the audit and the diff read them: files that
 * are not Kubernetes manifests are skipped with a note, printed at once; problems are returned.
 */
function readInputs(inputs: string[], io: AuditIo): { manifests: SourcedManifest[]; problems: string[] } {
  const problems: string[] = [];
  const notes: string[] = [];
  const files = inputs.flatMap(input => (input === '-' ? ['-'] : collectFiles(input, problems)));
  const manifests = files.flatMap(file => {
    if (file !== '-' && NOT_MANIFESTS.test(file)) {
      notes.push(`${file}: not a Kubernetes manifest (written by cdk8s or cdk8s-expose); skipped`);
      return [];
    }
    return readManifests(file, problems, notes, file === '-' ? '(standard input)' : file);
  });
  for (const note of notes) io.err(`cdk8s-expose: note: ${note}\n`);
  return { manifests, problems };
}

const DIFF_USAGE = `usage: cdk8s-expose diff [--format markdown|json] [--fail-on-widen] <before> <after>

Compares the exposure of two sets of Kubernetes YAML (files or folders, e.g. the main branch's
dist/ and this branch's): what became reachable from a wider scope, what narrowed, what did not
change. Markdown for a pull-request comment, JSON for machines.
  --fail-on-widen  exit 1 when anything widened
Exit codes: 0 done, 1 something widened and --fail-on-widen was given, 2 usage error or unreadable input.`;

/** `cdk8s-expose diff <before> <after>`. */
function diffMain(args: string[], io: AuditIo): number {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { 'format': { type: 'string', default: 'markdown' }, 'fail-on-widen': { type: 'boolean' }, 'help': { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    io.err(`cdk8s-expose diff: ${(e as Error).message}\n${DIFF_USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(`${DIFF_USAGE}\n`);
    return 0;
  }
  const format = String(values.format);
  if (!['markdown', 'json'].includes(format) || positionals.length !== 2) {
    io.err(`cdk8s-expose diff: ${positionals.length !== 2 ? `needs a before and an after (got ${positionals.length})` : `--format ${JSON.stringify(format)} is not one of markdown, json`}\n${DIFF_USAGE}\n`);
    return 2;
  }
  const [before, after] = positionals.map(input => readInputs([input], io));
  const problems = [...before.problems, ...after.problems];
  const reportOf = (manifests: SourcedManifest[]) => ExposureReport._fromSourced(manifests, undefined, []);
  const diff = ExposureDiff.between(reportOf(before.manifests), reportOf(after.manifests));
  io.out(format === 'json' ? diff.toJson() : diff.toMarkdown());
  for (const p of problems) io.err(`cdk8s-expose diff: ${p}\n`);
  if (problems.length > 0) return 2;
  return values['fail-on-widen'] && diff.hasWidened ? 1 : 0;
}

/** Runs the command; returns the exit code. */
export function main(argv: string[], io: AuditIo = defaultIo): number {
  if (argv[0] === '--version') {
    io.out(`${version()}\n`);
    return 0;
  }
  if (argv[0] === '--help' || argv[0] === '-h' || argv.length === 0) {
    (argv.length === 0 ? io.err : io.out)(`${USAGE}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  if (argv[0] === 'diff') return diffMain(argv.slice(1), io);
  if (argv[0] !== 'audit') {
    io.err(`cdk8s-expose: unknown command ${JSON.stringify(argv[0])} (the commands are audit and diff)\n${USAGE}\n`);
    return 2;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv.slice(1),
      allowPositionals: true,
      strict: true,
      options: {
        'stage': { type: 'string' },
        'stage-for': { type: 'string', multiple: true },
        'format': { type: 'string', default: 'markdown' },
        'help': { type: 'boolean', short: 'h' },
        'version': { type: 'boolean' },
      },
    });
  } catch (e) {
    io.err(`cdk8s-expose audit: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals: inputs } = parsed;
  if (values.help) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  if (values.version) {
    io.out(`${version()}\n`);
    return 0;
  }
  const format = String(values.format);
  let parsedStage: Stage | undefined;
  let mappings: StageMapping[];
  try {
    parsedStage = values.stage !== undefined ? ExposurePolicy.parseStage(String(values.stage), '--stage') : ExposurePolicy.stageFromEnvironment();
    mappings = ((values['stage-for'] ?? []) as string[]).map(text => parseStageMapping(text, '--stage-for'));
  } catch (e) {
    io.err(`cdk8s-expose audit: ${(e as Error).message}\n`);
    return 2;
  }
  if (!['markdown', 'json', 'mermaid'].includes(format)) {
    io.err(`cdk8s-expose audit: --format ${JSON.stringify(format)} is not one of markdown, json, mermaid\n`);
    return 2;
  }
  if (inputs.length === 0) {
    io.err(`cdk8s-expose audit: no files or folders given (use - for standard input)\n${USAGE}\n`);
    return 2;
  }

  const read = readInputs(inputs, io);
  const problems = read.problems;
  if (read.manifests.length === 0 && problems.length === 0) {
    io.err('cdk8s-expose audit: nothing to audit: no Kubernetes object in the input\n');
    return 2;
  }
  const manifests = withObjectStages(read.manifests, mappings, problems);
  const report = ExposureReport._fromSourced(manifests, parsedStage, problems);
  // The JSON and Markdown of a large input are written in pieces, never held whole.
  if (format === 'json') report._writeJson(io.out);
  else if (format === 'markdown') report._writeMarkdown(io.out);
  else io.out(report.toMermaid());
  for (const p of problems) io.err(`cdk8s-expose audit: ${p}\n`);
  for (const line of report.findingLines) io.err(`${line}\n`);
  if (report.hasBlockingFindings) return 1;
  return problems.length > 0 ? 2 : 0;
}
