import { ApiObject, ApiObjectMetadata } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { TLS_INTENT_ANNOTATION, secretNameForHost } from './annotations';
import { propError, show } from './errors';
import { ExposedService, SelectingServiceProps } from './exposed-service';
import { ExposureScope } from './exposure-scope';
import { GATEWAY_API_VERSION, GatewayParentRef, RouteBackend } from './gateway/common';
import { HttpPathMatchType, HttpRoute, gatewayPathProblem } from './gateway/http-route';
import { IngressRouteOptions } from './ingress-routes';
import { IngressTls } from './ingress-tls';
import { RouteList, checkDefaultBackendRoutes, checkRouteList, claimIngressRoutes } from './internal/ingress-routes';
import { PodIsolation, isolationOf, proxyPeerOf, proxyRequired } from './internal/pod-isolation';
import { refused } from './internal/refusal';
import { newIngress } from './kplus-ingress';
import { AllowToOptions, ProxyIsolationProps } from './network-policy';
import { LoadBalancerScheme } from './presets/common';
import { TlsSource, mergeWithUser } from './presets/context';
import { IngressController } from './presets/ingress-controller';
import { SharedIngress } from './shared-ingress';
import { annotationProblems, labelProblems } from './validation/metadata';
import { checkDns1123Label, checkDns1123Subdomain } from './validation/names';

/**
 * Props of an `IngressFronted`.
 */
export interface IngressFrontedProps extends SelectingServiceProps, ProxyIsolationProps, IngressRouteOptions {
  /**
   * The IngressClass that serves this Ingress (`spec.ingressClassName`).
   *
   * @default - the cluster's default IngressClass
   */
  readonly className?: string;

  /**
   * The Service port the Ingress routes to. Required when the Service has several ports.
   *
   * @default - the Service's only port
   */
  readonly backendPort?: number;

  /**
   * Metadata of the Ingress (name, labels, annotations). Its namespace, when given, must be
   * the Service's.
   *
   * @default - a generated name, in the Service's namespace
   */
  readonly ingressMetadata?: ApiObjectMetadata;

  /**
   * The ingress controller preset: its class and annotations (ssl-redirect, scheme, allow-list...).
   * An internal controller makes the exposure `vpc`.
   *
   * @default - the cluster's default IngressClass (or `className`), no annotations
   */
  readonly controller?: IngressController;

  /**
   * Add this route to a shared Ingress (one load balancer for many services) instead of
   * creating one. Set the controller on the `SharedIngress`.
   *
   * @default - an Ingress of its own
   */
  readonly sharedIngress?: SharedIngress;

  /**
   * Route through this Gateway API Gateway (or, with `kind: ParentKind.LISTENER_SET`, a
   * ListenerSet, such as `listeners.parentRef('https')`) with an `HTTPRoute` instead of an
   * Ingress. TLS is the listener's; the route records the intent.
   *
   * @default - an Ingress
   */
  readonly gateway?: GatewayParentRef;
}

/** What the constructor builds, set on the fields at its end. */
interface Built {
  readonly routes: RouteList;
  readonly defaultBackend: boolean;
  readonly controller?: IngressController;
  readonly proxyPeer?: kplus.k8s.NetworkPolicyPeer;
  readonly isolation: PodIsolation;
  readonly tlsSecretName?: string;
  readonly ingress?: kplus.Ingress;
  readonly httpRoute?: HttpRoute;
}

/**
 * The production pattern: an Ingress in front of a ClusterIP Service. HTTP(S) reaches the
 * pods only through the ingress controller; the Service itself stays inside the cluster.
 *
 * @example
 * declare const chart: Chart;
 * const api = kplus.Pods.select(chart, 'ApiPods', { labels: { app: 'api' } });
 * new IngressFronted(chart, 'Api', {
 *   selector: api,
 *   ports: [{ port: 80, targetPort: 8000 }],
 *   host: 'api.example.com',
 *   path: '/',
 * });
 */
export class IngressFronted extends ExposedService {
  /**
   * The Ingress that routes to the Service (the shared one with `sharedIngress`).
   * @default - none when routed through a Gateway
   */
  public readonly ingress?: kplus.Ingress;

  /**
   * The Gateway API HTTPRoute (its `apiObject` is the escape hatch).
   * @default - none unless `gateway` is given
   */
  public readonly httpRoute?: HttpRoute;

  /**
   * The host routed: the first of `hosts`.
   * @default - every host
   */
  public readonly host?: string;

