import { ApiObject, App, Chart, Lazy, Testing } from 'cdk8s';
import { ExposureApp, ExposurePolicy, InternalService, Stage } from '../src';

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
