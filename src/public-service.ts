import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { SOURCE_RANGES_ANNOTATION } from './annotations';
import { constructLabel, propError, show } from './errors';
import { ExposedService, SelectingServiceProps, TrafficPolicy } from './exposed-service';
import { ExposureScope } from './exposure-scope';
import { claimNodePort } from './internal/claims';
import { PodIsolation, isolationOf } from './internal/pod-isolation';
import { refused } from './internal/refusal';
import { AllowToOptions, EgressIsolationProps } from './network-policy';
import { NODE_PORT_MAX, NODE_PORT_MIN } from './port-checks';
import { LoadBalancerScheme } from './presets/common';
import { ServiceContext, mergeWithUser } from './presets/context';
import { LoadBalancerProfile } from './presets/load-balancer-profile';
import { SourceRanges } from './source-ranges';
import { checkCidr, checkQualifiedName, isPrivateCidr } from './validation/names';

/**
 * Props of a `PublicService`.
 */
export interface PublicServiceProps extends SelectingServiceProps, EgressIsolationProps {
  /**
   * Who may connect through the load balancer. Required: pass `SourceRanges.anywhere()` to
   * face the whole internet on purpose, or `SourceRanges.cidrs([...])` to limit it.
   */
  readonly sourceRanges: SourceRanges;

  /**
   * How traffic from the load balancer is routed. `LOCAL` keeps the client source IP and
   * enables a health check node port.
   *
   * @default TrafficPolicy.CLUSTER
   */
  readonly externalTrafficPolicy?: TrafficPolicy;

  /**
   * The load balancer implementation to use (`spec.loadBalancerClass`), a domain-prefixed
   * name such as `service.k8s.aws/nlb`.
   *
   * @default - the cluster's default load balancer implementation
   */
  readonly loadBalancerClass?: string;

  /**
   * Whether node ports are allocated for the load balancer. Set `false` when the load
   * balancer sends traffic straight to pod IPs.
   *
   * @default true
   */
  readonly allocateLoadBalancerNodePorts?: boolean;

  /**
   * The node port for the load balancer's health check (30000-32767). Only with
   * `externalTrafficPolicy: TrafficPolicy.LOCAL`.
   *
   * @default - allocated by Kubernetes when the traffic policy is Local
   */
  readonly healthCheckNodePort?: number;

  /**
   * The cloud load balancer profile: the provider's annotations and fields, with the scheme
   * stated. An internal profile makes the exposure `vpc`.
   *
   * @default - no provider annotations: the cloud's default load balancer, usually internet-facing
   */
  readonly profile?: LoadBalancerProfile;

  /**
   * Isolate the pods: a NetworkPolicy admits only the load balancer's traffic and these
   * in-cluster peers (workloads, `kplus.Pods.select(...)` (in Java and .NET wrapped as
   * `NetworkPeer.pods(...)`), `kplus.Namespaces.select(...)` or IP blocks), on the Service's target ports. `[]` admits the load balancer's traffic alone.
   *
   * The load balancer's traffic is admitted by where it comes from when it reaches the pods:
   * with `externalTrafficPolicy: TrafficPolicy.LOCAL` the clients' own addresses (the
   * `sourceRanges`; every address for `SourceRanges.anywhere()`), otherwise the nodes'
   * addresses (`nodeCidrs`, required then), because kube-proxy forwards it from a node.
   *
   * @default - no NetworkPolicy: any pod in the cluster can reach the pods as well
   */
  readonly allowFrom?: kplus.INetworkPolicyPeer[];

  /**
   * The CIDRs of the cluster's nodes, from which the load balancer's traffic reaches the pods
   * when `externalTrafficPolicy` is `Cluster` (kube-proxy forwards it from a node). Required
   * with `allowFrom` then; not used with `TrafficPolicy.LOCAL`.
   *
   * @default - none: required with `allowFrom` unless the traffic policy is Local
   */
  readonly nodeCidrs?: string[];
}

