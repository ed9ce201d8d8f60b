import { Rule, errorWhenDeclared } from '../rule';

/** SSH (port 22) reachable from outside the cluster. */
export const sshExposed: Rule = {
  id: 'ssh-exposed',
  summary: 'Port 22 (SSH) is exposed outside the cluster by a NodePort or LoadBalancer Service.',
  why: 'SSH facing nodes or the internet is scanned and brute-forced within minutes; reach pods with kubectl exec or a bastion instead.',
  severity: errorWhenDeclared,
  check(model) {
    return model.services
      .filter(s => s.type === 'NodePort' || s.type === 'LoadBalancer')
      .filter(s => s.ports.some(p => p.port === 22 || p.targetPort === 22 || p.targetPort === 'ssh'))
      .map(s => ({ object: s, message: `exposes SSH (port 22) as a ${s.type} Service`, fix: 'Use an InternalService and kubectl exec / port-forward, or a bastion host' }));
  },
};
