/**
 * Type-checks every ```ts block of the Markdown files in the given folders against the
 * library's sources, so that the guide's examples cannot drift from the API. Each block is
 * compiled as its own module; `import ... from 'cdk8s-expose'` resolves to src/.
 *
 * Usage: ts-node scripts/check-doc-snippets.ts docs [more folders or files]
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const root = path.resolve(__dirname, '..');
const inputs = process.argv.slice(2);
if (inputs.length === 0) {
  console.error('usage: check-doc-snippets <folder or file.md>...');
  process.exit(2);
}

const files = inputs.flatMap(input => {
  const full = path.resolve(root, input);
  if (!fs.existsSync(full)) return [];
  return fs.statSync(full).isDirectory()
    ? fs.readdirSync(full).filter(f => f.endsWith('.md')).map(f => path.join(full, f))
    : [full];
});

const outDir = path.join(root, '.tmp', 'doc-snippets');
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });

const snippetFiles: string[] = [];
const origin = new Map<string, string>();
for (const file of files) {
  const lines = fs.readFileSync(file, 'utf-8').split('\n');
  let inBlock = false;
  let start = 0;
  let body: string[] = [];
  lines.forEach((line, i) => {
    if (!inBlock && /^```(ts|typescript)\s*$/.test(line)) {
      inBlock = true;
      start = i + 1;
      body = [];
    } else if (inBlock && /^```\s*$/.test(line)) {
      inBlock = false;
      const name = path.join(outDir, `${path.basename(file, '.md')}-${start}.ts`);
      // Each block is a module of its own (so top-level names do not collide).
      fs.writeFileSync(name, `${body.join('\n')}\nexport {};\n`);
      snippetFiles.push(name);
      origin.set(name, `${path.relative(root, file)}:${start}`);
    } else if (inBlock) {
      body.push(line);
    }
  });
}

const program = ts.createProgram(snippetFiles, {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2020,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  esModuleInterop: true,
  skipLibCheck: true,
  types: ['node'],
  baseUrl: root,
  paths: { 'cdk8s-expose': ['src/index.ts'] },
});
const diagnostics = ts.getPreEmitDiagnostics(program).filter(d => d.file && snippetFiles.includes(path.resolve(d.file.fileName)));
for (const d of diagnostics) {
  const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
  const [file, startLine] = origin.get(path.resolve(d.file!.fileName))!.split(':');
  console.error(`${file}:${Number(startLine) + line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}
if (diagnostics.length > 0) {
  console.error(`${diagnostics.length} error(s) in documentation examples`);
  process.exit(1);
}
console.log(`docs: ${snippetFiles.length} TypeScript example(s) in ${files.length} file(s) compile`);