/**
 * A LoadBalancer Service: reachable through a cloud load balancer, from the internet or from
 * the private network. Who may connect must be stated (`sourceRanges`).
 *
 * @example
 * declare const chart: Chart;
 * const frontend = kplus.Pods.select(chart, 'FrontendPods', { labels: { app: 'frontend' } });
 * new PublicService(chart, 'Frontend', {
 *   selector: frontend,
 *   ports: [{ port: 80, targetPort: 8080 }],
 *   sourceRanges: SourceRanges.anywhere(),
 * });
 */
export class PublicService extends ExposedService {
  /** Who may connect through the load balancer. */
  public readonly sourceRanges: SourceRanges;

  /**
   * The load balancer profile.
   * @default - none
   */
  public readonly profile?: LoadBalancerProfile;

  private readonly isolation: PodIsolation;
  private readonly localTraffic: boolean;
  private readonly nodeCidrs?: string[];
  private readonly externalTrafficPolicy?: TrafficPolicy;

  /**
   * @param scope the chart (or construct) to define the PublicService in
   * @param id an id unique within scope; the generated Kubernetes name derives from the path
   * @param props the PublicService's props
   */
  constructor(scope: Construct, id: string, props: PublicServiceProps) {
    const ranges = props?.sourceRanges;
    super(scope, id, props, {
      kind: 'PublicService',
      serviceType: kplus.ServiceType.LOAD_BALANCER,
      exposure: ExposureScope.INTERNET,
      selecting: true,
      loadBalancerSourceRanges: ranges instanceof SourceRanges && !ranges.isAnywhere ? [...ranges.cidrList] : undefined,
      ingressAdvice: 'a PublicService already has its own load balancer. Use IngressFronted for HTTP(S) through an ingress controller',
    });
    try {
      if (!(props.sourceRanges instanceof SourceRanges)) {
        throw propError(this.constructKind, this, `sourceRanges is required (received ${show(props.sourceRanges)}). Pass SourceRanges.anywhere() to expose it to the whole internet on purpose, or SourceRanges.cidrs([...]) to limit it`);
      }
      this.sourceRanges = props.sourceRanges;
      this._checkEnum('externalTrafficPolicy', props.externalTrafficPolicy, TrafficPolicy, 'TrafficPolicy');
      this.externalTrafficPolicy = props.externalTrafficPolicy;

      if (props.profile !== undefined && !(props.profile instanceof LoadBalancerProfile)) {
        throw propError(this.constructKind, this, `profile ${show(props.profile)} is not a LoadBalancerProfile; use LoadBalancerProfile.awsNlb(...), .gcp(...), .azure(...), .digitalOcean(...) or .generic(...)`);
      }
      this.profile = props.profile;
      const profileClass = props.profile?.loadBalancerClass;
      if (profileClass !== undefined && props.loadBalancerClass !== undefined && profileClass !== props.loadBalancerClass) {
        throw propError(this.constructKind, this, `loadBalancerClass ${show(props.loadBalancerClass)} contradicts the ${props.profile!.provider} profile's ${show(profileClass)}; remove one`);
      }
      if (props.profile?.scheme === LoadBalancerScheme.INTERNET_FACING && !this.sourceRanges.isAnywhere
        && this.sourceRanges.cidrList.every(isPrivateCidr)) {
        throw propError(this.constructKind, this, `the ${props.profile.provider} profile is internet-facing but sourceRanges ${show(this.sourceRanges.cidrList)} are all private addresses, which the internet cannot come from; use scheme LoadBalancerScheme.INTERNAL`);
      }
      if (props.profile !== undefined) {
        this.applyProfile(props.profile, props);
        // A port added later is judged by the profile again, at synth.
        this._checkExposureAtSynth();
      }
      if (props.loadBalancerClass !== undefined) {
        const problem = typeof props.loadBalancerClass === 'string' ? checkQualifiedName(props.loadBalancerClass) : 'is not a string';
        if (problem || !props.loadBalancerClass.includes('/')) {
          throw propError(this.constructKind, this, `loadBalancerClass ${show(props.loadBalancerClass)} ${problem ?? 'has no prefix'}; it must be a domain-prefixed name such as "service.k8s.aws/nlb"`);
        }
      }
      const hc = props.healthCheckNodePort;
      if (hc !== undefined) {
        if (props.externalTrafficPolicy !== TrafficPolicy.LOCAL) {
          throw propError(this.constructKind, this, `healthCheckNodePort ${show(hc)} needs externalTrafficPolicy: TrafficPolicy.LOCAL (it is ${show(props.externalTrafficPolicy ?? 'Cluster (the default)')}); set the policy or remove the health check port`);
        }
        if (!Number.isInteger(hc) || hc < NODE_PORT_MIN || hc > NODE_PORT_MAX) {
          throw propError(this.constructKind, this, `healthCheckNodePort ${show(hc)} is outside ${NODE_PORT_MIN}-${NODE_PORT_MAX}; omit it to let Kubernetes choose one`);
        }
        if (this.exposedPorts.some(p => p.nodePort === hc)) {
          throw propError(this.constructKind, this, `healthCheckNodePort ${hc} is also a nodePort of this Service; use another port`);
        }
        claimNodePort(this.constructKind, this, 'TCP', hc);
      }
      if (props.allocateLoadBalancerNodePorts !== undefined && typeof props.allocateLoadBalancerNodePorts !== 'boolean') {
        throw propError(this.constructKind, this, `allocateLoadBalancerNodePorts ${show(props.allocateLoadBalancerNodePorts)} must be true or false`);
      }
      if (this.sourceRanges.isAnywhere) {
        this.metadata.addAnnotation(SOURCE_RANGES_ANNOTATION, 'anywhere');
      }
      this.localTraffic = props.externalTrafficPolicy === TrafficPolicy.LOCAL;
      this.nodeCidrs = this.checkNodeCidrs(props);
      this.isolation = isolationOf(this, props, () => this.loadBalancerPeers());
      if (props.allowFrom !== undefined) {
        if (!Array.isArray(props.allowFrom)) {
          throw propError(this.constructKind, this, `allowFrom ${show(props.allowFrom)} must be a list of peers, such as [NetworkPeer.pods(kplus.Pods.select(chart, 'Web', { labels: { app: 'web' } }))], or [] to admit the load balancer's traffic alone`);
        }
        this.isolation.isolateIngress();
        for (const peer of props.allowFrom) this.allowFrom(peer);
      }
      this._setSpec({
        externalTrafficPolicy: props.externalTrafficPolicy,
        loadBalancerClass: props.loadBalancerClass ?? this.profile?.loadBalancerClass,
        allocateLoadBalancerNodePorts: props.allocateLoadBalancerNodePorts,
        healthCheckNodePort: props.healthCheckNodePort,
      });
    } catch (e) {
      throw refused(this, e);
    }
  }

