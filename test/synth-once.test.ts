import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, YamlOutputType } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { ExternalAlias, IngressFronted, InternalService } from '../src';
import { synthApp } from './util';
import { installShortcut } from '../src/synth-once';

const STATE = Symbol.for('cdk8s-expose.synthOnce');

/** Counts how often cdk8s validates the App (each validation walk calls every construct's validations once). */
class Counter extends Construct {
  public calls = 0;
  public fail = false;
  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.node.addValidation({ validate: () => { this.calls++; return this.fail ? ['Counter was told to fail'] : []; } });
  }
}

/**
 * An App with what the shortcut must keep: an explicit chart dependency, an object that depends
 * on an object in another chart (so cdk8s numbers the files), objects ordered by dependencies
 * within a chart, a nested chart, exposure constructs and plain cdk8s-plus-28 objects.
 */
function buildApp(outdir: string, yamlOutputType?: YamlOutputType): { app: App; counter: Counter; charts: number } {
  const app = new App({ outdir, yamlOutputType });
  const base = new Chart(app, 'base');
  const web = new Chart(app, 'web');
  const data = new Chart(app, 'data');
  const nested = new Chart(web, 'nested');
  const counter = new Counter(base, 'Counter');
  web.addDependency(data);

  const deployment = new kplus.Deployment(web, 'Web', { containers: [{ image: 'nginx', portNumber: 8080, securityContext: { ensureNonRoot: false } }] });
  new IngressFronted(web, 'Front', { selector: deployment, ports: [{ port: 80, targetPort: 8080 }], host: 'web.example.com' });
  const db = new ExternalAlias(data, 'Db', { externalName: 'db.example.com' });
  const cache = new InternalService(base, 'Cache', { selector: deployment, ports: [{ port: 6379, targetPort: 8080 }] });
  const config = new kplus.ConfigMap(nested, 'Config', { data: { db: db.name } });
  config.node.addDependency(cache); // across charts: cdk8s then prefixes file names with an index
  const first = new kplus.ConfigMap(base, 'First', { data: { a: '1' } });
  const second = new kplus.ConfigMap(base, 'Second', { data: { b: '2' } });
  first.node.addDependency(second); // within a chart: second is written before first
  return { app, counter, charts: 4 };
}

/** Every file below `dir`, by path relative to it, with its contents. */
function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else out[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/** Turns the shortcut off for one App, as if it had never been asked for. */
function stock(app: App): App {
  delete (app as unknown as Record<symbol, unknown>)[STATE];
  return app;
}

const made: string[] = [];
const tmp = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-once-'));
  made.push(dir);
  return dir;
};
afterAll(() => made.forEach(dir => fs.rmSync(dir, { recursive: true, force: true })));

