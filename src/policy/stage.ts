import { IConstruct } from 'constructs';
import { ensurePolicyCheck } from './check';
import { PolicyContext, STAGE_CONTEXT_KEY, STAGE_ENVIRONMENT_VARIABLE, contextOf, rootContext, stageFromEnvironment } from './context';
import { Stage, parseStage } from './stages';
import { checkConstruct, factoryError } from '../errors';
import { sharedState } from '../internal/shared-state';

/**
 * Options of the exposure policy of an App or Chart.
 */
export interface ExposurePolicyOptions {
  /**
   * The stage of every construct below the scope.
   *
   * The environment variable `CDK8S_EXPOSE_STAGE` (`development`, `staging` or `production`)
   * overrides it, so a pipeline can set the stage without a code change; so does the cdk8s
   * context key `cdk8s-expose:stage` where no stage is declared in code.
   *
   * @default - no stage: only the Kubernetes rules and the always-on safety rules can fail
   * the synth; every other finding is a warning
   */
  readonly stage?: Stage;

  /**
   * Require every `InternalService` to restrict who reaches its pods with `allowFrom`
   * (rule `internal-service-isolation`): an error in production, a warning in staging.
   *
   * @default false
   */
  readonly requireIsolation?: boolean;

  /**
   * Write the stage on every object judged under the scope, as the annotation
   * `cdk8s-expose/stage: <stage>` (on the library's constructs and on every other object below
   * the scope: plain cdk8s-plus objects, `Include`d YAML, raw `ApiObject`s), so that
   * `cdk8s-expose audit` and the cdk8s CLI plugin judge each object at the stage the synth
   * judged it at, and one audit can gate a `dist/` with charts of several stages. Only
   * written where a stage is in force (declared, from `CDK8S_EXPOSE_STAGE` or the context key).
   *
   * @default true
   */
  readonly annotateStage?: boolean;
}

/**
 * The App-wide exposure policy, turned on explicitly: `apply` makes the library judge every
 * object below a scope, its own constructs and everything else (plain cdk8s-plus objects,
 * `Include`d YAML, raw `ApiObject`s), with every rule at the declared stage, once per synth.
 * Without it only the library's own constructs are checked (their props and the collisions
 * between them).
 *
 * Use `ExposureApp` instead of `App` so that the policy is evaluated once per `synth()`, after
 * the App's other validations, on the rendering cdk8s writes (each `Lazy` producer runs once).
 * With a plain `App` it is evaluated each time cdk8s validates the App (once, and again per
 * chart), with the same result, and every evaluation renders the objects (and runs their `Lazy`
 * producers) again.
 *
 * @example
 * declare const chart: Chart;
 * ExposurePolicy.apply(chart, { stage: Stage.PRODUCTION, requireIsolation: true });
 */
export class ExposurePolicy {
  /** The environment variable a pipeline sets to override the stage: `CDK8S_EXPOSE_STAGE`. */
  public static readonly STAGE_ENVIRONMENT_VARIABLE = STAGE_ENVIRONMENT_VARIABLE;

  /** The cdk8s context key read when no stage is declared in code: `cdk8s-expose:stage`. */
  public static readonly STAGE_CONTEXT_KEY = STAGE_CONTEXT_KEY;

  /**
   * Turns on the App-wide policy for every object below `scope` (an App, a Chart or any
   * construct), at the given stage. A policy declared lower in the tree wins over one declared
   * higher; applying again on the same scope replaces it.
   *
   * @param scope the App, Chart or construct
   * @param options the stage and policy options
   */
  public static apply(scope: IConstruct, options: ExposurePolicyOptions): void {
    if (options === null || typeof options !== 'object') {
      throw factoryError(`ExposurePolicy.apply('${scope.node.path}')`, `options ${JSON.stringify(options)} must be an object such as { stage: Stage.PRODUCTION }`);
    }
    if (options.stage !== undefined) parseStage(options.stage, `ExposurePolicy.apply('${scope.node.path}'): stage`);
    if (options.annotateStage !== undefined && typeof options.annotateStage !== 'boolean') {
      throw factoryError(`ExposurePolicy.apply('${scope.node.path}')`, `annotateStage ${JSON.stringify(options.annotateStage)} must be true or false`);
    }
    sharedState().policies.set(scope, { stage: options.stage, requireIsolation: options.requireIsolation, annotateStage: options.annotateStage });
    ensurePolicyCheck(scope);
  }

  /**
   * Reads a stage name (`development`, `staging`, `production`), with an error that says where
   * the text came from and what is allowed.
   *
   * @param text the stage name
   * @param source where the text came from, for the error (`--stage`, a property name...)
   */
  public static parseStage(text: string, source: string): Stage {
    return parseStage(text, source);
  }

  /**
   * The stage the environment variable `CDK8S_EXPOSE_STAGE` sets, if any.
   */
  public static stageFromEnvironment(): Stage | undefined {
    return stageFromEnvironment();
  }

  /**
   * The stage that applies to a construct: `CDK8S_EXPOSE_STAGE` when set, else the nearest
   * declared stage, else the context key `cdk8s-expose:stage`.
   *
   * @param scope the construct
   * @returns the stage, or undefined when none is declared
   */
  public static stageOf(scope: IConstruct): Stage | undefined {
    checkConstruct('ExposurePolicy.stageOf', 'scope', scope);
    return ExposurePolicy.contextAt(scope).stage;
  }

  /**
   * Whether `InternalService` isolation is required for a construct (the nearest declared
   * `requireIsolation`).
   *
   * @param scope the construct
   */
  public static requiresIsolation(scope: IConstruct): boolean {
    checkConstruct('ExposurePolicy.requiresIsolation', 'scope', scope);
    return ExposurePolicy.contextAt(scope).requireIsolation;
  }

  /** The policy at a construct: the root's, then every declaration on the way down. */
  private static contextAt(scope: IConstruct): PolicyContext {
    let context = rootContext(scope.node.root);
    for (const node of scope.node.scopes) context = contextOf(node, context);
    return context;
  }

  private constructor() {}
}
