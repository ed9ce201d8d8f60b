// Renders every .mmd file of a folder with mermaid-cli in Debian's chromium, as a reviewer's
// browser would: an SVG checked for its labels, and a PNG at a pull-request comment's width
// (800 px) for the CI artifact. Fails on any parse or render error, on a diagram Mermaid refuses
// for its size, and on a node whose label is empty or a bare internal id (n12, g3_internet).
//
// Usage: node scripts/render-diagrams.mjs <folder of .mmd> <output folder>
// The browser is the executablePath of scripts/puppeteer-config.json (scripts/render-diagrams.sh
// installs Debian's chromium there).
import { readFileSync, readdirSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer';
import { renderMermaid } from '@mermaid-js/mermaid-cli';

const here = dirname(fileURLToPath(import.meta.url));
const [source, output] = process.argv.slice(2);
if (!source || !output) {
  console.error('usage: render-diagrams.mjs <folder of .mmd> <output folder>');
  process.exit(2);
}
mkdirSync(output, { recursive: true });

// Mermaid's defaults, which GitHub renders with (mermaid-js/mermaid, config.schema.yaml).
const GITHUB = { maxTextSize: 50000, maxEdges: 500 };
// A whole diagram bigger than that (exposure-report.mmd of a large App) is rendered as
// docs/exposure-report.md says to render it large: with both limits raised.
const LARGE = { maxTextSize: 10_000_000, maxEdges: 100_000 };

const decode = text => text.replace(/<br\s*\/?>/g, '\n').replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
  .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').trim();

/** The problems of a rendered SVG: labels that are empty or a bare internal id, nodes missing. */
function labelProblems(svg, definition) {
  const problems = [];
  const declared = new Set();
  for (const m of definition.matchAll(/^\s+(\w+)(?:\[|\(|\{|>)/gm)) if (m[1] !== 'subgraph') declared.add(m[1]);
  const drawn = new Map();
  for (const m of svg.matchAll(/<g class="node[^"]*" id="(?:[\w-]*-)?flowchart-(\w+?)-\d+"[^>]*>([\s\S]*?)<\/g><\/g>/g)) {
    const label = m[2].match(/<span[^>]*class="nodeLabel[^"]*"[^>]*>([\s\S]*?)<\/span>/);
    drawn.set(m[1], label ? decode(label[1]) : '');
  }
  for (const id of declared) if (!drawn.has(id)) problems.push(`node ${id} is declared but not drawn`);
  for (const [id, label] of drawn) {
    if (label === '') problems.push(`node ${id} has no label`);
    else if (/^(n\d+|g\d+(_\w+)?)$/.test(label) || label === id) problems.push(`node ${id} is labelled with a bare internal id: ${label}`);
  }
  for (const m of svg.matchAll(/<g class="cluster[^"]*" id="(?:[\w-]*-)?(\w+)"[\s\S]*?<span class="nodeLabel[^"]*"[^>]*>([\s\S]*?)<\/span>/g)) {
    if (!/^namespace |^no namespace$/.test(decode(m[2]))) problems.push(`subgraph ${m[1]} is labelled ${JSON.stringify(decode(m[2]))}`);
  }
  if (/Maximum text size in diagram exceeded|Syntax error in text|Too many edges|Edge limit exceeded/.test(svg)) problems.push('Mermaid drew an error instead of the diagram');
  return problems;
}

const launch = JSON.parse(readFileSync(join(here, 'puppeteer-config.json'), 'utf-8'));
const browser = await puppeteer.launch({ headless: true, ...launch });
const rows = [];
let failed = 0;
try {
  for (const file of readdirSync(source).filter(f => f.endsWith('.mmd')).sort()) {
    const definition = readFileSync(join(source, file), 'utf-8');
    const name = basename(file, '.mmd');
    const edges = (definition.match(/ (-->|-\.->|~~~)/g) ?? []).length;
    const large = definition.length > GITHUB.maxTextSize || edges > GITHUB.maxEdges;
    if (large && file.endsWith('.markdown.mmd')) {
      console.error(`${file}: ${definition.length} characters, ${edges} edges: the Markdown report's diagram is bigger than GitHub renders`);
      failed++;
      continue;
    }
    const mermaidConfig = large ? LARGE : GITHUB;
    const started = Date.now();
    try {
      const svg = Buffer.from((await renderMermaid(browser, definition, 'svg', { mermaidConfig })).data).toString('utf-8');
      writeFileSync(join(output, `${name}.svg`), svg);
      const problems = labelProblems(svg, definition);
      for (const p of problems) console.error(`${file}: ${p}`);
      if (problems.length > 0) failed++;
      const png = await renderMermaid(browser, definition, 'png', { mermaidConfig, viewport: { width: 800, height: 600, deviceScaleFactor: 1 } });
      writeFileSync(join(output, `${name}.png`), png.data);
      const width = Number((svg.match(/max-width:\s*([\d.]+)px/) ?? [])[1] ?? NaN);
      rows.push([file, definition.length, edges, Math.round(width), width > 800 ? `${Math.round(80000 / width)}%` : '100%', `${Date.now() - started} ms`, large ? 'raised limits' : 'GitHub limits']);
    } catch (e) {
      console.error(`${file}: ${e instanceof Error ? e.message.split('\n')[0] : e}`);
      failed++;
    }
  }
} finally {
  await browser.close();
}
console.log('diagram | characters | edges | natural width (px) | scale at 800 px | render time | config');
for (const row of rows) console.log(row.join(' | '));
if (failed > 0) {
  console.error(`${failed} diagram(s) failed`);
  process.exit(1);
}
console.log(`${rows.length} diagrams rendered to ${output}`);
