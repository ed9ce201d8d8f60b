/**
 * What a reviewer reads in the report beyond the inventory's columns: who a NetworkPolicy
 * admits and where it lets the pods connect, and where a TLS certificate comes from. Private.
 */
import { podMatch } from '../model/controller-labels';
import { GatewayInfo, acceptingListeners, attachments, isGatewayRoute, terminatesTls } from '../model/gateway-model';
import { ExposureModel, HttpEntryInfo, NetworkPolicyInfo, PolicyPeerInfo, PolicyRuleInfo, WorkloadInfo } from '../model/model';

/** What a NetworkPolicy allows, in words, for a reviewer. */
export interface PolicySummary {
  /** `Ingress`, `Egress` or both. */
  readonly policyTypes: string[];
  /** Who may connect to the pods (one line per peer, with ports); undefined when ingress is not restricted. */
  readonly admits?: string[];
  /** Where the pods may connect to; undefined when egress is not restricted. */
  readonly allowsTo?: string[];
  /** The pods, and the workloads in the manifests that have them. */
  readonly pods: string;
  /** The workloads whose pods the policy selects, as `Deployment/name`. */
  readonly workloads: string[];
  /** The workloads in the manifests whose pods an ingress rule admits, as `namespace|Deployment/name`. */
  readonly admittedWorkloads: string[];
  /** The other peers an ingress rule admits, in words (`IPs 10.0.0.0/16`, `every pod in namespace x`). */
  readonly admittedOthers: string[];
}

/** The workloads of a namespace and the ones of every label, indexed once per model. */
interface WorkloadIndex {
  readonly byNamespace: Map<string, WorkloadInfo[]>;
}
const indexes = new WeakMap<ExposureModel, WorkloadIndex>();

function workloadIndex(model: ExposureModel): WorkloadIndex {
  let index = indexes.get(model);
  if (!index) {
    const byNamespace = new Map<string, WorkloadInfo[]>();
    for (const w of model.workloads) {
      const list = byNamespace.get(w.namespace);
      if (list) list.push(w); else byNamespace.set(w.namespace, [w]);
    }
    index = { byNamespace };
    indexes.set(model, index);
  }
  return index;
}

/** The workloads of a namespace whose pods have every label, counting those their controllers add (an empty selector: all of them). */
function workloadsWith(model: ExposureModel, namespace: string, labels: Record<string, string>): WorkloadInfo[] {
  const all = workloadIndex(model).byNamespace.get(namespace) ?? [];
  return Object.keys(labels).length === 0 ? all : all.filter(w => podMatch(labels, w.podLabels, w.controllerLabels) === 'yes');
}

const NAME_LABEL = 'kubernetes.io/metadata.name';

function namespacesText(terms: string[]): string {
  if (terms.length === 0) return 'every namespace';
  if (terms.length === 1 && terms[0].startsWith(`${NAME_LABEL}=`)) return `namespace ${terms[0].slice(NAME_LABEL.length + 1)}`;
  const names = /^kubernetes\.io\/metadata\.name In \((.*)\)$/.exec(terms.length === 1 ? terms[0] : '');
  if (names) return `namespace${names[1].includes(',') ? 's' : ''} ${names[1]}`;
  return `namespaces ${terms.join(', ')}`;
}

/**
 * One peer in words: `pods app=web in namespace shop`, `every pod in namespace ingress-nginx`,
 * `IPs 10.0.0.0/16`. `namespace` is the policy's, which a peer without a namespace selector is in.
 */
export function describePeer(peer: PolicyPeerInfo, namespace: string): string {
  if (peer.cidr !== undefined) return `IPs ${peer.cidr}${peer.except && peer.except.length > 0 ? ` except ${peer.except.join(', ')}` : ''}`;
  const where = peer.namespaces === undefined ? (namespace ? ` in namespace ${namespace}` : ' in its namespace') : ` in ${namespacesText(peer.namespaces)}`;
  if (peer.pods === undefined || peer.pods.length === 0) return `every pod${where}`;
  return `pods ${peer.pods.join(', ')}${where}`;
}

/** The namespaces a peer's pods are in, when the peer names them (or has no namespace selector). */
function peerNamespaces(peer: PolicyPeerInfo, namespace: string): string[] | undefined {
  if (peer.namespaces === undefined) return [namespace];
  if (peer.namespaces.length !== 1) return undefined;
  const [term] = peer.namespaces;
  if (term.startsWith(`${NAME_LABEL}=`)) return [term.slice(NAME_LABEL.length + 1)];
  const names = /^kubernetes\.io\/metadata\.name In \((.*)\)$/.exec(term);
  return names ? names[1].split(', ') : undefined;
}

