import { workloadsOf } from '../../model/model';
import { Rule, errorBeyondDevelopment } from '../rule';

const UNDECLARED = 'a container may listen on a port it does not declare (containerPort lists are informational)';

/** A Service sends traffic to a container port the selected workload does not have. */
export const targetPortNotExposed: Rule = {
  id: 'target-port-not-exposed',
  summary: "A Service's target port is not a port of the selected workload's containers (a named target port must be declared; a numeric one the containers do not declare is a warning: Kubernetes sends traffic to any port the process listens on).",
  why: 'Traffic to a port nothing listens on is refused; a named target port that no container declares has no endpoints at all.',
  severity: errorBeyondDevelopment,
  check(model) {
    const findings = [];
    for (const service of model.services) {
      if (service.type === 'ExternalName') continue;
      for (const workload of workloadsOf(model, service)) {
        for (const port of service.ports) {
          const target = port.targetPort;
          const declared = workload.containerPorts.filter(c => c.protocol === port.protocol);
          if (typeof target === 'string') {
            if (!declared.some(c => c.name === target)) {
              findings.push({ object: service, message: `targetPort "${target}" is not a named container port of ${workload.kind} ${workload.name} (it has ${workload.containerPorts.map(c => c.name ?? c.number).join(', ') || 'none'})`, fix: `Name a container port "${target}", or target a port the containers declare` });
            }
          } else if (workload.containerPorts.length > 0 && !declared.some(c => c.number === target)) {
            // containerPort lists are informational: traffic reaches any port the process listens on.
            findings.push({
              object: service,
              message: `targetPort ${target} is not a container port of ${workload.kind} ${workload.name} (it has ${workload.containerPorts.map(c => c.number).join(', ')}), but ${UNDECLARED}`,
              fix: 'Target a port the containers declare, or add the port to the container',
              uncertain: UNDECLARED,
            });
          }
        }
      }
    }
    return findings;
  },
};
