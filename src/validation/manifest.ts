import { objectMetaProblems } from './metadata';
import { checkDns1123Subdomain } from './names';
import { ingressProblems, networkPolicyProblems } from './networking';
import { serviceProblems } from './service';

const CLUSTER_SCOPED = new Set(['Namespace', 'Node', 'ClusterRole', 'ClusterRoleBinding', 'IngressClass', 'GatewayClass', 'CustomResourceDefinition', 'PersistentVolume', 'StorageClass', 'PriorityClass']);

/**
 * What the API server would refuse in one manifest, by the rules of its kind: a Service, an
 * Ingress or a NetworkPolicy in full; any other kind by its metadata. One sentence per problem.
 */
export function manifestProblems(manifest: any): string[] {
  if (manifest === null || typeof manifest !== 'object') return ['is not an object'];
  const group = String(manifest.apiVersion ?? '');
  switch (manifest.kind) {
    case 'Service': if (group === 'v1') return serviceProblems(manifest); break;
    case 'Ingress': if (group === 'networking.k8s.io/v1') return ingressProblems(manifest); break;
    case 'NetworkPolicy': if (group === 'networking.k8s.io/v1') return networkPolicyProblems(manifest); break;
    default: break;
  }
  return objectMetaProblems(manifest.metadata, checkDns1123Subdomain, !CLUSTER_SCOPED.has(manifest.kind));
}
