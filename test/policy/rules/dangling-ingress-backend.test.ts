import { danglingIngressBackend } from '../../../src/policy/rules/dangling-ingress-backend';
import { Stage } from '../../../src/policy/stages';
import { httpRoute, svc } from '../../gateway/manifests';
import { check, ingress, service } from '../helpers';

describe('dangling-ingress-backend', () => {
  const web = service('web', { selector: { app: 'web' }, ports: [{ port: 80 }] });
  test('compliant: the backend Service and port exist', () => {
    expect(check(danglingIngressBackend, [web, ingress('i', [{ host: 'a.example.com', service: 'web', port: 80 }])], Stage.PRODUCTION)).toEqual([]);
  });
  test('non-compliant: a missing Service', () => {
    const [f] = check(danglingIngressBackend, [web, ingress('i', [{ host: 'a.example.com', service: 'nope', port: 80 }])], Stage.STAGING);
    expect(f.severity).toBe('error');
    expect(f.message).toMatch(/to Service "nope", which is not defined/);
  });
  test('non-compliant: a port the Service does not have', () => {
    const [f] = check(danglingIngressBackend, [web, ingress('i', [{ host: 'a.example.com', service: 'web', port: 8080 }])]);
    expect(f.severity).toBe('warning');
    expect(f.message).toBe('routes to port 8080 of Service "web", which has ports 80');
  });
  test('a port by name: compliant when the Service has a port of that name, else the named ports are listed', () => {
    const named = service('api', { selector: { app: 'api' }, ports: [{ port: 80, name: 'http' }, { port: 9090, name: 'metrics' }] });
    const byName = (port: string) => {
      const manifest = ingress('i', [{ host: 'a.example.com', service: 'api', port: 80 }]);
      manifest.spec.rules[0].http.paths[0].backend.service.port = { name: port };
      return manifest;
    };
    expect(check(danglingIngressBackend, [named, byName('http')], Stage.PRODUCTION)).toEqual([]);
    const [f] = check(danglingIngressBackend, [named, byName('grpc')], Stage.PRODUCTION);
    expect(f.message).toBe('routes to the port named "grpc" of Service "api", whose named ports are http (80), metrics (9090)');
  });
});

describe('dangling-ingress-backend on cross-namespace Gateway API backends', () => {
  const route = httpRoute('web', 'shop', { parentRefs: [{ name: 'public', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'payments', namespace: 'payments', port: 80 }] }] });
  test('compliant: the Service is in the backend\'s namespace, or that namespace is not in the YAML', () => {
    expect(check(danglingIngressBackend, [route, svc('payments', 'payments')], Stage.PRODUCTION)).toEqual([]);
    expect(check(danglingIngressBackend, [route], Stage.PRODUCTION)).toEqual([]);
  });
  test('non-compliant: the backend\'s namespace is in the YAML without that Service', () => {
    const [f] = check(danglingIngressBackend, [route, svc('ledger', 'payments')], Stage.PRODUCTION);
    expect(f.message).toBe('routes */ to Service "payments", which is not defined in namespace "payments"');
  });
});
