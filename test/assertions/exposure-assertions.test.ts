import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { IConstruct } from 'constructs';
import { buildApp } from '../../examples/main';
import {
  DevService, ExposeErrors, ExposureAssertions, ExposurePeer, ExposurePolicy, ExposureScope, InternalService, PublicService, Severity,
  SourceRanges, Stage,
} from '../../src';
import { ofKind, synthApp } from '../util';

/** The example app, its manifests checked against the Kubernetes schema, and one of its charts. */
function example(): { app: App; production: Chart; development: Chart } {
  const app = buildApp();
  synthApp(app);
  const chart = (id: string) => app.charts.find(c => c.node.id === id)!;
  return { app, production: chart('production'), development: chart('development') };
}

/** The construct at a path below a scope (`Shop/Web`). */
function at(scope: IConstruct, path: string): IConstruct {
  return path.split('/').reduce((node, id) => node.node.findChild(id), scope);
}

/** The error `fn` throws; fails the test when it throws none. */
function errorOf(fn: () => void): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error, none was thrown');
}

describe('ExposureAssertions on the example app', () => {
  test('exposedTo lists the internet-facing objects with hosts, ports and TLS', () => {
    // GIVEN
    const { production } = example();

    // WHEN
    const internet = ExposureAssertions.fromChart(production).exposedTo(ExposureScope.INTERNET);

    // THEN
    expect(internet.map(o => o.id)).toEqual([
      'HTTPRoute shop/storefront', 'HTTPRoute shop/storefront-redirect', 'ListenerSet shop/shop', 'TCPRoute shop/supplier-sftp',
    ]);
    const listeners = internet.find(o => o.kind === 'ListenerSet')!;
    expect(listeners).toMatchObject({
      name: 'shop',
      namespace: 'shop',
      scope: ExposureScope.INTERNET,
      ports: ['https 443/HTTPS', 'http 80/HTTP', 'sftp 2222/TCP'],
      hosts: ['shop.example.com'],
      tls: true,
      certificate: 'cert-manager ClusterIssuer letsencrypt',
      constructPath: 'production/Listeners',
    });
    const storefront = internet.find(o => o.id === 'HTTPRoute shop/storefront')!;
    expect(storefront).toMatchObject({ hosts: ['shop.example.com/'], tls: true, targets: ['Service/storefront'], constructPath: 'production/StorefrontRoute' });
    // a TCP route has no host and no TLS of its own
    expect(internet.find(o => o.kind === 'TCPRoute')).toMatchObject({ hosts: [], tls: undefined, targets: ['Service/supplier-sftp'] });
  });

  test('exposedTo of the other scopes: the node port of development, the database alias, the ClusterIP Services', () => {
    const assertions = ExposureAssertions.fromApp(example().app);

    expect(assertions.exposedTo(ExposureScope.NODE).map(o => `${o.id} ${o.ports.join(' ')} ${o.constructPath}`))
      .toEqual(['Service shop-dev/storefront-dev 80:30080→3000/TCP development/Storefront']);
    expect(assertions.exposedTo(ExposureScope.VPC)).toEqual([]);
    expect(assertions.exposedTo(ExposureScope.EXTERNAL_DNS).map(o => o.targets)).toEqual([['orders.cluster-abc123.eu-west-1.rds.amazonaws.com']]);
    expect(assertions.exposedTo(ExposureScope.CLUSTER).map(o => `${o.id} ${o.type}`)).toEqual([
      'Service shop/api ClusterIP', 'Service shop/cache ClusterIP (headless)', 'Service shop/storefront ClusterIP', 'Service shop/supplier-sftp ClusterIP',
      'Service shop-dev/api ClusterIP', 'Service shop-dev/cache ClusterIP (headless)',
    ]);
  });

  test('exactlyExposedTo passes when the internet-facing objects are exactly the expected ones (with or without namespace)', () => {
    const assertions = ExposureAssertions.fromApp(example().app);

    expect(() => assertions.exactlyExposedTo(ExposureScope.INTERNET, [
      'ListenerSet shop/shop', 'HTTPRoute shop/storefront', 'HTTPRoute storefront-redirect', 'TCPRoute shop/supplier-sftp',
    ])).not.toThrow();
    expect(() => assertions.exactlyExposedTo(ExposureScope.NODE, ['Service shop-dev/storefront-dev'])).not.toThrow();
  });

  test('exactlyExposedTo fails with what is extra and what is missing, with construct paths (meant to fail)', () => {
    // GIVEN a test that expects the storefront route and the API on the internet
    const assertions = ExposureAssertions.fromChart(example().production);

    // WHEN
    const error = errorOf(() => assertions.exactlyExposedTo(ExposureScope.INTERNET, ['HTTPRoute shop/storefront', 'Service shop/api', 'Ingress shop/shop']));

    // THEN the library's error, saying what differs and what to do
    expect(ExposeErrors.isValidationError(error)).toBe(true);
    expect(error.message).toBe([
      'ExposureAssertions.exactlyExposedTo("internet"): Chart \'production\': what is exposed to internet is not what the test expects.',
      'Exposed to internet and not expected (3):',
      '  - HTTPRoute shop/storefront-redirect: hosts shop.example.com/; TLS redirects to HTTPS; via gateway ListenerSet shop/shop#http; construct production/ToHttps',
      '  - ListenerSet shop/shop: ports https 443/HTTPS, http 80/HTTP, sftp 2222/TCP; hosts shop.example.com; TLS cert-manager ClusterIssuer letsencrypt; via gateway gateway-system/public; to HTTPRoute/storefront, HTTPRoute/storefront-redirect, TCPRoute/supplier-sftp; construct production/Listeners',
      '  - TCPRoute shop/supplier-sftp: via gateway ListenerSet shop/shop#sftp; to Service/supplier-sftp; construct production/SupplierSftpService',
      'Expected and not exposed to internet (2):',
      '  - Service shop/api: exposed to cluster (construct production/Api) instead',
      "  - Ingress shop/shop: no such object in Chart 'production'",
      'Fix: if the change is intended, expect ["HTTPRoute shop/storefront","HTTPRoute shop/storefront-redirect","ListenerSet shop/shop","TCPRoute shop/supplier-sftp"]; otherwise narrow the objects exposed by mistake (an InternalService, an internal load balancer) or expose what is missing.',
    ].join('\n'));
  });

  test('nothingExposedTo: development has nothing on the internet, but a node port', () => {
    const assertions = ExposureAssertions.fromChart(example().development);

    expect(() => assertions.nothingExposedTo(ExposureScope.INTERNET)).not.toThrow();
    expect(() => assertions.nothingExposedTo(ExposureScope.VPC)).not.toThrow();
    expect(() => assertions.nothingExposedTo(ExposureScope.NODE)).toThrow([
      'ExposureAssertions.nothingExposedTo("node"): Chart \'development\' exposes 1 object to node:',
      '  - Service shop-dev/storefront-dev: NodePort; ports 80:30080→3000/TCP; to Deployment/development-shop-web-c80051e3; construct development/Storefront',
      'Fix: make it reachable only where intended (an InternalService inside the cluster, an internal load balancer for the VPC), or, if the exposure is intended, assert it with exactlyExposedTo.',
    ].join('\n'));
  });

  test('onlyReachableFrom: the API only from the storefront\'s pods, the storefront only from the Gateway\'s proxy', () => {
    const { production } = example();
    const assertions = ExposureAssertions.fromChart(production);
    const web = at(production, 'Shop/Web');

    expect(() => assertions.onlyReachableFrom(at(production, 'Api'), [ExposurePeer.workload(web)])).not.toThrow();
    expect(() => assertions.onlyReachableFrom(at(production, 'Storefront'), [ExposurePeer.namespace('envoy-gateway-system')])).not.toThrow();
    // a plain kplus NetworkPolicy counts as well as allowFrom
    expect(() => assertions.onlyReachableFrom(at(production, 'SupplierSftpService'), [ExposurePeer.namespace('envoy-gateway-system')])).not.toThrow();
    expect(() => assertions.onlyReachableFrom(at(production, 'Shop/CacheService'), [ExposurePeer.workload(at(production, 'Shop/Api'))])).not.toThrow();
    expect(assertions.peersOf(at(production, 'Api'))).toEqual(['Deployment production-shop-web-c8fa0ff4']);
  });

  test('onlyReachableFrom fails with the peers admitted and not expected, and expected and not admitted (meant to fail)', () => {
    const { production } = example();
    const assertions = ExposureAssertions.fromChart(production);

    const error = errorOf(() => assertions.onlyReachableFrom(at(production, 'Api'), [ExposurePeer.namespace('monitoring')]));

    expect(ExposeErrors.isValidationError(error)).toBe(true);
    expect(error.message).toBe([
      "ExposureAssertions.onlyReachableFrom('production/Api'): Service shop/api is reachable from other peers than the test expects.",
      'Admitted and not expected:',
      '  - Deployment production-shop-web-c8fa0ff4 (8000/TCP; NetworkPolicy production-api-networkpolicy-c80bf75a)',
      'Expected and not admitted:',
      '  - every pod in namespace monitoring',
      'Its NetworkPolicies admit ["Deployment production-shop-web-c8fa0ff4"]. Fix: if the change is intended, expect those peers; otherwise change allowFrom (or the NetworkPolicy).',
    ].join('\n'));
  });

  test('onlyReachableFrom fails when no NetworkPolicy restricts the Service\'s pods', () => {
    const { development } = example();

    expect(() => ExposureAssertions.fromChart(development).onlyReachableFrom(at(development, 'Api'), [ExposurePeer.workload(at(development, 'Shop/Web'))]))
      .toThrow("ExposureAssertions.onlyReachableFrom('development/Api'): Service shop-dev/api: no NetworkPolicy restricts who reaches its pods, so every pod of the cluster can. Fix: give the construct allowFrom: [...] (InternalService), or add a NetworkPolicy that selects its pods and admits only [\"Deployment development-shop-web-c80051e3\"].");
  });

  test('noFindingsAtOrAbove: the example app is clean at its own stages, development is not at production', () => {
    const { app, development } = example();

    expect(() => ExposureAssertions.fromApp(app).noFindingsAtOrAbove(Severity.WARNING)).not.toThrow();
    expect(ExposureAssertions.fromApp(app).findings()).toEqual([]);
    // judged at production, the development chart's node port is refused
    expect(() => ExposureAssertions.fromChart(development).noFindingsAtOrAbove(Severity.ERROR, { stage: Stage.PRODUCTION }))
      .toThrow(/^ExposureAssertions.noFindingsAtOrAbove\("error", \{ stage: "production" \}\): Chart 'development' has \d+ findings? of severity error or worse at stage production:\n {2}- error \[node-port-in-production\] Service shop-dev\/storefront-dev \(construct development\/Storefront\): /);
  });

  test('the summary is the same text for the same App, and matches the snapshot', () => {
    const first = ExposureAssertions.fromApp(example().app).summary();
    const second = ExposureAssertions.fromApp(example().app).summary();

    expect(second).toBe(first);
    expect(first).toMatchSnapshot();
  });
});