/** The workloads in the manifests whose pods a peer selects by plain `key=value` labels in named namespaces. */
export function peerWorkloads(model: ExposureModel, peer: PolicyPeerInfo, namespace: string): WorkloadInfo[] {
  if (peer.cidr !== undefined || peer.pods === undefined || peer.pods.length === 0) return [];
  const namespaces = peerNamespaces(peer, namespace);
  if (namespaces === undefined) return [];
  const labels: Record<string, string> = {};
  for (const term of peer.pods) {
    const eq = term.indexOf('=');
    if (eq < 0 || term.includes(' ')) return [];
    labels[term.slice(0, eq)] = term.slice(eq + 1);
  }
  return namespaces.flatMap(ns => workloadsWith(model, ns, labels));
}

/** A workload as a reviewer names it: `Deployment web` (with its namespace when it is another). */
function workloadName(w: WorkloadInfo, namespace: string): string {
  return `${w.kind} ${w.namespace !== namespace && w.namespace ? `${w.namespace}/` : ''}${w.name}`;
}

function describeRules(model: ExposureModel, rules: PolicyRuleInfo[], namespace: string, everyone: string): string[] {
  const lines: string[] = [];
  for (const rule of rules) {
    const ports = rule.ports.length === 0 ? 'every port' : rule.ports.join(', ');
    if (rule.peers.length === 0) lines.push(`${everyone} (${ports})`);
    for (const peer of rule.peers) {
      const workloads = peerWorkloads(model, peer, namespace);
      const who = workloads.length > 0 ? workloads.map(w => workloadName(w, namespace)).join(', ') : describePeer(peer, namespace);
      lines.push(`${who} (${ports})`);
    }
  }
  return lines.length === 0 ? ['nobody'] : lines;
}

/** What a NetworkPolicy allows, in words, with the workloads it guards and admits. */
export function describePolicy(model: ExposureModel, p: NetworkPolicyInfo): PolicySummary {
  const podTerms = Object.entries(p.podSelector).map(([k, v]) => `${k}=${v}`);
  const admittedWorkloads = new Set<string>();
  const admittedOthers = new Set<string>();
  for (const rule of p.ingressRules ?? []) {
    if (rule.peers.length === 0) admittedOthers.add('anyone');
    for (const peer of rule.peers) {
      const matched = peerWorkloads(model, peer, p.namespace);
      // Workloads of other namespaces are named with theirs: the diagram keys workloads by namespace.
      if (matched.length > 0) matched.forEach(w => admittedWorkloads.add(`${w.namespace}|${w.kind}/${w.name}`));
      else admittedOthers.add(describePeer(peer, p.namespace));
    }
  }
  return {
    policyTypes: [...(p.isolatesIngress ? ['Ingress'] : []), ...(p.isolatesEgress ? ['Egress'] : [])],
    admits: p.isolatesIngress ? describeRules(model, p.ingressRules ?? [], p.namespace, 'anyone') : undefined,
    allowsTo: p.isolatesEgress ? describeRules(model, p.egressRules ?? [], p.namespace, 'anywhere') : undefined,
    pods: p.podSelectorHasExpressions ? 'pods (by expressions)' : podTerms.length === 0 ? 'every pod in the namespace' : `pods ${podTerms.join(', ')}`,
    workloads: p.podSelectorHasExpressions ? [] : workloadsWith(model, p.namespace, p.podSelector).map(w => `${w.kind}/${w.name}`),
    admittedWorkloads: [...admittedWorkloads],
    admittedOthers: [...admittedOthers],
  };
}

const CERT_MANAGER_ANNOTATIONS: Array<[string, string]> = [
  ['cert-manager.io/cluster-issuer', 'ClusterIssuer'],
  ['cert-manager.io/issuer', 'Issuer'],
];

/**
 * Where an entry's TLS certificate comes from: a cert-manager annotation, Secrets defined in
 * the manifests (a Secret, or a cert-manager Certificate that writes it), or, for an HTTPRoute,
 * a Gateway listener with a certificate. Otherwise what is missing.
 */
