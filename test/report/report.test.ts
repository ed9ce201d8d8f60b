import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { buildApp } from '../../examples/main';
import { DefaultDenyPolicy, DevService, ExposureDiff, ExposureReport, IngressFronted, InternalService, PublicService, SourceRanges, Stage } from '../../src';
import { service } from '../policy/helpers';
import { validateManifest } from '../util';

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

  test('JSON: written in pieces, it is exactly JSON.stringify with two-space indentation', () => {
    // GIVEN the example app, and more than one batch of rows (the writer cuts every 1,000 rows)
    const many = Array.from({ length: 2345 }, (_, i) => service(`s${i}`, { type: i % 2 ? 'NodePort' : 'ClusterIP', selector: { app: `a${i}` }, ports: [{ port: 80 }] }, { namespace: 'n' }));
    for (const report of [ExposureReport.fromApp(buildApp()), ExposureReport.fromManifests(many), ExposureReport.fromManifests([])]) {
      // WHEN
      const chunks: string[] = [];
      report._writeJson(c => chunks.push(c));
      const json = report.toJson();
      // THEN the pieces are the text, and the text is the canonical rendering of its own value
      expect(chunks.join('')).toBe(json);
      expect(json).toBe(`${JSON.stringify(JSON.parse(json), null, 2)}\n`);
    }
    expect(JSON.parse(ExposureReport.fromManifests(many).toJson()).objects).toHaveLength(2345);
  });

  test('Markdown: written in pieces, it is the same text, with one row per object', () => {
    const many = Array.from({ length: 2345 }, (_, i) => service(`s${i}`, { type: 'ClusterIP', selector: { app: `a${i}` }, ports: [{ port: 80 }] }, { namespace: 'n' }));
    for (const report of [ExposureReport.fromApp(buildApp()), ExposureReport.fromManifests(many)]) {
      const chunks: string[] = [];
      report._writeMarkdown(c => chunks.push(c));
      expect(chunks.join('')).toBe(report.toMarkdown());
    }
    const chunks: string[] = [];
    ExposureReport.fromManifests(many)._writeMarkdown(c => chunks.push(c));
    expect(chunks.length).toBeGreaterThan(2);
    const text = chunks.join('');
    expect(text.split('\n').filter(l => l.startsWith('| Service `s'))).toHaveLength(2345);
    expect(text.endsWith('None.\n')).toBe(true);
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

  test('JSON: findings on objects without a row are listed with their object, each finding once', () => {
    // GIVEN a Deployment whose probe names an undeclared port, and one ConfigMap written twice
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'api', namespace: 'shop' },
      spec: {
        selector: { matchLabels: { app: 'api' } },
        template: {
          metadata: { labels: { app: 'api' } },
          spec: { containers: [{ name: 'api', image: 'api', ports: [{ containerPort: 8080 }], readinessProbe: { httpGet: { port: 'ready', path: '/ready' } } }] },
        },
      },
    };
    const config = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'shop' }, data: {} };
    const svc = service('api', { selector: { app: 'api' }, ports: [{ port: 80, targetPort: 8080 }] }, { namespace: 'shop' });
    // WHEN
    const report = ExposureReport.fromManifests([deployment, config, config, svc]);
    const json = JSON.parse(report.toJson());
    // THEN the two findings without a row are in otherFindings, with their object
    expect(json.otherFindings).toHaveLength(2);
    expect(json.otherFindings).toEqual(expect.arrayContaining([
      expect.objectContaining({ object: { kind: 'Deployment', name: 'api', namespace: 'shop' }, rule: 'probe-port-not-exposed', severity: 'warning' }),
      expect.objectContaining({ object: { kind: 'ConfigMap', name: 'settings', namespace: 'shop' }, rule: 'duplicate-object', severity: 'error' }),
    ]));
    // and every finding of the report is in the JSON exactly once
    const inRows = json.objects.reduce((n: number, o: any) => n + o.findings.length, 0);
    expect(inRows + json.otherFindings.length).toBe(report.findingLines.length);
    expect(json.summary.errors).toBe(report.errorCount);
  });

  test('JSON: otherFindings is empty when every finding has a row', () => {
    const report = ExposureReport.fromManifests([service('np', { type: 'NodePort', selector: { a: 'b' }, ports: [{ port: 80 }] })], { stage: Stage.PRODUCTION });
    const json = JSON.parse(report.toJson());
    expect(json.objects[0].findings).toHaveLength(1);
    expect(json.otherFindings).toEqual([]);
  });

  test('from plain manifests, at a stage', () => {
    const report = ExposureReport.fromManifests([service('np', { type: 'NodePort', selector: { a: 'b' }, ports: [{ port: 80 }] })], { stage: Stage.PRODUCTION });
    expect(report.hasBlockingFindings).toBe(true);
    expect(report.errorCount).toBe(1);
    expect(report.toMarkdown()).toContain('## Reachable on every node\'s IP');
    expect(report.toMarkdown()).toContain('- **error** [node-port-in-production] Service np: is a NodePort Service');
    expect(report.toMermaid()).toContain('node((Node IPs)) --> ');
  });

  test('the summary counts every object read and names the kinds not modelled, with counts (issue #24)', () => {
    const report = ExposureReport.fromManifests([
      service('web', { selector: { app: 'web' }, ports: [{ port: 80 }] }, { namespace: 'web' }),
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'web' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b', namespace: 'web' } },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'system:aggregated-metrics-reader' } },
      { apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', metadata: { name: 'k8s', namespace: 'monitoring' } },
    ]);
    expect(report.toMarkdown()).toContain('\n5 objects read, 1 modelled; not modelled: ConfigMap ×2, ClusterRole ×1, Prometheus (monitoring.coreos.com) ×1.\n');
    const summary = JSON.parse(report.toJson()).summary;
    expect([summary.read, summary.notModelled]).toEqual([5, { 'ConfigMap': 2, 'ClusterRole': 1, 'Prometheus (monitoring.coreos.com)': 1 }]);
  });

  test('a Service with externalIPs is not "inside the cluster only": reachable on those addresses (issue #24)', () => {
    const report = ExposureReport.fromManifests([
      service('public-ip', { selector: { app: 'web' }, ports: [{ port: 80 }], externalIPs: ['203.0.113.10'] }, { namespace: 'web' }),
      service('private-ip', { selector: { app: 'web' }, ports: [{ port: 81 }], externalIPs: ['10.0.0.10'] }, { namespace: 'web' }),
    ]);
    const rows = JSON.parse(report.toJson()).objects.map((o: any) => [o.name, o.scope, o.hosts]);
    expect(rows).toEqual([['public-ip', 'internet', ['externalIP 203.0.113.10']], ['private-ip', 'vpc', ['externalIP 10.0.0.10']]]);
    expect(report.toMarkdown()).not.toContain('## Reachable only inside the cluster');
    expect(report.toMermaid()).toMatch(/internet\(\(Internet\)\) --> n\d+\n/);
  });

  test('names without a namespace print without a leading "/" (a ListenerSet\'s parent, a route\'s Gateway) (issue #24)', () => {
    const parent = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'public' }, spec: { gatewayClassName: 'example', allowedListeners: { namespaces: { from: 'All' } }, listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }] } };
    const set = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'ListenerSet', metadata: { name: 'shop' }, spec: { parentRef: { name: 'public' }, listeners: [{ name: 'https', protocol: 'HTTPS', port: 443, hostname: 'shop.example.com', tls: { mode: 'Terminate', certificateRefs: [{ name: 'cert' }] } }] } };
    const route = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'web' }, spec: { parentRefs: [{ kind: 'ListenerSet', name: 'shop', sectionName: 'https' }], hostnames: ['shop.example.com'], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] } };
    const json = JSON.parse(ExposureReport.fromManifests([parent, set, route]).toJson());
    const byName = new Map(json.objects.map((o: any) => [o.name, o]));
    expect((byName.get('shop') as any).controller).toBe('gateway public');
    expect((byName.get('web') as any).certificate).toBe('ListenerSet shop listener https');
    expect(JSON.stringify(json)).not.toMatch(/ \/[a-z]/);
  });

  test('the TLS column of an Ingress whose tls covers some hosts names the covered and the uncovered (issue #24)', () => {
    const report = ExposureReport.fromManifests([{
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'shop', namespace: 'shop' },
      spec: {
        tls: [{ hosts: ['a.example.com'], secretName: 'a-tls' }],
        rules: ['a.example.com', 'b.example.com'].map(host => ({ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } })),
      },
    }], { stage: Stage.PRODUCTION });
    const markdown = report.toMarkdown();
    expect(markdown).toContain('| TLS for a.example.com; **no** TLS for b.example.com |');
    expect(markdown).toContain('[ingress-without-tls] Ingress shop/shop: serves b.example.com without TLS (its tls covers a.example.com)');
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

