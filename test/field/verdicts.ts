/**
 * The verdict on every finding `cdk8s-expose audit --stage production` gives on the field
 * corpus (test/fixtures/field/), as a reviewer would judge it on the file's own YAML. Each entry
 * covers the findings it matches; every finding must match exactly one entry, and an error may
 * only be `right` (test/field/field-audit.test.ts). docs/field-audit.md is written from these
 * (scripts/field-audit.ts).
 */
import { FieldFinding } from './corpus';

export type Verdict = 'right' | 'wrong and kept';

export interface VerdictEntry {
  readonly rule: string;
  readonly severity: 'error' | 'warning';
  /** Matched against the file (relative to test/fixtures/field/); every file when absent. */
  readonly file?: RegExp;
  /** Matched against `Kind namespace/name`; every object when absent. */
  readonly object?: RegExp;
  /** Matched against the message; every message when absent. */
  readonly message?: RegExp;
  readonly verdict: Verdict;
  readonly reason: string;
}

export const VERDICTS: readonly VerdictEntry[] = [
  // Errors: each is certain on the file's own YAML.
  { rule: 'load-balancer-without-source-ranges', severity: 'error', verdict: 'right', reason: 'An internet-facing LoadBalancer with no source ranges and no annotation saying it is meant: reachable from every address. Upstream installs do it on purpose; in a gate that is an acknowledgement with a reason, not a silent pass.' },
  { rule: 'node-port-in-production', severity: 'error', verdict: 'right', reason: 'A NodePort opens the port on every node (ingress-nginx bare metal, guestbook, httpbin, the external-dns tutorials): certain, and an exposure a production gate must see.' },
  { rule: 'host-exposure', severity: 'error', verdict: 'right', reason: 'hostNetwork or hostPort puts the pods\' ports on the node\'s IP (CNI and load-balancer speakers, node-exporter, ingress-nginx for kind): certain. They need it by design, so their installs acknowledge it.' },
  { rule: 'ingress-without-tls', severity: 'error', verdict: 'right', reason: 'The route is bound to a plain HTTP listener or Istio server that the same file defines, with no TLS and no redirect: the host is served in clear text.' },
  { rule: 'ingress-wildcard-host', severity: 'error', file: /^istio\/multicluster-expose-services/, verdict: 'right', reason: 'The AUTO_PASSTHROUGH server forwards any *.local SNI host to the mesh Service it names: the east-west gateway exposes every Service by design, which an acknowledgement should say.' },
  { rule: 'ingress-wildcard-host', severity: 'error', verdict: 'right', reason: 'The route serves any host (`*` on an Istio server with `*` hosts, or a listener without hostname): every name pointed at the gateway reaches it.' },
  { rule: 'default-namespace', severity: 'error', verdict: 'right', reason: 'The object names `namespace: default` itself (tutorial snippets), which the rule is about; objects without a namespace are not judged.' },
  { rule: 'deprecated-api-version', severity: 'error', verdict: 'right', reason: 'cert-manager v0.8\'s manifest writes Deployments in apps/v1beta1, which Kubernetes 1.16 and later refuse.' },
  { rule: 'api-server-rejects', severity: 'error', file: /^external-dns\/exoscale-how-to-test/, verdict: 'right', reason: 'The snippet\'s placeholder `{ Elastic-IP-address }` is a YAML flow mapping, so the annotation is not a string and the API server refuses the Ingress as written.' },
  // Warnings: reported, never blocking.
  { rule: 'ingress-without-tls', severity: 'warning', verdict: 'right', reason: 'The route\'s Gateway is in another file: TLS cannot be confirmed, and the warning says so instead of failing.' },
  { rule: 'exposure-kind-not-read', severity: 'warning', verdict: 'right', reason: 'Traefik IngressRoutes route to Services and are not read: the report says what it did not judge.' },
  { rule: 'duplicate-service-selector', severity: 'warning', verdict: 'right', reason: 'A NodePort or LoadBalancer beside the ClusterIP Service of the same pods, on the same target port: a second, wider way in, deliberate here and worth a reviewer\'s look.' },
  { rule: 'dangling-network-policy-peer', severity: 'warning', file: /^argo-cd\/core-install/, verdict: 'right', reason: 'Argo CD\'s core install leaves out argocd-server and the notifications controller, and its NetworkPolicies still admit them: dead allowances, harmless, and the warning says they may be installed apart (the install has no namespaces: kubectl -n puts it beside them).' },
  { rule: 'dangling-network-policy-peer', severity: 'warning', file: /^kube-prometheus\//, verdict: 'wrong and kept', reason: 'The Prometheus operator makes the prometheus and alertmanager pods from the Prometheus and Alertmanager resources, so the peers exist once it runs. The engine does not model operators\' pods; it says so and keeps it a warning.' },
  { rule: 'dangling-service', severity: 'warning', file: /^kube-prometheus\//, verdict: 'wrong and kept', reason: 'The Prometheus operator makes the pods these Services select (from the Prometheus and Alertmanager resources). Not modelled; said as a warning that names the custom resources.' },
  { rule: 'dangling-network-policy', severity: 'warning', file: /^kube-prometheus\//, verdict: 'wrong and kept', reason: 'The Prometheus operator makes the pods these policies select. Not modelled; said as a warning that names the custom resources.' },
  { rule: 'target-port-not-exposed', severity: 'warning', message: /^targetPort 2380\b/, verdict: 'wrong and kept', reason: 'etcd listens on 2380 (--listen-peer-urls) without declaring it; the engine does not read container arguments, and the warning says an undeclared port may be listened on.' },
  { rule: 'target-port-not-exposed', severity: 'warning', message: /^targetPort 8080\b/, verdict: 'right', reason: 'Nothing in the etcd pod listens on 8080 (no --listen-metrics-urls): the metrics port of the Service reaches nothing.' },
];

/** The entries that match a finding. */
export function verdictsOf(finding: FieldFinding): VerdictEntry[] {
  return VERDICTS.filter(v => v.rule === finding.rule && v.severity === finding.severity
    && (v.file === undefined || v.file.test(finding.file))
    && (v.object === undefined || v.object.test(finding.object))
    && (v.message === undefined || v.message.test(finding.message)))
    // The first of a rule's entries that names a file wins over the rule's general one.
    .filter((v, _i, all) => all.length === 1 || v.file !== undefined || v.message !== undefined || v.object !== undefined);
}
