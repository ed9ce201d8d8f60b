import * as kplus from 'cdk8s-plus-28';
import { IConstruct } from 'constructs';
import { GATEWAY_API_GROUP } from '../api-groups';
import { factoryError, propError, show } from '../errors';
import { ExposedService } from '../exposed-service';
import { enumProblem } from '../internal/enums';
import { checkDns1123Label, checkDns1123Subdomain, checkIngressHost } from '../validation/names';

/** The apiVersion of every kind the library writes: all are v1 in the Gateway API v1.6 standard channel. */
export const GATEWAY_API_VERSION = `${GATEWAY_API_GROUP}/v1`;

/** What a route attaches to (`parentRefs[].kind`). */
export enum ParentKind {
  /** A Gateway (usually the platform's, in its own namespace). */
  GATEWAY = 'Gateway',
  /** A ListenerSet: listeners an app owns, merged into a Gateway. */
  LISTENER_SET = 'ListenerSet',
}

/**
 * A Gateway or ListenerSet a route attaches to (`spec.parentRefs[]`).
 */
export interface GatewayParentRef {
  /** The parent's name. */
  readonly name: string;
  /**
   * The parent's namespace.
   * @default - the route's namespace
   */
  readonly namespace?: string;
  /**
   * The listener to attach to.
   * @default - every listener that accepts the route
   */
  readonly sectionName?: string;
  /**
   * What the parent is.
   *
   * @default ParentKind.GATEWAY
   */
  readonly kind?: ParentKind;

  /**
   * The listener port to attach to (with or instead of `sectionName`).
   *
   * @default - every listener of the parent that accepts the route (or the one `sectionName` names)
   */
  readonly port?: number;
}

/** The `parentRefs` a route writes, checked. */
export function renderParents(kind: string, construct: IConstruct, parents: GatewayParentRef[] | undefined, prop = 'parents'): any[] {
  const fail = (message: string) => propError(kind, construct, message);
  if (!Array.isArray(parents) || parents.length === 0) {
    throw fail(`${prop} ${show(parents)} must list at least one Gateway to attach to, such as [{ name: 'public', namespace: 'gateway-system', sectionName: 'https' }]`);
  }
  if (parents.length > 32) throw fail(`${prop} has ${parents.length} entries; a route attaches to at most 32 parents`);
  const seen = new Map<string, Set<string>>();
  return parents.map((parent, i) => {
    const at = `${prop}[${i}]`;
    if (parent === null || typeof parent !== 'object') throw fail(`${at} ${show(parent)} must be an object such as { name: 'public' }`);
    const problem = parentProblem(parent, at);
    if (problem) throw fail(problem);
    const parentKind = parent.kind ?? ParentKind.GATEWAY;
    const key = `${parentKind} ${parent.namespace ?? ''}/${parent.name}`;
    const sections = seen.get(key) ?? new Set<string>();
    const section = `${parent.sectionName ?? ''}:${parent.port ?? ''}`;
    if (sections.size > 0 && (section === ':' || sections.has(':'))) {
      throw fail(`${at} attaches to ${parentKind} ${show(parent.name)} a second time; give each reference to the same parent its own sectionName (or port)`);
    }
    if (sections.has(section)) throw fail(`${at} repeats the reference to ${parentKind} ${show(parent.name)} with the same sectionName and port; remove one`);
    sections.add(section);
    seen.set(key, sections);
    return {
      group: GATEWAY_API_GROUP,
      kind: parentKind,
      name: parent.name,
      ...(parent.namespace !== undefined ? { namespace: parent.namespace } : {}),
      ...(parent.sectionName !== undefined ? { sectionName: parent.sectionName } : {}),
      ...(parent.port !== undefined ? { port: parent.port } : {}),
    };
  });
}

/** Why a parent reference is wrong, or undefined. */
export function parentProblem(parent: GatewayParentRef, at: string): string | undefined {
  const name = typeof parent.name === 'string' ? checkDns1123Subdomain(parent.name) : 'is required (the Gateway\'s metadata.name)';
  if (name) return `${at}.name ${show(parent.name)} ${name}`;
  if (parent.namespace !== undefined) {
    const problem = typeof parent.namespace === 'string' ? checkDns1123Label(parent.namespace) : 'is not a string';
    if (problem) return `${at}.namespace ${show(parent.namespace)} ${problem}`;
  }
  if (parent.sectionName !== undefined) {
    const problem = typeof parent.sectionName === 'string' ? checkDns1123Subdomain(parent.sectionName) : 'is not a string';
    if (problem) return `${at}.sectionName ${show(parent.sectionName)} ${problem}; it is the name of a listener of the Gateway`;
  }
  if (parent.port !== undefined && !isPort(parent.port)) return `${at}.port ${show(parent.port)} must be a whole number from 1 to 65535`;
  return enumProblem(`${at}.kind`, parent.kind, ParentKind, 'ParentKind');
}