export function describeCertificate(model: ExposureModel, e: HttpEntryInfo): { source?: string; missing?: string } {
  const sources = model.certificateSources ?? new Set<string>();
  if (isGatewayRoute(e)) {
    // A route that only redirects to HTTPS needs no certificate of its own.
    if (e.redirectsToHttps) return { source: 'redirects to HTTPS' };
    // A TLSRoute on passthrough listeners (those that take it, else those it names): the
    // backends terminate TLS with their own certificate.
    if (e.kind === 'TLSRoute') {
      const accepting = acceptingListeners(model, e).map(l => l.listener);
      const listeners = accepting.length > 0 ? accepting : attachments(model, e).flatMap(a => (a.listener !== undefined ? [a.listener] : []));
      if (listeners.length > 0 && listeners.every(l => !terminatesTls(l))) return { source: PASSTHROUGH };
    }
    const parents = e.parents.map(parent => {
      // A ListenerSet parent is written `ListenerSet namespace/name#listener` (src/model/gateway-model.ts).
      const kind = parent.startsWith('ListenerSet ') ? 'ListenerSet' : 'Gateway';
      const [ref, section] = parent.replace(/^ListenerSet /, '').split('#');
      const key = ref.includes('/') ? ref : `${e.namespace}/${ref}`;
      // Shown without a leading "/" when the route has no namespace.
      const shown = key.startsWith('/') ? key.slice(1) : key;
      return { kind, key, shown, section, found: sources.has(`${kind} ${key}${section !== undefined ? `#${section}` : ''}`) };
    });
    const found = parents.find(p => p.found);
    if (found) return { source: `${found.kind} ${found.shown}${found.section !== undefined ? ` listener ${found.section}` : ''}` };
    return { missing: `${parents.map(p => `${p.kind} \`${p.shown}\``).join(', ') || 'Gateway (none)'} with a certificate not defined here` };
  }
  for (const [annotation, kind] of CERT_MANAGER_ANNOTATIONS) {
    const issuer = e.annotations[annotation];
    if (issuer !== undefined) return { source: `cert-manager ${kind} ${issuer}` };
  }
  if (e.annotations['kubernetes.io/tls-acme'] === 'true') return { source: 'ACME (kubernetes.io/tls-acme)' };
  const secrets = [...new Set(e.tlsSecrets ?? [])];
  if (secrets.includes(undefined)) return { missing: 'no secretName: the controller\'s default certificate' };
  const absent = secrets.filter(name => !sources.has(`Secret ${e.namespace}/${name}`));
  if (absent.length > 0) return { missing: `secret ${absent.map(n => `\`${n}\``).join(', ')} not defined here` };
  return { source: `Secret ${secrets.join(', ')}` };
}

const PASSTHROUGH = 'TLS passthrough: the backends hold the certificate';

/**
 * Where the certificates of a Gateway's or ListenerSet's TLS listeners come from: cert-manager
 * (its annotations on the object: gateway-shim for a Gateway, the ListenerSets controller for a
 * ListenerSet), or the Secrets their `certificateRefs` name, when the manifests define them (a
 * Secret, or a cert-manager Certificate that writes it). Otherwise what is missing.
 */
export function describeListenerCertificates(model: ExposureModel, parent: GatewayInfo): { source?: string; missing?: string } {
  const terminating = parent.listeners.filter(terminatesTls);
  if (terminating.length === 0) return parent.listeners.some(l => l.protocol === 'TLS') ? { source: PASSTHROUGH } : {};
  for (const [annotation, kind] of CERT_MANAGER_ANNOTATIONS) {
    const issuer = parent.annotations[annotation];
    if (issuer !== undefined) return { source: `cert-manager ${kind} ${issuer}` };
  }
  const sources = model.certificateSources ?? new Set<string>();
  const refs = terminating.flatMap(l => l.certificateRefs);
  const named = (ref: { namespace: string; name: string }) => (ref.namespace !== parent.namespace ? `${ref.namespace}/${ref.name}` : ref.name);
  const secrets = [...new Set(refs.filter(r => r.kind === 'Secret' && r.group === '').map(named))];
  const others = [...new Set(refs.filter(r => !(r.kind === 'Secret' && r.group === '')).map(r => `${r.kind} \`${named(r)}\``))];
  const absent = refs.filter(r => r.kind === 'Secret' && r.group === '' && !sources.has(`Secret ${r.namespace}/${r.name}`)).map(named);
  const missing = [
    ...terminating.filter(l => l.certificateRefs.length === 0).map(l => `listener ${l.name} names no certificate`),
    ...(absent.length > 0 ? [`secret ${[...new Set(absent)].map(n => `\`${n}\``).join(', ')} not defined here`] : []),
    ...(others.length > 0 ? [`${others.join(', ')} not defined here`] : []),
  ];
  if (missing.length > 0) return { missing: missing.join('; ') };
  return { source: `Secret ${secrets.join(', ')}` };
}