  /** The hosts routed, each with every path; empty for every host. */
  public readonly hosts: string[];

  /** The path routed: the first of `paths` (`/` for a default backend alone). */
  public readonly path: string;

  /** The paths routed on every host; empty for a default backend alone. */
  public readonly paths: string[];

  /** Whether the Service is its Ingress's default backend. */
  public readonly defaultBackend: boolean;

  /**
   * The Secret that holds the TLS certificate.
   * @default - TLS is off
   */
  public readonly tlsSecretName?: string;

  /**
   * The ingress controller preset (this route's, or its shared Ingress's).
   * @default - none
   */
  public readonly controller?: IngressController;

  private readonly isolation: PodIsolation;
  private readonly proxyPeer?: kplus.k8s.NetworkPolicyPeer;

  /**
   * @param scope the chart (or construct) to define the IngressFronted in
   * @param id an id unique within scope; the generated Kubernetes name derives from the path
   * @param props the IngressFronted's props
   */
  constructor(scope: Construct, id: string, props: IngressFrontedProps) {
    super(scope, id, props, {
      kind: 'IngressFronted',
      serviceType: kplus.ServiceType.CLUSTER_IP,
      exposure: ExposureScope.INTERNET,
      selecting: true,
      nodePortAdvice: 'the Service behind an Ingress stays inside the cluster (ClusterIP); traffic enters through the ingress controller',
      ingressAdvice: 'an IngressFronted makes its own Ingress from its props (host, path, controller, tls); use those, or a SharedIngress for several services behind one Ingress',
    });
    try {
      const built = this.build(props);
      this.host = built.routes.hosts[0];
      this.hosts = built.routes.hosts;
      this.paths = built.routes.paths;
      this.path = built.routes.paths[0] ?? '/';
      this.defaultBackend = built.defaultBackend;
      this.tlsSecretName = built.tlsSecretName;
      this.controller = built.controller;
      this.ingress = built.ingress;
      this.httpRoute = built.httpRoute;
      this.proxyPeer = built.proxyPeer;
      this.isolation = built.isolation;
    } catch (e) {
      throw refused(this, e);
    }
  }