describe('ExposureAssertions on findings', () => {
  /** A production chart with two node ports, one of them acknowledged. */
  function twoNodePorts(): Chart {
    const chart = new Chart(Testing.app(), 'prod', { namespace: 'shop' });
    ExposurePolicy.apply(chart, { stage: Stage.DEVELOPMENT });
    new DevService(chart, 'Debug', { selectLabels: { app: 'debug' }, ports: [{ port: 8000, nodePort: 30001 }], metadata: { name: 'debug' } });
    const admin = new DevService(chart, 'Admin', { selectLabels: { app: 'admin' }, ports: [{ port: 8000, nodePort: 30002 }], metadata: { name: 'admin' } });
    admin.acknowledge('node-port-in-production', 'the admin console is on the office VPN only');
    synthApp(chart.node.root as App);
    return chart;
  }

  test('noFindingsAtOrAbove lists what fails it and, separately, what is acknowledged (meant to fail)', () => {
    const assertions = ExposureAssertions.fromChart(twoNodePorts());

    const error = errorOf(() => assertions.noFindingsAtOrAbove(Severity.ERROR, { stage: Stage.PRODUCTION }));

    expect(ExposeErrors.isValidationError(error)).toBe(true);
    const [failing, acknowledged] = error.message.split('\nAcknowledged, not failing');
    expect(failing).toMatch(/\[node-port-in-production\] Service shop\/debug \(construct prod\/Debug\)/);
    expect(failing).not.toMatch(/shop\/admin/);
    expect(acknowledged).toMatch(/^ \(1\):\n {2}- \[node-port-in-production\] Service shop\/admin \(construct prod\/Admin\): the admin console is on the office VPN only\n/);
    expect(error.message).toMatch(/To accept a finding on purpose, call acknowledge\('<rule>', '<reason>'\)/);
  });

  test('the stage of the assertion wins over the chart\'s; without one, each object is judged at its own', () => {
    const assertions = ExposureAssertions.fromChart(twoNodePorts());

    // at its own stage (development) a node port is no error
    expect(() => assertions.noFindingsAtOrAbove(Severity.ERROR)).not.toThrow();
    const atProduction = assertions.findings({ stage: Stage.PRODUCTION }).filter(f => f.ruleId === 'node-port-in-production');
    expect(atProduction.map(f => [f.objectId, f.severity, f.stage, f.acknowledged, f.constructPath])).toEqual([
      ['Service shop/debug', Severity.ERROR, Stage.PRODUCTION, undefined, 'prod/Debug'],
      ['Service shop/admin', Severity.ERROR, Stage.PRODUCTION, 'the admin console is on the office VPN only', 'prod/Admin'],
    ]);
  });

  test('Severity.WARNING fails on a warning that Severity.ERROR lets through', () => {
    const chart = new Chart(Testing.app(), 'edge', { namespace: 'edge' });
    new PublicService(chart, 'Ssh', { selectLabels: { app: 'bastion' }, ports: [{ port: 22 }], sourceRanges: SourceRanges.anywhere(), metadata: { name: 'ssh' } });
    synthApp(chart.node.root as App);
    const assertions = ExposureAssertions.fromChart(chart);
    expect(assertions.findings().some(f => f.severity === Severity.WARNING && f.ruleId === 'ssh-exposed')).toBe(true);

    expect(() => assertions.noFindingsAtOrAbove(Severity.ERROR)).not.toThrow();
    expect(() => assertions.noFindingsAtOrAbove(Severity.WARNING)).toThrow(/- warning \[ssh-exposed\] Service edge\/ssh \(construct edge\/Ssh\): /);
  });
});

