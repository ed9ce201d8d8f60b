/**
 * YAML read the way Kubernetes reads it. kubectl and the API server decode YAML with
 * sigs.k8s.io/yaml, which uses go-yaml v2 (go.yaml.in/yaml/v2 `resolve.go`): YAML 1.1 scalars,
 * resolved with Go's number parsing. So a plain `026` is the octal 22, `0x1F` is 31, `0o17` is
 * 15, `1_000` is 1000, `08` is the float 8; `y`, `yes`, `on` (any of their listed spellings)
 * are true and `n`, `no`, `off` false; `~`, `null` and an empty value are null; `<<` merges
 * mappings; a timestamp-like scalar stays a string; quoted scalars are always strings. A
 * mapping that repeats a key is refused, as the API server's strict field validation (kubectl's
 * default) refuses a duplicate field.
 *
 * The library reads YAML with js-yaml and this schema; every plain scalar that YAML 1.2 (what
 * most editors and linters read) would read differently is recorded as a `Reading`, so that a
 * finding can say "026 is 22 as Kubernetes reads it".
 */
import * as fs from 'fs';
import { StringDecoder } from 'string_decoder';
import * as jsyaml from 'js-yaml';

/** A plain scalar that Kubernetes reads differently from YAML 1.2. */
export interface Reading {
  /** The scalar as written. */
  readonly text: string;
  /** What Kubernetes reads (YAML 1.1, go-yaml v2). */
  readonly value: unknown;
  /** What a YAML 1.2 reader would read. */
  readonly yaml12: unknown;
}

let collector: Reading[] | undefined;
/** Set when a document holds .inf or .nan, which Kubernetes cannot turn into JSON. */
let nonFinite: string | undefined;

function note(text: string, value: unknown): void {
  if (!collector) return;
  const yaml12 = readYaml12(text);
  if (!Object.is(yaml12, value)) collector.push({ text, value, yaml12 });
}

/** How the YAML 1.2 core schema reads a plain scalar (for the notes only). */
function readYaml12(text: string): unknown {
  if (/^(null|Null|NULL|~|)$/.test(text)) return null;
  if (/^(true|True|TRUE)$/.test(text)) return true;
  if (/^(false|False|FALSE)$/.test(text)) return false;
  if (/^[-+]?[0-9]+$/.test(text)) return parseInt(text, 10);
  if (/^0o[0-7]+$/.test(text)) return parseInt(text.slice(2), 8);
  if (/^0x[0-9a-fA-F]+$/.test(text)) return parseInt(text.slice(2), 16);
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(text)) return parseFloat(text);
  if (/^[-+]?\.(inf|Inf|INF)$/.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(nan|NaN|NAN)$/.test(text)) return NaN;
  return text;
}

const BOOLS = new Map<string, boolean>([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map(s => [s, true] as [string, boolean]),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map(s => [s, false] as [string, boolean]),
]);
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const SPECIAL_FLOATS = new Map<string, number>([
  ...['.nan', '.NaN', '.NAN'].map(s => [s, NaN] as [string, number]),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map(s => [s, Infinity] as [string, number]),
  ...['-.inf', '-.Inf', '-.INF'].map(s => [s, -Infinity] as [string, number]),
]);
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** go-yaml v2's timestamp guess: four digits and a dash, then a date Go's formats take. */
function looksLikeTimestamp(text: string): boolean {
  return /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(([Tt]|[ \t]+)[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]*)?([ \t]*(Z|[-+][0-9]{1,2}(:?[0-9]{2})?))?)?$/.test(text);
}

/** Go's `strconv.ParseInt(s, 0, 64)` (sign, then 0x, 0o, 0b, or a leading 0 for octal). */
function goParseInt(text: string): number | undefined {
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (!m) return undefined;
  const [, sign, digits] = m;
  let value: number;
  if (/^0[xX]/.test(digits)) value = parseInt(digits.slice(2), 16);
  else if (/^0[oO]/.test(digits)) value = parseInt(digits.slice(2), 8);
  else if (/^0[bB]/.test(digits)) value = parseInt(digits.slice(2), 2);
  else if (digits.length > 1 && digits.startsWith('0')) value = parseInt(digits.slice(1), 8);
  else value = parseInt(digits, 10);
  // Beyond 64 bits Go fails both ParseInt and ParseUint and falls back to a float.
  if (value > 18446744073709551615) return undefined;
  return sign === '-' ? -value : value;
}

