import { App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { ExposurePolicy, Stage } from '../../src';

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
