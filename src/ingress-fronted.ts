import { ApiObject, ApiObjectMetadata } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { TLS_INTENT_ANNOTATION, secretNameForHost } from './annotations';
import { propError, show } from './errors';
import { ExposedService, SelectingServiceProps } from './exposed-service';
import { ExposureScope } from './exposure-scope';
import { IngressTls } from './ingress-tls';
import { claimRoute } from './internal/claims';
import { newIngress } from './kplus-ingress';
import { LoadBalancerScheme } from './presets/common';
import { TlsSource, mergeWithUser } from './presets/context';
import { IngressController } from './presets/ingress-controller';
import { SharedIngress } from './shared-ingress';
import { annotationProblems, labelProblems } from './validation/metadata';
import { checkDns1123Label, checkDns1123Subdomain, checkIngressHost } from './validation/names';
import { ingressPathProblem } from './validation/networking';

/**
 * Props of an `IngressFronted`.
 */
export interface IngressFrontedProps extends SelectingServiceProps {
  /**
   * The host name the Ingress answers for (`api.example.com`, or `*.example.com`).
   *
   * @default - every host (a rule without a host); TLS is then off unless `tls` is given
   */
  readonly host?: string;

  /**
   * The HTTP path routed to the Service. Must start with `/`.
   *
   * @default '/'
   */
  readonly path?: string;

  /**
   * How `path` matches request paths.
   *
   * @default kplus.HttpIngressPathType.PREFIX
   */
  readonly pathType?: kplus.HttpIngressPathType;

  /**
   * The IngressClass that serves this Ingress (`spec.ingressClassName`).
   *
   * @default - the cluster's default IngressClass
   */
  readonly className?: string;

  /**
   * TLS for the host.
   *
   * @default - when `host` is given, TLS with the Secret named after the host
   * (`api.example.com` gives `api-example-com-tls`); without a host, no TLS
   */
  readonly tls?: IngressTls;

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
   * Route through this Gateway API Gateway with an `HTTPRoute` instead of an Ingress. TLS is
   * the Gateway listener's; the route records the intent.
   *
   * @default - an Ingress
   */
  readonly gateway?: GatewayRef;
}

/**
 * The Gateway an `HTTPRoute` attaches to (`spec.parentRefs`).
 */
export interface GatewayRef {
  /** The Gateway's name. */
  readonly name: string;
  /**
   * The Gateway's namespace.
   * @default - the route's namespace
   */
  readonly namespace?: string;
  /**
   * The Gateway listener to attach to.
   * @default - every listener that accepts the route
   */
  readonly sectionName?: string;
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
   * The Gateway API HTTPRoute.
   * @default - none unless `gateway` is given
   */
  public readonly httpRoute?: ApiObject;

  /**
   * The host routed.
   * @default - every host
   */
  public readonly host?: string;

  /** The path routed. */
  public readonly path: string;

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

    this.host = props.host;
    this.path = props.path ?? '/';
    const pathType = props.pathType ?? kplus.HttpIngressPathType.PREFIX;

    if (props.host !== undefined) {
      const problem = typeof props.host === 'string' ? checkIngressHost(props.host) : 'is not a string';
      if (problem) throw propError(this.constructKind, this, `host ${show(props.host)} ${problem}; pass a host name such as "api.example.com"`);
    }
    const pathProblem = ingressPathProblem(this.path, pathType);
    if (pathProblem) throw propError(this.constructKind, this, `path ${show(this.path)} ${pathProblem}`);
    if (props.className !== undefined) {
      const problem = checkDns1123Subdomain(props.className);
      if (problem) throw propError(this.constructKind, this, `className ${show(props.className)} ${problem}`);
    }

