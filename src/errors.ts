import { Construct, IConstruct } from 'constructs';

const VALIDATION_ERROR = Symbol.for('cdk8s-expose.ValidationError');

/**
 * The one error type for bad input to a construct (as aws-cdk's `ValidationError`): the
 * message starts with the construct's kind and path, then says what is wrong and what to do.
 * Not exported as a class (jsii cannot export a subclass of `Error`); `ExposeErrors` tells
 * whether an error is one.
 */
class ExposeValidationError extends Error {
  /** The construct path. */
  public readonly constructPath: string;

  constructor(message: string, constructPath: string) {
    super(message);
    this.name = 'ValidationError';
    this.constructPath = constructPath;
    Object.defineProperty(this, VALIDATION_ERROR, { value: true });
  }
}

/**
 * Tells the library's validation errors apart from other errors.
 *
 * @example
 * // In a catch block: tell bad input apart from other failures.
 * declare const caught: unknown;
 * const badInput = ExposeErrors.isValidationError(caught);
 */
export class ExposeErrors {
  /**
   * Whether `x` is an error the library raised for bad input (a prop, a method argument, an
   * escape-hatch call that its type does not allow).
   *
   * @param x any value
   */
  public static isValidationError(x: any): boolean {
    return x !== null && typeof x === 'object' && x[VALIDATION_ERROR] === true;
  }

  private constructor() {}
}

/**
 * The one place that words a prop error: which construct (kind and path), then what is wrong
 * and what to do.
 */
export function constructLabel(kind: string, construct: IConstruct): string {
  return `${kind} '${construct.node.path}'`;
}

export function propError(kind: string, construct: IConstruct, message: string): Error {
  return new ExposeValidationError(`${constructLabel(kind, construct)}: ${message}`, construct.node.path);
}

/** JSON-ish rendering of a received value for an error message. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Refuses a value that is not a construct, where a factory needs one (`ExposureReport.fromApp: scope ...`). */
export function checkConstruct(factory: string, prop: string, value: unknown): void {
  if (!Construct.isConstruct(value)) throw factoryError(factory, `${prop} ${show(value)} is not a construct; pass the App or a construct in it`);
}

/**
 * cdk8s's "Validation failed" error, when the library's checks are among its causes, as the
 * library's ValidationError: the same message, and cdk8s's error as `cause`.
 */
export function synthRefusal(cdk8sError: Error): Error {
  const error = new ExposeValidationError(cdk8sError.message, '');
  Object.defineProperty(error, 'cause', { value: cdk8sError, enumerable: false });
  return error;
}

/** A refusal whose message already names its source (an environment variable, a CLI option). */
export function inputError(message: string): Error {
  return new ExposeValidationError(message, '');
}

/** An error of a static factory or a call that has no construct (`SourceRanges.cidrs: ...`). */
export function factoryError(factory: string, message: string): Error {
  return new ExposeValidationError(`${factory}: ${message}`, '');
}