/** What go-yaml v2 makes of a plain scalar that starts like a number; undefined for a string. */
function goNumber(text: string): number | undefined {
  const first = text[0];
  if (first === '.') {
    return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(text) ? parseFloat(text) : undefined;
  }
  const code = text.charCodeAt(0);
  // Only `-`, `+` or a digit can start a number here.
  if (!(code === 45 || code === 43 || (code >= 48 && code <= 57))) return undefined;
  if (looksLikeTimestamp(text)) return undefined;
  const plain = text.replace(/_/g, '');
  const asInt = goParseInt(plain);
  if (asInt !== undefined) return asInt;
  if (YAML_STYLE_FLOAT.test(plain)) return parseFloat(plain);
  return undefined;
}

const nullType = new jsyaml.Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: (data: string | null) => data === null || NULLS.has(data),
  construct: (data: string | null) => { note(data ?? '', null); return null; },
  predicate: (object: unknown) => object === null,
  represent: () => 'null',
});

const boolType = new jsyaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null && BOOLS.has(data),
  construct: (data: string) => { const value = BOOLS.get(data)!; note(data, value); return value; },
  predicate: (object: unknown) => typeof object === 'boolean',
  represent: (object: object) => String(object),
});

/** The last scalar `resolve` found a number, so that `construct`, called next for it, need not read it again. */
let lastNumber: { text: string; value: number } = { text: '', value: 0 };

function resolvedNumber(data: string): number | undefined {
  const value = SPECIAL_FLOATS.has(data) ? SPECIAL_FLOATS.get(data)! : goNumber(data);
  if (value !== undefined) lastNumber = { text: data, value };
  return value;
}

const numberType = new jsyaml.Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null && resolvedNumber(data) !== undefined,
  construct: (data: string) => {
    const value = lastNumber.text === data ? lastNumber.value : resolvedNumber(data)!;
    if (!Number.isFinite(value)) nonFinite = data;
    note(data, value);
    return value;
  },
  predicate: (object: unknown) => typeof object === 'number',
  represent: (object: object) => String(object),
});

/** The schema: YAML 1.1 as go-yaml v2 resolves it, with merge keys. */
export const KUBERNETES_YAML_SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({
  implicit: [nullType, boolType, numberType, (jsyaml as any).types.merge],
});

/** One document of a YAML stream, read as Kubernetes reads it. */
export interface YamlDocument {
  /** The document's position in the stream, from 0. */
  readonly index: number;
  /** The value, when the document could be read. */
  readonly value?: unknown;
  /** Why it could not be read (one line). */
  readonly error?: string;
  /** Plain scalars Kubernetes reads differently from YAML 1.2. */
  readonly readings: Reading[];
  /**
   * The line (from 1) of the document's first line in the stream: a `---` line, or the line
   * after the one that ended the previous document.
   */
  readonly startLine?: number;
  /** How many lines the document's text spans, from `startLine`. */
  readonly lineCount?: number;
  /** The line (from 1) where the document's content starts, after comments and blank lines. */
  readonly line?: number;
  /**
   * For a `List` (a document whose `items` is a list): the document's text, so that the reader
   * can find where each item starts (src/yaml/locate.ts). Lists are rare; other documents' text
   * is not kept.
   */
  readonly listText?: string;
}

/** The most aliases one document may use: more is refused, as an alias bomb would be. */
export const MAX_ALIASES = 100;

/** The line (from 0) of a text's first line that holds more than blanks and a comment. */
function firstContentLine(text: string): number {
  let line = 0;
  let at = 0;
  while (at < text.length) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    let k = at;
    while (k < end && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9 || text.charCodeAt(k) === 13)) k++;
    if (k < end && text.charCodeAt(k) !== 35) return line;
    at = end + 1;
    line++;
  }
  return 0;
}

/** Reads one document's text; `startLine` (from 1) is where its text starts in the stream. */
export function readYamlDocument(text: string, index: number, startLine?: number): YamlDocument {
  const doc = readDocumentValue(text, index);
  if (startLine === undefined) return doc;
  return {
    index: doc.index,
    value: doc.value,
    error: doc.error,
    readings: doc.readings,
    startLine,
    lineCount: countLines(text),
    line: startLine + firstContentLine(text),
    listText: isList(doc.value) ? text : undefined,
  };
}

function isList(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Array.isArray((value as any).items) && /List$/.test(String((value as any).kind));
}

function countLines(text: string): number {
  let n = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) n++;
  return n;
}

