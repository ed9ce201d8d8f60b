import { ingressToExternalName } from '../../../src/policy/rules/ingress-to-external-name';
import { check, ingress, service } from '../helpers';

describe('ingress-to-external-name', () => {
  test('compliant: the backend is a ClusterIP Service', () => {
    expect(check(ingressToExternalName, [service('web', { selector: { app: 'w' }, ports: [{ port: 80 }] }), ingress('i', [{ service: 'web', port: 80 }])])).toEqual([]);
  });
  test('non-compliant: the backend is an ExternalName Service', () => {
    const [f] = check(ingressToExternalName, [service('ext', { type: 'ExternalName', externalName: 'evil.example.com' }), ingress('i', [{ service: 'ext', port: 80 }])]);
    expect(f.severity).toBe('error');
    expect(f.message).toBe('routes */ to ExternalName Service "ext" (evil.example.com)');
    expect(f.why).toMatch(/CVE-2021-25740/);
  });
});
