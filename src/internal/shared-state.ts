import { IConstruct } from 'constructs';

/**
 * State that every copy of the library loaded in one process shares (a `Symbol.for` key on the
 * global object), so that two installed copies in one App see each other's constructs,
 * collisions and policies and never switch each other off. Nothing is stored on the user's
 * constructs. Private to the library; the shape only grows (version 1).
 */
export interface SharedState {
  /** The policy options declared on a construct with `ExposurePolicy.apply`. */
  readonly policies: WeakMap<IConstruct, PolicyDeclaration>;
  /** Per App (root construct): what the library's constructs claimed, and the policy check. */
  readonly apps: WeakMap<IConstruct, AppState>;
  /** Warnings already printed by this process, so each is printed once. */
  readonly printed: Set<string>;
}

/** What `ExposurePolicy.apply` recorded on a scope. */
export interface PolicyDeclaration {
  readonly stage?: string;
  readonly requireIsolation?: boolean;
  /** False when the stage is not to be written on the objects (`cdk8s-expose/stage`). */
  readonly annotateStage?: boolean;
}

/** The result of one evaluation of the App-wide policy: blocking lines and warning lines. */
export interface PolicyVerdict {
  readonly errors: string[];
  readonly warnings: string[];
}

/** The construct that claimed something, and its kind (for messages). */
export interface Claimant {
  readonly kind: string;
  readonly construct: IConstruct;
}

/** One App's claims and policy state. */
export interface AppState {
  /** `TCP/30080` → the construct that claimed the node port. */
  readonly nodePorts: Map<string, Claimant>;
  /** A route key (see src/internal/claims.ts) → the construct that claimed it. */
  readonly routes: Map<string, Claimant>;
  /** `Service namespace/name` → the construct that claimed the name. */
  readonly names: Map<string, Claimant>;
  /** Whether the App-wide policy check is registered on this App. */
  policyCheck: boolean;
  /** How deep inside `ExposureApp.synth()`/`synthYaml()` we are. */
  synthDepth: number;
  /** The verdict computed during the current `ExposureApp` synthesis. */
  verdict?: PolicyVerdict;
  /** Whether a check of the library refused something in the current `ExposureApp` synthesis. */
  refusedAtSynth?: boolean;
}

const KEY = Symbol.for('cdk8s-expose.shared-state.v1');

/** The process-wide state (created by the first copy of the library that asks). */
export function sharedState(): SharedState {
  const holder = globalThis as unknown as Record<symbol, SharedState | undefined>;
  let state = holder[KEY];
  if (state === undefined) {
    state = { policies: new WeakMap(), apps: new WeakMap(), printed: new Set() };
    Object.defineProperty(holder, KEY, { value: state, enumerable: false });
  }
  return state;
}

/** The App state of each scope asked about before (a chart, mostly): no walk to the root per construct. */
const byScope = new WeakMap<IConstruct, AppState>();

/** The state of the App that `scope` belongs to. */
export function appState(scope: IConstruct): AppState {
  const parent = scope.node.scope ?? scope;
  const known = byScope.get(parent);
  if (known !== undefined) return known;
  const state = appStateOfRoot(scope.node.root);
  byScope.set(parent, state);
  return state;
}

function appStateOfRoot(root: IConstruct): AppState {
  const apps = sharedState().apps;
  let state = apps.get(root);
  if (state === undefined) {
    state = { nodePorts: new Map(), routes: new Map(), names: new Map(), policyCheck: false, synthDepth: 0 };
    apps.set(root, state);
  }
  return state;
}

/** Marks an exposure construct with its kind (read by every copy of the library). */
export const KIND_MARKER = Symbol.for('cdk8s-expose.kind');

/** The kind of an exposure construct, or undefined for any other construct. */
export function exposureKindOf(node: IConstruct): string | undefined {
  const kind = (node as unknown as Record<symbol, unknown>)[KIND_MARKER];
  return typeof kind === 'string' ? kind : undefined;
}
