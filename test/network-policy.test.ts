import * as kplus from 'cdk8s-plus-28';
import { DefaultDenyPolicy, DnsEgress, InternalService, NetworkPeer } from '../src';
import { newChart, ofKind, synth } from './util';

const KUBE_DNS = {
  to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
  ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
};

describe('DefaultDenyPolicy', () => {
  test('denies ingress and egress for every pod of the namespace, except DNS to kube-dns', () => {
    // GIVEN
    const chart = newChart();
    // WHEN
    new DefaultDenyPolicy(chart, 'Deny', { namespace: 'shop' });
    // THEN
    const [policy] = ofKind(synth(chart), 'NetworkPolicy');
    expect(policy.metadata).toEqual({ name: expect.stringMatching(/^test-deny-/), namespace: 'shop' });
    expect(policy.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'], egress: [KUBE_DNS] });
  });

  test('ingress only: no egress rule and no Egress type', () => {
    const chart = newChart();
    const deny = new DefaultDenyPolicy(chart, 'Deny', { egress: false, name: 'deny-ingress' });
    const [policy] = ofKind(synth(chart), 'NetworkPolicy');
    expect(policy.metadata.name).toBe('deny-ingress');
    expect(policy.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
    expect([deny.deniesIngress, deny.deniesEgress]).toEqual([true, false]);
  });

  test('egress only, with DNS to NodeLocal DNSCache, or no DNS at all', () => {
    const chart = newChart();
    new DefaultDenyPolicy(chart, 'Local', { ingress: false, dnsEgress: DnsEgress.toPeers([kplus.NetworkPolicyIpBlock.ipv4(chart, 'NodeLocal', '169.254.20.10/32')]) });
    new DefaultDenyPolicy(chart, 'NoDns', { ingress: false, dnsEgress: DnsEgress.none() });
    const [local, noDns] = ofKind(synth(chart), 'NetworkPolicy');
    expect(local.spec).toEqual({ podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '169.254.20.10/32' } }], ports: KUBE_DNS.ports }] });
    expect(noDns.spec).toEqual({ podSelector: {}, policyTypes: ['Egress'] });
  });

  test('bad props name the construct, the prop, the value and the fix', () => {
    const chart = newChart();
    expect(() => new DefaultDenyPolicy(chart, 'A', { ingress: false, egress: false })).toThrow(/DefaultDenyPolicy 'test\/A': ingress and egress are both false, so the policy would deny nothing; leave one of them true/);
    expect(() => new DefaultDenyPolicy(chart, 'B', { namespace: 'Shop' })).toThrow(/DefaultDenyPolicy 'test\/B': namespace "Shop" /);
    expect(() => new DefaultDenyPolicy(chart, 'C', { name: 'no_underscores' })).toThrow(/DefaultDenyPolicy 'test\/C': name "no_underscores" /);
    expect(() => new DefaultDenyPolicy(chart, 'D', { egress: false, dnsEgress: DnsEgress.kubeDns() })).toThrow(/DefaultDenyPolicy 'test\/D': dnsEgress is set but egress is false/);
    expect(() => new DefaultDenyPolicy(chart, 'E', { dnsEgress: 'kube-dns' as any })).toThrow(/DefaultDenyPolicy 'test\/E': dnsEgress "kube-dns" is not a DnsEgress; use DnsEgress.kubeDns\(\)/);
    expect(() => new DefaultDenyPolicy(chart, 'F', { ingress: 'yes' as any })).toThrow(/DefaultDenyPolicy 'test\/F': ingress "yes" must be true or false/);
  });
});

