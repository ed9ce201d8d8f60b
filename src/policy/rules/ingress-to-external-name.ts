import { serviceNamed } from '../../model/model';
import { Rule, always } from '../rule';

/** An Ingress or HTTPRoute backed by an ExternalName Service (CVE-2021-25740). */
export const ingressToExternalName: Rule = {
  id: 'ingress-to-external-name',
  summary: 'An Ingress or HTTPRoute routes to an ExternalName Service.',
  why: 'An ExternalName backend makes the ingress controller forward to any host or namespace its author names, a confused-deputy path (CVE-2021-25740).',
  severity: always,
  check(model) {
    const findings = [];
    for (const entry of model.entries) {
      for (const route of entry.routes) {
        // A Gateway API backendRef may name a Service of another namespace.
        const service = serviceNamed(model, route.serviceNamespace ?? entry.namespace, route.serviceName);
        if (service?.type === 'ExternalName') {
          findings.push({ object: entry, message: `routes ${route.host ?? '*'}${route.path} to ExternalName Service "${service.name}" (${service.externalName})`, fix: 'Route only to ClusterIP Services that select your own pods' });
        }
      }
    }
    return findings;
  },
};
