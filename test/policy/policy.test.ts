import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { DevService, ExposureApp, ExposurePolicy, GatewayFronted, IngressFronted, IngressTls, InternalService, PublicService, SourceRanges, Stage } from '../../src';
import { synth } from '../util';

/** The App-wide policy: explicit, judged at synth through a validation of its own. */
describe('ExposurePolicy', () => {
  let stderr: jest.SpyInstance;
  beforeEach(() => {
    delete process.env.CDK8S_EXPOSE_STAGE;
    delete process.env.CDK8S_EXPOSE_WARNINGS;
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => stderr.mockRestore());

  function productionChart() {
    const app = Testing.app();
    const chart = new Chart(app, 'prod');
    ExposurePolicy.apply(chart, { stage: Stage.PRODUCTION });
    return chart;
  }
  const pods = (chart: Chart, app: string) => kplus.Pods.select(chart, `${app}Pods`, { labels: { app } });

  test('production refuses a DevService, a PublicService open to anywhere and plain HTTP, all reported together', () => {
    const chart = productionChart();
    new DevService(chart, 'Dev', { selector: pods(chart, 'dev'), ports: [{ port: 80 }] });
    new PublicService(chart, 'Lb', { selector: pods(chart, 'lb'), ports: [{ port: 443 }], sourceRanges: SourceRanges.anywhere() });
    new IngressFronted(chart, 'Web', { selector: pods(chart, 'web'), ports: [{ port: 80 }], host: 'a.example.com', tls: IngressTls.disabled() });
    let message = '';
    try { synth(chart); } catch (e) { message = (e as Error).message; }
    expect(message).toMatch(/\[node-port-in-production\] Service prod-dev-\w+ \(DevService 'prod\/Dev'\): is a NodePort Service .* Fix: Use IngressFronted.*\. To accept it, call acknowledge\('node-port-in-production', '<reason>'\) on the DevService \(it writes the annotation `ack.cdk8s-expose\/node-port-in-production: <reason>` on the object\)\./);
    expect(message).toMatch(/\[load-balancer-anywhere\] Service prod-lb-\w+ \(PublicService 'prod\/Lb'\): accepts connections from anywhere/);
    expect(message).toMatch(/\[ingress-without-tls\] Ingress prod-web-ingress-\w+ \(IngressFronted 'prod\/Web'\): serves a.example.com without TLS/);
  });

  test('an acknowledgement lets it through, and its reason is in the YAML', () => {
    const chart = productionChart();
    const dev = new DevService(chart, 'Dev', { selector: pods(chart, 'dev'), ports: [{ port: 80 }] });
    dev.acknowledge('node-port-in-production', 'bare-metal cluster, the node port sits behind the edge firewall');
    const [service] = synth(chart);
    expect(service.metadata.annotations).toEqual({
      'ack.cdk8s-expose/node-port-in-production': 'bare-metal cluster, the node port sits behind the edge firewall',
      'cdk8s-expose/stage': 'production', // the policy's stage, for the audit of the YAML
    });
    expect(dev.acknowledgements).toEqual({ 'node-port-in-production': 'bare-metal cluster, the node port sits behind the edge firewall' });
  });

  test('acknowledging an unknown rule, or without a reason, is refused', () => {
    const chart = productionChart();
    const dev = new DevService(chart, 'Dev', { selector: pods(chart, 'dev'), ports: [{ port: 80 }] });
    expect(() => dev.acknowledge('nodeport', 'x')).toThrow(/DevService 'prod\/Dev': acknowledge: there is no rule "nodeport"; the rules are api-server-rejects, node-port-conflict, /);
    expect(() => dev.acknowledge('node-port-in-production', ' ')).toThrow(/a reason is required/);
  });

  test('node ports are unique across charts of one App: refused where the second is created, with no policy', () => {
    const app = Testing.app();
    const a = new Chart(app, 'a');
    const b = new Chart(app, 'b', { namespace: 'other' });
    new DevService(a, 'One', { selector: pods(a, 'one'), ports: [{ port: 80, nodePort: 30080 }] });
    expect(() => new DevService(b, 'Two', { selector: pods(b, 'two'), ports: [{ port: 80, nodePort: 30080 }] }))
      .toThrow(/DevService 'b\/Two': nodePort 30080\/TCP is already claimed by DevService 'a\/One' in this App; node ports are cluster-wide/);
    const lb = new PublicService(b, 'Lb', { selector: pods(b, 'lb'), ports: [{ port: 443, name: 'https' }], sourceRanges: SourceRanges.anywhere() });
    expect(() => lb.addPort({ port: 8443, name: 'alt', nodePort: 30080 })).toThrow(/PublicService 'b\/Lb': nodePort 30080\/TCP is already claimed by DevService 'a\/One'/);
    // Another protocol is another node port.
    new DevService(b, 'Udp', { selector: pods(b, 'udp'), ports: [{ port: 53, nodePort: 30080, protocol: kplus.Protocol.UDP }] });
  });

  test('two library Services with one name in one namespace are refused; other namespaces are fine', () => {
    const app = Testing.app();
    const a = new Chart(app, 'a', { namespace: 'shop' });
    new InternalService(a, 'One', { selector: pods(a, 'one'), ports: [{ port: 80 }], metadata: { name: 'api' } });
    expect(() => new InternalService(a, 'Two', { selector: pods(a, 'two'), ports: [{ port: 80 }], metadata: { name: 'api' } }))
      .toThrow(/InternalService 'a\/Two': Service name "api" in namespace "shop" is already claimed by InternalService 'a\/One' in this App; the second would overwrite the first/);
    const b = new Chart(app, 'b', { namespace: 'shop-dev' });
    new InternalService(b, 'One', { selector: pods(b, 'one'), ports: [{ port: 80 }], metadata: { name: 'api' } });
  });

  test('without a policy only the library\'s own constructs are checked: no rule runs, nothing is printed', () => {
    const chart = new Chart(Testing.app(), 'c');
    new DevService(chart, 'Db', { selector: pods(chart, 'db'), ports: [{ port: 5432 }] });
    expect(() => synth(chart)).not.toThrow();
    expect(stderr).not.toHaveBeenCalled();
    expect(chart.node.root.node.tryFindChild('cdk8s-expose')).toBeUndefined();
  });

  test('a policy without a stage reports findings as warnings, printed once on stderr', () => {
    const chart = new Chart(Testing.app(), 'c');
    ExposurePolicy.apply(chart, {});
    new DevService(chart, 'Db', { selector: pods(chart, 'db'), ports: [{ port: 5432 }] });
    expect(() => synth(chart)).not.toThrow();
    expect(() => synth(chart)).not.toThrow();
    const lines = stderr.mock.calls.map(c => String(c[0])).filter(l => l.includes('database-port-exposed'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^cdk8s-expose warning: \[database-port-exposed\] Service c-db-\w+ \(DevService 'c\/Db'\): exposes PostgreSQL \(port 5432\)/);
  });

  test('foreign objects are untouched without a policy, and judged with one', () => {
    const chart = new Chart(Testing.app(), 'c');
    new InternalService(chart, 'Api', { selector: pods(chart, 'api'), ports: [{ port: 80 }] });
    new kplus.Service(chart, 'Raw', { selector: pods(chart, 'raw'), ports: [{ port: 80 }], externalIPs: ['203.0.113.5'] });
    const manifests = Testing.synth(chart);
    expect(manifests.find(m => m.spec?.externalIPs?.length)).toBeDefined();

    ExposurePolicy.apply(chart, {});
    expect(() => Testing.synth(chart)).toThrow(/\[cdk8s-expose\] \[external-ips\] Service c-raw-\w+ \('c\/Raw'\): sets externalIPs \["203.0.113.5"\]/);
  });

  test('a policy on one chart judges that chart only; other charts are context, not judged', () => {
    const app = Testing.app();
    const judged = new Chart(app, 'judged');
    const free = new Chart(app, 'free');
    ExposurePolicy.apply(judged, { stage: Stage.PRODUCTION });
    new kplus.Service(free, 'Raw', { selector: pods(free, 'raw'), ports: [{ port: 80 }], externalIPs: ['203.0.113.5'] });
    expect(() => app.synthYaml()).not.toThrow();
    new kplus.Service(judged, 'Raw', { selector: pods(judged, 'raw'), ports: [{ port: 80 }], externalIPs: ['203.0.113.5'] });
    expect(() => app.synthYaml()).toThrow(/\[external-ips\] Service judged-raw-\w+/);
  });

  test('requireIsolation: an InternalService without allowFrom fails in production; with it, passes', () => {
    const chart = productionChart();
    ExposurePolicy.apply(chart, { stage: Stage.PRODUCTION, requireIsolation: true });
    const api = pods(chart, 'api');
    new InternalService(chart, 'Db', { selector: pods(chart, 'db'), ports: [{ port: 5432 }] });
    expect(() => synth(chart)).toThrow(/\[internal-service-isolation\] Service prod-db-\w+ \(InternalService 'prod\/Db'\)/);

    const chart2 = productionChart();
    ExposurePolicy.apply(chart2, { stage: Stage.PRODUCTION, requireIsolation: true });
    new InternalService(chart2, 'Db', { selector: pods(chart2, 'db'), ports: [{ port: 5432 }], allowFrom: [pods(chart2, 'api')] });
    new IngressFronted(chart2, 'Web', { selector: pods(chart2, 'web'), ports: [{ port: 80 }], host: 'a.example.com' });
    // A GatewayFronted's Service, like an IngressFronted's, is reached by a proxy in another namespace.
    new GatewayFronted(chart2, 'Mqtt', { selector: pods(chart2, 'mqtt'), ports: [{ port: 1883 }], gateway: { name: 'public', namespace: 'gateway-system', sectionName: 'mqtt' } });
    expect(() => synth(chart2)).not.toThrow();
    expect(api).toBeDefined();
  });
});

describe('ExposureApp: the policy once per synth', () => {
  test('the verdict is computed once per synth() and afresh for the next call, which sees changes', () => {
    const app = new ExposureApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'expose-')) });
    const charts = [0, 1, 2].map(i => new Chart(app, `c${i}`));
    ExposurePolicy.apply(app, { stage: Stage.PRODUCTION });
    const svc = new InternalService(charts[0], 'Api', { selector: kplus.Pods.select(charts[0], 'P', { labels: { app: 'api' } }), ports: [{ port: 80, name: 'http' }] });
    const toJson = jest.spyOn(ApiObject.of(svc.service), 'toJson');
    app.synth();
    // cdk8s validates the App once, then once per chart (4 times); the policy rendered the
    // Service once, and cdk8s once for the chart it belongs to.
    expect(toJson).toHaveBeenCalledTimes(2);
    toJson.mockRestore();
    svc.addPort({ port: 443, name: 'https' });
    expect(app.synthYaml()).toContain('port: 443');
    new DevService(charts[2], 'Dev', { selector: kplus.Pods.select(charts[2], 'D', { labels: { app: 'dev' } }), ports: [{ port: 80 }] });
    expect(() => app.synthYaml()).toThrow(/\[node-port-in-production\] Service c2-dev-\w+ \(DevService 'c2\/Dev'\)/);
  });

  test('with a plain App the verdict is the same, computed at every validation', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    ExposurePolicy.apply(app, { stage: Stage.PRODUCTION });
    new DevService(chart, 'Dev', { selector: kplus.Pods.select(chart, 'D', { labels: { app: 'dev' } }), ports: [{ port: 80 }] });
    expect(() => app.synthYaml()).toThrow(/\[node-port-in-production\] Service c-dev-\w+ \(DevService 'c\/Dev'\)/);
  });
});
