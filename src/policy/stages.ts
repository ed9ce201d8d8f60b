/**
 * A deployment stage. The stage decides which findings are errors: production refuses what
 * development allows.
 */
export enum Stage {
  /** Laptops and development clusters. */
  DEVELOPMENT = 'development',
  /** Pre-production: production's rules, with the production-only refusals as warnings. */
  STAGING = 'staging',
  /** Production. */
  PRODUCTION = 'production',
}

const STAGES = Object.values(Stage) as string[];

/** Reads a stage from text, with an error that says where it came from. */
export function parseStage(value: unknown, source: string): Stage {
  if (typeof value !== 'string' || !STAGES.includes(value)) {
    throw new Error(`${source} is ${JSON.stringify(value)}; it must be one of ${STAGES.join(', ')}`);
  }
  return value as Stage;
}

