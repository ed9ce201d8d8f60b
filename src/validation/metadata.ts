/**
 * The API server's checks on object metadata (apimachinery `ValidateObjectMeta`, labels and
 * annotations: k8s.io/apimachinery pkg/api/validation/objectmeta.go and
 * pkg/apis/meta/v1/validation/validation.go), as pure functions returning one sentence per
 * problem, each starting with the field it is about. Used by the constructs for their props and
 * by the model for any manifest.
 */
import { checkDns1123Label, checkLabelValue, checkQualifiedName } from './names';

/** The total size of all annotation keys and values of one object: 256 KiB. */
export const ANNOTATIONS_SIZE_LIMIT = 256 * 1024;

/** Label keys already found valid (an App repeats a few keys many times); bounded. */
const VALID_LABEL_KEYS = new Set<string>();

/** Every problem of a label map (keys qualified names, values label values). */
export function labelProblems(labels: unknown, field: string): string[] {
  if (labels === undefined || labels === null) return [];
  if (typeof labels !== 'object' || Array.isArray(labels)) return [`${field} ${JSON.stringify(labels)} must be a map of strings`];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(labels as Record<string, unknown>)) {
    const keyProblem = VALID_LABEL_KEYS.has(key) ? undefined : checkQualifiedName(key);
    if (keyProblem) problems.push(`${field} key ${JSON.stringify(key)} ${keyProblem}`);
    else if (VALID_LABEL_KEYS.size < 1024) VALID_LABEL_KEYS.add(key);
    const valueProblem = typeof value === 'string' ? checkLabelValue(value) : 'must be a string';
    if (valueProblem) problems.push(`${field} ${JSON.stringify(key)} has value ${JSON.stringify(value)}, which ${valueProblem}`);
  }
  return problems;
}

/**
 * Every problem of an annotation map: keys are qualified names once lower-cased (the server
 * ignores case there), values strings, and all keys and values together at most 256 KiB.
 */
export function annotationProblems(annotations: unknown, field: string): string[] {
  if (annotations === undefined || annotations === null) return [];
  if (typeof annotations !== 'object' || Array.isArray(annotations)) return [`${field} ${JSON.stringify(annotations)} must be a map of strings`];
  const problems: string[] = [];
  let size = 0;
  for (const [key, value] of Object.entries(annotations as Record<string, unknown>)) {
    const keyProblem = checkQualifiedName(key.toLowerCase());
    if (keyProblem) problems.push(`${field} key ${JSON.stringify(key)} ${keyProblem}`);
    if (typeof value !== 'string') problems.push(`${field} ${JSON.stringify(key)} has value ${JSON.stringify(value)}, which must be a string`);
    size += key.length + String(value).length;
  }
  if (size > ANNOTATIONS_SIZE_LIMIT) problems.push(`${field} total ${size} bytes, more than the ${ANNOTATIONS_SIZE_LIMIT} the API server allows`);
  return problems;
}

/** What an object's metadata must satisfy; `nameRule` is the kind's own name check. */
export function objectMetaProblems(metadata: any, nameRule: (name: string) => string | undefined, namespaced: boolean): string[] {
  if (metadata === null || typeof metadata !== 'object') return ['metadata is required'];
  const problems: string[] = [];
  const { name, generateName, namespace } = metadata;
  if (name === undefined || name === '') {
    if (generateName === undefined || generateName === '') problems.push('metadata.name is required (or metadata.generateName)');
  } else {
    const problem = typeof name === 'string' ? nameRule(name) : 'must be a string';
    if (problem) problems.push(`metadata.name ${JSON.stringify(name)} ${problem}`);
  }
  if (namespaced && namespace !== undefined && namespace !== '') {
    const problem = typeof namespace === 'string' ? checkDns1123Label(namespace) : 'must be a string';
    if (problem) problems.push(`metadata.namespace ${JSON.stringify(namespace)} ${problem}`);
  }
  problems.push(...labelProblems(metadata.labels, 'metadata.labels'));
  problems.push(...annotationProblems(metadata.annotations, 'metadata.annotations'));
  return problems;
}
