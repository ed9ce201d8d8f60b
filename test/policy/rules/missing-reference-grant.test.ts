import { missingReferenceGrant } from '../../../src/policy/rules/missing-reference-grant';
import { Stage } from '../../../src/policy/stages';
import { gateway, https, httpRoute, referenceGrant, svc } from '../../gateway/manifests';
import { check } from '../helpers';

const route = httpRoute('web', 'shop', { parentRefs: [{ name: 'public', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'payments', namespace: 'payments', port: 80 }] }] });

describe('missing-reference-grant', () => {
  test('compliant: a ReferenceGrant in the backend\'s namespace allows the route', () => {
    const grant = referenceGrant('shop-routes', 'payments', [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' }], [{ group: '', kind: 'Service', name: 'payments' }]);
    expect(check(missingReferenceGrant, [route, svc('payments', 'payments'), grant], Stage.PRODUCTION)).toEqual([]);
    const anyService = referenceGrant('shop-routes', 'payments', [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' }], [{ group: '', kind: 'Service' }]);
    expect(check(missingReferenceGrant, [route, anyService], Stage.PRODUCTION)).toEqual([]);
  });
  test('non-compliant: no grant, or a grant for another kind or namespace', () => {
    const [f] = check(missingReferenceGrant, [route, svc('payments', 'payments')], Stage.PRODUCTION);
    expect(f.severity).toBe('error');
    expect(f.message).toBe('rules[0].backendRefs[0] refers to Service payments/payments, and no ReferenceGrant in namespace "payments" allows HTTPRoutes from "shop"');
    const wrongKind = referenceGrant('g', 'payments', [{ group: 'gateway.networking.k8s.io', kind: 'GRPCRoute', namespace: 'shop' }], [{ group: '', kind: 'Service' }]);
    expect(check(missingReferenceGrant, [route, wrongKind], Stage.PRODUCTION)).toHaveLength(1);
    const wrongNamespace = referenceGrant('g', 'shop', [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' }], [{ group: '', kind: 'Service' }]);
    expect(check(missingReferenceGrant, [route, wrongNamespace], Stage.PRODUCTION)).toHaveLength(1);
  });
  test('non-compliant: a listener certificate in another namespace', () => {
    const gw = gateway('public', 'infra', [https('a.example.com', { tls: { mode: 'Terminate', certificateRefs: [{ name: 'wildcard', namespace: 'certs' }] } })]);
    const [f] = check(missingReferenceGrant, [gw], Stage.PRODUCTION);
    expect(f.message).toBe('listeners[0].tls.certificateRefs[0] refers to Secret certs/wildcard, and no ReferenceGrant in namespace "certs" allows Gateways from "infra"');
  });
});