describe('ExposureAssertions summary', () => {
  function shop(exposeApi: boolean): App {
    const app = Testing.app();
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    const web = new kplus.Deployment(chart, 'Web', { containers: [{ image: 'web:1', portNumber: 8080 }] });
    new InternalService(chart, 'WebService', { selector: web, ports: [{ port: 80, targetPort: 8080 }], metadata: { name: 'web' } });
    if (exposeApi) {
      const api = new kplus.Deployment(chart, 'Api', { containers: [{ image: 'api:1', portNumber: 8443 }] });
      new PublicService(chart, 'ApiService', { selector: api, ports: [{ port: 443, targetPort: 8443 }], sourceRanges: SourceRanges.cidrs(['203.0.113.0/24']), metadata: { name: 'api' } });
    }
    synthApp(app);
    return app;
  }

  test('a new load balancer changes the summary by its own lines, not a wall of YAML', () => {
    const before = ExposureAssertions.fromApp(shop(false)).summary().split('\n');
    const after = ExposureAssertions.fromApp(shop(true)).summary().split('\n');

    const added = after.filter(line => !before.includes(line));
    const removed = before.filter(line => !after.includes(line));
    expect(added).toEqual([
      'Exposed to internet (1):',
      '  Service shop/api: LoadBalancer; ports 443→8443/TCP; from 203.0.113.0/24; to Deployment/shop-api-c8970f87; construct shop/ApiService',
    ]);
    expect(removed).toEqual([]);
  });
});

