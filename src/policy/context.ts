import { IConstruct } from 'constructs';
import { Stage, parseStage } from './stages';
import { sharedState } from '../internal/shared-state';

/** The environment variable a pipeline sets to override the stage. */
export const STAGE_ENVIRONMENT_VARIABLE = 'CDK8S_EXPOSE_STAGE';

/** The cdk8s context key read when no stage is declared in code. */
export const STAGE_CONTEXT_KEY = 'cdk8s-expose:stage';

/** The policy in force at a point of a walk down the construct tree. Private to the library. */
export interface PolicyContext {
  readonly stage?: Stage;
  readonly requireIsolation: boolean;
  /** True when the stage came from the environment and nothing below may change it. */
  readonly fixed: boolean;
  /** True below a scope that `ExposurePolicy.apply` was called on. */
  readonly declared: boolean;
  /** False below a scope whose policy said not to write the stage on its objects. */
  readonly annotateStage?: boolean;
}

/** The stage the environment variable sets, if any. */
export function stageFromEnvironment(): Stage | undefined {
  const fromEnv = process.env[STAGE_ENVIRONMENT_VARIABLE];
  return fromEnv === undefined || fromEnv === '' ? undefined : parseStage(fromEnv, `The environment variable ${STAGE_ENVIRONMENT_VARIABLE}`);
}

/** The policy at the root of a walk: the environment's stage, or the context key's. */
export function rootContext(root: IConstruct): PolicyContext {
  const fromEnv = stageFromEnvironment();
  if (fromEnv !== undefined) return { stage: fromEnv, requireIsolation: false, fixed: true, declared: false };
  const fromContext = root.node.tryGetContext(STAGE_CONTEXT_KEY);
  return {
    stage: fromContext === undefined ? undefined : parseStage(fromContext, `The cdk8s context key ${STAGE_CONTEXT_KEY}`),
    requireIsolation: false,
    fixed: false,
    declared: false,
  };
}

/** The policy at `node`, given the policy of its parent (what `ExposurePolicy.stageOf` computes, walking down). */
export function contextOf(node: IConstruct, parent: PolicyContext): PolicyContext {
  const options = sharedState().policies.get(node);
  if (options === undefined) return parent;
  return {
    stage: parent.fixed ? parent.stage : (options.stage as Stage | undefined) ?? parent.stage,
    requireIsolation: options.requireIsolation ?? parent.requireIsolation,
    fixed: parent.fixed,
    declared: true,
    annotateStage: options.annotateStage ?? parent.annotateStage,
  };
}
