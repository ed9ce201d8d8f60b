import { gatewayNamed } from '../../src/model/gateway-model';
import { effectiveHosts, isIstioRoute, IstioRouteEntry } from '../../src/model/istio-model';
import { buildModel } from '../../src/model/model';
import { evaluate } from '../../src/policy/engine';
import { Stage } from '../../src/policy/stages';
import { inventoryOf } from '../../src/report/inventory';

// Istio objects are upstream YAML read by the engine, not synthesized by the library: there is
// no kubernetes-models schema for them, so they are read as written.
function model(...manifests: any[]) {
  return buildModel(manifests.map(manifest => ({ manifest, origin: { file: 'istio.yaml' } })));
}
function findings(manifests: any[], stage: Stage | undefined = Stage.PRODUCTION) {
  return evaluate(model(...manifests), stage).map(f => `${f.severity} ${f.ruleId} ${f.object.kind}/${f.object.name}: ${f.message}`);
}
function gateway(name: string, servers: any[], version = 'v1', extra: any = {}): any {
  return { apiVersion: `networking.istio.io/${version}`, kind: 'Gateway', metadata: { name, namespace: 'shop' }, spec: { selector: { istio: 'ingressgateway' }, servers, ...extra } };
}
function virtualService(name: string, spec: any, version = 'v1'): any {
  return { apiVersion: `networking.istio.io/${version}`, kind: 'VirtualService', metadata: { name, namespace: 'shop' }, spec };
}
const web = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } };
const http = (hosts: string[], tls?: any) => ({ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts, ...(tls ? { tls } : {}) });
const https = (hosts: string[], mode = 'SIMPLE') => ({ port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts, tls: { mode, credentialName: 'shop-cert' } });
const toWeb = (hosts: string[], gateways: string[] = ['shop-gw']) => ({ hosts, gateways, http: [{ match: [{ uri: { prefix: '/' } }], route: [{ destination: { host: 'web', port: { number: 80 } } }] }] });

