import { selectorUncertainty, workloadsOf } from '../../model/model';
import { Rule, errorBeyondDevelopment, whereNamespace } from '../rule';

/** A Service whose selector matches none of the App's workloads routes nowhere. */
export const danglingService: Rule = {
  id: 'dangling-service',
  summary: 'A Service selects pods, but no workload defined in the App has those labels, counting those its controller adds (checked only when the App defines workloads; a warning when custom resources or computed labels may make the pods).',
  why: 'A Service with no matching pods has no endpoints: clients get connection refused, and nothing fails until traffic arrives.',
  severity: errorBeyondDevelopment,
  check(model) {
    if (model.workloads.length === 0) return [];
    return model.services
      .filter(s => s.type !== 'ExternalName' && Object.keys(s.selector).length > 0)
      .filter(s => workloadsOf(model, s).length === 0)
      .map(s => {
        const uncertain = selectorUncertainty(model, s.namespace, s.selector);
        return {
          object: s,
          message: `selector ${JSON.stringify(s.selector)} matches no workload ${whereNamespace(s.namespace)}${uncertain !== undefined ? `, but ${uncertain}` : ''}`,
          fix: 'Select a workload defined in the App (pass the Deployment as selector), or fix the labels',
          uncertain,
        };
      });
  },
};
