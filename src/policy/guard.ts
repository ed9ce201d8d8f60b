import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { PolicyContext } from './context';
import { Finding, evaluate, formatFinding, isBlocking } from './engine';
import { ExposurePolicy } from './stage';
import { SourcedManifest, addToModel, emptyModel } from '../model/model';
import { aroundSynth, synthChartsOnce } from '../synth-once';

/** Marks a construct as an exposure construct, with its kind; read here without an import cycle. */
export const KIND_MARKER = Symbol.for('cdk8s-expose.kind');
const GUARD_MARKER = Symbol.for('cdk8s-expose.guard');

interface GuardState {
  /** Warnings already printed, so each is printed once. */
  readonly warned: Set<string>;
  /** How deep inside App.synth()/synthYaml() we are. */
  synthDepth: number;
  /** Findings computed during the current App.synth()/synthYaml() call. */
  cached?: CheckResult;
  /** API objects whose toJson() answers from the guard's copy until the call ends. */
  memoized: ApiObject[];
}

/**
 * Registers, once per App, the synth-time validation that runs every rule over the App's
 * manifests. Called by every exposure construct.
 */
export function ensureGuard(scope: IConstruct): void {
  const root = scope.node.root as IConstruct & { [GUARD_MARKER]?: GuardState } & Record<string, unknown>;
  if (root[GUARD_MARKER]) return;
  const state: GuardState = { warned: new Set<string>(), synthDepth: 0, memoized: [] };
  root[GUARD_MARKER] = state;
  // One preparation of the App per synth() instead of one per chart (see synth-once.ts).
  synthChartsOnce(root);

  // cdk8s validates the whole App once in App.synth()/synthYaml() and again for every chart
  // it writes (with synth-once.ts, for the first chart only; without it, if cdk8s changed,
  // for every chart). Nothing can change during one such call, so within it the findings are
  // computed once and reused; outside it (Chart.toJson(), Testing.synth()) every validation
  // computes afresh. The App instance's own methods are wrapped to mark the call.
  aroundSynth(root, {
    enter: () => { state.synthDepth++; },
    exit: () => {
      state.synthDepth--;
      if (state.synthDepth === 0) {
        state.cached = undefined;
        for (const object of state.memoized) delete (object as unknown as Record<string, unknown>).toJson;
        state.memoized = [];
      }
    },
  });

  root.node.addValidation({
    validate: () => {
      const result = state.synthDepth > 0 && state.cached ? state.cached : checkApp(root, state.synthDepth > 0 ? state.memoized : undefined);
      if (state.synthDepth > 0) state.cached = result;
      const { findings, problems } = result;
      for (const f of findings.filter(x => !isBlocking(x) && x.acknowledged === undefined)) {
        const line = formatFinding(f);
        if (!state.warned.has(line)) {
          state.warned.add(line);
          process.stderr.write(`cdk8s-expose warning: ${line}\n`);
        }
      }
      return [...problems, ...findings.filter(isBlocking).map(formatFinding)];
    },
  });
}

/**
 * Calls `visit` with every API object below `root`, synthesized, with the construct and stage
 * it belongs to. One walk down the tree carries the owner and the policy, so no object looks
 * up its ancestors, and each manifest can be dropped once `visit` has read it. Each exposure
 * construct's own problems go to `problems`; with `memoize`, cdk8s's next `toJson()` of the
 * object is answered from this copy (see ensureGuard).
 */
export function forEachManifest(root: IConstruct, visit: (sourced: SourcedManifest) => void, problems?: string[], memoize?: ApiObject[]): void {
  const walk = (node: IConstruct, owner: { path: string; kind: string } | undefined, policy: PolicyContext): void => {
    const kind = (node as unknown as Record<symbol, unknown>)[KIND_MARKER];
    const here = typeof kind === 'string' ? { path: node.node.path, kind } : owner;
    if (typeof kind === 'string' && problems) {
      problems.push(...(node as unknown as { _exposureProblems(): string[] })._exposureProblems());
    }
    const context = ExposurePolicy._contextOf(node, policy);
    if (node instanceof ApiObject) {
      const resource = node.node.id === 'Resource' && node.node.scope ? node.node.scope : node;
      const manifest = node.toJson();
      if (memoize) {
        // Inside one App.synth() nothing changes after validation, and cdk8s is about to call
        // toJson() on every object again, chart by chart: answer that one call from this copy,
        // then let it go (so each chart's copies are freed once the chart is written).
        const target = node as unknown as Record<string, unknown>;
        target.toJson = () => {
          delete target.toJson;
          return manifest;
        };
        memoize.push(node);
      }
      visit({
        manifest,
        origin: {
          constructPath: here?.path ?? resource.node.path,
          constructKind: here?.kind,
          stage: context.stage,
          requireIsolation: context.requireIsolation,
        },
      });
    }
    for (const child of node.node.children) walk(child, here, context);
  };
  walk(root, undefined, ExposurePolicy._rootContext(root));
}

/** Every API object below `root`, synthesized, with the construct and stage it belongs to. */
export function manifestsOf(root: IConstruct): SourcedManifest[] {
  const out: SourcedManifest[] = [];
  forEachManifest(root, sourced => out.push(sourced));
  return out;
}

interface CheckResult {
  /** Every rule's findings. */
  readonly findings: Finding[];
  /** What the exposure constructs report about themselves (`validateExposure`). */
  readonly problems: string[];
}

/** The rules' findings and the constructs' own problems, in one walk of the App. */
function checkApp(root: IConstruct, memoize?: ApiObject[]): CheckResult {
  const problems: string[] = [];
  const model = emptyModel();
  forEachManifest(root, sourced => addToModel(model, sourced), problems, memoize);
  const findings = evaluate(model);
  return { findings, problems };
}

