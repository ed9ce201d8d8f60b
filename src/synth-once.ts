import { ApiObject, App, Chart, DependencyGraph } from 'cdk8s';
import { IConstruct } from 'constructs';

const STATE = Symbol.for('cdk8s-expose.synthOnce');
const INSTALLED = Symbol.for('cdk8s-expose.synthOnce.installed');

interface SynthOnceState {
  /** How deep inside this App's synth()/synthYaml() we are. */
  depth: number;
  /** Whether a chart of the current call has been written the stock way (the App is prepared). */
  prepared: boolean;
}

type SynthChart = (this: unknown, chart: Chart) => unknown[];

/**
 * Makes one `synth()`/`synthYaml()` of this App prepare the App once, not once per chart.
 *
 * cdk8s's `App.synth()` validates the whole App and infers its dependencies, then calls
 * `Chart.toJson()` for every chart, and each of those validates the whole App and infers its
 * dependencies again. With C charts the App is walked about 3 × (C + 1) times, so synthesis
 * grows with (App size × number of charts): at 20,000 Services in 40 charts that repetition is
 * about two thirds of the time (5.6 s → 2.0 s for plain cdk8s-plus-28 Services).
 *
 * Within one call nothing changes between charts, so here the first chart is written exactly as
 * cdk8s writes it (that repeats the preparation once more, dependencies then validation), and
 * every following chart of the same call lists its own API objects in dependency order and
 * renders them, as cdk8s does after its preparation. Outside the call (`Chart.toJson()`,
 * `Testing.synth()`) and in Apps that did not ask for it, cdk8s runs unchanged.
 *
 * This replaces cdk8s's internal `App._synthChart` with a function that delegates to it unless
 * the shortcut applies. If that internal is missing or has another shape, nothing is replaced
 * and synthesis is cdk8s's own (test/synth-once.test.ts fails then, so it is revisited).
 */
export function synthChartsOnce(app: IConstruct): void {
  const root = app.node.root as IConstruct & Record<string | symbol, unknown>;
  if (root[STATE] || !installShortcut(App)) return;
  const state: SynthOnceState = { depth: 0, prepared: false };
  root[STATE] = state;
  aroundSynth(root, {
    enter: () => { state.depth++; },
    exit: () => {
      state.depth--;
      if (state.depth === 0) state.prepared = false;
    },
  });
}

/**
 * Wraps the App instance's own `synth()` and `synthYaml()` so that `hooks` see every call begin
 * and end (also when it throws).
 */
export function aroundSynth(root: IConstruct, hooks: { enter(): void; exit(): void }): void {
  const target = root as IConstruct & Record<string, unknown>;
  for (const method of ['synth', 'synthYaml']) {
    const original = target[method];
    if (typeof original !== 'function') continue;
    target[method] = function (this: unknown, ...args: unknown[]) {
      hooks.enter();
      try {
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      } finally {
        hooks.exit();
      }
    };
  }
}

/**
 * Replaces `appClass._synthChart` (once) with the shortcut described above. Returns whether the
 * shortcut is in place.
 */
export function installShortcut(appClass: unknown): boolean {
  const target = appClass as { _synthChart?: unknown } & Record<symbol, unknown>;
  if (target[INSTALLED]) return true;
  const original = target._synthChart;
  if (typeof original !== 'function' || original.length !== 1) return false;
  const stock = original as SynthChart;
  const shortcut: SynthChart = function (this: unknown, chart: Chart): unknown[] {
    const state = (chart.node.root as unknown as Record<symbol, SynthOnceState | undefined>)[STATE];
    if (!state || state.depth === 0) return stock.call(this, chart);
    if (!state.prepared) {
      const objects = stock.call(this, chart);
      state.prepared = true;
      return objects;
    }
    return objectsOf(chart).map(o => o.toJson());
  };
  Object.defineProperty(target, '_synthChart', { value: shortcut, writable: true, configurable: true });
  Object.defineProperty(target, INSTALLED, { value: true });
  return true;
}

/** The chart's own API objects (not those of nested charts), dependencies first. */
function objectsOf(chart: Chart): ApiObject[] {
  const out: ApiObject[] = [];
  for (const node of new DependencyGraph(chart.node).topology()) {
    if (node instanceof ApiObject && Chart.of(node) === chart) out.push(node);
  }
  return out;
}
