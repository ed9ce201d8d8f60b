import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, Testing } from 'cdk8s';
import { buildApp } from '../../examples/main';
import { ExposurePolicy, Stage } from '../../src';
import { main } from '../../src/cli/main';
import { RULES } from '../../src/policy/rules';
import { ExposureReport } from '../../src/report/report';
import { sarifErrors } from '../sarif';

function run(...args: string[]) {
  let out = '';
  let err = '';
  const code = main(args, { out: t => { out += t; }, err: t => { err += t; } });
  return { code, out, err };
}
const fixtures = path.join('test', 'fixtures', 'locations');

describe('SARIF of the audit', () => {
  test('valid SARIF 2.1.0: one rule per rule id with summary, why, fix and a link into docs/rules.md', () => {
    // WHEN
    const { code, out } = run('audit', '--stage', 'production', '--format', 'sarif', fixtures);
    // THEN
    expect(code).toBe(1);
    expect(sarifErrors(out)).toEqual([]);
    const log = JSON.parse(out);
    expect(log.version).toBe('2.1.0');
    const rules = log.runs[0].tool.driver.rules;
    expect(rules.map((r: any) => r.id)).toEqual(RULES.map(r => r.id));
    const headings = fs.readFileSync('docs/rules.md', 'utf-8');
    for (const rule of rules) {
      // GitHub's anchor of "### `id`" is the id itself.
      expect(headings).toContain(`### \`${rule.id}\``);
      expect(rule.helpUri).toBe(`https://github.com/cdk8s-expose/cdk8s-expose/blob/main/docs/rules.md#${rule.id}`);
      expect(rule.help.text).toMatch(/Why: .+\n\nFix: /);
    }
    const lb = rules.find((r: any) => r.id === 'load-balancer-without-source-ranges');
    expect(lb.help.text).toContain('Fix: Set loadBalancerSourceRanges');
  });

  test('each result at its file, relative to the working folder, and the line of its field (hand-counted)', () => {
    const log = JSON.parse(run('audit', '--stage', 'production', '--format', 'sarif', fixtures).out);
    const results = log.runs[0].results.map((r: any) => ({
      rule: r.ruleId,
      level: r.level,
      uri: r.locations[0].physicalLocation.artifactLocation.uri,
      base: r.locations[0].physicalLocation.artifactLocation.uriBaseId,
      line: r.locations[0].physicalLocation.region.startLine,
      object: r.locations[0].logicalLocations[0].fullyQualifiedName,
    }));
    expect(results).toEqual(expect.arrayContaining([
      { rule: 'node-port-in-production', level: 'error', uri: 'test/fixtures/locations/multi.yaml', base: '%SRCROOT%', line: 11, object: 'Service shop/web' },
      { rule: 'load-balancer-without-source-ranges', level: 'error', uri: 'test/fixtures/locations/multi.yaml', base: '%SRCROOT%', line: 28, object: 'Service shop/public' },
      { rule: 'ingress-without-tls', level: 'error', uri: 'test/fixtures/locations/multi.yaml', base: '%SRCROOT%', line: 60, object: 'Ingress shop/shop' },
      { rule: 'missing-reference-grant', level: 'error', uri: 'test/fixtures/locations/multi.yaml', base: '%SRCROOT%', line: 81, object: 'Gateway shop/edge' },
      { rule: 'node-port-in-production', level: 'error', uri: 'test/fixtures/locations/flow.yaml', base: '%SRCROOT%', line: 3, object: 'Service shop/flow' },
      { rule: 'ssh-exposed', level: 'error', uri: 'test/fixtures/locations/service.json', base: '%SRCROOT%', line: 12, object: 'Service shop/json' },
    ]));
    // An absolute path given to the audit is written relative to the working folder too.
    const absolute = JSON.parse(run('audit', '--stage', 'production', '--format', 'sarif', path.resolve(fixtures, 'flow.yaml')).out);
    expect(absolute.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('test/fixtures/locations/flow.yaml');
  });

  test('levels follow the stage: warnings without a stage, errors in production', () => {
    const levels = (stage?: string) => JSON.parse(run('audit', ...(stage ? ['--stage', stage] : []), '--format', 'sarif', path.join(fixtures, 'flow.yaml')).out)
      .runs[0].results.filter((r: any) => r.ruleId === 'node-port-in-production').map((r: any) => r.level);
    expect(levels()).toEqual([]); // not checked without a stage
    expect(levels('staging')).toEqual(['warning']);
    expect(levels('production')).toEqual(['error']);
  });

  test('an acknowledgement is a suppression with its reason', () => {
    const log = JSON.parse(run('audit', '--stage', 'production', '--format', 'sarif', path.join(fixtures, 'multi.yaml')).out);
    const acked = log.runs[0].results.find((r: any) => r.ruleId === 'load-balancer-anywhere');
    expect(acked.suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'the public website' }]);
    expect(acked.locations[0].physicalLocation.region.startLine).toBe(40);
    const open = log.runs[0].results.filter((r: any) => r.suppressions === undefined);
    expect(open.length).toBeGreaterThan(0);
  });

  test('standard input: a URI that says so, still valid SARIF', () => {
    const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', "process.exitCode = require('./src/cli/main').main(process.argv.slice(1))", 'audit', '--stage', 'production', '--format', 'sarif', '-'], {
      input: fs.readFileSync(path.join(fixtures, 'flow.yaml')), encoding: 'utf-8',
    });
    expect(result.status).toBe(1);
    expect(sarifErrors(result.stdout)).toEqual([]);
    const location = JSON.parse(result.stdout).runs[0].results[0].locations[0];
    expect(location.physicalLocation.artifactLocation).toEqual({ uri: 'file:///dev/stdin', description: { text: 'standard input: the object has no file' } });
    // The standard error still has the line, counted in what was read.
    expect(result.stderr).toContain('Service shop/flow ((standard input):3 spec.type, document 1)');
  });

  test('an empty input still exits 2, with a valid SARIF of no result that says why', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'expose-sarif-'));
    fs.writeFileSync(path.join(dir, 'empty.yaml'), '# nothing here\n');
    const { code, out, err } = run('audit', '--format', 'sarif', path.join(dir, 'empty.yaml'));
    fs.rmSync(dir, { recursive: true, force: true });
    expect(code).toBe(2);
    expect(err).toContain('nothing to audit');
    expect(sarifErrors(out)).toEqual([]);
    const log = JSON.parse(out);
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].invocations[0]).toEqual({ executionSuccessful: false, toolExecutionNotifications: [{ level: 'error', message: { text: 'nothing to audit: no Kubernetes object in the input' } }] });
  });

  test('unreadable documents are notifications of the run, and the rest is reported', () => {
    const { code, out } = run('audit', '--format', 'sarif', path.join('test', 'fixtures', 'audit', 'broken.yaml'));
    expect(code).toBe(1); // its List's Ingress to an ExternalName fails at every stage
    expect(sarifErrors(out)).toEqual([]);
    const notes = JSON.parse(out).runs[0].invocations[0].toolExecutionNotifications.map((n: any) => n.message.text);
    expect(notes).toContainEqual(expect.stringMatching(/broken\.yaml document 2: not valid Kubernetes YAML/));
  });
});

