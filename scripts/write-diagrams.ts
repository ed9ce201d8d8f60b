/**
 * Writes every diagram the report tests draw (test/report/diagram-cases.ts) into a folder, for
 * scripts/render-diagrams.mjs: `<case>.mmd` (the whole diagram, as `toMermaid()` and
 * exposure-report.mmd give it), `<case>.md` (the Markdown report) and, when the Markdown's
 * diagram differs from the whole one (an App bigger than GitHub renders), `<case>.markdown.mmd`.
 *
 * Usage: ts-node --transpile-only scripts/write-diagrams.ts <folder>
 *        ts-node --transpile-only scripts/write-diagrams.ts --example <file.mmd>   (the README's picture's source)
 */
import * as fs from 'fs';
import * as path from 'path';
import { DIAGRAM_CASES, DIFF_CASES } from '../test/report/diagram-cases';

if (process.argv[2] === '--example') {
  const example = DIAGRAM_CASES.find(c => c.name === 'example-app')!;
  fs.writeFileSync(process.argv[3], example.report().toMermaid());
  process.exit(0);
}
const folder = process.argv[2];
if (!folder) {
  process.stderr.write('usage: write-diagrams.ts <folder>\n');
  process.exit(2);
}
fs.mkdirSync(folder, { recursive: true });
for (const { name, report: make } of DIAGRAM_CASES) {
  const report = make();
  const whole = report.toMermaid();
  const markdown = report.toMarkdown();
  fs.writeFileSync(path.join(folder, `${name}.mmd`), whole);
  fs.writeFileSync(path.join(folder, `${name}.md`), markdown);
  const blocks = [...markdown.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map(m => `${m[1]}\n`);
  if (blocks.length !== 1) throw new Error(`${name}: the Markdown report has ${blocks.length} mermaid blocks; it must have one`);
  if (blocks[0] !== whole) fs.writeFileSync(path.join(folder, `${name}.markdown.mmd`), blocks[0]);
}
// An exposure diff draws what changed: its Markdown's block.
for (const { name, diff } of DIFF_CASES) {
  const markdown = diff().toMarkdown();
  fs.writeFileSync(path.join(folder, `${name}.md`), markdown);
  const blocks = [...markdown.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map(m => `${m[1]}\n`);
  if (blocks.length !== 1) throw new Error(`${name}: the diff's Markdown has ${blocks.length} mermaid blocks; it must have one`);
  fs.writeFileSync(path.join(folder, `${name}.markdown.mmd`), blocks[0]);
}
process.stdout.write(`wrote ${DIAGRAM_CASES.length + DIFF_CASES.length} cases to ${folder}\n`);
