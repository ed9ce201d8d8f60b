/**
 * One model of exposure, built from Kubernetes manifests: what the rules, the report, the
 * cdk8s validation plugin and the audit command all read. Private to the library.
 */
import { ACK_PREFIX, EXPOSURE_ANNOTATION } from '../annotations';
import { GATEWAY_API_GROUP } from '../api-groups';
import { ExposureScope } from '../exposure-scope';
import { CONTROLLER_LABEL_KEYS, controllerLabelsOf, podMatch } from './controller-labels';
import { deprecationOf } from './deprecated-apis';
import { ROUTE_KINDS, backendTlsPolicyOf, gatewayOf, gatewayRouteOf, referenceGrantOf } from './gateway-model';
import { answers, indexed } from './indexes';
import { ISTIO_NETWORKING_GROUP, addIstioToModel } from './istio-model';
import type {
  ExposureModel, HttpEntryInfo, NetworkPolicyInfo, ObjectRef, Origin, PolicyPeerInfo,
  PolicyRuleInfo, PortInfo, RouteInfo, ServiceInfo, SourcedManifest, WorkloadInfo,
} from './model-types';
import { labelsOf, probesOf } from './pod-details';
import { unreadExposureProject } from './unread-kinds';
import { INGRESS_CLASS, INTERNAL_INGRESS_MARKERS, INTERNAL_SERVICE_MARKERS } from '../presets/keys';
import { apiGroupOf, manifestProblems } from '../validation/manifest';
import { isPrivateCidr } from '../validation/names';
import { SOURCE_RANGES_ANNOTATION_KEY } from '../validation/service';
export type {
  Origin, DocumentSpan, ObjectRef, PortInfo, ServiceInfo, RouteInfo, HttpEntryInfo, WorkloadInfo, NetworkPolicyInfo, PolicyPeerInfo, PolicyRuleInfo,
  DeprecatedApiInfo, ExposureModel, ReadCounts, RejectedInfo, SourcedManifest,
} from './model-types';

/** The annotations that make a load balancer internal: the providers' (from the key registry) and the library's own. */
const INTERNAL_LB_ANNOTATIONS: Array<readonly [string, (v: string) => boolean]> = [
  ...INTERNAL_SERVICE_MARKERS,
  [EXPOSURE_ANNOTATION, v => v === 'vpc'],
];

/** Ingress annotations that make the entry internal (VPC) rather than internet-facing. */
const INTERNAL_INGRESS_ANNOTATIONS: Array<readonly [string, (v: string) => boolean]> = [
  ...INTERNAL_INGRESS_MARKERS,
  [EXPOSURE_ANNOTATION, v => v === 'vpc'],
];

const WORKLOAD_TEMPLATE_PATHS: Record<string, (m: any) => any> = {
  Deployment: m => m.spec?.template,
  StatefulSet: m => m.spec?.template,
  DaemonSet: m => m.spec?.template,
  ReplicaSet: m => m.spec?.template,
  ReplicationController: m => m.spec?.template,
  Job: m => m.spec?.template,
  CronJob: m => m.spec?.jobTemplate?.spec?.template,
  Pod: m => ({ metadata: m.metadata, spec: m.spec }),
};

/** The API groups each workload kind is served from: a custom resource of the same kind name is not one. */
const WORKLOAD_GROUPS: Record<string, readonly string[]> = {
  Deployment: ['apps', 'extensions'],
  StatefulSet: ['apps'],
  DaemonSet: ['apps', 'extensions'],
  ReplicaSet: ['apps', 'extensions'],
  ReplicationController: [''],
  Job: ['batch'],
  CronJob: ['batch'],
  Pod: [''],
};

function matches(annotations: Record<string, string>, table: ReadonlyArray<readonly [string, (v: string) => boolean]>): boolean {
  return table.some(([key, test]) => annotations[key] !== undefined && test(String(annotations[key])));
}

/**
 * The exposure scope of a Service manifest, read from its type and documented annotations, and
 * widened by `spec.externalIPs`: kube-proxy answers on those addresses on every node, so a
 * public one is reached from the internet and a private one from the network around the cluster.
 */
