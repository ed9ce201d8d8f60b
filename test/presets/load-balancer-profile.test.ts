import * as kplus from 'cdk8s-plus-28';
import {
  AwsBackendProtocol, AwsTargetType, DigitalOceanProtocol, ExposureScope, GcpNetworkTier, HealthCheckProtocol,
  LoadBalancerProfile, LoadBalancerScheme, PublicService, SourceRanges,
} from '../../src';
import { newChart, synth, theService } from '../util';

function lb(profile: LoadBalancerProfile, sourceRanges = SourceRanges.anywhere()) {
  const chart = newChart();
  const svc = new PublicService(chart, 'Lb', { selector: kplus.Pods.select(chart, 'P', { labels: { app: 'a' } }), ports: [{ port: 443 }], sourceRanges, profile });
  const manifests = synth(chart);
  return { svc, manifests, service: theService(manifests) };
}
const withoutAnywhere = (annotations: Record<string, string>) => {
  const { ['cdk8s-expose/source-ranges']: _ignored, ...rest } = annotations;
  return rest;
};

describe('LoadBalancerProfile', () => {
  describe('awsNlb', () => {
    test('internet-facing with TLS, backend protocol, proxy protocol, cross-zone and health check', () => {
      const { service, svc, manifests } = lb(LoadBalancerProfile.awsNlb({
        scheme: LoadBalancerScheme.INTERNET_FACING,
        certificateArns: ['arn:aws:acm:eu-west-1:123456789012:certificate/abcd-1234'],
        backendProtocol: AwsBackendProtocol.TCP,
        proxyProtocol: true,
        crossZone: true,
        healthCheck: { path: '/healthz', port: 8080, protocol: HealthCheckProtocol.HTTP },
      }));
      expect(manifests).toMatchSnapshot();
      expect(service.spec.loadBalancerClass).toBe('service.k8s.aws/nlb');
      expect(withoutAnywhere(service.metadata.annotations)).toEqual({
        'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing',
        'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
        'service.beta.kubernetes.io/aws-load-balancer-ssl-cert': 'arn:aws:acm:eu-west-1:123456789012:certificate/abcd-1234',
        'service.beta.kubernetes.io/aws-load-balancer-ssl-ports': '443',
        'service.beta.kubernetes.io/aws-load-balancer-backend-protocol': 'tcp',
        'service.beta.kubernetes.io/aws-load-balancer-proxy-protocol': '*',
        'service.beta.kubernetes.io/aws-load-balancer-attributes': 'load_balancing.cross_zone.enabled=true',
        'service.beta.kubernetes.io/aws-load-balancer-healthcheck-path': '/healthz',
        'service.beta.kubernetes.io/aws-load-balancer-healthcheck-port': '8080',
        'service.beta.kubernetes.io/aws-load-balancer-healthcheck-protocol': 'http',
      });
      expect(svc.exposure).toBe(ExposureScope.INTERNET);
    });

    test('internal, instance targets, selected by annotation: exposure is VPC', () => {
      const { service, svc } = lb(LoadBalancerProfile.awsNlb({ scheme: LoadBalancerScheme.INTERNAL, targetType: AwsTargetType.INSTANCE, useLoadBalancerClass: false }), SourceRanges.cidrs(['10.0.0.0/8']));
      expect(service.spec.loadBalancerClass).toBeUndefined();
      expect(service.metadata.annotations).toEqual({
        'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
        'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal',
        'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'instance',
      });
      expect(svc.exposure).toBe(ExposureScope.VPC);
    });

    test('refuses a missing scheme, a bad ARN, TLS ports without certificates', () => {
      expect(() => LoadBalancerProfile.awsNlb({} as any)).toThrow(/LoadBalancerProfile.awsNlb: scheme is required/);
      expect(() => LoadBalancerProfile.awsNlb({ scheme: LoadBalancerScheme.INTERNAL, certificateArns: ['arn:aws:iam::1:server-certificate/x'] })).toThrow(/certificateArns\[0\] .* is not an ACM certificate ARN/);
      expect(() => LoadBalancerProfile.awsNlb({ scheme: LoadBalancerScheme.INTERNAL, tlsPorts: [443] })).toThrow(/tlsPorts needs certificateArns/);
    });
  });

  describe('gcp', () => {
    test('external, backend-service based, standard tier', () => {
      const { service } = lb(LoadBalancerProfile.gcp({ scheme: LoadBalancerScheme.INTERNET_FACING, networkTier: GcpNetworkTier.STANDARD }));
      expect(withoutAnywhere(service.metadata.annotations)).toEqual({ 'cloud.google.com/l4-rbs': 'enabled', 'cloud.google.com/network-tier': 'Standard' });
    });
    test('internal with global access and a subnet', () => {
      const { service, svc, manifests } = lb(LoadBalancerProfile.gcp({ scheme: LoadBalancerScheme.INTERNAL, globalAccess: true, subnet: 'ilb-subnet' }));
      expect(manifests).toMatchSnapshot();
      expect(withoutAnywhere(service.metadata.annotations)).toEqual({
        'networking.gke.io/load-balancer-type': 'Internal',
        'networking.gke.io/internal-load-balancer-allow-global-access': 'true',
        'networking.gke.io/internal-load-balancer-subnet': 'ilb-subnet',
      });
      expect(svc.exposure).toBe(ExposureScope.VPC);
    });
    test('refuses options of the other scheme', () => {
      expect(() => LoadBalancerProfile.gcp({ scheme: LoadBalancerScheme.INTERNET_FACING, globalAccess: true })).toThrow(/globalAccess applies to internal load balancers only/);
      expect(() => LoadBalancerProfile.gcp({ scheme: LoadBalancerScheme.INTERNAL, networkTier: GcpNetworkTier.PREMIUM })).toThrow(/networkTier applies to external load balancers only/);
    });
  });

  describe('azure', () => {
    test('internal with a subnet and health probe', () => {
      const { service, manifests } = lb(LoadBalancerProfile.azure({ scheme: LoadBalancerScheme.INTERNAL, internalSubnet: 'apps', healthProbePath: '/healthz', resourceGroup: 'rg-net' }), SourceRanges.cidrs(['10.1.0.0/16']));
      expect(manifests).toMatchSnapshot();
      expect(service.metadata.annotations).toEqual({
        'service.beta.kubernetes.io/azure-load-balancer-internal': 'true',
        'service.beta.kubernetes.io/azure-load-balancer-internal-subnet': 'apps',
        'service.beta.kubernetes.io/azure-load-balancer-resource-group': 'rg-net',
        'service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path': '/healthz',
      });
    });
    test('public with a DNS label', () => {
      const { service } = lb(LoadBalancerProfile.azure({ scheme: LoadBalancerScheme.INTERNET_FACING, dnsLabel: 'shop-prod' }));
      expect(service.metadata.annotations['service.beta.kubernetes.io/azure-dns-label-name']).toBe('shop-prod');
      expect(service.metadata.annotations['service.beta.kubernetes.io/azure-load-balancer-internal']).toBeUndefined();
    });
    test('refuses a DNS label on an internal load balancer, and a bad label', () => {
      expect(() => LoadBalancerProfile.azure({ scheme: LoadBalancerScheme.INTERNAL, dnsLabel: 'x-y' })).toThrow(/dnsLabel names a public IP/);
      expect(() => LoadBalancerProfile.azure({ scheme: LoadBalancerScheme.INTERNET_FACING, dnsLabel: 'Shop' })).toThrow(/dnsLabel "Shop" must be/);
    });
  });

  describe('digitalOcean', () => {
    test('HTTPS with a certificate, redirect, health check, size', () => {
      const { service, manifests } = lb(LoadBalancerProfile.digitalOcean({
        protocol: DigitalOceanProtocol.HTTPS,
        certificateId: 'cert-123',
        redirectHttpToHttps: true,
        healthCheck: { path: '/healthz', protocol: HealthCheckProtocol.HTTP },
        sizeUnit: 3,
      }));
      expect(manifests).toMatchSnapshot();
      expect(withoutAnywhere(service.metadata.annotations)).toEqual({
        'service.beta.kubernetes.io/do-loadbalancer-protocol': 'https',
        'service.beta.kubernetes.io/do-loadbalancer-certificate-id': 'cert-123',
        'service.beta.kubernetes.io/do-loadbalancer-redirect-http-to-https': 'true',
        'service.beta.kubernetes.io/do-loadbalancer-healthcheck-path': '/healthz',
        'service.beta.kubernetes.io/do-loadbalancer-healthcheck-protocol': 'http',
        'service.beta.kubernetes.io/do-loadbalancer-size-unit': '3',
      });
    });
    test('refuses HTTPS without a certificate and a size out of range', () => {
      expect(() => LoadBalancerProfile.digitalOcean({ protocol: DigitalOceanProtocol.HTTP2 })).toThrow(/protocol http2 needs certificateId/);
      expect(() => LoadBalancerProfile.digitalOcean({ sizeUnit: 0 })).toThrow(/sizeUnit 0 must be a whole number from 1 to 100/);
      expect(() => LoadBalancerProfile.digitalOcean({ healthCheck: { path: 'healthz', protocol: HealthCheckProtocol.HTTP } })).toThrow(/healthCheck.path "healthz" must start with/);
    });
  });

  describe('generic', () => {
    test('annotations and class; internal is recorded for reports', () => {
      const { service, svc } = lb(LoadBalancerProfile.generic({ scheme: LoadBalancerScheme.INTERNAL, annotations: { 'metallb.universe.tf/address-pool': 'private' }, loadBalancerClass: 'example.com/lb' }));
      expect(service.spec.loadBalancerClass).toBe('example.com/lb');
      expect(withoutAnywhere(service.metadata.annotations)).toEqual({ 'metallb.universe.tf/address-pool': 'private', 'cdk8s-expose/exposure': 'vpc' });
      expect(svc.exposure).toBe(ExposureScope.VPC);
    });
    test('refuses a bad annotation key', () => {
      expect(() => LoadBalancerProfile.generic({ scheme: LoadBalancerScheme.INTERNAL, annotations: { 'bad key': 'x' } })).toThrow(/annotations key "bad key"/);
    });
  });

  describe('PublicService with a profile', () => {
    test('refuses an internet-facing profile whose source ranges are all private', () => {
      expect(() => lb(LoadBalancerProfile.awsNlb({ scheme: LoadBalancerScheme.INTERNET_FACING }), SourceRanges.cidrs(['10.0.0.0/8', '192.168.0.0/16'])))
        .toThrow(/PublicService 'test\/Lb': the aws-nlb profile is internet-facing but sourceRanges \["10.0.0.0\/8","192.168.0.0\/16"\] are all private addresses/);
    });
    test('refuses a loadBalancerClass that contradicts the profile', () => {
      const chart = newChart();
      expect(() => new PublicService(chart, 'Lb', {
        selector: kplus.Pods.select(chart, 'P', { labels: { app: 'a' } }),
        ports: [{ port: 443 }],
        sourceRanges: SourceRanges.anywhere(),
        profile: LoadBalancerProfile.awsNlb({ scheme: LoadBalancerScheme.INTERNET_FACING }),
        loadBalancerClass: 'example.com/other',
      })).toThrow(/loadBalancerClass "example.com\/other" contradicts the aws-nlb profile's "service.k8s.aws\/nlb"/);
    });
  });
});