    const tls = props.tls ?? (props.host !== undefined ? IngressTls._forHost(props.host) : undefined);
    if (tls?.enabled && props.host === undefined) {
      throw propError(this.constructKind, this, 'tls is set but host is not; a certificate is issued for a host, so pass host: "api.example.com" as well');
    }
    const tlsSource = tls?._source ?? TlsSource.NONE;
    this.tlsSecretName = tls?.enabled && tlsSource !== TlsSource.CONTROLLER ? tls.secretName ?? secretNameForHost(props.host!) : undefined;

    const namespace = props.metadata?.namespace;
    const ingressNamespace = props.ingressMetadata?.namespace;
    if (ingressNamespace !== undefined && ingressNamespace !== namespace) {
      throw propError(this.constructKind, this, `ingressMetadata.namespace ${show(ingressNamespace)} differs from the Service's namespace ${show(namespace ?? '(none)')}; an Ingress can only route to a Service in its own namespace`);
    }
    const ingressMetaProblems = [
      ...labelProblems(props.ingressMetadata?.labels, 'ingressMetadata.labels'),
      ...annotationProblems(props.ingressMetadata?.annotations, 'ingressMetadata.annotations'),
    ];
    if (ingressMetaProblems.length > 0) throw propError(this.constructKind, this, ingressMetaProblems.join('; '));
    if (props.ingressMetadata?.name !== undefined) {
      const problem = checkDns1123Subdomain(props.ingressMetadata.name);
      if (problem) throw propError(this.constructKind, this, `ingressMetadata.name ${show(props.ingressMetadata.name)} ${problem}`);
    }
    if (namespace !== undefined) {
      const problem = checkDns1123Label(namespace);
      if (problem) throw propError(this.constructKind, this, `metadata.namespace ${show(namespace)} ${problem}`);
    }

    const backendPort = this.chooseBackendPort(props.backendPort);
    this.checkRouting(props);
    this.controller = props.controller ?? props.sharedIngress?.controller;
    const tlsAnnotations = tls?.enabled ? tls.annotations : {};

    if (props.gateway !== undefined) {
      if (props.tls !== undefined && tlsSource !== TlsSource.NONE) {
        throw propError(this.constructKind, this, `tls ${tlsSource === TlsSource.CERT_MANAGER ? 'IngressTls.certManager(...)' : tlsSource === TlsSource.SECRET ? 'IngressTls.fromSecret(...)' : 'IngressTls.fromController()'} does not apply to a Gateway route: the certificate belongs to the Gateway's HTTPS listener, so it would be dropped; configure it on the Gateway and leave tls unset`);
      }
      if (pathType === kplus.HttpIngressPathType.IMPLEMENTATION_SPECIFIC) {
        throw propError(this.constructKind, this, 'pathType IMPLEMENTATION_SPECIFIC has no HTTPRoute equivalent; use PREFIX or EXACT with a gateway');
      }
      const gw = props.gateway;
      claimRoute(this.constructKind, this, `gateway ${gw.namespace ?? namespace ?? ''}/${gw.name}#${gw.sectionName ?? ''} ${props.host ?? '*'} ${this.path} ${pathType}`,
        `host ${show(props.host ?? '(any)')} path ${show(this.path)} on Gateway ${show(gw.name)}`);
      this.httpRoute = new ApiObject(this, 'HTTPRoute', {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: {
          namespace,
          ...props.ingressMetadata,
          annotations: { ...props.ingressMetadata?.annotations, ...(tls?.enabled ? { [TLS_INTENT_ANNOTATION]: 'true' } : {}) },
        },
        spec: {
          parentRefs: [{
            group: 'gateway.networking.k8s.io',
            kind: 'Gateway',
            name: props.gateway.name,
            ...(props.gateway.namespace !== undefined ? { namespace: props.gateway.namespace } : {}),
            ...(props.gateway.sectionName !== undefined ? { sectionName: props.gateway.sectionName } : {}),
          }],
          ...(props.host !== undefined ? { hostnames: [props.host] } : {}),
          rules: [{
            matches: [{ path: { type: pathType === kplus.HttpIngressPathType.EXACT ? 'Exact' : 'PathPrefix', value: this.path } }],
            backendRefs: [{ name: this.name, port: backendPort }],
          }],
        },
      });
      return;
    }

