/**
 * How `audit` and `diff` read their inputs: files, folders and `-` (standard input), each
 * document read as Kubernetes reads YAML. Private to the CLI.
 */
import * as fs from 'fs';
import * as path from 'path';
import { AuditIo } from './io';
import { DocumentSpan, SourcedManifest } from '../model/model';
import { YamlDocument, describeReading, readYamlFile, readYamlStream } from '../yaml/kubernetes-yaml';
import { listItemLines } from '../yaml/locate';

/** Files cdk8s and this library write next to the manifests, which are not manifests. */
const NOT_MANIFESTS = /(^|[\\/])(exposure-report\.json|construct-metadata\.json|cdk8s\.ya?ml)$/;

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
  let docs: Iterable<YamlDocument>;
  // Where a finding's field is looked up later: the file is read again then; standard input,
  // which cannot be, is kept (it is read whole anyway).
  let source: DocumentSpan['source'];
  try {
    if (file === '-') {
      // Standard input is read whole (a pipe cannot be read in chunks synchronously everywhere).
      const text = fs.readFileSync(0, 'utf-8');
      source = { text };
      docs = readYamlStream(text);
    } else {
      source = { path: file };
      docs = readYamlFile(file);
    }
  } catch (e) {
    problems.push(`${label}: cannot be read (${(e as Error).message})`);
    return [];
  }
  const isJson = /\.json$/i.test(file);
  // A JSON file that is no manifest at all (a tool's output) is passed over with a note, when
  // it is its only document: known only once every document is read.
  let notManifest: string | undefined;
  let count = 0;
  try {
    for (const doc of docs) {
      count++;
      const index = doc.index;
      const where = `${label} document ${index + 1}`;
      if (doc.error !== undefined) {
        problems.push(`${where}: not valid Kubernetes YAML (${doc.error}); skipped`);
        continue;
      }
      const readings = doc.readings.map(describeReading);
      const value = doc.value;
      if (value === null || value === undefined) continue; // an empty document
      const itemLines = doc.listText !== undefined && doc.startLine !== undefined ? listItemLines(doc.listText, doc.startLine) : undefined;
      const span = (item?: number): DocumentSpan | undefined => (doc.startLine === undefined ? undefined
        : { source, startLine: doc.startLine, lineCount: doc.lineCount ?? 1, item });
      const add = (object: unknown, at: string, item?: number) => {
        if (typeof object !== 'object' || object === null || Array.isArray(object)) {
          problems.push(`${at}: not a Kubernetes object (found ${Array.isArray(object) ? 'a list' : typeof object}); skipped`);
          return;
        }
        const o = object as Record<string, any>;
        if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') {
          if (isJson && index === 0) notManifest = `${at}: JSON without apiVersion and kind, not a Kubernetes manifest; skipped`;
          else problems.push(`${at}: not a Kubernetes object (no apiVersion and kind); skipped`);
          return;
        }
        if (/List$/.test(o.kind) && Array.isArray(o.items)) {
          // Only the items of a top-level List can be found again by their index.
          o.items.forEach((entry: unknown, i: number) => add(entry, `${at} item ${i + 1}`, item === undefined && at === where ? i : undefined));
          return;
        }
        const line = item !== undefined ? itemLines?.[item] ?? doc.line : doc.line;
        out.push({
          manifest: o,
          origin: { file: label, documentIndex: index, line, span: span(item), readings: readings.length > 0 ? readings : undefined },
        });
      };
      add(value, where);
    }
  } catch (e) {
    problems.push(`${label}: cannot be read (${(e as Error).message})`);
    return out;
  }
  if (notManifest !== undefined) (count === 1 ? notes : problems).push(count === 1 ? notManifest : notManifest.replace(/: JSON without apiVersion and kind, not a Kubernetes manifest; skipped$/, ': not a Kubernetes object (no apiVersion and kind); skipped'));
  return out;
}

export /**
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
