import { IConstruct } from 'constructs';
import { inputError } from '../errors';
import { sharedState } from '../internal/shared-state';

/** What happens to the policy's warnings. */
export enum WarningMode {
  /** Printed once per process on stderr, prefixed `cdk8s-expose warning:` (the default). */
  PRINT = 'print',
  /** Not printed (they are still in the exposure report). */
  SILENT = 'silent',
  /** Fail the synth like errors. */
  ERROR = 'error',
}

/** The environment variable that sets the warning mode: `CDK8S_EXPOSE_WARNINGS`. */
export const WARNINGS_ENVIRONMENT_VARIABLE = 'CDK8S_EXPOSE_WARNINGS';
/** The cdk8s context key that sets the warning mode: `cdk8s-expose:warnings`. */
export const WARNINGS_CONTEXT_KEY = 'cdk8s-expose:warnings';

const MODES = Object.values(WarningMode) as string[];

/** The warning mode: the environment variable, else the context key, else `print`. */
export function warningMode(root: IConstruct): WarningMode {
  const fromEnv = process.env[WARNINGS_ENVIRONMENT_VARIABLE];
  const value = fromEnv !== undefined && fromEnv !== '' ? fromEnv : root.node.tryGetContext(WARNINGS_CONTEXT_KEY);
  if (value === undefined) return WarningMode.PRINT;
  if (!MODES.includes(value)) {
    const source = fromEnv ? `The environment variable ${WARNINGS_ENVIRONMENT_VARIABLE}` : `The cdk8s context key ${WARNINGS_CONTEXT_KEY}`;
    throw inputError(`${source} is ${JSON.stringify(value)}; it must be one of ${MODES.join(', ')}`);
  }
  return value as WarningMode;
}

/**
 * Handles the policy's warnings through the one channel a pipeline controls: printed once per
 * process (`print`), dropped (`silent`), or returned as errors (`error`). Returns the lines that
 * must fail the synth.
 */
export function warningLines(root: IConstruct, warnings: string[]): string[] {
  if (warnings.length === 0) return [];
  const mode = warningMode(root);
  if (mode === WarningMode.ERROR) return warnings.map(w => `warning treated as an error (${WARNINGS_ENVIRONMENT_VARIABLE}=error): ${w}`);
  if (mode === WarningMode.PRINT) {
    const printed = sharedState().printed;
    for (const line of warnings) {
      if (printed.has(line)) continue;
      printed.add(line);
      process.stderr.write(`cdk8s-expose warning: ${line}\n`);
    }
  }
  return [];
}
