import { show } from '../errors';

/**
 * Why a value is not a member of a string enum (as a JavaScript or other jsii caller can pass
 * any string), or undefined when it is one or is not given. Used by every construct.
 */
export function enumProblem(prop: string, value: unknown, members: Record<string, string>, enumName: string): string | undefined {
  if (value === undefined || Object.values(members).includes(value as string)) return undefined;
  const names = Object.entries(members).map(([key, v]) => `${enumName}.${key} (${show(v)})`);
  return `${prop} ${show(value)} is not one of ${names.join(', ')}`;
}
