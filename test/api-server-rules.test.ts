import * as kplus from 'cdk8s-plus-28';
import * as fc from 'fast-check';
import { DevService, ExposeErrors, ExternalAlias, IngressFronted, InternalService, PublicService, SourceRanges } from '../src';
import { enumish, labelKey, labels, labelValue } from './arbitraries';
import { newChart, synth } from './util';
import { manifestProblems } from '../src/validation/manifest';
import { serviceProblems } from '../src/validation/service';

/**
 * The API server's own Service create table (kubernetes/kubernetes v1.36.3,
 * pkg/apis/core/validation/validation_test.go, TestValidateServiceCreate), row by row where the
 * row is about a field a manifest can carry, through the library's restatement of the rules
 * (src/validation/service.ts). Each row names the server's test case.
 */
const base = (spec: any = {}, metadata: any = {}) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'abc123', namespace: 'default', ...metadata },
  spec: { selector: { key: 'val' }, ports: [{ name: 'p', protocol: 'TCP', port: 8675, targetPort: 8675 }], ...spec },
});
const ROWS: Array<[string, any, boolean]> = [
  ['valid 1', base(), true],
  ['invalid namespace', base({}, { namespace: '-123' }), false],
  ['invalid name', base({}, { name: '-123' }), false],
  ['too long name', base({}, { name: 'a'.repeat(64) }), false],
  ['invalid label', base({}, { labels: { 'NoUppercaseOrSpecialCharsLike=Equals': 'bar' } }), false],
  ['invalid annotation', base({}, { annotations: { 'NoSpecialCharsLike=Equals': 'bar' } }), false],
  ['annotation keys ignore case', base({}, { annotations: { 'Example.COM/Key': 'bar' } }), true],
  ['nil selector', base({ selector: undefined }), true],
  ['invalid selector', base({ selector: { 'NoSpecialCharsLike=Equals': 'bar' } }), false],
  ['missing ports', base({ ports: [] }), false],
  ['missing ports but headless', base({ ports: [], clusterIP: 'None' }), true],
  ['empty port[0] name', base({ ports: [{ name: '', protocol: 'TCP', port: 12345, targetPort: 12345 }] }), true],
  ['empty port[1] name', base({ ports: [{ name: 'p', protocol: 'TCP', port: 1, targetPort: 1 }, { name: '', protocol: 'TCP', port: 12345, targetPort: 12345 }] }), false],
  ['invalid port name', base({ ports: [{ name: 'INVALID', protocol: 'TCP', port: 8675, targetPort: 8675 }] }), false],
  ['invalid protocol', base({ ports: [{ name: 'p', protocol: 'INVALID', port: 8675, targetPort: 8675 }] }), false],
  ['invalid cluster ip', base({ clusterIP: 'invalid' }), false],
  ['missing port', base({ ports: [{ name: 'p', protocol: 'TCP', port: 0, targetPort: 0 }] }), false],
  ['invalid port', base({ ports: [{ name: 'p', protocol: 'TCP', port: 65536, targetPort: 8675 }] }), false],
  ['invalid TargetPort int', base({ ports: [{ name: 'p', protocol: 'TCP', port: 8675, targetPort: 65536 }] }), false],
  ['invalid externalIPs localhost', base({ externalIPs: ['127.0.0.1'] }), false],
  ['invalid externalIPs unspecified', base({ externalIPs: ['0.0.0.0'] }), false],
  ['invalid externalIPs host', base({ externalIPs: ['myhost.mydomain'] }), false],
  ['valid externalIPs', base({ externalIPs: ['1.2.3.4'] }), true],
  ['dup port name', base({ ports: [{ name: 'p', protocol: 'TCP', port: 1, targetPort: 1 }, { name: 'p', protocol: 'TCP', port: 2, targetPort: 2 }] }), false],
  ['valid cluster ip - none', base({ clusterIP: 'None' }), true],
  ['valid type - nodeport', base({ type: 'NodePort' }), true],
  ['duplicate nodeports', base({ type: 'NodePort', ports: [{ name: 'a', protocol: 'TCP', port: 1, nodePort: 30001 }, { name: 'b', protocol: 'TCP', port: 2, nodePort: 30001 }] }), false],
  ['duplicate nodeports (different protocols)', base({ type: 'NodePort', ports: [{ name: 'a', protocol: 'TCP', port: 1, nodePort: 30001 }, { name: 'b', protocol: 'UDP', port: 2, nodePort: 30001 }] }), true],
  ['invalid duplicate ports (with same protocol)', base({ ports: [{ name: 'a', protocol: 'TCP', port: 8080 }, { name: 'b', protocol: 'TCP', port: 8080 }] }), false],
  ['valid duplicate ports (with different protocols)', base({ ports: [{ name: 'a', protocol: 'TCP', port: 53 }, { name: 'b', protocol: 'UDP', port: 53 }] }), true],
  ['invalid cluster service with NodePort', base({ ports: [{ name: 'p', protocol: 'TCP', port: 1, nodePort: 30001 }] }), false],
  ['valid LoadBalancer source range annotation', base({ type: 'LoadBalancer' }, { annotations: { 'service.beta.kubernetes.io/load-balancer-source-ranges': '1.2.3.4/8,  5.6.7.8/16' } }), false],
  ['valid LoadBalancer source range annotation (no host bits)', base({ type: 'LoadBalancer' }, { annotations: { 'service.beta.kubernetes.io/load-balancer-source-ranges': '1.0.0.0/8,  5.6.0.0/16' } }), true],
  ['valid empty LoadBalancer source range annotation', base({ type: 'LoadBalancer' }, { annotations: { 'service.beta.kubernetes.io/load-balancer-source-ranges': '' } }), true],
  ['valid whitespace-only LoadBalancer source range annotation', base({ type: 'LoadBalancer' }, { annotations: { 'service.beta.kubernetes.io/load-balancer-source-ranges': '  ' } }), true],
  ['invalid LoadBalancer source range annotation (hostname)', base({ type: 'LoadBalancer' }, { annotations: { 'service.beta.kubernetes.io/load-balancer-source-ranges': 'foo.bar' } }), false],
  ['invalid LoadBalancer source range annotation for non LoadBalancer type service', base({}, { annotations: { 'service.beta.kubernetes.io/load-balancer-source-ranges': '1.0.0.0/8' } }), false],
  ['invalid empty-but-set LoadBalancer source range annotation for non LoadBalancer type service', base({}, { annotations: { 'service.beta.kubernetes.io/load-balancer-source-ranges': '' } }), false],
  ['valid LoadBalancer source range with whitespace', base({ type: 'LoadBalancer', loadBalancerSourceRanges: ['   1.0.0.0/8  ', ' 5.6.0.0/16 '] }), true],
  ['invalid LoadBalancer source range (hostname)', base({ type: 'LoadBalancer', loadBalancerSourceRanges: ['foo.bar'] }), false],
  ['invalid source range for non LoadBalancer type service', base({ loadBalancerSourceRanges: ['1.0.0.0/8'] }), false],
  ['invalid source range annotation ignored with valid source range field', base({ type: 'LoadBalancer', loadBalancerSourceRanges: ['1.0.0.0/8'] }, { annotations: { 'service.beta.kubernetes.io/load-balancer-source-ranges': 'foo.bar' } }), true],
  ['valid ExternalName', base({ type: 'ExternalName', externalName: 'foo.bar.example.com', selector: undefined, ports: undefined }), true],
  ['valid ExternalName (trailing dot)', base({ type: 'ExternalName', externalName: 'foo.bar.example.com.', selector: undefined, ports: undefined }), true],
  ['invalid ExternalName clusterIP (None)', base({ type: 'ExternalName', externalName: 'foo.bar.example.com', clusterIP: 'None' }), false],
  ['invalid ExternalName (not a DNS name)', base({ type: 'ExternalName', externalName: '-123' }), false],
  ['LoadBalancer type cannot have None ClusterIP', base({ type: 'LoadBalancer', clusterIP: 'None' }), false],
  ['invalid node port with clusterIP None', base({ type: 'NodePort', clusterIP: 'None' }), false],
  ['invalid externalTraffic field', base({ type: 'LoadBalancer', externalTrafficPolicy: 'invalid' }), false],
  ['externalTrafficPolicy on ClusterIP', base({ externalTrafficPolicy: 'Local' }), false],
  ['invalid internalTraffic field', base({ internalTrafficPolicy: 'invalid' }), false],
  ['internalTrafficPolicy field set to Local', base({ internalTrafficPolicy: 'Local' }), true],
  ['negative healthCheckNodePort field', base({ type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: -1 }), false],
  ['healthCheckNodePort without Local', base({ type: 'LoadBalancer', healthCheckNodePort: 30100 }), false],
  ['invalid timeoutSeconds field', base({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: -1 } } }), false],
  ['sessionAffinityConfig can\'t be set when session affinity is None', base({ sessionAffinity: 'None', sessionAffinityConfig: { clientIP: { timeoutSeconds: 90 } } }), false],
  ['invalid, service with invalid ipFamilies', base({ ipFamilies: ['not-a-family'] }), false],
  ['IPFamilyPolicy(singleStack) is set for two families', base({ ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4', 'IPv6'] }), false],
  ['valid, IPFamilyPolicy(preferDualStack) is set for two families', base({ ipFamilyPolicy: 'PreferDualStack', ipFamilies: ['IPv4', 'IPv6'] }), true],
  ['invalid, service with 2+ ipFamilies', base({ ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4', 'IPv6', 'IPv4'] }), false],
  ['invalid, service with same ip families', base({ ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv6', 'IPv6'] }), false],
  ['Use AllocateLoadBalancerNodePorts when type is not LoadBalancer', base({ allocateLoadBalancerNodePorts: true }), false],
  ['valid LoadBalancerClass when type is LoadBalancer', base({ type: 'LoadBalancer', loadBalancerClass: 'test.com/test-load-balancer-class' }), true],
  ['invalid LoadBalancerClass', base({ type: 'LoadBalancer', loadBalancerClass: 'Bad/LoadBalancerClass' }), false],
  ['invalid set LoadBalancerClass when type is not LoadBalancer', base({ loadBalancerClass: 'test.com/test-load-balancer-class' }), false],
  ['topology annotations that disagree', base({}, { annotations: { 'service.kubernetes.io/topology-mode': 'Auto', 'service.kubernetes.io/topology-aware-hints': 'Disabled' } }), false],
  ['topology annotations that agree', base({}, { annotations: { 'service.kubernetes.io/topology-mode': 'Auto', 'service.kubernetes.io/topology-aware-hints': 'Auto' } }), true],
  ['annotations over 256 KiB', base({}, { annotations: { big: 'x'.repeat(256 * 1024) } }), false],
];

describe('the API server\'s Service create table', () => {
  test.each(ROWS.map(([name, manifest, valid]) => [name, valid ? 'valid' : 'invalid', manifest]))('%s: %s', (_name, verdict, manifest) => {
    const problems = serviceProblems(manifest);
    if (verdict === 'valid') expect(problems).toEqual([]);
    else expect(problems.length).toBeGreaterThan(0);
  });

  test('the deliberate differences are the documented ones: DNS-1035 names and CIDRs with host bits', () => {
    expect(serviceProblems(base({}, { name: '1abc' }))).toEqual([expect.stringMatching(/^metadata.name "1abc" must be a DNS-1035 label/)]);
    expect(serviceProblems(base({ type: 'LoadBalancer', loadBalancerSourceRanges: ['10.0.0.1/8'] }))[0]).toMatch(/host bits|10\.0\.0\.0\/8/);
  });
});

describe('the same rules through the constructs\' props (as a JavaScript or Python caller passes them)', () => {
  test('what the server accepts is accepted: port name "", source ranges with spaces', () => {
    const chart = newChart();
    new InternalService(chart, 'A', { selectLabels: { app: 'a' }, ports: [{ port: 80, name: '' }] });
    new PublicService(chart, 'B', { selectLabels: { app: 'b' }, ports: [{ port: 443 }], sourceRanges: SourceRanges.cidrs([' 203.0.113.0/24 ']) });
    const [a, b] = synth(chart).filter(m => m.kind === 'Service');
    expect(a.spec.ports[0].name).toBeUndefined();
    expect(b.spec.loadBalancerSourceRanges).toEqual(['203.0.113.0/24']);
  });

  test('Service annotations the server validates are checked where they are given', () => {
    const chart = newChart();
    expect(() => new InternalService(chart, 'A', { selectLabels: { app: 'a' }, ports: [{ port: 80 }], metadata: { annotations: { 'service.beta.kubernetes.io/load-balancer-source-ranges': '10.0.0.0/8' } } }))
      .toThrow(/InternalService 'test\/A': metadata.annotations service.beta.kubernetes.io\/load-balancer-source-ranges may only be used when type is LoadBalancer \(it is ClusterIP\)/);
    expect(() => new InternalService(chart, 'B', { selectLabels: { app: 'b' }, ports: [{ port: 80 }], metadata: { annotations: { 'service.kubernetes.io/topology-mode': 'Auto', 'service.kubernetes.io/topology-aware-hints': 'Disabled' } } }))
      .toThrow(/topology-mode "Auto" must match service.kubernetes.io\/topology-aware-hints "Disabled"/);
    expect(() => new PublicService(chart, 'C', { selectLabels: { app: 'c' }, ports: [{ port: 80 }], sourceRanges: SourceRanges.anywhere(), metadata: { annotations: { 'service.beta.kubernetes.io/load-balancer-source-ranges': 'foo.bar' } } }))
      .toThrow(/load-balancer-source-ranges\[0\] "foo.bar" must be a CIDR/);
  });
});

const makers: Record<string, (chart: any, p: any) => void> = {
  InternalService: (chart, p) => new InternalService(chart, 'Svc', { ...p }),
  DevService: (chart, p) => new DevService(chart, 'Svc', { ...p, externalTrafficPolicy: p.externalTrafficPolicy }),
  PublicService: (chart, p) => new PublicService(chart, 'Svc', { ...p, sourceRanges: SourceRanges.anywhere() }),
  ExternalAlias: (chart, p) => new ExternalAlias(chart, 'Svc', { externalName: 'db.example.com', metadata: p.metadata, ports: [{ port: 5432 }] }),
  IngressFronted: (chart, p) => new IngressFronted(chart, 'Svc', { ...p, host: 'a.example.com', ingressMetadata: { labels: p.metadata.labels } }),
};

describe('properties: metadata, selectors, annotations and enum values', () => {
  const counts: Record<string, { accepted: number; refused: number }> = {};
  afterAll(() => {
    // The counts a closing note quotes, on request (CDK8S_EXPOSE_PRINT_COUNTS=1).
    if (process.env.CDK8S_EXPOSE_PRINT_COUNTS) process.stdout.write(`api-server properties: ${JSON.stringify(counts)}\n`);
  });

  test.each(Object.keys(makers))('%s: any metadata, selector and enum value gives a ValidationError or a manifest the API server accepts', (kind) => {
    counts[kind] = { accepted: 0, refused: 0 };
    fc.assert(fc.property(
      labels, fc.dictionary(labelKey, labelValue, { minKeys: 1, maxKeys: 2 }), fc.dictionary(labelKey, fc.string({ maxLength: 8 }), { maxKeys: 2 }),
      enumish('None', 'ClientIP'), enumish('Cluster', 'Local'), enumish('Cluster', 'Local'), enumish('SingleStack', 'PreferDualStack'),
      (metaLabels, selectLabels, annotations, sessionAffinity, internalTrafficPolicy, externalTrafficPolicy, ipFamilyPolicy) => {
        const chart = newChart();
        const props = {
          selectLabels,
          ports: [{ port: 80 }],
          metadata: { labels: metaLabels, annotations },
          sessionAffinity,
          internalTrafficPolicy,
          externalTrafficPolicy: kind === 'DevService' ? externalTrafficPolicy : undefined,
          ipFamilyPolicy: kind === 'ExternalAlias' ? undefined : ipFamilyPolicy,
        };
        let manifests: any[];
        try {
          makers[kind](chart, props);
          manifests = synth(chart);
        } catch (e) {
          expect(ExposeErrors.isValidationError(e) || /\] \w+ 'test\/Svc': /.test((e as Error).message)).toBe(true);
          expect((e as Error).message).toMatch(new RegExp(`${kind} 'test/Svc': \\S`));
          counts[kind].refused++;
          return;
        }
        counts[kind].accepted++;
        for (const m of manifests) expect(manifestProblems(m)).toEqual([]);
      }), { numRuns: 300, seed: 18 });
    expect(counts[kind].accepted).toBeGreaterThan(0);
    expect(counts[kind].refused).toBeGreaterThan(0);
  });

  test('a kplus selector whose labels the server refuses is refused (Pods.select does not check them)', () => {
    const chart = newChart();
    expect(() => new InternalService(chart, 'Svc', { selector: kplus.Pods.select(chart, 'P', { labels: { 'bad key': 'x' } }), ports: [{ port: 80 }] }))
      .toThrow(/InternalService 'test\/Svc': selector key "bad key"/);
    expect(() => new InternalService(chart, 'Iso', { selectLabels: { app: 'a' }, ports: [{ port: 80 }], allowFrom: [kplus.Pods.select(chart, 'Q', { labels: { app: 'not ok!' } })] }))
      .toThrow(/allowFrom peer podSelector.matchLabels "app" has value "not ok!"/);
  });
});