  /**
   * Admits one more in-cluster peer to the Service's pods, besides the load balancer's traffic
   * (see `allowFrom` in the props). The first call creates the NetworkPolicy; with
   * `externalTrafficPolicy` Cluster it needs `nodeCidrs`.
   *
   * @param peer a workload, `kplus.Pods.select(...)` (in Java and .NET wrapped as `NetworkPeer.pods(...)`), `kplus.Namespaces.select(...)` or an IP block
   */
  public allowFrom(peer: kplus.INetworkPolicyPeer): void {
    this.requireLoadBalancerPeers('allowFrom');
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

  /**
   * The profile's annotations for this Service (its ports, source ranges and traffic policy),
   * next to the user's own: a contradiction is refused, naming both values.
   */
  private applyProfile(profile: LoadBalancerProfile, props: PublicServiceProps): void {
    const resolution = profile._resolve(this.profileContext());
    const merged = mergeWithUser(profile.provider, resolution.annotations, props.metadata?.annotations, 'metadata.annotations');
    // Without ports yet (addPort comes later), the profile is checked at synth instead.
    const problems = [...(this.exposedPorts.length > 0 ? resolution.problems : []), ...merged.problems];
    if (problems.length > 0) throw propError(this.constructKind, this, `profile ${profile.provider}: ${problems.join('; ')}`);
    for (const [key, value] of Object.entries(merged.annotations)) this.metadata.addAnnotation(key, value);
  }

  /** What the profile is checked against: the Service as it is now. */
  private profileContext(): ServiceContext {
    return {
      ports: this.exposedPorts.map(p => ({ port: p.port, name: p.name, protocol: p.protocol })),
      sourceRanges: this.sourceRanges.isAnywhere ? undefined : [...this.sourceRanges.cidrList],
      externalTrafficPolicy: this.externalTrafficPolicy,
    };
  }

  /** The base checks, and the profile again against the ports as they are at synth (addPort). */
  protected validateExposure(): string[] {
    const problems = super.validateExposure();
    if (this.profile !== undefined && this.exposedPorts.length > 0) {
      for (const problem of this.profile._resolve(this.profileContext()).problems) {
        problems.push(`${constructLabel(this.constructKind, this)}: profile ${this.profile.provider}: ${problem}`);
      }
    }
    return problems;
  }

  /**
   * `vpc` with an internal profile, else `internet`.
   */
  public get exposure(): ExposureScope {
    return this.profile?.scheme === LoadBalancerScheme.INTERNAL ? ExposureScope.VPC : ExposureScope.INTERNET;
  }

  private checkNodeCidrs(props: PublicServiceProps): string[] | undefined {
    const cidrs = props.nodeCidrs;
    if (cidrs === undefined) {
      if (props.allowFrom !== undefined) this.requireLoadBalancerPeers('allowFrom');
      return undefined;
    }
    if (this.localTraffic) {
      throw propError(this.constructKind, this, `nodeCidrs ${show(cidrs)} does not apply with externalTrafficPolicy: TrafficPolicy.LOCAL: the pods then see the clients' own addresses, which the NetworkPolicy admits from sourceRanges. Remove nodeCidrs`);
    }
    if (props.allowFrom === undefined) {
      throw propError(this.constructKind, this, `nodeCidrs ${show(cidrs)} is read only with allowFrom (it says where the load balancer's traffic comes from for the NetworkPolicy); pass allowFrom: [] to isolate the pods, or remove nodeCidrs`);
    }
    if (!Array.isArray(cidrs) || cidrs.length === 0) {
      throw propError(this.constructKind, this, `nodeCidrs ${show(cidrs)} must list the nodes' CIDRs, such as ['10.0.0.0/16']`);
    }
    cidrs.forEach((cidr, i) => {
      const problem = typeof cidr === 'string' ? checkCidr(cidr) : 'is not a string';
      if (problem) throw propError(this.constructKind, this, `nodeCidrs[${i}] ${show(cidr)} ${problem}`);
    });
    return [...cidrs];
  }

  /** With the Cluster traffic policy the load balancer's traffic comes from the nodes, whose addresses must be given. */
  private requireLoadBalancerPeers(what: string): void {
    if (!this.localTraffic && this.nodeCidrs === undefined) {
      throw propError(this.constructKind, this, `${what} needs nodeCidrs: with externalTrafficPolicy Cluster (the default) the load balancer's traffic reaches the pods from the nodes' addresses (kube-proxy forwards it), and the NetworkPolicy must admit them. Pass nodeCidrs: ['10.0.0.0/16'] (your nodes' subnets), or externalTrafficPolicy: TrafficPolicy.LOCAL to admit the sourceRanges instead`);
    }
  }

  /** Where the load balancer's traffic comes from when it reaches the pods. */
  private loadBalancerPeers(): kplus.k8s.NetworkPolicyPeer[] {
    const cidrs = !this.localTraffic ? this.nodeCidrs ?? []
      : this.sourceRanges.isAnywhere ? ['0.0.0.0/0', '::/0'] : this.sourceRanges.cidrList;
    return cidrs.map(cidr => ({ ipBlock: { cidr } }));
  }
}
