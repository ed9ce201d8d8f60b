import { workloadsOf } from '../../model/model';
import { Rule, errorBeyondDevelopment } from '../rule';

/** A Service whose selector matches none of the App's workloads routes nowhere. */
export const danglingService: Rule = {
  id: 'dangling-service',
  summary: 'A Service selects pods, but no workload defined in the App has those labels (checked only when the App defines workloads).',
  why: 'A Service with no matching pods has no endpoints: clients get connection refused, and nothing fails until traffic arrives.',
  severity: errorBeyondDevelopment,
  check(model) {
    if (model.workloads.length === 0) return [];
    return model.services
      .filter(s => s.type !== 'ExternalName' && Object.keys(s.selector).length > 0)
      .filter(s => workloadsOf(model, s).length === 0)
      .map(s => ({
        object: s,
        message: `selector ${JSON.stringify(s.selector)} matches no workload in namespace "${s.namespace || '(default)'}"`,
        fix: 'Select a workload defined in the App (pass the Deployment as selector), or fix the labels',
      }));
  },
};
