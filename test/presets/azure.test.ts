import * as kplus from 'cdk8s-plus-28';
import { HealthCheckProtocol, LoadBalancerProfile, LoadBalancerScheme, PublicService, SourceRanges } from '../../src';
import { newChart, synth, theService } from '../util';

const P = 'service.beta.kubernetes.io/azure-';
function lb(profile: LoadBalancerProfile, sourceRanges = SourceRanges.anywhere()) {
  const chart = newChart();
  new PublicService(chart, 'Lb', { selector: kplus.Pods.select(chart, 'P', { labels: { app: 'a' } }), ports: [{ port: 443 }], sourceRanges, profile });
  const { ['cdk8s-expose/source-ranges']: _ignored, ...annotations } = theService(synth(chart)).metadata.annotations ?? {};
  return annotations as Record<string, string>;
}

describe('azure', () => {
  test('internal with a subnet, an address, an HTTP probe (a path alone makes it HTTP) and source ranges enforced inside the VNet', () => {
    expect(lb(LoadBalancerProfile.azure({ scheme: LoadBalancerScheme.INTERNAL, internalSubnet: 'apps', healthProbePath: '/healthz', resourceGroup: 'rg-net', loadBalancerIp: '10.1.0.10' }), SourceRanges.cidrs(['10.1.0.0/16']))).toEqual({
      [`${P}load-balancer-internal`]: 'true',
      [`${P}load-balancer-internal-subnet`]: 'apps',
      [`${P}load-balancer-resource-group`]: 'rg-net',
      [`${P}load-balancer-ipv4`]: '10.1.0.10',
      [`${P}load-balancer-health-probe-request-path`]: '/healthz',
      [`${P}load-balancer-health-probe-protocol`]: 'http',
      [`${P}deny-all-except-load-balancer-source-ranges`]: 'true',
    });
  });
  test('public with a DNS label, a public IP name, an idle timeout; no deny-all with SourceRanges.anywhere()', () => {
    expect(lb(LoadBalancerProfile.azure({ scheme: LoadBalancerScheme.INTERNET_FACING, dnsLabel: 'shop-prod', publicIpName: 'shop-pip', idleTimeoutMinutes: 30, healthProbeProtocol: HealthCheckProtocol.TCP }))).toEqual({
      [`${P}dns-label-name`]: 'shop-prod',
      [`${P}pip-name`]: 'shop-pip',
      [`${P}load-balancer-health-probe-protocol`]: 'tcp',
      [`${P}load-balancer-tcp-idle-timeout`]: '30',
    });
  });
  test('refuses public IP options on an internal load balancer, a path on a TCP probe, a timeout out of range', () => {
    expect(() => LoadBalancerProfile.azure({ scheme: LoadBalancerScheme.INTERNAL, dnsLabel: 'x-y' })).toThrow(/dnsLabel names a public IP/);
    expect(() => LoadBalancerProfile.azure({ scheme: LoadBalancerScheme.INTERNAL, publicIpName: 'pip' })).toThrow(/publicIpName names a public IP/);
    expect(() => LoadBalancerProfile.azure({ scheme: LoadBalancerScheme.INTERNET_FACING, dnsLabel: 'Shop' })).toThrow(/dnsLabel "Shop" must be/);
    expect(() => LoadBalancerProfile.azure({ scheme: LoadBalancerScheme.INTERNET_FACING, healthProbePath: '/x', healthProbeProtocol: HealthCheckProtocol.TCP })).toThrow(/healthProbePath needs healthProbeProtocol HTTP or HTTPS/);
    expect(() => LoadBalancerProfile.azure({ scheme: LoadBalancerScheme.INTERNET_FACING, idleTimeoutMinutes: 3 })).toThrow(/idleTimeoutMinutes 3 must be a whole number of minutes from 4 to 100/);
    expect(() => LoadBalancerProfile.azure({ scheme: LoadBalancerScheme.INTERNET_FACING, publicIpName: 'p', loadBalancerIp: '20.0.0.1' })).toThrow(/give publicIpName or loadBalancerIp, not both/);
  });
});