describe('ExposureAssertions.fromChart', () => {
  test('lists only the chart\'s objects, and reads the rest of the App so that references resolve', () => {
    // GIVEN the workloads in one chart, their Service in another
    const app = Testing.app();
    const workloads = new Chart(app, 'workloads', { namespace: 'shop' });
    const services = new Chart(app, 'services', { namespace: 'shop' });
    const web = new kplus.Deployment(workloads, 'Web', { containers: [{ image: 'web:1', portNumber: 8080 }] });
    new InternalService(services, 'Web', { selector: web, ports: [{ port: 80, targetPort: 8080 }], metadata: { name: 'web' } });
    synthApp(app);

    // WHEN
    const ofServices = ExposureAssertions.fromChart(services).exposedTo(ExposureScope.CLUSTER);
    const ofWorkloads = ExposureAssertions.fromChart(workloads).exposedTo(ExposureScope.CLUSTER);

    // THEN the Service is the services chart's, and it finds its Deployment in the other chart
    expect(ofServices.map(o => `${o.id} -> ${o.targets.join(', ')}`)).toEqual([`Service shop/web -> Deployment/${ofKind(workloads.toJson(), 'Deployment')[0].metadata.name}`]);
    expect(ofWorkloads).toEqual([]);
  });
});

describe('ExposureAssertions input errors', () => {
  test('an object id that is not `Kind namespace/name`', () => {
    const assertions = ExposureAssertions.fromApp(example().app);

    expect(() => assertions.exactlyExposedTo(ExposureScope.INTERNET, ['shop/storefront']))
      .toThrow('ExposureAssertions.exactlyExposedTo("internet"): objectIds[0]: "shop/storefront" is not an object id; write it as the summary does: `Kind namespace/name` or `Kind name`, such as "HTTPRoute shop/storefront"');
  });

  test('a scope that is not an ExposureScope', () => {
    const assertions = ExposureAssertions.fromApp(example().app);

    expect(() => assertions.exposedTo('public' as ExposureScope)).toThrow('ExposureAssertions.exposedTo: scope "public" must be an ExposureScope (internet, vpc, node, external-dns, cluster)');
  });

  test('a construct that made no Service', () => {
    const { production } = example();

    expect(() => ExposureAssertions.fromChart(production).peersOf(at(production, 'Shop/Web')))
      .toThrow("ExposureAssertions.peersOf: 'production/Shop/Web' made no Service in Chart 'production'; pass the construct that owns the Service (an InternalService, an IngressFronted, a kplus.Service).");
  });

  test('a workload peer that is not a workload', () => {
    expect(() => ExposurePeer.workload(Testing.app())).toThrow(/^ExposurePeer.workload: "" is not a workload construct/);
  });
});
