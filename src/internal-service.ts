import { Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { propError, show } from './errors';
import { ExposedService, SelectingServiceProps } from './exposed-service';
import { ExposureScope } from './exposure-scope';
import { labelSelectorProblems } from './validation/networking';

/**
 * Props of an `InternalService`.
 */
export interface InternalServiceProps extends SelectingServiceProps {
  /**
   * Make the Service headless (`clusterIP: None`): DNS returns the pod IPs instead of one
   * virtual IP. A headless Service may have no ports.
   *
   * @default false
   */
  readonly headless?: boolean;

  /**
   * The only peers that may reach the Service's pods: workloads, `kplus.Pods.select(...)`,
   * `kplus.Namespaces.select(...)` or IP blocks. When given, a NetworkPolicy is emitted that
   * selects the same pods as the Service and admits only these peers, only on the Service's
   * target ports. More can be added with `allowFrom()`.
   *
   * @default - no NetworkPolicy: any pod in the cluster can reach the Service
   */
  readonly allowFrom?: kplus.INetworkPolicyPeer[];
}

/**
 * A ClusterIP Service: reachable only from pods inside the cluster. The default choice for
 * back ends, databases and internal APIs.
 *
 * @example
 * declare const chart: Chart;
 * const backend = kplus.Pods.select(chart, 'BackendPods', { labels: { app: 'backend' } });
 * new InternalService(chart, 'Backend', {
 *   selector: backend,
 *   ports: [{ port: 8080, targetPort: 3000 }],
 *   metadata: { name: 'backend-service' },
 * });
 */
export class InternalService extends ExposedService {
  private readonly peers: kplus.INetworkPolicyPeer[] = [];
  private policy?: kplus.k8s.KubeNetworkPolicy;

  /**
   * @param scope the chart (or construct) to define the InternalService in
   * @param id an id unique within scope; the generated Kubernetes name derives from the path
   * @param props the InternalService's props
   */
  constructor(scope: Construct, id: string, props: InternalServiceProps) {
    super(scope, id, props, {
      kind: 'InternalService',
      serviceType: kplus.ServiceType.CLUSTER_IP,
      exposure: ExposureScope.CLUSTER,
      selecting: true,
      headless: props?.headless,
      nodePortAdvice: 'an InternalService is reachable only inside the cluster and has no node ports. Use DevService for a node port in development, or IngressFronted / PublicService for traffic from outside',
      ingressAdvice: 'an InternalService is reachable only inside the cluster. Use IngressFronted for HTTP(S) from outside',
    });
    if (props.allowFrom !== undefined && !Array.isArray(props.allowFrom)) {
      throw propError(this.constructKind, this, `allowFrom ${show(props.allowFrom)} must be a list of peers, such as [kplus.Pods.select(chart, 'Web', { labels: { app: 'web' } })]`);
    }
    for (const peer of props.allowFrom ?? []) {
      this.allowFrom(peer);
    }
  }

  /**
   * Admits one more peer to the Service's pods (see `allowFrom` in the props). The first call
   * creates the NetworkPolicy.
   *
   * @param peer a workload, `kplus.Pods.select(...)`, `kplus.Namespaces.select(...)` or an IP block
   */
  public allowFrom(peer: kplus.INetworkPolicyPeer): void {
    if (peer === undefined || peer === null || typeof (peer as kplus.INetworkPolicyPeer).toNetworkPolicyPeerConfig !== 'function') {
      throw propError(this.constructKind, this, `allowFrom received ${show(peer)}; pass a workload, kplus.Pods.select(...), kplus.Namespaces.select(...) or a kplus.NetworkPolicyIpBlock`);
    }
    const peerProblems = labelSelectorProblems(peerToKube(peer).podSelector, 'allowFrom peer podSelector')
      .concat(labelSelectorProblems(peerToKube(peer).namespaceSelector, 'allowFrom peer namespaceSelector'));
    if (peerProblems.length > 0) throw propError(this.constructKind, this, `${peerProblems.join('; ')}. A NetworkPolicy peer selects pods and namespaces by valid labels`);
    this.peers.push(peer);
    if (this.policy === undefined) {
      this.policy = new kplus.k8s.KubeNetworkPolicy(this, 'NetworkPolicy', {
        metadata: { namespace: this.metadata.namespace },
        spec: Lazy.any({ produce: () => this.renderPolicy() }),
      });
    }
  }

  private renderPolicy(): kplus.k8s.NetworkPolicySpec {
    const ports = this.exposedPorts.map(p => ({
      protocol: p.protocol ?? kplus.Protocol.TCP,
      port: p.targetPortName !== undefined
        ? kplus.k8s.IntOrString.fromString(p.targetPortName)
        : kplus.k8s.IntOrString.fromNumber(p.targetPort ?? p.port),
    }));
    return {
      podSelector: { matchLabels: this.selectorLabels },
      policyTypes: ['Ingress'],
      ingress: [{
        from: this.peers.map(peerToKube),
        ports: ports.length > 0 ? ports : undefined,
      }],
    };
  }
}

/** The NetworkPolicy peer of a cdk8s-plus peer: an IP block, or pods (in some namespaces). */
function peerToKube(peer: kplus.INetworkPolicyPeer): kplus.k8s.NetworkPolicyPeer {
  const config = peer.toNetworkPolicyPeerConfig();
  if (config.ipBlock) {
    return { ipBlock: config.ipBlock._toKube() };
  }
  const pods = config.podSelector!;
  const namespaces = pods.namespaces;
  let namespaceSelector: kplus.k8s.LabelSelector | undefined;
  if (namespaces?.names && namespaces.names.length > 0) {
    namespaceSelector = { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: [...namespaces.names] }] };
  } else if (namespaces?.labelSelector) {
    namespaceSelector = namespaces.labelSelector._toKube();
  }
  return { podSelector: pods.labelSelector._toKube(), namespaceSelector };
}
