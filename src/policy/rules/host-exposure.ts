import { Rule, errorBeyondDevelopment } from '../rule';

/** Pods that open ports on the node itself, past every Service and NetworkPolicy. */
export const hostExposure: Rule = {
  id: 'host-exposure',
  summary: 'A workload uses hostNetwork or a hostPort, so its ports are open on the node\'s IP.',
  why: 'A pod on the host network, or with a hostPort, is reachable on the node\'s address like a NodePort Service, but no Service, Ingress or NetworkPolicy shows or limits it, and it ties the pod to free ports on its node.',
  severity: errorBeyondDevelopment,
  check(model) {
    return model.workloads
      .filter(w => w.hostNetwork || w.hostPorts.length > 0)
      .map(w => ({
        object: w,
        message: w.hostNetwork
          ? 'runs its pods on the host network (hostNetwork: true): every port they open is on the node'
          : `opens host ports ${w.hostPorts.join(', ')} on the node`,
        fix: 'Remove hostNetwork and hostPort and expose the pods through a Service (DevService in development, IngressFronted or PublicService otherwise); acknowledge the rule for node agents that need it',
      }));
  },
};