describe('DnsEgress', () => {
  test('toPeers needs at least one valid peer', () => {
    const chart = newChart();
    expect(() => DnsEgress.toPeers([])).toThrow(/DnsEgress.toPeers: received \[\]; pass at least one peer, or DnsEgress.none\(\)/);
    expect(() => DnsEgress.toPeers([{} as any])).toThrow(/DnsEgress.toPeers: peers\[0\]: received \{\}; pass a workload/);
    expect(() => DnsEgress.toPeers([kplus.Pods.select(chart, 'P', { labels: { 'k8s-app': 'bad value!' } })])).toThrow(/DnsEgress.toPeers: peers\[0\]: peer podSelector.matchLabels "k8s-app" has value "bad value!"/);
  });

  test('is the DNS of a construct that restricts egress', () => {
    const chart = newChart();
    new InternalService(chart, 'Api', { selectLabels: { app: 'api' }, ports: [{ port: 80 }], allowTo: [], dnsEgress: DnsEgress.none() });
    const [policy] = ofKind(synth(chart), 'NetworkPolicy');
    expect(policy.spec).toEqual({ podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Egress'] });
  });
});

describe('NetworkPeer', () => {
  test('pods(kplus.Pods.select(...)) is the same peer as the Pods themselves, wherever a peer is taken', () => {
    // GIVEN the form Java and .NET need, and the form TypeScript accepts by shape
    const chart = newChart();
    const web = kplus.Pods.select(chart, 'Web', { labels: { app: 'web' } });
    const db = kplus.Pods.select(chart, 'Db', { labels: { app: 'db' }, namespaces: kplus.Namespaces.select(chart, 'Data', { names: ['data'] }) });
    // WHEN
    new InternalService(chart, 'Wrapped', { selectLabels: { app: 'api' }, ports: [{ port: 80 }], allowFrom: [NetworkPeer.pods(web)], allowTo: [NetworkPeer.pods(db)] });
    new InternalService(chart, 'Plain', { selectLabels: { app: 'api' }, ports: [{ port: 80 }], allowFrom: [web], allowTo: [db] });
    const dns = DnsEgress.toPeers([NetworkPeer.pods(db)]);
    new DefaultDenyPolicy(chart, 'Deny', { ingress: false, dnsEgress: dns });
    new kplus.NetworkPolicy(chart, 'Kplus', { selector: web, ingress: { rules: [{ peer: NetworkPeer.pods(db) }] } });
    // THEN
    const [wrapped, plain, deny, kplusPolicy] = ofKind(synth(chart), 'NetworkPolicy');
    expect(wrapped.spec).toEqual(plain.spec);
    expect(wrapped.spec.ingress[0].from).toEqual([{ podSelector: { matchLabels: { app: 'web' } } }]);
    expect(wrapped.spec.egress[0].to).toEqual([{
      podSelector: { matchLabels: { app: 'db' } },
      namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['data'] }] },
    }]);
    expect(deny.spec.egress[0].to).toEqual(wrapped.spec.egress[0].to);
    expect(kplusPolicy.spec.ingress[0].from[0].podSelector).toEqual({ matchLabels: { app: 'db' } });
  });

  test('pods() returns a workload as it is (it is a peer already), and keeps the selector\'s node', () => {
    const chart = newChart();
    const deployment = new kplus.Deployment(chart, 'Api', { containers: [{ image: 'api:1' }] });
    const pods = kplus.Pods.select(chart, 'Web', { labels: { app: 'web' } });
    expect(NetworkPeer.pods(deployment)).toBe(deployment);
    const peer = NetworkPeer.pods(pods);
    expect(peer.node).toBe(pods.node);
    expect(peer.toPodSelector()).toBe(pods);
  });

  test('pods() refuses what is not a pod selector, with the fix', () => {
    const chart = newChart();
    expect(() => NetworkPeer.pods(undefined as any)).toThrow(/NetworkPeer.pods: received undefined; pass a workload or kplus.Pods.select\(\.\.\.\)/);
    expect(() => NetworkPeer.pods(kplus.Namespaces.select(chart, 'N', { names: ['x'] }) as any)).toThrow(/NetworkPeer.pods: received .*; pass a workload or kplus.Pods.select/);
  });
});
