import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildApp } from '../../examples/main';
import { main } from '../../src/cli/main';

function run(...args: string[]) {
  let out = '';
  let err = '';
  const code = main(args, { out: t => { out += t; }, err: t => { err += t; } });
  return { code, out, err };
}
const fixture = (name: string) => path.join('test', 'fixtures', 'audit', name);

describe('cdk8s-expose audit', () => {
  afterEach(() => { delete process.env.CDK8S_EXPOSE_STAGE; });

  test('a Helm-style NodePort fails at production, exit 1, with file and document', () => {
    const { code, out, err } = run('audit', '--stage', 'production', fixture('helm-nodeport.yaml'));
    expect(code).toBe(1);
    expect(out).toContain("## Reachable on every node's IP");
    expect(out).toContain('| Service `release-mychart` | default | NodePort | 80:30080→http/TCP |');
    expect(err).toContain(`error: [node-port-in-production] Service default/release-mychart (${fixture('helm-nodeport.yaml')} document 1)`);
  });

  test('the same file passes in development, exit 0', () => {
    expect(run('audit', '--stage', 'development', fixture('helm-nodeport.yaml')).code).toBe(0);
  });

  test('a LoadBalancer without source ranges: a warning without a stage, an error in staging', () => {
    expect(run('audit', fixture('public-lb.yaml')).code).toBe(0);
    const { code, err } = run('audit', '--stage', 'staging', fixture('public-lb.yaml'));
    expect(code).toBe(1);
    expect(err).toContain('error: [load-balancer-without-source-ranges] Service data/postgres-public');
    expect(err).not.toContain('Service data/web');
  });

  test('malformed documents are reported with file and document number, never a stack trace, and the rest is audited', () => {
    const { code, out, err } = run('audit', fixture('broken.yaml'));
    expect(err).toContain(`cdk8s-expose audit: ${fixture('broken.yaml')} document 2: not valid Kubernetes YAML (`);
    expect(err).toContain(`${fixture('broken.yaml')} document 3: not a Kubernetes object (found string); skipped`);
    expect(err).toContain(`${fixture('broken.yaml')} document 5: not a Kubernetes object (no apiVersion and kind); skipped`);
    expect(err).not.toMatch(/\n\s+at /);
    // The List in document 4 is still read: its Ingress routes to an ExternalName (CVE-2021-25740).
    expect(err).toContain('error: [ingress-to-external-name] Ingress to-external');
    expect(out).toContain('## Input problems');
    expect(code).toBe(1);
  });

  test('input problems alone give exit 2 and no report', () => {
    const { code, out, err } = run('audit', 'does/not/exist.yaml');
    expect(code).toBe(2);
    expect(err).toContain('cdk8s-expose audit: does/not/exist.yaml: no such file or folder');
    expect(err).toContain('nothing to audit');
    expect(out).toBe('');
  });

  test('--help lists both commands', () => {
    const { code, out } = run('--help');
    expect(code).toBe(0);
    expect(out).toMatch(/^usage: cdk8s-expose <command>/);
    expect(out).toMatch(/^ {2}audit /m);
    expect(out).toMatch(/^ {2}diff /m);
    expect(out).toContain('usage: cdk8s-expose diff');
  });

  test('folders are read recursively; JSON and Mermaid formats', () => {
    const json = JSON.parse(run('audit', '--format', 'json', path.join('test', 'fixtures', 'audit')).out);
    expect(json.summary.objects).toBe(6);
    expect(json.inputProblems).toHaveLength(3);
    expect(run('audit', '--format', 'mermaid', fixture('helm-nodeport.yaml')).out).toMatch(/^flowchart LR\n/);
  });

  test('usage errors say what is wrong, exit 2', () => {
    expect(run('audit', '--stage', 'prod', 'x.yaml')).toMatchObject({ code: 2, err: expect.stringContaining('--stage is "prod"; it must be one of development, staging, production') });
    expect(run('audit', '--format', 'html', 'x.yaml')).toMatchObject({ code: 2, err: expect.stringContaining('--format "html" is not one of markdown, json, mermaid') });
    expect(run('audit')).toMatchObject({ code: 2, err: expect.stringContaining('no files or folders given') });
    expect(run('lint')).toMatchObject({ code: 2, err: expect.stringContaining('usage: cdk8s-expose <command>') });
    expect(run('audit', '--verbose', 'x')).toMatchObject({ code: 2, err: expect.stringContaining("Unknown option '--verbose'") });
    // A trailing option without its value is an error, not ignored.
    expect(run('audit', 'x.yaml', '--stage')).toMatchObject({ code: 2, err: expect.stringContaining("Option '--stage <value>' argument missing") });
  });

  test('--help goes to stdout with exit 0; --version prints the version; --stage=x works', () => {
    const help = run('audit', '--help');
    expect(help).toMatchObject({ code: 0, err: '' });
    expect(help.out).toContain('usage: cdk8s-expose audit');
    expect(run('--help')).toMatchObject({ code: 0, out: expect.stringContaining('usage: cdk8s-expose audit') });
    expect(run('--version').out).toMatch(/^\d+\.\d+\.\d+/);
    expect(run('audit', '--stage=production', fixture('helm-nodeport.yaml')).code).toBe(1);
    expect(run('audit', '--stage=development', '--format=json', fixture('helm-nodeport.yaml')).code).toBe(0);
  });

  test('a synthesized dist/ folder is audited: the report and cdk8s metadata files are skipped with a note', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'expose-dist-'));
    fs.copyFileSync(fixture('helm-nodeport.yaml'), path.join(dir, 'app.k8s.yaml'));
    fs.writeFileSync(path.join(dir, 'exposure-report.json'), JSON.stringify({ schemaVersion: 1, objects: [] }));
    fs.writeFileSync(path.join(dir, 'construct-metadata.json'), JSON.stringify({ version: '1.0.0', resources: {} }));
    fs.writeFileSync(path.join(dir, 'tool-output.json'), JSON.stringify({ some: 'thing' }));
    const { code, err } = run('audit', '--stage', 'development', dir);
    expect(code).toBe(0);
    expect(err).toContain(`cdk8s-expose: note: ${path.join(dir, 'exposure-report.json')}: not a Kubernetes manifest (written by cdk8s or cdk8s-expose); skipped`);
    expect(err).toContain(`cdk8s-expose: note: ${path.join(dir, 'construct-metadata.json')}: not a Kubernetes manifest`);
    expect(err).toContain(`cdk8s-expose: note: ${path.join(dir, 'tool-output.json')} document 1: JSON without apiVersion and kind, not a Kubernetes manifest; skipped`);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('nothing to audit (an empty file or folder) is exit 2, not a pass', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'expose-empty-'));
    expect(run('audit', dir)).toMatchObject({ code: 2, err: expect.stringContaining('nothing to audit') });
    fs.writeFileSync(path.join(dir, 'empty.yaml'), '# nothing here\n');
    expect(run('audit', path.join(dir, 'empty.yaml'))).toMatchObject({ code: 2, err: expect.stringContaining('nothing to audit') });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('- reads standard input', () => {
    const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', "process.exitCode = require('./src/cli/main').main(process.argv.slice(1))", 'audit', '--stage', 'production', '-'], {
      input: fs.readFileSync(fixture('helm-nodeport.yaml')), encoding: 'utf-8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('error: [node-port-in-production] Service default/release-mychart ((standard input) document 1)');
  });

  test('standard output through a pipe: the whole report, in order, however slowly it is read', () => {
    // GIVEN 3,000 Services: several pieces, more than a pipe holds at once (64 KiB)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'expose-pipe-'));
    const file = path.join(dir, 'many.yaml');
    fs.writeFileSync(file, Array.from({ length: 3000 }, (_, i) => `apiVersion: v1\nkind: Service\nmetadata: {name: s${i}, namespace: shop}\nspec: {selector: {app: a${i}}, ports: [{port: 80}]}\n`).join('---\n'));
    const script = "process.exitCode = require('./src/cli/main').main(process.argv.slice(1))";
    // WHEN the audit writes to a pipe that a slow shell loop reads, and to one that is closed early
    const piped = spawnSync('bash', ['-c', '"$0" -r ts-node/register/transpile-only -e "$1" audit --format json "$2" | (sleep 1; cat)', process.execPath, script, file], { encoding: 'utf-8', maxBuffer: 256 * 1024 * 1024 });
    const closed = spawnSync('bash', ['-c', '"$0" -r ts-node/register/transpile-only -e "$1" audit "$2" | head -c 10; exit "${PIPESTATUS[0]}"', process.execPath, script, file], { encoding: 'utf-8' });
    // THEN the JSON is complete and the same as in-process; a reader that leaves ends it quietly
    const inProcess = run('audit', '--format', 'json', file);
    expect(piped.status).toBe(0);
    expect(piped.stdout).toBe(inProcess.out);
    expect(JSON.parse(piped.stdout).objects).toHaveLength(3000);
    expect(closed.stdout).toBe('# Exposure');
    expect(closed.status).toBe(0);
    expect(closed.stderr).toBe('');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('hostNetwork: on is the host network, as Kubernetes reads it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'expose-hostnet-'));
    const file = path.join(dir, 'agent.yaml');
    fs.writeFileSync(file, ['apiVersion: apps/v1', 'kind: DaemonSet', 'metadata:', '  name: agent', 'spec:', '  selector:', '    matchLabels: {app: agent}',
      '  template:', '    metadata:', '      labels: {app: agent}', '    spec:', '      hostNetwork: on', '      containers:', '      - name: agent', '        image: agent:1', ''].join('\n'));
    const { code, err } = run('audit', '--stage', 'production', file);
    expect(code).toBe(1);
    expect(err).toMatch(/\[host-exposure\] DaemonSet agent .*runs its pods on the host network.*\(as Kubernetes reads this YAML: on is true\)/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a port Kubernetes reads as octal is judged as Kubernetes reads it, and the finding says so', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'expose-octal-'));
    const file = path.join(dir, 'lb.yaml');
    fs.writeFileSync(file, ['apiVersion: v1', 'kind: Service', 'metadata:', '  name: bastion', 'spec:', '  type: LoadBalancer', '  selector:', '    app: bastion',
      '  loadBalancerSourceRanges:', '  - 0.0.0.0/0', '  ports:', '  - port: 026', '    targetPort: 22', ''].join('\n'));
    const { code, err } = run('audit', '--stage', 'production', file);
    expect(code).toBe(1);
    expect(err).toMatch(/\[ssh-exposed\] Service bastion .*port 22.*\(as Kubernetes reads this YAML: 026 is 22\)/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('Gateway API YAML the library did not write: TLS from the listener, every route kind, Gateway-aware findings', () => {
    const { code, out, err } = run('audit', '--stage', 'production', path.join('test', 'fixtures', 'gateway-api', 'audit.yaml'));
    expect(code).toBe(1);
    expect(out).toContain('| HTTPRoute `web` | shop | HTTPRoute | shop.example.com/ | — | yes (Gateway infra/public listener https) | gateway infra/public#https | Service/web<br>Service/payments/payments | — |');
    expect(out).toContain('| HTTPRoute `web-redirect` | shop | HTTPRoute | shop.example.com/ | — | yes (redirects to HTTPS) | gateway infra/public#http | — | — |');
    // The Gateway has no listener mqtt: the route is attached to nothing, so it exposes nothing.
    expect(out).toContain('| TCPRoute `mqtt` | shop | TCPRoute | — | — | — | attached to nothing (no listener of infra/public#mqtt takes it) | Service/web | — |');
    expect(err).toContain('error: [gateway-unknown-section] TCPRoute shop/mqtt');
    expect(err).toContain('error: [missing-reference-grant] HTTPRoute shop/web');
    expect(err).not.toContain('ingress-without-tls');
    expect(err).not.toContain('dangling-ingress-backend');
  });

  describe('per-object stages: one audit gates a mixed dist/', () => {
    const nodePort = (name: string, annotations: string[] = []) => ['apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${name}`,
      ...(annotations.length ? ['  annotations:', ...annotations.map(a => `    ${a}`)] : []),
      'spec:', '  type: NodePort', '  selector: {app: web}', '  ports:', '  - port: 80', ''].join('\n');

    test('the synthesized example app: each chart at its own stage, whatever --stage says', () => {
      // GIVEN: the example App (a production and a development chart) synthesized to dist/
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'expose-mixed-'));
      buildApp(outdir).synth();
      // WHEN: audited at development, the default for objects without a stage of their own
      const { code, out } = run('audit', '--stage', 'development', '--format', 'json', outdir);
      // THEN
      expect(code).toBe(0);
      const stages = new Set(JSON.parse(out).objects.map((o: any) => `${o.namespace} ${o.stage}`));
      expect([...stages].sort()).toEqual(['shop production', 'shop-dev development']);
      // The development chart's NodePort stays a development finding even when the audit runs at production.
      expect(run('audit', '--stage', 'production', outdir).code).toBe(0);
      // A NodePort slipped into the production file fails at production, though --stage is development.
      const prodFile = fs.readdirSync(outdir).find(f => f.startsWith('production'))!;
      fs.appendFileSync(path.join(outdir, prodFile), `---\n${nodePort('sneaky', ['cdk8s-expose/stage: production'])}`);
      const again = run('audit', '--stage', 'development', outdir);
      expect(again.code).toBe(1);
      expect(again.err).toMatch(/error: \[node-port-in-production\] Service sneaky \(.*production.*document \d+\): is a NodePort Service/);
      fs.rmSync(outdir, { recursive: true, force: true });
    });

    test('--stage-for maps files to stages; the object\'s own annotation wins over it', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'expose-stagefor-'));
      fs.writeFileSync(path.join(dir, 'prod-eu.yaml'), nodePort('eu'));
      fs.writeFileSync(path.join(dir, 'dev.yaml'), nodePort('dev'));
      fs.writeFileSync(path.join(dir, 'prod-lab.yaml'), nodePort('lab', ['cdk8s-expose/stage: development']));
      const { code, err, out } = run('audit', `--stage-for=${dir}/prod*.yaml=production`, '--format', 'json', dir);
      expect(code).toBe(1);
      expect(JSON.parse(out).objects.map((o: any) => [o.name, o.stage])).toEqual([['dev', null], ['eu', 'production'], ['lab', 'development']]);
      expect(err).toContain('error: [node-port-in-production] Service eu');
      // lab is judged at its own stage (development), where a NodePort is allowed; the three
      // Services selecting one app still draw duplicate-service-selector's warning.
      expect(err).not.toContain('[node-port-in-production] Service lab');
      expect(err).not.toMatch(/error: .*Service lab/);
      expect(run('audit', '--stage-for', 'prod.yaml', dir)).toMatchObject({ code: 2, err: expect.stringContaining('--stage-for "prod.yaml" must be PATTERN=STAGE') });
      expect(run('audit', '--stage-for', 'prod.yaml=live', dir)).toMatchObject({ code: 2, err: expect.stringContaining('--stage-for "prod.yaml=live": the stage is "live"') });
      fs.rmSync(dir, { recursive: true, force: true });
    });

    test('a bad stage annotation is an input problem (exit 2), and the object is judged at --stage', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'expose-badstage-'));
      const file = path.join(dir, 'svc.yaml');
      fs.writeFileSync(file, nodePort('web', ['cdk8s-expose/stage: prod']));
      const { code, err } = run('audit', '--stage', 'development', file);
      expect(code).toBe(2);
      expect(err).toContain(`cdk8s-expose audit: ${file} document 1: the annotation cdk8s-expose/stage is "prod"; it must be one of development, staging, production`);
      fs.rmSync(dir, { recursive: true, force: true });
    });

    test('the fix tells a YAML user the acknowledgement annotation to write, and it works', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'expose-ack-'));
      const file = path.join(dir, 'svc.yaml');
      fs.writeFileSync(file, nodePort('web'));
      const failing = run('audit', '--stage', 'production', file);
      expect(failing.err).toContain('To accept it, write the annotation `ack.cdk8s-expose/node-port-in-production: <reason>` on the object');
      fs.writeFileSync(file, nodePort('web', ['"ack.cdk8s-expose/node-port-in-production": "bare metal, behind the edge firewall"']));
      expect(run('audit', '--stage', 'production', file).code).toBe(0);
      fs.rmSync(dir, { recursive: true, force: true });
    });
  });
});
