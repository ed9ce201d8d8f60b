import { Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { factoryError, propError, show } from './errors';
import { kubePeerOf } from './internal/peers';
import { refused } from './internal/refusal';
import { checkDns1123Label, checkDns1123Subdomain } from './validation/names';

/** The namespace and pod labels of the cluster DNS (CoreDNS keeps kube-dns's labels). */
const KUBE_DNS_PEER: kplus.k8s.NetworkPolicyPeer = {
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
  podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
};

/**
 * Where pods whose egress is restricted may still resolve names. Once a NetworkPolicy
 * restricts egress, DNS is refused like everything else, so every policy the library writes
 * with egress admits DNS too, unless `DnsEgress.none()` says not to.
 */
export class DnsEgress {
  /**
   * The cluster DNS: pods labelled `k8s-app: kube-dns` in the namespace `kube-system`
   * (CoreDNS as kubeadm and the managed clouds install it), on UDP and TCP port 53.
   */
  public static kubeDns(): DnsEgress {
    return new DnsEgress([KUBE_DNS_PEER]);
  }

  /**
   * Other DNS servers, on UDP and TCP port 53: for example NodeLocal DNSCache
   * (`kplus.NetworkPolicyIpBlock.ipv4(chart, 'NodeLocalDns', '169.254.20.10/32')`) or a DNS
   * server outside the cluster.
   *
   * @param peers the DNS servers; at least one
   */
  public static toPeers(peers: kplus.INetworkPolicyPeer[]): DnsEgress {
    if (!Array.isArray(peers) || peers.length === 0) {
      throw factoryError('DnsEgress.toPeers', `received ${show(peers)}; pass at least one peer, or DnsEgress.none() for no DNS at all`);
    }
    return new DnsEgress(peers.map((peer, i) => kubePeerOf(peer, `DnsEgress.toPeers: peers[${i}]`)));
  }

  /** No DNS: the pods connect by IP address only. */
  public static none(): DnsEgress {
    return new DnsEgress([]);
  }

  private constructor(private readonly peers: kplus.k8s.NetworkPolicyPeer[]) {}

  /**
   * The egress rule, or undefined for `none()`.
   * @internal
   */
  public _rule(): kplus.k8s.NetworkPolicyEgressRule | undefined {
    if (this.peers.length === 0) return undefined;
    return {
      to: this.peers,
      ports: [
        { protocol: 'UDP', port: kplus.k8s.IntOrString.fromNumber(53) },
        { protocol: 'TCP', port: kplus.k8s.IntOrString.fromNumber(53) },
      ],
    };
  }
}

/**
 * Options of `allowTo()`: the ports the pods may connect to on a peer.
 */
export interface AllowToOptions {
  /**
   * The peer's ports the pods may connect to (1-65535).
   *
   * @default - every port
   */
  readonly ports?: number[];

  /**
   * The protocol of `ports`.
   *
   * @default kplus.Protocol.TCP
   */
  readonly protocol?: kplus.Protocol;
}

/**
 * Props that restrict where the pods behind a Service may connect to (egress).
 */
export interface EgressIsolationProps {
  /**
   * The only peers the Service's pods may connect to, on every port (use `allowTo()` to name
   * ports): workloads, `kplus.Pods.select(...)`, `kplus.Namespaces.select(...)` or IP blocks.
   * When given, the NetworkPolicy of the Service's pods restricts egress too, and admits DNS
   * (see `dnsEgress`).
   *
   * @default - egress is not restricted: the pods may connect anywhere
   */
  readonly allowTo?: kplus.INetworkPolicyPeer[];

  /**
   * Where the pods may resolve names once egress is restricted.
   *
   * @default DnsEgress.kubeDns()
   */
  readonly dnsEgress?: DnsEgress;
}

/**
 * Props that isolate the pods behind a proxy (an ingress controller's or a Gateway's): who may
 * connect to them besides the proxy, and where they may connect to. `IngressFronted` and
 * `GatewayFronted` take them.
 */
export interface ProxyIsolationProps extends EgressIsolationProps {
  /**
   * The labels of the namespace the ingress controller's (or the Gateway's) proxy pods run
   * in, such as `{ 'kubernetes.io/metadata.name': 'ingress-nginx' }`. When given, a
   * NetworkPolicy isolates the Service's pods: only the proxy (and `allowFrom`) may connect,
   * on the Service's target ports. The library does not guess where the proxy runs: a Gateway's
   * proxy often runs in another namespace than the Gateway (Envoy Gateway, for one). A proxy on
   * the host network (`hostNetwork: true`) connects from the nodes' addresses: admit those with
   * `allowFrom` and a `kplus.NetworkPolicyIpBlock` instead.
   *
   * @default - no NetworkPolicy: any pod in the cluster can reach the Service's pods
   */
  readonly proxyNamespaceLabels?: Record<string, string>;

  /**
   * The labels of the proxy pods in `proxyNamespaceLabels`' namespaces, such as
   * `{ 'app.kubernetes.io/name': 'ingress-nginx' }`.
   *
   * @default - every pod in those namespaces
   */
  readonly proxyPodLabels?: Record<string, string>;

  /**
   * More peers that may reach the Service's pods besides the proxy: workloads,
   * `kplus.Pods.select(...)`, `kplus.Namespaces.select(...)` or IP blocks. Needs
   * `proxyNamespaceLabels`, so that isolating the pods does not cut the proxy off.
   *
   * @default - only the proxy, when `proxyNamespaceLabels` is given
   */
  readonly allowFrom?: kplus.INetworkPolicyPeer[];
}

/**
 * Props of a `DefaultDenyPolicy`.
 */
export interface DefaultDenyPolicyProps {
  /**
   * The namespace whose pods are isolated.
   *
   * @default - the chart's namespace (without one, the namespace the manifest is applied to)
   */
  readonly namespace?: string;

  /**
   * The NetworkPolicy's name.
   *
   * @default - a name generated by cdk8s from the construct path
   */
  readonly name?: string;

  /**
   * Refuse every incoming connection that no other NetworkPolicy admits.
   *
   * @default true
   */
  readonly ingress?: boolean;

  /**
   * Refuse every outgoing connection that no other NetworkPolicy allows, except DNS
   * (`dnsEgress`).
   *
   * @default true
   */
  readonly egress?: boolean;

  /**
   * Where the pods may still resolve names when egress is denied.
   *
   * @default DnsEgress.kubeDns()
   */
  readonly dnsEgress?: DnsEgress;
}

/**
 * An opt-in default deny for a namespace: a NetworkPolicy that selects every pod of the
 * namespace and admits nothing (ingress) and allows nothing but DNS (egress). Connections are
 * then only those that other NetworkPolicies allow, such as the ones `allowFrom` and
 * `allowTo` emit. NetworkPolicies add up: this one takes nothing away from them.
 *
 * @example
 * declare const chart: Chart;
 * new DefaultDenyPolicy(chart, 'DenyAll', { namespace: 'shop' });
 */
export class DefaultDenyPolicy extends Construct {
  /** The NetworkPolicy. */
  public readonly networkPolicy: kplus.k8s.KubeNetworkPolicy;

  /** Whether incoming connections are denied. */
  public readonly deniesIngress: boolean;

  /** Whether outgoing connections (other than DNS) are denied. */
  public readonly deniesEgress: boolean;

  /**
   * @param scope the chart (or construct) to define the policy in
   * @param id an id unique within scope
   * @param props what to deny
   */
  constructor(scope: Construct, id: string, props: DefaultDenyPolicyProps = {}) {
    super(scope, id);
    try {
      const kind = 'DefaultDenyPolicy';
      if (props === null || typeof props !== 'object') throw propError(kind, this, `props ${show(props)} must be an object`);
      for (const key of ['ingress', 'egress'] as const) {
        if (props[key] !== undefined && typeof props[key] !== 'boolean') throw propError(kind, this, `${key} ${show(props[key])} must be true or false`);
      }
      this.deniesIngress = props.ingress ?? true;
      this.deniesEgress = props.egress ?? true;
      if (!this.deniesIngress && !this.deniesEgress) {
        throw propError(kind, this, 'ingress and egress are both false, so the policy would deny nothing; leave one of them true (both are by default), or remove the DefaultDenyPolicy');
      }
      if (props.namespace !== undefined) {
        const problem = typeof props.namespace === 'string' ? checkDns1123Label(props.namespace) : 'is not a string';
        if (problem) throw propError(kind, this, `namespace ${show(props.namespace)} ${problem}`);
      }
      if (props.name !== undefined) {
        const problem = typeof props.name === 'string' ? checkDns1123Subdomain(props.name) : 'is not a string';
        if (problem) throw propError(kind, this, `name ${show(props.name)} ${problem}`);
      }
      if (props.dnsEgress !== undefined && !(props.dnsEgress instanceof DnsEgress)) {
        throw propError(kind, this, `dnsEgress ${show(props.dnsEgress)} is not a DnsEgress; use DnsEgress.kubeDns(), DnsEgress.toPeers([...]) or DnsEgress.none()`);
      }
      if (props.dnsEgress !== undefined && !this.deniesEgress) {
        throw propError(kind, this, 'dnsEgress is set but egress is false, so DNS is not restricted in the first place; remove dnsEgress or set egress: true');
      }
      const dns = (props.dnsEgress ?? DnsEgress.kubeDns())._rule();
      this.networkPolicy = new kplus.k8s.KubeNetworkPolicy(this, 'Resource', {
        metadata: { ...(props.name !== undefined ? { name: props.name } : {}), namespace: props.namespace },
        spec: Lazy.any({
          produce: (): kplus.k8s.NetworkPolicySpec => ({
            podSelector: {},
            policyTypes: [...(this.deniesIngress ? ['Ingress'] : []), ...(this.deniesEgress ? ['Egress'] : [])],
            egress: this.deniesEgress && dns !== undefined ? [dns] : undefined,
          }),
        }),
      });
    } catch (e) {
      throw refused(this, e);
    }
  }
}
