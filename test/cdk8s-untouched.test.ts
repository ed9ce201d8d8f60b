import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, JsonPatch, Lazy, YamlOutputType } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { DevService, ExposureApp, ExposurePolicy, IngressFronted, InternalService, Stage } from '../src';

/**
 * The library leaves cdk8s as it is: an App with library constructs writes every other object
 * byte for byte as the same App without them, for the patterns users rely on, in every output
 * type, with or without ExposureApp and a policy; and nothing of cdk8s is replaced.
 */

// Captured when this file loads, before any library construct exists.
const STOCK_SYNTH_CHART = (App as unknown as Record<string, unknown>)._synthChart;
const STOCK_APP_PROTOTYPE = Object.getOwnPropertyDescriptors(App.prototype);
const STOCK_API_OBJECT_PROTOTYPE = Object.getOwnPropertyDescriptors(ApiObject.prototype);

/** A custom ApiObject whose class renders itself (users do this for CRDs with computed fields). */
class Stamped extends ApiObject {
  public toJson(): any {
    const json = super.toJson();
    return { ...json, metadata: { ...json.metadata, annotations: { ...json.metadata.annotations, stamped: 'by-class' } } };
  }
}

type Mode = 'without' | 'with' | 'with-policy';

/** The user's own App: patterns that any library in it must leave alone. */
function buildApp(outdir: string, yamlOutputType: YamlOutputType, mode: Mode): App {
  const props = { outdir, yamlOutputType };
  const app = mode === 'with-policy' ? new ExposureApp(props) : new App(props);
  const a = new Chart(app, 'a', { namespace: 'a' });
  const b = new Chart(app, 'b', { namespace: 'b' });
  b.addDependency(a);

  // An App-level mutating validation (cdk8s's substitute for Aspects): a label on every object.
  app.node.addValidation({
    validate: () => {
      for (const o of app.node.findAll()) if (o instanceof ApiObject) o.metadata.addLabel('team', 'shop');
      return [];
    },
  });
  const config = new kplus.ConfigMap(a, 'Config', { data: { mode: 'prod' } });
  // A JSON patch added by a validation.
  const patched = new ApiObject(a, 'Patched', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'patched' }, data: { a: '1' } });
  a.node.addValidation({ validate: () => { patched.addJsonPatch(JsonPatch.add('/data/patchedBy', 'validation')); return []; } });
  // Lazy values whose inputs are set after construction.
  const state = { replicas: 0, image: '' };
  new ApiObject(b, 'Lazy', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'lazy' }, data: { replicas: Lazy.any({ produce: () => String(state.replicas) }), image: Lazy.any({ produce: () => state.image }) } });
  // A custom toJson, by class and by instance.
  new Stamped(b, 'Stamped', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'stamped' }, data: { x: 'y' } });
  const own = new ApiObject(b, 'Own', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'own' } });
  const ownToJson = own.toJson.bind(own);
  (own as unknown as { toJson: () => any }).toJson = () => ({ ...ownToJson(), data: { rendered: 'by-instance' } });
  // Cross-chart dependencies, and foreign objects the library must not judge.
  const web = new kplus.Deployment(b, 'Web', { containers: [{ image: 'nginx:1.27', ports: [{ number: 8080 }], securityContext: { user: 101 } }] });
  ApiObject.of(web).addDependency(ApiObject.of(config));
  new kplus.Service(b, 'Raw', { selector: web, ports: [{ port: 80, targetPort: 8080 }], externalIPs: ['203.0.113.5'] });
  new Construct(b, 'Empty');

  if (mode !== 'without') {
    const lib = new Chart(app, 'lib', { namespace: 'lib' });
    new InternalService(lib, 'Api', { selectLabels: { app: 'api' }, ports: [{ port: 8080, name: 'http', appProtocol: 'http' }], metadata: { name: 'libx-api' }, allowFrom: [kplus.Pods.select(lib, 'Callers', { labels: { app: 'web' } })] });
    new DevService(lib, 'Dev', { selectLabels: { app: 'dev' }, ports: [{ port: 80, nodePort: 30080 }], metadata: { name: 'libx-dev' } });
    new IngressFronted(lib, 'Front', { selectLabels: { app: 'front' }, ports: [{ port: 80 }], host: 'libx.example.com', metadata: { name: 'libx-front' } });
    // A library construct inside the user's chart too.
    new InternalService(a, 'LibxInA', { selectLabels: { app: 'api' }, ports: [{ port: 80 }], metadata: { name: 'libx-in-a' } });
  }
  if (mode === 'with-policy') {
    // Judges the library's chart only: the user's charts keep their externalIPs.
    ExposurePolicy.apply(app.node.findChild('lib'), { stage: Stage.DEVELOPMENT });
  }
  state.replicas = 3;
  state.image = 'nginx:1.27';
  return app;
}

