import { Rule, Severity } from '../rule';

/**
 * A probe on a port name its container does not declare. A numeric port is not judged: the
 * kubelet probes any port of the pod, and a probe opens nothing (ingress-nginx probes 10254,
 * which its container does not declare). Decision recorded in docs/rules.md.
 */
export const probePortNotExposed: Rule = {
  id: 'probe-port-not-exposed',
  summary: 'A liveness, readiness or startup probe names a port its container does not declare (a numeric port is not judged: the kubelet probes any port, and a probe exposes nothing).',
  why: 'The kubelet resolves a named probe port among the container\'s own ports; a name nobody declares fails every probe, so the pod never becomes ready (no endpoints) or is restarted forever. It exposes nothing, so it is a warning at every stage.',
  severity: () => Severity.WARNING,
  check(model) {
    const findings = [];
    for (const workload of model.workloads) {
      for (const probe of workload.probes) {
        const port = probe.port;
        if (typeof port !== 'string' || probe.containerPorts.some(c => c.protocol === 'TCP' && c.name === port)) continue;
        findings.push({
          object: workload,
          message: `container "${probe.container}" ${probe.probe} probe (${probe.handler}) targets port "${port}", which the container does not declare (it has ${probe.containerPorts.map(c => c.name ?? c.number).join(', ') || 'none'})`,
          fix: `Name a container port "${port}", or probe a port number`,
        });
      }
    }
    return findings;
  },
};
