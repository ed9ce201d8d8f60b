import { Rule, errorBeyondDevelopment } from '../rule';

/** A probe on a port its container does not declare. */
export const probePortNotExposed: Rule = {
  id: 'probe-port-not-exposed',
  summary: 'A liveness, readiness or startup probe targets a port its container does not declare (a named port must be declared; a numeric one is checked when the container declares ports).',
  why: 'A probe on a named port nobody declares always fails, so the pod never becomes ready or is restarted forever; a number that is not one of the container\'s ports is usually a port that was moved, and a Service then sends traffic to pods whose health says nothing about it.',
  severity: errorBeyondDevelopment,
  check(model) {
    const findings = [];
    for (const workload of model.workloads) {
      for (const probe of workload.probes) {
        const declared = probe.containerPorts.filter(c => c.protocol === 'TCP');
        const port = probe.port;
        const missing = typeof port === 'string'
          ? !declared.some(c => c.name === port)
          : probe.containerPorts.length > 0 && !declared.some(c => c.number === port);
        if (!missing) continue;
        findings.push({
          object: workload,
          message: `container "${probe.container}" ${probe.probe} probe (${probe.handler}) targets port ${typeof port === 'string' ? `"${port}"` : port}, which the container does not declare (it has ${probe.containerPorts.map(c => c.name ?? c.number).join(', ') || 'none'})`,
          fix: typeof port === 'string' ? `Name a container port "${port}", or probe a port the container declares` : 'Probe a port the container declares, or add the port to the container',
        });
      }
    }
    return findings;
  },
};
