import * as kplus from 'cdk8s-plus-28';
import { ExposureScope, GcpNetworkTier, IngressController, IngressFronted, IngressTls, LoadBalancerProfile, LoadBalancerScheme, PublicService, SourceRanges } from '../../src';
import { newChart, ofKind, synth, theService } from '../util';

function lb(profile: LoadBalancerProfile) {
  const chart = newChart();
  const svc = new PublicService(chart, 'Lb', { selector: kplus.Pods.select(chart, 'P', { labels: { app: 'a' } }), ports: [{ port: 443 }], sourceRanges: SourceRanges.cidrs(['10.0.0.0/8', '203.0.113.0/24']), profile });
  const service = theService(synth(chart));
  return { svc, service, annotations: service.metadata.annotations ?? {} };
}
function gce(controller: IngressController, props: any = {}) {
  const chart = newChart();
  const api = new IngressFronted(chart, 'Api', { selector: kplus.Pods.select(chart, 'P', { labels: { app: 'api' } }), ports: [{ port: 80 }], host: 'api.example.com', controller, ...props });
  const manifests = synth(chart);
  return { api, ingress: ofKind(manifests, 'Ingress')[0], service: theService(manifests) };
}

describe('gcp', () => {
  test('external: backend-service based (l4-rbs), standard tier, a static address', () => {
    const { annotations, service } = lb(LoadBalancerProfile.gcp({ scheme: LoadBalancerScheme.INTERNET_FACING, networkTier: GcpNetworkTier.STANDARD, staticAddresses: ['shop-ip'] }));
    expect(annotations).toEqual({ 'cloud.google.com/l4-rbs': 'enabled', 'cloud.google.com/network-tier': 'Standard', 'networking.gke.io/load-balancer-ip-addresses': 'shop-ip' });
    expect(service.spec.loadBalancerClass).toBeUndefined();
  });
  test('external target-pool based on request: no l4-rbs', () => {
    expect(lb(LoadBalancerProfile.gcp({ scheme: LoadBalancerScheme.INTERNET_FACING, backendServiceBased: false })).annotations).toEqual({});
  });
  test('internal with global access and a subnet', () => {
    const { annotations, svc } = lb(LoadBalancerProfile.gcp({ scheme: LoadBalancerScheme.INTERNAL, globalAccess: true, subnet: 'ilb-subnet' }));
    expect(annotations).toEqual({
      'networking.gke.io/load-balancer-type': 'Internal',
      'networking.gke.io/internal-load-balancer-allow-global-access': 'true',
      'networking.gke.io/internal-load-balancer-subnet': 'ilb-subnet',
    });
    expect(svc.exposure).toBe(ExposureScope.VPC);
  });
  test('the load balancer classes GKE recommends, with no type or l4-rbs annotation', () => {
    const ext = lb(LoadBalancerProfile.gcp({ scheme: LoadBalancerScheme.INTERNET_FACING, useLoadBalancerClass: true }));
    expect(ext.service.spec.loadBalancerClass).toBe('networking.gke.io/l4-regional-external');
    expect(ext.annotations).toEqual({});
    const int = lb(LoadBalancerProfile.gcp({ scheme: LoadBalancerScheme.INTERNAL, useLoadBalancerClass: true, staticAddresses: ['10.0.0.5'] }));
    expect(int.service.spec.loadBalancerClass).toBe('networking.gke.io/l4-regional-internal');
    expect(int.annotations).toEqual({ 'cdk8s-expose/exposure': 'vpc', 'networking.gke.io/load-balancer-ip-addresses': '10.0.0.5' });
    expect(int.svc.exposure).toBe(ExposureScope.VPC);
  });
  test('refuses options of the other scheme, static addresses GKE would not read, a class with target pools', () => {
    expect(() => LoadBalancerProfile.gcp({ scheme: LoadBalancerScheme.INTERNAL, networkTier: GcpNetworkTier.PREMIUM })).toThrow(/networkTier applies to external load balancers only/);
    expect(() => LoadBalancerProfile.gcp({ scheme: LoadBalancerScheme.INTERNET_FACING, globalAccess: true })).toThrow(/globalAccess applies to internal load balancers only/);
    expect(() => LoadBalancerProfile.gcp({ scheme: LoadBalancerScheme.INTERNAL, staticAddresses: ['ip'] })).toThrow(/for an internal one pass useLoadBalancerClass: true/);
    expect(() => LoadBalancerProfile.gcp({ scheme: LoadBalancerScheme.INTERNET_FACING, backendServiceBased: false, staticAddresses: ['ip'] })).toThrow(/keep backendServiceBased/);
    expect(() => LoadBalancerProfile.gcp({ scheme: LoadBalancerScheme.INTERNET_FACING, staticAddresses: ['a', 'b', 'c'] })).toThrow(/at most one IPv4 and one IPv6/);
    expect(() => LoadBalancerProfile.gcp({ scheme: LoadBalancerScheme.INTERNET_FACING, useLoadBalancerClass: true, backendServiceBased: false })).toThrow(/always backend-service based/);
  });
});