export function serviceExposure(type: string, annotations: Record<string, string>, externalIPs: readonly string[] = NO_STRINGS): ExposureScope {
  const own = typeExposure(type, annotations);
  if (externalIPs.length === 0 || type === 'ExternalName' || own === ExposureScope.INTERNET) return own;
  const onIps = externalIPs.some(ip => !isPrivateCidr(`${String(ip).trim()}/${String(ip).includes(':') ? 128 : 32}`)) ? ExposureScope.INTERNET : ExposureScope.VPC;
  // Both are wider than a ClusterIP, a NodePort or (for VPC) an internal load balancer.
  return onIps;
}

function typeExposure(type: string, annotations: Record<string, string>): ExposureScope {
  switch (type) {
    case 'NodePort': return ExposureScope.NODE;
    case 'LoadBalancer': return matches(annotations, INTERNAL_LB_ANNOTATIONS) ? ExposureScope.VPC : ExposureScope.INTERNET;
    case 'ExternalName': return ExposureScope.EXTERNAL_DNS;
    default: return ExposureScope.CLUSTER;
  }
}

function refOf(manifest: any, origin: Origin): ObjectRef {
  const metadata = manifest.metadata ?? {};
  return {
    kind: String(manifest.kind),
    name: String(metadata.name ?? metadata.generateName ?? '(unnamed)'),
    namespace: String(metadata.namespace ?? ''),
    origin,
    annotations: plainObject(metadata.annotations) ?? NO_ANNOTATIONS,
    apiGroup: apiGroupOf(manifest.apiVersion),
  };
}

/**
 * The object itself when it is a plain map, else a copy of what it spreads to (`{}` for none):
 * the model only reads the manifests, so it shares their maps (bench/README.md, "Shared maps").
 */
function plainObject(value: any): Record<string, any> | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'object' && !Array.isArray(value) ? value : { ...value };
}

const NO_ANNOTATIONS: Record<string, string> = Object.freeze({}) as Record<string, string>;
const NO_STRINGS: string[] = Object.freeze([]) as unknown as string[];

function toPorts(ports: any): PortInfo[] {
  if (!Array.isArray(ports)) return [];
  const out: PortInfo[] = [];
  for (const p of ports) {
    const port = p ?? {};
    out.push({
      name: port.name,
      port: port.port,
      targetPort: port.targetPort ?? port.port,
      nodePort: port.nodePort,
      protocol: port.protocol ?? 'TCP',
      appProtocol: port.appProtocol,
    });
  }
  return out;
}

/**
 * A Service's source ranges as the cloud provider reads them (k8s.io/cloud-provider
 * service/helpers.go `GetLoadBalancerSourceRanges`): `spec.loadBalancerSourceRanges`, else the
 * comma-separated `service.beta.kubernetes.io/load-balancer-source-ranges` annotation.
 */
function sourceRangesOf(spec: any, annotations: Record<string, string>): string[] {
  if (Array.isArray(spec.loadBalancerSourceRanges) && spec.loadBalancerSourceRanges.length > 0) return spec.loadBalancerSourceRanges;
  const annotation = annotations[SOURCE_RANGES_ANNOTATION_KEY];
  if (typeof annotation !== 'string' || annotation.trim() === '') return NO_STRINGS;
  return annotation.split(',').map(r => r.trim()).filter(r => r !== '');
}

function backendOf(backend: any): Pick<RouteInfo, 'serviceName' | 'servicePort'> {
  const service = backend?.service;
  if (service) return { serviceName: service.name, servicePort: service.port?.number ?? service.port?.name };
  // extensions/v1beta1 style
  if (backend?.serviceName) return { serviceName: backend.serviceName, servicePort: backend.servicePort };
  return {};
}