function readDocumentValue(text: string, index: number): YamlDocument {
  // Most documents have no `*` at all: no need to look for aliases.
  const aliases = text.indexOf('*') < 0 ? 0 : (text.match(/(^|[\s[{,])\*[^\s,\]}]+/g) ?? []).length;
  if (aliases > MAX_ALIASES) {
    return { index, error: `uses ${aliases} aliases, more than the ${MAX_ALIASES} allowed (a YAML alias bomb is refused)`, readings: [] };
  }
  const readings: Reading[] = [];
  collector = readings;
  nonFinite = undefined;
  try {
    const value = jsyaml.load(text, { schema: KUBERNETES_YAML_SCHEMA });
    if (nonFinite !== undefined) {
      return { index, error: `holds ${nonFinite}, which Kubernetes cannot read (JSON has no such number)`, readings: [] };
    }
    return { index, value, readings };
  } catch (e) {
    const message = e instanceof RangeError
      ? 'is nested too deeply to read'
      : (e as Error).message.split('\n')[0].replace(/^YAMLException: /, '')
        .replace(/^duplicated mapping key/, 'repeats a key (the API server refuses a duplicate field under strict field validation, kubectl\'s default)');
    return { index, error: message, readings: [] };
  } finally {
    collector = undefined;
  }
}

/** True for a line that holds something other than blanks, a comment or (`directives`) a directive. */
function hasContent(lines: string[], directives: boolean): boolean {
  return lines.some(l => l.trim() !== '' && !l.trimStart().startsWith('#') && !(directives && l.startsWith('%')));
}

/**
 * Splits a YAML stream, given as runs of lines, into documents at `---` lines (and after `...`),
 * without parsing, so a huge file is read one document at a time and a broken document spoils
 * only itself. One loop over plain arrays (bench/README.md, "Splitting documents").
 */
function* documentTexts(chunks: Iterable<string[]>): Generator<DocumentText> {
  let current: string[] = [];
  let started = false;
  // Lines counted from 1; `startLine` is the line of the current document's first line.
  let lineNumber = 0;
  let startLine = 1;
  for (const lines of chunks) {
    for (let k = 0; k < lines.length; k++) {
      const line = lines[k];
      lineNumber++;
      const first = line.charCodeAt(0);
      // `-` or `.`: the only lines that can end a document.
      if (first === 45 && /^---(\s|$)/.test(line)) {
        if (started || hasContent(current, true)) yield { text: current.join('\n'), startLine };
        // The document's text starts on the `---` line, with what follows the marker.
        current = [line.slice(3)];
        startLine = lineNumber;
        started = true;
        continue;
      }
      if (first === 46 && /^\.\.\.(\s|$)/.test(line)) {
        yield { text: current.join('\n'), startLine };
        current = [];
        startLine = lineNumber + 1;
        started = false;
        continue;
      }
      current.push(line);
    }
  }
  if (started || hasContent(current, false)) yield { text: current.join('\n'), startLine };
}

/** A document's text and the line (from 1) of its first line in the stream. */
interface DocumentText {
  readonly text: string;
  readonly startLine: number;
}

/** Reads every document of a YAML (or JSON) text. */
export function readYamlStream(text: string): YamlDocument[] {
  const out: YamlDocument[] = [];
  let index = 0;
  for (const doc of documentTexts([text.split(/\r?\n/)])) out.push(readYamlDocument(doc.text, index++, doc.startLine));
  return out;
}

/**
 * The lines of a file, read in chunks of 1 MiB and handed on a chunk at a time, so that a file
 * of hundreds of MB is never held whole (only the document being read is).
 */
function* fileLineChunks(file: string): Generator<string[]> {
  const fd = fs.openSync(file, 'r');
  const buffer = Buffer.alloc(1024 * 1024);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for (;;) {
      const read = fs.readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      const text = rest + decoder.write(buffer.subarray(0, read));
      const lines = text.split(/\r?\n/);
      rest = lines.pop() ?? '';
      yield lines;
    }
    rest += decoder.end();
    if (rest !== '') yield [rest];
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads every document of a file, one document at a time. */
export function* readYamlFile(file: string): Generator<YamlDocument> {
  let index = 0;
  for (const doc of documentTexts(fileLineChunks(file))) yield readYamlDocument(doc.text, index++, doc.startLine);
}

/** A reading as a finding says it: `026 is 22`. */
export function describeReading(reading: Reading): string {
  return `${reading.text} is ${JSON.stringify(reading.value)}`;
}
