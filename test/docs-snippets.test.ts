import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cdk8s from 'cdk8s';
import * as ts from 'typescript';
import { allDocSnippets, applyFixture, DocSnippet, extractSnippets, snippetLocation } from '../scripts/doc-snippets';
import * as expose from '../src';
import { synthApp } from './util';

/**
 * Every TypeScript example of README.md and docs/*.md is run, not only type-checked: each block
 * (completed with its rosetta fixture, see scripts/doc-snippets.ts) runs as a module of its own
 * with `cdk8s-expose` resolved to src/, then every App it created is synthesized (which runs
 * cdk8s' validations, and so any ExposurePolicy) and every manifest passes the Kubernetes schema.
 * A block marked `// Throws: <message>` must throw that message instead.
 */

/** Runs one example; returns the Apps it created (synthesized or not). */
function run(snippet: DocSnippet): cdk8s.App[] {
  const apps: cdk8s.App[] = [];
  // Every App the example creates is recorded, whichever class it uses (App, ExposureApp or a subclass).
  const track = <T extends object>(appClass: T): T => new Proxy(appClass, {
    construct(target, args, newTarget) {
      const app = Reflect.construct(target as any, args, newTarget);
      apps.push(app);
      return app;
    },
  });
  const trackedApp = track(cdk8s.App);
  const trackedExposureApp = track(expose.ExposureApp);
  // A Jest test file of the docs (docs/testing.md) runs its tests at once, inside this test:
  // `describe` and `test` call their bodies; `expect` is Jest's (a snapshot is this test's).
  const runNow = (_name: string, body: () => void) => body();
  const modules: Record<string, unknown> = {
    'cdk8s': new Proxy(cdk8s, { get: (target, key) => key === 'App' ? trackedApp : Reflect.get(target, key) }),
    'cdk8s-expose': new Proxy(expose, { get: (target, key) => key === 'ExposureApp' ? trackedExposureApp : Reflect.get(target, key) }),
    '@jest/globals': { describe: runNow, test: runNow, it: runNow, expect },
  };
  const load = (name: string): unknown => {
    if (name in modules) return modules[name];
    if (name.startsWith('.')) throw new Error(`${snippetLocation(snippet)} imports ${name}; a documentation example can import only packages`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(name);
  };
  const { outputText } = ts.transpileModule(snippet.program, {
    fileName: `${snippetLocation(snippet)}.ts`,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  const module = { exports: {} };
  // A module of its own, like a file the reader would run with ts-node; stack traces name the block.
  new Function('exports', 'require', 'module', `${outputText}\n//# sourceURL=${snippetLocation(snippet)}`)(module.exports, load, module);
  if (apps.length === 0) {
    throw new Error(`${snippetLocation(snippet)} creates no App (new App() or new ExposureApp()), so nothing of it can be synthesized`);
  }
  return apps;
}

/** A block with its own imports and App (no fixture, or the empty `full` one), runnable as written. */
function isCompleteProgram(snippet: DocSnippet): boolean {
  return snippet.fixture === undefined || snippet.fixture === 'full';
}

/** Synthesizes every App (cdk8s validations included) and returns all manifests, schema-checked. */
function synthesizeAll(apps: cdk8s.App[]): any[] {
  return apps.flatMap(app => {
    app.synthYaml();
    return synthApp(app);
  });
}

const variables = ['CDK8S_OUTDIR', 'CDK8S_EXPOSE_STAGE', 'CDK8S_EXPOSE_WARNINGS'];
const saved = variables.map(name => [name, process.env[name]] as const);
let outdir: string;

beforeEach(() => {
  // `app.synth()` in an example writes to a folder of its own, never to the repository's dist/.
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'doc-snippet-'));
  process.env.CDK8S_OUTDIR = outdir;
  // The examples say what they mean without help from the environment, and warn about nothing.
  delete process.env.CDK8S_EXPOSE_STAGE;
  process.env.CDK8S_EXPOSE_WARNINGS = 'error';
});
afterEach(() => {
  for (const [name, value] of saved) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  fs.rmSync(outdir, { recursive: true, force: true });
});

describe('documentation examples', () => {
  const snippets = allDocSnippets();
  const runnable = snippets.filter(s => s.throws === undefined);
  const throwing = snippets.filter(s => s.throws !== undefined);
  test('README.md and every file of docs/ are read', () => {
    const files = new Set(snippets.map(s => s.file));
    expect(files).toContain('README.md');
    expect(files).toContain(path.join('docs', 'choosing-a-service-type.md'));
    expect(files).toContain(path.join('docs', 'presets.md'));
    expect(runnable.length).toBeGreaterThanOrEqual(13);
  });

  test.each(runnable.map(s => [snippetLocation(s), s] as const))('%s runs and synthesizes', (_location, snippet) => {
    // WHEN
    const apps = run(snippet);
    const written = fs.readdirSync(outdir).filter(f => f.endsWith('.k8s.yaml'));
    const manifests = synthesizeAll(apps);

    // THEN: a complete program writes its YAML when run as written (its own app.synth()).
    if (isCompleteProgram(snippet)) expect(written).not.toEqual([]);

    // THEN: it made something to deploy, and all of it passes the Kubernetes schema (synthApp).
    expect(apps.length).toBeGreaterThan(0);
    expect(manifests.length).toBeGreaterThan(0);
  });

  test.each(throwing.map(s => [snippetLocation(s), s] as const))('%s throws the error it documents', (_location, snippet) => {
    // A complete program throws as written (at construction or in its own app.synth()).
    if (isCompleteProgram(snippet)) expect(() => run(snippet)).toThrow(snippet.throws);
    else expect(() => synthesizeAll(run(snippet))).toThrow(snippet.throws);
  });

  test.each(snippets.filter(s => !isCompleteProgram(s)).map(s => [snippetLocation(s), s] as const))('%s says it is a fragment and names its fixture', (_location, snippet) => {
    // A reader who copies a fragment is told what surrounds it.
    expect(snippet.source.split('\n')[0]).toMatch(new RegExp(`^// Fragment: .*rosetta/${snippet.fixture}\\.ts-fixture`));
  });
});

describe('running an example', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doc-run-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function example(...code: string[]): DocSnippet {
    const file = path.join(dir, 'example.md');
    fs.writeFileSync(file, ['```ts', ...code, '```'].join('\n'));
    return extractSnippets(file)[0];
  }

  test('finds every App it creates: App, ExposureApp and subclasses, named or not', () => {
    // GIVEN
    const snippet = example(
      "import { App, Chart } from 'cdk8s';",
      "import { ExposureApp } from 'cdk8s-expose';",
      'class MyApp extends App {}',
      "new Chart(new App(), 'a');",
      "new Chart(new ExposureApp(), 'b');",
      "new Chart(new MyApp(), 'c');",
    );

    // WHEN
    const apps = run(snippet);

    // THEN
    expect(apps.map(app => app.charts.map(c => c.node.id))).toEqual([['a'], ['b'], ['c']]);
    expect(apps[1]).toBeInstanceOf(expose.ExposureApp);
  });

  test('a Jest test file runs its tests at once: a failing expectation fails the example', () => {
    const snippet = example(
      "import { describe, expect, test } from '@jest/globals';",
      "import { App, Chart } from 'cdk8s';",
      "new Chart(new App(), 'a');",
      "describe('outer', () => { test('inner', () => { expect(1 + 1).toBe(3); }); });",
    );

    expect(() => run(snippet)).toThrow(/Expected: 3/);
  });

  test('a complete program that never calls app.synth() writes no YAML (so the docs check fails it)', () => {
    // GIVEN
    const snippet = example("import { App, Chart } from 'cdk8s';", "new Chart(new App(), 'quiet');");

    // WHEN
    run(snippet);

    // THEN
    expect(fs.readdirSync(outdir).filter(f => f.endsWith('.k8s.yaml'))).toEqual([]);
  });

  test('an example that creates no App is an error', () => {
    const snippet = example("import { Testing } from 'cdk8s';", 'Testing.chart();');

    expect(() => run(snippet)).toThrow(/example.md:2 creates no App/);
  });

  test('a manifest the Kubernetes schema refuses fails the example', () => {
    const snippet = example(
      "import { ApiObject, App, Chart } from 'cdk8s';",
      "const chart = new Chart(new App(), 'bad');",
      "new ApiObject(chart, 'Svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' }, spec: { ports: [{ port: 'http' }] } });",
    );

    expect(() => synthesizeAll(run(snippet))).toThrow(/v1\/Service svc fails the Kubernetes schema/);
  });

  test('a policy violation that only the synth finds fails the example', () => {
    const snippet = example(
      "import { App, Chart } from 'cdk8s';",
      "import { DevService, ExposurePolicy, Stage } from 'cdk8s-expose';",
      "const chart = new Chart(new App(), 'prod');",
      'ExposurePolicy.apply(chart, { stage: Stage.PRODUCTION });',
      "new DevService(chart, 'Debug', { selectLabels: { app: 'debug' }, ports: [{ port: 8000 }] });",
    );

    expect(() => synthesizeAll(run(snippet))).toThrow(/\[node-port-in-production\]/);
  });

  test('a policy warning fails the example too', () => {
    const snippet = example(
      "import { App, Chart } from 'cdk8s';",
      "import { ExposurePolicy, PublicService, SourceRanges } from 'cdk8s-expose';",
      "const chart = new Chart(new App(), 'edge');",
      'ExposurePolicy.apply(chart, {});',
      "new PublicService(chart, 'Ssh', { selectLabels: { app: 'bastion' }, ports: [{ port: 22 }], sourceRanges: SourceRanges.anywhere() });",
    );

    expect(() => synthesizeAll(run(snippet))).toThrow(/warning treated as an error .*\[ssh-exposed\]/);
  });
});

