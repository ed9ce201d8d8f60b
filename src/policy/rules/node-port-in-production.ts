import { Rule, productionOnly } from '../rule';

/** A NodePort Service (a DevService) in production. */
export const nodePortInProduction: Rule = {
  id: 'node-port-in-production',
  summary: 'A NodePort Service (DevService) is deployed to production.',
  why: 'A node port is open on every node of the cluster and bypasses the load balancer and ingress that production traffic is meant to pass through.',
  severity: productionOnly,
  check(model) {
    return model.services
      .filter(s => s.type === 'NodePort')
      .map(s => ({ object: s, message: `is a NodePort Service (ports ${s.ports.map(p => p.nodePort ?? 'auto').join(', ')} on every node)`, fix: 'Use IngressFronted for HTTP or PublicService for other protocols; keep DevService in development charts, or acknowledge the rule with a reason' }));
  },
};
