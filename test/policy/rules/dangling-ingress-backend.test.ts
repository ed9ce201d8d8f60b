import { danglingIngressBackend } from '../../../src/policy/rules/dangling-ingress-backend';
import { Stage } from '../../../src/policy/stages';
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
});
