import { labelsOf, probesOf } from '../../src/model/pod-details';

describe('pod details', () => {
  test('the HTTP, TCP and gRPC probes of every container, init containers too, with the container\'s ports', () => {
    const probes = probesOf({
      containers: [{
        name: 'app',
        ports: [{ containerPort: 8080, name: 'http' }, { containerPort: 9000, protocol: 'UDP' }],
        livenessProbe: { httpGet: { path: '/healthz', port: 'http' } },
        readinessProbe: { tcpSocket: { port: 8080 } },
        startupProbe: { exec: { command: ['true'] } },
      }],
      initContainers: [{ name: 'sidecar', readinessProbe: { grpc: { port: 9090 } } }],
    });
    expect(probes).toEqual([
      { container: 'app', probe: 'liveness', handler: 'httpGet', port: 'http', containerPorts: [{ number: 8080, name: 'http', protocol: 'TCP' }, { number: 9000, name: undefined, protocol: 'UDP' }] },
      { container: 'app', probe: 'readiness', handler: 'tcpSocket', port: 8080, containerPorts: [{ number: 8080, name: 'http', protocol: 'TCP' }, { number: 9000, name: undefined, protocol: 'UDP' }] },
      { container: 'sidecar', probe: 'readiness', handler: 'grpc', port: 9090, containerPorts: [] },
    ]);
    expect(probesOf(undefined)).toEqual([]);
  });

  test('a selector\'s matchLabels, a copy; undefined without a selector', () => {
    const selector = { matchLabels: { app: 'web' } };
    expect(labelsOf(selector)).toEqual({ app: 'web' });
    expect(labelsOf(selector)).not.toBe(selector.matchLabels);
    expect(labelsOf({ matchExpressions: [] })).toEqual({});
    expect(labelsOf(undefined)).toBeUndefined();
    expect(labelsOf(null)).toBeUndefined();
  });
});
