import * as kplus from 'cdk8s-plus-28';
import { ExposureScope, LoadBalancerProfile, LoadBalancerScheme, PublicService, SourceRanges } from '../../src';
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
