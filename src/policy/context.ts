import type { Stage } from './stages';

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
