import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { SOURCE_RANGES_ANNOTATION } from './annotations';
import { constructLabel, propError, show } from './errors';
import { ExposedService, SelectingServiceProps, TrafficPolicy } from './exposed-service';
import { ExposureScope } from './exposure-scope';
import { claimNodePort } from './internal/claims';
import { NODE_PORT_MAX, NODE_PORT_MIN } from './port-checks';
import { LoadBalancerScheme } from './presets/common';
import { ServiceContext, mergeWithUser } from './presets/context';
import { LoadBalancerProfile } from './presets/load-balancer-profile';
import { SourceRanges } from './source-ranges';
import { checkQualifiedName, isPrivateCidr } from './validation/names';

/**
 * Props of a `PublicService`.
 */
export interface PublicServiceProps extends SelectingServiceProps {
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
    if (props.profile !== undefined) this.applyProfile(props.profile, props);
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
    this._setSpec({
      externalTrafficPolicy: props.externalTrafficPolicy,
      loadBalancerClass: props.loadBalancerClass ?? this.profile?.loadBalancerClass,
      allocateLoadBalancerNodePorts: props.allocateLoadBalancerNodePorts,
      healthCheckNodePort: props.healthCheckNodePort,
    });
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
}