describe('extracting the examples', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doc-markdown-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function markdown(text: string): string {
    const file = path.join(dir, 'guide.md');
    fs.writeFileSync(file, text);
    return file;
  }

  test('only TypeScript blocks are examples, each with the line it starts on', () => {
    // GIVEN
    const file = markdown([
      '# Guide', '```sh', 'npm test', '```', '```yaml', 'kind: Service', '```',
      '```ts', 'const a = 1;', '```', '```typescript fixture=full', 'const b = 2;', '```',
    ].join('\n'));

    // WHEN
    const snippets = extractSnippets(file);

    // THEN
    expect(snippets.map(s => [s.line, s.source, s.fixture])).toEqual([[9, 'const a = 1;', undefined], [12, 'const b = 2;', 'full']]);
  });

  test('a block without fixture= gets the default fixture, unless it says nofixture', () => {
    const file = markdown(['```ts', 'this.node;', '```', '```ts nofixture', 'const c = 3;', '```'].join('\n'));

    const [defaulted, without] = extractSnippets(file, 'default');

    expect(defaulted.fixture).toBe('default');
    expect(defaulted.program).toMatch(/class Fixture extends Chart \{[\s\S]*this\.node;[\s\S]*\}/);
    expect(without.program).toBe('const c = 3;');
  });

  test('imports and declare statements are hoisted above the fixture, as rosetta does', () => {
    const program = applyFixture("import { App } from 'cdk8s';\ndeclare const n: number;\nconsole.log(n);\n// the end", 'default');

    const [imports, fixture] = [program.indexOf("import { App } from 'cdk8s';"), program.indexOf('class Fixture')];
    expect(imports).toBeGreaterThanOrEqual(0);
    expect(imports).toBeLessThan(fixture);
    expect(program.indexOf('declare const n')).toBeLessThan(fixture);
    expect(program.indexOf('console.log(n);')).toBeGreaterThan(fixture);
    expect(program.indexOf('// the end')).toBeGreaterThan(fixture);
    expect(program).not.toMatch(/\/\/\/ here/);
  });

  test('a fixture that does not exist is an error naming it', () => {
    const file = markdown(['```ts fixture=nope', 'const d = 4;', '```'].join('\n'));

    expect(() => extractSnippets(file)).toThrow(/fixture=nope, but rosetta\/nope.ts-fixture does not exist/);
  });

  test('a "// Throws:" comment is the error the block documents', () => {
    const file = markdown(['```ts', "// Throws: DevService 'dev/web': ports[0].nodePort 80 is outside", 'f();', '```'].join('\n'));

    expect(extractSnippets(file)[0].throws).toBe("DevService 'dev/web': ports[0].nodePort 80 is outside");
  });
});
