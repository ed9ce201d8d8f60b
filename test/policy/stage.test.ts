import { ApiObject, App, Chart, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { DevService, ExposureApp, ExposurePolicy, ExposureReport, InternalService, Stage } from '../../src';
import { synthApp } from '../util';

describe('ExposurePolicy', () => {
  const saved = process.env.CDK8S_EXPOSE_STAGE;
  afterEach(() => {
    if (saved === undefined) delete process.env.CDK8S_EXPOSE_STAGE;
    else process.env.CDK8S_EXPOSE_STAGE = saved;
  });
  beforeEach(() => { delete process.env.CDK8S_EXPOSE_STAGE; });

  test('no stage unless one is declared', () => {
    const chart = new Chart(Testing.app(), 'c');
    expect(ExposurePolicy.stageOf(chart)).toBeUndefined();
  });

  test('the nearest declaration wins; charts inherit from the App', () => {
    const app = Testing.app();
    ExposurePolicy.apply(app, { stage: Stage.STAGING });
    const prod = new Chart(app, 'prod');
    ExposurePolicy.apply(prod, { stage: Stage.PRODUCTION });
    const other = new Chart(app, 'other');
    const deep = new Construct(prod, 'deep');
    expect(ExposurePolicy.stageOf(deep)).toBe(Stage.PRODUCTION);
    expect(ExposurePolicy.stageOf(other)).toBe(Stage.STAGING);
  });

  test('CDK8S_EXPOSE_STAGE overrides code, for pipelines', () => {
    const chart = new Chart(Testing.app(), 'c');
    ExposurePolicy.apply(chart, { stage: Stage.DEVELOPMENT });
    process.env.CDK8S_EXPOSE_STAGE = 'production';
    expect(ExposurePolicy.stageOf(chart)).toBe(Stage.PRODUCTION);
  });

  test('the context key applies where nothing is declared', () => {
    const app = new App();
    app.node.setContext('cdk8s-expose:stage', 'staging');
    expect(ExposurePolicy.stageOf(new Chart(app, 'c'))).toBe(Stage.STAGING);
  });

  test('a bad stage says where it came from and what is allowed', () => {
    const chart = new Chart(Testing.app(), 'c');
    process.env.CDK8S_EXPOSE_STAGE = 'prod';
    expect(() => ExposurePolicy.stageOf(chart)).toThrow('The environment variable CDK8S_EXPOSE_STAGE is "prod"; it must be one of development, staging, production');
    expect(() => ExposurePolicy.apply(chart, { stage: 'live' as Stage })).toThrow(/stage is "live"; it must be one of development, staging, production/);
  });

  test('requireIsolation is inherited', () => {
    const app = Testing.app();
    ExposurePolicy.apply(app, { requireIsolation: true });
    expect(ExposurePolicy.requiresIsolation(new Chart(app, 'c'))).toBe(true);
    expect(ExposurePolicy.requiresIsolation(new Chart(Testing.app(), 'd'))).toBe(false);
  });
});

describe('ExposurePolicy writes the stage on the objects it judges', () => {
  beforeEach(() => { delete process.env.CDK8S_EXPOSE_STAGE; });
  afterEach(() => { delete process.env.CDK8S_EXPOSE_STAGE; });

  const stageOf = (m: any) => m.metadata.annotations?.['cdk8s-expose/stage'];

  test('every object below a policy with a stage, the library\'s and the others; nothing outside it', () => {
    // GIVEN
    const app = new ExposureApp();
    const prod = new Chart(app, 'prod');
    const dev = new Chart(app, 'dev');
    const other = new Chart(app, 'other');
    for (const chart of [prod, dev, other]) {
      const web = new kplus.Deployment(chart, 'Web', { containers: [{ image: 'web', ports: [{ number: 8080 }] }] });
      new DevService(chart, 'Dev', { selector: web, ports: [{ port: 80, targetPort: 8080 }] }).acknowledge('node-port-in-production', 'lab cluster');
      new ApiObject(chart, 'Raw', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { annotations: { team: 'a' } } });
    }
    // WHEN
    ExposurePolicy.apply(prod, { stage: Stage.PRODUCTION });
    ExposurePolicy.apply(dev, { stage: Stage.DEVELOPMENT });
    const manifests = (app.synthYaml(), synthApp(app));
    // THEN
    const byChart = (prefix: string) => manifests.filter(m => m.metadata.name.startsWith(prefix));
    expect(byChart('prod-').map(stageOf)).toEqual(['production', 'production', 'production']);
    expect(byChart('dev-').map(stageOf)).toEqual(['development', 'development', 'development']);
    expect(byChart('other-').map(stageOf)).toEqual([undefined, undefined, undefined]);
    expect(byChart('prod-').find(m => m.kind === 'ConfigMap').metadata.annotations).toEqual({ 'team': 'a', 'cdk8s-expose/stage': 'production' });
  });

  test.each([['ExposureApp', () => new ExposureApp()], ['App', () => Testing.app()]] as const)('a user\'s JSON patch that replaces or removes the annotations keeps the stage (%s)', (_name, makeApp) => {
    // GIVEN: a patch that replaces the annotation map, and one that removes it
    const app = makeApp();
    const prod = new Chart(app, 'prod');
    const api = new InternalService(prod, 'Api', { selectLabels: { app: 'api' }, ports: [{ port: 80 }] });
    ApiObject.of(api.service).addJsonPatch(JsonPatch.add('/metadata/annotations', { owner: 'team-a' }));
    const raw = new ApiObject(prod, 'Raw', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { annotations: { team: 'a' } } });
    raw.addJsonPatch(JsonPatch.remove('/metadata/annotations'));
    ExposurePolicy.apply(prod, { stage: Stage.PRODUCTION });

    // WHEN
    const manifests = (app.synthYaml(), synthApp(app));

    // THEN: the YAML keeps the user's annotations and the stage, once each
    const service = manifests.find(m => m.kind === 'Service');
    expect(service.metadata.annotations).toEqual({ 'owner': 'team-a', 'cdk8s-expose/stage': 'production' });
    expect(manifests.find(m => m.kind === 'ConfigMap').metadata.annotations).toEqual({ 'cdk8s-expose/stage': 'production' });
    // ... so a report of the YAML alone (as the audit reads dist/) judges both at production
    const rows = JSON.parse(ExposureReport.fromManifests(manifests, { stage: Stage.DEVELOPMENT }).toJson()).objects;
    expect(rows.find((r: any) => r.kind === 'Service').stage).toBe('production');
  });

  test('no stage, no annotation; annotateStage: false writes none', () => {
    const app = Testing.app();
    const plain = new Chart(app, 'plain');
    new kplus.ConfigMap(plain, 'Cm');
    ExposurePolicy.apply(plain, { requireIsolation: true });
    const quiet = new Chart(app, 'quiet');
    new kplus.ConfigMap(quiet, 'Cm');
    ExposurePolicy.apply(quiet, { stage: Stage.PRODUCTION, annotateStage: false });
    expect(synthApp(app).map(stageOf)).toEqual([undefined, undefined]);
    expect(() => ExposurePolicy.apply(quiet, { annotateStage: 'no' as any })).toThrow(/ExposurePolicy.apply\('quiet'\): annotateStage "no" must be true or false/);
  });

  test('CDK8S_EXPOSE_STAGE: the stage the synth judged at is the one written', () => {
    process.env.CDK8S_EXPOSE_STAGE = 'staging';
    const chart = new Chart(Testing.app(), 'c');
    new kplus.ConfigMap(chart, 'Cm');
    ExposurePolicy.apply(chart, { stage: Stage.DEVELOPMENT });
    expect(Testing.synth(chart).map(stageOf)).toEqual(['staging']);
  });
});