  /** Checks the props and builds the route: through a Gateway, a shared Ingress, or an Ingress of its own. */
  private build(props: IngressFrontedProps): Built {
    const fail = (message: string) => propError(this.constructKind, this, message);
    if (props.defaultBackend !== undefined && typeof props.defaultBackend !== 'boolean') throw fail(`defaultBackend ${show(props.defaultBackend)} must be true or false`);
    const defaultBackend = props.defaultBackend ?? false;
    const routes = checkRouteList(this.constructKind, this, props, defaultBackend);
    if (props.className !== undefined) {
      const problem = checkDns1123Subdomain(props.className);
      if (problem) throw fail(`className ${show(props.className)} ${problem}`);
    }
    if (props.tls !== undefined && !(props.tls instanceof IngressTls)) {
      throw fail(`tls ${show(props.tls)} is not an IngressTls; use IngressTls.fromSecret(...), .certManager(...), .fromController() or .disabled()`);
    }

    const firstHost: string | undefined = routes.hosts[0];
    const tls = props.tls ?? (firstHost !== undefined ? IngressTls._forHost(firstHost) : undefined);
    if (tls?.enabled && firstHost === undefined) {
      throw fail('tls is set but host is not; a certificate is issued for a host, so pass host: "api.example.com" as well');
    }
    const tlsSource = tls?._source ?? TlsSource.NONE;
    let tlsSecretName = tls?.enabled && tlsSource !== TlsSource.CONTROLLER ? tls.secretName ?? secretNameForHost(firstHost!) : undefined;

    const namespace = props.metadata?.namespace;
    const ingressNamespace = props.ingressMetadata?.namespace;
    if (ingressNamespace !== undefined && ingressNamespace !== namespace) {
      throw fail(`ingressMetadata.namespace ${show(ingressNamespace)} differs from the Service's namespace ${show(namespace ?? '(none)')}; an Ingress can only route to a Service in its own namespace`);
    }
    const ingressMetaProblems = [
      ...labelProblems(props.ingressMetadata?.labels, 'ingressMetadata.labels'),
      ...annotationProblems(props.ingressMetadata?.annotations, 'ingressMetadata.annotations'),
    ];
    if (ingressMetaProblems.length > 0) throw fail(ingressMetaProblems.join('; '));
    if (props.ingressMetadata?.name !== undefined) {
      const problem = checkDns1123Subdomain(props.ingressMetadata.name);
      if (problem) throw fail(`ingressMetadata.name ${show(props.ingressMetadata.name)} ${problem}`);
    }
    if (namespace !== undefined) {
      const problem = checkDns1123Label(namespace);
      if (problem) throw fail(`metadata.namespace ${show(namespace)} ${problem}`);
    }

    const backendPort = this.chooseBackendPort(props.backendPort);
    this.checkRouting(props);
    checkDefaultBackendRoutes(routes, defaultBackend, fail);
    const proxyPeer = this.checkProxy(props);
    // The isolation reads the proxy peer when it renders, at synth: by then the field is set.
    const isolation = isolationOf(this, props, () => (this.proxyPeer !== undefined ? [this.proxyPeer] : []));
    if (proxyPeer !== undefined) isolation.isolateIngress();
    // Before the route is added to a SharedIngress, which cannot take it back.
    for (const peer of props.allowFrom ?? []) isolation.admit(peer, 'allowFrom');
    const controller = props.controller ?? props.sharedIngress?.controller;
    const built = { routes, defaultBackend, controller, proxyPeer, isolation };
    const tlsAnnotations = tls?.enabled ? tls.annotations : {};

    if (props.gateway !== undefined) {
      if (defaultBackend) {
        throw fail('defaultBackend does not apply to a Gateway route: Gateway API has no default backend. A route with no host and path "/" takes every request its listener accepts; remove defaultBackend');
      }
      if (props.tls !== undefined && tlsSource !== TlsSource.NONE) {
        throw fail(`tls ${tlsSource === TlsSource.CERT_MANAGER ? 'IngressTls.certManager(...)' : tlsSource === TlsSource.SECRET ? 'IngressTls.fromSecret(...)' : 'IngressTls.fromController()'} does not apply to a Gateway route: the certificate belongs to the Gateway's HTTPS listener, so it would be dropped; configure it on the Gateway and leave tls unset`);
      }
      const httpRoute = this.gatewayRoute(props.gateway, props.ingressMetadata, routes, backendPort, tls?.enabled ?? false);
      return { ...built, tlsSecretName, httpRoute };
    }

    const backend = kplus.IngressBackend.fromService(this.service, { port: backendPort });
    if (tlsSource === TlsSource.CONTROLLER && controller === undefined) {
      throw fail('tls IngressTls.fromController() needs a controller preset that supplies the certificate (IngressController.awsAlb, .gce with certificates, .traefik with certResolver, or .generic for another); without one the Ingress would list a host with no certificate');
    }
    const resolution = controller?._resolve({ host: firstHost, tls: tlsSource });
    if (resolution && resolution.problems.length > 0) {
      throw fail(`controller ${controller!.controller}: ${resolution.problems.join('; ')}`);
    }
    this.addControllerServiceAnnotations(controller, resolution?.serviceAnnotations, props.metadata?.annotations);
    if (resolution?.secretless) tlsSecretName = undefined;
    const presetAnnotations = { ...resolution?.annotations, ...tlsAnnotations };
    if (props.sharedIngress !== undefined) {
      const shared = props.sharedIngress;
      if (shared.ingress.metadata.namespace !== this.metadata.namespace) {
        throw fail(`sharedIngress ${show(shared.node.path)} is in namespace ${show(shared.ingress.metadata.namespace ?? '(none)')} but this Service is in ${show(this.metadata.namespace ?? '(none)')}; an Ingress routes only to Services in its own namespace`);
      }
      shared._addFrontEnd(this, this.constructKind, {
        routes,
        backend,
        service: { name: this.service.name, port: { number: backendPort } },
        defaultBackend,
        annotations: resolution?.annotations ?? {},
        tls: tls?.enabled ? { hosts: routes.hosts, secretName: tlsSecretName, annotations: tlsAnnotations } : undefined,
      });
      return { ...built, tlsSecretName, ingress: shared.ingress };
    }

    const className = props.className ?? controller?.className;
    claimIngressRoutes(this.constructKind, this, className, routes, defaultBackend);
    const merged = mergeWithUser(controller?.controller ?? 'cert-manager', presetAnnotations, props.ingressMetadata?.annotations, 'ingressMetadata.annotations');
    if (merged.problems.length > 0) throw fail(merged.problems.join('; '));
    const ingress = newIngress(this, 'Ingress', {
      metadata: {
        ...props.ingressMetadata,
        namespace,
        annotations: { ...props.ingressMetadata?.annotations, ...merged.annotations },
      },
      className,
      defaultBackend: defaultBackend ? backend : undefined,
    });
    for (const host of routes.hosts.length > 0 ? routes.hosts : [undefined]) {
      routes.paths.forEach((path, i) => {
        if (host !== undefined) ingress.addHostRule(host, path, backend, routes.pathTypes[i]);
        else ingress.addRule(path, backend, routes.pathTypes[i]);
      });
    }
    if (tls?.enabled) {
      ingress.addTls([{
        hosts: routes.hosts,
        secret: tlsSecretName !== undefined ? kplus.Secret.fromSecretName(this, 'TlsSecret', tlsSecretName) : undefined,
      }]);
    }
    return { ...built, tlsSecretName, ingress };
  }

