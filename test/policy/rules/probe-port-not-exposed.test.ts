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

  test('compliant: ingress-nginx\'s controller probes 10254, which its container does not declare; a probe opens nothing', () => {
    expect(check(probePortNotExposed, [withProbes([{ name: 'http', containerPort: 80 }, { name: 'https', containerPort: 443 }, { name: 'webhook', containerPort: 8443 }], {
      livenessProbe: { httpGet: { path: '/healthz', port: 10254, scheme: 'HTTP' } },
      readinessProbe: { httpGet: { path: '/healthz', port: 10254, scheme: 'HTTP' } },
    })], Stage.PRODUCTION)).toEqual([]);
  });

  test('non-compliant: a port name the container does not declare (every probe fails), a warning at every stage', () => {
    const manifests = [withProbes([{ containerPort: 8080, name: 'http' }], {
      livenessProbe: { httpGet: { path: '/healthz', port: 'health' } },
      readinessProbe: { tcpSocket: { port: 8081 } },
      startupProbe: { grpc: { port: 9000 } },
    })];
    for (const stage of [undefined, Stage.DEVELOPMENT, Stage.STAGING, Stage.PRODUCTION]) {
      const findings = check(probePortNotExposed, manifests, stage);
      expect(findings.map(f => `${f.severity}: ${f.message}`)).toEqual([
        'warning: container "app" liveness probe (httpGet) targets port "health", which the container does not declare (it has http)',
      ]);
      expect(findings[0].fix).toBe('Name a container port "health", or probe a port number');
    }
  });
});
