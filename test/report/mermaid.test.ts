import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { DIAGRAM_CASES, DIFF_CASES, edgeCases, largeApp } from './diagram-cases';
import { ExposureDiff, ExposureReport } from '../../src';
import { MARKDOWN_DIAGRAM_LIMITS } from '../../src/report/mermaid';

/** The nodes a diagram declares (id → label lines), and its edges, read back from the text. */
function parse(text: string): { nodes: Map<string, string[]>; declarations: string[]; edges: string[] } {
  const nodes = new Map<string, string[]>();
  const declarations: string[] = [];
  const edges: string[] = [];
  for (const line of text.split('\n')) {
    const declared = line.match(/^ {4}(\w+)(?:\(\(|\[\/|\[\[|\(\[|\{\{|\[|>)"(.*)"/);
    if (declared) {
      declarations.push(declared[1]);
      nodes.set(declared[1], declared[2].split('<br/>'));
      continue;
    }
    const edge = line.match(/^ {2}(\w+) (-->|-\.->|~~~)(?:\|[^|]*\|)? (\w+)$/);
    if (edge) edges.push(line);
  }
  return { nodes, declarations, edges };
}

const blockOf = (markdown: string) => [...markdown.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map(m => `${m[1]}\n`);

describe('the diagram of every report the tests draw', () => {
  test.each(DIAGRAM_CASES.map(c => [c.name, c.report] as const))('%s: every node declared once with a real label, every edge once, within GitHub\'s limits in the Markdown', (_name, make) => {
    // GIVEN / WHEN
    const report = make();
    const whole = report.toMermaid();
    const blocks = blockOf(report.toMarkdown());
    // THEN the Markdown embeds one diagram, within what GitHub renders
    expect(blocks).toHaveLength(1);
    const embedded = parse(blocks[0]);
    expect(blocks[0].length).toBeLessThanOrEqual(MARKDOWN_DIAGRAM_LIMITS.maxChars);
    expect(embedded.edges.length).toBeLessThanOrEqual(MARKDOWN_DIAGRAM_LIMITS.maxEdges);
    for (const text of [whole, blocks[0]]) {
      const { nodes, declarations, edges } = parse(text);
      expect(text.split('\n')[1]).toBe('flowchart TB');
      // each node declared once, and every edge's ends declared
      expect(new Set(declarations).size).toBe(declarations.length);
      for (const edge of edges) {
        const [, from, , to] = edge.match(/^ {2}(\w+) (-->|-\.->|~~~)(?:\|[^|]*\|)? (\w+)$/)!;
        expect([from, to].filter(id => !nodes.has(id))).toEqual([]);
      }
      // no edge twice
      expect(new Set(edges).size).toBe(edges.length);
      for (const [id, label] of nodes) {
        // a real label: never the internal id, never a name with a leading "/" (no namespace)
        expect(label.join(' ')).not.toMatch(/^\s*$/);
        expect(label[0]).not.toBe(id);
        expect(label[0]).not.toMatch(/^(n|e|g)\d+$/);
        expect(label.some(l => l.startsWith('/'))).toBe(false);
      }
    }
  });

  test('the issue\'s pictures: real kinds, references not in the YAML, a duplicate drawn once, no leading "/"', () => {
    // GIVEN a Service written twice, a Gateway and routes without a namespace, backends not in the
    // YAML, a ListenerSet whose Gateway is not in the YAML, a DaemonSet on the host network, a Pod with a host port
    const text = ExposureReport.fromManifests(edgeCases()).toMermaid();
    const { nodes, edges } = parse(text);
    const labels = [...nodes.values()].map(l => l.join(' | '));
    // THEN
    expect(labels).toContain('DaemonSet | monitoring/newrelic-infra-agent | hostNetwork: every port the pods open');
    expect(labels).toContain('Pod | legacy/javaweb | hostPort: 8080/TCP');
    expect(labels.filter(l => l.startsWith('Service | shop/web'))).toEqual(['Service | shop/web | LoadBalancer 443→8080/TCP | in the YAML 2 times']);
    expect(labels).toContain('Service (not in the YAML) | example-svc');
    expect(labels).toContain('Service (not in the YAML) | elsewhere/other-svc');
    expect(labels).toContain('Gateway (not in the YAML) | missing-gateway');
    expect(labels.some(l => l.startsWith('Gateway | example-gateway | http 80/HTTP'))).toBe(true);
    expect(labels.some(l => l.startsWith('HTTPRoute | example-route'))).toBe(true);
    const web = [...nodes].find(([, l]) => l[1] === 'shop/web')![0];
    expect(edges.filter(e => e.endsWith(` --> ${web}`))).toHaveLength(1);
  });

  test('each connected group has its own Internet entry, and the groups are stacked, not side by side', () => {
    const text = ExposureReport.fromManifests(largeApp()).toMermaid();
    const { nodes, edges } = parse(text);
    const internets = [...nodes].filter(([, l]) => l[0] === 'Internet').map(([id]) => id);
    // 40 namespaces, each one group (the load balancers select the Ingress' Deployments)
    expect(internets).toHaveLength(40);
    for (const id of internets) expect(edges.filter(e => e.startsWith(`  ${id} --> `))).toHaveLength(3);
    expect(edges.filter(e => e.includes(' ~~~ ')).length).toBeGreaterThanOrEqual(39);
    expect(text).toContain('  subgraph g0["namespace team-00"]');
  });

  test('an App bigger than GitHub renders: the Markdown draws the most exposed objects and says what it left out', () => {
    const report = ExposureReport.fromManifests(largeApp());
    const markdown = report.toMarkdown();
    const [block] = blockOf(markdown);
    expect(report.toMermaid().length).toBeGreaterThan(MARKDOWN_DIAGRAM_LIMITS.maxChars - 1000);
    expect(block.length).toBeLessThan(report.toMermaid().length);
    const note = markdown.split('\n').find(l => l.startsWith('The diagram shows the '))!;
    expect(note).toMatch(/^The diagram shows the (\d+) most exposed of 320 objects, to stay within what GitHub renders \(40,000 characters and 280 edges of Mermaid\); left out: .*200 Service \(cluster\)\. /);
    const drawn = Number(note.match(/shows the (\d+) /)![1]);
    const leftOut = [...note.matchAll(/(\d+) \w+ \(\w+\)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    expect(drawn + leftOut).toBe(320);
    // the internet-facing objects come first: the first namespace's load balancers are drawn
    expect(block).toContain('Service<br/>team-00/public-0<br/>LoadBalancer');
    // a small App's Markdown draws all of it, with no note
    expect(ExposureReport.fromManifests(edgeCases()).toMarkdown()).not.toContain('The diagram shows the ');
  });
});

describe('the exposure diff\'s diagram', () => {
  test('draws the objects that changed, as they are after the change; nothing when nothing changed', () => {
    // GIVEN the edge cases added to a Helm chart's YAML
    const markdown = DIFF_CASES[0].diff().toMarkdown();
    const blocks = blockOf(markdown);
    // THEN one diagram, of the new objects only, after the widened table (what widened comes first: issue #27)
    expect(blocks).toHaveLength(1);
    expect(markdown.indexOf('## What changed, after the change')).toBeGreaterThan(markdown.indexOf('## Widened'));
    const labels = [...parse(blocks[0]).nodes.values()].map(l => l.join(' | '));
    expect(labels).toContain('DaemonSet | monitoring/newrelic-infra-agent | hostNetwork: every port the pods open');
    expect(labels.some(l => l.startsWith('Service | shop/web | LoadBalancer'))).toBe(true);
    expect(labels.some(l => l.includes('release-mychart'))).toBe(false);
    const same = ExposureReport.fromManifests(edgeCases());
    expect(blockOf(ExposureDiff.between(same, same).toMarkdown())).toEqual([]);
  });
});

describe('the README\'s picture', () => {
  test('was made from today\'s diagram of the example app (npm run diagram:readme)', () => {
    // GIVEN the committed picture, its source and their hashes
    const dir = path.join(__dirname, '..', '..', 'docs', 'images');
    const sums = Object.fromEntries(fs.readFileSync(path.join(dir, 'example-exposure.sha256'), 'utf-8').trim().split('\n')
      .map(line => line.split(/\s+\*?/)).map(([sum, file]) => [file, sum]));
    const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
    // WHEN today's diagram is drawn
    const today = DIAGRAM_CASES.find(c => c.name === 'example-app')!.report().toMermaid();
    // THEN the picture was rendered from exactly this text (run `npm run diagram:readme` when it changes)
    expect(sums['example-exposure.mmd']).toBe(sha256(today));
    expect(fs.readFileSync(path.join(dir, 'example-exposure.mmd'), 'utf-8')).toBe(today);
    expect(sums['example-exposure.png']).toBe(sha256(fs.readFileSync(path.join(dir, 'example-exposure.png'))));
    // and the README shows it
    expect(fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf-8')).toContain('](docs/images/example-exposure.png)');
  });
});
