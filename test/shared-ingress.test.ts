import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ExposurePolicy, IngressController, IngressFronted, IngressTls, InternalService, SharedIngress, Stage } from '../src';
import { newChart, ofKind, synth } from './util';

const web = (chart: Chart, props: any, id = 'Web') => new IngressFronted(chart, id, { selectLabels: { app: id.toLowerCase() }, ports: [{ port: 80, targetPort: 8080 }], ...props });
const backend = (name: string, port = 80) => ({ service: { name, port: { number: port } } });

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

  test('a refused front end adds nothing to the Ingress: every host, path, annotation and TLS entry is checked before any is added', () => {
    // GIVEN a front end on the SharedIngress
    const chart = newChart();
    const edge = new SharedIngress(chart, 'Edge');
    web(chart, { hosts: ['a.example.com', 'b.example.com'], sharedIngress: edge }, 'One');
    const before = ofKind(synth(chart), 'Ingress')[0];
    // WHEN a second one is refused for its TLS, after its routes were checked
    expect(() => web(chart, { hosts: ['c.example.com', 'b.example.com'], path: '/two', sharedIngress: edge }, 'Two'))
      .toThrow(/IngressFronted 'test\/Two': host "b.example.com" already has TLS Secret/);
    // THEN the Ingress is as it was: no rule for c.example.com or /two, no TLS entry
    expect(ofKind(synth(chart), 'Ingress')[0]).toEqual(before);
    // and the same front end with a free host joins it
    web(chart, { hosts: ['c.example.com'], path: '/two', sharedIngress: edge }, 'Two');
    expect(ofKind(synth(chart), 'Ingress')[0].spec.rules.map((r: any) => r.host)).toEqual(['a.example.com', 'b.example.com', 'c.example.com']);
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

  test('routeToService by port name: the backend names the port, and the rest of the YAML is what a route by number writes', () => {
    // GIVEN the same routes, once with the legacy Service's port by number and once by name
    const routes = (portOf: (service: string) => { port: number } | { portName: string }) => {
      const chart = newChart();
      const edge = new SharedIngress(chart, 'Edge', { controller: IngressController.nginx() });
      web(chart, { hosts: ['shop.example.com', 'a.example.com'], paths: ['/b', '/'], sharedIngress: edge }, 'Shop');
      edge.routeToService({ serviceName: 'legacy-shop', ...portOf('shop'), hosts: ['shop.example.com', 'old.example.com'], paths: ['/z', '/cart', '/a'] });
      edge.routeToService({ serviceName: 'legacy', ...portOf('catch'), defaultBackend: true });
      // A route added after the first one by name is written too.
      web(chart, { host: 'shop.example.com', path: '/api', pathType: kplus.HttpIngressPathType.EXACT, sharedIngress: edge }, 'Api');
      return ofKind(synth(chart), 'Ingress')[0];
    };
    const byNumber = routes(() => ({ port: 8080 }));
    const byName = routes(service => ({ portName: service === 'shop' ? 'http' : 'fallback' }));
    // THEN the backends of legacy-shop name their port, and nothing else changes (key order included)
    const named = JSON.parse(JSON.stringify(byNumber, (_key, value) => {
      if (value?.name === 'legacy-shop' && value.port?.number === 8080) return { name: 'legacy-shop', port: { name: 'http' } };
      if (value?.name === 'legacy' && value.port?.number === 8080) return { name: 'legacy', port: { name: 'fallback' } };
      return value;
    }));
    expect(JSON.stringify(byName)).toEqual(JSON.stringify(named));
    expect(byName.spec.defaultBackend).toEqual({ service: { name: 'legacy', port: { name: 'fallback' } } });
    expect(byName.spec.rules.flatMap((r: any) => r.http.paths.map((p: any) => `${r.host} ${p.path} ${p.pathType} ${p.backend.service.name}:${JSON.stringify(p.backend.service.port)}`))).toEqual([
      'shop.example.com / Prefix test-shop-c8a6901d:{"number":80}',
      'shop.example.com /a Prefix legacy-shop:{"name":"http"}',
      'shop.example.com /api Exact test-api-c88fe42e:{"number":80}',
      'shop.example.com /b Prefix test-shop-c8a6901d:{"number":80}',
      'shop.example.com /cart Prefix legacy-shop:{"name":"http"}',
      'shop.example.com /z Prefix legacy-shop:{"name":"http"}',
      'a.example.com / Prefix test-shop-c8a6901d:{"number":80}',
      'a.example.com /b Prefix test-shop-c8a6901d:{"number":80}',
      'old.example.com /a Prefix legacy-shop:{"name":"http"}',
      'old.example.com /cart Prefix legacy-shop:{"name":"http"}',
      'old.example.com /z Prefix legacy-shop:{"name":"http"}',
    ]);
  });

  test('routeToService by port name refuses a bad name, or a number and a name together', () => {
    const edge = () => new SharedIngress(newChart(), 'Edge');
    expect(() => edge().routeToService({ serviceName: 'legacy', portName: 'HTTP', host: 'a.example.com' }))
      .toThrow(/^SharedIngress 'test\/Edge': routeToService: portName "HTTP" may contain only lower-case letters, digits and "-"; it is the name of one of the Service's ports, such as "http"$/);
    expect(() => edge().routeToService({ serviceName: 'legacy', portName: 'a-very-long-port-name', host: 'a.example.com' })).toThrow(/portName "a-very-long-port-name" must be at most 15 characters/);
    expect(() => edge().routeToService({ serviceName: 'legacy', port: 80, portName: 'http', host: 'a.example.com' }))
      .toThrow(/routeToService: port 80 and portName "http" are both given; a backend names its Service port one way, so keep one of them$/);
    expect(() => edge().routeToService({ serviceName: 'legacy', host: 'a.example.com' }))
      .toThrow(/routeToService: port is required: pass the Service port by number \(port: 8080\) or by name \(portName: "http"\)$/);
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