function ingressOf(manifest: any, ref: ObjectRef): HttpEntryInfo {
  const spec = manifest.spec ?? {};
  const routes: RouteInfo[] = [];
  if (spec.defaultBackend || spec.backend) {
    routes.push({ path: '/', pathType: 'Prefix', ...backendOf(spec.defaultBackend ?? spec.backend) });
  }
  for (const rule of listOf(spec.rules)) {
    for (const p of listOf(rule?.http?.paths)) {
      routes.push({ host: rule.host, path: p?.path ?? '/', pathType: p?.pathType, ...backendOf(p?.backend) });
    }
  }
  const tlsHosts: string[] = listOf(spec.tls).flatMap((t: any) => listOf(t?.hosts));
  const hosts = routes.map(r => r.host).filter((h): h is string => h !== undefined);
  const tls = listOf(spec.tls).length > 0 && hosts.every(h => tlsCovers(tlsHosts, h));
  // Per host: with a tls block, the named hosts it does not list; without one, every host.
  const uncoveredHosts = listOf(spec.tls).length > 0
    ? [...new Set(hosts.filter(h => !tlsCovers(tlsHosts, h)))]
    : [...new Set(routes.map(r => r.host ?? '*'))];
  const className = spec.ingressClassName ?? ref.annotations[INGRESS_CLASS];
  return {
    kind: ref.kind,
    name: ref.name,
    namespace: ref.namespace,
    origin: ref.origin,
    annotations: ref.annotations,
    className,
    routes,
    tlsHosts,
    tls,
    exposure: matches(ref.annotations, INTERNAL_INGRESS_ANNOTATIONS) ? ExposureScope.VPC : ExposureScope.INTERNET,
    parents: [],
    tlsSecrets: listOf(spec.tls).map((t: any) => (typeof t?.secretName === 'string' && t.secretName !== '' ? t.secretName : undefined)),
    uncoveredHosts,
  };
}

/** True when an Ingress tls host list names the host, itself or by a `*.` wildcard one label above it. */
function tlsCovers(tlsHosts: string[], host: string): boolean {
  if (tlsHosts.includes(host)) return true;
  const dot = host.indexOf('.');
  return dot > 0 && !host.startsWith('*') && tlsHosts.includes(`*${host.slice(dot)}`);
}

function workloadOf(manifest: any, ref: ObjectRef): WorkloadInfo | undefined {
  if (ref.apiGroup !== undefined && !WORKLOAD_GROUPS[ref.kind]?.includes(ref.apiGroup)) return undefined;
  const template = WORKLOAD_TEMPLATE_PATHS[ref.kind]?.(manifest);
  if (!template || typeof template !== 'object') return undefined;
  const containers = [...listOf(template.spec?.containers), ...listOf(template.spec?.initContainers).filter((c: any) => c?.restartPolicy === 'Always')];
  return {
    kind: ref.kind,
    name: ref.name,
    namespace: ref.namespace,
    origin: ref.origin,
    annotations: ref.annotations,
    podLabels: { ...(template.metadata?.labels ?? {}) },
    containerPorts: containers.flatMap((c: any) => listOf(c?.ports).map((p: any) => ({ number: p?.containerPort, name: p?.name, protocol: p?.protocol ?? 'TCP' }))),
    hostNetwork: template.spec?.hostNetwork === true,
    hostPorts: [...listOf(template.spec?.containers), ...listOf(template.spec?.initContainers)].flatMap((c: any) => listOf(c?.ports)
      .filter((p: any) => typeof p?.hostPort === 'number' && p.hostPort > 0).map((p: any) => `${p.hostPort}/${p?.protocol ?? 'TCP'}`)),
    probes: probesOf(template.spec),
    controllerLabels: controllerLabelsOf(ref.kind, ref.name, manifest.spec),
  };
}

/** A list field as a list: anything else (a malformed manifest) reads as empty. */
function listOf(value: any): any[] {
  return Array.isArray(value) ? value : [];
}

