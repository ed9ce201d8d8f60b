/**
 * The API server's checks on the networking.k8s.io/v1 objects the library writes (kubernetes/
 * kubernetes pkg/apis/networking/validation/validation.go: ValidateIngressCreate,
 * ValidateNetworkPolicy), as pure functions returning one sentence per problem, starting with
 * the field. Shared by the constructs (hosts, paths) and the model (any manifest).
 */
import { labelProblems, objectMetaProblems } from './metadata';
import { checkCidr, checkDns1035Label, checkDns1123Subdomain, checkIanaSvcName, checkIngressHost, checkQualifiedName } from './names';

const PATH_TYPES = ['Exact', 'Prefix', 'ImplementationSpecific'];
const isPortNumber = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65535;

/** Kubernetes' checks on an Ingress path for its path type. */
export function ingressPathProblem(path: unknown, pathType: string): string | undefined {
  if (typeof path !== 'string' || !path.startsWith('/')) return 'must be an absolute path starting with "/"';
  if (pathType === 'ImplementationSpecific') return undefined;
  if (/\s/.test(path)) return 'must not contain white space';
  for (const bad of ['//', '/./', '/../', '%2f', '%2F']) {
    if (path.includes(bad)) return `must not contain "${bad}" with path type ${pathType}`;
  }
  if (path.endsWith('/..') || path.endsWith('/.')) return `must not end with "/.." or "/." with path type ${pathType}`;
  if (/[^A-Za-z0-9/._~%!$&'()*+,;=:@-]/.test(path)) {
    return `has characters that are not allowed in a ${pathType} path; use ImplementationSpecific for a regular expression`;
  }
  return undefined;
}

function backendProblems(backend: any, at: string): string[] {
  if (backend === null || typeof backend !== 'object') return [`${at} is required`];
  const service = backend.service;
  if (service === undefined) return backend.resource === undefined ? [`${at} needs service or resource`] : [];
  const problems: string[] = [];
  const nameProblem = typeof service.name === 'string' ? checkDns1035Label(service.name) : 'is required';
  if (nameProblem) problems.push(`${at}.service.name ${JSON.stringify(service.name)} ${nameProblem}`);
  const port = service.port ?? {};
  const hasNumber = port.number !== undefined && port.number !== 0;
  const hasName = port.name !== undefined && port.name !== '';
  if (hasNumber === hasName) problems.push(`${at}.service.port must have exactly one of number and name`);
  if (hasNumber && !isPortNumber(port.number)) problems.push(`${at}.service.port.number ${JSON.stringify(port.number)} must be from 1 to 65535`);
  if (hasName) {
    const problem = typeof port.name === 'string' ? checkIanaSvcName(port.name) : 'must be a string';
    if (problem) problems.push(`${at}.service.port.name ${JSON.stringify(port.name)} ${problem}`);
  }
  return problems;
}

/** Everything the API server checks on an Ingress manifest at create. */
export function ingressProblems(manifest: any): string[] {
  const problems = objectMetaProblems(manifest?.metadata, checkDns1123Subdomain, true);
  const spec = manifest?.spec ?? {};
  const rules: any[] = Array.isArray(spec.rules) ? spec.rules : [];
  if (spec.defaultBackend === undefined && rules.length === 0) problems.push('spec needs a defaultBackend or at least one rule');
  if (spec.defaultBackend !== undefined) problems.push(...backendProblems(spec.defaultBackend, 'spec.defaultBackend'));
  if (spec.ingressClassName !== undefined) {
    const problem = typeof spec.ingressClassName === 'string' ? checkDns1123Subdomain(spec.ingressClassName) : 'must be a string';
    if (problem) problems.push(`spec.ingressClassName ${JSON.stringify(spec.ingressClassName)} ${problem}`);
  }
  rules.forEach((rule, i) => {
    if (rule?.host !== undefined && rule.host !== '') {
      const problem = typeof rule.host === 'string' ? checkIngressHost(rule.host) : 'must be a string';
      if (problem) problems.push(`spec.rules[${i}].host ${JSON.stringify(rule.host)} ${problem}`);
    }
    const paths: any[] = rule?.http?.paths ?? [];
    if (rule?.http !== undefined && paths.length === 0) problems.push(`spec.rules[${i}].http.paths must not be empty`);
    paths.forEach((p, j) => {
      const at = `spec.rules[${i}].http.paths[${j}]`;
      const typeProblem = PATH_TYPES.includes(p?.pathType) ? undefined : `is ${JSON.stringify(p?.pathType)}; it must be one of ${PATH_TYPES.join(', ')}`;
      if (typeProblem) {problems.push(`${at}.pathType ${typeProblem}`);} else {
        const problem = ingressPathProblem(p?.path, p.pathType);
        if (problem) problems.push(`${at}.path ${JSON.stringify(p?.path)} ${problem}`);
      }
      problems.push(...backendProblems(p?.backend, `${at}.backend`));
    });
  });
  (Array.isArray(spec.tls) ? spec.tls : []).forEach((tls: any, i: number) => {
    (tls?.hosts ?? []).forEach((host: unknown, j: number) => {
      const problem = typeof host === 'string' ? checkIngressHost(host) : 'must be a string';
      if (problem) problems.push(`spec.tls[${i}].hosts[${j}] ${JSON.stringify(host)} ${problem}`);
    });
    if (tls?.secretName !== undefined && tls.secretName !== '') {
      const problem = typeof tls.secretName === 'string' ? checkDns1123Subdomain(tls.secretName) : 'must be a string';
      if (problem) problems.push(`spec.tls[${i}].secretName ${JSON.stringify(tls.secretName)} ${problem}`);
    }
  });
  return problems;
}

const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** A label selector (`matchLabels`, `matchExpressions`). */
export function labelSelectorProblems(selector: any, field: string): string[] {
  if (selector === undefined || selector === null) return [];
  const problems = labelProblems(selector.matchLabels, `${field}.matchLabels`);
  (selector.matchExpressions ?? []).forEach((e: any, i: number) => {
    const at = `${field}.matchExpressions[${i}]`;
    const keyProblem = typeof e?.key === 'string' ? checkQualifiedName(e.key) : 'is required';
    if (keyProblem) problems.push(`${at}.key ${JSON.stringify(e?.key)} ${keyProblem}`);
    if (!SELECTOR_OPERATORS.includes(e?.operator)) problems.push(`${at}.operator ${JSON.stringify(e?.operator)} is not one of ${SELECTOR_OPERATORS.join(', ')}`);
    const values: unknown[] = e?.values ?? [];
    if ((e?.operator === 'In' || e?.operator === 'NotIn') && values.length === 0) problems.push(`${at}.values must not be empty for ${e.operator}`);
    if ((e?.operator === 'Exists' || e?.operator === 'DoesNotExist') && values.length > 0) problems.push(`${at}.values must be empty for ${e.operator}`);
  });
  return problems;
}

function peerProblems(peer: any, at: string): string[] {
  const problems: string[] = [];
  const fields = ['podSelector', 'namespaceSelector', 'ipBlock'].filter(k => peer?.[k] !== undefined);
  if (fields.length === 0) problems.push(`${at} must have a podSelector, namespaceSelector or ipBlock`);
  if (peer?.ipBlock !== undefined && fields.length > 1) problems.push(`${at} may not combine ipBlock with a selector`);
  problems.push(...labelSelectorProblems(peer?.podSelector, `${at}.podSelector`));
  problems.push(...labelSelectorProblems(peer?.namespaceSelector, `${at}.namespaceSelector`));
  if (peer?.ipBlock !== undefined) {
    const cidrProblem = typeof peer.ipBlock.cidr === 'string' ? checkCidr(peer.ipBlock.cidr) : 'is required';
    if (cidrProblem) problems.push(`${at}.ipBlock.cidr ${JSON.stringify(peer.ipBlock.cidr)} ${cidrProblem}`);
    (peer.ipBlock.except ?? []).forEach((c: unknown, i: number) => {
      const problem = typeof c === 'string' ? checkCidr(c) : 'must be a string';
      if (problem) problems.push(`${at}.ipBlock.except[${i}] ${JSON.stringify(c)} ${problem}`);
    });
  }
  return problems;
}

/** Everything the API server checks on a NetworkPolicy manifest at create. */
export function networkPolicyProblems(manifest: any): string[] {
  const problems = objectMetaProblems(manifest?.metadata, checkDns1123Subdomain, true);
  const spec = manifest?.spec ?? {};
  problems.push(...labelSelectorProblems(spec.podSelector, 'spec.podSelector'));
  (spec.policyTypes ?? []).forEach((t: unknown, i: number) => {
    if (t !== 'Ingress' && t !== 'Egress') problems.push(`spec.policyTypes[${i}] ${JSON.stringify(t)} is not Ingress or Egress`);
  });
  for (const direction of ['ingress', 'egress'] as const) {
    (spec[direction] ?? []).forEach((rule: any, i: number) => {
      const at = `spec.${direction}[${i}]`;
      (rule?.ports ?? []).forEach((p: any, j: number) => {
        const pat = `${at}.ports[${j}]`;
        if (p?.protocol !== undefined && !['TCP', 'UDP', 'SCTP'].includes(p.protocol)) problems.push(`${pat}.protocol ${JSON.stringify(p.protocol)} is not one of TCP, UDP, SCTP`);
        if (typeof p?.port === 'number' && !isPortNumber(p.port)) problems.push(`${pat}.port ${p.port} must be from 1 to 65535`);
        if (typeof p?.port === 'string') {
          const problem = checkIanaSvcName(p.port);
          if (problem) problems.push(`${pat}.port ${JSON.stringify(p.port)} ${problem}`);
        }
        if (p?.endPort !== undefined && (typeof p.port !== 'number' || p.endPort < p.port)) problems.push(`${pat}.endPort needs a numeric port no greater than it`);
      });
      (rule?.[direction === 'ingress' ? 'from' : 'to'] ?? []).forEach((peer: any, j: number) => {
        problems.push(...peerProblems(peer, `${at}.${direction === 'ingress' ? 'from' : 'to'}[${j}]`));
      });
    });
  }
  return problems;
}
