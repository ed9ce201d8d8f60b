import { ApiObject, ApiObjectMetadata, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { secretNameForHost, ACK_PREFIX } from './annotations';
import { constructLabel, propError, show } from './errors';
import { ExposureScope } from './exposure-scope';
import { IngressRouteOptions } from './ingress-routes';
import { IngressTls } from './ingress-tls';
import { checkedAcknowledgement } from './internal/acknowledge';
import { RouteList, checkDefaultBackendRoutes, checkRouteList, claimIngressRoutes } from './internal/ingress-routes';
import { refused } from './internal/refusal';
import { newIngress } from './kplus-ingress';
import { LoadBalancerScheme } from './presets/common';
import { TlsSource, mergeWithUser } from './presets/context';
import { IngressController } from './presets/ingress-controller';
import { annotationProblems, labelProblems } from './validation/metadata';
import { checkDns1035Label, checkDns1123Label, checkDns1123Subdomain, checkIanaSvcName } from './validation/names';

/**
 * Props of a `SharedIngress`.
 */
export interface SharedIngressProps {
  /**
   * Metadata of the Ingress. Every `IngressFronted` attached must be in its namespace.
   *
   * @default - a generated name, in the chart's namespace
   */
  readonly metadata?: ApiObjectMetadata;

  /**
   * The ingress controller preset (class and annotations).
   *
   * @default - the cluster's default IngressClass, no annotations
   */
  readonly controller?: IngressController;

  /**
   * The Ingress's own default backend (`spec.defaultBackend`): it answers every request that no
   * rule matches, for any host. Any cdk8s-plus-28 backend: a Service of the App
   * (`kplus.IngressBackend.fromService(service, { port: 8080 })`) or a resource such as a bucket
   * of static pages (`kplus.IngressBackend.fromResource(...)`). For a Service the App does not
   * define, use `routeToService({ ..., defaultBackend: true })`; for a front end of the App,
   * `IngressFronted`'s `defaultBackend`. An Ingress has one default backend and an IngressClass
   * one catch-all: a second is refused, naming the first. Under a production policy it is
   * reported by `ingress-wildcard-host` until acknowledged.
   *
   * @default - none: requests no rule matches get the controller's own default answer
   */
  readonly defaultBackend?: kplus.IngressBackend;
}

/**
 * Options of `SharedIngress.routeToService`: an existing Service by name and port, and the
 * hosts and paths routed to it.
 */
export interface ServiceRouteOptions extends IngressRouteOptions {
  /** The Service's `metadata.name` (a DNS-1035 label), in the Ingress's namespace. */
  readonly serviceName: string;

  /**
   * The Service port to route to by number (1-65535), as a Gateway API backend takes it, so the
   * route moves to Gateway API unchanged. Give `port` or `portName`, not both.
   *
   * @default - none: `portName` is given
   */
  readonly port?: number;

  /**
   * The Service port to route to by its name (`spec.ports[].name`, an IANA service name such
   * as `http`), written as the backend's `service.port.name`; the Ingress then follows the
   * port if its owner renumbers it. Gateway API backends take a number only, so such a route
   * moves to Gateway API with the number. Give `port` or `portName`, not both.
   *
   * @default - none: `port` is given
   */
  readonly portName?: string;
}

/** A Service backend as the Ingress YAML writes it: a port by number or by name. */
interface ServiceBackendRef {
  readonly name: string;
  readonly port: { readonly number: number } | { readonly name: string };
}

/** One path of a rule, as the Ingress YAML writes it. */
interface RenderedPath {
  readonly backend: { readonly service: ServiceBackendRef };
  readonly path: string;
  readonly pathType: string;
}

/**
 * The port of the stand-in Service behind a route by port name: cdk8s-plus-28 renders it, and
 * the patch of writeRulesWithPortNames replaces it with the name before anything is written.
 */
const NAMED_PORT_STAND_IN = 1;

/** One route on a shared Ingress, and who added it. */
interface Route {
  readonly key: string;
  readonly owner: string;
  readonly pathType: string;
}

/**
 * One Ingress (one load balancer, one bill) shared by several `IngressFronted`. Each adds its
 * host and path rules and its TLS hosts; two routes for the same host and path are refused.
 * `routeToService(...)` routes to a Service the App does not define, and the default backend is
 * the Ingress's own (`defaultBackend`), one front end's, or a Service's by name.
 *
 * @example
 * declare const chart: Chart;
 * const edge = new SharedIngress(chart, 'Edge', { controller: IngressController.nginx() });
 * const web = kplus.Pods.select(chart, 'WebPods', { labels: { app: 'web' } });
 * const api = kplus.Pods.select(chart, 'ApiPods', { labels: { app: 'api' } });
 * new IngressFronted(chart, 'Web', { selector: web, ports: [{ port: 80 }], host: 'shop.example.com', sharedIngress: edge });
 * new IngressFronted(chart, 'Api', { selector: api, ports: [{ port: 80 }], host: 'shop.example.com', paths: ['/api', '/auth'], sharedIngress: edge });
 * edge.routeToService({ serviceName: 'legacy-shop', port: 8080, host: 'shop.example.com', path: '/old' });
 */
export class SharedIngress extends Construct {
  /** The Ingress. */
  public readonly ingress: kplus.Ingress;

  /**
   * The controller preset.
   * @default - none
   */
  public readonly controller?: IngressController;

  private readonly routes: Route[] = [];
  private readonly tlsSecrets = new Map<string, string | undefined>();
  private readonly tlsAnnotations = new Map<string, string>();
  private readonly ownAnnotations: Record<string, string>;
  private defaultBackendOwner?: string;
  private serviceRefs = 0;
  private tlsEntries = 0;
  /** Every rule path as the YAML writes it, by host ('' for none), in the order routes came. */
  private readonly renderedRules: Record<string, RenderedPath[]> = Object.create(null);
  /** `spec.rules` as this construct writes it once a route names its port (see writeRulesWithPortNames). */
  private rulesWithPortNames?: Array<{ host?: string; http: { paths: RenderedPath[] } }>;

  /**
   * @param scope the chart (or construct) to define the Ingress in
   * @param id an id unique within scope
   * @param props metadata and controller
   */
  constructor(scope: Construct, id: string, props: SharedIngressProps = {}) {
    super(scope, id);
    try {
      if (props.controller !== undefined && !(props.controller instanceof IngressController)) {
        throw propError('SharedIngress', this, `controller ${show(props.controller)} is not an IngressController; use IngressController.nginx(), .awsAlb(...), .gce(...), .traefik() or .generic(...)`);
      }
      if (props.metadata?.name !== undefined) {
        const problem = checkDns1123Subdomain(props.metadata.name);
        if (problem) throw propError('SharedIngress', this, `metadata.name ${show(props.metadata.name)} ${problem}`);
      }
      const metaProblems = [
        ...labelProblems(props.metadata?.labels, 'metadata.labels'),
        ...annotationProblems(props.metadata?.annotations, 'metadata.annotations'),
      ];
      if (metaProblems.length > 0) throw propError('SharedIngress', this, metaProblems.join('; '));
      if (props.metadata?.namespace !== undefined) {
        const problem = checkDns1123Label(props.metadata.namespace);
        if (problem) throw propError('SharedIngress', this, `metadata.namespace ${show(props.metadata.namespace)} ${problem}`);
      }
      this.controller = props.controller;
      this.ownAnnotations = { ...props.metadata?.annotations };
      const merged = mergeWithUser(props.controller?.controller ?? '', props.controller?.annotations ?? {}, this.ownAnnotations, 'metadata.annotations');
      if (merged.problems.length > 0) throw propError('SharedIngress', this, merged.problems.join('; '));
      for (const [key, value] of Object.entries(merged.annotations)) this.tlsAnnotations.set(key, value);
      this.ingress = newIngress(this, 'Ingress', {
        metadata: { ...props.metadata, annotations: { ...props.metadata?.annotations, ...merged.annotations } },
        className: props.controller?.className,
      });
      if (props.defaultBackend !== undefined) {
        if (!(props.defaultBackend instanceof kplus.IngressBackend)) {
          throw propError('SharedIngress', this, `defaultBackend ${show(props.defaultBackend)} is not a kplus.IngressBackend; use kplus.IngressBackend.fromService(service, { port: 8080 }) or .fromResource(...), or routeToService({ serviceName, port, defaultBackend: true }) for a Service the App does not define`);
        }
        // The IngressClass's catch-all, as a front end's default backend claims it.
        claimIngressRoutes('SharedIngress', this, props.controller?.className, { hosts: [], paths: [], pathTypes: [], pathType: kplus.HttpIngressPathType.PREFIX, given: false }, true);
        this.defaultBackendOwner = constructLabel('SharedIngress', this);
        this.ingress.addDefaultBackend(props.defaultBackend);
      }
    } catch (e) {
      throw refused(this, e);
    }
  }

  /** `vpc` with an internal controller, else `internet`. */
  public get exposure(): ExposureScope {
    return this.controller?.scheme === LoadBalancerScheme.INTERNAL ? ExposureScope.VPC : ExposureScope.INTERNET;
  }

  /**
   * Routes requests to an existing Service by name: one the App does not define, such as a
   * legacy or a Helm chart's Service in the Ingress's namespace. Every host is routed with every
   * path; TLS is on whenever a host is given, as for an `IngressFronted`. With
   * `defaultBackend: true`, the Service also answers every request no rule matches. The same
   * host and path twice on one IngressClass is refused, whoever routes it.
   *
   * The Service is not in the App, so under a policy `dangling-ingress-backend` reports it
   * (acknowledge it with `acknowledge(...)`), and annotations a controller needs on the backend
   * Service (GKE's NEG) are for its owner to set.
   *
   * @param options the Service, its port, and the hosts and paths to route
   */
  public routeToService(options: ServiceRouteOptions): void {
    const fail = (message: string) => propError('SharedIngress', this, `routeToService: ${message}`);
    if (options === null || typeof options !== 'object') throw fail(`options ${show(options)} must be an object such as { serviceName: 'legacy', port: 8080, host: 'old.example.com' }`);
    const nameProblem = typeof options.serviceName === 'string' ? checkDns1035Label(options.serviceName) : 'is required (the Service\'s metadata.name)';
    if (nameProblem) throw fail(`serviceName ${show(options.serviceName)} ${nameProblem}; a Service name is a DNS-1035 label such as "legacy-web"`);
    if (options.port !== undefined && options.portName !== undefined) {
      throw fail(`port ${show(options.port)} and portName ${show(options.portName)} are both given; a backend names its Service port one way, so keep one of them`);
    }
    if (options.port === undefined && options.portName === undefined) {
      throw fail('port is required: pass the Service port by number (port: 8080) or by name (portName: "http")');
    }
    if (options.port !== undefined && !(typeof options.port === 'number' && Number.isInteger(options.port) && options.port >= 1 && options.port <= 65535)) {
      throw fail(`port ${show(options.port)} must be the Service port, a whole number from 1 to 65535; to route by the port's name, pass portName instead`);
    }
    if (options.portName !== undefined) {
      const problem = typeof options.portName === 'string' ? checkIanaSvcName(options.portName) : 'must be a string';
      if (problem) throw fail(`portName ${show(options.portName)} ${problem}; it is the name of one of the Service's ports, such as "http"`);
    }
    const servicePort: ServiceBackendRef['port'] = options.portName !== undefined ? { name: options.portName } : { number: options.port! };
    if (options.defaultBackend !== undefined && typeof options.defaultBackend !== 'boolean') throw fail(`defaultBackend ${show(options.defaultBackend)} must be true or false`);
    if (options.tls !== undefined && !(options.tls instanceof IngressTls)) throw fail(`tls ${show(options.tls)} is not an IngressTls; use IngressTls.fromSecret(...), .certManager(...), .fromController() or .disabled()`);
    const label = `Service ${show(options.serviceName)} port ${'name' in servicePort ? show(servicePort.name) : servicePort.number}`;
    const wrap = (e: unknown): Error => {
      const message = e instanceof Error ? e.message : String(e);
      const prefix = `${constructLabel('SharedIngress', this)}: `;
      return message.startsWith(prefix) && !message.startsWith(`${prefix}routeToService`) ? fail(message.slice(prefix.length)) : e as Error;
    };
    let routes: RouteList;
    try {
      routes = checkRouteList('SharedIngress', this, options, options.defaultBackend === true);
    } catch (e) {
      throw wrap(e);
    }
    const defaultBackend = options.defaultBackend ?? false;
    if (!defaultBackend && !routes.given) throw fail(`gives neither host(s) nor path(s) for ${label}; pass host: "old.example.com" (or paths: ["/legacy"]), or defaultBackend: true to make it the catch-all`);
    checkDefaultBackendRoutes(routes, defaultBackend, (message: string) => fail(message));

    const tls = options.tls ?? (routes.hosts.length > 0 ? IngressTls._forHost(routes.hosts[0]) : undefined);
    if (tls?.enabled && routes.hosts.length === 0) throw fail('tls is set but no host is; a certificate is issued for a host, so pass host: "old.example.com" as well');
    const tlsSource = tls?._source ?? TlsSource.NONE;
    if (tlsSource === TlsSource.CONTROLLER && this.controller === undefined) {
      throw fail('tls IngressTls.fromController() needs a controller preset on the SharedIngress that supplies the certificate');
    }
    const resolution = this.controller?._resolve({ host: routes.hosts[0], tls: tlsSource });
    if (resolution && resolution.problems.length > 0) throw fail(`controller ${this.controller!.controller}: ${resolution.problems.join('; ')}`);
    const secretless = tlsSource === TlsSource.CONTROLLER || resolution?.secretless === true;
    const secretName = tls?.enabled && !secretless ? tls.secretName ?? secretNameForHost(routes.hosts[0]) : undefined;

    const backend = this.backendFor(options.serviceName, 'number' in servicePort ? servicePort.number : NAMED_PORT_STAND_IN);
    try {
      this._addFrontEnd(this, 'SharedIngress', {
        routes,
        backend,
        service: { name: options.serviceName, port: servicePort },
        defaultBackend,
        annotations: resolution?.annotations ?? {},
        tls: tls?.enabled ? { hosts: routes.hosts, secretName, annotations: tls.annotations } : undefined,
      });
    } catch (e) {
      throw wrap(e);
    }
  }

  /**
   * Accepts a rule's finding on this Ingress, with a reason (as `ExposedService.acknowledge`):
   * written as the annotation `ack.cdk8s-expose/<rule-id>`, so audits of the YAML see it too.
   * For example `dangling-ingress-backend` for a route to a Service the App does not define, or
   * `ingress-wildcard-host` for a deliberate default backend.
   *
   * @param ruleId the rule's id, such as `dangling-ingress-backend`
   * @param reason why the finding is accepted; shown in every report
   */
  public acknowledge(ruleId: string, reason: string): void {
    const text = checkedAcknowledgement('SharedIngress', this, ruleId, reason, 'the legacy Service is deployed by its Helm chart');
    this.ingress.metadata.addAnnotation(`${ACK_PREFIX}${ruleId}`, text);
  }

  /**
   * Adds one front end: every host with every path, the default backend, the controller
   * annotations it needs and its TLS hosts. Everything is checked before anything is added, so
   * a refused front end (a host and path already routed here or on the IngressClass in the App,
   * a second default backend, an annotation or a TLS Secret that contradicts one already set)
   * leaves the Ingress as it was (internal, used by IngressFronted and routeToService).
   * @internal
   */
  public _addFrontEnd(owner: Construct, ownerKind: string, frontEnd: SharedFrontEnd): void {
    const { routes, backend, defaultBackend, service } = frontEnd;
    // One rule per host and path on this Ingress, whatever the path type: cdk8s-plus-28 keeps
    // one backend per host and path, so an Exact beside a Prefix for the same path is refused here
    // with a clear message rather than by cdk8s-plus.
    const keys: Array<{ key: string; host?: string; path: string; pathType: kplus.HttpIngressPathType }> = [];
    for (const host of routes.hosts.length > 0 ? routes.hosts : [undefined]) {
      routes.paths.forEach((path, i) => keys.push({ key: `${host ?? '*'} ${path}`, host, path, pathType: routes.pathTypes[i] }));
    }
    for (const { key, host, path, pathType } of keys) {
      const taken = this.routes.find(r => r.key === key);
      if (taken) {
        const otherType = taken.pathType !== pathType ? ` (as ${taken.pathType}; one Ingress here holds one rule per host and path, whatever its pathType)` : '';
        throw propError(ownerKind, owner, `host ${show(host ?? '(any)')} path ${show(path)} is already routed on ${constructLabel('SharedIngress', this)} by ${taken.owner}${otherType}; give this route another host or path`);
      }
    }
    if (defaultBackend && this.defaultBackendOwner !== undefined) {
      throw propError(ownerKind, owner, `defaultBackend: ${constructLabel('SharedIngress', this)} already has a default backend, set by ${this.defaultBackendOwner}; an Ingress has one, so keep one of them`);
    }
    const annotations = this.checkAnnotations(owner, ownerKind, frontEnd.annotations);
    const tls = frontEnd.tls;
    if (tls !== undefined) this.checkTls(owner, ownerKind, tls.hosts, tls.secretName, tls.annotations);
    claimIngressRoutes(ownerKind, owner, this.controller?.className, routes, defaultBackend);

    // Checked: now added.
    for (const { key, host, path, pathType } of keys) {
      this.routes.push({ key, owner: constructLabel(ownerKind, owner), pathType });
      if (host !== undefined) this.ingress.addHostRule(host, path, backend, pathType);
      else this.ingress.addRule(path, backend, pathType);
      const paths = this.renderedRules[host ?? ''] = this.renderedRules[host ?? ''] ?? [];
      paths.push({ backend: { service }, path, pathType });
    }
    if (defaultBackend) {
      this.defaultBackendOwner = constructLabel(ownerKind, owner);
      this.ingress.addDefaultBackend(backend);
      if ('name' in service.port) ApiObject.of(this.ingress).addJsonPatch(JsonPatch.replace('/spec/defaultBackend/service/port', { name: service.port.name }));
    }
    // Once one route names its port, this construct writes every rule (writeRulesWithPortNames).
    if (keys.length > 0 && ('name' in service.port || this.rulesWithPortNames !== undefined)) this.writeRulesWithPortNames();
    for (const [key, value] of Object.entries(annotations)) {
      this.tlsAnnotations.set(key, value);
      this.ingress.metadata.addAnnotation(key, value);
    }
    if (tls !== undefined) this.addTls(tls.hosts, tls.secretName, tls.annotations);
  }

  /**
   * cdk8s-plus-28 writes a backend's port by number only. Once a route names its port, this
   * construct writes spec.rules itself, as cdk8s-plus-28 does (hosts in the order they came,
   * each host's paths sorted), with the names: one JSON patch, added once, whose value is kept
   * up to date here, since cdk8s copies a patch's value when it renders (JsonPatch.apply).
   */
  private writeRulesWithPortNames(): void {
    if (this.rulesWithPortNames === undefined) {
      this.rulesWithPortNames = [];
      ApiObject.of(this.ingress).addJsonPatch(JsonPatch.replace('/spec/rules', this.rulesWithPortNames));
    }
    const rules = Object.entries(this.renderedRules).map(([host, paths]) => ({
      ...(host ? { host } : {}),
      http: { paths: [...paths].sort((a, b) => a.path.localeCompare(b.path)) },
    }));
    this.rulesWithPortNames.splice(0, this.rulesWithPortNames.length, ...rules);
  }

  /**
   * An Ingress backend to a Service the App does not define. cdk8s-plus-28's `IngressBackend`
   * is made only from a Service object, so a stand-in with the name and port is made and taken
   * out of the tree at once: it is never synthesized.
   */
  private backendFor(serviceName: string, port: number): kplus.IngressBackend {
    const id = `ServiceRef${++this.serviceRefs}`;
    const standIn = new kplus.Service(this, id, { metadata: { name: serviceName }, ports: [{ port }] });
    this.node.tryRemoveChild(id);
    return kplus.IngressBackend.fromService(standIn, { port });
  }

  /**
   * The controller annotations one route needs, merged; refuses one that contradicts a value
   * already set (another route's, or the Ingress's own), naming both.
   */
  private checkAnnotations(owner: Construct, ownerKind: string, annotations: Record<string, string>): Record<string, string> {
    const merged = mergeWithUser(this.controller?.controller ?? '', annotations, this.ownAnnotations, `${constructLabel('SharedIngress', this)} metadata.annotations`);
    if (merged.problems.length > 0) throw propError(ownerKind, owner, merged.problems.join('; '));
    for (const [key, value] of Object.entries(merged.annotations)) {
      const current = this.tlsAnnotations.get(key);
      if (current !== undefined && current !== value && !(key in this.ownAnnotations)) {
        throw propError(ownerKind, owner, `needs annotation ${key}=${show(value)} but ${constructLabel('SharedIngress', this)} already has ${show(current)} for another route; routes with and without TLS need separate Ingresses with this controller`);
      }
    }
    return merged.annotations;
  }

  /** Refuses a TLS host already given another Secret, and annotations that contradict ones already set. */
  private checkTls(owner: Construct, ownerKind: string, hosts: string[], secretName: string | undefined, annotations: Record<string, string>): void {
    for (const host of hosts) {
      const existing = this.tlsSecrets.get(host);
      if (this.tlsSecrets.has(host) && existing !== secretName) {
        throw propError(ownerKind, owner, `host ${show(host)} already has TLS Secret ${show(existing)} on ${constructLabel('SharedIngress', this)}; use the same Secret for the same host`);
      }
    }
    for (const [key, value] of Object.entries(annotations)) {
      const current = this.tlsAnnotations.get(key);
      if (current !== undefined && current !== value) {
        throw propError(ownerKind, owner, `needs annotation ${key}=${show(value)} but ${constructLabel('SharedIngress', this)} already has ${show(current)}; one Ingress has one issuer`);
      }
    }
  }

  /** Adds TLS hosts with their Secret and annotations (checked), one `tls` entry for the hosts not yet listed. */
  private addTls(hosts: string[], secretName: string | undefined, annotations: Record<string, string>): void {
    for (const [key, value] of Object.entries(annotations)) {
      this.tlsAnnotations.set(key, value);
      this.ingress.metadata.addAnnotation(key, value);
    }
    const added = hosts.filter(host => !this.tlsSecrets.has(host));
    if (added.length === 0) return;
    for (const host of added) this.tlsSecrets.set(host, secretName);
    this.tlsEntries++;
    this.ingress.addTls([{ hosts: added, secret: secretName !== undefined ? kplus.Secret.fromSecretName(this, `Tls${this.tlsEntries}`, secretName) : undefined }]);
  }
}

/** One front end of a SharedIngress (internal: not exported from the package). */
interface SharedFrontEnd {
  readonly routes: RouteList;
  readonly backend: kplus.IngressBackend;
  /** The backend's Service and port, as the YAML writes them. */
  readonly service: ServiceBackendRef;
  readonly defaultBackend: boolean;
  /** The controller annotations the route needs. */
  readonly annotations: Record<string, string>;
  /** The TLS hosts, their Secret and the annotations that issue it; absent without TLS. */
  readonly tls?: { readonly hosts: string[]; readonly secretName?: string; readonly annotations: Record<string, string> };
}