describe('ExposureReport for a reviewer', () => {
  const ingressWithTls = (name: string, secretName: string | undefined, annotations?: Record<string, string>) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace: 'shop', annotations },
    spec: {
      rules: [{ host: `${name}.example.com`, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }],
      tls: [{ hosts: [`${name}.example.com`], ...(secretName !== undefined ? { secretName } : {}) }],
    },
  });
  const route = (name: string, parent: Record<string, string>) => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name, namespace: 'shop', annotations: { 'cdk8s-expose/tls': 'true' } },
    spec: { parentRefs: [parent], hostnames: [`${name}.example.com`], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] },
  });
  const gateway = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'public', namespace: 'gw' },
    spec: { gatewayClassName: 'eg', listeners: [{ name: 'https', protocol: 'HTTPS', port: 443, tls: { certificateRefs: [{ name: 'wildcard' }] } }, { name: 'http', protocol: 'HTTP', port: 80 }] },
  };

  test('TLS is "yes" only with a certificate source in the manifests; otherwise it says what is missing', () => {
    // GIVEN
    const manifests = [
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'defined-tls', namespace: 'shop' }, type: 'kubernetes.io/tls', data: { 'tls.crt': '', 'tls.key': '' } },
      { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'c', namespace: 'shop' }, spec: { secretName: 'issued-tls', dnsNames: ['issued.example.com'] } },
      gateway,
      ingressWithTls('defined', 'defined-tls'),
      ingressWithTls('issued', 'issued-tls'),
      ingressWithTls('acme', 'acme-tls', { 'cert-manager.io/cluster-issuer': 'letsencrypt' }),
      ingressWithTls('missing', 'missing-tls'),
      ingressWithTls('fallback', undefined),
      route('routed', { name: 'public', namespace: 'gw', sectionName: 'https' }),
      route('plain', { name: 'public', namespace: 'gw', sectionName: 'http' }),
      route('elsewhere', { name: 'other' }),
    ];
    // cert-manager's Certificate has no schema here; every other manifest passes the Kubernetes schema.
    manifests.filter(m => m.kind !== 'Certificate').forEach(validateManifest);
    // WHEN
    const report = ExposureReport.fromManifests(manifests);
    // THEN
    const rows = Object.fromEntries(JSON.parse(report.toJson()).objects.map((o: any) => [o.name, [o.tls, o.certificate, o.certificateMissing]]));
    expect(rows).toMatchObject({
      defined: [true, 'Secret defined-tls', null],
      issued: [true, 'Secret issued-tls', null],
      acme: [true, 'cert-manager ClusterIssuer letsencrypt', null],
      missing: [true, null, 'secret `missing-tls` not defined here'],
      fallback: [true, null, 'no secretName: the controller\'s default certificate'],
      routed: [true, 'Gateway gw/public listener https', null],
      plain: [true, null, 'Gateway `gw/public` with a certificate not defined here'],
      elsewhere: [true, null, 'Gateway `shop/other` with a certificate not defined here'],
    });
    const markdown = report.toMarkdown();
    expect(markdown).toContain('| Ingress `defined` | shop | Ingress | defined.example.com/ | — | yes (Secret defined-tls) |');
    expect(markdown).toContain('| Ingress `missing` | shop | Ingress | missing.example.com/ | — | secret `missing-tls` not defined here |');
    expect(report.toMermaid()).toContain('missing.example.com/ (TLS: secret missing-tls not defined here)"/]');
    expect(report.toMermaid()).toContain('defined.example.com/ (TLS)"/]');
  });

  test('NetworkPolicy rows say who may connect and where the pods may connect; the diagram shows them', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'c', { namespace: 'shop' });
    const web = new kplus.Deployment(chart, 'Web', { containers: [{ image: 'web', ports: [{ number: 8080 }] }] });
    const api = new kplus.Deployment(chart, 'Api', { containers: [{ image: 'api', ports: [{ number: 8000 }] }] });
    const svc = new InternalService(chart, 'ApiService', { selector: api, ports: [{ port: 80, targetPort: 8000 }], metadata: { name: 'api' }, allowFrom: [web] });
    svc.allowFrom(kplus.Pods.select(chart, 'Mon', { labels: { app: 'prometheus' }, namespaces: kplus.Namespaces.select(chart, 'MonNs', { names: ['monitoring'] }) }));
    svc.allowTo(kplus.NetworkPolicyIpBlock.ipv4(chart, 'Db', '10.20.0.0/16'), { ports: [5432] });
    new DefaultDenyPolicy(chart, 'Deny', { name: 'deny-all' });
    // WHEN
    const report = ExposureReport.fromApp(chart);
    // THEN
    const markdown = report.toMarkdown();
    expect(markdown).toContain('| object | namespace | pods | who may connect (ingress) | where the pods may connect (egress) | construct |');
    expect(markdown).toMatch(/\| NetworkPolicy `c-apiservice-networkpolicy-\w+` \| shop \| Deployment c-api-\w+ \| Deployment c-web-\w+ \(8000\/TCP\)<br>pods app=prometheus in namespace monitoring \(8000\/TCP\) \| IPs 10.20.0.0\/16 \(5432\/TCP\)<br>pods k8s-app=kube-dns in namespace kube-system \(53\/UDP, 53\/TCP\) \| c\/ApiService \|/);
    expect(markdown).toMatch(/\| NetworkPolicy `deny-all` \| shop \| Deployment c-web-\w+<br>Deployment c-api-\w+ \| nobody \| pods k8s-app=kube-dns in namespace kube-system \(53\/UDP, 53\/TCP\) \| c\/Deny \|/);
    const policy = JSON.parse(report.toJson()).objects.find((o: any) => o.name === 'deny-all').networkPolicy;
    expect(policy).toEqual({ policyTypes: ['Ingress', 'Egress'], pods: 'every pod in the namespace', workloads: [expect.stringMatching(/^Deployment\/c-web-/), expect.stringMatching(/^Deployment\/c-api-/)], admits: ['nobody'], allowsTo: [expect.stringContaining('kube-dns')] });
    const mermaid = report.toMermaid();
    const node = (pattern: RegExp) => (mermaid.match(pattern) ?? [])[1];
    const apiPolicy = node(/(n\d+)\{\{"NetworkPolicy shop\/c-apiservice-networkpolicy-\w+<br\/>Ingress \+ Egress"\}\}/);
    const webNode = node(/(n\d+)\[\["Deployment shop\/c-web-\w+"\]\]/);
    const apiNode = node(/(n\d+)\[\["Deployment shop\/c-api-\w+"\]\]/);
    const monitoring = node(/(n\d+)\(\["pods app=prometheus in namespace monitoring"\]\)/);
    expect([apiPolicy, webNode, apiNode, monitoring].every(x => x !== undefined)).toBe(true);
    expect(mermaid).toContain(`${apiPolicy} -.->|guards| ${apiNode}`);
    expect(mermaid).toContain(`${webNode} -.->|admitted| ${apiPolicy}`);
    expect(mermaid).toContain(`${monitoring} -.->|admitted| ${apiPolicy}`);
  });

  test('each object\'s stage: its own annotation over the report\'s stage, in the JSON and the summary', () => {
    const annotated = (name: string, stage?: string) => service(name, { type: 'NodePort', selector: { a: 'b' }, ports: [{ port: 80 }] }, stage ? { annotations: { 'cdk8s-expose/stage': stage } } : {});
    const manifests = [annotated('dev', 'development'), annotated('prod', 'production'), annotated('plain')];
    manifests.forEach(validateManifest);
    const report = ExposureReport.fromManifests(manifests, { stage: Stage.STAGING });
    expect(JSON.parse(report.toJson()).objects.map((o: any) => [o.name, o.stage])).toEqual([['dev', 'development'], ['plain', 'staging'], ['prod', 'production']]);
    expect(report.errorCount).toBe(1); // node-port-in-production: an error in production only, a warning in staging
    expect(report.toMarkdown()).toContain('Stage: staging. Judged per object: 1 at production, 1 at staging, 1 at development.');
    const bad = ExposureReport.fromManifests([annotated('x', 'prod')]);
    expect(JSON.parse(bad.toJson()).inputProblems).toEqual(['(input) document 1: the annotation cdk8s-expose/stage is "prod"; it must be one of development, staging, production (the object is judged at the default stage)']);
  });
});
