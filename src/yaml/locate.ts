/**
 * The line of a field in a YAML (or JSON) document: where a finding points a reviewer. A
 * document is read again for this only when one of its objects has a finding, after the whole
 * input was read, so that reading stays as fast as it was (bench/README.md); js-yaml's parse
 * events give the line where each key and each list item starts, in block style, flow style
 * and JSON alike. Private to the library.
 */
import * as fs from 'fs';
import * as jsyaml from 'js-yaml';
import { KUBERNETES_YAML_SCHEMA } from './kubernetes-yaml';

/** Where an object's document is in its file (the shape of the model's `DocumentSpan`). */
export interface SpanOfDocument {
  /** The file to read again; or, for standard input, its whole text. */
  readonly source: { readonly path?: string; readonly text?: string };
  /** The line (from 1) of the document's first line: its `---` line, if it has one. */
  readonly startLine: number;
  /** How many lines the document's text spans. */
  readonly lineCount: number;
  /** For an item of a `List`: its index in `items`. */
  readonly item?: number;
}

/** A node of a document's parse, with the line (from 1, in the file) where it starts. */
interface PositionNode {
  line: number;
  kind?: string;
  result?: unknown;
  readonly children: PositionNode[];
}

/** One step of a field path: a key, a list index, or the list item whose `key` is `value`. */
export type Step = { key: string } | { index: number } | { match: string; value: string };

/**
 * A field path as findings write it: keys separated by dots, `[2]` for a list item, and
 * `[name=https]` for the item whose `name` is `https` (`spec.listeners[name=https].tls`), and
 * `["a.b/c"]` for a key with dots (`metadata.annotations["cdk8s-expose/source-ranges"]`).
 */
export function parseFieldPath(field: string): Step[] {
  // The same few paths are asked for every finding: each is read once.
  const known = parsedPaths.get(field);
  if (known !== undefined) return known;
  const steps: Step[] = [];
  const pattern = /\["([^"]*)"\]|([^.[\]]+)|\[(\d+)\]|\[([^\]=]+)=([^\]]*)\]/g;
  for (let m = pattern.exec(field); m !== null; m = pattern.exec(field)) {
    if (m[1] !== undefined) steps.push({ key: m[1] });
    else if (m[2] !== undefined) steps.push({ key: m[2] });
    else if (m[3] !== undefined) steps.push({ index: Number(m[3]) });
    else steps.push({ match: m[4], value: m[5] });
  }
  if (parsedPaths.size < 1000) parsedPaths.set(field, steps);
  return steps;
}
const parsedPaths = new Map<string, Step[]>();

/** The parse tree of a document's text, lines counted from `firstLine`; undefined when it cannot be read. */
function positionTree(text: string, firstLine: number): PositionNode | undefined {
  const root: PositionNode = { line: firstLine, children: [] };
  const stack: PositionNode[] = [root];
  try {
    jsyaml.load(text, {
      schema: KUBERNETES_YAML_SCHEMA,
      listener: (event: string, state: any) => {
        if (event === 'open') {
          stack.push({ line: firstLine + state.line, children: [] });
        } else {
          let node = stack.pop()!;
          node.kind = state.kind;
          node.result = state.result;
          // A flow collection at the top of a block is one node inside another: keep the inner one.
          if (node.children.length === 1 && node.children[0].result === node.result) node = node.children[0];
          stack[stack.length - 1].children.push(node);
        }
      },
    } as jsyaml.LoadOptions);
  } catch {
    return undefined;
  }
  return root.children[0];
}

/** The value node of `key` in a mapping node, with the line of the key. */
function entry(node: PositionNode, key: string): { keyLine: number; value: PositionNode } | undefined {
  if (node.kind !== 'mapping') return undefined;
  for (let k = 0; k + 1 < node.children.length; k += 2) {
    if (String(node.children[k].result) === key) return { keyLine: node.children[k].line, value: node.children[k + 1] };
  }
  return undefined;
}

/** The line a node starts on: a mapping's first key (a list item's `- key:` line), else its own. */
function startOf(node: PositionNode): number {
  return node.kind === 'mapping' && node.children.length > 0 ? node.children[0].line : node.line;
}

/** The line of a path below a node, or undefined when the document does not have it. */
function lineOf(node: PositionNode, steps: Step[]): number | undefined {
  let current = node;
  let line = startOf(node);
  for (const step of steps) {
    if ('key' in step) {
      const found = entry(current, step.key);
      if (found === undefined) return undefined;
      line = found.keyLine;
      current = found.value;
      continue;
    }
    if (current.kind !== 'sequence') return undefined;
    const item = 'index' in step ? current.children[step.index]
      : current.children.find(c => { const e = entry(c, step.match); return e !== undefined && String(e.value.result) === step.value; });
    if (item === undefined) return undefined;
    line = startOf(item);
    current = item;
  }
  return line;
}

