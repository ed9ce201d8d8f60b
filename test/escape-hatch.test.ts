import { ApiObject, App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { DevService, ExposeErrors, ExternalAlias, IngressFronted, InternalService, PublicService, SourceRanges } from '../src';
import { newChart, synth, theService } from './util';

/**
 * The constructs offer only what is safe for their type; their Service (the escape hatch) is a
 * cdk8s-plus-28 Service whose widening calls go through the construct's checks.
 */
describe('escape hatch', () => {
  const pods = (chart: Chart, app: string) => kplus.Pods.select(chart, `${app}Pods`, { labels: { app } });

  test('the constructs do not offer cdk8s-plus Service methods of their own', () => {
    const chart = newChart();
    const svc = new InternalService(chart, 'Api', { selector: pods(chart, 'api'), ports: [{ port: 80 }] });
    for (const method of ['exposeViaIngress', 'select', 'selectLabel', 'bind']) {
      expect((svc as unknown as Record<string, unknown>)[method]).toBeUndefined();
    }
    expect(svc.service).toBeInstanceOf(kplus.Service);
    expect(svc.node.defaultChild).toBe(svc.service);
  });

  test('InternalService.service.exposeViaIngress() is refused: no Ingress in front of an internal service', () => {
    const chart = newChart();
    const svc = new InternalService(chart, 'Api', { selector: pods(chart, 'api'), ports: [{ port: 80 }] });
    expect(() => svc.service.exposeViaIngress('/')).toThrow(/InternalService 'test\/Api': service.exposeViaIngress\(\) does not apply: an InternalService is reachable only inside the cluster. Use IngressFronted/);
    expect(synth(chart).filter(m => m.kind === 'Ingress')).toHaveLength(0);
  });

  test.each([
    ['DevService', (c: Chart) => new DevService(c, 'X', { selector: pods(c, 'x'), ports: [{ port: 80 }] }), /a DevService is not fronted by an Ingress/],
    ['PublicService', (c: Chart) => new PublicService(c, 'X', { selector: pods(c, 'x'), ports: [{ port: 80 }], sourceRanges: SourceRanges.anywhere() }), /a PublicService already has its own load balancer/],
    ['ExternalAlias', (c: Chart) => new ExternalAlias(c, 'X', { externalName: 'db.example.com' }), /an ExternalAlias is a DNS name outside the cluster/],
    ['IngressFronted', (c: Chart) => new IngressFronted(c, 'X', { selector: pods(c, 'x'), ports: [{ port: 80 }], host: 'x.example.com' }), /an IngressFronted makes its own Ingress from its props/],
  ])('%s.service.exposeViaIngress() is refused', (_kind, make, message) => {
    const chart = newChart();
    expect(() => make(chart).service.exposeViaIngress('/')).toThrow(message);
  });

  test('ExternalAlias.service.select() / selectLabel() are refused: an ExternalName Service selects nothing', () => {
    const chart = newChart();
    const alias = new ExternalAlias(chart, 'Db', { externalName: 'db.example.com' });
    expect(() => alias.service.select(pods(chart, 'db'))).toThrow(/ExternalAlias 'test\/Db': service.select\(...\) does not apply: a ExternalAlias selects no pods/);
    expect(() => alias.service.selectLabel('app', 'db')).toThrow(/service.selectLabel\("app", "db"\) does not apply/);
    expect(theService(synth(chart)).spec.selector).toBeUndefined();
  });

  test('service.selectLabel() with a key the API server refuses is refused, naming the call', () => {
    const chart = newChart();
    const svc = new InternalService(chart, 'Api', { selector: pods(chart, 'api'), ports: [{ port: 80 }] });
    expect(() => svc.service.selectLabel('Bad Key!', 'x')).toThrow(/InternalService 'test\/Api': service.selectLabel\("Bad Key!", "x"\) key "Bad Key!" must have a name part of letters, digits/);
    expect(() => svc.service.selectLabel('tier', 'not ok!')).toThrow(/has value "not ok!", which must be letters, digits/);
    expect(() => svc.service.selectLabel('app', 'other')).toThrow(/selects app="other" but the Service already selects app="api"; no pod can have both/);
  });

  test('service.selectLabel() / select() that narrow the selection are allowed and written', () => {
    const chart = newChart();
    const svc = new InternalService(chart, 'Api', { selector: pods(chart, 'api'), ports: [{ port: 80 }] });
    svc.service.selectLabel('tier', 'backend');
    svc.service.select(kplus.Pods.select(chart, 'Zone', { labels: { zone: 'a' } }));
    expect(svc.selectorLabels).toEqual({ app: 'api', tier: 'backend', zone: 'a' });
    expect(theService(synth(chart)).spec.selector).toEqual({ app: 'api', tier: 'backend', zone: 'a' });
  });

  test('service.bind() goes through addPort: a node port on an InternalService, a bad or repeated port are refused', () => {
    const chart = newChart();
    const svc = new InternalService(chart, 'Api', { selector: pods(chart, 'api'), ports: [{ port: 80, name: 'http' }] });
    expect(() => svc.service.bind(8080, { nodePort: 30080, name: 'alt' })).toThrow(/InternalService 'test\/Api': service.bind\(8080\).nodePort 30080 does not apply here; an InternalService is reachable only inside the cluster/);
    expect(() => svc.service.bind(70000, { name: 'big' })).toThrow(/service.bind\(70000\).port 70000 is not a port number/);
    expect(() => svc.service.bind(80, { name: 'again' })).toThrow(/service.bind\(80\) repeats TCP port 80 of ports\[0\]/);
    svc.service.bind(9090, { name: 'metrics', targetPort: 9091 });
    expect(svc.exposedPorts.map(p => p.port)).toEqual([80, 9090]);
    expect(theService(synth(chart)).spec.ports).toEqual([
      { name: 'http', port: 80, targetPort: 80, protocol: 'TCP' },
      { name: 'metrics', port: 9090, targetPort: 9091, protocol: 'TCP' },
    ]);
  });

  test('a StatefulSet can take the Service (cdk8s-plus selects its pods through the checked path)', () => {
    const chart = newChart();
    const svc = new InternalService(chart, 'Peers', { selectLabels: { app: 'db' }, headless: true, ports: [{ port: 5432, name: 'pg' }] });
    const db = new kplus.StatefulSet(chart, 'Db', {
      service: svc.service,
      podMetadata: { labels: { app: 'db' } },
      select: false,
      containers: [{ image: 'postgres:17', ports: [{ number: 5432 }], securityContext: { user: 999, group: 999 } }],
    });
    db.select(kplus.LabelSelector.of({ labels: { app: 'db' } }));
    const service = theService(synth(chart));
    expect(service.spec.clusterIP).toBe('None');
    expect(service.spec.selector.app).toBe('db');
  });

  test('every error is a ValidationError that ExposeErrors recognises', () => {
    const chart = newChart();
    let caught: unknown;
    try { new DevService(chart, 'Web', { selector: pods(chart, 'web'), ports: [{ port: 80, nodePort: 80 }] }); } catch (e) { caught = e; }
    expect(ExposeErrors.isValidationError(caught)).toBe(true);
    expect((caught as Error).name).toBe('ValidationError');
    expect((caught as Error).message).toMatch(/^DevService 'test\/Web': ports\[0\].nodePort 80 is outside 30000-32767/);
    expect(ExposeErrors.isValidationError(new Error('x'))).toBe(false);
    expect(ExposeErrors.isValidationError(undefined)).toBe(false);
  });
});

describe('input that used to reach the YAML unchecked', () => {
  test('a missing selector (possible from JavaScript and other jsii languages) is refused', () => {
    const chart = newChart();
    expect(() => new InternalService(chart, 'Api', { ports: [{ port: 80 }] } as any)).toThrow(/InternalService 'test\/Api': selector is required: pass selector \(a cdk8s-plus-28 workload or kplus.Pods.select\(...\)\) or selectLabels/);
    expect(() => new InternalService(chart, 'Api2', { selector: { app: 'x' } as any, ports: [{ port: 80 }] })).toThrow(/selector {"app":"x"} is not a cdk8s-plus-28 pod selector; pass a workload or kplus.Pods.select\(...\), or give the pods' labels as selectLabels/);
    expect(() => new InternalService(chart, 'Api3', undefined as any)).toThrow(/InternalService 'test\/Api3': props undefined must be an object/);
  });

  test('an invalid chart namespace is refused', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'Bad_NS' });
    expect(() => new InternalService(chart, 'Api', { selectLabels: { app: 'api' }, ports: [{ port: 80 }] })).toThrow(/InternalService 'c\/Api': metadata.namespace \(from the chart's namespace\) "Bad_NS" must be a DNS-1123 label/);
  });

  test('metadata labels and annotations the API server refuses are refused', () => {
    const chart = newChart();
    expect(() => new InternalService(chart, 'A', { selectLabels: { app: 'a' }, ports: [{ port: 80 }], metadata: { labels: { 'Bad Key=': 'x' } } }))
      .toThrow(/metadata.labels key "Bad Key=" must have a name part of letters/);
    expect(() => new InternalService(chart, 'B', { selectLabels: { app: 'b' }, ports: [{ port: 80 }], metadata: { annotations: { 'a/b/c': 'x' } } }))
      .toThrow(/metadata.annotations key "a\/b\/c" must be a name with at most one "\/"/);
    expect(() => new InternalService(chart, 'C', { selectLabels: { 'app': 'c', 'bad key': 'x' }, ports: [{ port: 80 }] }))
      .toThrow(/selectLabels key "bad key" must have a name part/);
  });

  test('enum props outside the enum (as JavaScript can pass them) are refused', () => {
    const chart = newChart();
    const base = { selectLabels: { app: 'a' }, ports: [{ port: 80 }] };
    expect(() => new InternalService(chart, 'A', { ...base, sessionAffinity: 'Sticky' as any }))
      .toThrow(/sessionAffinity "Sticky" is not one of SessionAffinity.NONE \("None"\), SessionAffinity.CLIENT_IP \("ClientIP"\)/);
    expect(() => new InternalService(chart, 'B', { ...base, internalTrafficPolicy: 'local' as any })).toThrow(/internalTrafficPolicy "local" is not one of TrafficPolicy.CLUSTER/);
    expect(() => new DevService(chart, 'C', { ...base, externalTrafficPolicy: 'Nearest' as any })).toThrow(/DevService 'test\/C': externalTrafficPolicy "Nearest" is not one of/);
    expect(() => new InternalService(chart, 'D', { ...base, ipFamilyPolicy: 'Dual' as any })).toThrow(/ipFamilyPolicy "Dual" is not one of IpFamilyPolicy.SINGLE_STACK/);
    expect(() => new InternalService(chart, 'E', { ...base, ipFamilies: ['IPv5' as any] })).toThrow(/ipFamilies \["IPv5"\] must list one or two distinct families/);
  });
});

describe('selectors users actually have', () => {
  test('selectLabels selects by plain labels, e.g. workloads of another cdk8s-plus version or Included YAML', () => {
    const chart = newChart();
    new ApiObject(chart, 'Raw', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'raw' }, spec: { selector: { matchLabels: { app: 'raw' } }, template: { metadata: { labels: { app: 'raw' } }, spec: { containers: [{ name: 'raw', image: 'x:1' }] } } } });
    new InternalService(chart, 'Api', { selectLabels: { app: 'raw' }, ports: [{ port: 80, targetPort: 8080 }] });
    expect(theService(synth(chart)).spec.selector).toEqual({ app: 'raw' });
  });

  test('selector and selectLabels together select pods that match both', () => {
    const chart = newChart();
    const svc = new InternalService(chart, 'Api', { selector: kplus.Pods.select(chart, 'P', { labels: { app: 'api' } }), selectLabels: { track: 'stable' }, ports: [{ port: 80 }] });
    expect(svc.selectorLabels).toEqual({ app: 'api', track: 'stable' });
  });

  test('a cdk8s-plus-33 workload as selector is refused at run time, naming selectLabels (as TypeScript refuses its type)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const plus33 = require('cdk8s-plus-33');
    const chart = newChart();
    const web = new plus33.Deployment(chart, 'Web', { containers: [{ image: 'nginx:1.27', ports: [{ number: 8080 }], securityContext: { user: 101 } }] });
    let caught: unknown;
    try {
      new InternalService(chart, 'Web-svc', { selector: web as any, ports: [{ port: 80 }] });
    } catch (e) {
      caught = e;
    }
    expect(ExposeErrors.isValidationError(caught)).toBe(true);
    expect((caught as Error).message).toMatch(/InternalService 'test\/Web-svc': selector is a pod selector of another cdk8s-plus than cdk8s-plus-28 .*Pass the pods' labels as selectLabels instead, e.g. selectLabels: deployment.matchLabels/);
    const svc = new InternalService(chart, 'Api', { selectLabels: { app: 'api' }, ports: [{ port: 80 }] });
    expect(() => svc.service.select(web as any)).toThrow(/service.select\(...\) is a pod selector of another cdk8s-plus than cdk8s-plus-28/);
  });

  test('in an app scaffolded today (cdk8s-plus-33 workloads), selectLabels takes the Deployment\'s pod labels', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const plus33 = require('cdk8s-plus-33');
    const app = new App();
    const chart = new Chart(app, 'web');
    const web = new plus33.Deployment(chart, 'Web', { containers: [{ image: 'nginx:1.27', ports: [{ number: 8080 }], securityContext: { user: 101 } }] });
    new InternalService(chart, 'Web-svc', { selectLabels: web.matchLabels, ports: [{ port: 80, targetPort: 8080 }] });
    const manifests = synth(chart);
    const deployment = manifests.find(m => m.kind === 'Deployment');
    expect(theService(manifests).spec.selector).toEqual(deployment.spec.selector.matchLabels);
  });
});

describe('a construct that refuses its props leaves nothing behind', () => {
  test('the rest of the chart synthesizes, and the id, name and node port can be used again', () => {
    const chart = newChart();
    expect(() => new DevService(chart, 'Web', { selectLabels: { app: 'web' }, ports: [{ port: 80, nodePort: 30080 }, { port: 81, nodePort: 80 }], metadata: { name: 'web' } }))
      .toThrow(/nodePort 80 is outside/);
    expect(chart.node.tryFindChild('Web')).toBeUndefined();
    new DevService(chart, 'Web', { selectLabels: { app: 'web' }, ports: [{ port: 80, nodePort: 30080 }], metadata: { name: 'web' } });
    expect(theService(synth(chart)).spec.ports[0].nodePort).toBe(30080);
  });
});
