import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { propError, show } from './errors';
import { ExposedService, SelectingServiceProps } from './exposed-service';
import { ExposureScope } from './exposure-scope';
import { PodIsolation, isolationOf } from './internal/pod-isolation';
import { refused } from './internal/refusal';
import { AllowToOptions, EgressIsolationProps } from './network-policy';

/**
 * Props of an `InternalService`.
 */
export interface InternalServiceProps extends SelectingServiceProps, EgressIsolationProps {
  /**
   * Make the Service headless (`clusterIP: None`): DNS returns the pod IPs instead of one
   * virtual IP. A headless Service may have no ports.
   *
   * @default false
   */
  readonly headless?: boolean;

  /**
   * The only peers that may reach the Service's pods: workloads, `kplus.Pods.select(...)` (in
   * Java and .NET wrapped as `NetworkPeer.pods(...)`), `kplus.Namespaces.select(...)` or IP blocks. When given, a NetworkPolicy is emitted that
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
  private readonly isolation: PodIsolation;

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
    try {
      this.isolation = isolationOf(this, props);
      if (props.allowFrom !== undefined && !Array.isArray(props.allowFrom)) {
        throw propError(this.constructKind, this, `allowFrom ${show(props.allowFrom)} must be a list of peers, such as [NetworkPeer.pods(kplus.Pods.select(chart, 'Web', { labels: { app: 'web' } }))]`);
      }
      for (const peer of props.allowFrom ?? []) {
        this.allowFrom(peer);
      }
    } catch (e) {
      throw refused(this, e);
    }
  }

  /**
   * Admits one more peer to the Service's pods (see `allowFrom` in the props). The first call
   * creates the NetworkPolicy.
   *
   * @param peer a workload, `kplus.Pods.select(...)` (in Java and .NET wrapped as `NetworkPeer.pods(...)`), `kplus.Namespaces.select(...)` or an IP block
   */
  public allowFrom(peer: kplus.INetworkPolicyPeer): void {
    this.isolation.admit(peer, 'allowFrom');
  }

  /**
   * Lets the Service's pods connect to one more peer (see `allowTo` in the props). The first
   * call restricts their egress to these peers and DNS.
   *
   * @param peer a workload, `kplus.Pods.select(...)` (in Java and .NET wrapped as `NetworkPeer.pods(...)`), `kplus.Namespaces.select(...)` or an IP block
   * @param options the peer's ports
   */
  public allowTo(peer: kplus.INetworkPolicyPeer, options?: AllowToOptions): void {
    this.isolation.allowTo(peer, options, 'allowTo');
  }
}