describe('Istio Gateway and VirtualService read as exposure', () => {
  test.each(['v1', 'v1beta1', 'v1alpha3'])('networking.istio.io/%s: a VirtualService on a plain HTTP server is served without TLS', version => {
    // GIVEN a Gateway with one HTTP server and a VirtualService bound to it
    const manifests = [gateway('shop-gw', [http(['shop.example.com'])], version), virtualService('shop', toWeb(['shop.example.com']), version), web];
    // THEN the VirtualService is an entry that routes to the Service, and it has no TLS
    const entry = model(...manifests).entries[0] as IstioRouteEntry;
    expect(isIstioRoute(entry)).toBe(true);
    expect(entry.routes.map(r => `${r.host}${r.path} -> ${r.serviceName}:${r.servicePort}`)).toEqual(['shop.example.com/ -> web:80']);
    expect(findings(manifests)).toEqual([
      'error ingress-without-tls VirtualService/shop: serves shop.example.com on a plain HTTP server of Gateway shop/shop-gw (no TLS, no httpsRedirect)',
    ]);
  });

  test.each(['SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL', 'OPTIONAL_MUTUAL'])('an HTTPS server in mode %s is TLS', mode => {
    const manifests = [gateway('shop-gw', [https(['shop.example.com'], mode)]), virtualService('shop', toWeb(['shop.example.com'])), web];
    expect(model(...manifests).entries[0].tls).toBe(true);
    expect(findings(manifests)).toEqual([]);
  });

  test('an HTTP server with httpsRedirect beside an HTTPS server: TLS; without the redirect: not', () => {
    const redirected = [gateway('shop-gw', [http(['shop.example.com'], { httpsRedirect: true }), https(['shop.example.com'])]), virtualService('shop', toWeb(['shop.example.com'])), web];
    expect(findings(redirected)).toEqual([]);
    const plain = [gateway('shop-gw', [http(['shop.example.com']), https(['shop.example.com'])]), virtualService('shop', toWeb(['shop.example.com'])), web];
    expect(findings(plain)).toEqual([expect.stringMatching(/^error ingress-without-tls VirtualService\/shop: serves shop.example.com on a plain HTTP server/)]);
  });

  test('PASSTHROUGH with tls routes is TLS end to end; tcp routes alone are not judged for TLS', () => {
    const passthrough = gateway('shop-gw', [{ port: { number: 443, name: 'tls', protocol: 'TLS' }, hosts: ['db.example.com'], tls: { mode: 'PASSTHROUGH' } }]);
    const sni = virtualService('db', { hosts: ['db.example.com'], gateways: ['shop-gw'], tls: [{ match: [{ sniHosts: ['db.example.com'], port: 443 }], route: [{ destination: { host: 'web' } }] }] });
    expect(findings([passthrough, sni, web])).toEqual([]);
    const tcpGateway = gateway('shop-gw', [{ port: { number: 31400, name: 'tcp', protocol: 'TCP' }, hosts: ['*'] }]);
    const tcp = virtualService('echo', { hosts: ['*'], gateways: ['shop-gw'], tcp: [{ match: [{ port: 31400 }], route: [{ destination: { host: 'web', port: { number: 80 } } }] }] });
    expect(findings([tcpGateway, tcp, web]).filter(f => f.includes('ingress-without-tls'))).toEqual([]);
  });

  test('hosts "*" on the Gateway and the VirtualService: routes requests for any host; a precise VirtualService host narrows a "*" server', () => {
    const open = [gateway('shop-gw', [https(['*'])]), virtualService('shop', toWeb(['*'])), web];
    expect(findings(open)).toEqual(['error ingress-wildcard-host VirtualService/shop: routes requests for *']);
    const narrowed = [gateway('shop-gw', [https(['*'])]), virtualService('shop', toWeb(['shop.example.com'])), web];
    expect(findings(narrowed)).toEqual([]);
    // A `namespace/` prefix on a server host is not part of the host.
    const m = model(gateway('shop-gw', [https(['shop/*.example.com'])]), virtualService('shop', toWeb(['*'])), web);
    expect(effectiveHosts(m, m.entries[0] as IstioRouteEntry)).toEqual(['*.example.com']);
  });

  test('a VirtualService for the mesh alone (no gateways, or only `mesh`) is east-west traffic, not an entry', () => {
    const mesh = virtualService('reviews', { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' } }] }] });
    const explicit = virtualService('ratings', { hosts: ['ratings'], gateways: ['mesh'], http: [{ route: [{ destination: { host: 'ratings' } }] }] });
    const m = model(mesh, explicit);
    expect(m.entries).toEqual([]);
    expect(m.others.map(o => o.name)).toEqual(['reviews', 'ratings']);
  });

  test('a gateway named namespace/name binds across namespaces; one not in the YAML makes TLS unconfirmed (a warning)', () => {
    const platform = { ...gateway('public', [https(['*.example.com'])]), metadata: { name: 'public', namespace: 'istio-system' } };
    const bound = virtualService('shop', toWeb(['shop.example.com'], ['istio-system/public']));
    expect(findings([platform, bound, web])).toEqual([]);
    expect(findings([bound, web])).toEqual([
      'warning ingress-without-tls VirtualService/shop: serves shop.example.com through Gateway istio-system/public, which is not in the YAML, so TLS cannot be confirmed',
    ]);
  });

  test('destination hosts: a short name and a cluster FQDN are Services; another name is not', () => {
    const vs = virtualService('shop', {
      hosts: ['shop.example.com'],
      gateways: ['shop-gw'],
      http: [{ route: [{ destination: { host: 'web' } }, { destination: { host: 'api.backend.svc.cluster.local', port: { number: 8080 } } }, { destination: { host: 'httpbin.org' } }] }],
    });
    const m = model(gateway('shop-gw', [https(['shop.example.com'])]), vs);
    expect(m.entries[0].routes.map(r => [r.serviceName, r.serviceNamespace, r.servicePort])).toEqual([['web', undefined, undefined], ['api', 'backend', 8080], [undefined, undefined, undefined]]);
    // The Service `web` is missing from the shop namespace, which has another; the one in `backend` is not known to be.
    const other = { ...web, metadata: { name: 'other', namespace: 'shop' } };
    expect(findings([gateway('shop-gw', [https(['shop.example.com'])]), vs, other])).toEqual([
      'error dangling-ingress-backend VirtualService/shop: routes shop.example.com/ to Service "web", which is not defined in namespace "shop"',
    ]);
  });

  test('two VirtualServices with one host and one match on one Gateway conflict', () => {
    const manifests = [gateway('shop-gw', [https(['shop.example.com'])]), virtualService('a', toWeb(['shop.example.com'])), virtualService('b', toWeb(['shop.example.com'])), web];
    expect(findings(manifests)).toEqual([
      'error gateway-route-conflict VirtualService/b: host shop.example.com prefix / * on Istio Gateway shop/shop-gw is already routed by VirtualService shop/a',
    ]);
  });

  test('an AUTO_PASSTHROUGH server with a wildcard host forwards any mesh host', () => {
    const eastWest = gateway('cross-network-gateway', [{ port: { number: 15443, name: 'tls', protocol: 'TLS' }, hosts: ['*.local'], tls: { mode: 'AUTO_PASSTHROUGH' } }]);
    expect(findings([eastWest])).toEqual([
      'error ingress-wildcard-host Gateway/cross-network-gateway: forwards TLS connections for *.local to every mesh Service they match (AUTO_PASSTHROUGH)',
    ]);
  });

  test('fields the engine does not know are read for what it knows, with a note', () => {
    const manifests = [
      gateway('shop-gw', [{ ...https(['shop.example.com']), bind: '10.0.0.1', futureField: 1 }], 'v1', { futureSpec: true }),
      virtualService('shop', { ...toWeb(['shop.example.com']), exportTo: ['.'], http: [{ route: [{ destination: { host: 'web' } }], mirror: { host: 'shadow' } }] }),
      web,
    ];
    expect(findings(manifests)).toEqual([
      'warning istio-field-not-read Gateway/shop-gw: is read without spec.futureSpec is not read; spec.servers[0].futureField is not read; spec.servers[0].bind (10.0.0.1) is not read: the server is taken to listen on every address',
      'warning istio-field-not-read VirtualService/shop: is read without spec.exportTo is not read: the VirtualService is taken to be visible to its Gateways; spec.http[0].mirror is not read: mirrored Services are not counted as backends',
    ]);
  });

  test('an Istio Gateway does not stand in for a Gateway API Gateway of the same name', () => {
    const istio = gateway('public', [https(['shop.example.com'])]);
    const k8s = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'public', namespace: 'shop' }, spec: { gatewayClassName: 'x', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] } };
    const m = model(istio, k8s);
    expect(gatewayNamed(m, 'Gateway', 'shop', 'public')?.listeners.map(l => l.name)).toEqual(['http']);
    expect(m.istioGateways?.map(g => g.servers.map(s => s.protocol))).toEqual([['HTTPS']]);
    expect(findings([istio, k8s]).filter(f => f.includes('duplicate-object'))).toEqual([]);
  });

  test('rows in the report: the Istio Gateway with its servers and bound VirtualServices, the VirtualService with its hosts', () => {
    const m = model(gateway('shop-gw', [http(['shop.example.com'], { httpsRedirect: true }), https(['shop.example.com'])]), virtualService('shop', toWeb(['shop.example.com'])), web);
    const rows = inventoryOf(m, evaluate(m, Stage.PRODUCTION)).filter(r => r.kind !== 'Service')
      .map(r => ({ kind: r.kind, type: r.type, scope: r.scope, ports: r.ports, hosts: r.hosts, tls: r.tls, targets: r.targets }));
    expect(rows).toEqual([
      { kind: 'Gateway', type: 'Gateway (Istio)', scope: 'internet', ports: ['http 80/HTTP httpsRedirect', 'https 443/HTTPS SIMPLE'], hosts: ['shop.example.com'], tls: true, targets: ['VirtualService/shop'] },
      { kind: 'VirtualService', type: 'VirtualService', scope: 'internet', ports: [], hosts: ['shop.example.com/'], tls: true, targets: ['Service/web'] },
    ]);
  });
});