describe('SARIF of an App (the synth path: no file yet)', () => {
  test('the construct path is the logical location; valid SARIF', () => {
    // GIVEN a staging chart with a LoadBalancer written without the library
    const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
    ExposurePolicy.apply(chart, { stage: Stage.STAGING });
    new ApiObject(chart, 'Lb', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'lb' }, spec: { type: 'LoadBalancer', selector: { app: 'lb' }, ports: [{ port: 80 }] } });
    // WHEN
    const text = ExposureReport.fromApp(chart).toSarif();
    // THEN
    expect(sarifErrors(text)).toEqual([]);
    const [result] = JSON.parse(text).runs[0].results.filter((r: any) => r.ruleId === 'load-balancer-without-source-ranges');
    expect(result.level).toBe('error');
    expect(result.locations[0].physicalLocation).toBeUndefined();
    expect(result.locations[0].logicalLocations).toEqual([
      { name: 'Lb', fullyQualifiedName: 'shop/Lb', kind: 'module' },
      { name: 'Service shop/lb', fullyQualifiedName: 'Service shop/lb', kind: 'resource' },
    ]);
  });

  test('the example app: valid SARIF', () => {
    const report = ExposureReport.fromApp(buildApp(fs.mkdtempSync(path.join(os.tmpdir(), 'expose-sarif-app-'))));
    expect(sarifErrors(report.toSarif())).toEqual([]);
  });
});

describe('SARIF of the diff', () => {
  test('one result per widened object at its line in <after>; errors with --fail-on-widen', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'expose-sarif-diff-'));
    const before = path.join(dir, 'before.yaml');
    fs.writeFileSync(before, 'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n');
    const { code, out } = run('diff', '--format', 'sarif', '--fail-on-widen', before, path.join(fixtures, 'multi.yaml'));
    fs.rmSync(dir, { recursive: true, force: true });
    expect(code).toBe(1);
    expect(sarifErrors(out)).toEqual([]);
    const results = JSON.parse(out).runs[0].results;
    const web = results.find((r: any) => r.message.text.startsWith('Service shop/web'));
    expect(web).toMatchObject({ ruleId: 'exposure-widened', level: 'error' });
    expect(web.message.text).toContain('scope widened from cluster to node');
    expect(web.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'test/fixtures/locations/multi.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 11 } });
    const level = JSON.parse(run('diff', '--format', 'sarif', path.join(fixtures, 'flow.yaml'), path.join(fixtures, 'multi.yaml')).out).runs[0].results[0].level;
    expect(level).toBe('warning');
  });
});
