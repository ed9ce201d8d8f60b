/**
 * Checks shared by the presets. Private to the library.
 */
import { EXPOSURE_ANNOTATION } from '../annotations';
import { factoryError } from '../errors';
import { ExposureScope } from '../exposure-scope';
import { LoadBalancerScheme } from './common';
import { checkQualifiedName } from '../validation/names';


/** Fails a preset factory with a message naming the factory and the option. */
export function presetError(factory: string, message: string): Error {
  return factoryError(factory, message);
}

/** Checks `scheme` is given and is one of the enum's values. */
export function checkScheme(factory: string, scheme: unknown): LoadBalancerScheme {
  if (scheme !== LoadBalancerScheme.INTERNET_FACING && scheme !== LoadBalancerScheme.INTERNAL) {
    throw presetError(factory, `scheme is required and must be LoadBalancerScheme.INTERNET_FACING or LoadBalancerScheme.INTERNAL (received ${JSON.stringify(scheme)}); the provider's default differs from cloud to cloud, so it is always stated`);
  }
  return scheme;
}

/** Checks an AWS certificate ARN list. */
export function checkArns(factory: string, arns: string[] | undefined): void {
  for (const [i, arn] of (arns ?? []).entries()) {
    if (typeof arn !== 'string' || !/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/.test(arn)) {
      throw presetError(factory, `certificateArns[${i}] ${JSON.stringify(arn)} is not an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)`);
    }
  }
}

export function checkPortNumbers(factory: string, prop: string, ports: number[] | undefined): void {
  for (const [i, port] of (ports ?? []).entries()) {
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw presetError(factory, `${prop}[${i}] ${JSON.stringify(port)} is not a port number (1-65535)`);
    }
  }
}

/**
 * The annotations of a generic preset: each key checked as a qualified name; an internal
 * scheme also records `cdk8s-expose/exposure: vpc` so reports of the YAML know.
 */
export function genericAnnotations(factory: string, annotations: Record<string, string> | undefined,
  scheme: LoadBalancerScheme): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(annotations ?? {})) {
    const problem = checkQualifiedName(key);
    if (problem) throw presetError(factory, `annotations key ${JSON.stringify(key)} ${problem}`);
    out[key] = String(value);
  }
  if (scheme === LoadBalancerScheme.INTERNAL) out[EXPOSURE_ANNOTATION] = ExposureScope.VPC;
  return out;
}

/** Checks a list of non-empty strings without commas or spaces (IDs, names) and returns it joined by commas. */
export function checkIdList(factory: string, prop: string, values: string[] | undefined): string | undefined {
  if (values === undefined) return undefined;
  if (!Array.isArray(values) || values.length === 0) throw presetError(factory, `${prop} is empty; omit it for the provider's default, or list values`);
  values.forEach((value, i) => {
    if (typeof value !== 'string' || !/^[^\s,]+$/.test(value)) {
      throw presetError(factory, `${prop}[${i}] ${JSON.stringify(value)} must be a non-empty value without spaces or commas`);
    }
  });
  return values.join(',');
}

/** Checks a map of attribute keys and values (`key=value` lists): no `=`, `,` or spaces in keys, no `,` in values. */
export function checkAttributes(factory: string, prop: string, attributes: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(attributes ?? {})) {
    if (!/^[A-Za-z0-9_.-]+$/.test(key)) throw presetError(factory, `${prop} key ${JSON.stringify(key)} must be an attribute name such as "deregistration_delay.timeout_seconds"`);
    if (typeof value !== 'string' || value.includes(',') || value.trim() === '') throw presetError(factory, `${prop}[${JSON.stringify(key)}] ${JSON.stringify(value)} must be a non-empty value without commas`);
    out[key] = value;
  }
  return out;
}

/** Checks an HTTP path for a health check. */
export function checkHttpPath(factory: string, prop: string, path: string | undefined): void {
  if (path === undefined) return;
  if (typeof path !== 'string' || !/^\/[^\s]*$/.test(path)) throw presetError(factory, `${prop} ${JSON.stringify(path)} must start with "/" and contain no spaces`);
}

/** Checks an optional boolean option. */
export function checkBoolean(factory: string, prop: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'boolean') throw presetError(factory, `${prop} ${JSON.stringify(value)} must be true or false`);
}

/** Checks an optional enum option. */
export function checkEnumValue(factory: string, prop: string, value: unknown, members: Record<string, string>, enumName: string): void {
  if (value !== undefined && !Object.values(members).includes(value as string)) {
    throw presetError(factory, `${prop} ${JSON.stringify(value)} is not a ${enumName}; use one of ${Object.keys(members).map(k => `${enumName}.${k}`).join(', ')}`);
  }
}