describe('gce (GKE Ingress)', () => {
  test('external: the class annotation, never ingressClassName; the NEG annotation on the ClusterIP backend', () => {
    const { ingress, service, api } = gce(IngressController.gce({ scheme: LoadBalancerScheme.INTERNET_FACING }));
    expect(ingress.spec.ingressClassName).toBeUndefined();
    expect(ingress.metadata.annotations).toEqual({ 'kubernetes.io/ingress.class': 'gce' });
    expect(service.metadata.annotations).toEqual({ 'cloud.google.com/neg': '{"ingress": true}' });
    expect(api.exposure).toBe(ExposureScope.INTERNET);
  });
  test('internal: gce-internal with a regional static IP', () => {
    const { ingress, api } = gce(IngressController.gce({ scheme: LoadBalancerScheme.INTERNAL, staticIpName: 'ilb-ip' }));
    expect(ingress.metadata.annotations).toEqual({ 'kubernetes.io/ingress.class': 'gce-internal', 'kubernetes.io/ingress.regional-static-ip-name': 'ilb-ip' });
    expect(api.exposure).toBe(ExposureScope.VPC);
  });
  test('managed certificates with HTTPS only, a global static IP; the host under tls without a Secret', () => {
    const { ingress } = gce(IngressController.gce({ scheme: LoadBalancerScheme.INTERNET_FACING, staticIpName: 'web-ip', managedCertificates: ['api-cert'], allowHttp: false }), { tls: IngressTls.fromController() });
    expect(ingress.metadata.annotations).toEqual({
      'kubernetes.io/ingress.class': 'gce',
      'kubernetes.io/ingress.global-static-ip-name': 'web-ip',
      'networking.gke.io/managed-certificates': 'api-cert',
      'kubernetes.io/ingress.allow-http': 'false',
    });
    expect(ingress.spec.tls).toEqual([{ hosts: ['api.example.com'] }]);
  });
  test('a FrontendConfig for the redirect; pre-shared certificates; cert-manager solves HTTP-01 in place', () => {
    const { ingress } = gce(IngressController.gce({ scheme: LoadBalancerScheme.INTERNET_FACING, frontendConfig: 'redirect', preSharedCertificates: ['legacy'] }), { tls: IngressTls.certManager({ clusterIssuer: 'le' }) });
    expect(ingress.metadata.annotations).toMatchObject({
      'networking.gke.io/v1beta1.FrontendConfig': 'redirect',
      'ingress.gcp.kubernetes.io/pre-shared-cert': 'legacy',
      'acme.cert-manager.io/http01-edit-in-place': 'true',
      'cert-manager.io/cluster-issuer': 'le',
    });
  });
  test('refuses certificates, HTTPS-only or a redirect without TLS, fromController without certificates, HTTP-01 on an internal ALB', () => {
    expect(() => gce(IngressController.gce({ scheme: LoadBalancerScheme.INTERNET_FACING, managedCertificates: ['c'] }), { tls: IngressTls.disabled() })).toThrow(/controller gce: the gce preset has managedCertificates or preSharedCertificates but the route has no TLS/);
    expect(() => gce(IngressController.gce({ scheme: LoadBalancerScheme.INTERNET_FACING, allowHttp: false }), { tls: IngressTls.disabled() })).toThrow(/allowHttp false but the route has no TLS/);
    expect(() => gce(IngressController.gce({ scheme: LoadBalancerScheme.INTERNET_FACING }), { tls: IngressTls.fromController() })).toThrow(/needs managedCertificates or preSharedCertificates/);
    expect(() => gce(IngressController.gce({ scheme: LoadBalancerScheme.INTERNAL }), { tls: IngressTls.certManager({ clusterIssuer: 'le' }) })).toThrow(/HTTP-01 challenge cannot reach an internal/);
    expect(() => IngressController.gce({ scheme: LoadBalancerScheme.INTERNAL, managedCertificates: ['c'] })).toThrow(/serve external Application Load Balancers only/);
    expect(() => IngressController.gce({ scheme: LoadBalancerScheme.INTERNET_FACING, allowHttp: false, frontendConfig: 'r' })).toThrow(/allowHttp false closes port 80/);
  });
  test('refuses a NEG annotation of the user\'s that differs', () => {
    expect(() => gce(IngressController.gce({ scheme: LoadBalancerScheme.INTERNET_FACING }), { metadata: { annotations: { 'cloud.google.com/neg': '{"exposed_ports":{"80":{}}}' } } }))
      .toThrow(/metadata.annotations cloud.google.com\/neg is .* but the gce preset sets "\{\\"ingress\\": true\}"/);
  });
});
