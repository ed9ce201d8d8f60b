import * as kplus from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { claimRoutes } from './claims';
import { enumProblem } from './enums';
import { propError, show } from '../errors';
import { checkIngressHost } from '../validation/names';
import { ingressPathProblem } from '../validation/networking';

/** The host and path props an Ingress front end takes (IngressFronted, SharedIngress.routeToService). */
export interface RouteListInput {
  readonly host?: string;
  readonly hosts?: string[];
  readonly path?: string;
  readonly paths?: string[];
  readonly pathType?: kplus.HttpIngressPathType;
  readonly typedPaths?: Array<{ readonly path: string; readonly pathType?: kplus.HttpIngressPathType }>;
}

/** The hosts and paths of one front end, checked: every host with every path. */
export interface RouteList {
  /** The hosts; empty for every host (rules without a host). */
  readonly hosts: string[];
  /** The paths; empty only for a default backend given without any path. */
  readonly paths: string[];
  /** The type of each path (the same index as `paths`). */
  readonly pathTypes: kplus.HttpIngressPathType[];
  /** The type of the first path (of every path, unless `typedPaths` gave several). */
  readonly pathType: kplus.HttpIngressPathType;
  /** Whether a host or a path was given at all (a default backend alone has neither). */
  readonly given: boolean;
}

/**
 * Checks `host`/`hosts` and `path`/`paths` of one front end: one of each pair, no empty list,
 * no duplicate, every host and path as the API server accepts it. With neither a path nor a
 * host, the path is `/` unless `pathless` (a default backend alone).
 */
export function checkRouteList(kind: string, construct: IConstruct, input: RouteListInput, pathless = false): RouteList {
  const fail = (message: string) => propError(kind, construct, message);
  if (input.typedPaths !== undefined) return checkTypedPaths(fail, input);
  const typeProblem = enumProblem('pathType', input.pathType, kplus.HttpIngressPathType, 'kplus.HttpIngressPathType');
  if (typeProblem) throw fail(typeProblem);
  const pathType = input.pathType ?? kplus.HttpIngressPathType.PREFIX;
  const hosts = checkHosts(fail, input);
  const paths = listOf(fail, 'path', 'paths', input.path, input.paths, ['/', '/api'], (path, at) => {
    const problem = ingressPathProblem(path, pathType);
    return problem ? `${at} ${show(path)} ${problem}` : undefined;
  });
  const given = hosts !== undefined || paths !== undefined;
  const list = paths ?? (pathless && hosts === undefined ? [] : ['/']);
  return {
    hosts: hosts ?? [],
    paths: list,
    pathTypes: list.map(() => pathType),
    pathType,
    given,
  };
}

/** The hosts of a front end, checked. */
function checkHosts(fail: (message: string) => Error, input: RouteListInput): string[] | undefined {
  return listOf(fail, 'host', 'hosts', input.host, input.hosts, ['api.example.com', 'www.example.com'], (host, at) => {
    const problem = typeof host === 'string' ? checkIngressHost(host) : 'is not a string';
    return problem ? `${at} ${show(host)} ${problem}; pass a host name such as "api.example.com"` : undefined;
  });
}

