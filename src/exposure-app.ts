import { App, AppProps, IResolver, Lazy, ResolutionContext } from 'cdk8s';
import { factoryError, show, synthRefusal } from './errors';
import { appState } from './internal/shared-state';
import { keepPolicyCheckLast } from './policy/check';

/**
 * A cdk8s `App` that evaluates an applied `ExposurePolicy` once per `synth()` / `synthYaml()`,
 * on a rendering equal to the one cdk8s writes (cdk8s then renders the objects once more to
 * write them).
 *
 * cdk8s validates the whole App once per synthesis and again for every chart it writes, and the
 * policy renders the objects to judge them; with a plain `App` the policy is therefore evaluated
 * once per chart, and the producers of `Lazy` values run once more per evaluation (same result,
 * more time). During its own synthesis this subclass computes the policy's verdict once, after
 * every other validation of the App, and gives every `Lazy` the value it produced first (through
 * a cdk8s resolver, cdk8s's public extension point), so the policy judges what cdk8s writes and
 * each producer runs once per synthesis, as without the library. It changes nothing else: the
 * YAML is cdk8s's own.
 *
 * @example
 * const app = new ExposureApp();
 * const chart = new Chart(app, 'production');
 * ExposurePolicy.apply(app, { stage: Stage.PRODUCTION });
 * app.synth();
 */
export class ExposureApp extends App {
  private readonly lazyValues: LazyValues;

  /**
   * @param props the cdk8s App props
   */
  constructor(props: AppProps = {}) {
    const lazyValues = new LazyValues();
    // After the user's resolvers, before cdk8s's own (which evaluate a Lazy each time it is met).
    const checked = checkedProps(props);
    super({ ...checked, resolvers: [...(checked.resolvers ?? []), lazyValues] });
    this.lazyValues = lazyValues;
  }

  /**
   * Synthesizes every chart to `outdir`, as `App.synth()` does.
   */
  public synth(): void {
    this.withVerdictCache(() => super.synth());
  }

  /**
   * Synthesizes every chart to one YAML string, as `App.synthYaml()` does.
   */
  public synthYaml(): string {
    return this.withVerdictCache(() => super.synthYaml());
  }

  private withVerdictCache<T>(synthesize: () => T): T {
    const state = appState(this);
    if (state.synthDepth === 0) {
      state.refusedAtSynth = false;
      // The policy judges after every other validation, which may still change the objects.
      keepPolicyCheckLast(this);
      this.lazyValues.start();
    }
    state.synthDepth++;
    try {
      return synthesize();
    } catch (e) {
      // cdk8s words every validation failure as a plain Error ("Validation failed with the
      // following errors: ..."); when one of the library's checks is among them, the same
      // message is rethrown as the library's ValidationError.
      throw state.refusedAtSynth && e instanceof Error ? synthRefusal(e) : e;
    } finally {
      state.synthDepth--;
      if (state.synthDepth === 0) {
        state.verdict = undefined;
        this.lazyValues.stop();
      }
    }
  }
}

/**
 * During one synthesis, the value each `Lazy` produced the first time it was rendered (by the
 * policy or by cdk8s), so that every rendering of the synthesis agrees and user producers run
 * once. Outside a synthesis it does nothing.
 */
class LazyValues implements IResolver {
  private values: Map<Lazy, unknown> | undefined;

  public start(): void {
    this.values = new Map();
  }

  public stop(): void {
    this.values = undefined;
  }

  public resolve(context: ResolutionContext): void {
    const values = this.values;
    if (values === undefined || !(context.value instanceof Lazy)) return;
    const lazy = context.value;
    if (!values.has(lazy)) values.set(lazy, lazy.produce());
    context.replaceValue(values.get(lazy));
  }
}

/** The App props, refused when they are not an object (cdk8s would take them silently). */
function checkedProps(props: AppProps): AppProps {
  if (props === null || typeof props !== 'object') throw factoryError('ExposureApp', `props ${show(props)} must be an object such as { outdir: 'dist' }`);
  return props;
}
