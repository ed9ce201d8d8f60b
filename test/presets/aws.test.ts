import * as kplus from 'cdk8s-plus-28';
import {
  AwsBackendProtocol, AwsTargetType, ExposureScope, HealthCheckProtocol, IngressController, IngressFronted, IngressTls,
  LoadBalancerProfile, LoadBalancerScheme, PublicService, SharedIngress, SourceRanges, TrafficPolicy,
} from '../../src';
import { newChart, ofKind, synth, theService } from '../util';

const ARN = 'arn:aws:acm:eu-west-1:123456789012:certificate/abcd-1234';
const P = 'service.beta.kubernetes.io/aws-load-balancer-';
const A = 'alb.ingress.kubernetes.io/';

interface NlbCase {
  readonly ports?: Array<{ port: number }>;
  readonly sourceRanges?: SourceRanges;
  readonly annotations?: Record<string, string>;
  readonly externalTrafficPolicy?: TrafficPolicy;
}

function nlb(profile: LoadBalancerProfile, nlbCase: NlbCase = {}) {
  const { ports = [{ port: 443 }], sourceRanges = SourceRanges.anywhere(), annotations, externalTrafficPolicy } = nlbCase;
  const chart = newChart();
  const svc = new PublicService(chart, 'Lb', {
    selector: kplus.Pods.select(chart, 'P', { labels: { app: 'a' } }),
    ports,
    sourceRanges,
    profile,
    externalTrafficPolicy,
    metadata: annotations ? { annotations } : undefined,
  });
  const manifests = synth(chart);
  const { ['cdk8s-expose/source-ranges']: _ignored, ...own } = theService(manifests).metadata.annotations ?? {};
  return { svc, manifests, service: theService(manifests), annotations: own as Record<string, string> };
}

function alb(controller: IngressController, props: any = {}) {
  const chart = newChart();
  const api = new IngressFronted(chart, 'Api', { selector: kplus.Pods.select(chart, 'P', { labels: { app: 'api' } }), ports: [{ port: 80 }], host: 'api.example.com', controller, ...props });
  const manifests = synth(chart);
  return { api, manifests, ingress: ofKind(manifests, 'Ingress')[0] };
}