function networkPolicyOf(manifest: any, ref: ObjectRef): NetworkPolicyInfo {
  const spec = manifest.spec ?? {};
  const types: string[] = spec.policyTypes ?? (spec.egress ? ['Ingress', 'Egress'] : ['Ingress']);
  return {
    kind: ref.kind,
    name: ref.name,
    namespace: ref.namespace,
    origin: ref.origin,
    annotations: ref.annotations,
    podSelector: { ...(spec.podSelector?.matchLabels ?? {}) },
    podSelectorHasExpressions: (spec.podSelector?.matchExpressions ?? []).length > 0,
    isolatesIngress: types.includes('Ingress'),
    ingressPeers: (spec.ingress ?? []).length,
    isolatesEgress: types.includes('Egress'),
    ingressRules: policyRulesOf(spec.ingress, 'from'),
    egressRules: policyRulesOf(spec.egress, 'to'),
  };
}

/** A label selector as terms: `key=value`, `key In (a, b)`, `key Exists`. */
function selectorTerms(selector: any): string[] {
  const terms = Object.entries(selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector?.matchExpressions ?? []) {
    terms.push(`${e?.key} ${e?.operator}${Array.isArray(e?.values) && e.values.length > 0 ? ` (${e.values.join(', ')})` : ''}`);
  }
  return terms;
}

function policyRulesOf(rules: any, peersKey: 'from' | 'to'): PolicyRuleInfo[] {
  if (!Array.isArray(rules)) return [];
  return rules.map((rule: any) => ({
    peers: (Array.isArray(rule?.[peersKey]) ? rule[peersKey] : []).map((peer: any): PolicyPeerInfo => (peer?.ipBlock !== undefined
      ? { cidr: String(peer.ipBlock.cidr), except: Array.isArray(peer.ipBlock.except) ? peer.ipBlock.except.map(String) : [] }
      : {
        pods: peer?.podSelector !== undefined && peer.podSelector !== null ? selectorTerms(peer.podSelector) : undefined,
        namespaces: peer?.namespaceSelector !== undefined && peer.namespaceSelector !== null ? selectorTerms(peer.namespaceSelector) : undefined,
        podLabels: labelsOf(peer?.podSelector),
        namespaceLabels: labelsOf(peer?.namespaceSelector),
        hasExpressions: (peer?.podSelector?.matchExpressions ?? []).length > 0 || (peer?.namespaceSelector?.matchExpressions ?? []).length > 0,
      })),
    ports: (Array.isArray(rule?.ports) ? rule.ports : []).map((p: any) => `${p?.port ?? 'every port'}${p?.endPort !== undefined ? `-${p.endPort}` : ''}/${p?.protocol ?? 'TCP'}`),
  }));
}

/** Records a Secret, a cert-manager Certificate's Secret or a Gateway's TLS listeners as a certificate source. */
function recordCertificateSource(model: ExposureModel, manifest: any, ref: ObjectRef, group: string): void {
  const sources = model.certificateSources;
  if (sources === undefined) return;
  if (ref.kind === 'Secret' && manifest.apiVersion === 'v1') {
    sources.add(`Secret ${ref.namespace}/${ref.name}`);
  } else if (ref.kind === 'Certificate' && group === 'cert-manager.io' && typeof manifest.spec?.secretName === 'string') {
    sources.add(`Secret ${ref.namespace}/${manifest.spec.secretName}`);
  } else if ((ref.kind === 'Gateway' || ref.kind === 'ListenerSet') && group === GATEWAY_API_GROUP) {
    for (const listener of manifest.spec?.listeners ?? []) {
      const refs = listener?.tls?.certificateRefs;
      if ((listener?.protocol === 'HTTPS' || listener?.protocol === 'TLS') && Array.isArray(refs) && refs.length > 0) {
        sources.add(`${ref.kind} ${ref.namespace}/${ref.name}`);
        sources.add(`${ref.kind} ${ref.namespace}/${ref.name}#${listener.name}`);
      }
    }
  }
}

/** Builds the model from manifests. Documents that are not objects are the caller's to report. */
export function buildModel(manifests: Iterable<SourcedManifest>): ExposureModel {
  const model = emptyModel();
  for (const sourced of manifests) addToModel(model, sourced);
  return model;
}

