import { IConstruct } from 'constructs';
import { Claimant, appState } from './shared-state';
import { constructLabel, propError } from '../errors';

/**
 * Collisions between the library's own constructs, refused where the second one is created:
 * they are errors at every stage, with or without a policy, because the cluster would keep only
 * one of the two (or refuse the second) and nothing in the YAML says which.
 */

function claim(table: Map<string, Claimant>, key: string, kind: string, construct: IConstruct, what: () => string, fix: string): void {
  const taken = table.get(key);
  if (taken !== undefined && taken.construct !== construct) {
    throw propError(kind, construct, `${what()} is already claimed by ${constructLabel(taken.kind, taken.construct)} in this App; ${fix}`);
  }
  // The construct itself is kept, and its path worked out only for a message: one claim per
  // Service, 20,000 in a large App.
  table.set(key, { kind, construct });
}

/** A node port is open on every node of the cluster: one Service per protocol and port. */
export function claimNodePort(kind: string, construct: IConstruct, protocol: string, nodePort: number): void {
  claim(appState(construct).nodePorts, `${protocol}/${nodePort}`, kind, construct,
    () => `nodePort ${nodePort}/${protocol}`, 'node ports are cluster-wide, so choose another one or omit nodePort to let Kubernetes pick a free one');
}

/** Two objects of one kind with one name in one namespace: the second overwrites the first on apply. */
export function claimName(kind: string, construct: IConstruct, objectKind: string, namespace: string | undefined, name: string): void {
  claim(appState(construct).names, `${objectKind} ${namespace ?? ''}/${name}`, kind, construct,
    () => `${objectKind} name ${JSON.stringify(name)}${namespace ? ` in namespace ${JSON.stringify(namespace)}` : ''}`,
    'the second would overwrite the first on kubectl apply, so give one of them another metadata.name');
}

/**
 * A host and path routed twice through one entry point (an IngressClass or a Gateway): the
 * controller silently serves one of them.
 */
export function claimRoute(kind: string, construct: IConstruct, key: string, what: string): void {
  claim(appState(construct).routes, key, kind, construct, () => what,
    'the controller would serve only one of them, so give this route another host or path');
}

/**
 * Several routes of one front end (every host with every path): all are checked before any is
 * claimed, so a refused front end claims none.
 */
export function claimRoutes(kind: string, construct: IConstruct, routes: Array<{ key: string; what: string }>): void {
  const table = appState(construct).routes;
  for (const { key, what } of routes) {
    const taken = table.get(key);
    if (taken !== undefined && taken.construct !== construct) claimRoute(kind, construct, key, what);
  }
  for (const { key, what } of routes) claimRoute(kind, construct, key, what);
}

/** Gives back what a construct claimed (when its constructor refused its props). */
export function releaseClaims(construct: IConstruct): void {
  const state = appState(construct);
  for (const table of [state.nodePorts, state.routes, state.names]) {
    for (const [key, owner] of [...table]) if (owner.construct === construct) table.delete(key);
  }
}