/** Whether a value is a port number 1-65535. */
export function isPort(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
}

/** Checked route hostnames (`spec.hostnames`). */
export function checkHostnames(kind: string, construct: IConstruct, hostnames: string[] | undefined, required: boolean,
  max: number): string[] | undefined {
  const fail = (message: string) => propError(kind, construct, message);
  if (hostnames === undefined && !required) return undefined;
  if (!Array.isArray(hostnames) || (required && hostnames.length === 0)) {
    throw fail(`hostnames ${show(hostnames)} must list ${required ? 'at least one host name' : 'host names'}, such as ['db.example.com']`);
  }
  if (hostnames.length > max) throw fail(`hostnames has ${hostnames.length} entries; a ${kind} has at most ${max}`);
  const seen = new Set<string>();
  for (const [i, host] of hostnames.entries()) {
    const problem = typeof host === 'string' ? checkIngressHost(host) : 'is not a string';
    if (problem) throw fail(`hostnames[${i}] ${show(host)} ${problem}; pass a host name such as "api.example.com" or "*.example.com"`);
    if (seen.has(host)) throw fail(`hostnames[${i}] ${show(host)} is listed twice; remove one`);
    seen.add(host);
  }
  return [...hostnames];
}

/** Checked rule name (`rules[].name`). */
export function checkRuleName(kind: string, construct: IConstruct, name: string | undefined, at: string): void {
  if (name === undefined) return;
  const problem = typeof name === 'string' ? checkDns1123Subdomain(name) : 'is not a string';
  if (problem) throw propError(kind, construct, `${at}.name ${show(name)} ${problem}`);
}

/** Options of `RouteBackend.fromService`. */
export interface RouteBackendOptions {
  /**
   * The Service port to route to.
   *
   * @default - the Service's only port
   */
  readonly port?: number;

  /**
   * The share of requests this backend gets, relative to the other backends of the rule
   * (0-1000000). With `weight: 90` and `weight: 10`, a canary gets a tenth.
   *
   * @default 1 (the Gateway API default)
   */
  readonly weight?: number;
}

/** Options of `RouteBackend.fromServiceName`. */
export interface RouteBackendNameOptions {
  /**
   * The Service's namespace. Another namespace than the route's needs a ReferenceGrant
   * there, which the route writes.
   *
   * @default - the route's namespace
   */
  readonly namespace?: string;

  /**
   * The share of requests this backend gets, relative to the other backends of the rule.
   *
   * @default 1 (the Gateway API default)
   */
  readonly weight?: number;
}

/** A backend as a route writes it. */
export interface ResolvedBackend {
  readonly name: string;
  readonly namespace?: string;
  readonly port: number;
  readonly weight?: number;
  /** The port's protocol, when the library knows the Service. */
  readonly protocol?: string;
}

/**
 * A Service that a Gateway API route sends traffic to (`backendRefs[]`): one of the library's
 * constructs, or an existing Service by name.
 */
export class RouteBackend {
  /**
   * One of the library's Services (`InternalService`, `IngressFronted`...). Not an
   * `ExternalAlias`: a Gateway that proxies to an ExternalName Service reaches wherever its
   * DNS points (CVE-2021-25740).
   *
   * @param service the Service
   * @param options port and weight
   */
  public static fromService(service: ExposedService, options: RouteBackendOptions = {}): RouteBackend {
    const f = 'RouteBackend.fromService';
    if (!(service instanceof ExposedService)) {
      throw factoryError(f, `service ${show(service)} is not one of the library's Services; use RouteBackend.fromServiceName('name', port) for any other Service`);
    }
    if (service.serviceType === kplus.ServiceType.EXTERNAL_NAME) {
      throw factoryError(f, `${service.constructKind} '${service.node.path}' is an ExternalName Service; a Gateway would proxy to whatever its DNS name points at (CVE-2021-25740). Route to a Service that selects pods`);
    }
    checkWeight(f, options.weight);
    if (options.port !== undefined && !isPort(options.port)) throw factoryError(f, `port ${show(options.port)} must be a whole number from 1 to 65535`);
    return new RouteBackend(undefined, service, options.port, undefined, options.weight);
  }

