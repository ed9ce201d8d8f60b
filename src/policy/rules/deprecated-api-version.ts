import { Rule, errorWhenDeclared } from '../rule';

/** An exposure object written in an API version that Kubernetes no longer serves. */
export const deprecatedApiVersion: Rule = {
  id: 'deprecated-api-version',
  summary: 'An Ingress, IngressClass, NetworkPolicy, EndpointSlice or workload is written in an API version Kubernetes no longer serves (extensions/v1beta1, networking.k8s.io/v1beta1, apps/v1beta1...).',
  why: 'Clusters since the release named refuse the object outright ("no matches for kind"), so the Ingress or NetworkPolicy that was supposed to route or restrict traffic never exists; old clusters still take it and hide the problem until the upgrade.',
  severity: errorWhenDeclared,
  check(model) {
    return model.deprecatedApis.map(o => ({
      object: o,
      message: `is written in ${o.apiVersion}, which Kubernetes ${o.removedIn} and later no longer serve`,
      fix: `Write it in ${o.replacement} (kubectl-convert --output-version ${o.replacement}; for an Ingress, backend.serviceName becomes backend.service.name and pathType is required)`,
    }));
  },
};