/** Every file below `dir`, by relative path, with the library's documents removed. */
function filesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) { walk(full); continue; }
      const docs = fs.readFileSync(full, 'utf-8').split(/^---\n/m).filter(doc => !/libx|cdk8s-expose/.test(doc) && !/namespace: lib\n/.test(doc));
      if (docs.join('').trim().length > 0) out[path.relative(dir, full)] = docs.join('---\n');
    }
  };
  walk(dir);
  return out;
}

function synthesize(yamlOutputType: YamlOutputType, mode: Mode): Record<string, string> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'expose-untouched-'));
  try {
    const app = buildApp(outdir, yamlOutputType, mode);
    app.synth();
    return filesOf(outdir);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

describe('cdk8s left as it is', () => {
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  afterAll(() => stderr.mockRestore());

  test.each([
    ['FILE_PER_CHART', YamlOutputType.FILE_PER_CHART],
    ['FILE_PER_APP', YamlOutputType.FILE_PER_APP],
    ['FILE_PER_RESOURCE', YamlOutputType.FILE_PER_RESOURCE],
    ['FOLDER_PER_CHART_FILE_PER_RESOURCE', YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE],
  ])('%s: the other objects are byte-identical with and without the library (and with a policy)', (_name, type) => {
    const without = synthesize(type, 'without');
    const all = Object.values(without).join('\n');
    // The patterns really are in the output, so the comparison compares something.
    for (const expected of ['team: shop', 'patchedBy: validation', 'replicas: "3"', 'image: nginx:1.27', 'stamped: by-class', 'rendered: by-instance', '203.0.113.5']) {
      expect(all).toContain(expected);
    }
    expect(synthesize(type, 'with')).toEqual(without);
    expect(synthesize(type, 'with-policy')).toEqual(without);
  });

  test('the library\'s own objects are in the output, labelled by the App\'s validation like every other', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'expose-untouched-'));
    const yaml = buildApp(outdir, YamlOutputType.FILE_PER_APP, 'with').synthYaml();
    expect(yaml).toMatch(/name: libx-api\n {2}namespace: lib\n/);
    expect(yaml.split('---').filter(d => d.includes('libx-')).every(d => d.includes('team: shop'))).toBe(true);
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  test('after synth, App._synthChart, App.prototype, ApiObject.prototype and every ApiObject are unchanged', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'expose-untouched-'));
    const app = buildApp(outdir, YamlOutputType.FILE_PER_CHART, 'with-policy');
    const objects = app.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
    const before = objects.map(o => Object.getOwnPropertyNames(o).sort().join());
    app.synth();
    app.synthYaml();
    expect((App as unknown as Record<string, unknown>)._synthChart).toBe(STOCK_SYNTH_CHART);
    expect(Object.getOwnPropertyDescriptors(App.prototype)).toEqual(STOCK_APP_PROTOTYPE);
    expect(Object.getOwnPropertyDescriptors(ApiObject.prototype)).toEqual(STOCK_API_OBJECT_PROTOTYPE);
    expect(Object.getOwnPropertyNames(app).filter(n => n === 'synth' || n === 'synthYaml')).toEqual([]);
    expect(objects.map(o => Object.getOwnPropertyNames(o).sort().join())).toEqual(before);
    // Only the user's own instance override is an own toJson.
    expect(objects.filter(o => Object.prototype.hasOwnProperty.call(o, 'toJson')).map(o => o.node.path)).toEqual(['b/Own']);
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  test('an object created while a chart is rendered is still judged by the policy (plain App)', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'expose-untouched-')) });
    const first = new Chart(app, 'first');
    const second = new Chart(app, 'second');
    ExposurePolicy.apply(app, { stage: Stage.PRODUCTION });
    new InternalService(first, 'Api', { selectLabels: { app: 'api' }, ports: [{ port: 80 }] });
    let made = false;
    second.node.addValidation({ validate: () => [] });
    const trigger = new ApiObject(first, 'Trigger', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'trigger' } });
    const render = trigger.toJson.bind(trigger);
    (trigger as unknown as { toJson: () => any }).toJson = () => {
      if (!made) { made = true; new DevService(second, 'Late', { selectLabels: { app: 'late' }, ports: [{ port: 80 }] }); }
      return render();
    };
    expect(() => app.synth()).toThrow(/\[node-port-in-production\] Service second-late-\w+ \(DevService 'second\/Late'\)/);
  });
});
