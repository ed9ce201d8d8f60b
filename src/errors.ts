import { IConstruct } from 'constructs';

/**
 * The one place that words a prop error: which construct (kind and path), then what is wrong
 * and what to do. Not exported from the package index.
 */
export function constructLabel(kind: string, construct: IConstruct): string {
  return `${kind} '${construct.node.path}'`;
}

export function propError(kind: string, construct: IConstruct, message: string): Error {
  return new Error(`${constructLabel(kind, construct)}: ${message}`);
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
