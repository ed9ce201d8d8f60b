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
  test('non-compliant: an HTTPRoute whose backendRef is an ExternalName Service in another namespace', () => {
    const ext = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext', namespace: 'billing' }, spec: { type: 'ExternalName', externalName: 'evil.example.com' } };
    const route = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'r', namespace: 'shop' },
      spec: { parentRefs: [{ name: 'gw' }], hostnames: ['shop.example.com'], rules: [{ backendRefs: [{ name: 'ext', namespace: 'billing', port: 80 }] }] },
    };
    expect(check(ingressToExternalName, [ext, route]).map(f => f.message)).toEqual(['routes shop.example.com/ to ExternalName Service "ext" (evil.example.com)']);
  });
});
