import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { DevService, ExposurePolicy, IngressFronted, IngressTls, InternalService, PublicService, SourceRanges, Stage } from '../../src';
import { synth } from '../util';

/** The synth-time checks: the rules run once per App through node.addValidation. */
describe('synth-time guard', () => {
  let stderr: jest.SpyInstance;
  beforeEach(() => {
    delete process.env.CDK8S_EXPOSE_STAGE;
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
    expect(message).toMatch(/\[node-port-in-production\] Service prod-dev-\w+ \(DevService 'prod\/Dev'\): is a NodePort Service .* Fix: Use IngressFronted/);
    expect(message).toMatch(/\[load-balancer-anywhere\] Service prod-lb-\w+ \(PublicService 'prod\/Lb'\): accepts connections from anywhere/);
    expect(message).toMatch(/\[ingress-without-tls\] Ingress prod-web-ingress-\w+ \(IngressFronted 'prod\/Web'\): serves a.example.com without TLS/);
  });

  test('an acknowledgement lets it through, and its reason is in the YAML', () => {
    const chart = productionChart();
    const dev = new DevService(chart, 'Dev', { selector: pods(chart, 'dev'), ports: [{ port: 80 }] });
    dev.acknowledge('node-port-in-production', 'bare-metal cluster, the node port sits behind the edge firewall');
    const [service] = synth(chart);
    expect(service.metadata.annotations).toEqual({ 'ack.cdk8s-expose/node-port-in-production': 'bare-metal cluster, the node port sits behind the edge firewall' });
    expect(dev.acknowledgements).toEqual({ 'node-port-in-production': 'bare-metal cluster, the node port sits behind the edge firewall' });
  });

  test('acknowledging an unknown rule, or without a reason, is refused', () => {
    const chart = productionChart();
    const dev = new DevService(chart, 'Dev', { selector: pods(chart, 'dev'), ports: [{ port: 80 }] });
    expect(() => dev.acknowledge('nodeport', 'x')).toThrow(/DevService 'prod\/Dev': acknowledge: there is no rule "nodeport"; the rules are node-port-conflict, /);
    expect(() => dev.acknowledge('node-port-in-production', ' ')).toThrow(/a reason is required/);
  });

  test('node ports are unique across charts of one App', () => {
    const app = Testing.app();
    const a = new Chart(app, 'a');
    const b = new Chart(app, 'b');
    new DevService(a, 'One', { selector: pods(a, 'one'), ports: [{ port: 80, nodePort: 30080 }] });
    new DevService(b, 'Two', { selector: pods(b, 'two'), ports: [{ port: 80, nodePort: 30080 }] });
    expect(() => synth(a)).toThrow(/\[node-port-conflict\] Service b-two-\w+ \(DevService 'b\/Two'\): TCP node port 30080 is already used by Service a-one-\w+/);
  });

  test('an undeclared stage never fails valid input: findings are warnings on stderr', () => {
    const chart = new Chart(Testing.app(), 'c');
    new DevService(chart, 'Db', { selector: pods(chart, 'db'), ports: [{ port: 5432 }] });
    expect(() => synth(chart)).not.toThrow();
    expect(stderr).toHaveBeenCalledWith(expect.stringMatching(/^cdk8s-expose warning: \[database-port-exposed\] Service c-db-\w+ \(DevService 'c\/Db'\): exposes PostgreSQL \(port 5432\)/));
  });

  test('once the App uses the library, rules also see objects written without it (raw cdk8s-plus)', () => {
    const chart = new Chart(Testing.app(), 'c');
    new InternalService(chart, 'Api', { selector: pods(chart, 'api'), ports: [{ port: 80 }] });
    new kplus.Service(chart, 'Raw', { selector: pods(chart, 'raw'), ports: [{ port: 80 }], externalIPs: ['203.0.113.5'] });
    expect(() => synth(chart)).toThrow(/\[external-ips\] Service c-raw-\w+ \('c\/Raw'\): sets externalIPs \["203.0.113.5"\]/);
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
    expect(() => synth(chart2)).not.toThrow();
    expect(api).toBeDefined();
  });
});

describe('guard within App.synth()', () => {
  test('findings and manifests are reused only inside one synth call; the next call sees changes', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const svc = new InternalService(chart, 'Api', { selector: kplus.Pods.select(chart, 'P', { labels: { app: 'api' } }), ports: [{ port: 80, name: 'http' }] });
    const first = app.synthYaml();
    expect(Object.prototype.hasOwnProperty.call(ApiObject.of(svc), 'toJson')).toBe(false);
    svc.addPort({ port: 443, name: 'https' });
    const second = app.synthYaml();
    expect(first).not.toContain('port: 443');
    expect(second).toContain('port: 443');
    // A finding that appears between two calls is reported by the second.
    ExposurePolicy.apply(chart, { stage: Stage.PRODUCTION });
    expect(() => app.synthYaml()).not.toThrow();
    new DevService(chart, 'Dev', { selector: kplus.Pods.select(chart, 'D', { labels: { app: 'dev' } }), ports: [{ port: 80 }] });
    expect(() => app.synthYaml()).toThrow(/\[node-port-in-production\] Service c-dev-\w+ \(DevService 'c\/Dev'\)/);
  });
});
