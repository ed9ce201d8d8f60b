/**
 * The TypeScript examples of the Markdown docs, as programs: shared by the type check
 * (scripts/check-doc-snippets.ts) and the test that runs them (test/docs-snippets.test.ts), so
 * both see the same blocks.
 *
 * A block is a fenced block whose language is `ts` or `typescript`; every other language
 * (sh, yaml, python, jsonc, mermaid, plain) is not TypeScript and is left alone. A fragment is
 * completed with a fixture, as jsii-rosetta does: `fixture=NAME` on the fence line names
 * `rosetta/NAME.ts-fixture`; the block's imports and `declare` statements go above the fixture
 * and the rest replaces its `/// here` line. A block without `fixture=` gets the file's default
 * (for README.md, rosetta's `default`; for the guide in docs/, none: each block is a program).
 *
 * A block that shows an error on purpose says so to the reader with a line comment
 * `// Throws: <the message>` (all of it, or the part that matters); running it must throw an
 * error whose message contains that text.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/** The repository root. */
export const ROOT = path.resolve(__dirname, '..');

/** One TypeScript block of a Markdown file. */
export interface DocSnippet {
  /** The Markdown file, relative to the repository root. */
  readonly file: string;
  /** The 1-based line of the block's first line of code. */
  readonly line: number;
  /** The code as the reader sees it. */
  readonly source: string;
  /** The fixture that completes it, if any. */
  readonly fixture?: string;
  /** The whole program: the block completed with its fixture. */
  readonly program: string;
  /** The error message (its start) the block documents, from its `// Throws:` comment. */
  readonly throws?: string;
}

/** Where each block came from, for messages: `README.md:99`. */
export function snippetLocation(snippet: DocSnippet): string {
  return `${snippet.file}:${snippet.line}`;
}

const FENCE_OPEN = /^```(\S*)(.*)$/;
const FENCE_CLOSE = /^```\s*$/;
const THROWS = /^\s*\/\/\s*Throws:\s*(.+?)\s*$/m;

/**
 * The TypeScript blocks of one Markdown file.
 *
 * @param file the Markdown file (absolute, or relative to the repository root)
 * @param defaultFixture the fixture of a block that names none (README.md: `default`, as rosetta)
 */
export function extractSnippets(file: string, defaultFixture?: string): DocSnippet[] {
  const full = path.resolve(ROOT, file);
  const relative = path.relative(ROOT, full);
  const lines = fs.readFileSync(full, 'utf-8').split('\n');
  const snippets: DocSnippet[] = [];
  let open: { language: string; parameters: Record<string, string>; start: number; body: string[] } | undefined;
  lines.forEach((line, i) => {
    if (!open) {
      const fence = FENCE_OPEN.exec(line);
      if (fence) open = { language: fence[1], parameters: parseParameters(fence[2]), start: i + 2, body: [] };
      return;
    }
    if (!FENCE_CLOSE.test(line)) {
      open.body.push(line);
      return;
    }
    if (open.language === 'ts' || open.language === 'typescript') {
      const source = open.body.join('\n');
      const fixture = 'nofixture' in open.parameters ? undefined : open.parameters.fixture ?? defaultFixture;
      snippets.push({
        file: relative,
        line: open.start,
        source,
        fixture,
        program: fixture ? applyFixture(source, fixture) : source,
        throws: THROWS.exec(source)?.[1],
      });
    }
    open = undefined;
  });
  return snippets;
}

/**
 * The fixture of a block that names none: rosetta's `default` in the README (which rosetta
 * compiles), none elsewhere (each block of the guide is a program of its own).
 */
export function defaultFixtureOf(file: string): string | undefined {
  return path.resolve(ROOT, file) === path.join(ROOT, 'README.md') ? 'default' : undefined;
}

/** The Markdown files given (folders: their *.md files, sorted). */
export function markdownFiles(inputs: string[]): string[] {
  return inputs.flatMap(input => {
    const full = path.resolve(ROOT, input);
    if (!fs.existsSync(full)) throw new Error(`${input} does not exist`);
    return fs.statSync(full).isDirectory()
      ? fs.readdirSync(full).filter(f => f.endsWith('.md')).sort().map(f => path.join(full, f))
      : [full];
  });
}

/** The TypeScript blocks of README.md and of every docs/*.md file. */
export function allDocSnippets(): DocSnippet[] {
  return markdownFiles(['README.md', 'docs']).flatMap(f => extractSnippets(f, defaultFixtureOf(f)));
}

/** `fixture=full nofixture` -> `{ fixture: 'full', nofixture: '' }` (the fence line's parameters). */
function parseParameters(text: string): Record<string, string> {
  const parameters: Record<string, string> = {};
  for (const word of text.trim().split(/\s+/).filter(w => w !== '')) {
    const eq = word.indexOf('=');
    if (eq < 0) parameters[word] = '';
    else parameters[word.slice(0, eq)] = word.slice(eq + 1);
  }
  return parameters;
}

/**
 * Completes a block with `rosetta/<fixture>.ts-fixture`, as jsii-rosetta does: the block's
 * import and `declare` statements are hoisted above the fixture, the rest replaces `/// here`.
 */
export function applyFixture(source: string, fixture: string): string {
  const fixtureFile = path.join(ROOT, 'rosetta', `${fixture}.ts-fixture`);
  if (!fs.existsSync(fixtureFile)) throw new Error(`the example uses fixture=${fixture}, but ${path.relative(ROOT, fixtureFile)} does not exist`);
  const text = fs.readFileSync(fixtureFile, 'utf-8');
  const here = /[/]{3}[ \t]*here[ \t]*$/im;
  if (!here.test(text)) throw new Error(`${path.relative(ROOT, fixtureFile)} has no '/// here' line`);
  const sourceFile = ts.createSourceFile('snippet.ts', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  let hoisted = '';
  let statements = '';
  for (const statement of sourceFile.statements) {
    const isDeclare = ts.isVariableStatement(statement) && (statement.modifiers ?? []).some(m => m.kind === ts.SyntaxKind.DeclareKeyword);
    if (ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement) || isDeclare) {
      hoisted += statement.getFullText(sourceFile);
    } else {
      statements += statement.getFullText(sourceFile);
    }
  }
  // Comments after the last statement belong to the block too.
  statements += source.slice(sourceFile.statements.end);
  return `${hoisted}\n${text.replace(here, () => statements)}`;
}
