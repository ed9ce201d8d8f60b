import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ExposurePolicy, HttpRoute, IngressController, IngressFronted, IngressTls, InternalService, ListenerSet, RouteBackend, SharedIngress, Stage } from '../src';
import { newChart, ofKind, synth } from './util';

const web = (chart: Chart, props: any, id = 'Web') => new IngressFronted(chart, id, { selectLabels: { app: id.toLowerCase() }, ports: [{ port: 80, targetPort: 8080 }], ...props });
const backend = (name: string, port = 80) => ({ service: { name, port: { number: port } } });

describe('IngressFronted with several hosts and paths', () => {
  test('every host with every path, one TLS entry for all hosts with the Secret named after the first', () => {
    // GIVEN
    const chart = newChart();
    // WHEN
    const shop = web(chart, { hosts: ['shop.example.com', 'www.shop.example.com'], paths: ['/', '/api'] });
    // THEN
    const manifests = synth(chart);
    const ingress = ofKind(manifests, 'Ingress')[0];
    expect(ingress.spec.rules).toEqual([
      { host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend(shop.name) }, { path: '/api', pathType: 'Prefix', backend: backend(shop.name) }] } },
      { host: 'www.shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend(shop.name) }, { path: '/api', pathType: 'Prefix', backend: backend(shop.name) }] } },
    ]);
    expect(ingress.spec.tls).toEqual([{ hosts: ['shop.example.com', 'www.shop.example.com'], secretName: 'shop-example-com-tls' }]);
    expect(ingress.spec.defaultBackend).toBeUndefined();
    expect(shop.host).toBe('shop.example.com');
    expect(shop.hosts).toEqual(['shop.example.com', 'www.shop.example.com']);
    expect(shop.path).toBe('/');
    expect(shop.paths).toEqual(['/', '/api']);
    expect(shop.defaultBackend).toBe(false);
    expect(shop.tlsSecretName).toBe('shop-example-com-tls');
  });

  test('one host with several exact paths; several paths without a host; the single-value props fill the lists', () => {
    const chart = newChart();
    const api = web(chart, { host: 'api.example.com', paths: ['/v1', '/v2'], pathType: kplus.HttpIngressPathType.EXACT, tls: IngressTls.certManager({ clusterIssuer: 'le' }) }, 'Api');
    const any = web(chart, { paths: ['/status', '/metrics'], className: 'internal' }, 'Any');
    const manifests = synth(chart);
    const [apiIngress, anyIngress] = ofKind(manifests, 'Ingress');
    expect(apiIngress.spec.rules).toEqual([{ host: 'api.example.com', http: { paths: [{ path: '/v1', pathType: 'Exact', backend: backend(api.name) }, { path: '/v2', pathType: 'Exact', backend: backend(api.name) }] } }]);
    expect(apiIngress.spec.tls).toEqual([{ hosts: ['api.example.com'], secretName: 'api-example-com-tls' }]);
    expect(apiIngress.metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'le' });
    expect(anyIngress.spec.rules).toEqual([{ http: { paths: [{ path: '/metrics', pathType: 'Prefix', backend: backend(any.name) }, { path: '/status', pathType: 'Prefix', backend: backend(any.name) }] } }]);
    expect(anyIngress.spec.tls).toBeUndefined();
    expect(api.hosts).toEqual(['api.example.com']);
    expect(any.hosts).toEqual([]);
    expect(any.host).toBeUndefined();
  });

  describe('refuses', () => {
    const refused = (props: any) => () => web(newChart(), props);
    test('a value and a list of the same thing, empty lists, duplicates, and a bad entry, naming the prop and the value', () => {
      expect(refused({ host: 'a.example.com', hosts: ['b.example.com'] }))
        .toThrow(/^IngressFronted 'test\/Web': host "a.example.com" and hosts \["b.example.com"\] are both given; list every host in hosts \(hosts: \["a.example.com","b.example.com"\]\) and remove host$/);
      expect(refused({ path: '/a', paths: ['/b'] })).toThrow(/IngressFronted 'test\/Web': path "\/a" and paths \["\/b"\] are both given; list every path in paths/);
      expect(refused({ hosts: [] })).toThrow(/IngressFronted 'test\/Web': hosts \[\] must list at least one host, such as \["api.example.com","www.example.com"\]; omit hosts for the default/);
      expect(refused({ paths: [] })).toThrow(/IngressFronted 'test\/Web': paths \[\] must list at least one path/);
      expect(refused({ hosts: 'a.example.com' })).toThrow(/hosts "a.example.com" must list at least one host/);
      expect(refused({ hosts: ['a.example.com', 'a.example.com'] })).toThrow(/IngressFronted 'test\/Web': hosts\[1\] "a.example.com" is listed twice; remove one/);
      expect(refused({ paths: ['/a', '/b', '/a'] })).toThrow(/paths\[2\] "\/a" is listed twice; remove one/);
      expect(refused({ hosts: ['a.example.com', 'A_B'] })).toThrow(/IngressFronted 'test\/Web': hosts\[1\] "A_B" .*; pass a host name such as "api.example.com"/);
      expect(refused({ hosts: ['a.example.com'], paths: ['/ok', 'relative'] })).toThrow(/paths\[1\] "relative" must be an absolute path starting with "\/"/);
      expect(refused({ paths: ['/a'], pathType: 'Regex' })).toThrow(/pathType "Regex" is not one of kplus.HttpIngressPathType.PREFIX/);
    });

    test('TLS for several paths but no host', () => {
      expect(refused({ paths: ['/a', '/b'], tls: IngressTls.fromSecret('x-tls') })).toThrow(/tls is set but host is not/);
    });

    test('a second front end claiming one of the host and path pairs, and the refused one claims none', () => {
      const chart = newChart();
      web(chart, { host: 'shop.example.com', path: '/api' }, 'Api');
      expect(() => web(chart, { hosts: ['www.shop.example.com', 'shop.example.com'], paths: ['/', '/api'] }))
        .toThrow(/IngressFronted 'test\/Web': host "shop.example.com" path "\/api" \(Prefix\) on IngressClass "\(the default\)" is already claimed by IngressFronted 'test\/Api' in this App/);
      // Nothing of the refused one is left: its id, Service name and the pairs it did not collide on are free.
      expect(chart.node.tryFindChild('Web')).toBeUndefined();
      web(chart, { hosts: ['www.shop.example.com', 'shop.example.com'], paths: ['/'] });
      expect(ofKind(synth(chart), 'Ingress')).toHaveLength(2);
    });
  });
});

