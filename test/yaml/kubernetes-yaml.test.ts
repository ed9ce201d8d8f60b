import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readYamlFile, readYamlStream } from '../../src/yaml/kubernetes-yaml';

/**
 * Each row pins what sigs.k8s.io/yaml (kubectl's and the API server's decoder) makes of a YAML
 * document, as its own code printed it (test/yaml/cases.json, written by test/yaml/oracle; `npm
 * run test:yaml-oracle` checks that the Go decoder still agrees with every row).
 */
const { cases } = JSON.parse(fs.readFileSync(path.join(__dirname, 'cases.json'), 'utf-8')) as {
  cases: Array<{ yaml: string; json?: unknown; error?: boolean; strictError?: boolean }>;
};

describe('YAML as Kubernetes reads it', () => {
  test.each(cases.map(c => [c.yaml.replace(/\n/g, '\\n'), c]))('%s', (_name, c) => {
    const [doc] = readYamlStream(c.yaml);
    // A merge that an explicit key overrides is a duplicate to the strict decoder only; the
    // reader follows YAMLToJSON there (kubectl's conversion) and reads the merge.
    const strictOnlyMerge = c.strictError && c.yaml.includes('<<');
    if (c.error || (c.strictError && !strictOnlyMerge)) {
      // Refused by the decoder, or by strict field validation (a duplicate field).
      expect(doc.error).toBeDefined();
    } else {
      expect(doc.error).toBeUndefined();
      expect(JSON.parse(JSON.stringify(doc.value))).toEqual(c.json);
    }
  });

  test('the readings that differ from YAML 1.2 are recorded, as findings quote them', () => {
    const [doc] = readYamlStream('port: 026\nhostNetwork: on\nname: "026"\nreplicas: 3');
    expect(doc.readings.map(r => `${r.text} is ${JSON.stringify(r.value)} (YAML 1.2: ${JSON.stringify(r.yaml12)})`)).toEqual([
      '026 is 22 (YAML 1.2: 26)',
      'on is true (YAML 1.2: "on")',
    ]);
  });

  test('each document stands alone: a broken one is reported by number, the rest are read', () => {
    const docs = readYamlStream('a: 1\n---\na: [\n---\n# only a comment\n---\nb: 2\n...\n---\nc: 3\n');
    expect(docs.map(d => (d.error ? `error ${d.index}` : JSON.stringify(d.value)))).toEqual(['{"a":1}', 'error 1', 'null', '{"b":2}', '{"c":3}']);
  });

  test('an alias bomb is refused; deep nesting is an error, not a crash', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 12; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${new Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`);
    expect(readYamlStream(bomb.join('\n'))[0].error).toMatch(/aliases, more than the 100 allowed/);
    const deep = `${'['.repeat(20000)}${']'.repeat(20000)}`;
    expect(readYamlStream(`a: ${deep}`)[0].error).toBeDefined();
  });

  test('a large file is read one document at a time from disk', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'expose-yaml-')), 'many.yaml');
    const doc = (i: number) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: s${i}\nspec:\n  ports:\n  - port: 0${i % 8}${i % 8}\n`;
    fs.writeFileSync(file, Array.from({ length: 5000 }, (_, i) => doc(i)).join('---\n'));
    let count = 0;
    let last: any;
    for (const d of readYamlFile(file)) { count++; last = d.value; }
    expect(count).toBe(5000);
    expect(last.spec.ports[0].port).toBe(parseInt('77', 8));
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
});
