import { Stage } from './stages';
import { ExposureModel, ObjectRef } from '../model/model';

/** How bad a finding is. */
export enum Severity {
  /** Fails the synth, the plugin and the audit. */
  ERROR = 'error',
  /** Reported, never fails. */
  WARNING = 'warning',
}

/** What one rule found on one object, before stage and acknowledgements are applied. */
export interface RawFinding {
  readonly object: ObjectRef;
  /** What was found, in a sentence. */
  readonly message: string;
  /** How to fix it, in a sentence. */
  readonly fix: string;
  /**
   * Why the finding is not certain on the YAML alone (what the model cannot know), when it is
   * not: the finding is then a warning at most, whatever the stage. The message says why.
   */
  readonly uncertain?: string;
  /**
   * The field the finding is about, when the rule knows it more precisely than its usual one
   * (src/policy/fields.ts): a path from the object, `spec.listeners[1].tls.certificateRefs[0]`.
   */
  readonly field?: string;
}

/**
 * A rule: a pure function over the exposure model. One file per rule, named by its id.
 * Private to the library; `RULES` lists them all.
 */
export interface Rule {
  /** The id users acknowledge by (`node-port-in-production`). */
  readonly id: string;
  /** What the rule checks, in one line. */
  readonly summary: string;
  /** Why the rule exists. */
  readonly why: string;
  /** The severity at a stage; undefined when the rule does not apply at that stage. */
  severity(stage: Stage | undefined, object: ObjectRef): Severity | undefined;
  /** The findings in a model. */
  check(model: ExposureModel): RawFinding[];
}

/** Severity tables shared by the rules. */
export const always = (): Severity => Severity.ERROR;
/** Error once a stage is declared; a warning when it is not (so undeclared never fails valid input). */
export const errorWhenDeclared = (stage: Stage | undefined): Severity => (stage === undefined ? Severity.WARNING : Severity.ERROR);
/** Error in staging and production, warning in development or undeclared. */
export const errorBeyondDevelopment = (stage: Stage | undefined): Severity =>
  (stage === Stage.STAGING || stage === Stage.PRODUCTION ? Severity.ERROR : Severity.WARNING);
/** Error in production, warning in staging, off otherwise. */
export const productionOnly = (stage: Stage | undefined): Severity | undefined =>
  (stage === Stage.PRODUCTION ? Severity.ERROR : stage === Stage.STAGING ? Severity.WARNING : undefined);

/** Where an object was looked for, for messages: `in namespace "x"`, or among the objects written without a namespace. */
export function whereNamespace(namespace: string): string {
  return namespace !== '' ? `in namespace "${namespace}"` : 'among the objects without a namespace';
}
