import { ApiObjectMetadata } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { GatewayParentRef, RouteBackend, checkHostnames } from './common';
import { GatewayRoute } from './route';
import { TcpRoute, TlsRoute, UdpRoute } from './stream-routes';
import { EXPOSURE_ANNOTATION } from '../annotations';
import { propError, show } from '../errors';
import { ExposedService, SelectingServiceProps } from '../exposed-service';
import { ExposureScope } from '../exposure-scope';
import { ownListenerClaims } from '../internal/claims';
import { PodIsolation, isolationOf, proxyPeerOf, proxyRequired } from '../internal/pod-isolation';
import { refused } from '../internal/refusal';
import { AllowToOptions, ProxyIsolationProps } from '../network-policy';
import { LoadBalancerScheme } from '../presets/common';

/** Props of a `GatewayFronted`. */
export interface GatewayFrontedProps extends SelectingServiceProps, ProxyIsolationProps {
  /**
   * The listener of the shared Gateway (or ListenerSet) that carries this app's traffic:
   * name it with `sectionName` (one listener, one port, per app).
   */
  readonly gateway: GatewayParentRef;

  /**
   * Pass TLS through to the pods by SNI host name (a TLSRoute on a TLS listener of mode
   * Passthrough): the pods hold the certificate.
   *
   * @default - no TLS routing: a TCPRoute (or a UDPRoute for a UDP port)
   */
  readonly passthroughHostnames?: string[];

  /**
   * The Service port the route sends to. Required when the Service has several ports.
   *
   * @default - the Service's only port
   */
  readonly backendPort?: number;

  /**
   * Metadata of the route (name, labels, annotations); its namespace is the Service's.
   *
   * @default - a generated name, in the Service's namespace
   */
  readonly routeMetadata?: ApiObjectMetadata;

  /**
   * Whether the Gateway is reachable from the internet or only from the private network.
   * The Gateway is not part of the App, so the report takes this word for it.
   *
   * @default LoadBalancerScheme.INTERNET_FACING
   */
  readonly gatewayScheme?: LoadBalancerScheme;
}

/**
 * TCP, UDP or TLS-passthrough traffic through a shared Gateway: a ClusterIP Service plus a
 * TCPRoute, UDPRoute or TLSRoute to it. The shared-Gateway alternative to one load balancer
 * per app (`PublicService`); for HTTP(S) use `IngressFronted` (or `HttpRoute`).
 *
 * With `proxyNamespaceLabels`, a NetworkPolicy isolates the pods as `IngressFronted`'s does:
 * only the Gateway's proxy (and `allowFrom`) may connect, on the Service's target ports.
 *
 * @example
 * declare const chart: Chart;
 * const broker = kplus.Pods.select(chart, 'Broker', { labels: { app: 'mqtt' } });
 * new GatewayFronted(chart, 'Mqtt', {
 *   selector: broker,
 *   ports: [{ port: 1883 }],
 *   gateway: { name: 'public', namespace: 'gateway-system', sectionName: 'mqtt' },
 *   proxyNamespaceLabels: { 'kubernetes.io/metadata.name': 'envoy-gateway-system' },
 * });
 */
export class GatewayFronted extends ExposedService {
  /** The route that attaches the Service to the Gateway. */
  public readonly route: GatewayRoute;

  private readonly scheme: LoadBalancerScheme;
  private readonly isolation: PodIsolation;
  private readonly proxyPeer?: kplus.k8s.NetworkPolicyPeer;

  /**
   * @param scope the chart (or construct)
   * @param id an id unique within scope
   * @param props the Service, the Gateway listener and the route
   */
  constructor(scope: Construct, id: string, props: GatewayFrontedProps) {
    super(scope, id, props, {
      kind: 'GatewayFronted',
      serviceType: kplus.ServiceType.CLUSTER_IP,
      exposure: ExposureScope.INTERNET,
      selecting: true,
      nodePortAdvice: 'the Service behind a Gateway stays inside the cluster (ClusterIP); traffic enters through the Gateway',
      ingressAdvice: 'a GatewayFronted is reached through its Gateway route; use IngressFronted for HTTP(S) by host and path',
    });
    this.scheme = props.gatewayScheme ?? LoadBalancerScheme.INTERNET_FACING;
    try {
      this.route = this.createRoute(props);
      // The one NetworkPolicy builder of the library (IngressFronted's, InternalService's).
      const proxyPeer = proxyPeerOf(this, props, 'Gateway\'s');
      this.proxyPeer = proxyPeer;
      this.isolation = isolationOf(this, props, () => (proxyPeer !== undefined ? [proxyPeer] : []));
      if (proxyPeer !== undefined) this.isolation.isolateIngress();
      for (const peer of props.allowFrom ?? []) this.allowFrom(peer);
    } catch (e) {
      throw refused(this, e);
    }
  }