/** A model with nothing in it yet, to fill with `addToModel`. */
export function emptyModel(): ExposureModel {
  return {
    services: [],
    entries: [],
    workloads: [],
    networkPolicies: [],
    others: [],
    rejected: [],
    certificateSources: new Set(),
    deprecatedApis: [],
    gateways: [],
    referenceGrants: [],
    backendTlsPolicies: [],
    namespaces: [],
    istioGateways: [],
    counts: { read: 0, notModelled: new Map() },
  };
}

/**
 * Readers of API groups that have a model file of their own: each reads the kinds it knows and
 * returns false for the others, which are then read as any other object.
 */
const GROUP_READERS = new Map<string, (model: ExposureModel, manifest: any, ref: ObjectRef) => boolean>([
  [ISTIO_NETWORKING_GROUP, addIstioToModel],
]);

/** Reads one manifest into the model; nothing of the manifest is kept but what the model needs. */
export function addToModel(model: ExposureModel, { manifest, origin }: SourcedManifest): void {
  {
    const ref = refOf(manifest, origin);
    const problems = manifestProblems(manifest);
    if (problems.length > 0) {
      model.rejected.push({ kind: ref.kind, name: ref.name, namespace: ref.namespace, origin: ref.origin, annotations: ref.annotations, problems });
    }
    const deprecation = deprecationOf(manifest.apiVersion, ref.kind);
    if (deprecation) {
      const { kind, name, namespace, origin: from, annotations } = ref;
      model.deprecatedApis.push({ kind, name, namespace, origin: from, annotations, ...deprecation });
    }
    const group = String(manifest.apiVersion ?? '').split('/')[0];
    if (model.counts !== undefined) model.counts.read++;
    if (GROUP_READERS.get(group)?.(model, manifest, ref)) {
      // Read by its group's model file.
    } else if (ref.kind === 'Service' && manifest.apiVersion === 'v1') {
      const spec = manifest.spec ?? {};
      const type = spec.type ?? 'ClusterIP';
      // Every entry is written out field by field: an object spread followed by more fields
      // is several times slower in V8, and this runs for every object of the App at synth.
      model.services.push({
        kind: ref.kind,
        name: ref.name,
        namespace: ref.namespace,
        origin: ref.origin,
        annotations: ref.annotations,
        type,
        selector: plainObject(spec.selector) ?? {},
        ports: toPorts(spec.ports),
        headless: spec.clusterIP === 'None',
        externalName: spec.externalName,
        externalIPs: Array.isArray(spec.externalIPs) ? spec.externalIPs : NO_STRINGS,
        sourceRanges: sourceRangesOf(spec, ref.annotations),
        healthCheckNodePort: spec.healthCheckNodePort,
        loadBalancerClass: spec.loadBalancerClass,
        exposure: serviceExposure(type, ref.annotations, Array.isArray(spec.externalIPs) ? spec.externalIPs : NO_STRINGS),
      });
    } else if (ref.kind === 'Ingress' && (group === 'networking.k8s.io' || group === 'extensions')) {
      model.entries.push(ingressOf(manifest, ref));
    } else if (group === GATEWAY_API_GROUP && ROUTE_KINDS.includes(ref.kind)) {
      model.entries.push(gatewayRouteOf(model, manifest, ref));
    } else if (group === GATEWAY_API_GROUP && (ref.kind === 'Gateway' || ref.kind === 'ListenerSet')) {
      model.gateways.push(gatewayOf(manifest, ref));
      model.others.push(ref);
      recordCertificateSource(model, manifest, ref, group);
    } else if (group === GATEWAY_API_GROUP && ref.kind === 'ReferenceGrant') {
      model.referenceGrants.push(referenceGrantOf(manifest, ref));
      model.others.push(ref);
    } else if (group === GATEWAY_API_GROUP && ref.kind === 'BackendTLSPolicy') {
      model.backendTlsPolicies.push(backendTlsPolicyOf(manifest, ref));
      model.others.push(ref);
    } else if (ref.kind === 'NetworkPolicy' && group === 'networking.k8s.io') {
      model.networkPolicies.push(networkPolicyOf(manifest, ref));
    } else {
      const workload = workloadOf(manifest, ref);
      if (workload) {
        model.workloads.push(workload);
      } else {
        model.others.push(ref);
        recordCertificateSource(model, manifest, ref, group);
        countNotModelled(model, ref);
      }
      if (ref.kind === 'Namespace' && manifest.apiVersion === 'v1') model.namespaces.push({ name: ref.name, labels: { ...(manifest.metadata?.labels ?? {}), 'kubernetes.io/metadata.name': ref.name } });
    }
  }
}

