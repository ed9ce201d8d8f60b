/**
 * The API server's checks on a Service at create (kubernetes/kubernetes
 * pkg/apis/core/validation/validation.go: ValidateServiceCreate, validateService,
 * validateServicePort, validateServiceExternalTrafficPolicy, validateLoadBalancerClassField),
 * on the manifest as written, with the server's defaults applied first (type ClusterIP, protocol
 * TCP, sessionAffinity None, targetPort = port). One sentence per problem, starting with the
 * field. The constructs check their props with the same functions; the audit reports a foreign
 * manifest the server would reject.
 *
 * Deliberately stricter than a 1.36 server: a Service name must be a DNS-1035 label (servers
 * before 1.36, and 1.36 with RelaxedServiceNameValidation off, require it), and a CIDR must not
 * have host bits set (the server only warns).
 */
import { labelProblems, objectMetaProblems } from './metadata';
import { checkCidr, checkDns1035Label, checkDns1123Label, checkDns1123Subdomain, checkIanaSvcName, checkQualifiedName, isIpAddress } from './names';

/** The source-ranges annotation the API server validates on a Service. */
export const SOURCE_RANGES_ANNOTATION_KEY = 'service.beta.kubernetes.io/load-balancer-source-ranges';
/** The topology-aware routing annotation, and the deprecated one it must agree with. */
export const TOPOLOGY_MODE_ANNOTATION_KEY = 'service.kubernetes.io/topology-mode';
export const TOPOLOGY_HINTS_ANNOTATION_KEY = 'service.kubernetes.io/topology-aware-hints';

const TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const AFFINITIES = ['None', 'ClientIP'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
const FAMILIES = ['IPv4', 'IPv6'];
const FAMILY_POLICIES = ['SingleStack', 'PreferDualStack', 'RequireDualStack'];
const TRAFFIC_DISTRIBUTIONS = ['PreferClose', 'PreferSameZone', 'PreferSameNode'];

const isPortNumber = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65535;
const oneOf = (field: string, value: unknown, allowed: string[]): string[] =>
  (allowed.includes(value as string) ? [] : [`${field} ${JSON.stringify(value)} is not one of ${allowed.join(', ')}`]);

/**
 * The problems of a comma-separated source-ranges annotation value, or of a list of source
 * ranges; each value is trimmed first, as the server does.
 */
export function sourceRangeProblems(values: unknown[], field: string): string[] {
  const problems: string[] = [];
  values.forEach((value, i) => {
    const trimmed = typeof value === 'string' ? value.trim() : value;
    const problem = typeof trimmed === 'string' ? checkCidr(trimmed) : 'must be a string';
    if (problem) problems.push(`${field}[${i}] ${JSON.stringify(value)} ${problem}`);
  });
  return problems;
}

/** The Service annotations the API server validates, for a Service of `type`. */
export function serviceAnnotationProblems(annotations: Record<string, unknown> | undefined, type: string, hasSourceRangesField: boolean): string[] {
  if (!annotations) return [];
  const problems: string[] = [];
  const mode = annotations[TOPOLOGY_MODE_ANNOTATION_KEY];
  const hints = annotations[TOPOLOGY_HINTS_ANNOTATION_KEY];
  if (mode !== undefined && hints !== undefined && mode !== hints) {
    problems.push(`metadata.annotations ${TOPOLOGY_MODE_ANNOTATION_KEY} ${JSON.stringify(mode)} must match ${TOPOLOGY_HINTS_ANNOTATION_KEY} ${JSON.stringify(hints)} when both are set`);
  }
  const ranges = annotations[SOURCE_RANGES_ANNOTATION_KEY];
  if (ranges !== undefined && !hasSourceRangesField) {
    if (type !== 'LoadBalancer') problems.push(`metadata.annotations ${SOURCE_RANGES_ANNOTATION_KEY} may only be used when type is LoadBalancer (it is ${type})`);
    const text = String(ranges).trim();
    if (text !== '') problems.push(...sourceRangeProblems(text.split(','), `metadata.annotations ${SOURCE_RANGES_ANNOTATION_KEY}`));
  }
  return problems;
}

/** One port of a Service. */
export function servicePortProblems(port: any, index: number, nameRequired: boolean): string[] {
  const at = `spec.ports[${index}]`;
  if (port === null || typeof port !== 'object') return [`${at} must be an object`];
  const problems: string[] = [];
  const name = port.name ?? '';
  if (name === '') {
    if (nameRequired) problems.push(`${at}.name is required when a Service has more than one port`);
  } else {
    const problem = typeof name === 'string' ? checkDns1123Label(name) : 'must be a string';
    if (problem) problems.push(`${at}.name ${JSON.stringify(name)} ${problem}`);
  }
  if (!isPortNumber(port.port)) problems.push(`${at}.port ${JSON.stringify(port.port)} must be a whole number from 1 to 65535`);
  problems.push(...oneOf(`${at}.protocol`, port.protocol ?? 'TCP', PROTOCOLS));
  const target = port.targetPort;
  if (target !== undefined && target !== 0 && target !== '') {
    if (typeof target === 'number') {
      if (!isPortNumber(target)) problems.push(`${at}.targetPort ${target} must be a whole number from 1 to 65535`);
    } else {
      const problem = typeof target === 'string' ? checkIanaSvcName(target) : 'must be a number or a name';
      if (problem) problems.push(`${at}.targetPort ${JSON.stringify(target)} ${problem}`);
    }
  }
  if (port.appProtocol !== undefined) {
    const problem = typeof port.appProtocol === 'string' ? checkQualifiedName(port.appProtocol) : 'must be a string';
    if (problem) problems.push(`${at}.appProtocol ${JSON.stringify(port.appProtocol)} ${problem}`);
  }
  if (port.nodePort !== undefined && port.nodePort !== 0 && !isPortNumber(port.nodePort)) {
    problems.push(`${at}.nodePort ${JSON.stringify(port.nodePort)} must be a whole number from 1 to 65535`);
  }
  return problems;
}

/** Everything the API server checks on a Service manifest at create, after its defaults. */
export function serviceProblems(manifest: any): string[] {
  const problems = objectMetaProblems(manifest?.metadata, checkDns1035Label, true);
  const spec = manifest?.spec ?? {};
  const type = spec.type ?? 'ClusterIP';
  problems.push(...oneOf('spec.type', type, TYPES));
  const clusterIP = spec.clusterIP;
  const headless = clusterIP === 'None';
  const ports: any[] = Array.isArray(spec.ports) ? spec.ports : [];
  if (ports.length === 0 && !headless && type !== 'ExternalName') problems.push('spec.ports is required (a Service that is not headless or ExternalName needs a port)');
  if (headless && (type === 'LoadBalancer' || type === 'NodePort')) problems.push(`spec.clusterIP may not be "None" for ${type} Services`);
  if (clusterIP !== undefined && clusterIP !== '' && !headless && !isIpAddress(String(clusterIP))) problems.push(`spec.clusterIP ${JSON.stringify(clusterIP)} must be an IP address, "None" or empty`);
  if (type === 'ExternalName') {
    if (clusterIP !== undefined && clusterIP !== '') problems.push('spec.clusterIP may not be set for ExternalName Services');
    if (spec.ipFamilies !== undefined && spec.ipFamilies.length > 0) problems.push('spec.ipFamilies may not be set for ExternalName Services');
    if (spec.ipFamilyPolicy !== undefined) problems.push('spec.ipFamilyPolicy may not be set for ExternalName Services');
    const cname = String(spec.externalName ?? '').replace(/\.$/, '');
    if (cname === '') {problems.push('spec.externalName is required for ExternalName Services');} else {
      const problem = checkDns1123Subdomain(cname);
      if (problem) problems.push(`spec.externalName ${JSON.stringify(spec.externalName)} ${problem}`);
    }
  }
  const names = new Set<string>();
  const seenPorts = new Set<string>();
  const seenNodePorts = new Set<string>();
  ports.forEach((port, i) => {
    problems.push(...servicePortProblems(port, i, ports.length > 1));
    const name = port?.name ?? '';
    if (name !== '') {
      if (names.has(name)) problems.push(`spec.ports[${i}].name ${JSON.stringify(name)} is a duplicate`);
      names.add(name);
    }
    const protocol = port?.protocol ?? 'TCP';
    const key = `${protocol}/${port?.port}`;
    if (seenPorts.has(key)) problems.push(`spec.ports[${i}] repeats ${key}`);
    seenPorts.add(key);
    if (port?.nodePort) {
      const nodeKey = `${protocol}/${port.nodePort}`;
      if (seenNodePorts.has(nodeKey)) problems.push(`spec.ports[${i}].nodePort repeats ${nodeKey}`);
      seenNodePorts.add(nodeKey);
      if (type === 'ClusterIP') problems.push(`spec.ports[${i}].nodePort may not be used when type is ClusterIP`);
    }
  });
  if (spec.selector !== undefined && spec.selector !== null) {
    problems.push(...labelProblems(spec.selector, 'spec.selector'));
  }
  const affinity = spec.sessionAffinity ?? 'None';
  problems.push(...oneOf('spec.sessionAffinity', affinity, AFFINITIES));
  const timeout = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
  if (affinity === 'None' && spec.sessionAffinityConfig !== undefined) problems.push('spec.sessionAffinityConfig must not be set when sessionAffinity is None');
  if (affinity === 'ClientIP' && timeout !== undefined && !(Number.isInteger(timeout) && timeout >= 1 && timeout <= 86400)) {
    problems.push(`spec.sessionAffinityConfig.clientIP.timeoutSeconds ${JSON.stringify(timeout)} must be from 1 to 86400`);
  }
  if (spec.ipFamilies !== undefined && type !== 'ExternalName') {
    const families: unknown[] = Array.isArray(spec.ipFamilies) ? spec.ipFamilies : [spec.ipFamilies];
    families.forEach((f, i) => problems.push(...oneOf(`spec.ipFamilies[${i}]`, f, FAMILIES)));
    if (families.length > 2) problems.push('spec.ipFamilies may list at most two families');
    if (new Set(families).size !== families.length) problems.push('spec.ipFamilies must not repeat a family');
    if (families.length === 2 && (spec.ipFamilyPolicy ?? 'SingleStack') === 'SingleStack') problems.push('spec.ipFamilies has two families, which needs ipFamilyPolicy PreferDualStack or RequireDualStack');
  }
  if (spec.ipFamilyPolicy !== undefined && type !== 'ExternalName') problems.push(...oneOf('spec.ipFamilyPolicy', spec.ipFamilyPolicy, FAMILY_POLICIES));
  (Array.isArray(spec.externalIPs) ? spec.externalIPs : []).forEach((ip: unknown, i: number) => {
    if (typeof ip !== 'string' || !isIpAddress(ip)) problems.push(`spec.externalIPs[${i}] ${JSON.stringify(ip)} must be an IP address`);
    else if (/^(0\.0\.0\.0|::|127\.|::1$)/.test(ip)) problems.push(`spec.externalIPs[${i}] ${JSON.stringify(ip)} may not be an unspecified or loopback address`);
  });
  const ranges: unknown[] = Array.isArray(spec.loadBalancerSourceRanges) ? spec.loadBalancerSourceRanges : [];
  if (ranges.length > 0) {
    if (type !== 'LoadBalancer') problems.push(`spec.loadBalancerSourceRanges may only be used when type is LoadBalancer (it is ${type})`);
    problems.push(...sourceRangeProblems(ranges, 'spec.loadBalancerSourceRanges'));
  }
  problems.push(...serviceAnnotationProblems(manifest?.metadata?.annotations, type, ranges.length > 0));
  if (spec.allocateLoadBalancerNodePorts !== undefined && type !== 'LoadBalancer') problems.push('spec.allocateLoadBalancerNodePorts may only be used when type is LoadBalancer');
  if (spec.loadBalancerClass !== undefined) {
    if (type !== 'LoadBalancer') {problems.push('spec.loadBalancerClass may only be used when type is LoadBalancer');} else {
      const problem = typeof spec.loadBalancerClass === 'string' ? checkQualifiedName(spec.loadBalancerClass) : 'must be a string';
      if (problem) problems.push(`spec.loadBalancerClass ${JSON.stringify(spec.loadBalancerClass)} ${problem}`);
    }
  }
  const external = type === 'NodePort' || type === 'LoadBalancer' || (type === 'ClusterIP' && (spec.externalIPs ?? []).length > 0);
  if (spec.externalTrafficPolicy !== undefined && spec.externalTrafficPolicy !== '') {
    if (!external) problems.push('spec.externalTrafficPolicy may only be set for externally-accessible Services (NodePort, LoadBalancer, or with externalIPs)');
    else problems.push(...oneOf('spec.externalTrafficPolicy', spec.externalTrafficPolicy, TRAFFIC_POLICIES));
  }
  if (spec.healthCheckNodePort !== undefined && spec.healthCheckNodePort !== 0) {
    if (type !== 'LoadBalancer' || spec.externalTrafficPolicy !== 'Local') problems.push('spec.healthCheckNodePort may only be set when type is LoadBalancer and externalTrafficPolicy is Local');
    else if (!isPortNumber(spec.healthCheckNodePort)) problems.push(`spec.healthCheckNodePort ${JSON.stringify(spec.healthCheckNodePort)} must be a whole number from 1 to 65535`);
  }
  if (spec.internalTrafficPolicy !== undefined) problems.push(...oneOf('spec.internalTrafficPolicy', spec.internalTrafficPolicy, TRAFFIC_POLICIES));
  if (spec.trafficDistribution !== undefined) problems.push(...oneOf('spec.trafficDistribution', spec.trafficDistribution, TRAFFIC_DISTRIBUTIONS));
  return problems;
}
