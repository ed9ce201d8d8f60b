import * as kplus from 'cdk8s-plus-28';
import { DigitalOceanLoadBalancerType, DigitalOceanProtocol, ExposureScope, HealthCheckProtocol, LoadBalancerProfile, LoadBalancerScheme, PublicService, SourceRanges } from '../../src';
import { newChart, synth, theService } from '../util';

const P = 'service.beta.kubernetes.io/do-loadbalancer-';
function lb(profile: LoadBalancerProfile, ports = [{ port: 443 }], sourceRanges = SourceRanges.anywhere()) {
  const chart = newChart();
  const svc = new PublicService(chart, 'Lb', { selector: kplus.Pods.select(chart, 'P', { labels: { app: 'a' } }), ports, sourceRanges, profile });
  const { ['cdk8s-expose/source-ranges']: _ignored, ...annotations } = theService(synth(chart)).metadata.annotations ?? {};
  return { svc, annotations: annotations as Record<string, string> };
}

describe('digitalOcean', () => {
  test('HTTPS with a certificate name and a redirect makes the load balancer REGIONAL (REGIONAL_NETWORK would ignore them)', () => {
    expect(lb(LoadBalancerProfile.digitalOcean({ scheme: LoadBalancerScheme.INTERNET_FACING, protocol: DigitalOceanProtocol.HTTPS, certificateName: 'shop-le', redirectHttpToHttps: true, sizeUnit: 3 })).annotations).toEqual({
      [`${P}type`]: 'REGIONAL',
      [`${P}protocol`]: 'https',
      [`${P}certificate-name`]: 'shop-le',
      [`${P}redirect-http-to-https`]: 'true',
      [`${P}size-unit`]: '3',
    });
  });
  test('plain TCP keeps the CCM default type; a health check sets the override without which it is ignored', () => {
    expect(lb(LoadBalancerProfile.digitalOcean({ scheme: LoadBalancerScheme.INTERNET_FACING, healthCheck: { path: '/healthz', port: 443 } })).annotations).toEqual({
      [`${P}healthcheck-path`]: '/healthz',
      [`${P}healthcheck-port`]: '443',
      [`${P}healthcheck-protocol`]: 'http',
      [`${P}override-health-check`]: 'true',
    });
  });
  test('VPC-only: network INTERNAL, exposure vpc', () => {
    const { annotations, svc } = lb(LoadBalancerProfile.digitalOcean({ scheme: LoadBalancerScheme.INTERNAL, type: DigitalOceanLoadBalancerType.REGIONAL_NETWORK }), [{ port: 443 }], SourceRanges.cidrs(['10.10.0.0/16']));
    expect(annotations).toEqual({ [`${P}type`]: 'REGIONAL_NETWORK', [`${P}network`]: 'INTERNAL' });
    expect(svc.exposure).toBe(ExposureScope.VPC);
  });
  test('refuses HTTPS features on REGIONAL_NETWORK, HTTPS without a certificate, a certificate without port 443, a check port that is not a Service port', () => {
    expect(() => LoadBalancerProfile.digitalOcean({ scheme: LoadBalancerScheme.INTERNET_FACING, type: DigitalOceanLoadBalancerType.REGIONAL_NETWORK, protocol: DigitalOceanProtocol.HTTP })).toThrow(/type REGIONAL_NETWORK forwards TCP and UDP as they are/);
    expect(() => LoadBalancerProfile.digitalOcean({ scheme: LoadBalancerScheme.INTERNET_FACING, protocol: DigitalOceanProtocol.HTTP2 })).toThrow(/protocol http2 needs certificateName/);
    expect(() => LoadBalancerProfile.digitalOcean({ scheme: LoadBalancerScheme.INTERNET_FACING, certificateId: 'a', certificateName: 'b' })).toThrow(/give certificateName or certificateId, not both/);
    expect(() => lb(LoadBalancerProfile.digitalOcean({ scheme: LoadBalancerScheme.INTERNET_FACING, protocol: DigitalOceanProtocol.HTTPS, certificateId: 'c' }), [{ port: 8443 }])).toThrow(/profile digitalocean: the certificate is served on port 443, but the Service has no port 443 \(ports 8443\)/);
    expect(() => lb(LoadBalancerProfile.digitalOcean({ scheme: LoadBalancerScheme.INTERNET_FACING, healthCheck: { port: 8080 } }))).toThrow(/healthCheck.port 8080 is not a port of the Service \(443\)/);
    expect(() => LoadBalancerProfile.digitalOcean({ scheme: LoadBalancerScheme.INTERNET_FACING, sizeUnit: 0 })).toThrow(/sizeUnit 0 must be a whole number from 1 to 100/);
    expect(() => LoadBalancerProfile.digitalOcean({ scheme: LoadBalancerScheme.INTERNET_FACING, healthCheck: { path: 'healthz', protocol: HealthCheckProtocol.HTTP } })).toThrow(/healthCheck.path "healthz" must start with/);
    expect(() => LoadBalancerProfile.digitalOcean({} as any)).toThrow(/LoadBalancerProfile.digitalOcean: scheme is required/);
  });
});