/** `typedPaths`: instead of path, paths and pathType; each path once, with a type of its own. */
function checkTypedPaths(fail: (message: string) => Error, input: RouteListInput): RouteList {
  const others = (['path', 'paths', 'pathType'] as const).filter(k => input[k] !== undefined);
  if (others.length > 0) throw fail(`typedPaths gives every path its type, so ${others.join(', ')} ${others.length > 1 ? 'do' : 'does'} not apply; list every path in typedPaths and remove ${others.join(', ')}`);
  const typed = input.typedPaths;
  if (!Array.isArray(typed) || typed.length === 0) {
    throw fail(`typedPaths ${show(typed)} must list at least one path, such as [{ path: '/api' }, { path: '/healthz', pathType: kplus.HttpIngressPathType.EXACT }]; omit it for the default`);
  }
  const hosts = checkHosts(fail, input);
  const seen = new Set<string>();
  const paths: string[] = [];
  const pathTypes: kplus.HttpIngressPathType[] = [];
  typed.forEach((entry, i) => {
    const at = `typedPaths[${i}]`;
    if (entry === null || typeof entry !== 'object') throw fail(`${at} ${show(entry)} must be an object such as { path: '/api' }`);
    const typeProblem = enumProblem(`${at}.pathType`, entry.pathType, kplus.HttpIngressPathType, 'kplus.HttpIngressPathType');
    if (typeProblem) throw fail(typeProblem);
    const pathType = entry.pathType ?? kplus.HttpIngressPathType.PREFIX;
    const problem = typeof entry.path === 'string' ? ingressPathProblem(entry.path, pathType) : 'is required (a path such as "/api")';
    if (problem) throw fail(`${at}.path ${show(entry.path)} ${problem}`);
    if (seen.has(entry.path)) throw fail(`${at}.path ${show(entry.path)} is listed twice; an Ingress holds one rule per host and path, whatever its pathType, so keep one`);
    seen.add(entry.path);
    paths.push(entry.path);
    pathTypes.push(pathType);
  });
  return { hosts: hosts ?? [], paths, pathTypes, pathType: pathTypes[0], given: true };
}

/** One value or a list of them (never both), checked entry by entry; undefined when neither is given. */
function listOf(fail: (message: string) => Error, one: string, many: string, single: string | undefined, list: string[] | undefined,
  example: string[], check: (value: string, at: string) => string | undefined): string[] | undefined {
  if (single !== undefined && list !== undefined) {
    throw fail(`${one} ${show(single)} and ${many} ${show(list)} are both given; list every ${one} in ${many} (${many}: ${show([single, ...(Array.isArray(list) ? list : [])])}) and remove ${one}`);
  }
  if (single !== undefined) {
    const problem = check(single, one);
    if (problem) throw fail(problem);
    return [single];
  }
  if (list === undefined) return undefined;
  if (!Array.isArray(list) || list.length === 0) {
    throw fail(`${many} ${show(list)} must list at least one ${one}, such as ${show(example)}; omit ${many} for the default`);
  }
  const seen = new Set<string>();
  list.forEach((value, i) => {
    const problem = check(value, `${many}[${i}]`);
    if (problem) throw fail(problem);
    if (seen.has(value)) throw fail(`${many}[${i}] ${show(value)} is listed twice; remove one`);
    seen.add(value);
  });
  return [...list];
}

/**
 * Claims every host and path of one front end on an IngressClass, and the default backend as
 * the route it is (any host, path `/`, Prefix: the model reads it so): the controller would
 * serve only one of two.
 */
export function claimIngressRoutes(kind: string, owner: Construct, className: string | undefined, routes: RouteList, defaultBackend: boolean): void {
  const ingressClass = className ?? '(default class)';
  const classLabel = show(className ?? '(the default)');
  const claims: Array<{ key: string; what: string }> = [];
  for (const host of routes.hosts.length > 0 ? routes.hosts : [undefined]) {
    routes.paths.forEach((path, i) => {
      claims.push({
        key: `ingress ${ingressClass} ${host ?? '*'} ${path} ${routes.pathTypes[i]}`,
        what: `host ${show(host ?? '(any)')} path ${show(path)} (${routes.pathTypes[i]}) on IngressClass ${classLabel}`,
      });
    });
  }
  if (defaultBackend) {
    claims.push({
      key: `ingress ${ingressClass} * / ${kplus.HttpIngressPathType.PREFIX}`,
      what: `the default backend (any host, any path: the requests of host "(any)" path "/" (Prefix)) on IngressClass ${classLabel}`,
    });
  }
  claimRoutes(kind, owner, claims);
}

/**
 * A default backend answers every request: a rule for any host at path `/` (Prefix) beside it
 * would be the same route twice.
 */
export function checkDefaultBackendRoutes(routes: RouteList, defaultBackend: boolean, fail: (message: string) => Error): void {
  if (defaultBackend && routes.hosts.length === 0 && routes.paths.some((path, i) => path === '/' && routes.pathTypes[i] === kplus.HttpIngressPathType.PREFIX)) {
    throw fail('defaultBackend already answers every host and path, so a rule for any host at path "/" (Prefix) would route the same requests twice; remove path "/", or give hosts');
  }
}