describe('one preparation of the App per synth (synth-once.ts)', () => {
  test('exposure constructs turn it on: the App is validated twice per synth(), not once per chart and once more', () => {
    const { app, counter, charts } = buildApp(tmp());
    app.synth();
    expect(counter.calls).toBe(2); // App.synth() itself, and the first chart written the stock way

    const plain = buildApp(tmp());
    stock(plain.app).synth();
    expect(plain.counter.calls).toBe(1 + charts);
  });

  test.each([
    ['FILE_PER_CHART', YamlOutputType.FILE_PER_CHART],
    ['FILE_PER_APP', YamlOutputType.FILE_PER_APP],
    ['FILE_PER_RESOURCE', YamlOutputType.FILE_PER_RESOURCE],
    ['FOLDER_PER_CHART_FILE_PER_RESOURCE', YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE],
  ])('synth() writes the same files as cdk8s alone (%s)', (_name, type) => {
    const withShortcut = tmp();
    const withoutShortcut = tmp();
    buildApp(withShortcut, type).app.synth();
    stock(buildApp(withoutShortcut, type).app).synth();
    const files = readTree(withShortcut);
    const documents = Object.values(files).join('\n---\n').match(/^kind: /gm) ?? [];
    // Deployment, the IngressFronted's Service and Ingress, two more Services, three ConfigMaps.
    expect(documents.length).toBe(8);
    expect(files).toEqual(readTree(withoutShortcut));
  });

  test('synthYaml() gives the same YAML as cdk8s alone, in the same order, and every manifest is valid', () => {
    const yaml = buildApp(tmp()).app.synthYaml();
    const stockApp = stock(buildApp(tmp()).app);
    expect(yaml).toEqual(stockApp.synthYaml());
    const manifests = synthApp(stockApp);
    expect(manifests.map(m => m.metadata.name).filter((n: string) => /first|second/.test(n))).toEqual([
      expect.stringMatching(/^base-second-/), expect.stringMatching(/^base-first-/),
    ]);
    expect(yaml.indexOf('base-second-')).toBeLessThan(yaml.indexOf('base-first-'));
  });

  test('Chart.toJson() outside a synth() validates the whole App every time, as cdk8s does', () => {
    const { app, counter } = buildApp(tmp());
    app.charts[0].toJson();
    app.charts[1].toJson();
    expect(counter.calls).toBe(2);
  });

  test('a failing validation fails every synth(): the shortcut never skips the first validation of a call', () => {
    const { app, counter } = buildApp(tmp());
    counter.fail = true;
    expect(() => app.synth()).toThrow(/Counter was told to fail/);
    counter.fail = false;
    expect(() => app.synth()).not.toThrow();
    counter.fail = true;
    expect(() => app.synth()).toThrow(/Counter was told to fail/);
    expect(() => app.synthYaml()).toThrow(/Counter was told to fail/);
  });

  test('a chart added between two synth() calls is prepared with the rest', () => {
    const outdir = tmp();
    const { app } = buildApp(outdir);
    app.synth();
    const late = new Chart(app, 'late');
    new kplus.ConfigMap(late, 'Late', { data: { c: '3' } });
    app.synth();
    expect(Object.keys(readTree(outdir))).toContainEqual(expect.stringMatching(/late\.k8s\.yaml$/));
  });

  test('cdk8s still has the internal the shortcut replaces; anything else is left alone', () => {
    // If cdk8s renames or reshapes App._synthChart, the shortcut is not installed and this fails,
    // so that the shortcut is revisited (synthesis itself then stays cdk8s's own).
    expect(installShortcut(App)).toBe(true);
    expect((App as unknown as { _synthChart: Function })._synthChart).toHaveLength(1);
    class NoInternal {}
    class OtherShape { public static _synthChart(a: unknown, b: unknown) { return [a, b]; } }
    expect(installShortcut(NoInternal)).toBe(false);
    expect(installShortcut(OtherShape)).toBe(false);
    expect(OtherShape._synthChart(1, 2)).toEqual([1, 2]);
  });

  test('property: for any charts, nesting and dependencies, synth() and synthYaml() match cdk8s alone', () => {
    // A plan: charts (each nested in an earlier one or in the App), objects in charts, and
    // dependencies from later objects to earlier ones (across charts too; never a cycle).
    const plan = fc.record({
      parents: fc.array(fc.integer({ min: -1, max: 5 }), { minLength: 1, maxLength: 6 }),
      objects: fc.array(fc.nat(5), { minLength: 1, maxLength: 12 }),
      edges: fc.array(fc.tuple(fc.nat(11), fc.nat(11)), { maxLength: 10 }),
      chartEdges: fc.array(fc.tuple(fc.nat(5), fc.nat(5)), { maxLength: 3 }),
    });
    const build = (p: { parents: number[]; objects: number[]; edges: [number, number][]; chartEdges: [number, number][] }, outdir: string) => {
      const app = new App({ outdir });
      const charts: Chart[] = [];
      p.parents.forEach((parent, i) => charts.push(new Chart(parent >= 0 && parent < i ? charts[parent] : app, `chart${i}`)));
      // An exposure construct turns the shortcut on for the App.
      new ExternalAlias(charts[0], 'Alias', { externalName: 'db.example.com' });
      const objects = p.objects.map((c, i) => new kplus.ConfigMap(charts[c % charts.length], `Object${i}`, { data: { i: String(i) } }));
      for (const [a, b] of p.edges) {
        if (a < objects.length && b < a) objects[a].node.addDependency(objects[b]);
      }
      for (const [a, b] of p.chartEdges) {
        if (a < charts.length && b < a && !charts[a].node.scopes.includes(charts[b])) charts[a].addDependency(charts[b]);
      }
      return app;
    };
    // The same files, or the same error (cdk8s rejects some plans, e.g. a dependency cycle
    // between a chart and a chart nested in it): each run either way, compared.
    const outcome = (run: () => unknown) => {
      try {
        return { result: run() };
      } catch (e) {
        return { error: (e as Error).message };
      }
    };
    let written = 0;
    fc.assert(fc.property(plan, p => {
      const mine = tmp();
      const theirs = tmp();
      expect(outcome(() => build(p, tmp()).synthYaml())).toEqual(outcome(() => stock(build(p, tmp())).synthYaml()));
      const a = outcome(() => build(p, mine).synth());
      expect(a).toEqual(outcome(() => stock(build(p, theirs)).synth()));
      expect(readTree(mine)).toEqual(readTree(theirs));
      if (!('error' in a)) written++;
    }), { numRuns: 60 });
    expect(written).toBeGreaterThan(30); // most plans are valid Apps, so files were compared
  });
});
