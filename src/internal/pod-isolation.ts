/**
 * The one builder of the NetworkPolicy that isolates the pods behind a Service: who may
 * connect to them (ingress, on the Service's target ports) and where they may connect to
 * (egress, always with DNS). InternalService, IngressFronted, GatewayFronted and PublicService
 * each own one.
 * Private to the library.
 */
import { Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { enumProblem } from './enums';
import { kubePeerOf } from './peers';
import { propError, show } from '../errors';
import type { ExposedService } from '../exposed-service';
import { AllowToOptions, DnsEgress, EgressIsolationProps, ProxyIsolationProps } from '../network-policy';
import { labelProblems } from '../validation/metadata';

/** What the owner of the isolation tells the builder, read when the policy is rendered. */
export interface IsolatedPods {
  /** The construct's kind, for messages (`InternalService`). */
  readonly kind: string;
  /** The construct. */
  readonly construct: Construct;
  /** The namespace of the Service. */
  readonly namespace?: string;
  /** The labels of the pods (the Service's selector). */
  podLabels(): Record<string, string>;
  /** The ports the pods receive on (the Service's target ports). */
  targetPorts(): kplus.k8s.NetworkPolicyPort[];
  /** Peers admitted whenever ingress is isolated (the load balancer's, the ingress controller's). */
  standingPeers?(): kplus.k8s.NetworkPolicyPeer[];
}

interface EgressPeer {
  readonly peer: kplus.k8s.NetworkPolicyPeer;
  readonly ports?: kplus.k8s.NetworkPolicyPort[];
}

/** The NetworkPolicy of the pods behind one Service; created on the first call that restricts something. */
export class PodIsolation {
  private readonly from: kplus.k8s.NetworkPolicyPeer[] = [];
  private readonly to: EgressPeer[] = [];
  private ingress = false;
  private egress = false;
  private dns?: DnsEgress;
  private policy?: kplus.k8s.KubeNetworkPolicy;

  constructor(private readonly pods: IsolatedPods, private readonly defaultDns: () => DnsEgress) {}

  /** Whether a NetworkPolicy restricts who connects to the pods. */
  public get isolatesIngress(): boolean {
    return this.ingress;
  }

  /** Whether a NetworkPolicy restricts where the pods connect to. */
  public get isolatesEgress(): boolean {
    return this.egress;
  }

  /** Restricts ingress to the standing peers and those admitted with `admit`. */
  public isolateIngress(): void {
    this.ingress = true;
    this.ensurePolicy();
  }

  /** Admits one more peer to the pods, on their target ports. */
  public admit(peer: kplus.INetworkPolicyPeer, what: string): void {
    const kube = kubePeerOf(peer, what, m => propError(this.pods.kind, this.pods.construct, `${what} ${m}`));
    this.from.push(kube);
    this.isolateIngress();
  }

  /** Lets the pods connect to one more peer (and restricts their egress from now on). */
  public allowTo(peer: kplus.INetworkPolicyPeer, options: AllowToOptions | undefined, what: string): void {
    const fail = (m: string) => propError(this.pods.kind, this.pods.construct, `${what} ${m}`);
    const kube = kubePeerOf(peer, what, fail);
    if (options !== undefined && (options === null || typeof options !== 'object')) throw fail(`options ${show(options)} must be an object such as { ports: [5432] }`);
    const protocolProblem = enumProblem('protocol', options?.protocol, kplus.Protocol as unknown as Record<string, string>, 'kplus.Protocol');
    if (protocolProblem) throw fail(protocolProblem);
    const ports = options?.ports;
    if (ports !== undefined) {
      if (!Array.isArray(ports) || ports.length === 0) throw fail(`ports ${show(ports)} must be a non-empty list of port numbers such as [5432]; omit it for every port`);
      ports.forEach((p, i) => {
        if (!Number.isInteger(p) || p < 1 || p > 65535) throw fail(`ports[${i}] ${show(p)} must be a whole number from 1 to 65535`);
      });
      if (new Set(ports).size !== ports.length) throw fail(`ports ${show(ports)} lists a port twice`);
    }
    const protocol = options?.protocol ?? kplus.Protocol.TCP;
    this.to.push({ peer: kube, ports: ports?.map(port => ({ protocol, port: kplus.k8s.IntOrString.fromNumber(port) })) });
    this.restrictEgress();
  }

  /** Restricts egress (to the peers of `allowTo` and DNS). */
  public restrictEgress(): void {
    this.egress = true;
    this.ensurePolicy();
  }

  /** Where the pods resolve names once egress is restricted. */
  public set dnsEgress(dns: DnsEgress) {
    this.dns = dns;
  }

  private ensurePolicy(): void {
    if (this.policy !== undefined) return;
    this.policy = new kplus.k8s.KubeNetworkPolicy(this.pods.construct, 'NetworkPolicy', {
      metadata: { namespace: this.pods.namespace },
      spec: Lazy.any({ produce: () => this.render() }),
    });
  }

  private render(): kplus.k8s.NetworkPolicySpec {
    const ports = this.pods.targetPorts();
    const from = [...(this.pods.standingPeers?.() ?? []), ...this.from];
    const policyTypes = [...(this.ingress ? ['Ingress'] : []), ...(this.egress ? ['Egress'] : [])];
    let egress: kplus.k8s.NetworkPolicyEgressRule[] | undefined;
    if (this.egress) {
      const anyPort = this.to.filter(t => t.ports === undefined).map(t => t.peer);
      egress = [
        ...(anyPort.length > 0 ? [{ to: anyPort }] : []),
        ...this.to.filter(t => t.ports !== undefined).map(t => ({ to: [t.peer], ports: t.ports })),
      ];
      const dns = (this.dns ?? this.defaultDns())._rule();
      if (dns !== undefined) egress.push(dns);
    }
    return {
      podSelector: { matchLabels: this.pods.podLabels() },
      policyTypes,
      // A rule without peers would admit everyone: with no peer at all, no ingress rule (deny all).
      ingress: !this.ingress || from.length === 0 ? undefined : [{ from, ports: ports.length > 0 ? ports : undefined }],
      egress: egress !== undefined && egress.length > 0 ? egress : undefined,
    };
  }
}

interface TargetPort { port: number; targetPort?: number; targetPortName?: string; protocol?: kplus.Protocol }

/** The target ports of a Service as NetworkPolicy ports (named target ports by name). */
export function targetPortsOf(ports: TargetPort[]): kplus.k8s.NetworkPolicyPort[] {
  return ports.map(p => ({
    protocol: p.protocol ?? kplus.Protocol.TCP,
    port: p.targetPortName !== undefined
      ? kplus.k8s.IntOrString.fromString(p.targetPortName)
      : kplus.k8s.IntOrString.fromNumber(p.targetPort ?? p.port),
  }));
}

/**
 * The pod isolation of a selecting Service construct, with the egress props (`allowTo`,
 * `dnsEgress`) applied: one builder for InternalService, IngressFronted and PublicService.
 */
export function isolationOf(service: ExposedService, props: EgressIsolationProps, standingPeers?: () => kplus.k8s.NetworkPolicyPeer[]): PodIsolation {
  const kind = service.constructKind;
  const isolation = new PodIsolation({
    kind,
    construct: service,
    namespace: service.metadata.namespace,
    podLabels: () => service.selectorLabels,
    targetPorts: () => targetPortsOf(service.exposedPorts),
    standingPeers,
  }, () => DnsEgress.kubeDns());
  if (props.dnsEgress !== undefined) {
    if (!(props.dnsEgress instanceof DnsEgress)) {
      throw propError(kind, service, `dnsEgress ${show(props.dnsEgress)} is not a DnsEgress; use DnsEgress.kubeDns(), DnsEgress.toPeers([...]) or DnsEgress.none()`);
    }
    if (props.allowTo === undefined) {
      throw propError(kind, service, 'dnsEgress is set but allowTo is not, so egress is not restricted and DNS needs no rule; pass allowTo: [...] as well, or remove dnsEgress');
    }
    isolation.dnsEgress = props.dnsEgress;
  }
  if (props.allowTo !== undefined) {
    if (!Array.isArray(props.allowTo)) {
      throw propError(kind, service, `allowTo ${show(props.allowTo)} must be a list of peers, such as [NetworkPeer.pods(kplus.Pods.select(chart, 'Db', { labels: { app: 'db' } }))]; pass [] to allow DNS only`);
    }
    isolation.restrictEgress();
    props.allowTo.forEach((peer, i) => isolation.allowTo(peer, undefined, `allowTo[${i}]`));
  }
  return isolation;
}

/** Why `what` (allowFrom) needs `proxyNamespaceLabels`: isolating the pods would cut the proxy off. */
export function proxyRequired(what: string, proxy: string): string {
  return `${what} isolates the Service's pods, which would cut off the ${proxy} proxy too; pass proxyNamespaceLabels (the labels of the namespace the proxy runs in, such as { 'kubernetes.io/metadata.name': 'ingress-nginx' }) so that the NetworkPolicy admits it`;
}

/**
 * The NetworkPolicy peer of a front end's proxy (`proxyNamespaceLabels`, `proxyPodLabels`), or
 * undefined when its pods are not isolated; checks `allowFrom` needs the proxy's namespace.
 *
 * @param proxy whose proxy, for messages (`ingress controller's`, `Gateway's`)
 */
export function proxyPeerOf(service: ExposedService, props: ProxyIsolationProps, proxy: string): kplus.k8s.NetworkPolicyPeer | undefined {
  const fail = (message: string) => propError(service.constructKind, service, message);
  const namespaces = props.proxyNamespaceLabels;
  if (props.allowFrom !== undefined && !Array.isArray(props.allowFrom)) {
    throw fail(`allowFrom ${show(props.allowFrom)} must be a list of peers, such as [NetworkPeer.pods(kplus.Pods.select(chart, 'Web', { labels: { app: 'web' } }))]`);
  }
  if (namespaces === undefined) {
    if (props.allowFrom !== undefined) throw fail(proxyRequired('allowFrom', proxy));
    if (props.proxyPodLabels !== undefined) throw fail('proxyPodLabels is set but proxyNamespaceLabels is not; pass the labels of the namespace the proxy pods run in, such as { \'kubernetes.io/metadata.name\': \'ingress-nginx\' }');
    return undefined;
  }
  const problems = [...labelProblems(namespaces, 'proxyNamespaceLabels'), ...labelProblems(props.proxyPodLabels, 'proxyPodLabels')];
  if (problems.length > 0) throw fail(`${problems.join('; ')}; pass label maps such as { 'kubernetes.io/metadata.name': 'ingress-nginx' }`);
  if (Object.keys(namespaces).length === 0) {
    throw fail('proxyNamespaceLabels {} selects every namespace, which would admit every pod in the cluster; pass the labels of the proxy\'s namespace, such as { \'kubernetes.io/metadata.name\': \'ingress-nginx\' }');
  }
  return {
    namespaceSelector: { matchLabels: { ...namespaces } },
    // A peer without a podSelector is every pod of the namespaces.
    ...(props.proxyPodLabels !== undefined && Object.keys(props.proxyPodLabels).length > 0
      ? { podSelector: { matchLabels: { ...props.proxyPodLabels } } }
      : {}),
  };
}