describe('IngressFronted as the default backend', () => {
  test('alone: the Ingress has spec.defaultBackend and no rules, and no TLS (no host)', () => {
    const chart = newChart();
    const fallback = web(chart, { defaultBackend: true }, 'Fallback');
    const ingress = ofKind(synth(chart), 'Ingress')[0];
    expect(ingress.spec).toEqual({ defaultBackend: backend(fallback.name) });
    expect(fallback.defaultBackend).toBe(true);
    expect(fallback.paths).toEqual([]);
    expect(fallback.path).toBe('/');
    expect(fallback.tlsSecretName).toBeUndefined();
  });

  test('with hosts: the rules and TLS for the hosts, and the default backend for every other request', () => {
    const chart = newChart();
    const site = web(chart, { hosts: ['example.com', 'www.example.com'], defaultBackend: true });
    const ingress = ofKind(synth(chart), 'Ingress')[0];
    expect(ingress.spec.defaultBackend).toEqual(backend(site.name));
    expect(ingress.spec.rules.map((r: any) => r.host)).toEqual(['example.com', 'www.example.com']);
    expect(ingress.spec.tls).toEqual([{ hosts: ['example.com', 'www.example.com'], secretName: 'example-com-tls' }]);
  });

  test('is the catch-all of its IngressClass: a second one, or a rule for any host at "/", is refused', () => {
    const chart = newChart();
    web(chart, { defaultBackend: true }, 'One');
    expect(() => web(chart, { defaultBackend: true }, 'Two'))
      .toThrow(/IngressFronted 'test\/Two': the default backend \(any host, any path: the requests of host "\(any\)" path "\/" \(Prefix\)\) on IngressClass "\(the default\)" is already claimed by IngressFronted 'test\/One' in this App/);
    expect(() => web(chart, {}, 'Three')).toThrow(/IngressFronted 'test\/Three': host "\(any\)" path "\/" \(Prefix\) on IngressClass "\(the default\)" is already claimed by IngressFronted 'test\/One'/);
    // Another IngressClass has a catch-all of its own.
    web(chart, { defaultBackend: true, className: 'internal' }, 'Four');
    expect(ofKind(synth(chart), 'Ingress')).toHaveLength(2);
  });

  test('refuses a rule for any host at "/" beside it, a gateway, and a value that is not a boolean', () => {
    expect(() => web(newChart(), { defaultBackend: true, path: '/' }))
      .toThrow(/IngressFronted 'test\/Web': defaultBackend already answers every host and path, so a rule for any host at path "\/" \(Prefix\) would route the same requests twice; remove path "\/", or give hosts/);
    expect(() => web(newChart(), { defaultBackend: true, gateway: { name: 'public' } }))
      .toThrow(/IngressFronted 'test\/Web': defaultBackend does not apply to a Gateway route: Gateway API has no default backend/);
    expect(() => web(newChart(), { defaultBackend: 'yes' })).toThrow(/IngressFronted 'test\/Web': defaultBackend "yes" must be true or false/);
  });

  test('under a production policy it is reported as a catch-all (and without TLS) until acknowledged', () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const chart = new Chart(Testing.app(), 'prod');
      ExposurePolicy.apply(chart, { stage: Stage.PRODUCTION });
      const fallback = web(chart, { defaultBackend: true }, 'Fallback');
      expect(() => synth(chart)).toThrow(/\[ingress-wildcard-host\] Ingress prod-fallback-ingress-\w+ \(IngressFronted 'prod\/Fallback'\): routes requests for any host/);
      fallback.acknowledge('ingress-wildcard-host', 'the catch-all page for parked domains');
      fallback.acknowledge('ingress-without-tls', 'parked domains have no certificate');
      expect(ofKind(synth(chart), 'Ingress')[0].metadata.annotations).toEqual({
        'ack.cdk8s-expose/ingress-wildcard-host': 'the catch-all page for parked domains',
        'ack.cdk8s-expose/ingress-without-tls': 'parked domains have no certificate',
        'cdk8s-expose/stage': 'production',
      });
    } finally {
      stderr.mockRestore();
    }
  });
});