  /**
   * The HTTPRoute of `gateway`: the hosts are its `hostnames`, the paths the matches of its one
   * rule, to this Service. Its name is the one the route had before it was an `HttpRoute`
   * (an ApiObject `HTTPRoute` below this construct), so that an upgrade does not rename it:
   * a renamed route would be a second route for the same hosts until the old one is deleted.
   */
  private gatewayRoute(gateway: GatewayParentRef, ingressMetadata: ApiObjectMetadata | undefined, routes: RouteList,
    backendPort: number, tlsIntent: boolean): HttpRoute {
    const fail = (message: string) => propError(this.constructKind, this, message);
    if (routes.pathTypes.includes(kplus.HttpIngressPathType.IMPLEMENTATION_SPECIFIC)) {
      throw fail('pathType IMPLEMENTATION_SPECIFIC has no HTTPRoute equivalent; use PREFIX or EXACT with a gateway');
    }
    if (routes.hosts.length > 16) throw fail(`hosts has ${routes.hosts.length} entries; an HTTPRoute has at most 16 hostnames, so split them over several IngressFronted or use an HttpRoute per group`);
    if (routes.paths.length > 64) throw fail(`paths has ${routes.paths.length} entries; an HTTPRoute rule has at most 64 matches, so split them`);
    routes.paths.forEach((path, i) => {
      const problem = gatewayPathProblem(path);
      if (problem) throw fail(`${routes.paths.length > 1 ? `paths[${i}]` : 'path'} ${show(path)} ${problem} in an HTTPRoute`);
    });
    const generated = new ApiObject(this, 'HTTPRoute', { apiVersion: GATEWAY_API_VERSION, kind: 'HTTPRoute' }).name;
    this.node.tryRemoveChild('HTTPRoute');
    const route = new HttpRoute(this, 'HTTPRoute', {
      // Every field of the reference, so that a ListenerSet's (kind) or a port is kept.
      parents: [{ name: gateway.name, namespace: gateway.namespace, sectionName: gateway.sectionName, kind: gateway.kind, port: gateway.port }],
      hostnames: routes.hosts.length > 0 ? routes.hosts : undefined,
      metadata: {
        name: generated,
        namespace: this.metadata.namespace,
        ...ingressMetadata,
        annotations: { ...ingressMetadata?.annotations, ...(tlsIntent ? { [TLS_INTENT_ANNOTATION]: 'true' } : {}) },
      },
    });
    // The route's claims are this construct's: a collision names the IngressFronted, and a refused one gives them back.
    route._claimAs(this.constructKind, this);
    route.addRule({
      matches: routes.paths.map((path, i) => ({
        path,
        pathType: routes.pathTypes[i] === kplus.HttpIngressPathType.EXACT ? HttpPathMatchType.EXACT : HttpPathMatchType.PATH_PREFIX,
      })),
      backends: [RouteBackend.fromService(this, { port: backendPort })],
    });
    return route;
  }

  /** The annotations an ingress controller needs on the backend Service (GKE's NEG), never over the user's own. */
  private addControllerServiceAnnotations(controller: IngressController | undefined, annotations: Record<string, string> | undefined,
    own: Record<string, string> | undefined): void {
    if (annotations === undefined) return;
    const merged = mergeWithUser(controller!.controller, annotations, own, 'metadata.annotations');
    if (merged.problems.length > 0) throw propError(this.constructKind, this, merged.problems.join('; '));
    for (const [key, value] of Object.entries(merged.annotations)) this.metadata.addAnnotation(key, value);
  }

