import { ExposureReport, HttpRoute, IngressTls, InternalService, ListenerProtocol, ListenerSet, RouteBackend, RouteNamespaces, Stage } from '../../src';
import { newChart, ofKind, synth } from '../util';

const gateway = { name: 'public', namespace: 'gateway-system' };

describe('ListenerSet', () => {
  test('TLS is on whenever a hostname is given; cert-manager annotations go on the ListenerSet', () => {
    // GIVEN
    const chart = newChart();
    // WHEN
    const set = new ListenerSet(chart, 'Shop', {
      gateway,
      metadata: { namespace: 'shop' },
      listeners: [
        { name: 'shop', hostname: 'shop.example.com', tls: IngressTls.certManager({ clusterIssuer: 'letsencrypt' }) },
        { name: 'admin', hostname: 'admin.example.com', allowedNamespaces: RouteNamespaces.SELECTOR, allowedNamespaceLabels: { team: 'shop' }, allowedKinds: ['HTTPRoute'] },
        { name: 'redirect', hostname: 'shop.example.com', protocol: ListenerProtocol.HTTP },
        { name: 'db', hostname: 'db.example.com', protocol: ListenerProtocol.TLS, port: 5432 },
        { name: 'mqtt', protocol: ListenerProtocol.TCP, port: 1883 },
      ],
    });
    // THEN
    const [ls] = ofKind(synth(chart), 'ListenerSet');
    expect(ls.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(ls.metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt' });
    expect(ls.spec.parentRef).toEqual({ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'public', namespace: 'gateway-system' });
    expect(ls.spec.listeners).toEqual([
      { name: 'shop', hostname: 'shop.example.com', port: 443, protocol: 'HTTPS', tls: { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: 'shop-example-com-tls' }] } },
      {
        name: 'admin',
        hostname: 'admin.example.com',
        port: 443,
        protocol: 'HTTPS',
        tls: { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: 'admin-example-com-tls' }] },
        allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { team: 'shop' } } }, kinds: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }] },
      },
      { name: 'redirect', hostname: 'shop.example.com', port: 80, protocol: 'HTTP' },
      { name: 'db', hostname: 'db.example.com', port: 5432, protocol: 'TLS', tls: { mode: 'Passthrough' } },
      { name: 'mqtt', port: 1883, protocol: 'TCP' },
    ]);
    expect(set.parentRef('shop')).toEqual({ kind: 'ListenerSet', name: ls.metadata.name, namespace: 'shop', sectionName: 'shop' });
  });

  test('a route attaches to a listener of the ListenerSet', () => {
    const chart = newChart();
    const set = new ListenerSet(chart, 'Shop', { gateway, metadata: { namespace: 'shop' }, listeners: [{ name: 'shop', hostname: 'shop.example.com' }] });
    const web = new InternalService(chart, 'Web', { selectLabels: { app: 'web' }, ports: [{ port: 80 }], metadata: { namespace: 'shop' } });
    new HttpRoute(chart, 'Route', { parents: [set.parentRef('shop')], metadata: { namespace: 'shop' }, rules: [{ backends: [RouteBackend.fromService(web)] }] });
    const [route] = ofKind(synth(chart), 'HTTPRoute');
    expect(route.spec.parentRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', name: set.name, namespace: 'shop', sectionName: 'shop' }]);
  });

  test('a certificate in another namespace gets a ReferenceGrant', () => {
    const chart = newChart();
    new ListenerSet(chart, 'Shop', {
      gateway,
      metadata: { namespace: 'shop' },
      listeners: [{ name: 'shop', hostname: 'shop.example.com', tls: IngressTls.fromSecret('wildcard-example-com'), certificateNamespace: 'certs' }],
    });
    const manifests = synth(chart);
    expect(ofKind(manifests, 'ListenerSet')[0].spec.listeners[0].tls.certificateRefs).toEqual([{ group: '', kind: 'Secret', name: 'wildcard-example-com', namespace: 'certs' }]);
    const [grant] = ofKind(manifests, 'ReferenceGrant');
    expect(grant.metadata.namespace).toBe('certs');
    expect(grant.spec).toEqual({
      from: [{ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', namespace: 'shop' }],
      to: [{ group: '', kind: 'Secret', name: 'wildcard-example-com' }],
    });
  });

  test.each([
    [{ gateway: undefined }, /ListenerSet 'test\/L': gateway undefined is required/],
    [{ gateway: { name: 'public', sectionName: 'https' } }, /gateway.sectionName does not apply/],
    [{ listeners: [{ name: 'a', protocol: ListenerProtocol.TCP }] }, /listeners\[0\].port is required for a TCP listener/],
    [{ listeners: [{ name: 'a', protocol: ListenerProtocol.UDP, port: 53, hostname: 'a.example.com' }] }, /listeners\[0\].hostname does not apply to UDP/],
    [{ listeners: [{ name: 'a', protocol: ListenerProtocol.HTTPS }] }, /an HTTPS listener without hostname has no default certificate name/],
    [{ listeners: [{ name: 'a', hostname: 'a.example.com', tls: IngressTls.disabled() }] }, /tls is disabled, but an HTTPS listener needs a certificate/],
    [{ listeners: [{ name: 'a', hostname: 'a.example.com', protocol: ListenerProtocol.TLS, tls: IngressTls.fromSecret('x') }] }, /tls does not apply to a TLS \(passthrough\) listener/],
    [{ listeners: [{ name: 'a', hostname: 'a.example.com' }, { name: 'a', hostname: 'b.example.com' }] }, /listeners\[1\].name "a" is already a listener/],
    [{ listeners: [{ name: 'a', hostname: 'a.example.com' }, { name: 'b', hostname: 'a.example.com' }] }, /another listener already has port 443, protocol HTTPS and hostname "a.example.com"/],
    [{ listeners: [{ name: 'a', allowedNamespaces: RouteNamespaces.SELECTOR }] }, /allowedNamespaces is RouteNamespaces.SELECTOR but allowedNamespaceLabels is empty/],
    [{ listeners: [{ name: 'a', allowedNamespaceLabels: { a: 'b' } }] }, /allowedNamespaceLabels is set but allowedNamespaces is "Same \(the default\)"/],
    [{ listeners: [{ name: 'a', protocol: ListenerProtocol.TCP, port: 1, allowedKinds: ['HTTPRoute'] }] }, /"HTTPRoute" cannot attach to a TCP listener; it takes TCPRoute/],
    [{ listeners: [{ name: 'a', protocol: 'QUIC' }] }, /listeners\[0\].protocol "QUIC" is not one of ListenerProtocol.HTTP/],
  ])('refuses %#', (props: any, message) => {
    const chart = newChart();
    expect(() => new ListenerSet(chart, 'L', { gateway, ...props })).toThrow(message);
  });

  test('parentRef refuses a listener it does not have', () => {
    const chart = newChart();
    const set = new ListenerSet(chart, 'L', { gateway, listeners: [{ name: 'a', hostname: 'a.example.com' }] });
    expect(() => set.parentRef('b')).toThrow(/ListenerSet 'test\/L': parentRef: there is no listener "b"; the listeners are a/);
  });

  test('a ListenerSet without listeners fails at synth', () => {
    const chart = newChart();
    new ListenerSet(chart, 'L', { gateway });
    expect(() => synth(chart)).toThrow(/ListenerSet 'test\/L': listeners is empty/);
  });
});

describe('ListenerSet in the exposure report', () => {
  test('a route on a ListenerSet listener gets its TLS, and its certificate source, from that listener', () => {
    const chart = newChart();
    const set = new ListenerSet(chart, 'Shop', { gateway, metadata: { name: 'shop-listeners', namespace: 'shop' }, listeners: [{ name: 'shop', hostname: 'shop.example.com' }] });
    const web = new InternalService(chart, 'Web', { selectLabels: { app: 'web' }, ports: [{ port: 80 }], metadata: { name: 'web', namespace: 'shop' } });
    new HttpRoute(chart, 'Route', { parents: [set.parentRef('shop')], metadata: { name: 'web', namespace: 'shop' }, hostnames: ['shop.example.com'], rules: [{ backends: [RouteBackend.fromService(web)] }] });
    const report = ExposureReport.fromManifests(synth(chart));
    const row = JSON.parse(report.toJson()).objects.find((o: any) => o.kind === 'HTTPRoute');
    expect([row.tls, row.certificate, row.scope]).toEqual([true, 'ListenerSet shop/shop-listeners listener shop', 'internet']);
  });
});

describe('ListenerSet.acknowledge', () => {
  test('writes the acknowledgement annotation, which the audit of the YAML reads; refuses an unknown rule and an empty reason', () => {
    const chart = newChart();
    const set = new ListenerSet(chart, 'Shop', { gateway: { name: 'public', namespace: 'gateway-system' }, metadata: { namespace: 'shop' }, listeners: [{ name: 'shop', hostname: 'shop.example.com' }] });
    set.acknowledge('listener-set-not-allowed', 'the platform Gateway admits every namespace');
    const [ls] = ofKind(synth(chart), 'ListenerSet');
    expect(ls.metadata.annotations['ack.cdk8s-expose/listener-set-not-allowed']).toBe('the platform Gateway admits every namespace');
    const gw = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'public', namespace: 'gateway-system' }, spec: { gatewayClassName: 'eg', listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }] } };
    const report = ExposureReport.fromManifests([gw, ls], { stage: Stage.PRODUCTION });
    expect(report.hasBlockingFindings).toBe(false);
    expect(report.findingLines).toEqual([expect.stringMatching(/^acknowledged: \[listener-set-not-allowed\] ListenerSet shop\//)]);
    expect(() => set.acknowledge('no-such-rule', 'x')).toThrow(/^ListenerSet 'test\/Shop': acknowledge: there is no rule "no-such-rule"/);
    expect(() => set.acknowledge('listener-set-not-allowed', ' ')).toThrow(/a reason is required/);
  });
});