describe('SharedIngress with several hosts, a default backend and an existing Service', () => {
  test('front ends add every host and path, TLS per front end, and one default backend', () => {
    // GIVEN
    const chart = newChart();
    const edge = new SharedIngress(chart, 'Edge', { controller: IngressController.nginx() });
    // WHEN
    const shop = web(chart, { hosts: ['shop.example.com', 'www.shop.example.com'], sharedIngress: edge }, 'Shop');
    const api = web(chart, { host: 'shop.example.com', paths: ['/api', '/auth'], sharedIngress: edge }, 'Api');
    const fallback = web(chart, { defaultBackend: true, sharedIngress: edge }, 'Fallback');
    // THEN
    const manifests = synth(chart);
    const ingresses = ofKind(manifests, 'Ingress');
    expect(ingresses).toHaveLength(1);
    expect(ingresses[0].spec.defaultBackend).toEqual(backend(fallback.name));
    expect(ingresses[0].spec.rules).toEqual([
      // cdk8s-plus sorts the paths of a host; controllers choose the longest match whatever the order.
      { host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend(shop.name) }, { path: '/api', pathType: 'Prefix', backend: backend(api.name) }, { path: '/auth', pathType: 'Prefix', backend: backend(api.name) }] } },
      { host: 'www.shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend(shop.name) }] } },
    ]);
    // One entry per Secret: the second front end's host already has its Secret.
    expect(ingresses[0].spec.tls).toEqual([{ hosts: ['shop.example.com', 'www.shop.example.com'], secretName: 'shop-example-com-tls' }]);
    expect(fallback.ingress).toBe(edge.ingress);
  });

  test('one host and path with another pathType on one SharedIngress is refused clearly, naming both', () => {
    const chart = newChart();
    const edge = new SharedIngress(chart, 'Edge');
    web(chart, { host: 'shop.example.com', path: '/api', sharedIngress: edge }, 'Prefix');
    expect(() => web(chart, { host: 'shop.example.com', path: '/api', pathType: kplus.HttpIngressPathType.EXACT, sharedIngress: edge }, 'Exact'))
      .toThrow("IngressFronted 'test/Exact': host \"shop.example.com\" path \"/api\" is already routed on SharedIngress 'test/Edge' by IngressFronted 'test/Prefix' (as Prefix; one Ingress here holds one rule per host and path, whatever its pathType); give this route another host or path");
    // The refused front end left its Ingress as it was, and synthesizes.
    expect(ofKind(synth(chart), 'Ingress')[0].spec.rules).toEqual([{ host: 'shop.example.com', http: { paths: [expect.objectContaining({ path: '/api', pathType: 'Prefix' })] } }]);
  });

  test('a second default backend is refused, naming the first', () => {
    const chart = newChart();
    const edge = new SharedIngress(chart, 'Edge');
    web(chart, { defaultBackend: true, sharedIngress: edge }, 'One');
    expect(() => edge.routeToService({ serviceName: 'legacy', port: 8080, defaultBackend: true }))
      .toThrow(/^SharedIngress 'test\/Edge': routeToService: defaultBackend: SharedIngress 'test\/Edge' already has a default backend, set by IngressFronted 'test\/One'; an Ingress has one, so keep one of them$/);
    expect(() => web(chart, { defaultBackend: true, sharedIngress: edge }, 'Two'))
      .toThrow(/IngressFronted 'test\/Two': defaultBackend: SharedIngress 'test\/Edge' already has a default backend, set by IngressFronted 'test\/One'/);
    // The refused routes left nothing on the Ingress.
    expect(ofKind(synth(chart), 'Ingress')[0].spec.rules).toBeUndefined();
  });

  test('a default backend of its own: any kplus backend; a second one, from a front end or another Ingress of the class, is refused naming it', () => {
    // GIVEN
    const chart = newChart();
    const pages = new kplus.Service(chart, 'Pages', { selector: kplus.Pods.select(chart, 'PagesPods', { labels: { app: 'pages' } }), ports: [{ port: 8080 }], metadata: { name: 'pages' } });
    // WHEN
    const edge = new SharedIngress(chart, 'Edge', { controller: IngressController.nginx(), defaultBackend: kplus.IngressBackend.fromService(pages, { port: 8080 }) });
    web(chart, { host: 'shop.example.com', sharedIngress: edge }, 'Shop');
    // THEN
    const [ingress] = ofKind(synth(chart), 'Ingress');
    expect(ingress.spec.defaultBackend).toEqual({ service: { name: 'pages', port: { number: 8080 } } });
    expect(() => web(chart, { defaultBackend: true, sharedIngress: edge }, 'Two'))
      .toThrow(/IngressFronted 'test\/Two': defaultBackend: SharedIngress 'test\/Edge' already has a default backend, set by SharedIngress 'test\/Edge'/);
    expect(() => edge.routeToService({ serviceName: 'legacy', port: 8080, defaultBackend: true }))
      .toThrow(/routeToService: defaultBackend: SharedIngress 'test\/Edge' already has a default backend, set by SharedIngress 'test\/Edge'/);
    // Another Ingress of the same class with a catch-all of its own: the controller would serve one of them.
    expect(() => new SharedIngress(chart, 'Edge2', { controller: IngressController.nginx(), defaultBackend: kplus.IngressBackend.fromService(pages, { port: 8080 }) }))
      .toThrow(/SharedIngress 'test\/Edge2': the default backend \(any host, any path: .*\) on IngressClass "nginx" is already claimed by SharedIngress 'test\/Edge'/);
    expect(chart.node.tryFindChild('Edge2')).toBeUndefined();
    expect(() => new SharedIngress(chart, 'Bad', { defaultBackend: 'pages' as any }))
      .toThrow(/SharedIngress 'test\/Bad': defaultBackend "pages" is not a kplus.IngressBackend; use kplus.IngressBackend.fromService/);
  });

  test('a host whose TLS Secret differs from the one it already has is refused', () => {
    const chart = newChart();
    const edge = new SharedIngress(chart, 'Edge');
    web(chart, { hosts: ['a.example.com', 'b.example.com'], sharedIngress: edge }, 'One');
    expect(() => web(chart, { hosts: ['c.example.com', 'b.example.com'], path: '/two', sharedIngress: edge }, 'Two'))
      .toThrow(/IngressFronted 'test\/Two': host "b.example.com" already has TLS Secret "a-example-com-tls" on SharedIngress 'test\/Edge'; use the same Secret for the same host/);
  });

  test('routeToService: an existing Service by name and port, with hosts, paths and TLS; it takes part in the route claims', () => {
    const chart = newChart();
    const edge = new SharedIngress(chart, 'Edge', { controller: IngressController.nginx() });
    edge.routeToService({ serviceName: 'legacy-shop', port: 8080, hosts: ['old.example.com', 'legacy.example.com'], paths: ['/', '/cart'] });
    edge.routeToService({ serviceName: 'legacy-admin', port: 9000, host: 'old.example.com', path: '/admin', tls: IngressTls.disabled() });
    const manifests = synth(chart);
    // No Service is written for them: they exist already.
    expect(ofKind(manifests, 'Service')).toEqual([]);
    const ingress = ofKind(manifests, 'Ingress')[0];
    expect(ingress.spec.rules).toEqual([
      { host: 'old.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend('legacy-shop', 8080) }, { path: '/admin', pathType: 'Prefix', backend: backend('legacy-admin', 9000) }, { path: '/cart', pathType: 'Prefix', backend: backend('legacy-shop', 8080) }] } },
      { host: 'legacy.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend('legacy-shop', 8080) }, { path: '/cart', pathType: 'Prefix', backend: backend('legacy-shop', 8080) }] } },
    ]);
    expect(ingress.spec.tls).toEqual([{ hosts: ['old.example.com', 'legacy.example.com'], secretName: 'old-example-com-tls' }]);
    expect(ingress.metadata.annotations).toEqual({ 'nginx.ingress.kubernetes.io/ssl-redirect': 'true' });
    // Another front end on the same IngressClass cannot take one of those routes.
    expect(() => web(chart, { host: 'old.example.com', path: '/cart', controller: IngressController.nginx() }))
      .toThrow(/IngressFronted 'test\/Web': host "old.example.com" path "\/cart" \(Prefix\) on IngressClass "nginx" is already claimed by SharedIngress 'test\/Edge' in this App/);
    expect(() => edge.routeToService({ serviceName: 'other', port: 80, host: 'legacy.example.com' }))
      .toThrow(/^SharedIngress 'test\/Edge': routeToService: host "legacy.example.com" path "\/" is already routed on SharedIngress 'test\/Edge' by SharedIngress 'test\/Edge'; give this route another host or path$/);
  });

  test('routeToService as the default backend alone', () => {
    const chart = newChart();
    const edge = new SharedIngress(chart, 'Edge');
    edge.routeToService({ serviceName: 'legacy', port: 80, defaultBackend: true });
    expect(ofKind(synth(chart), 'Ingress')[0].spec).toEqual({ defaultBackend: backend('legacy') });
  });

  test('routeToService refuses a bad name, port, route list or TLS, with the fix', () => {
    const edge = () => new SharedIngress(newChart(), 'Edge');
    const at = '^SharedIngress \'test\\/Edge\': routeToService: ';
    expect(() => edge().routeToService({ serviceName: 'Legacy_Web', port: 80, host: 'a.example.com' }))
      .toThrow(new RegExp(`${at}serviceName "Legacy_Web" must .*; a Service name is a DNS-1035 label such as "legacy-web"$`));
    expect(() => edge().routeToService({ serviceName: '1legacy', port: 80, host: 'a.example.com' })).toThrow(/serviceName "1legacy" must/);
    expect(() => edge().routeToService({ port: 80, host: 'a.example.com' } as any)).toThrow(/serviceName undefined is required \(the Service's metadata.name\)/);
    expect(() => edge().routeToService({ serviceName: 'legacy', port: 0, host: 'a.example.com' }))
      .toThrow(new RegExp(`${at}port 0 must be the Service port, a whole number from 1 to 65535`));
    expect(() => edge().routeToService({ serviceName: 'legacy', port: 'http', host: 'a.example.com' } as any)).toThrow(/port "http" must be the Service port/);
    expect(() => edge().routeToService({ serviceName: 'legacy', port: 80 }))
      .toThrow(new RegExp(`${at}gives neither host\\(s\\) nor path\\(s\\) for Service "legacy" port 80; pass host: "old.example.com" \\(or paths: \\["/legacy"\\]\\), or defaultBackend: true`));
    expect(() => edge().routeToService({ serviceName: 'legacy', port: 80, hosts: [] })).toThrow(new RegExp(`${at}hosts \\[\\] must list at least one host`));
    expect(() => edge().routeToService({ serviceName: 'legacy', port: 80, host: 'a.example.com', hosts: ['b.example.com'] })).toThrow(new RegExp(`${at}host "a.example.com" and hosts`));
    expect(() => edge().routeToService({ serviceName: 'legacy', port: 80, paths: ['/x'], tls: IngressTls.fromSecret('x-tls') })).toThrow(new RegExp(`${at}tls is set but no host is`));
    expect(() => edge().routeToService({ serviceName: 'legacy', port: 80, host: 'a.example.com', tls: IngressTls.fromController() })).toThrow(/IngressTls.fromController\(\) needs a controller preset on the SharedIngress/);
    expect(() => edge().routeToService({ serviceName: 'legacy', port: 80, defaultBackend: true, path: '/' })).toThrow(/defaultBackend already answers every host and path/);
  });

  test('a route to a Service the App does not define, where it defines the namespace\'s Services, is reported under a policy until acknowledged', () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const chart = new Chart(Testing.app(), 'prod');
      ExposurePolicy.apply(chart, { stage: Stage.PRODUCTION });
      // The App defines Services in this namespace, so one it does not define is certainly missing.
      new InternalService(chart, 'Api', { selectLabels: { app: 'api' }, ports: [{ port: 80 }] });
      const edge = new SharedIngress(chart, 'Edge');
      edge.routeToService({ serviceName: 'legacy', port: 8080, host: 'old.example.com' });
      expect(() => synth(chart)).toThrow(/\[dangling-ingress-backend\] Ingress prod-edge-ingress-\w+ .*routes old.example.com\/ to Service "legacy", which is not defined/);
      edge.acknowledge('dangling-ingress-backend', 'the legacy Service is deployed by its Helm chart');
      expect(ofKind(synth(chart), 'Ingress')[0].metadata.annotations['ack.cdk8s-expose/dangling-ingress-backend']).toBe('the legacy Service is deployed by its Helm chart');
      expect(() => edge.acknowledge('no-such-rule', 'x')).toThrow(/SharedIngress 'prod\/Edge': acknowledge: there is no rule "no-such-rule"/);
      expect(() => edge.acknowledge('ingress-wildcard-host', ' ')).toThrow(/SharedIngress 'prod\/Edge': acknowledge\('ingress-wildcard-host'\): a reason is required/);
    } finally {
      stderr.mockRestore();
    }
  });
});

