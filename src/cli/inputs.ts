/**
 * How `audit` and `diff` read their inputs: files, folders and `-` (standard input), each
 * document read as Kubernetes reads YAML. Private to the CLI.
 */
import * as fs from 'fs';
import * as path from 'path';
import { AuditIo } from './io';
import { SourcedManifest } from '../model/model';
import { YamlDocument, describeReading, readYamlFile, readYamlStream } from '../yaml/kubernetes-yaml';

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
