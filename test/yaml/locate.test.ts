import * as fs from 'fs';
import * as path from 'path';
import { lineByParse, parseFieldPath, scanLine } from '../../src/yaml/locate';

/** Every document of a file, as the reader cuts them: its lines and the line (from 1) of its first. */
function documents(file: string): Array<{ lines: string[]; firstLine: number }> {
  const all = fs.readFileSync(file, 'utf-8').split(/\r?\n/);
  const out: Array<{ lines: string[]; firstLine: number }> = [];
  let current: string[] = [];
  let firstLine = 1;
  all.forEach((line, i) => {
    if (/^---(\s|$)/.test(line)) {
      out.push({ lines: current, firstLine });
      current = [line.slice(3)];
      firstLine = i + 1;
    } else {
      current.push(line);
    }
  });
  out.push({ lines: current, firstLine });
  return out;
}

const FIELDS = [
  'apiVersion', 'metadata', 'metadata.name', 'metadata.annotations', 'spec', 'spec.type', 'spec.ports', 'spec.ports[0]', 'spec.ports[1]',
  'spec.ports[0].port', 'spec.ports[name=http]', 'spec.selector', 'spec.rules', 'spec.rules[0].http.paths[0].backend',
  'spec.rules[0].backendRefs[0]', 'spec.tls', 'spec.listeners', 'spec.listeners[1].tls.certificateRefs[0]', 'spec.listeners[name=https]',
  'spec.parentRefs', 'spec.hostnames', 'spec.template.spec.containers', 'spec.template.spec.containers[0].ports',
  'spec.loadBalancerSourceRanges', 'spec.ingress', 'spec.egress', 'spec.podSelector', 'nothing.here', 'spec.ports[9]',
];

describe('the line of a field', () => {
  test('the scanner of block-style YAML agrees with a full parse on every fixture document and field, or leaves it to the parse', () => {
    const files = ['test/fixtures/locations', 'test/fixtures/gateway-yaml', 'test/fixtures/audit']
      .flatMap(dir => fs.readdirSync(dir).map(f => path.join(dir, f)));
    let scanned = 0;
    for (const file of files) {
      for (const doc of documents(file)) {
        for (const field of FIELDS) {
          const fast = scanLine(doc.lines, doc.firstLine, parseFieldPath(field));
          if (fast === -1) continue; // unsure: the locator parses
          scanned++;
          expect({ file, field, line: fast }).toEqual({ file, field, line: lineByParse(doc.lines, doc.firstLine, field) });
        }
      }
    }
    // Most of the fixtures are block style: the scanner answered most questions itself.
    expect(scanned).toBeGreaterThan(1000);
  });

  test('hand-counted: a key, an item, an item by name, a sequence at its key\'s column, a field after a comment', () => {
    const lines = [
      '# a comment', 'apiVersion: v1', 'kind: Gateway', 'spec:', '  listeners:', '  - name: http', '    port: 80',
      '  # the secure one', '  - name: https', '    tls:', '      certificateRefs:', '      - name: cert', 'status: {}',
    ];
    const at = (field: string) => scanLine(lines, 10, parseFieldPath(field));
    expect(at('spec')).toBe(13);
    expect(at('spec.listeners')).toBe(14);
    expect(at('spec.listeners[1]')).toBe(18);
    expect(at('spec.listeners[name=https].tls.certificateRefs[0]')).toBe(21);
    expect(at('spec.listeners[0].port')).toBe(16);
    expect(at('spec.listeners[2]')).toBeUndefined();
    expect(at('spec.type')).toBeUndefined();
    // Flow style is left to the parser.
    expect(at('status.x')).toBe(-1);
  });
});