describe('IngressFronted with a gateway: an HttpRoute', () => {
  const gateway = { name: 'public', namespace: 'gateway-system', sectionName: 'https' };

  test('a ListenerSet\'s parentRef (kind, port) is kept: the route attaches to the ListenerSet, not to a Gateway of its name', () => {
    const chart = newChart('shop');
    const listeners = new ListenerSet(chart, 'Listeners', { gateway: { name: 'public', namespace: 'gateway-system' }, listeners: [{ name: 'https', hostname: 'shop.example.com' }] });
    web(chart, { host: 'shop.example.com', gateway: listeners.parentRef('https') });
    web(chart, { host: 'api.example.com', gateway: { ...gateway, sectionName: undefined, port: 443 } }, 'Api');
    const [viaListenerSet, viaPort] = ofKind(synth(chart), 'HTTPRoute');
    expect(viaListenerSet.spec.parentRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', name: listeners.name, sectionName: 'https' }]);
    expect(viaPort.spec.parentRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'public', namespace: 'gateway-system', port: 443 }]);
  });

  test('several hosts are its hostnames and several paths the matches of its one rule', () => {
    const chart = newChart('shop');
    const shop = web(chart, { hosts: ['shop.example.com', 'www.shop.example.com'], paths: ['/', '/api'], gateway });
    const routes = ofKind(synth(chart), 'HTTPRoute');
    expect(routes).toHaveLength(1);
    expect(shop.httpRoute).toBeInstanceOf(HttpRoute);
    expect(routes[0].metadata).toEqual({ name: shop.httpRoute!.name, annotations: { 'cdk8s-expose/tls': 'true' } });
    expect(routes[0].metadata.name).toMatch(/^shop-web-httproute-c8[0-9a-f]{6}$/);
    expect(routes[0].spec).toEqual({
      parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', ...gateway }],
      hostnames: ['shop.example.com', 'www.shop.example.com'],
      rules: [{
        matches: [{ path: { type: 'PathPrefix', value: '/' } }, { path: { type: 'PathPrefix', value: '/api' } }],
        backendRefs: [{ name: shop.name, port: 80 }],
      }],
    });
  });

  test('claims every host and path on the listener: an HttpRoute for one of them is refused, naming the IngressFronted', () => {
    const chart = newChart();
    web(chart, { hosts: ['a.example.com', 'b.example.com'], paths: ['/x', '/y'], pathType: kplus.HttpIngressPathType.EXACT, gateway });
    expect(() => new HttpRoute(chart, 'Other', { parents: [gateway], hostnames: ['b.example.com'], rules: [{ matches: [{ path: '/y', pathType: 'Exact' as any }], backends: [RouteBackend.fromServiceName('other', 80)] }] }))
      .toThrow(/HttpRoute 'test\/Other': host "b.example.com" path "\/y" \(Exact\) on Gateway "public" is already claimed by IngressFronted 'test\/Web' in this App/);
    expect(() => web(chart, { host: 'a.example.com', path: '/x', pathType: kplus.HttpIngressPathType.EXACT, gateway }, 'Two'))
      .toThrow(/^IngressFronted 'test\/Two': host "a.example.com" path "\/x" \(Exact\) on Gateway "public" is already claimed by IngressFronted 'test\/Web' in this App/);
    expect(chart.node.tryFindChild('Two')).toBeUndefined();
    // Another path on the same host is free.
    web(chart, { host: 'a.example.com', path: '/z', gateway }, 'Three');
    expect(ofKind(synth(chart), 'HTTPRoute')).toHaveLength(2);
  });

  test('refuses what an HTTPRoute cannot hold, as the IngressFronted', () => {
    const hosts = Array.from({ length: 17 }, (_, i) => `h${i}.example.com`);
    expect(() => web(newChart(), { hosts, gateway })).toThrow(/IngressFronted 'test\/Web': hosts has 17 entries; an HTTPRoute has at most 16 hostnames/);
    const paths = Array.from({ length: 65 }, (_, i) => `/p${i}`);
    expect(() => web(newChart(), { paths, gateway })).toThrow(/IngressFronted 'test\/Web': paths has 65 entries; an HTTPRoute rule has at most 64 matches/);
    expect(() => web(newChart(), { paths: ['/ok', '/a%zz'], gateway, pathType: kplus.HttpIngressPathType.EXACT }))
      .toThrow(/IngressFronted 'test\/Web': paths\[1\] "\/a%zz" may contain only URL path characters \(percent-encode the others\) in an HTTPRoute/);
    expect(() => web(newChart(), { hosts: ['a.example.com'], gateway, pathType: kplus.HttpIngressPathType.IMPLEMENTATION_SPECIFIC })).toThrow(/IMPLEMENTATION_SPECIFIC has no HTTPRoute equivalent/);
  });
});

