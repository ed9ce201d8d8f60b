import { selectorUncertainty, workloadsSelectedBy } from '../../model/model';
import { Rule, errorBeyondDevelopment, whereNamespace } from '../rule';

/** A NetworkPolicy whose podSelector matches none of the workloads of its namespace. */
export const danglingNetworkPolicy: Rule = {
  id: 'dangling-network-policy',
  summary: 'A NetworkPolicy selects pods by labels that no workload of its namespace has (checked only where the App defines workloads in that namespace).',
  why: 'A NetworkPolicy that selects no pod restricts nothing: the pods it was written for stay open to the whole cluster, while the YAML suggests they are isolated.',
  severity: errorBeyondDevelopment,
  check(model) {
    const namespaces = new Set(model.workloads.map(w => w.namespace));
    return model.networkPolicies
      .filter(p => !p.podSelectorHasExpressions && Object.keys(p.podSelector).length > 0 && namespaces.has(p.namespace))
      .filter(p => workloadsSelectedBy(model, p.namespace, p.podSelector).length === 0)
      .map(p => {
        const uncertain = selectorUncertainty(model, p.namespace, p.podSelector);
        return {
          object: p,
          message: uncertain !== undefined
            ? `podSelector ${JSON.stringify(p.podSelector)} matches no workload ${whereNamespace(p.namespace)}, but ${uncertain}`
            : `podSelector ${JSON.stringify(p.podSelector)} matches no workload ${whereNamespace(p.namespace)}, so it isolates nothing`,
          fix: 'Select the labels of the pods it is meant for (InternalService allowFrom writes the NetworkPolicy for you), or delete it',
          uncertain,
        };
      });
  },
};
