import { objectMetaProblems } from './metadata';
import { checkDns1035Label, checkDns1123Label, checkDns1123Subdomain, checkPathSegmentName } from './names';
import { ingressProblems, networkPolicyProblems } from './networking';
import { serviceProblems } from './service';

/**
 * The kinds that have no namespace, by `group/Kind` (`/Namespace` for the core group). A
 * custom resource's scope is in its CRD, which the input may not hold: it is not listed, and
 * a namespace written on it is neither checked nor dropped.
 */
export const CLUSTER_SCOPED = new Set([
  '/Namespace', '/Node', '/PersistentVolume', 'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/ClusterRoleBinding',
  'networking.k8s.io/IngressClass', 'networking.k8s.io/IPAddress', 'networking.k8s.io/ServiceCIDR', 'gateway.networking.k8s.io/GatewayClass',
  'apiextensions.k8s.io/CustomResourceDefinition', 'apiregistration.k8s.io/APIService', 'storage.k8s.io/StorageClass', 'storage.k8s.io/CSIDriver',
  'storage.k8s.io/CSINode', 'storage.k8s.io/VolumeAttachment', 'scheduling.k8s.io/PriorityClass', 'node.k8s.io/RuntimeClass',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration', 'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy', 'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'certificates.k8s.io/CertificateSigningRequest', 'flowcontrol.apiserver.k8s.io/FlowSchema', 'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
]);

/** The API group of an apiVersion (`apps/v1` is `apps`, `v1` is the core group ''). */
export function apiGroupOf(apiVersion: unknown): string {
  const text = String(apiVersion ?? '');
  const slash = text.indexOf('/');
  return slash < 0 ? '' : text.slice(0, slash);
}

/** True for a kind that Kubernetes itself serves without a namespace. */
export function isClusterScoped(group: string, kind: string): boolean {
  return CLUSTER_SCOPED.has(`${group}/${kind}`);
}

/** A CronJob's name leaves room for the 11 characters of its Jobs' suffix (pkg/apis/batch/validation). */
function checkCronJobName(value: string): string | undefined {
  return checkDns1123Subdomain(value) ?? (value.length > 52 ? `must be at most 52 characters (it has ${value.length}), so that its Jobs' names fit` : undefined);
}

/**
 * Each kind's name rule as the API server's registry for that kind applies it, by `group/Kind`.
 * From kubernetes/kubernetes (release 1.33):
 * - pkg/apis/core/validation/validation.go: `ValidateServiceName` is `NameIsDNS1035Label`,
 *   `ValidateNamespaceName` `NameIsDNSLabel`; Pod, ReplicationController, ConfigMap, Secret,
 *   ServiceAccount, Endpoints, LimitRange, ResourceQuota: `NameIsDNSSubdomain`.
 * - pkg/apis/apps/validation/validation.go: Deployment, ReplicaSet, DaemonSet
 *   `NameIsDNSSubdomain`. StatefulSet was a subdomain and newer releases ask a DNS label; the
 *   subdomain rule, which every release applies, is the one that is certain.
 * - pkg/apis/batch/validation/validation.go: Job a subdomain; CronJob a subdomain of at most 52.
 * - pkg/apis/networking/validation/validation.go: Ingress, IngressClass, NetworkPolicy subdomains.
 * - pkg/apis/rbac/validation/validation.go: `ValidateRBACName` is `path.IsValidPathSegmentName`
 *   (Role, ClusterRole, RoleBinding, ClusterRoleBinding: `system:aggregated-metrics-reader`).
 * - pkg/apis/policy/validation, pkg/apis/autoscaling/validation, pkg/apis/scheduling/validation,
 *   pkg/apis/storage/validation: PodDisruptionBudget, HorizontalPodAutoscaler, PriorityClass and
 *   StorageClass subdomains.
 * Any other kind (custom resources, kinds not listed): only what holds for every object, a
 * path segment name (k8s.io/apimachinery pkg/api/validation/path/name.go), since its own rule
 * is in code or a CRD the input does not show.
 */
const NAME_RULES: Record<string, (name: string) => string | undefined> = {
  '/Service': checkDns1035Label,
  '/Namespace': checkDns1123Label,
  'rbac.authorization.k8s.io/Role': checkPathSegmentName,
  'rbac.authorization.k8s.io/ClusterRole': checkPathSegmentName,
  'rbac.authorization.k8s.io/RoleBinding': checkPathSegmentName,
  'rbac.authorization.k8s.io/ClusterRoleBinding': checkPathSegmentName,
  'batch/CronJob': checkCronJobName,
};
const SUBDOMAIN_KINDS = [
  '/Pod', '/ReplicationController', '/ConfigMap', '/Secret', '/ServiceAccount', '/Endpoints', '/LimitRange', '/ResourceQuota',
  'apps/Deployment', 'apps/ReplicaSet', 'apps/DaemonSet', 'apps/StatefulSet', 'batch/Job',
  'networking.k8s.io/Ingress', 'networking.k8s.io/IngressClass', 'networking.k8s.io/NetworkPolicy',
  'policy/PodDisruptionBudget', 'autoscaling/HorizontalPodAutoscaler', 'scheduling.k8s.io/PriorityClass', 'storage.k8s.io/StorageClass',
];
for (const kind of SUBDOMAIN_KINDS) NAME_RULES[kind] = checkDns1123Subdomain;

/** The name rule of a kind: its registry's, or a path segment name for a kind whose rule is not known here. */
export function nameRuleOf(group: string, kind: string): (name: string) => string | undefined {
  return NAME_RULES[`${group}/${kind}`] ?? checkPathSegmentName;
}

/** True when the name rule of the kind is known here (not only the rule every kind shares). */
function knownKind(group: string, kind: string): boolean {
  return NAME_RULES[`${group}/${kind}`] !== undefined || isClusterScoped(group, kind);
}

/**
 * What the API server would refuse in one manifest, by the rules of its kind: a Service, an
 * Ingress or a NetworkPolicy in full; any other kind by its metadata, with its own name rule.
 * One sentence per problem.
 */
export function manifestProblems(manifest: any): string[] {
  if (manifest === null || typeof manifest !== 'object') return ['is not an object'];
  const version = String(manifest.apiVersion ?? '');
  switch (manifest.kind) {
    case 'Service': if (version === 'v1') return serviceProblems(manifest); break;
    case 'Ingress': if (version === 'networking.k8s.io/v1') return ingressProblems(manifest); break;
    case 'NetworkPolicy': if (version === 'networking.k8s.io/v1') return networkPolicyProblems(manifest); break;
    default: break;
  }
  const group = apiGroupOf(manifest.apiVersion);
  const kind = String(manifest.kind);
  // The namespace is checked where the kind is known to be namespaced; a custom resource may be
  // cluster-scoped, and the API server then drops the namespace written on it.
  const namespaced = knownKind(group, kind) && !isClusterScoped(group, kind);
  return objectMetaProblems(manifest.metadata, nameRuleOf(group, kind), namespaced);
}