/** The line (from 1) where each item of a List document starts; `startLine` is its text's first line. */
export function listItemLines(text: string, startLine: number): number[] {
  const tree = positionTree(text, startLine);
  const items = tree === undefined ? undefined : entry(tree, 'items')?.value;
  return items?.kind === 'sequence' ? items.children.map(startOf) : [];
}

/** The scanner met something only a YAML parser reads right (flow style, quotes, anchors, merges, tabs). */
const UNSURE = -1;

/** Spaces before a line's content; UNSURE for a tab in the indentation. */
function indentOf(line: string): number {
  let k = 0;
  while (k < line.length && line.charCodeAt(k) === 32) k++;
  return k < line.length && line.charCodeAt(k) === 9 ? UNSURE : k;
}

/** True for a line with nothing but blanks or a comment. */
function isBlank(line: string): boolean {
  for (let k = 0; k < line.length; k++) {
    const c = line.charCodeAt(k);
    if (c === 35) return true; // #
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

const PLAIN_KEY = /^([A-Za-z0-9_./-]+):(?:[ \t]+(.*))?$/;

/** A block-mapping entry at `line`, from column `at`: its key and its inline value ('' for none). */
function keyAt(line: string, at: number): { key: string; value: string } | undefined {
  const m = PLAIN_KEY.exec(line.slice(at).replace(/[ \t]+#.*$/, '').trimEnd());
  return m ? { key: m[1], value: m[2] ?? '' } : undefined;
}

/**
 * The fast path of `lineOf` for block-style YAML, which is what cdk8s, Helm and kustomize write:
 * the lines are scanned by indentation, without parsing. Returns the line (from 1), undefined
 * when the document has no such field, or UNSURE when only a parser can tell.
 */
export function scanLine(lines: readonly string[], firstLine: number, steps: Step[]): number | undefined {
  // The current block: lines [lo, hi), entries at column `column` (the first at `first`, which
  // may start after a `- `).
  let lo = 0;
  let hi = lines.length;
  while (lo < hi && isBlank(lines[lo])) lo++;
  if (lo === hi) return undefined;
  let column = indentOf(lines[lo]);
  if (column === UNSURE) return UNSURE;
  let firstColumn = column;
  let line = lo;
  for (const step of steps) {
    if ('key' in step) {
      let found = -1;
      let value = '';
      for (let k = lo; k < hi; k++) {
        const text = lines[k];
        if (isBlank(text)) continue;
        const indent = k === lo ? firstColumn : indentOf(text);
        if (indent === UNSURE) return UNSURE;
        if (indent > column) continue;
        if (indent < column) break;
        // A list at its key's column belongs to the key above it.
        if (k !== lo && text.startsWith('-', indent)) continue;
        const pair = keyAt(text, indent);
        if (pair === undefined) return UNSURE; // a quoted key, a flow mapping, a merge, ...
        if (pair.key === step.key) {
          found = k;
          value = pair.value;
          break;
        }
      }
      if (found < 0) return undefined;
      line = found;
      if (value !== '') {
        // An inline value: a scalar (nothing below it), or flow style, an anchor or a tag.
        if (step === steps[steps.length - 1]) break;
        return /^[[{&*!|>]/.test(value) ? UNSURE : undefined;
      }
      // The value: the lines below, up to the next line at or left of this key's column.
      let end = found + 1;
      while (end < hi && (isBlank(lines[end]) || indentOf(lines[end]) > column || (lines[end].startsWith('-', column) && indentOf(lines[end]) === column))) end++;
      lo = found + 1;
      while (lo < end && isBlank(lines[lo])) lo++;
      hi = end;
      if (lo >= hi) return step === steps[steps.length - 1] ? found + firstLine : undefined;
      column = indentOf(lines[lo]);
      if (column === UNSURE) return UNSURE;
      firstColumn = column;
      continue;
    }
    // A list item: the lines of the block are `- ` items at one column.
    if (!lines[lo].startsWith('-', column) || (lines[lo].length > column + 1 && lines[lo][column + 1] !== ' ')) return UNSURE;
    const items: number[] = [];
    for (let k = lo; k < hi; k++) {
      if (isBlank(lines[k])) continue;
      const indent = k === lo ? column : indentOf(lines[k]);
      if (indent === UNSURE) return UNSURE;
      if (indent === column && lines[k].startsWith('-', column)) items.push(k);
      else if (indent <= column) break;
    }
    let index: number;
    if ('index' in step) {
      index = step.index;
    } else {
      // The item whose `match` key has the value: scanned as a key step inside each item.
      index = -1;
      for (let i = 0; i < items.length && index < 0; i++) {
        const value = itemValue(lines, items[i], i + 1 < items.length ? items[i + 1] : hi, column, step.match);
        if (value === UNSURE) return UNSURE;
        if (value === step.value) index = i;
      }
    }
    if (index < 0 || index >= items.length) return undefined;
    const start = items[index];
    const rest = lines[start].slice(column + 1);
    const inline = rest.trim();
    if (inline === '' || inline.startsWith('#')) {
      // `-` alone: the item starts on its next content line.
      lo = start + 1;
      while (lo < hi && isBlank(lines[lo])) lo++;
      hi = index + 1 < items.length ? items[index + 1] : hi;
      if (lo >= hi) return undefined;
      column = indentOf(lines[lo]);
      if (column === UNSURE) return UNSURE;
      firstColumn = column;
      line = lo;
    } else {
      if (/^[[{&*!|>"']/.test(inline)) return step === steps[steps.length - 1] ? start + firstLine : UNSURE;
      const inner = column + 1 + (rest.length - rest.trimStart().length);
      lo = start;
      hi = index + 1 < items.length ? items[index + 1] : hi;
      firstColumn = inner;
      column = inner;
      line = start;
    }
  }
  return line + firstLine;
}

/** The plain value of `key` in the mapping of a list item (lines [start, end), `- ` at `column`). */
function itemValue(lines: readonly string[], start: number, end: number, column: number, key: string): string | undefined | typeof UNSURE {
  const rest = lines[start].slice(column + 1);
  const inner = column + 1 + (rest.length - rest.trimStart().length);
  if (/^[[{&*!"']/.test(rest.trimStart())) return UNSURE;
  for (let k = start; k < end; k++) {
    if (isBlank(lines[k])) continue;
    const indent = k === start ? inner : indentOf(lines[k]);
    if (indent !== inner) continue;
    const pair = keyAt(lines[k], indent);
    if (pair === undefined) return UNSURE;
    if (pair.key === key) return /^["'&*!{[]/.test(pair.value) ? UNSURE : pair.value;
  }
  return undefined;
}

/** Where an object and one of its fields are. */
export interface FieldLines {
  /** The line (from 1) where the object starts. */
  readonly line: number;
  /** The first of the asked fields that the object has, and its line. */
  readonly field?: string;
  readonly fieldLine?: number;
}

/**
 * Finds lines in the documents of files read before, reading each file again at most once
 * (its lines are kept until the locator is dropped; a document's parse is not kept).
 */
export class FieldLocator {
  private readonly files = new Map<string, string[] | undefined>();

  /**
   * For each list of fields (paths from the object), the line of the object and of the first
   * of the fields it has; the document is parsed once for all of them. Undefined entries when
   * the file cannot be read again or the document no longer parses.
   */
  public locate(span: SpanOfDocument, fieldLists: ReadonlyArray<readonly string[]>): Array<FieldLines | undefined> {
    const text = this.textOf(span);
    if (text === undefined) return fieldLists.map(() => undefined);
    // Block style, as generators write it: scanned by indentation; a parse only when unsure.
    if (span.item === undefined) {
      const fast = fieldLists.map(fields => {
        for (const field of fields) {
          const found = scanLine(text, span.startLine, parseFieldPath(field));
          if (found === UNSURE) return UNSURE;
          if (found !== undefined) return { line: span.startLine, field, fieldLine: found };
        }
        return { line: span.startLine };
      });
      if (!fast.includes(UNSURE)) return fast as FieldLines[];
    }
    const tree = positionTree(text.join('\n'), span.startLine);
    const object = tree === undefined ? undefined : span.item === undefined ? tree : entry(tree, 'items')?.value.children[span.item];
    return fieldLists.map(fields => {
      if (object === undefined) return undefined;
      const line = startOf(object);
      for (const field of fields) {
        const fieldLine = lineOf(object, parseFieldPath(field));
        if (fieldLine !== undefined) return { line, field, fieldLine };
      }
      return { line };
    });
  }

  /** The lines of a document's text, as the reader cut it. */
  private textOf(span: SpanOfDocument): string[] | undefined {
    const lines = this.linesOf(span.source);
    if (lines === undefined) return undefined;
    const text = lines.slice(span.startLine - 1, span.startLine - 1 + span.lineCount);
    // A document that starts at a `---` line starts after the marker (as the reader cut it).
    if (text.length > 0 && /^---(\s|$)/.test(text[0])) text[0] = text[0].slice(3);
    return text;
  }

  private linesOf(source: SpanOfDocument['source']): string[] | undefined {
    if (source.text !== undefined) {
      const key = '\u0000text';
      // One text per locator at most (standard input is read once).
      if (!this.files.has(key)) this.files.set(key, source.text.split(/\r?\n/));
      return this.files.get(key);
    }
    const file = source.path!;
    if (!this.files.has(file)) {
      let lines: string[] | undefined;
      try {
        lines = fs.readFileSync(file, 'utf-8').split(/\r?\n/);
      } catch {
        lines = undefined;
      }
      this.files.set(file, lines);
    }
    return this.files.get(file);
  }
}

/** The line of a field by a full parse (what the scanner must agree with; for tests). */
export function lineByParse(lines: readonly string[], firstLine: number, field: string): number | undefined {
  const tree = positionTree(lines.join('\n'), firstLine);
  return tree === undefined ? undefined : lineOf(tree, parseFieldPath(field));
}
