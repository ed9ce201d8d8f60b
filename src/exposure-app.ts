import { App, AppProps } from 'cdk8s';
import { factoryError, show, synthRefusal } from './errors';
import { appState } from './internal/shared-state';

/**
 * A cdk8s `App` that evaluates an applied `ExposurePolicy` once per `synth()` / `synthYaml()`.
 *
 * cdk8s validates the whole App once per synthesis and again for every chart it writes; a
 * plain `App` therefore evaluates the policy once per chart (same result, more time). This
 * subclass marks its own synthesis so the policy's verdict is computed on the first validation
 * and reused by the others. It changes nothing else: the YAML is cdk8s's own.
 *
 * @example
 * const app = new ExposureApp();
 * const chart = new Chart(app, 'production');
 * ExposurePolicy.apply(app, { stage: Stage.PRODUCTION });
 * app.synth();
 */
export class ExposureApp extends App {
  /**
   * @param props the cdk8s App props
   */
  constructor(props: AppProps = {}) {
    super(checkedProps(props));
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
    if (state.synthDepth === 0) state.refusedAtSynth = false;
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
      if (state.synthDepth === 0) state.verdict = undefined;
    }
  }
}

/** The App props, refused when they are not an object (cdk8s would take them silently). */
function checkedProps(props: AppProps): AppProps {
  if (props === null || typeof props !== 'object') throw factoryError('ExposureApp', `props ${show(props)} must be an object such as { outdir: 'dist' }`);
  return props;
}
