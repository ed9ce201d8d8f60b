import * as kplus from 'cdk8s-plus-28';
import { ExposureScope, PublicService, SourceRanges, TrafficPolicy } from '../src';
import { newChart, synth, theService } from './util';

describe('PublicService', () => {
  const pods = (chart: any) => kplus.Pods.select(chart, 'FrontendPods', { labels: { app: 'frontend' } });

  test('renders a LoadBalancer open to anywhere, on purpose and marked as such', () => {
    // GIVEN
    const chart = newChart();
    // WHEN
    const svc = new PublicService(chart, 'Frontend', { selector: pods(chart), ports: [{ port: 80, targetPort: 8080 }], sourceRanges: SourceRanges.anywhere() });
    // THEN
    const manifests = synth(chart);
    expect(manifests).toMatchSnapshot();
    const s = theService(manifests);
    expect(s.spec).toEqual({ type: 'LoadBalancer', externalIPs: [], selector: { app: 'frontend' }, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] });
    expect(s.metadata.annotations).toEqual({ 'cdk8s-expose/source-ranges': 'anywhere' });
    expect(svc.exposure).toBe(ExposureScope.INTERNET);
  });

  test('writes source ranges as loadBalancerSourceRanges', () => {
    const chart = newChart();
    new PublicService(chart, 'Frontend', { selector: pods(chart), ports: [{ port: 443 }], sourceRanges: SourceRanges.cidrs(['203.0.113.0/24', '2001:db8::/32']) });
    const s = theService(synth(chart));
    expect(s.spec.loadBalancerSourceRanges).toEqual(['203.0.113.0/24', '2001:db8::/32']);
    expect(s.metadata.annotations).toBeUndefined();
  });

  test('load balancer fields', () => {
    const chart = newChart();
    new PublicService(chart, 'Frontend', {
      selector: pods(chart),
      ports: [{ port: 443, nodePort: 31443 }],
      sourceRanges: SourceRanges.anywhere(),
      externalTrafficPolicy: TrafficPolicy.LOCAL,
      healthCheckNodePort: 32000,
      loadBalancerClass: 'service.k8s.aws/nlb',
      allocateLoadBalancerNodePorts: true,
    });
    const spec = theService(synth(chart)).spec;
    expect(spec.externalTrafficPolicy).toBe('Local');
    expect(spec.healthCheckNodePort).toBe(32000);
    expect(spec.loadBalancerClass).toBe('service.k8s.aws/nlb');
    expect(spec.allocateLoadBalancerNodePorts).toBe(true);
    expect(spec.ports[0].nodePort).toBe(31443);
  });

  describe('refuses', () => {
    test('a missing sourceRanges, explaining both choices', () => {
      const chart = newChart();
      expect(() => new PublicService(chart, 'Frontend', { selector: pods(chart), ports: [{ port: 80 }] } as any))
        .toThrow("PublicService 'test/Frontend': sourceRanges is required (received undefined). Pass SourceRanges.anywhere() to expose it to the whole internet on purpose, or SourceRanges.cidrs([...]) to limit it");
    });
    test('bad CIDRs, each named', () => {
      expect(() => SourceRanges.cidrs(['10.0.0.1/8'])).toThrow(/cidrs\[0\] "10.0.0.1\/8" has host bits set after the \/8 prefix/);
      expect(() => SourceRanges.cidrs(['10.0.0.0'])).toThrow(/must be a CIDR with a prefix length/);
      expect(() => SourceRanges.cidrs(['300.0.0.0/8'])).toThrow(/not an IPv4 or IPv6 address/);
      expect(() => SourceRanges.cidrs(['10.0.0.0/33'])).toThrow(/prefix length "33"; it must be a whole number from 0 to 32/);
      expect(() => SourceRanges.cidrs(['2001:db8::/129'])).toThrow(/from 0 to 128/);
      expect(() => SourceRanges.cidrs([])).toThrow(/at least one CIDR is needed/);
      expect(() => SourceRanges.cidrs(['0.0.0.0/0'])).toThrow(/use SourceRanges.anywhere\(\) to say so/);
      expect(() => SourceRanges.cidrs(['10.0.0.0/8', '10.0.0.0/8'])).toThrow(/listed twice/);
    });
    test('a loadBalancerClass without a domain prefix', () => {
      const chart = newChart();
      expect(() => new PublicService(chart, 'F', { selector: pods(chart), ports: [{ port: 80 }], sourceRanges: SourceRanges.anywhere(), loadBalancerClass: 'nlb' }))
        .toThrow(/loadBalancerClass "nlb" has no prefix; it must be a domain-prefixed name such as "service.k8s.aws\/nlb"/);
    });
    test('a health check node port without the Local policy, or out of range', () => {
      const chart = newChart();
      expect(() => new PublicService(chart, 'F', { selector: pods(chart), ports: [{ port: 80 }], sourceRanges: SourceRanges.anywhere(), healthCheckNodePort: 32000 }))
        .toThrow(/healthCheckNodePort 32000 needs externalTrafficPolicy: TrafficPolicy.LOCAL/);
      const chart2 = newChart();
      expect(() => new PublicService(chart2, 'F', { selector: pods(chart2), ports: [{ port: 80 }], sourceRanges: SourceRanges.anywhere(), externalTrafficPolicy: TrafficPolicy.LOCAL, healthCheckNodePort: 80 }))
        .toThrow(/healthCheckNodePort 80 is outside 30000-32767/);
      const chart3 = newChart();
      expect(() => new PublicService(chart3, 'F', { selector: pods(chart3), ports: [{ port: 80, nodePort: 32000 }], sourceRanges: SourceRanges.anywhere(), externalTrafficPolicy: TrafficPolicy.LOCAL, healthCheckNodePort: 32000 }))
        .toThrow(/healthCheckNodePort 32000 is also a nodePort/);
    });
  });
});
