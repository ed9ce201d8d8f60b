import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { ExposureValidation } from '../../src';

/** A stand-in for the cdk8s CLI's ValidationContext, recording what the plugin reports. */
function fakeContext(files: string[], metadata: Record<string, { path: string }> = {}) {
  const violations: any[] = [];
  const logs: string[] = [];
  let status: string | undefined;
  let summary: any;
  return {
    manifests: files,
    metadata,
    logger: { log: (m: string) => logs.push(m) },
    parseManifest: (file: string) => parseAllDocuments(fs.readFileSync(file, 'utf-8')).map((d: any) => d.toJS()),
    report: { addViolation: (v: any) => violations.push(v), submit: (s: string, m: any) => { status = s; summary = m; } },
    get result() { return { violations, logs, status, summary }; },
  };
}

const fixture = (name: string) => path.join(__dirname, '..', 'fixtures', 'audit', name);

describe('ExposureValidation (cdk8s CLI plugin)', () => {
  afterEach(() => { delete process.env.CDK8S_EXPOSE_STAGE; });

  test('reports blocking findings as violations, with the construct path cdk8s recorded', async () => {
    const context = fakeContext([fixture('helm-nodeport.yaml')], { 'release-mychart': { path: 'chart/Web/Resource' } });
    await new ExposureValidation({ stage: 'production' }).validate(context);
    const { violations, status, summary } = context.result;
    expect(status).toBe('failure');
    // The Helm output names namespace default: default-namespace on the Service and the Deployment too.
    expect(summary).toEqual({ stage: 'production', findings: '3', blocking: '3' });
    expect(violations.map(v => v.ruleName)).toEqual(['node-port-in-production', 'default-namespace', 'default-namespace']);
    expect(violations.filter(v => v.ruleName === 'node-port-in-production')).toEqual([{
      ruleName: 'node-port-in-production',
      recommendation: expect.stringMatching(/^Service release-mychart: is a NodePort Service .*open on every node/),
      fix: expect.stringMatching(/^Use IngressFronted/),
      violatingResources: [{ resourceName: 'release-mychart', manifestPath: expect.stringContaining('helm-nodeport.yaml'), locations: ['Service/release-mychart'] }],
    }]);
  });

  test('a LoadBalancer without source ranges written without the library fails in production', async () => {
    const context = fakeContext([fixture('public-lb.yaml')]);
    await new ExposureValidation({ stage: 'production' }).validate(context);
    expect(context.result.violations.map((v: any) => v.ruleName)).toEqual(['database-port-exposed', 'load-balancer-without-source-ranges']);
  });

  test('without a stage, findings are logged and the run succeeds', async () => {
    const context = fakeContext([fixture('helm-nodeport.yaml')]);
    await new ExposureValidation().validate(context);
    expect(context.result.status).toBe('success');
    expect(context.result.violations).toEqual([]);
  });

  test('CDK8S_EXPOSE_STAGE overrides the property; a bad stage is refused', () => {
    expect(() => new ExposureValidation({ stage: 'prod' })).toThrow('ExposureValidation: the property stage is "prod"; it must be one of development, staging, production');
    process.env.CDK8S_EXPOSE_STAGE = 'prod';
    expect(() => new ExposureValidation({ stage: 'staging' })).toThrow('The environment variable CDK8S_EXPOSE_STAGE is "prod"; it must be one of development, staging, production');
  });
});

describe('ExposureValidation per-object stages', () => {
  afterEach(() => { delete process.env.CDK8S_EXPOSE_STAGE; });
  const write = (dir: string, name: string, annotations: Record<string, string> = {}) => {
    const file = path.join(dir, `${name}.k8s.yaml`);
    fs.writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name, annotations }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80 }] } }));
    return file;
  };

  test('an object\'s cdk8s-expose/stage wins over the stage property; stageFor maps files', async () => {
    // GIVEN
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'expose-plugin-'));
    const files = [write(dir, 'prod', { 'cdk8s-expose/stage': 'production' }), write(dir, 'dev'), write(dir, 'mapped')];
    // WHEN
    const context = fakeContext(files);
    await new ExposureValidation({ stage: 'development', stageFor: { [`${path.relative(process.cwd(), dir)}/mapped*.yaml`]: 'production' } }).validate(context);
    // THEN
    expect(context.result.status).toBe('failure');
    expect(context.result.violations.map((v: any) => v.violatingResources[0].resourceName)).toEqual(['prod', 'mapped']);
    expect(context.result.violations[0].fix).toMatch(/\. To accept it, write the annotation `ack.cdk8s-expose\/node-port-in-production: <reason>` on the object/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a bad stageFor is refused with what it should look like', () => {
    expect(() => new ExposureValidation({ stageFor: { 'dist/*.yaml': 'prod' } })).toThrow('ExposureValidation: the property stageFor "dist/*.yaml=prod": the stage is "prod"; it must be one of development, staging, production');
    expect(() => new ExposureValidation({ stageFor: ['x'] as any })).toThrow(/ExposureValidation: the property stageFor \["x"\] must map path patterns to stages/);
  });
});

describe('ExposureValidation reportDirectory', () => {
  test('writes the exposure report (Markdown with its diagram, JSON, Mermaid) of what synth wrote, with the same findings', async () => {
    // GIVEN
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'expose-plugin-report-'));
    const context = fakeContext([fixture('helm-nodeport.yaml')]);
    // WHEN
    await new ExposureValidation({ stage: 'production', reportDirectory: dir }).validate(context);
    // THEN the violations are those of a plugin without a report
    const plain = fakeContext([fixture('helm-nodeport.yaml')]);
    await new ExposureValidation({ stage: 'production' }).validate(plain);
    expect(context.result.violations).toEqual(plain.result.violations);
    expect(fs.readdirSync(dir).sort()).toEqual(['exposure-report.json', 'exposure-report.md', 'exposure-report.mmd']);
    const markdown = fs.readFileSync(path.join(dir, 'exposure-report.md'), 'utf-8');
    expect(markdown).toMatch(/^# Exposure report\n[\s\S]*## Diagram\n\n```mermaid\n[\s\S]*"Service<br\/>default\/release-mychart<br\/>NodePort [\s\S]*```\n/);
    expect(markdown).toContain('- **error** [node-port-in-production] Service default/release-mychart');
    expect(context.result.logs).toContainEqual(expect.stringMatching(/^exposure report: .*exposure-report\.md, .*exposure-report\.json, .*exposure-report\.mmd$/));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('an empty reportDirectory is refused', () => {
    expect(() => new ExposureValidation({ reportDirectory: ' ' })).toThrow('ExposureValidation: the property reportDirectory " " must be a folder, such as dist');
  });
});
