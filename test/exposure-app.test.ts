import { ApiObject, App, Chart, Lazy, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { DevService, ExposeErrors, ExposureApp, ExposurePolicy, HttpRoute, InternalService, RouteBackend, Stage } from '../src';

/** What a user catches when the synth fails. */
function synthError(app: App): Error {
  try {
    app.synthYaml();
  } catch (e) {
    return e as Error;
  }
  throw new Error('the synth did not fail');
}

/** A DevService in production: the policy refuses it at synth. */
function refusedAtProduction(app: App): void {
  const chart = new Chart(app, 'prod');
  ExposurePolicy.apply(chart, { stage: Stage.PRODUCTION });
  new DevService(chart, 'Debug', { selector: kplus.Pods.select(chart, 'Pods', { labels: { app: 'debug' } }), ports: [{ port: 8000 }] });
}

describe('ExposureApp: what a user catches at synth', () => {
  beforeEach(() => {
    delete process.env.CDK8S_EXPOSE_STAGE;
    delete process.env.CDK8S_EXPOSE_WARNINGS;
  });

  test('a policy refusal is the library\'s ValidationError, with cdk8s\'s message and error as its cause', () => {
    // GIVEN
    const app = new ExposureApp({ outdir: Testing.app().outdir });
    refusedAtProduction(app);
    // WHEN
    const error = synthError(app);
    // THEN
    expect(ExposeErrors.isValidationError(error)).toBe(true);
    expect(error.message).toMatch(/^Validation failed with the following errors:\n {2}\[cdk8s-expose\] \[node-port-in-production\] Service prod-debug-\w+ \(DevService 'prod\/Debug'\): is a NodePort Service/);
    expect((error as any).cause).toBeInstanceOf(Error);
    expect((error as any).cause.message).toBe(error.message);
  });

  test('with a plain App, cdk8s\'s own Error arrives as cdk8s words it: the library\'s lines are prefixed [cdk8s-expose]', () => {
    // GIVEN
    const app = Testing.app();
    refusedAtProduction(app);
    // WHEN
    const error = synthError(app);
    // THEN
    expect(ExposeErrors.isValidationError(error)).toBe(false);
    expect(error.message).toMatch(/^Validation failed with the following errors:\n {2}\[cdk8s-expose\] \[node-port-in-production\] Service prod-debug-\w+ \(DevService 'prod\/Debug'\)/);
  });

  test('a construct\'s check at synth (an HttpRoute without rules) is the library\'s too', () => {
    const app = new ExposureApp({ outdir: Testing.app().outdir });
    new HttpRoute(new Chart(app, 'c'), 'Route', { parents: [{ name: 'public' }] });
    const error = synthError(app);
    expect(ExposeErrors.isValidationError(error)).toBe(true);
    expect(error.message).toContain("[c/Route] HttpRoute 'c/Route': rules is empty");
  });

  test('a failure of another construct\'s validation stays cdk8s\'s, and the next synth starts afresh', () => {
    // GIVEN a user's validation that fails, in an App whose library checks pass
    const app = new ExposureApp({ outdir: Testing.app().outdir });
    const chart = new Chart(app, 'c');
    const failing = { fail: true };
    chart.node.addValidation({ validate: () => (failing.fail ? ['the user\'s own check'] : []) });
    const route = new HttpRoute(chart, 'Route', { parents: [{ name: 'public' }] });
    // WHEN both fail, the error is the library's; THEN, with the route fixed, cdk8s's
    expect(ExposeErrors.isValidationError(synthError(app))).toBe(true);
    route.addRule({ backends: [RouteBackend.fromServiceName('api', 80)] });
    const error = synthError(app);
    expect(ExposeErrors.isValidationError(error)).toBe(false);
    expect(error.message).toContain("[c] the user's own check");
  });
});

/** A chart whose objects render a user's Lazy producers, counting how often each runs. */
function build(app: App, counter: { runs: number }): Chart {
  const chart = new Chart(app, 'shop', { namespace: 'shop' });
  new ApiObject(chart, 'Config', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'config' },
    data: { built: Lazy.any({ produce: () => { counter.runs++; return 'yes'; } }) },
  });
  new InternalService(chart, 'Api', { selectLabels: { app: 'api' }, ports: [{ port: 80 }] });
  return chart;
}

describe('ExposureApp', () => {
  const saved = process.env.CDK8S_EXPOSE_STAGE;
  beforeEach(() => { delete process.env.CDK8S_EXPOSE_STAGE; });
  afterEach(() => { if (saved !== undefined) process.env.CDK8S_EXPOSE_STAGE = saved; });

  test('with a policy, a user\'s Lazy producer runs as often as without the library, and the YAML is the same', () => {
    // GIVEN: the same app without the policy, with ExposureApp and a policy, with a plain App and a policy
    const without = { runs: 0 };
    const plainApp = Testing.app();
    build(plainApp, without);
    const withExposureApp = { runs: 0 };
    const exposureApp = new ExposureApp({ outdir: plainApp.outdir });
    ExposurePolicy.apply(exposureApp, { stage: Stage.STAGING, annotateStage: false });
    build(exposureApp, withExposureApp);
    const withPlainApp = { runs: 0 };
    const policyApp = Testing.app();
    ExposurePolicy.apply(policyApp, { stage: Stage.STAGING, annotateStage: false });
    build(policyApp, withPlainApp);

    // WHEN
    const yamlWithout = plainApp.synthYaml();
    const yamlWith = exposureApp.synthYaml();
    policyApp.synthYaml();

    // THEN
    expect(without.runs).toBe(1);
    expect(withExposureApp.runs).toBe(without.runs);
    expect(yamlWith).toEqual(yamlWithout);
    // A plain App renders once more for each validation of the policy (documented).
    expect(withPlainApp.runs).toBeGreaterThan(without.runs);
    // The next synthesis produces afresh.
    exposureApp.synthYaml();
    expect(withExposureApp.runs).toBe(2);
  });

  test('the policy judges after every validation of the App, even when applied before the charts exist', () => {
    // GIVEN: the policy first; a chart's validation then changes what a Lazy renders
    const app = new ExposureApp({ outdir: Testing.app().outdir });
    ExposurePolicy.apply(app, { stage: Stage.PRODUCTION });
    const chart = new Chart(app, 'edge');
    const state = { type: 'ClusterIP' };
    new ApiObject(chart, 'Svc', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'debug' },
      spec: { type: Lazy.any({ produce: () => state.type }), selector: { app: 'debug' }, ports: [{ port: 80 }] },
    });
    chart.node.addValidation({ validate: () => { state.type = 'NodePort'; return []; } });

    // WHEN / THEN: the NodePort the YAML would carry is what the policy refuses
    expect(() => app.synthYaml()).toThrow(/\[node-port-in-production\]/);
  });
});