    const backend = kplus.IngressBackend.fromService(this.service, { port: backendPort });
    if (tlsSource === TlsSource.CONTROLLER && this.controller === undefined) {
      throw propError(this.constructKind, this, 'tls IngressTls.fromController() needs a controller preset that supplies the certificate (IngressController.awsAlb, .gce with certificates, .traefik with certResolver, or .generic for another); without one the Ingress would list a host with no certificate');
    }
    const resolution = this.controller?._resolve({ host: props.host, tls: tlsSource });
    if (resolution && resolution.problems.length > 0) {
      throw propError(this.constructKind, this, `controller ${this.controller!.controller}: ${resolution.problems.join('; ')}`);
    }
    this.addControllerServiceAnnotations(resolution?.serviceAnnotations, props.metadata?.annotations);
    if (resolution?.secretless) this.tlsSecretName = undefined;
    const presetAnnotations = { ...resolution?.annotations, ...tlsAnnotations };
    if (props.sharedIngress !== undefined) {
      const shared = props.sharedIngress;
      if (shared.ingress.metadata.namespace !== this.metadata.namespace) {
        throw propError(this.constructKind, this, `sharedIngress ${show(shared.node.path)} is in namespace ${show(shared.ingress.metadata.namespace ?? '(none)')} but this Service is in ${show(this.metadata.namespace ?? '(none)')}; an Ingress routes only to Services in its own namespace`);
      }
      shared._addRoute(this, this.constructKind, props.host, this.path, pathType, backend);
      this.claimIngressRoute(shared.controller?.className, props.host, pathType);
      shared._addAnnotations(this, this.constructKind, resolution?.annotations ?? {});
      if (tls?.enabled) shared._addTls(this, this.constructKind, props.host!, this.tlsSecretName, tlsAnnotations);
      this.ingress = shared.ingress;
      return;
    }

    this.claimIngressRoute(props.className ?? this.controller?.className, props.host, pathType);
    const merged = mergeWithUser(this.controller?.controller ?? 'cert-manager', presetAnnotations, props.ingressMetadata?.annotations, 'ingressMetadata.annotations');
    if (merged.problems.length > 0) throw propError(this.constructKind, this, merged.problems.join('; '));
    this.ingress = newIngress(this, 'Ingress', {
      metadata: {
        ...props.ingressMetadata,
        namespace,
        annotations: { ...props.ingressMetadata?.annotations, ...merged.annotations },
      },
      className: props.className ?? this.controller?.className,
    });
    if (props.host !== undefined) {
      this.ingress.addHostRule(props.host, this.path, backend, pathType);
    } else {
      this.ingress.addRule(this.path, backend, pathType);
    }
    if (tls?.enabled) {
      this.ingress.addTls([{
        hosts: [props.host!],
        secret: this.tlsSecretName !== undefined ? kplus.Secret.fromSecretName(this, 'TlsSecret', this.tlsSecretName) : undefined,
      }]);
    }
  }

  /** The annotations an ingress controller needs on the backend Service (GKE's NEG), never over the user's own. */
  private addControllerServiceAnnotations(annotations: Record<string, string> | undefined, own: Record<string, string> | undefined): void {
    if (annotations === undefined) return;
    const merged = mergeWithUser(this.controller!.controller, annotations, own, 'metadata.annotations');
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

  /** One host and path per IngressClass in the App (the controller would serve only one). */
  private claimIngressRoute(className: string | undefined, host: string | undefined, pathType: string): void {
    claimRoute(this.constructKind, this, `ingress ${className ?? '(default class)'} ${host ?? '*'} ${this.path} ${pathType}`,
      `host ${show(host ?? '(any)')} path ${show(this.path)} (${pathType}) on IngressClass ${show(className ?? '(the default)')}`);
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
