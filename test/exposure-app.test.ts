import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { DevService, ExposeErrors, ExposureApp, ExposurePolicy, HttpRoute, RouteBackend, Stage } from '../src';

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
