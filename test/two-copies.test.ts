import * as cdk8s from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as constructs from 'constructs';
import * as first from '../src';

/**
 * Two installed copies of the library in one App (two versions pulled in by two dependencies)
 * share one state: each sees the other's constructs, collisions and policies, and neither
 * switches the other's policy off.
 */
function secondCopy(): typeof first {
  let copy: typeof first | undefined;
  jest.isolateModules(() => {
    // The App's cdk8s, constructs and cdk8s-plus-28 are shared; only the library is loaded twice.
    jest.doMock('cdk8s', () => cdk8s);
    jest.doMock('constructs', () => constructs);
    jest.doMock('cdk8s-plus-28', () => kplus);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    copy = require('../src');
  });
  return copy!;
}

describe('two copies of the library in one App', () => {
  const second = secondCopy();
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  afterAll(() => stderr.mockRestore());

  test('they are really two copies', () => {
    expect(second.InternalService).not.toBe(first.InternalService);
    expect(second.ExposurePolicy).not.toBe(first.ExposurePolicy);
  });

  test('a collision between constructs of the two copies is refused', () => {
    const chart = new cdk8s.Chart(cdk8s.Testing.app(), 'c');
    new first.DevService(chart, 'One', { selectLabels: { app: 'one' }, ports: [{ port: 80, nodePort: 30080 }] });
    expect(() => new second.DevService(chart, 'Two', { selectLabels: { app: 'two' }, ports: [{ port: 80, nodePort: 30080 }] }))
      .toThrow(/DevService 'c\/Two': nodePort 30080\/TCP is already claimed by DevService 'c\/One'/);
  });

  test('policies applied by either copy both hold, and judge constructs of both copies', () => {
    const app = cdk8s.Testing.app();
    const prod = new cdk8s.Chart(app, 'prod');
    const stage = new cdk8s.Chart(app, 'stage');
    first.ExposurePolicy.apply(prod, { stage: first.Stage.PRODUCTION });
    second.ExposurePolicy.apply(stage, { stage: second.Stage.PRODUCTION });
    new second.DevService(prod, 'A', { selectLabels: { app: 'a' }, ports: [{ port: 80 }] });
    new first.DevService(stage, 'B', { selectLabels: { app: 'b' }, ports: [{ port: 80 }] });
    let message = '';
    try { app.synthYaml(); } catch (e) { message = (e as Error).message; }
    expect(message).toMatch(/\[node-port-in-production\] Service prod-a-\w+ \(DevService 'prod\/A'\)/);
    expect(message).toMatch(/\[node-port-in-production\] Service stage-b-\w+ \(DevService 'stage\/B'\)/);
    // One check for the App, whichever copy registered it.
    expect(app.node.children.filter(c => c.node.id === 'cdk8s-expose')).toHaveLength(1);
  });

  test('the ExposureApp of one copy caches the verdict the other copy\'s check computes', () => {
    const app = new second.ExposureApp();
    const chart = new cdk8s.Chart(app, 'c');
    first.ExposurePolicy.apply(app, { stage: first.Stage.PRODUCTION });
    const svc = new first.InternalService(chart, 'Api', { selectLabels: { app: 'api' }, ports: [{ port: 80 }] });
    const toJson = jest.spyOn(cdk8s.ApiObject.of(svc.service), 'toJson');
    app.synthYaml();
    // Once by the policy, once by cdk8s: the verdict was shared across the App's validations.
    expect(toJson).toHaveBeenCalledTimes(2);
  });
});
