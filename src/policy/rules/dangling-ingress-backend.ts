import { serviceNamed } from '../../model/model';
import { Rule, errorBeyondDevelopment, whereNamespace } from '../rule';

/** An Ingress or HTTPRoute that names a Service (or port) the App does not define. */
export const danglingIngressBackend: Rule = {
  id: 'dangling-ingress-backend',
  summary: 'An Ingress, HTTPRoute or Istio VirtualService routes to a Service, or a Service port, that the App does not define (judged where the input defines Services in that namespace).',
  why: 'The controller answers 503 for a backend that does not exist, and only at request time.',
  severity: errorBeyondDevelopment,
  check(model) {
    const findings = [];
    let namespaces: Set<string> | undefined;
    const covered = (namespace: string) => (namespaces ??= new Set(model.services.map(s => s.namespace))).has(namespace);
    for (const entry of model.entries) {
      for (const route of entry.routes) {
        if (route.serviceName === undefined) continue;
        const namespace = route.serviceNamespace ?? entry.namespace;
        const service = serviceNamed(model, namespace, route.serviceName);
        // A backend in a namespace where the YAML defines no Service is not known to be missing:
        // a file of routes alone (the Services in another file, or made at run time) is complete as
        // it is.
        if (!service && !covered(namespace)) continue;
        if (!service) {
          findings.push({ object: entry, message: `routes ${route.host ?? '*'}${route.path} to Service "${route.serviceName}", which is not defined ${whereNamespace(namespace)}`, fix: 'Route to a Service defined in the App (IngressFronted does this for you), or define the Service' });
        } else if (route.servicePort !== undefined && service.type !== 'ExternalName'
          && !service.ports.some(p => p.port === route.servicePort || (p.name !== undefined && p.name === route.servicePort))) {
          const message = typeof route.servicePort === 'string'
            ? `routes to the port named "${route.servicePort}" of Service "${service.name}", whose named ports are ${service.ports.filter(p => p.name !== undefined).map(p => `${p.name} (${p.port})`).join(', ') || '(none)'}`
            : `routes to port ${route.servicePort} of Service "${service.name}", which has ports ${service.ports.map(p => p.port).join(', ') || '(none)'}`;
          findings.push({ object: entry, message, fix: 'Route to one of the Service\'s ports' });
        }
      }
    }
    return findings;
  },
};
