/**
 * Validates Gateway API manifests against the OpenAPI v3 schemas of the Gateway API CRDs,
 * standard channel v1.6.1 (test/fixtures/gateway-api/, see its README): the structural part of
 * what the API server checks (types, required fields, unknown fields, enums, patterns,
 * lengths, item counts, ranges). The CEL rules (x-kubernetes-validations) are not evaluated
 * here; the library checks the ones it can break in its props, and `npm run test:apiserver`
 * runs the real ones.
 */
import * as fs from 'fs';
import * as path from 'path';

interface CrdSchema { readonly group: string; readonly version: string; readonly schema: any }
const SCHEMAS: Record<string, CrdSchema> = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'gateway-api', 'standard-v1.6.1.json'), 'utf-8'));

/** The `apiVersion/kind` keys this validator knows. */
export const GATEWAY_KINDS = Object.entries(SCHEMAS).map(([kind, s]) => `${s.group}/${s.version}/${kind}`);

/** The problems of one manifest against its CRD's schema (empty when it conforms). */
export function gatewaySchemaProblems(manifest: any): string[] {
  const kind = manifest?.kind;
  const crd = SCHEMAS[kind];
  if (!crd || manifest.apiVersion !== `${crd.group}/${crd.version}`) return [`no Gateway API schema for ${manifest?.apiVersion}/${kind}`];
  const problems: string[] = [];
  const meta = manifest.metadata ?? {};
  if (typeof meta.name !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(meta.name) || meta.name.length > 253) {
    problems.push(`metadata.name ${JSON.stringify(meta.name)} is not a DNS-1123 subdomain`);
  }
  check(crd.schema, manifest, '', problems);
  return problems;
}

function check(schema: any, value: any, at: string, problems: string[]): void {
  const where = at || '(root)';
  if (value === null || value === undefined) {
    problems.push(`${where}: null`);
    return;
  }
  if (schema['x-kubernetes-int-or-string']) {
    if (typeof value !== 'string' && !Number.isInteger(value)) problems.push(`${where}: must be an integer or a string`);
    return;
  }
  switch (schema.type) {
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) {
        problems.push(`${where}: must be an object`);
        return;
      }
      for (const required of schema.required ?? []) {
        if (!(required in value)) problems.push(`${where}: ${required} is required`);
      }
      for (const [key, child] of Object.entries(value)) {
        const sub = schema.properties?.[key];
        if (sub) {
          check(sub, child, `${at}.${key}`, problems);
        } else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
          check(schema.additionalProperties, child, `${at}.${key}`, problems);
        } else if (schema.properties && !schema['x-kubernetes-preserve-unknown-fields'] && !(at === '' && (key === 'apiVersion' || key === 'kind' || key === 'metadata'))) {
          problems.push(`${at}.${key}: unknown field`);
        }
      }
      if (schema.maxProperties !== undefined && Object.keys(value).length > schema.maxProperties) problems.push(`${where}: more than ${schema.maxProperties} properties`);
      break;
    }
    case 'array':
      if (!Array.isArray(value)) {
        problems.push(`${where}: must be an array`);
        return;
      }
      if (schema.maxItems !== undefined && value.length > schema.maxItems) problems.push(`${where}: more than ${schema.maxItems} items`);
      if (schema.minItems !== undefined && value.length < schema.minItems) problems.push(`${where}: fewer than ${schema.minItems} items`);
      value.forEach((item, i) => check(schema.items, item, `${at}[${i}]`, problems));
      if (schema['x-kubernetes-list-type'] === 'set' && new Set(value.map(v => JSON.stringify(v))).size !== value.length) problems.push(`${where}: duplicate items in a set`);
      break;
    case 'string':
      if (typeof value !== 'string') {
        problems.push(`${where}: must be a string`);
        return;
      }
      if (schema.maxLength !== undefined && [...value].length > schema.maxLength) problems.push(`${where}: longer than ${schema.maxLength}`);
      if (schema.minLength !== undefined && [...value].length < schema.minLength) problems.push(`${where}: shorter than ${schema.minLength}`);
      if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) problems.push(`${where}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
      break;
    case 'integer':
      if (!Number.isInteger(value)) {
        problems.push(`${where}: must be an integer`);
        return;
      }
      break;
    case 'boolean':
      if (typeof value !== 'boolean') problems.push(`${where}: must be a boolean`);
      return;
    default:
      break;
  }
  if (schema.enum !== undefined && !schema.enum.includes(value)) problems.push(`${where}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`);
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) problems.push(`${where}: below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) problems.push(`${where}: above ${schema.maximum}`);
  }
}
