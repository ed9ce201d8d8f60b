import { YamlOutputType } from 'cdk8s';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { run } = require('../docs/upstream/repro.js');

describe('docs/upstream: the reproduction of cdk8s validating the App once per chart', () => {
  test('stock cdk8s validates an App with C charts C + 1 times per synth', () => {
    expect(run(60, 1, YamlOutputType.FILE_PER_CHART).validations).toBe(2);
    expect(run(60, 3, YamlOutputType.FILE_PER_CHART).validations).toBe(4);
    expect(run(60, 6, YamlOutputType.FILE_PER_CHART).validations).toBe(7);
  });
});