  /**
   * An existing Service by name (one the App does not define, such as a Helm chart's).
   *
   * @param name the Service's metadata.name
   * @param port the Service port to route to
   * @param options namespace and weight
   */
  public static fromServiceName(name: string, port: number, options: RouteBackendNameOptions = {}): RouteBackend {
    const f = 'RouteBackend.fromServiceName';
    const problem = typeof name === 'string' ? checkDns1123Label(name) : 'is not a string';
    if (problem) throw factoryError(f, `name ${show(name)} ${problem}; a Service name is a DNS label such as "web"`);
    if (!isPort(port)) throw factoryError(f, `port ${show(port)} must be a whole number from 1 to 65535; a Gateway API backend to a Service needs its port`);
    if (options.namespace !== undefined) {
      const nsProblem = typeof options.namespace === 'string' ? checkDns1123Label(options.namespace) : 'is not a string';
      if (nsProblem) throw factoryError(f, `namespace ${show(options.namespace)} ${nsProblem}`);
    }
    checkWeight(f, options.weight);
    return new RouteBackend(name, undefined, port, options.namespace, options.weight);
  }

  private constructor(
    private readonly serviceName: string | undefined,
    private readonly service: ExposedService | undefined,
    private readonly port: number | undefined,
    private readonly namespace: string | undefined,
    private readonly weight: number | undefined,
  ) {}

  /**
   * The weight given, if any (a mirror takes none).
   * @internal
   */
  public get _weight(): number | undefined {
    return this.weight;
  }

  /**
   * The backend as the route writes it; the route's kind and construct word the errors.
   * @internal
   */
  public _resolve(kind: string, route: IConstruct, at: string, routeNamespace?: string): ResolvedBackend {
    if (this.service === undefined) {
      // A Service by name without a namespace is in the route's (RouteBackendNameOptions.namespace).
      return { name: this.serviceName!, namespace: this.namespace ?? routeNamespace, port: this.port!, weight: this.weight };
    }
    const ports = this.service.exposedPorts.map(p => p.port);
    const label = `${this.service.constructKind} '${this.service.node.path}'`;
    let port = this.port;
    if (port !== undefined && !ports.includes(port)) {
      throw propError(kind, route, `${at}: port ${port} is not a port of ${label} (${ports.join(', ') || 'none'}); pass one of those`);
    }
    if (port === undefined) {
      if (ports.length !== 1) {
        throw propError(kind, route, `${at}: ${label} has ${ports.length === 0 ? 'no ports' : `several ports (${ports.join(', ')})`}; pass RouteBackend.fromService(service, { port }) to say which one`);
      }
      port = ports[0];
    }
    const protocol = this.service.exposedPorts.find(p => p.port === port)?.protocol ?? kplus.Protocol.TCP;
    return { name: this.service.name, namespace: this.service.metadata.namespace, port, weight: this.weight, protocol };
  }
}

function checkWeight(f: string, weight: number | undefined): void {
  if (weight !== undefined && !(typeof weight === 'number' && Number.isInteger(weight) && weight >= 0 && weight <= 1000000)) {
    throw factoryError(f, `weight ${show(weight)} must be a whole number from 0 to 1000000 (relative to the rule's other backends)`);
  }
}

/** Renders a backend: `namespace` only when it differs from the route's. */
export function renderBackend(backend: ResolvedBackend, routeNamespace: string | undefined): any {
  return {
    name: backend.name,
    ...(backend.namespace !== undefined && backend.namespace !== routeNamespace ? { namespace: backend.namespace } : {}),
    port: backend.port,
    ...(backend.weight !== undefined ? { weight: backend.weight } : {}),
  };
}

/**
 * A Gateway API Duration (GEP-2257: `1h`, `30s`, `500ms`; each part at most 5 digits).
 * Zero is `0s`.
 */
export function gatewayDuration(milliseconds: number): string {
  if (milliseconds === 0) return '0s';
  const parts: string[] = [];
  let rest = milliseconds;
  for (const [unit, size] of [['h', 3600000], ['m', 60000], ['s', 1000], ['ms', 1]] as const) {
    const count = Math.floor(rest / size);
    if (count > 0) parts.push(`${count}${unit}`);
    rest -= count * size;
  }
  return parts.join('');
}

/** Checks a timeout given as a cdk8s Duration: whole milliseconds, at most 99999 hours. */
export function durationProblem(prop: string, value: { toMilliseconds(): number } | undefined): string | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value?.toMilliseconds === 'function' ? value.toMilliseconds() : NaN;
  if (!Number.isInteger(ms) || ms < 0 || ms >= 99999 * 3600000) {
    return `${prop} ${show(value)} must be a cdk8s Duration of whole milliseconds, such as Duration.seconds(30)`;
  }
  return undefined;
}