describe('awsNlb', () => {
  test('internet-facing with TLS, backend protocol, proxy protocol, cross-zone and an HTTP health check', () => {
    const { annotations, service, svc, manifests } = nlb(LoadBalancerProfile.awsNlb({
      scheme: LoadBalancerScheme.INTERNET_FACING,
      certificateArns: [ARN],
      sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      backendProtocol: AwsBackendProtocol.TCP,
      proxyProtocol: true,
      crossZone: true,
      healthCheck: { path: '/healthz', port: 8080, protocol: HealthCheckProtocol.HTTP },
    }));
    expect(manifests).toMatchSnapshot();
    expect(service.spec.loadBalancerClass).toBe('service.k8s.aws/nlb');
    expect(annotations).toEqual({
      [`${P}scheme`]: 'internet-facing',
      [`${P}nlb-target-type`]: 'ip',
      [`${P}ssl-cert`]: ARN,
      [`${P}ssl-ports`]: '443',
      [`${P}ssl-negotiation-policy`]: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      [`${P}backend-protocol`]: 'tcp',
      [`${P}proxy-protocol`]: '*',
      [`${P}attributes`]: 'load_balancing.cross_zone.enabled=true',
      [`${P}healthcheck-path`]: '/healthz',
      [`${P}healthcheck-port`]: '8080',
      [`${P}healthcheck-protocol`]: 'http',
    });
    expect(svc.exposure).toBe(ExposureScope.INTERNET);
  });

  test('internal, instance targets, selected by annotation: exposure is VPC', () => {
    const { service, svc, annotations } = nlb(LoadBalancerProfile.awsNlb({ scheme: LoadBalancerScheme.INTERNAL, targetType: AwsTargetType.INSTANCE, useLoadBalancerClass: false }), { sourceRanges: SourceRanges.cidrs(['10.0.0.0/8']) });
    expect(service.spec.loadBalancerClass).toBeUndefined();
    expect(annotations).toEqual({ [`${P}type`]: 'external', [`${P}scheme`]: 'internal', [`${P}nlb-target-type`]: 'instance' });
    expect(svc.exposure).toBe(ExposureScope.VPC);
  });

  test('a health check path without a protocol makes the check HTTP (the controller drops a path on TCP)', () => {
    const { annotations } = nlb(LoadBalancerProfile.awsNlb({ scheme: LoadBalancerScheme.INTERNET_FACING, healthCheck: { path: '/ready' } }));
    expect(annotations[`${P}healthcheck-path`]).toBe('/ready');
    expect(annotations[`${P}healthcheck-protocol`]).toBe('http');
  });

  test('TLS ports follow the Service: the named ports, checked against its ports', () => {
    const profile = LoadBalancerProfile.awsNlb({ scheme: LoadBalancerScheme.INTERNET_FACING, certificateArns: [ARN], tlsPorts: [8883] });
    const { annotations } = nlb(profile, { ports: [{ port: 8883 }] });
    expect(annotations[`${P}ssl-ports`]).toBe('8883');
  });

  test('refuses certificates on a Service without port 443, and TLS ports that are not Service ports', () => {
    expect(() => nlb(LoadBalancerProfile.awsNlb({ scheme: LoadBalancerScheme.INTERNET_FACING, certificateArns: [ARN] }), { ports: [{ port: 8883 }] }))
      .toThrow(/PublicService '.*Lb': profile aws-nlb: certificateArns terminate TLS on port 443 by default, but the Service has no port 443 \(ports 8883\).*pass tlsPorts/);
    expect(() => nlb(LoadBalancerProfile.awsNlb({ scheme: LoadBalancerScheme.INTERNET_FACING, certificateArns: [ARN], tlsPorts: [443, 9443] })))
      .toThrow(/tlsPorts 9443 is not a port of the Service \(443\)/);
  });

  test('a Service whose ports come later (addPort) is checked at synth', () => {
    const chart = newChart();
    const svc = new PublicService(chart, 'Lb', {
      selector: kplus.Pods.select(chart, 'P', { labels: { app: 'a' } }),
      ports: [],
      sourceRanges: SourceRanges.anywhere(),
      profile: LoadBalancerProfile.awsNlb({ scheme: LoadBalancerScheme.INTERNET_FACING, certificateArns: [ARN] }),
    });
    svc.addPort({ port: 8883, name: 'mqtt' });
    expect(() => synth(chart)).toThrow(/PublicService 'test\/Lb': profile aws-nlb: certificateArns terminate TLS on port 443 by default, but the Service has no port 443 \(ports 8883\)/);
    svc.addPort({ port: 443, name: 'tls' });
    expect(theService(synth(chart)).metadata.annotations[`${P}ssl-ports`]).toBe('443');
  });

  test('subnets with EIP allocations (internet-facing), private addresses (internal), a name, security groups, target group attributes', () => {
    const pub = nlb(LoadBalancerProfile.awsNlb({
      scheme: LoadBalancerScheme.INTERNET_FACING,
      subnets: ['subnet-a', 'subnet-b'],
      eipAllocations: ['eipalloc-1', 'eipalloc-2'],
      loadBalancerName: 'shop-edge',
      securityGroups: ['sg-123'],
      targetGroupAttributes: { 'deregistration_delay.timeout_seconds': '30' },
    })).annotations;
    expect(pub).toMatchObject({
      [`${P}subnets`]: 'subnet-a,subnet-b',
      [`${P}eip-allocations`]: 'eipalloc-1,eipalloc-2',
      [`${P}name`]: 'shop-edge',
      [`${P}security-groups`]: 'sg-123',
      [`${P}target-group-attributes`]: 'deregistration_delay.timeout_seconds=30',
    });
    const internal = nlb(LoadBalancerProfile.awsNlb({ scheme: LoadBalancerScheme.INTERNAL, subnets: ['subnet-a'], privateIpv4Addresses: ['10.0.1.10'] }), { sourceRanges: SourceRanges.cidrs(['10.0.0.0/8']) }).annotations;
    expect(internal[`${P}private-ipv4-addresses`]).toBe('10.0.1.10');
  });

  test('refuses addresses of the wrong scheme or count, a long name, and security groups that would drop sourceRanges', () => {
    expect(() => LoadBalancerProfile.awsNlb({ scheme: LoadBalancerScheme.INTERNAL, subnets: ['a'], eipAllocations: ['eipalloc-1'] })).toThrow(/eipAllocations are public addresses: they need scheme INTERNET_FACING/);
    expect(() => LoadBalancerProfile.awsNlb({ scheme: LoadBalancerScheme.INTERNET_FACING, eipAllocations: ['eipalloc-1'] })).toThrow(/eipAllocations needs one allocation per subnet: pass subnets with 1 entries \(received 0\)/);
    expect(() => LoadBalancerProfile.awsNlb({ scheme: LoadBalancerScheme.INTERNET_FACING, subnets: ['a'], privateIpv4Addresses: ['10.0.0.1'] })).toThrow(/privateIpv4Addresses need scheme INTERNAL/);
    expect(() => LoadBalancerProfile.awsNlb({ scheme: LoadBalancerScheme.INTERNAL, subnets: ['a'], privateIpv4Addresses: ['10.0.0.300'] })).toThrow(/privateIpv4Addresses\[0\] "10.0.0.300" is not an IPv4 address/);
    expect(() => LoadBalancerProfile.awsNlb({ scheme: LoadBalancerScheme.INTERNAL, loadBalancerName: 'x'.repeat(33) })).toThrow(/loadBalancerName "x{33}" must be 1-32/);
    expect(() => nlb(LoadBalancerProfile.awsNlb({ scheme: LoadBalancerScheme.INTERNET_FACING, securityGroups: ['sg-1'] }), { sourceRanges: SourceRanges.cidrs(['203.0.113.0/24']) }))
      .toThrow(/securityGroups replace the security group the controller builds from sourceRanges, so sourceRanges \["203.0.113.0\/24"\] would not be enforced/);
    expect(() => nlb(LoadBalancerProfile.awsNlb({ scheme: LoadBalancerScheme.INTERNET_FACING }), { sourceRanges: SourceRanges.cidrs(['2001:db8::/32']) }))
      .toThrow(/sourceRanges \["2001:db8::\/32"\] are IPv6/);
  });

  test('refuses a missing scheme, a bad ARN, TLS ports or a TLS policy without certificates, a TCP check with a path', () => {
    expect(() => LoadBalancerProfile.awsNlb({} as any)).toThrow(/LoadBalancerProfile.awsNlb: scheme is required/);
    expect(() => LoadBalancerProfile.awsNlb({ scheme: LoadBalancerScheme.INTERNAL, certificateArns: ['arn:aws:iam::1:server-certificate/x'] })).toThrow(/certificateArns\[0\] .* is not an ACM certificate ARN/);
    expect(() => LoadBalancerProfile.awsNlb({ scheme: LoadBalancerScheme.INTERNAL, tlsPorts: [443] })).toThrow(/tlsPorts needs certificateArns/);
    expect(() => LoadBalancerProfile.awsNlb({ scheme: LoadBalancerScheme.INTERNAL, sslPolicy: 'ELBSecurityPolicy-2016-08' })).toThrow(/sslPolicy needs certificateArns/);
    expect(() => LoadBalancerProfile.awsNlb({ scheme: LoadBalancerScheme.INTERNAL, healthCheck: { path: '/x', protocol: HealthCheckProtocol.TCP } })).toThrow(/healthCheck.path needs protocol HTTP or HTTPS, not TCP/);
    expect(() => LoadBalancerProfile.awsNlb({ scheme: LoadBalancerScheme.INTERNAL, proxyProtocol: true, targetGroupAttributes: { 'proxy_protocol_v2.enabled': 'false' } })).toThrow(/proxyProtocol true contradicts targetGroupAttributes/);
  });

  test('the user\'s own attributes are merged; a contradicting annotation is refused with both values', () => {
    const { annotations } = nlb(LoadBalancerProfile.awsNlb({ scheme: LoadBalancerScheme.INTERNET_FACING, crossZone: true }), { annotations: { [`${P}attributes`]: 'deletion_protection.enabled=true' } });
    expect(annotations[`${P}attributes`]).toBe('deletion_protection.enabled=true,load_balancing.cross_zone.enabled=true');
    expect(() => nlb(LoadBalancerProfile.awsNlb({ scheme: LoadBalancerScheme.INTERNET_FACING }), { annotations: { [`${P}scheme`]: 'internal' } }))
      .toThrow(/metadata.annotations service.beta.kubernetes.io\/aws-load-balancer-scheme is "internal" but the aws-nlb preset sets "internet-facing"/);
    expect(() => nlb(LoadBalancerProfile.awsNlb({ scheme: LoadBalancerScheme.INTERNET_FACING, crossZone: true }), { annotations: { [`${P}attributes`]: 'load_balancing.cross_zone.enabled=false' } }))
      .toThrow(/sets load_balancing.cross_zone.enabled="false" but the aws-nlb preset sets load_balancing.cross_zone.enabled="true"/);
  });

  test('traffic policy Local is accepted with instance targets', () => {
    const profile = LoadBalancerProfile.awsNlb({ scheme: LoadBalancerScheme.INTERNET_FACING, targetType: AwsTargetType.INSTANCE });
    const { service } = nlb(profile, { externalTrafficPolicy: TrafficPolicy.LOCAL });
    expect(service.spec.externalTrafficPolicy).toBe('Local');
  });
});

