/**
 * The recipes of docs/ci.md: each workflow checked against its CI system's own schema, and each
 * recipe's cdk8s-expose commands run against the example app (examples/main.ts), with `npx
 * cdk8s-expose` this checkout's command. The steps that need a CI runner (checkout, cdk8s
 * synth of the base branch, gh pr comment, the uploads) are not run: the test synthesizes the
 * two dist folders itself and checks what the uploads and the comment would receive.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv';
import * as yaml from 'js-yaml';
import { buildApp } from '../../examples/main';
import { sarifErrors } from '../sarif';

const ROOT = path.resolve(__dirname, '..', '..');
const doc = fs.readFileSync(path.join(ROOT, 'docs', 'ci.md'), 'utf-8');

/** The fenced block of the doc whose first line names the file. */
function block(name: string): string {
  const match = new RegExp('```\\w+\\n# ' + name.replace(/[.]/g, '\\.') + '\\n([\\s\\S]*?)```').exec(doc);
  if (!match) throw new Error(`docs/ci.md has no block for ${name}`);
  return match[1];
}

/** A folder with the example app's dist/ and a base-dist/ without its development chart. */
function workspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'expose-ci-'));
  buildApp(path.join(dir, 'dist')).synth();
  fs.mkdirSync(path.join(dir, 'base-dist'));
  for (const file of fs.readdirSync(path.join(dir, 'dist'))) {
    if (!file.startsWith('development')) fs.copyFileSync(path.join(dir, 'dist', file), path.join(dir, 'base-dist', file));
  }
  // `npx cdk8s-expose` is this checkout's command; any other npx is not for this test.
  fs.mkdirSync(path.join(dir, 'bin'));
  fs.writeFileSync(path.join(dir, 'bin', 'npx'), [
    '#!/bin/sh',
    'if [ "$1" = cdk8s-expose ]; then shift; exec "$NODE" -r ts-node/register/transpile-only -e "process.exitCode = require(\'$REPO/src/cli/main\').main(process.argv.slice(1))" "$@"; fi',
    'echo "npx $1: not run by this test" >&2; exit 127',
  ].join('\n'), { mode: 0o755 });
  return dir;
}

/** Runs a script with bash in the workspace; the exit code and standard error. */
function sh(dir: string, script: string): { status: number | null; stderr: string } {
  const run = spawnSync('bash', ['-c', script], {
    cwd: dir,
    encoding: 'utf-8',
    env: { ...process.env, PATH: `${path.join(dir, 'bin')}:${process.env.PATH}`, NODE: process.execPath, REPO: ROOT, NODE_PATH: path.join(ROOT, 'node_modules'), TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json') },
  });
  return { status: run.status, stderr: run.stderr };
}

let dir: string;
beforeAll(() => { dir = workspace(); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('GitHub Actions recipe', () => {
  const text = block('.github/workflows/exposure.yml');

  test('is a valid workflow by GitHub\'s own parser and schema', () => {
    const file = path.join(os.tmpdir(), `expose-ci-workflow-${process.pid}.yml`);
    fs.writeFileSync(file, text);
    const run = spawnSync(process.execPath, [path.join(__dirname, 'check-workflow.mjs'), file], { encoding: 'utf-8', cwd: ROOT });
    fs.rmSync(file);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([]);
    // The check can fail: a misspelt key is refused.
    fs.writeFileSync(file, text.replace('runs-on:', 'runs_on:'));
    const bad = spawnSync(process.execPath, [path.join(__dirname, 'check-workflow.mjs'), file], { encoding: 'utf-8', cwd: ROOT });
    fs.rmSync(file);
    expect(JSON.parse(bad.stdout).join('\n')).toMatch(/runs_on/);
  });

  test('its cdk8s-expose steps: a comment within 65,536 characters, a valid SARIF, exit 1 on widening', () => {
    const steps: Array<{ name?: string; run?: string }> = (yaml.load(text) as any).jobs.exposure.steps;
    const ours = steps.filter(s => s.run?.includes('cdk8s-expose'));
    expect(ours.map(s => s.name)).toEqual(['Exposure diff', 'Audit', 'Fail on widened exposure']);
    const [diff, audit, widen] = ours.map(s => sh(dir, s.run!));
    expect(diff).toMatchObject({ status: 0 });
    const comment = fs.readFileSync(path.join(dir, 'exposure-diff.md'), 'utf-8');
    expect(comment).toMatch(/^# Exposure diff\n\n\*\*\d+ widened\*\*/);
    expect(Buffer.byteLength(comment)).toBeLessThanOrEqual(65536);
    expect(audit).toMatchObject({ status: 0 }); // the example app passes its own policy
    expect(sarifErrors(fs.readFileSync(path.join(dir, 'exposure.sarif'), 'utf-8'))).toEqual([]);
    // The base lacks the development chart, whose DevService is reachable on every node.
    expect(widen.status).toBe(1);
  }, 600_000);
});

describe('GitLab CI recipe', () => {
  const text = block('.gitlab-ci.yml');

  test('is valid by GitLab\'s CI schema (as gitlab-ci-local ships it)', () => {
    const source = fs.readFileSync(require.resolve('gitlab-ci-local/src/schema/schema.js'), 'utf-8');
    // The module is `export const schema = {...}` (a JavaScript object literal).
    const schema = new Function(source.replace(/^export const schema =/m, 'return'))();
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    const validate = ajv.compile(schema);
    expect(validate(yaml.load(text)) ? [] : validate.errors).toEqual([]);
    expect(validate(yaml.load(text.replace('script:', 'scripts:')))).toBe(false);
  });

  test('its cdk8s-expose commands: a Code Quality report with paths and lines, exit 1 on widening', () => {
    const script: string[] = (yaml.load(text) as any).exposure.script;
    const ours = script.filter(line => line.includes('cdk8s-expose'));
    expect(ours).toHaveLength(3);
    const [diff, audit, widen] = ours.map(line => sh(dir, line));
    expect(diff.status).toBe(0);
    expect(audit.status).toBe(0);
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'gl-code-quality-report.json'), 'utf-8'));
    expect(Array.isArray(report)).toBe(true);
    for (const issue of report) expect(issue).toMatchObject({ check_name: expect.any(String), fingerprint: expect.any(String), location: { path: expect.stringMatching(/^dist\//), lines: { begin: expect.any(Number) } } });
    expect(widen.status).toBe(1);
  }, 600_000);
});

describe('plain shell recipe', () => {
  test('writes the three outputs and fails on widening', () => {
    const result = sh(dir, block('ci/exposure.sh'));
    expect(result.status).toBe(1);
    expect(sarifErrors(fs.readFileSync(path.join(dir, 'exposure.sarif'), 'utf-8'))).toEqual([]);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'exposure-diff.json'), 'utf-8')).widened.length).toBeGreaterThan(0);
  }, 600_000);
});
