import { ingressRouteConflict } from '../../../src/policy/rules/ingress-route-conflict';
import { Stage } from '../../../src/policy/stages';
import { check, ingress } from '../helpers';

describe('ingress-route-conflict', () => {
  test('compliant: different paths on one host', () => {
    expect(check(ingressRouteConflict, [ingress('a', [{ host: 'x.example.com', path: '/a', service: 's', port: 80 }]), ingress('b', [{ host: 'x.example.com', path: '/b', service: 's', port: 80 }])], Stage.PRODUCTION)).toEqual([]);
  });
  test('non-compliant: same host and path; an error once a stage is declared, a warning before', () => {
    const manifests = [ingress('a', [{ host: 'x.example.com', service: 's', port: 80 }]), ingress('b', [{ host: 'x.example.com', service: 't', port: 80 }])];
    const [f] = check(ingressRouteConflict, manifests, Stage.DEVELOPMENT);
    expect(f.severity).toBe('error');
    expect(f.message).toBe('host x.example.com path / is already routed by Ingress a');
    expect(check(ingressRouteConflict, manifests)[0].severity).toBe('warning');
  });
});