  /**
   * `internet`, or `vpc` behind an internal ingress controller. Behind a Gateway, `internet`
   * unless the Gateway says otherwise (it is not part of the App).
   */
  public get exposure(): ExposureScope {
    return this.controller?.scheme === LoadBalancerScheme.INTERNAL ? ExposureScope.VPC : ExposureScope.INTERNET;
  }

  /**
   * Admits one more peer to the Service's pods besides the ingress controller's proxy (see
   * `allowFrom` in the props). Needs `proxyNamespaceLabels`.
   *
   * @param peer a workload, `kplus.Pods.select(...)` (in Java and .NET wrapped as `NetworkPeer.pods(...)`), `kplus.Namespaces.select(...)` or an IP block
   */
  public allowFrom(peer: kplus.INetworkPolicyPeer): void {
    if (this.proxyPeer === undefined) throw propError(this.constructKind, this, proxyRequired('allowFrom', this.httpRoute !== undefined ? 'Gateway\'s' : 'ingress controller\'s'));
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

  /** The NetworkPolicy peer of the proxy, from `proxyNamespaceLabels` and `proxyPodLabels`. */
  private checkProxy(props: IngressFrontedProps): kplus.k8s.NetworkPolicyPeer | undefined {
    return proxyPeerOf(this, props, props.gateway !== undefined ? 'Gateway\'s' : 'ingress controller\'s');
  }

  private checkRouting(props: IngressFrontedProps): void {
    const fail = (message: string) => propError(this.constructKind, this, message);
    if (props.controller !== undefined && !(props.controller instanceof IngressController)) {
      throw fail(`controller ${show(props.controller)} is not an IngressController; use IngressController.nginx(), .awsAlb(...), .gce(...), .traefik() or .generic(...)`);
    }
    if (props.sharedIngress !== undefined && !(props.sharedIngress instanceof SharedIngress)) {
      throw fail(`sharedIngress ${show(props.sharedIngress)} is not a SharedIngress`);
    }
    if (props.gateway !== undefined) {
      const others = (['sharedIngress', 'controller', 'className'] as const).filter(k => props[k] !== undefined);
      if (others.length > 0) throw fail(`gateway routes through a Gateway, so ${others.join(', ')} do not apply; remove them or the gateway`);
      for (const [key, value] of [['gateway.name', props.gateway.name], ['gateway.sectionName', props.gateway.sectionName]] as const) {
        if (value === undefined) continue;
        const problem = typeof value === 'string' ? checkDns1123Subdomain(value) : 'is not a string';
        if (problem) throw fail(`${key} ${show(value)} ${problem}`);
      }
      if (props.gateway.namespace !== undefined) {
        const problem = checkDns1123Label(props.gateway.namespace);
        if (problem) throw fail(`gateway.namespace ${show(props.gateway.namespace)} ${problem}`);
      }
    }
    if (props.sharedIngress !== undefined) {
      const others = (['controller', 'className', 'ingressMetadata'] as const).filter(k => props[k] !== undefined);
      if (others.length > 0) throw fail(`sharedIngress owns the Ingress, so ${others.join(', ')} belong on the SharedIngress; remove them here`);
    }
    if (props.controller?.className !== undefined && props.className !== undefined && props.className !== props.controller.className) {
      throw fail(`className ${show(props.className)} contradicts the ${props.controller.controller} controller's class ${show(props.controller.className)}; remove one`);
    }
    if (props.controller?.controller === 'gce' && props.className !== undefined) {
      throw fail('className does not apply with IngressController.gce: GKE selects its Ingresses by the kubernetes.io/ingress.class annotation and skips one that sets spec.ingressClassName without it; remove className');
    }
  }

  private chooseBackendPort(requested: number | undefined): number {
    const ports = this.exposedPorts;
    if (ports.length === 0) {
      throw propError(this.constructKind, this, 'ports is empty, so the Ingress has nothing to route to. Pass ports: [{ port: 80, targetPort: 8080 }], or give the selected workload container ports');
    }
    if (requested !== undefined) {
      if (!ports.some(p => p.port === requested)) {
        throw propError(this.constructKind, this, `backendPort ${show(requested)} is not a port of the Service (${ports.map(p => p.port).join(', ')}); pass one of those`);
      }
      return requested;
    }
    if (ports.length > 1) {
      throw propError(this.constructKind, this, `the Service has several ports (${ports.map(p => p.port).join(', ')}); pass backendPort to say which one the Ingress routes to`);
    }
    return ports[0].port;
  }
}
