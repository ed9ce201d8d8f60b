import { probePortNotExposed } from '../../../src/policy/rules/probe-port-not-exposed';
import { Stage } from '../../../src/policy/stages';
import { check, deployment } from '../helpers';

function withProbes(ports: any[], probes: Record<string, any>): any {
  const d = deployment('api', { app: 'api' }, ports);
  Object.assign(d.spec.template.spec.containers[0], probes);
  return d;
}

describe('probe-port-not-exposed', () => {
  test('compliant: probes on declared ports by name and number; a number when the container declares no ports; exec probes', () => {
    expect(check(probePortNotExposed, [withProbes([{ containerPort: 8080, name: 'http' }, { containerPort: 9090 }], {
      livenessProbe: { httpGet: { path: '/healthz', port: 'http' } },
      readinessProbe: { tcpSocket: { port: 9090 } },
      startupProbe: { exec: { command: ['true'] } },
    })], Stage.PRODUCTION)).toEqual([]);
    expect(check(probePortNotExposed, [withProbes([], { livenessProbe: { httpGet: { path: '/', port: 8080 } } })], Stage.PRODUCTION)).toEqual([]);
  });

  test('non-compliant: an undeclared name, an undeclared number, a gRPC port; a warning in development, an error from staging', () => {
    const manifests = [withProbes([{ containerPort: 8080, name: 'http' }], {
      livenessProbe: { httpGet: { path: '/healthz', port: 'health' } },
      readinessProbe: { tcpSocket: { port: 8081 } },
      startupProbe: { grpc: { port: 9000 } },
    })];
    const findings = check(probePortNotExposed, manifests, Stage.STAGING);
    expect(findings.map(f => `${f.severity}: ${f.message}`)).toEqual([
      'error: container "app" liveness probe (httpGet) targets port "health", which the container does not declare (it has http)',
      'error: container "app" readiness probe (tcpSocket) targets port 8081, which the container does not declare (it has http)',
      'error: container "app" startup probe (grpc) targets port 9000, which the container does not declare (it has http)',
    ]);
    expect(findings[0].fix).toBe('Name a container port "health", or probe a port the container declares');
    expect(check(probePortNotExposed, manifests, Stage.DEVELOPMENT)[0].severity).toBe('warning');
  });
});