describe('awsAlb', () => {
  test('TLS on: HTTP and HTTPS listeners, certificate, redirect, TLS policy, inbound CIDRs, health check, attributes, group', () => {
    const { ingress, api, manifests } = alb(IngressController.awsAlb({
      scheme: LoadBalancerScheme.INTERNAL,
      targetType: AwsTargetType.IP,
      certificateArns: [ARN],
      groupName: 'shop',
      sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      allowSourceRanges: ['10.0.0.0/8'],
      healthCheckPath: '/healthz',
      loadBalancerAttributes: { 'idle_timeout.timeout_seconds': '120' },
    }));
    expect(manifests).toMatchSnapshot();
    expect(ingress.spec.ingressClassName).toBe('alb');
    expect(ingress.metadata.annotations).toEqual({
      [`${A}scheme`]: 'internal',
      [`${A}target-type`]: 'ip',
      [`${A}group.name`]: 'shop',
      [`${A}inbound-cidrs`]: '10.0.0.0/8',
      [`${A}healthcheck-path`]: '/healthz',
      [`${A}load-balancer-attributes`]: 'idle_timeout.timeout_seconds=120',
      [`${A}listen-ports`]: '[{"HTTP": 80}, {"HTTPS": 443}]',
      [`${A}certificate-arn`]: ARN,
      [`${A}ssl-redirect`]: '443',
      [`${A}ssl-policy`]: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
    });
    expect(ingress.spec.tls).toEqual([{ hosts: ['api.example.com'] }]);
    expect(api.tlsSecretName).toBeUndefined();
    expect(api.exposure).toBe(ExposureScope.VPC);
  });

  test('TLS off: HTTP 80 only, no redirect; a class of its own (EKS Auto Mode)', () => {
    const { ingress } = alb(IngressController.awsAlb({ scheme: LoadBalancerScheme.INTERNET_FACING, className: 'eks-auto-alb' }), { tls: IngressTls.disabled() });
    expect(ingress.spec.ingressClassName).toBe('eks-auto-alb');
    expect(ingress.metadata.annotations[`${A}listen-ports`]).toBe('[{"HTTP": 80}]');
    expect(ingress.metadata.annotations[`${A}ssl-redirect`]).toBeUndefined();
    expect(ingress.spec.tls).toBeUndefined();
  });

  test('IngressTls.fromController(): HTTPS with the ACM certificate, the host under tls without a Secret', () => {
    const { ingress } = alb(IngressController.awsAlb({ scheme: LoadBalancerScheme.INTERNET_FACING }), { tls: IngressTls.fromController() });
    expect(ingress.spec.tls).toEqual([{ hosts: ['api.example.com'] }]);
    expect(ingress.metadata.annotations[`${A}listen-ports`]).toBe('[{"HTTP": 80}, {"HTTPS": 443}]');
  });

  test('refuses certificates, a redirect or a TLS policy without TLS, and a TLS Secret or cert-manager the ALB never reads', () => {
    const withCertificates = IngressController.awsAlb({ scheme: LoadBalancerScheme.INTERNET_FACING, certificateArns: [ARN] });
    expect(() => alb(withCertificates, { tls: IngressTls.disabled() }))
      .toThrow(/IngressFronted '.*Api': controller aws-alb: the awsAlb preset has certificateArns but the route has no TLS/);
    expect(() => alb(IngressController.awsAlb({ scheme: LoadBalancerScheme.INTERNET_FACING, sslRedirect: true }), { tls: IngressTls.disabled() })).toThrow(/sslRedirect true but the route has no TLS/);
    expect(() => alb(IngressController.awsAlb({ scheme: LoadBalancerScheme.INTERNET_FACING, sslPolicy: 'ELBSecurityPolicy-2016-08' }), { tls: IngressTls.disabled() })).toThrow(/sslPolicy but the route has no TLS/);
    expect(() => alb(IngressController.awsAlb({ scheme: LoadBalancerScheme.INTERNET_FACING }), { tls: IngressTls.fromSecret('api-tls') })).toThrow(/the ALB takes certificates from ACM only .* the TLS Secret of IngressTls.fromSecret would never be served/);
    expect(() => alb(IngressController.awsAlb({ scheme: LoadBalancerScheme.INTERNET_FACING }), { tls: IngressTls.certManager({ clusterIssuer: 'le' }) })).toThrow(/the certificate cert-manager would issue would never be served/);
  });

  test('refuses bad options', () => {
    expect(() => IngressController.awsAlb({} as any)).toThrow(/IngressController.awsAlb: scheme is required/);
    expect(() => IngressController.awsAlb({ scheme: LoadBalancerScheme.INTERNAL, allowSourceRanges: [] })).toThrow(/allowSourceRanges is empty/);
    expect(() => IngressController.awsAlb({ scheme: LoadBalancerScheme.INTERNAL, healthCheckPath: 'x' })).toThrow(/healthCheckPath "x" must start with "\/"/);
    expect(() => IngressController.awsAlb({ scheme: LoadBalancerScheme.INTERNAL, loadBalancerAttributes: { 'a b': '1' } })).toThrow(/loadBalancerAttributes key "a b" must be an attribute name/);
    expect(() => IngressController.awsAlb({ scheme: LoadBalancerScheme.INTERNAL, groupName: 'Shop' })).toThrow(/groupName "Shop" must be at most 63/);
  });

  test('on a SharedIngress, routes with and without TLS are refused (one ALB, one set of listeners)', () => {
    const chart = newChart();
    const edge = new SharedIngress(chart, 'Edge', { controller: IngressController.awsAlb({ scheme: LoadBalancerScheme.INTERNET_FACING }) });
    const pods = kplus.Pods.select(chart, 'P', { labels: { app: 'a' } });
    new IngressFronted(chart, 'Web', { selector: pods, ports: [{ port: 80 }], host: 'shop.example.com', sharedIngress: edge });
    expect(() => new IngressFronted(chart, 'Plain', { selector: pods, ports: [{ port: 80 }], host: 'plain.example.com', tls: IngressTls.disabled(), sharedIngress: edge }))
      .toThrow(/needs annotation alb.ingress.kubernetes.io\/listen-ports="\[\{\\"HTTP\\": 80\}\]" but SharedIngress '.*Edge' already has/);
    const ingress = ofKind(synth(chart), 'Ingress')[0];
    expect(ingress.metadata.annotations[`${A}ssl-redirect`]).toBe('443');
  });
});
