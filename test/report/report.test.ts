import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { buildApp } from '../../examples/main';
import { DevService, ExposureDiff, ExposureReport, IngressFronted, PublicService, SourceRanges, Stage } from '../../src';
import { service } from '../policy/helpers';

describe('ExposureReport', () => {
  test('the example app: Markdown, JSON and Mermaid are stable', () => {
    // GIVEN / WHEN
    const report = ExposureReport.fromApp(buildApp());
    // THEN
    expect(report.toMarkdown()).toMatchSnapshot();
    expect(report.toJson()).toMatchSnapshot();
    expect(report.toMermaid()).toMatchSnapshot();
    expect(report.hasBlockingFindings).toBe(false);
  });

  test('the same App gives byte-identical output', () => {
    expect(ExposureReport.fromApp(buildApp()).toJson()).toBe(ExposureReport.fromApp(buildApp()).toJson());
  });

  test('JSON: schema version, most exposed first, scope, ranges, TLS, targets, construct, acknowledgements and findings', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const web = new kplus.Deployment(chart, 'Web', { containers: [{ image: 'web', ports: [{ number: 8080 }] }] });
    const lb = new PublicService(chart, 'Lb', { selector: web, ports: [{ port: 443, targetPort: 8080 }], sourceRanges: SourceRanges.anywhere() });
    lb.acknowledge('load-balancer-anywhere', 'public website');
    new DevService(chart, 'Dev', { selector: web, ports: [{ port: 5432, targetPort: 8080 }] });
    new IngressFronted(chart, 'Ing', { selector: web, ports: [{ port: 80, targetPort: 8080 }], host: 'a.example.com' });
    const json = JSON.parse(ExposureReport.fromApp(app).toJson());
    expect(json.schemaVersion).toBe(1);
    expect(json.objects.map((o: any) => [o.kind, o.scope])).toEqual([
      ['Ingress', 'internet'], ['Service', 'internet'], ['Service', 'node'], ['Service', 'cluster'],
    ]);
    const lbRow = json.objects[1];
    expect(lbRow).toMatchObject({ type: 'LoadBalancer', sourceRanges: ['anywhere'], construct: 'c/Lb', targets: [expect.stringMatching(/^Deployment\/c-web-/)] });
    expect(lbRow.acknowledgements).toEqual([{ rule: 'load-balancer-anywhere', reason: 'public website' }]);
    expect(json.objects[0]).toMatchObject({ tls: true, hosts: ['a.example.com/'], construct: 'c/Ing' });
    expect(json.objects[2].findings).toEqual([expect.objectContaining({ rule: 'database-port-exposed', severity: 'warning' })]);
    expect(json.summary).toMatchObject({ objects: 4, errors: 0, warnings: 1 });
  });

  test('from plain manifests, at a stage', () => {
    const report = ExposureReport.fromManifests([service('np', { type: 'NodePort', selector: { a: 'b' }, ports: [{ port: 80 }] })], { stage: Stage.PRODUCTION });
    expect(report.hasBlockingFindings).toBe(true);
    expect(report.errorCount).toBe(1);
    expect(report.toMarkdown()).toContain('## Reachable on every node\'s IP');
    expect(report.toMarkdown()).toContain('- **error** [node-port-in-production] Service np: is a NodePort Service');
    expect(report.toMermaid()).toContain('node((Node IPs)) --> ');
  });

  test('writeForApp writes the three files next to the YAML', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'expose-'));
    const app = new App({ outdir });
    const chart = new Chart(app, 'c');
    new DevService(chart, 'Dev', { selector: kplus.Pods.select(chart, 'P', { labels: { app: 'x' } }), ports: [{ port: 80 }] });
    app.synth();
    const files = ExposureReport.writeForApp(app);
    expect(files.map(f => path.basename(f))).toEqual(['exposure-report.md', 'exposure-report.json', 'exposure-report.mmd']);
    expect(fs.readFileSync(files[0], 'utf-8')).toMatch(/^# Exposure report/);
  });
});

describe('README', () => {
  test('shows the example app\'s current report', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf-8');
    const start = readme.indexOf('<!-- example-report:start -->');
    const end = readme.indexOf('<!-- example-report:end -->');
    expect(start).toBeGreaterThan(0);
    const shown = readme.slice(start, end).split('\n').slice(1).join('\n').trim();
    const current = ExposureReport.fromApp(buildApp()).toMarkdown().replace(/^# Exposure report\n\n/, '').replace(/^## /gm, '#### ').trim();
    expect(shown).toBe(current);
  });
});

describe('ExposureDiff', () => {
  test('between the reports of two Apps: a DevService turned into a PublicService widens', () => {
    const build = (pub: boolean) => {
      const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
      if (pub) new PublicService(chart, 'Web', { selectLabels: { app: 'web' }, ports: [{ port: 443 }], sourceRanges: SourceRanges.anywhere(), metadata: { name: 'web' } });
      else new DevService(chart, 'Web', { selectLabels: { app: 'web' }, ports: [{ port: 443 }], metadata: { name: 'web' } });
      return ExposureReport.fromApp(chart);
    };
    const diff = ExposureDiff.between(build(false), build(true));
    expect(diff.hasWidened).toBe(true);
    expect(diff.toMarkdown()).toContain('| Service shop/web | internet | scope widened from node to internet<br>source range added: anywhere |');
    expect(ExposureDiff.between(build(true), build(false)).hasWidened).toBe(false);
  });
});