/** Counts an object of a kind the model does not read for exposure; a custom resource with its group. */
function countNotModelled(model: ExposureModel, ref: ObjectRef): void {
  const counts = model.counts?.notModelled;
  if (counts === undefined) return;
  const key = ref.apiGroup !== undefined && !BUILT_IN_GROUPS.has(ref.apiGroup) ? `${ref.kind} (${ref.apiGroup})` : ref.kind;
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** True when every label of the selector is on the pod. An empty selector selects nothing here. */
export function selects(selector: Record<string, string>, podLabels: Record<string, string>): boolean {
  const keys = Object.keys(selector);
  return keys.length > 0 && keys.every(k => podLabels[k] === selector[k]);
}

/** The model's Services by `namespace/name`. */
function servicesByName(model: ExposureModel): ReadonlyMap<string, ServiceInfo[]> {
  return indexed(model, 'services by name', model.services, s => [`${s.namespace}/${s.name}`]);
}

/** The model's workloads by `namespace/labelKey=labelValue`, for every pod label. */
function workloadsByLabel(model: ExposureModel): ReadonlyMap<string, WorkloadInfo[]> {
  return indexed(model, 'workloads by label', model.workloads, w => Object.entries(w.podLabels).map(([k, v]) => `${w.namespace}/${k}=${v}`));
}

/** The Service of that name in that namespace, if the model has it (the last of two with one name). */
export function serviceNamed(model: ExposureModel, namespace: string, name: string | undefined): ServiceInfo | undefined {
  if (name === undefined) return undefined;
  const named = servicesByName(model).get(`${namespace}/${name}`);
  return named === undefined ? undefined : named[named.length - 1];
}

/** The workloads a Service routes to (same namespace, selector matches the pod labels). */
export function workloadsOf(model: ExposureModel, service: ServiceInfo): WorkloadInfo[] {
  if (model.workloads.length === 0) return NO_WORKLOADS;
  // Several rules and the report ask for the same Service's workloads: answered once each.
  const known = answers<ServiceInfo, WorkloadInfo[]>(model, 'workloads of a Service', model.workloads);
  let found = known.get(service);
  if (found === undefined) {
    found = workloadsSelectedBy(model, service.namespace, service.selector);
    known.set(service, found);
  }
  return found;
}

const NO_WORKLOADS: WorkloadInfo[] = Object.freeze([]) as unknown as WorkloadInfo[];

/**
 * The workloads of a namespace whose pods the selector certainly matches (none for an empty
 * one), counting the labels their controllers add (src/model/controller-labels.ts).
 */
export function workloadsSelectedBy(model: ExposureModel, namespace: string, selector: Record<string, string>): WorkloadInfo[] {
  return candidatesOf(model, namespace, selector).filter(w => podMatch(selector, w.podLabels, w.controllerLabels) === 'yes');
}

/** The workloads that may match a selector: by its first template label, or every workload of the namespace when it has only controller labels. */
function candidatesOf(model: ExposureModel, namespace: string, selector: Record<string, string>): WorkloadInfo[] {
  let any = false;
  for (const k in selector) {
    any = true;
    if (CONTROLLER_LABEL_KEYS.has(k)) continue;
    return workloadsByLabel(model).get(`${namespace}/${k}=${selector[k]}`) ?? NO_WORKLOADS;
  }
  return any ? workloadsIn(model, namespace) : NO_WORKLOADS;
}

/** API groups of Kubernetes itself (and Gateway API, which the model reads): their objects are not custom resources. */
const BUILT_IN_GROUPS = new Set(['', 'apps', 'batch', 'extensions', 'networking.k8s.io', 'policy', 'rbac.authorization.k8s.io', 'storage.k8s.io',
  'apiextensions.k8s.io', 'admissionregistration.k8s.io', 'autoscaling', 'scheduling.k8s.io', 'coordination.k8s.io', 'discovery.k8s.io',
  'node.k8s.io', 'certificates.k8s.io', 'apiregistration.k8s.io', 'flowcontrol.apiserver.k8s.io', 'events.k8s.io', 'resource.k8s.io',
  'authentication.k8s.io', 'authorization.k8s.io', 'storagemigration.k8s.io', 'internal.apiserver.k8s.io', GATEWAY_API_GROUP]);

/**
 * Custom resources known to make no pods (configuration read by a controller that runs
 * elsewhere), besides the routes of src/model/unread-kinds.ts.
 */
const NO_PODS = [/^cert-manager\.io\//, /^acme\.cert-manager\.io\//, /^monitoring\.coreos\.com\/(ServiceMonitor|PodMonitor|PrometheusRule|Probe|AlertmanagerConfig|ScrapeConfig)$/,
  /^(networking|security|telemetry)\.istio\.io\//, /^traefik\.(io|containo\.us)\//];

/** The custom resources in a namespace (or without one) whose controllers may make pods the model does not see. */
export function podMakingCustomResources(model: ExposureModel, namespace: string): ObjectRef[] {
  return model.others.filter(o => o.apiGroup !== undefined && !BUILT_IN_GROUPS.has(o.apiGroup) && (o.namespace === namespace || o.namespace === '')
    && !NO_PODS.some(p => p.test(`${o.apiGroup}/${o.kind}`)) && unreadExposureProject(o.apiGroup, o.kind) === undefined);
}

/**
 * Why "the selector matches no workload" is not certain, or undefined when it is: a workload
 * whose controller sets a selected label to a value the YAML does not show, or custom resources
 * whose controllers (operators) make pods the model does not see.
 */
export function selectorUncertainty(model: ExposureModel, namespace: string, selector: Record<string, string>): string | undefined {
  const maybe = candidatesOf(model, namespace, selector).filter(w => podMatch(selector, w.podLabels, w.controllerLabels) === 'maybe');
  if (maybe.length > 0) {
    const keys = Object.keys(selector).filter(k => CONTROLLER_LABEL_KEYS.has(k));
    return `the pods of ${maybe.slice(0, 3).map(w => `${w.kind} ${w.name}`).join(', ')} may have them: their controller sets ${keys.join(', ')} to values the YAML does not fix`;
  }
  const custom = podMakingCustomResources(model, namespace);
  if (custom.length > 0) {
    const named = custom.slice(0, 3).map(o => describe(o)).join(', ');
    return `the input holds custom resources (${named}${custom.length > 3 ? `, ${custom.length - 3} more` : ''}) whose controllers may make pods that are not in the YAML`;
  }
  return undefined;
}

/** Every workload of a namespace, in model order. */
export function workloadsIn(model: ExposureModel, namespace: string): WorkloadInfo[] {
  return indexed(model, 'workloads by namespace', model.workloads, w => [w.namespace]).get(namespace) ?? NO_WORKLOADS;
}

/** The acknowledgements written on an object: rule id to reason. */
export function acknowledgementsOf(ref: ObjectRef): ReadonlyMap<string, string> {
  let acks: Map<string, string> | undefined;
  for (const key in ref.annotations) {
    if (key.startsWith(ACK_PREFIX)) (acks ??= new Map()).set(key.slice(ACK_PREFIX.length), String(ref.annotations[key]));
  }
  // Most objects acknowledge nothing: one shared empty map for them.
  return acks ?? NO_ACKNOWLEDGEMENTS;
}

const NO_ACKNOWLEDGEMENTS: ReadonlyMap<string, string> = new Map();

/** `Kind namespace/name`, for messages. */
export function describe(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}
