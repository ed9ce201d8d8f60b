import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ExposureReport, IngressController, IngressFronted, IngressTls, LoadBalancerScheme, SharedIngress } from '../../src';
import { newChart, ofKind, synth } from '../util';

function fronted(props: any, chart = newChart()) {
  const api = new IngressFronted(chart, 'Api', { selector: kplus.Pods.select(chart, 'P', { labels: { app: 'api' } }), ports: [{ port: 80 }], host: 'api.example.com', ...props });
  const manifests = synth(chart);
  return { api, manifests, ingress: ofKind(manifests, 'Ingress')[0], route: ofKind(manifests, 'HTTPRoute')[0] };
}

describe('IngressController', () => {
  test('generic: class and annotations', () => {
    const { ingress } = fronted({ controller: IngressController.generic({ className: 'haproxy', annotations: { 'haproxy.org/ssl-redirect': 'true' } }) });
    expect(ingress.spec.ingressClassName).toBe('haproxy');
    expect(ingress.metadata.annotations).toEqual({ 'haproxy.org/ssl-redirect': 'true' });
  });

  test('refuses contradictions and bad options', () => {
    expect(() => fronted({ controller: IngressController.nginx(), className: 'traefik' })).toThrow(/className "traefik" contradicts the ingress-nginx controller's class "nginx"/);
    expect(() => fronted({ controller: IngressController.gce({ scheme: LoadBalancerScheme.INTERNET_FACING }), className: 'gce' })).toThrow(/skips one that sets spec.ingressClassName/);
  });
});

describe('TLS', () => {
  test('cert-manager with a ClusterIssuer: annotation, hosts and a Secret derived from the host', () => {
    const { ingress, manifests } = fronted({ tls: IngressTls.certManager({ clusterIssuer: 'letsencrypt-prod' }) });
    expect(manifests).toMatchSnapshot();
    expect(ingress.metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' });
    expect(ingress.spec.tls).toEqual([{ hosts: ['api.example.com'], secretName: 'api-example-com-tls' }]);
  });

  test('cert-manager with a namespaced Issuer and a named Secret', () => {
    const { ingress } = fronted({ tls: IngressTls.certManager({ issuer: 'team-ca', secretName: 'api-cert' }) });
    expect(ingress.metadata.annotations).toEqual({ 'cert-manager.io/issuer': 'team-ca' });
    expect(ingress.spec.tls).toEqual([{ hosts: ['api.example.com'], secretName: 'api-cert' }]);
  });

  test('refuses both or neither issuer', () => {
    expect(() => IngressTls.certManager({})).toThrow(/give exactly one of clusterIssuer .* and issuer .*; received 0/);
    expect(() => IngressTls.certManager({ clusterIssuer: 'a', issuer: 'b' })).toThrow(/received 2/);
  });
});

describe('IngressTls.fromController and your own annotations', () => {
  test('fromController needs a controller preset; a generic one is trusted', () => {
    expect(() => fronted({ tls: IngressTls.fromController() })).toThrow(/IngressFronted '.*Api': tls IngressTls.fromController\(\) needs a controller preset that supplies the certificate/);
    expect(fronted({ tls: IngressTls.fromController(), controller: IngressController.generic({ className: 'haproxy' }) }).ingress.spec.tls).toEqual([{ hosts: ['api.example.com'] }]);
  });
  test('an issuer annotation of your own that differs from cert-manager\'s is refused with both values', () => {
    expect(() => fronted({ tls: IngressTls.certManager({ clusterIssuer: 'le' }), ingressMetadata: { annotations: { 'cert-manager.io/cluster-issuer': 'other' } } }))
      .toThrow(/ingressMetadata.annotations cert-manager.io\/cluster-issuer is "other" but the cert-manager preset sets "le"/);
  });
  test('a SharedIngress refuses a route whose preset annotation contradicts the Ingress\'s own', () => {
    const chart = newChart();
    const edge = new SharedIngress(chart, 'Edge', { controller: IngressController.nginx(), metadata: { annotations: { 'nginx.ingress.kubernetes.io/ssl-redirect': 'false' } } });
    expect(() => new IngressFronted(chart, 'Web', { selector: kplus.Pods.select(chart, 'P', { labels: { app: 'a' } }), ports: [{ port: 80 }], host: 'shop.example.com', sharedIngress: edge }))
      .toThrow(/metadata.annotations nginx.ingress.kubernetes.io\/ssl-redirect is "false" but the ingress-nginx preset sets "true"/);
  });
});

describe('SharedIngress', () => {
  test('several IngressFronted share one Ingress: rules, TLS hosts, one controller', () => {
    // GIVEN
    const chart = newChart();
    const edge = new SharedIngress(chart, 'Edge', { controller: IngressController.nginx(), metadata: { name: 'edge' } });
    // WHEN
    const web = new IngressFronted(chart, 'Web', { selector: kplus.Pods.select(chart, 'W', { labels: { app: 'web' } }), ports: [{ port: 80 }], host: 'shop.example.com', sharedIngress: edge, tls: IngressTls.certManager({ clusterIssuer: 'le' }) });
    new IngressFronted(chart, 'Api', { selector: kplus.Pods.select(chart, 'A', { labels: { app: 'api' } }), ports: [{ port: 80 }], host: 'shop.example.com', path: '/api', sharedIngress: edge, tls: IngressTls.certManager({ clusterIssuer: 'le' }) });
    new IngressFronted(chart, 'Docs', { selector: kplus.Pods.select(chart, 'D', { labels: { app: 'docs' } }), ports: [{ port: 80 }], host: 'docs.example.com', sharedIngress: edge, tls: IngressTls.certManager({ clusterIssuer: 'le' }) });
    // THEN
    const manifests = synth(chart);
    expect(manifests).toMatchSnapshot();
    const ingresses = ofKind(manifests, 'Ingress');
    expect(ingresses).toHaveLength(1);
    expect(web.ingress).toBe(edge.ingress);
    const [ingress] = ingresses;
    expect(ingress.metadata.annotations).toEqual({ 'nginx.ingress.kubernetes.io/ssl-redirect': 'true', 'cert-manager.io/cluster-issuer': 'le' });
    expect(ingress.spec.rules.map((r: any) => [r.host, r.http.paths.map((p: any) => p.path)])).toEqual([['shop.example.com', ['/', '/api']], ['docs.example.com', ['/']]]);
    expect(ingress.spec.tls).toEqual([{ hosts: ['shop.example.com'], secretName: 'shop-example-com-tls' }, { hosts: ['docs.example.com'], secretName: 'docs-example-com-tls' }]);
  });

  test('refuses the same host and path twice, naming both constructs', () => {
    const chart = newChart();
    const edge = new SharedIngress(chart, 'Edge');
    new IngressFronted(chart, 'A', { selector: kplus.Pods.select(chart, 'PA', { labels: { app: 'a' } }), ports: [{ port: 80 }], host: 'x.example.com', sharedIngress: edge });
    expect(() => new IngressFronted(chart, 'B', { selector: kplus.Pods.select(chart, 'PB', { labels: { app: 'b' } }), ports: [{ port: 80 }], host: 'x.example.com', sharedIngress: edge }))
      .toThrow("IngressFronted 'test/B': host \"x.example.com\" path \"/\" is already routed on SharedIngress 'test/Edge' by IngressFronted 'test/A'; give this route another host or path");
  });

  test('refuses a different issuer, a controller on the route, another namespace', () => {
    const chart = newChart();
    const edge = new SharedIngress(chart, 'Edge');
    new IngressFronted(chart, 'A', { selector: kplus.Pods.select(chart, 'PA', { labels: { app: 'a' } }), ports: [{ port: 80 }], host: 'a.example.com', sharedIngress: edge, tls: IngressTls.certManager({ clusterIssuer: 'one' }) });
    expect(() => new IngressFronted(chart, 'B', { selector: kplus.Pods.select(chart, 'PB', { labels: { app: 'b' } }), ports: [{ port: 80 }], host: 'b.example.com', sharedIngress: edge, tls: IngressTls.certManager({ clusterIssuer: 'two' }) }))
      .toThrow(/needs annotation cert-manager.io\/cluster-issuer="two" but SharedIngress 'test\/Edge' already has "one"/);
    expect(() => new IngressFronted(chart, 'C', { selector: kplus.Pods.select(chart, 'PC', { labels: { app: 'c' } }), ports: [{ port: 80 }], host: 'c.example.com', sharedIngress: edge, controller: IngressController.nginx() }))
      .toThrow(/sharedIngress owns the Ingress, so controller belong on the SharedIngress/);
    expect(() => new IngressFronted(chart, 'D', { selector: kplus.Pods.select(chart, 'PD', { labels: { app: 'd' } }), ports: [{ port: 80 }], host: 'd.example.com', sharedIngress: edge, metadata: { namespace: 'other' } }))
      .toThrow(/sharedIngress "test\/Edge" is in namespace "\(none\)" but this Service is in "other"/);
  });

  test('two front ends claiming one host and path on one IngressClass are refused where the second is created, with no policy', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const other = new Chart(app, 'd', { namespace: 'other' });
    new IngressFronted(chart, 'A', { selector: kplus.Pods.select(chart, 'PA', { labels: { app: 'a' } }), ports: [{ port: 80 }], host: 'x.example.com' });
    expect(() => new IngressFronted(other, 'B', { selector: kplus.Pods.select(other, 'PB', { labels: { app: 'b' } }), ports: [{ port: 80 }], host: 'x.example.com' }))
      .toThrow(/IngressFronted 'd\/B': host "x.example.com" path "\/" \(Prefix\) on IngressClass "\(the default\)" is already claimed by IngressFronted 'c\/A' in this App; the controller would serve only one of them/);
    // Another path, or another IngressClass, is another route.
    new IngressFronted(other, 'C', { selector: kplus.Pods.select(other, 'PC', { labels: { app: 'c' } }), ports: [{ port: 80 }], host: 'x.example.com', path: '/c' });
    new IngressFronted(other, 'D', { selector: kplus.Pods.select(other, 'PD', { labels: { app: 'd' } }), ports: [{ port: 80 }], host: 'x.example.com', className: 'internal' });
    expect(synth(other).filter(m => m.kind === 'Ingress')).toHaveLength(2);
  });
});

describe('Gateway API', () => {
  test('an HTTPRoute attached to a Gateway, with the same host, path and TLS intent', () => {
    const { route, api, manifests } = fronted({ gateway: { name: 'public', namespace: 'infra', sectionName: 'https' }, path: '/v1', pathType: kplus.HttpIngressPathType.PREFIX });
    expect(manifests).toMatchSnapshot();
    expect(ofKind(manifests, 'Ingress')).toEqual([]);
    expect(api.ingress).toBeUndefined();
    expect(route.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(route.metadata.annotations).toEqual({ 'cdk8s-expose/tls': 'true' });
    expect(route.spec).toEqual({
      parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'public', namespace: 'infra', sectionName: 'https' }],
      hostnames: ['api.example.com'],
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/v1' } }], backendRefs: [{ name: api.name, port: 80 }] }],
    });
  });

  test('the report reads HTTPRoutes: scope, hosts, TLS, backend', () => {
    const chart = newChart();
    new IngressFronted(chart, 'Api', { selector: kplus.Pods.select(chart, 'P', { labels: { app: 'api' } }), ports: [{ port: 80 }], host: 'api.example.com', gateway: { name: 'public' }, pathType: kplus.HttpIngressPathType.EXACT, path: '/x' });
    const json = JSON.parse(ExposureReport.fromApp(chart).toJson());
    expect(json.objects[0]).toMatchObject({ kind: 'HTTPRoute', scope: 'internet', tls: true, hosts: ['api.example.com/x'], controller: 'gateway public' });
  });

  test('refuses Ingress-only options and an ImplementationSpecific path', () => {
    expect(() => fronted({ gateway: { name: 'public' }, controller: IngressController.nginx() })).toThrow(/gateway routes through a Gateway, so controller do not apply/);
    expect(() => fronted({ gateway: { name: 'Public' } })).toThrow(/gateway.name "Public" must be a DNS-1123 subdomain/);
    expect(() => fronted({ gateway: { name: 'public' }, pathType: kplus.HttpIngressPathType.IMPLEMENTATION_SPECIFIC })).toThrow(/IMPLEMENTATION_SPECIFIC has no HTTPRoute equivalent/);
  });

  test('refuses a certificate choice a Gateway route would drop (it belongs to the Gateway listener)', () => {
    expect(() => fronted({ gateway: { name: 'public' }, tls: IngressTls.certManager({ clusterIssuer: 'le' }) })).toThrow(/tls IngressTls.certManager\(...\) does not apply to a Gateway route: the certificate belongs to the Gateway's HTTPS listener/);
    expect(() => fronted({ gateway: { name: 'public' }, tls: IngressTls.fromSecret('api-tls') })).toThrow(/tls IngressTls.fromSecret\(...\) does not apply to a Gateway route/);
    expect(fronted({ gateway: { name: 'public' }, tls: IngressTls.disabled() }).route.metadata.annotations).toBeUndefined();
  });
});
