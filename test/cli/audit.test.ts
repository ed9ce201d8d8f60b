import * as path from 'path';
import { main } from '../../src/cli/audit';

function run(...args: string[]) {
  let out = '';
  let err = '';
  const code = main(args, { out: t => { out += t; }, err: t => { err += t; } });
  return { code, out, err };
}
const fixture = (name: string) => path.join('test', 'fixtures', 'audit', name);

describe('cdk8s-expose audit', () => {
  afterEach(() => { delete process.env.CDK8S_EXPOSE_STAGE; });

  test('a Helm-style NodePort fails at production, exit 1, with file and document', () => {
    const { code, out, err } = run('audit', '--stage', 'production', fixture('helm-nodeport.yaml'));
    expect(code).toBe(1);
    expect(out).toContain("## Reachable on every node's IP");
    expect(out).toContain('| Service `release-mychart` | default | NodePort | 80:30080→http/TCP |');
    expect(err).toContain(`error: [node-port-in-production] Service default/release-mychart (${fixture('helm-nodeport.yaml')} document 1)`);
  });

  test('the same file passes in development, exit 0', () => {
    expect(run('audit', '--stage', 'development', fixture('helm-nodeport.yaml')).code).toBe(0);
  });

  test('a LoadBalancer without source ranges: a warning without a stage, an error in staging', () => {
    expect(run('audit', fixture('public-lb.yaml')).code).toBe(0);
    const { code, err } = run('audit', '--stage', 'staging', fixture('public-lb.yaml'));
    expect(code).toBe(1);
    expect(err).toContain('error: [load-balancer-without-source-ranges] Service data/postgres-public');
    expect(err).not.toContain('Service data/web');
  });

  test('malformed documents are reported with file and document number, never a stack trace, and the rest is audited', () => {
    const { code, out, err } = run('audit', fixture('broken.yaml'));
    expect(err).toContain(`cdk8s-expose audit: ${fixture('broken.yaml')} document 2: not valid Kubernetes YAML (`);
    expect(err).toContain(`${fixture('broken.yaml')} document 3: not a Kubernetes object (found string); skipped`);
    expect(err).toContain(`${fixture('broken.yaml')} document 5: not a Kubernetes object (no apiVersion and kind); skipped`);
    expect(err).not.toMatch(/\n\s+at /);
    // The List in document 4 is still read: its Ingress routes to an ExternalName (CVE-2021-25740).
    expect(err).toContain('error: [ingress-to-external-name] Ingress to-external');
    expect(out).toContain('## Input problems');
    expect(code).toBe(1);
  });

  test('input problems alone give exit 2', () => {
    const { code, err } = run('audit', 'does/not/exist.yaml');
    expect(code).toBe(2);
    expect(err).toContain('cdk8s-expose audit: does/not/exist.yaml: no such file or folder');
  });

  test('folders are read recursively; JSON and Mermaid formats', () => {
    const json = JSON.parse(run('audit', '--format', 'json', path.join('test', 'fixtures', 'audit')).out);
    expect(json.summary.objects).toBe(6);
    expect(json.inputProblems).toHaveLength(3);
    expect(run('audit', '--format', 'mermaid', fixture('helm-nodeport.yaml')).out).toMatch(/^flowchart LR\n/);
  });

  test('usage errors say what is wrong, exit 2', () => {
    expect(run('audit', '--stage', 'prod', 'x.yaml')).toMatchObject({ code: 2, err: expect.stringContaining('--stage is "prod"; it must be one of development, staging, production') });
    expect(run('audit', '--format', 'html', 'x.yaml')).toMatchObject({ code: 2, err: expect.stringContaining('--format "html" is not one of markdown, json, mermaid') });
    expect(run('audit')).toMatchObject({ code: 2, err: expect.stringContaining('no files or folders given') });
    expect(run('lint')).toMatchObject({ code: 2, err: expect.stringContaining('usage: cdk8s-expose audit') });
    expect(run('audit', '--verbose', 'x')).toMatchObject({ code: 2, err: expect.stringContaining('unknown option --verbose') });
    expect(run('audit', '--help').code).toBe(0);
  });
});