describe('one front end with paths of several types (typedPaths)', () => {
  const typedPaths = [{ path: '/api' }, { path: '/healthz', pathType: kplus.HttpIngressPathType.EXACT }];

  test('its own Ingress, a SharedIngress and routeToService: each path with its type', () => {
    // GIVEN
    const chart = newChart();
    const edge = new SharedIngress(chart, 'Edge');
    // WHEN
    const own = web(chart, { host: 'own.example.com', typedPaths });
    const shared = web(chart, { host: 'shop.example.com', typedPaths, sharedIngress: edge }, 'Shop');
    edge.routeToService({ serviceName: 'legacy', port: 8080, host: 'shop.example.com', typedPaths: [{ path: '/old' }, { path: '/old/ping', pathType: kplus.HttpIngressPathType.EXACT }] });
    // THEN
    const ingresses = ofKind(synth(chart), 'Ingress');
    const ownIngress = ingresses.find((i: any) => i.spec.rules[0].host === 'own.example.com');
    const sharedIngress = ingresses.find((i: any) => i.spec.rules[0].host === 'shop.example.com');
    expect(ownIngress.spec.rules).toEqual([{
      host: 'own.example.com',
      http: {
        paths: [
          { path: '/api', pathType: 'Prefix', backend: backend(own.name) },
          { path: '/healthz', pathType: 'Exact', backend: backend(own.name) },
        ],
      },
    }]);
    expect(sharedIngress.spec.rules).toEqual([{
      host: 'shop.example.com',
      http: {
        paths: [
          { path: '/api', pathType: 'Prefix', backend: backend(shared.name) },
          { path: '/healthz', pathType: 'Exact', backend: backend(shared.name) },
          { path: '/old', pathType: 'Prefix', backend: backend('legacy', 8080) },
          { path: '/old/ping', pathType: 'Exact', backend: backend('legacy', 8080) },
        ],
      },
    }]);
    expect(own.paths).toEqual(['/api', '/healthz']);
  });

  test('through a gateway: one match per path, with its type', () => {
    const chart = newChart('shop');
    web(chart, { host: 'shop.example.com', typedPaths, gateway: { name: 'public', namespace: 'gateway-system', sectionName: 'https' } });
    const [route] = ofKind(synth(chart), 'HTTPRoute');
    expect(route.spec.rules[0].matches).toEqual([{ path: { type: 'PathPrefix', value: '/api' } }, { path: { type: 'Exact', value: '/healthz' } }]);
  });

  test('the same path with another type on one IngressClass is claimed per type, as before', () => {
    const chart = newChart();
    web(chart, { host: 'shop.example.com', typedPaths });
    expect(() => web(chart, { host: 'shop.example.com', path: '/healthz', pathType: kplus.HttpIngressPathType.EXACT }, 'Two'))
      .toThrow(/IngressFronted 'test\/Two': host "shop.example.com" path "\/healthz" \(Exact\) on IngressClass "\(the default\)" is already claimed by IngressFronted 'test\/Web'/);
  });

  test.each([
    [{ typedPaths, pathType: kplus.HttpIngressPathType.EXACT }, /typedPaths gives every path its type, so pathType does not apply; list every path in typedPaths and remove pathType/],
    [{ typedPaths, path: '/', paths: ['/a'] }, /typedPaths gives every path its type, so path, paths do not apply/],
    [{ typedPaths: [] }, /typedPaths \[\] must list at least one path/],
    [{ typedPaths: [{ path: '/a' }, { path: '/a', pathType: kplus.HttpIngressPathType.EXACT }] }, /typedPaths\[1\].path "\/a" is listed twice; an Ingress holds one rule per host and path/],
    [{ typedPaths: [{ path: 'api' }] }, /typedPaths\[0\].path "api" /],
    [{ typedPaths: [{ path: '/a', pathType: 'Regex' }] }, /typedPaths\[0\].pathType/],
    [{ typedPaths: [{ path: '/a' }, { path: '/b', pathType: kplus.HttpIngressPathType.IMPLEMENTATION_SPECIFIC }], gateway: { name: 'public' } }, /pathType IMPLEMENTATION_SPECIFIC has no HTTPRoute equivalent/],
  ])('refuses %#', (props: any, message) => {
    const chart = newChart();
    expect(() => web(chart, { host: 'shop.example.com', ...props })).toThrow(message);
  });
});
