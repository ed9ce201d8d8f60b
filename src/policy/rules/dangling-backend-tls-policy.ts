import { serviceNamed } from '../../model/model';
import { Rule, errorBeyondDevelopment, whereNamespace } from '../rule';

/** A BackendTLSPolicy for a Service, or a Service port, that the input does not define. */
export const danglingBackendTlsPolicy: Rule = {
  id: 'dangling-backend-tls-policy',
  summary: 'A BackendTLSPolicy targets a Service, or a Service port name, that is not defined in its namespace (judged where the input defines Services in that namespace).',
  why: 'A policy whose target does not exist applies to nothing: the Gateway keeps speaking plain HTTP to the pods the policy was meant to protect, and nothing reports it.',
  severity: errorBeyondDevelopment,
  check(model) {
    const findings = [];
    // A namespace where the YAML defines no Service: the target is not known to be missing.
    const covered = new Set(model.services.map(s => s.namespace));
    for (const policy of model.backendTlsPolicies) {
      for (const target of policy.targets) {
        const service = serviceNamed(model, policy.namespace, target.name);
        if (service === undefined && !covered.has(policy.namespace)) continue;
        if (service === undefined) {
          findings.push({
            object: policy,
            message: `targets Service "${target.name}", which is not defined ${whereNamespace(policy.namespace)}`,
            fix: 'Target a Service defined beside the policy (BackendTlsPolicy does this when given the construct), or define the Service',
          });
        } else if (target.sectionName !== undefined && !service.ports.some(p => p.name === target.sectionName)) {
          findings.push({
            object: policy,
            message: `targets port "${target.sectionName}" of Service "${service.name}", which has ${service.ports.length === 0 ? 'no ports' : `ports named ${service.ports.map(p => p.name ?? '(unnamed)').join(', ')}`}`,
            fix: 'Name one of the Service\'s ports in sectionName, or leave it out to cover every port',
          });
        }
      }
    }
    return findings;
  },
};
