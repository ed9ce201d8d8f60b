import { Duration } from 'cdk8s';
import { ExposureReport, HttpMethod, HttpPathMatchType, HttpRoute, HttpRouteFilter, IngressFronted, InternalService, RouteBackend, ValueMatchType } from '../../src';
import { newChart, ofKind, synth } from '../util';

function api(chart: any, id = 'Api', namespace?: string, ports = [{ port: 80, targetPort: 8080 }]) {
  return new InternalService(chart, id, { selectLabels: { app: id.toLowerCase() }, ports, metadata: { name: id.toLowerCase(), namespace } });
}
const gateway = { name: 'public', namespace: 'gateway-system', sectionName: 'https' };

describe('HttpRoute', () => {
  test('several hostnames, rules, matches, filters, weights and timeouts', () => {
    // GIVEN
    const chart = newChart();
    const stable = api(chart);
    const canary = api(chart, 'Canary');
    // WHEN
    new HttpRoute(chart, 'Route', {
      parents: [gateway, { name: 'internal', namespace: 'gateway-system' }],
      hostnames: ['api.example.com', '*.api.example.com'],
      rules: [{
        name: 'v1',
        matches: [
          { path: '/v1', headers: [{ name: 'X-Canary', value: 'yes' }], queryParams: [{ name: 'debug', value: '^1$', type: ValueMatchType.REGULAR_EXPRESSION }], method: HttpMethod.GET },
        ],
        filters: [
          HttpRouteFilter.urlRewrite({ prefix: '/' }),
          HttpRouteFilter.requestHeaders({ set: { 'X-Env': 'prod' }, remove: ['X-Debug'] }),
          HttpRouteFilter.responseHeaders({ add: { 'Strict-Transport-Security': 'max-age=31536000' } }),
          HttpRouteFilter.cors({ allowOrigins: ['https://app.example.com'], allowMethods: ['GET', 'POST'], allowCredentials: true, maxAge: Duration.minutes(10) }),
        ],
        backends: [RouteBackend.fromService(stable, { weight: 90 }), RouteBackend.fromService(canary, { weight: 10 })],
        requestTimeout: Duration.seconds(30),
        backendRequestTimeout: Duration.millis(2500),
      }, {
        matches: [{ path: '/health', pathType: HttpPathMatchType.EXACT }],
        backends: [RouteBackend.fromServiceName('legacy', 8080)],
      }],
    });
    // THEN
    const [route] = ofKind(synth(chart), 'HTTPRoute');
    expect(route.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(route.spec.parentRefs).toEqual([
      { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'public', namespace: 'gateway-system', sectionName: 'https' },
      { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'internal', namespace: 'gateway-system' },
    ]);
    expect(route.spec.hostnames).toEqual(['api.example.com', '*.api.example.com']);
    expect(route.spec.rules[0]).toEqual({
      name: 'v1',
      matches: [{
        path: { type: 'PathPrefix', value: '/v1' },
        headers: [{ name: 'X-Canary', value: 'yes' }],
        queryParams: [{ type: 'RegularExpression', name: 'debug', value: '^1$' }],
        method: 'GET',
      }],
      filters: [
        { type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } },
        { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'X-Env', value: 'prod' }], remove: ['X-Debug'] } },
        { type: 'ResponseHeaderModifier', responseHeaderModifier: { add: [{ name: 'Strict-Transport-Security', value: 'max-age=31536000' }] } },
        { type: 'CORS', cors: { allowOrigins: ['https://app.example.com'], allowMethods: ['GET', 'POST'], allowCredentials: true, maxAge: 600 } },
      ],
      backendRefs: [{ name: 'api', port: 80, weight: 90 }, { name: 'canary', port: 80, weight: 10 }],
      timeouts: { request: '30s', backendRequest: '2s500ms' },
    });
    expect(route.spec.rules[1]).toEqual({
      matches: [{ path: { type: 'Exact', value: '/health' } }],
      backendRefs: [{ name: 'legacy', port: 8080 }],
    });
  });

  test('an HTTP to HTTPS redirect rule has no backends', () => {
    const chart = newChart();
    new HttpRoute(chart, 'Redirect', {
      parents: [{ ...gateway, sectionName: 'http' }],
      hostnames: ['api.example.com'],
      rules: [{ filters: [HttpRouteFilter.httpsRedirect()] }],
    });
    const [route] = ofKind(synth(chart), 'HTTPRoute');
    expect(route.spec.rules).toEqual([{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }]);
  });

  test('rules added after construction are written', () => {
    const chart = newChart();
    const route = new HttpRoute(chart, 'Route', { parents: [gateway] });
    route.addRule({ backends: [RouteBackend.fromService(api(chart))] });
    expect(ofKind(synth(chart), 'HTTPRoute')[0].spec.rules).toEqual([{ backendRefs: [{ name: 'api', port: 80 }] }]);
  });

  test('a backend in another namespace gets a ReferenceGrant there', () => {
    const chart = newChart();
    const payments = api(chart, 'Payments', 'payments');
    new HttpRoute(chart, 'Route', {
      parents: [gateway],
      metadata: { namespace: 'shop' },
      rules: [{ backends: [RouteBackend.fromService(payments), RouteBackend.fromServiceName('ledger', 9000, { namespace: 'payments' })] }],
    });
    const manifests = synth(chart);
    expect(ofKind(manifests, 'HTTPRoute')[0].spec.rules[0].backendRefs).toEqual([
      { name: 'payments', namespace: 'payments', port: 80 },
      { name: 'ledger', namespace: 'payments', port: 9000 },
    ]);
    const grants = ofKind(manifests, 'ReferenceGrant');
    expect(grants).toHaveLength(1);
    expect(grants[0].metadata.namespace).toBe('payments');
    expect(grants[0].spec).toEqual({
      from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' }],
      to: [{ group: '', kind: 'Service', name: 'payments' }, { group: '', kind: 'Service', name: 'ledger' }],
    });
  });

  test('writeReferenceGrants: false leaves the grant to the other namespace', () => {
    const chart = newChart();
    new HttpRoute(chart, 'Route', {
      parents: [gateway],
      metadata: { namespace: 'shop' },
      writeReferenceGrants: false,
      rules: [{ backends: [RouteBackend.fromServiceName('ledger', 9000, { namespace: 'payments' })] }],
    });
    expect(ofKind(synth(chart), 'ReferenceGrant')).toHaveLength(0);
  });

  describe('refuses', () => {
    const make = (props: any) => () => {
      const chart = newChart();
      const svc = api(chart);
      const two = api(chart, 'Two', undefined, [{ port: 80, targetPort: 8080, name: 'a' }, { port: 81, targetPort: 8081, name: 'b' }] as any);
      new HttpRoute(chart, 'Route', { parents: [gateway], ...(typeof props === 'function' ? props(svc, two) : props) });
    };
    test.each([
      [{ parents: [] }, /HttpRoute 'test\/Route': parents \[\] must list at least one Gateway/],
      [{ parents: [{ name: 'Public' }] }, /parents\[0\].name "Public"/],
      [{ parents: [{ name: 'a' }, { name: 'a' }] }, /parents\[1\] attaches to Gateway "a" a second time; give each reference to the same parent its own sectionName/],
      [{ parents: [{ name: 'a', port: 0 }] }, /parents\[0\].port 0 must be a whole number/],
      [{ hostnames: ['10.0.0.1'] }, /hostnames\[0\] "10.0.0.1" must be a DNS name, not an IP address/],
      [{ hostnames: ['a.example.com', 'a.example.com'] }, /hostnames\[1\] "a.example.com" is listed twice/],
      [{ rules: [{}] }, /rules\[0\].backends undefined must list at least one RouteBackend/],
      [(svc: any) => ({ rules: [{ filters: [HttpRouteFilter.httpsRedirect()], backends: [RouteBackend.fromService(svc)] }] }), /rules\[0\] has a redirect filter and backends/],
      [(svc: any) => ({ rules: [{ matches: [{ path: 'api' }], backends: [RouteBackend.fromService(svc)] }] }), /rules\[0\].matches\[0\].path "api" must start with "\/"/],
      [(svc: any) => ({ rules: [{ matches: [{ path: '/a/../b' }], backends: [RouteBackend.fromService(svc)] }] }), /must not contain "\/..\/"/],
      [(svc: any) => ({ rules: [{ matches: [{ path: '/a' }, { path: '/b' }], filters: [HttpRouteFilter.urlRewrite({ prefix: '/' })], backends: [RouteBackend.fromService(svc)] }] }), /replaces the matched prefix, so the rule needs exactly one match with a PathPrefix path \(it has 2 matches\)/],
      [(svc: any) => ({ rules: [{ filters: [HttpRouteFilter.requestHeaders({ set: { a: 'b' } }), HttpRouteFilter.requestHeaders({ set: { c: 'd' } })], backends: [RouteBackend.fromService(svc)] }] }), /two RequestHeaderModifier filters/],
      [(svc: any) => ({ rules: [{ backends: [RouteBackend.fromService(svc)], requestTimeout: Duration.seconds(1), backendRequestTimeout: Duration.seconds(2) }] }), /backendRequestTimeout \(2s\) is longer than requestTimeout \(1s\)/],
      [(_: any, two: any) => ({ rules: [{ backends: [RouteBackend.fromService(two)] }] }), /backends\[0\]: InternalService 'test\/Two' has several ports \(80, 81\); pass RouteBackend.fromService\(service, \{ port \}\)/],
      [(svc: any) => ({ rules: [{ backends: [RouteBackend.fromService(svc, { port: 81 })] }] }), /port 81 is not a port of InternalService 'test\/Api' \(80\)/],
      [(svc: any) => ({ rules: [{ backends: [RouteBackend.fromService(svc), RouteBackend.fromService(svc)] }] }), /backends\[1\] repeats Service "api" port 80/],
      [(svc: any) => ({ rules: [{ name: 'a', backends: [RouteBackend.fromService(svc)] }, { name: 'a', backends: [RouteBackend.fromService(svc)] }] }), /rules\[1\].name "a" is already the name of another rule/],
      [{ rules: [{ backends: [RouteBackend.fromServiceName('x', 80, { namespace: 'other' })] }] }, /Service "x" is in namespace "other" and the route in "\(none\)"; give both a namespace/],
      [(svc: any) => ({ rules: [{ matches: [{ headers: [{ name: 'X-A', value: '1' }, { name: 'x-a', value: '2' }] }], backends: [RouteBackend.fromService(svc)] }] }), /headers\[1\] matches "x-a" a second time/],
    ])('%#: %s', (props, message) => {
      expect(make(props)).toThrow(message);
    });

    test('a route without rules at synth', () => {
      const chart = newChart();
      new HttpRoute(chart, 'Route', { parents: [gateway] });
      expect(() => synth(chart)).toThrow(/HttpRoute 'test\/Route': rules is empty/);
    });
  });
});

