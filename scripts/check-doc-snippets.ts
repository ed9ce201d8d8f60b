/**
 * Type-checks every ```ts block of the Markdown files in the given folders against the
 * library's sources, so that the guide's examples cannot drift from the API. Each block
 * (completed with its fixture, see scripts/doc-snippets.ts) is compiled as its own module;
 * `import ... from 'cdk8s-expose'` resolves to src/. test/docs-snippets.test.ts runs the same
 * blocks.
 *
 * Usage: ts-node scripts/check-doc-snippets.ts docs [more folders or files]
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { defaultFixtureOf, DocSnippet, extractSnippets, markdownFiles, ROOT } from './doc-snippets';

const inputs = process.argv.slice(2);
if (inputs.length === 0) {
  console.error('usage: check-doc-snippets <folder or file.md>...');
  process.exit(2);
}

const files = markdownFiles(inputs);
const outDir = path.join(ROOT, '.tmp', 'doc-snippets');
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });

const origin = new Map<string, DocSnippet>();
for (const file of files) {
  for (const snippet of extractSnippets(file, defaultFixtureOf(file))) {
    const name = path.join(outDir, `${path.basename(file, '.md')}-${snippet.line}.ts`);
    // Each block is a module of its own (so top-level names do not collide).
    fs.writeFileSync(name, `${snippet.program}\nexport {};\n`);
    origin.set(name, snippet);
  }
}
const snippetFiles = [...origin.keys()];

const program = ts.createProgram(snippetFiles, {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2020,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  esModuleInterop: true,
  skipLibCheck: true,
  types: ['node'],
  baseUrl: ROOT,
  paths: { 'cdk8s-expose': ['src/index.ts'] },
});
const diagnostics = ts.getPreEmitDiagnostics(program).filter(d => d.file && origin.has(path.resolve(d.file.fileName)));
for (const d of diagnostics) {
  const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
  const snippet = origin.get(path.resolve(d.file!.fileName))!;
  // Without a fixture the program is the block, line for line; with one, name the program's line.
  const where = snippet.fixture
    ? `${snippet.file}:${snippet.line} (line ${line + 1} of the block completed with fixture=${snippet.fixture})`
    : `${snippet.file}:${snippet.line + line}`;
  console.error(`${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}
if (diagnostics.length > 0) {
  console.error(`${diagnostics.length} error(s) in documentation examples`);
  process.exit(1);
}
console.log(`docs: ${snippetFiles.length} TypeScript example(s) in ${files.length} file(s) compile`);
