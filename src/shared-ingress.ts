import { ApiObjectMetadata } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { constructLabel, propError, show } from './errors';
import { ExposureScope } from './exposure-scope';
import { newIngress } from './kplus-ingress';
import { LoadBalancerScheme } from './presets/common';
import { mergeWithUser } from './presets/context';
import { IngressController } from './presets/ingress-controller';
import { annotationProblems, labelProblems } from './validation/metadata';
import { checkDns1123Label, checkDns1123Subdomain } from './validation/names';

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
}

/** One route on a shared Ingress, and who added it. */
interface Route {
  readonly key: string;
  readonly owner: string;
}

/**
 * One Ingress (one load balancer, one bill) shared by several `IngressFronted`. Each adds its
 * host and path rules and its TLS hosts; two routes for the same host and path are refused.
 *
 * @example
 * declare const chart: Chart;
 * const edge = new SharedIngress(chart, 'Edge', { controller: IngressController.nginx() });
 * const web = kplus.Pods.select(chart, 'WebPods', { labels: { app: 'web' } });
 * const api = kplus.Pods.select(chart, 'ApiPods', { labels: { app: 'api' } });
 * new IngressFronted(chart, 'Web', { selector: web, ports: [{ port: 80 }], host: 'shop.example.com', sharedIngress: edge });
 * new IngressFronted(chart, 'Api', { selector: api, ports: [{ port: 80 }], host: 'shop.example.com', path: '/api', sharedIngress: edge });
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

  /**
   * @param scope the chart (or construct) to define the Ingress in
   * @param id an id unique within scope
   * @param props metadata and controller
   */
  constructor(scope: Construct, id: string, props: SharedIngressProps = {}) {
    super(scope, id);
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
  }

  /** `vpc` with an internal controller, else `internet`. */
  public get exposure(): ExposureScope {
    return this.controller?.scheme === LoadBalancerScheme.INTERNAL ? ExposureScope.VPC : ExposureScope.INTERNET;
  }

  /**
   * Adds a route; refuses a host and path that is already routed (internal, used by IngressFronted).
   * @internal
   */
  public _addRoute(owner: Construct, ownerKind: string, host: string | undefined, path: string,
    pathType: kplus.HttpIngressPathType, backend: kplus.IngressBackend): void {
    const key = `${host ?? '*'} ${path} ${pathType}`;
    const taken = this.routes.find(r => r.key === key);
    if (taken) {
      throw propError(ownerKind, owner, `host ${show(host ?? '(any)')} path ${show(path)} is already routed on ${constructLabel('SharedIngress', this)} by ${taken.owner}; give this route another host or path`);
    }
    this.routes.push({ key, owner: constructLabel(ownerKind, owner) });
    if (host !== undefined) this.ingress.addHostRule(host, path, backend, pathType);
    else this.ingress.addRule(path, backend, pathType);
  }

  /**
   * Adds the controller annotations one route needs; refuses one that contradicts a value
   * already set (another route's, or the Ingress's own), naming both (internal, used by IngressFronted).
   * @internal
   */
  public _addAnnotations(owner: Construct, ownerKind: string, annotations: Record<string, string>): void {
    const merged = mergeWithUser(this.controller?.controller ?? '', annotations, this.ownAnnotations, `${constructLabel('SharedIngress', this)} metadata.annotations`);
    if (merged.problems.length > 0) throw propError(ownerKind, owner, merged.problems.join('; '));
    for (const [key, value] of Object.entries(merged.annotations)) {
      const current = this.tlsAnnotations.get(key);
      if (current !== undefined && current !== value && !(key in this.ownAnnotations)) {
        throw propError(ownerKind, owner, `needs annotation ${key}=${show(value)} but ${constructLabel('SharedIngress', this)} already has ${show(current)} for another route; routes with and without TLS need separate Ingresses with this controller`);
      }
      this.tlsAnnotations.set(key, value);
      this.ingress.metadata.addAnnotation(key, value);
    }
  }

  /**
   * Adds a TLS host with its Secret and annotations; refuses a host already given another
   * Secret, and annotations that contradict ones already set (internal, used by IngressFronted).
   * @internal
   */
  public _addTls(owner: Construct, ownerKind: string, host: string, secretName: string | undefined, annotations: Record<string, string>): void {
    const existing = this.tlsSecrets.get(host);
    if (this.tlsSecrets.has(host) && existing !== secretName) {
      throw propError(ownerKind, owner, `host ${show(host)} already has TLS Secret ${show(existing)} on ${constructLabel('SharedIngress', this)}; use the same Secret for the same host`);
    }
    for (const [key, value] of Object.entries(annotations)) {
      const current = this.tlsAnnotations.get(key);
      if (current !== undefined && current !== value) {
        throw propError(ownerKind, owner, `needs annotation ${key}=${show(value)} but ${constructLabel('SharedIngress', this)} already has ${show(current)}; one Ingress has one issuer`);
      }
      this.tlsAnnotations.set(key, value);
      this.ingress.metadata.addAnnotation(key, value);
    }
    if (!this.tlsSecrets.has(host)) {
      this.tlsSecrets.set(host, secretName);
      this.ingress.addTls([{ hosts: [host], secret: secretName !== undefined ? kplus.Secret.fromSecretName(this, `Tls${this.tlsSecrets.size}`, secretName) : undefined }]);
    }
  }
}