describe('HttpRouteFilter', () => {
  test.each([
    [() => HttpRouteFilter.redirect({}), /HttpRouteFilter.redirect: options change nothing/],
    [() => HttpRouteFilter.redirect({ statusCode: 200 }), /statusCode 200 is not one of 301, 302, 303, 307, 308/],
    [() => HttpRouteFilter.redirect({ scheme: 'ftp' as any }), /scheme "ftp" is not RedirectScheme.HTTP/],
    [() => HttpRouteFilter.redirect({ fullPath: '/a', prefix: '/b' }), /fullPath and prefix are both given/],
    [() => HttpRouteFilter.urlRewrite({ hostname: '*.example.com' }), /hostname "\*.example.com"/],
    [() => HttpRouteFilter.urlRewrite({}), /rewrite nothing/],
    [() => HttpRouteFilter.requestHeaders({}), /change no header/],
    [() => HttpRouteFilter.requestHeaders({ set: { 'Bad Header': 'x' } }), /header name "Bad Header" is not an HTTP token/],
    [() => HttpRouteFilter.requestHeaders({ set: { a: 'x' }, remove: ['A'] }), /header "A" is both changed and removed/],
    [() => HttpRouteFilter.cors({ allowOrigins: ['*'], allowCredentials: true }), /allowCredentials with allowOrigins \["\*"\] lets every site/],
    [() => HttpRouteFilter.cors({ allowOrigins: ['app.example.com'] }), /allowOrigins entry "app.example.com" is not an origin/],
    [() => HttpRouteFilter.cors({ allowOrigins: ['*', 'https://a.example.com'] }), /"\*" beside other origins/],
    [() => HttpRouteFilter.cors({ allowOrigins: ['*'], allowMethods: ['FETCH'] }), /allowMethods \["FETCH"\]/],
    [() => HttpRouteFilter.requestMirror({} as any), /HttpRouteFilter.requestMirror: backend \{\} is not a RouteBackend; use RouteBackend.fromService/],
    [() => HttpRouteFilter.requestMirror(RouteBackend.fromServiceName('shadow', 80, { weight: 5 })), /backend has weight 5, which does not apply to a mirror; remove it, and give percent or fraction/],
    [() => HttpRouteFilter.requestMirror(RouteBackend.fromServiceName('shadow', 80), { percent: 101 }), /HttpRouteFilter.requestMirror: percent 101 must be a whole number from 0 to 100/],
    [() => HttpRouteFilter.requestMirror(RouteBackend.fromServiceName('shadow', 80), { percent: 2.5 }), /percent 2.5 must be a whole number from 0 to 100/],
    [() => HttpRouteFilter.requestMirror(RouteBackend.fromServiceName('shadow', 80), { percent: 5, fraction: { numerator: 1 } }), /percent and fraction are both given; Gateway API takes one of them/],
    [() => HttpRouteFilter.requestMirror(RouteBackend.fromServiceName('shadow', 80), { fraction: { numerator: 3, denominator: 2 } }), /fraction 3\/2 is more than every request; give a numerator of at most 2/],
    [() => HttpRouteFilter.requestMirror(RouteBackend.fromServiceName('shadow', 80), { fraction: { numerator: 1, denominator: 0 } }), /fraction.denominator 0 must be a whole number, 1 or more/],
    [() => HttpRouteFilter.requestMirror(RouteBackend.fromServiceName('shadow', 80), { fraction: { numerator: -1 } }), /fraction.numerator -1 must be a whole number, 0 or more/],
    [() => HttpRouteFilter.extensionRef({ group: 'Example.com', kind: 'Filter', name: 'f' }), /HttpRouteFilter.extensionRef: group "Example.com" must be an API group/],
    [() => HttpRouteFilter.extensionRef({ group: 'example.com', kind: '1Filter', name: 'f' }), /kind "1Filter" must be a kind such as "HTTPRouteFilter"/],
    [() => HttpRouteFilter.extensionRef({ group: 'example.com', kind: 'Filter', name: 'My_Filter' }), /name "My_Filter" .*it is the filter object's metadata.name/],
  ])('%#', (make, message) => {
    expect(make).toThrow(message);
  });

  test('requestMirror and extensionRef: rendered as Gateway API writes them, several per rule, the mirror a backend with its ReferenceGrant', () => {
    // GIVEN
    const chart = newChart();
    const apiService = new InternalService(chart, 'Api', { selectLabels: { app: 'api' }, ports: [{ port: 80 }], metadata: { name: 'api', namespace: 'shop' } });
    const next = new InternalService(chart, 'Next', { selectLabels: { app: 'next' }, ports: [{ port: 80 }], metadata: { name: 'next', namespace: 'shop' } });
    // WHEN
    new HttpRoute(chart, 'Route', {
      parents: [gateway],
      metadata: { namespace: 'shop' },
      rules: [{
        filters: [
          HttpRouteFilter.requestMirror(RouteBackend.fromService(next), { percent: 10 }),
          HttpRouteFilter.requestMirror(RouteBackend.fromServiceName('recorder', 8080, { namespace: 'qa' }), { fraction: { numerator: 1, denominator: 1000 } }),
          HttpRouteFilter.requestMirror(RouteBackend.fromServiceName('all', 80)),
          HttpRouteFilter.extensionRef({ group: 'gateway.envoyproxy.io', kind: 'HTTPRouteFilter', name: 'rewrite' }),
          HttpRouteFilter.extensionRef({ group: '', kind: 'ConfigMap', name: 'other' }),
        ],
        backends: [RouteBackend.fromService(apiService)],
      }],
    });
    // THEN (synth checks every manifest against the Gateway API CRD schemas)
    const manifests = synth(chart);
    const [route] = ofKind(manifests, 'HTTPRoute');
    expect(route.spec.rules[0].filters).toEqual([
      { type: 'RequestMirror', requestMirror: { backendRef: { name: 'next', port: 80 }, percent: 10 } },
      { type: 'RequestMirror', requestMirror: { backendRef: { name: 'recorder', namespace: 'qa', port: 8080 }, fraction: { numerator: 1, denominator: 1000 } } },
      { type: 'RequestMirror', requestMirror: { backendRef: { name: 'all', port: 80 } } },
      { type: 'ExtensionRef', extensionRef: { group: 'gateway.envoyproxy.io', kind: 'HTTPRouteFilter', name: 'rewrite' } },
      { type: 'ExtensionRef', extensionRef: { group: '', kind: 'ConfigMap', name: 'other' } },
    ]);
    const [grant] = ofKind(manifests, 'ReferenceGrant');
    expect(grant.metadata.namespace).toBe('qa');
    expect(grant.spec).toEqual({ from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' }], to: [{ group: '', kind: 'Service', name: 'recorder' }] });
    // The report counts the mirrors as backends: in the route's targets, none dangling.
    const report = JSON.parse(ExposureReport.fromManifests(manifests).toJson());
    const row = report.objects.find((o: any) => o.kind === 'HTTPRoute');
    expect(row.targets).toEqual(['Service/api', 'Service/next', 'Service/qa/recorder', 'Service/all (missing)']);
    expect(row.findings.map((f: any) => [f.rule, f.message])).toEqual([
      ['dangling-ingress-backend', 'routes */ to Service "all", which is not defined in namespace "shop"'],
    ]);
  });

  test('a mirror to a port the Service lacks is refused where the rule is added', () => {
    const chart = newChart();
    const next = new InternalService(chart, 'Next', { selectLabels: { app: 'next' }, ports: [{ port: 80 }] });
    expect(() => new HttpRoute(chart, 'Route', { parents: [gateway], rules: [{ filters: [HttpRouteFilter.requestMirror(RouteBackend.fromService(next, { port: 81 }))], backends: [RouteBackend.fromServiceName('web', 80)] }] }))
      .toThrow(/HttpRoute 'test\/Route': rules\[0\].filters\[0\].backend: port 81 is not a port of InternalService 'test\/Next' \(80\); pass one of those/);
  });
});

describe('RouteBackend', () => {
  test.each([
    [() => RouteBackend.fromServiceName('Web', 80), /RouteBackend.fromServiceName: name "Web"/],
    [() => RouteBackend.fromServiceName('web', 0), /port 0 must be a whole number from 1 to 65535/],
    [() => RouteBackend.fromServiceName('web', 80, { weight: -1 }), /weight -1 must be a whole number from 0 to 1000000/],
    [() => RouteBackend.fromService({} as any), /RouteBackend.fromService: service \{\} is not one of the library's Services/],
  ])('%#', (make, message) => {
    expect(make).toThrow(message);
  });
});

describe('GatewayRoute.acknowledge', () => {
  test('writes the acknowledgement on the route, and refuses an unknown rule or an empty reason', () => {
    const chart = newChart();
    const route = new HttpRoute(chart, 'Route', { parents: [gateway], rules: [{ backends: [RouteBackend.fromServiceName('web', 80)] }] });
    route.acknowledge('ingress-without-tls', 'the platform Gateway\'s https listener terminates TLS');
    expect(ofKind(synth(chart), 'HTTPRoute')[0].metadata.annotations).toEqual({ 'ack.cdk8s-expose/ingress-without-tls': 'the platform Gateway\'s https listener terminates TLS' });
    expect(() => route.acknowledge('no-such-rule', 'x')).toThrow(/HttpRoute 'test\/Route': acknowledge: there is no rule "no-such-rule"/);
    expect(() => route.acknowledge('ingress-without-tls', ' ')).toThrow(/acknowledge\('ingress-without-tls'\): a reason is required/);
  });
});

describe('HttpRoute collisions in the App', () => {
  const props = (sectionName: string, path = '/') => ({
    parents: [{ ...gateway, sectionName }], hostnames: ['shop.example.com'], rules: [{ matches: [{ path }], backends: [RouteBackend.fromServiceName('web', 80)] }],
  });
  test('a second route for one host and path on one listener is refused, and leaves nothing behind', () => {
    const chart = newChart();
    new HttpRoute(chart, 'A', props('https'));
    expect(() => new HttpRoute(chart, 'B', props('https'))).toThrow(/HttpRoute 'test\/B': host "shop.example.com" path "\/" \(PathPrefix\) on Gateway "public" is already claimed by HttpRoute 'test\/A'/);
    expect(chart.node.tryFindChild('B')).toBeUndefined();
    new HttpRoute(chart, 'B', props('https', '/b'));
    new HttpRoute(chart, 'Redirect', props('http'));
    expect(ofKind(synth(chart), 'HTTPRoute')).toHaveLength(3);
  });
  test('an HttpRoute and an IngressFronted with a gateway claim the same key', () => {
    const chart = newChart();
    new IngressFronted(chart, 'Web', { selectLabels: { app: 'web' }, ports: [{ port: 80 }], host: 'shop.example.com', gateway: { ...gateway, sectionName: 'https' } });
    expect(() => new HttpRoute(chart, 'B', props('https'))).toThrow(/is already claimed by IngressFronted 'test\/Web'/);
  });
});
