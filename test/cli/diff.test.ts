import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';

function run(...args: string[]) {
  let out = '';
  let err = '';
  const code = main(args, { out: t => { out += t; }, err: t => { err += t; } });
  return { code, out, err };
}

const service = (name: string, type: string, ports: string[], extra: string[] = []) => [
  'apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${name}`, '  namespace: shop', 'spec:', `  type: ${type}`,
  '  selector:', `    app: ${name}`, '  ports:', ...ports.flatMap((p, i) => [`  - name: p${i}`, `    port: ${p}`]), ...extra,
].join('\n');

function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'expose-diff-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('cdk8s-expose diff', () => {
  const before = folder({
    'app.k8s.yaml': [
      service('web', 'ClusterIP', ['80']),
      service('admin', 'LoadBalancer', ['443'], ['  loadBalancerSourceRanges:', '  - 10.0.0.0/8']),
      service('old', 'NodePort', ['8080']),
    ].join('\n---\n'),
    'exposure-report.json': '{"schemaVersion":1}',
  });
  const after = folder({
    'app.k8s.yaml': [
      service('web', 'LoadBalancer', ['80']),
      // YAML 1.1, as Kubernetes reads it: 026 is port 22.
      service('admin', 'LoadBalancer', ['443', '026'], ['  loadBalancerSourceRanges:', '  - 10.0.0.0/8', '  - 0.0.0.0/0']),
      service('db', 'ClusterIP', ['5432']),
    ].join('\n---\n'),
  });
  afterAll(() => { for (const d of [before, after]) fs.rmSync(d, { recursive: true, force: true }); });

  test('says what widened and what narrowed, as Kubernetes reads the YAML', () => {
    const { code, out, err } = run('diff', before, after);
    expect(code).toBe(0);
    expect(out).toContain('**2 widened**, 2 narrowed, 0 unchanged.');
    expect(out).toMatch(/## Widened[\s\S]*\| Service shop\/admin \| internet \| port added: 22→22\/TCP<br>source range added: 0.0.0.0\/0 \|/);
    expect(out).toMatch(/\| Service shop\/web \| internet \| scope widened from cluster to internet<br>source range added: unrestricted \|/);
    expect(out).toMatch(/## Narrowed[\s\S]*\| Service shop\/old \| node \| removed \(was reachable from node\) \|/);
    expect(out).toMatch(/\| Service shop\/db \| cluster \| new, reachable from cluster on 5432→5432\/TCP \|/);
    expect(err).toContain('exposure-report.json: not a Kubernetes manifest');
  });

  test('--fail-on-widen exits 1 when something widened; JSON for machines', () => {
    expect(run('diff', '--fail-on-widen', before, after).code).toBe(1);
    expect(run('diff', '--fail-on-widen', before, before)).toMatchObject({ code: 0, out: expect.stringContaining('Nothing widened, 0 narrowed, 3 unchanged.') });
    const json = JSON.parse(run('diff', '--format=json', before, after).out);
    expect(json.schemaVersion).toBe(1);
    expect(json.widened.map((c: any) => c.object)).toEqual(['Service shop/admin', 'Service shop/web']);
  });

  test('a pull-request comment: widened first with where each object is, the narrowed collapsed', () => {
    const out = run('diff', before, after).out;
    // Widened before the collapsed section, each row with its file and the line of what changed.
    expect(out.indexOf('## Widened')).toBeLessThan(out.indexOf('<details>'));
    expect(out).toMatch(/\| Service shop\/admin \| internet \| [^\n]* \| `[^`]*app\.k8s\.yaml:\d+` spec\.ports \|/);
    expect(out).toMatch(/<details>\n<summary>2 narrowed<\/summary>\n\n## Narrowed[\s\S]*<\/details>\n$/);
    // An object removed is found on the before side.
    expect(out).toMatch(/\| Service shop\/old \| node \| removed \(was reachable from node\) \| before: `[^`]*app\.k8s\.yaml:\d+` \|/);
    const json = JSON.parse(run('diff', '--format=json', before, after).out);
    expect(json.widened[0].location).toMatchObject({ file: expect.stringMatching(/app\.k8s\.yaml$/), document: expect.any(Number), field: 'spec.ports', fieldLine: expect.any(Number) });
  });

  test('a diff too long for a comment stays under GitHub\'s 65,536 characters and says what it left out', () => {
    // GIVEN 2,000 new LoadBalancers, far more than a comment holds
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'expose-diff-big-'));
    const many = Array.from({ length: 2000 }, (_, i) => `apiVersion: v1\nkind: Service\nmetadata: {name: lb-${i}, namespace: shop}\nspec:\n  type: LoadBalancer\n  selector: {app: lb}\n  ports: [{port: 443}]\n`).join('---\n');
    fs.writeFileSync(path.join(dir, 'after.yaml'), many);
    fs.writeFileSync(path.join(dir, 'before.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n');
    // WHEN
    const out = run('diff', path.join(dir, 'before.yaml'), path.join(dir, 'after.yaml')).out;
    fs.rmSync(dir, { recursive: true, force: true });
    // THEN
    expect(Buffer.byteLength(out, 'utf-8')).toBeLessThanOrEqual(65536);
    const shown = (out.match(/^\| Service shop\/lb-/gm) ?? []).length;
    expect(shown).toBeGreaterThan(100);
    expect(out).toContain(`_Left out to fit a pull-request comment (65,536 characters): ${2000 - shown} widened changes. \`cdk8s-expose diff --format json\` lists every change._`);
  });

  test('usage errors exit 2', () => {
    expect(run('diff', before)).toMatchObject({ code: 2, err: expect.stringContaining('needs a before and an after (got 1)') });
    expect(run('diff', '--format', 'yaml', before, after)).toMatchObject({ code: 2, err: expect.stringContaining('--format "yaml" is not one of markdown, json, sarif') });
    expect(run('diff', '--help')).toMatchObject({ code: 0, out: expect.stringContaining('usage: cdk8s-expose diff') });
  });
});