  /** `internet`, or `vpc` with `gatewayScheme: LoadBalancerScheme.INTERNAL`. */
  public get exposure(): ExposureScope {
    return this.scheme === LoadBalancerScheme.INTERNAL ? ExposureScope.VPC : ExposureScope.INTERNET;
  }

  /**
   * Admits one more peer to the Service's pods besides the Gateway's proxy (see `allowFrom` in
   * the props). Needs `proxyNamespaceLabels`.
   *
   * @param peer a workload, `kplus.Pods.select(...)` (in Java and .NET wrapped as `NetworkPeer.pods(...)`), `kplus.Namespaces.select(...)` or an IP block
   */
  public allowFrom(peer: kplus.INetworkPolicyPeer): void {
    if (this.proxyPeer === undefined) throw propError(this.constructKind, this, proxyRequired('allowFrom', 'Gateway\'s'));
    this.isolation.admit(peer, 'allowFrom');
  }

  /**
   * Lets the Service's pods connect to one more peer. The first call restricts their egress to
   * these peers and DNS.
   *
   * @param peer a workload, `kplus.Pods.select(...)` (in Java and .NET wrapped as `NetworkPeer.pods(...)`), `kplus.Namespaces.select(...)` or an IP block
   * @param options the peer's ports
   */
  public allowTo(peer: kplus.INetworkPolicyPeer, options?: AllowToOptions): void {
    this.isolation.allowTo(peer, options, 'allowTo');
  }

  private createRoute(props: GatewayFrontedProps): GatewayRoute {
    const fail = (message: string) => propError(this.constructKind, this, message);
    this._checkEnum('gatewayScheme', props.gatewayScheme, LoadBalancerScheme, 'LoadBalancerScheme');
    if (props.gateway === null || typeof props.gateway !== 'object') {
      throw fail(`gateway ${show(props.gateway)} is required: the Gateway listener to attach to, such as { name: 'public', namespace: 'gateway-system', sectionName: 'mqtt' }`);
    }
    if (props.routeMetadata?.namespace !== undefined && props.routeMetadata.namespace !== this.metadata.namespace) {
      throw fail(`routeMetadata.namespace ${show(props.routeMetadata.namespace)} differs from the Service's namespace ${show(this.metadata.namespace ?? '(none)')}; the route lives beside its Service`);
    }
    const ports = this.exposedPorts;
    if (ports.length === 0) throw fail('ports is empty, so the route has nothing to send to. Pass ports: [{ port: 1883 }]');
    let port = props.backendPort;
    if (port !== undefined && !ports.some(p => p.port === port)) {
      throw fail(`backendPort ${show(port)} is not a port of the Service (${ports.map(p => p.port).join(', ')}); pass one of those`);
    }
    if (port === undefined) {
      if (ports.length > 1) throw fail(`the Service has several ports (${ports.map(p => p.port).join(', ')}); pass backendPort to say which one the Gateway listener sends to`);
      port = ports[0].port;
    }
    const protocol = ports.find(p => p.port === port)!.protocol ?? kplus.Protocol.TCP;
    if (protocol === kplus.Protocol.SCTP) throw fail(`port ${port} is SCTP, which Gateway API does not route; use PublicService for SCTP`);
    const routeProps = {
      parents: [props.gateway],
      metadata: {
        ...props.routeMetadata,
        namespace: this.metadata.namespace,
        // The Gateway is not part of the App: the route records where it is reachable from, for the report.
        ...(this.scheme === LoadBalancerScheme.INTERNAL
          ? { annotations: { ...props.routeMetadata?.annotations, [EXPOSURE_ANNOTATION]: ExposureScope.VPC } } : {}),
      },
      backends: [RouteBackend.fromService(this, { port })],
    };
    // A collision on the listener names this construct and its props, not the route inside it.
    ownListenerClaims(this, this.constructKind, 'gateway', 'passthroughHostnames');
    if (props.passthroughHostnames !== undefined) {
      if (protocol !== kplus.Protocol.TCP) throw fail(`passthroughHostnames routes TLS, which runs over TCP, but port ${port} is ${protocol}; remove passthroughHostnames or route a TCP port`);
      checkHostnames(this.constructKind, this, props.passthroughHostnames, true, 1024);
      return new TlsRoute(this, 'TLSRoute', { ...routeProps, hostnames: props.passthroughHostnames });
    }
    if (protocol === kplus.Protocol.UDP) return new UdpRoute(this, 'UDPRoute', routeProps);
    return new TcpRoute(this, 'TCPRoute', routeProps);
  }
}
