import { ingressWithoutTls } from '../../../src/policy/rules/ingress-without-tls';
import { Stage } from '../../../src/policy/stages';
import { check, ingress } from '../helpers';

describe('ingress-without-tls', () => {
  test('compliant: every host has TLS', () => {
    expect(check(ingressWithoutTls, [ingress('i', [{ host: 'a.example.com', service: 's', port: 80 }], ['a.example.com'])], Stage.PRODUCTION)).toEqual([]);
  });
  test('non-compliant: no TLS, or a host left out of it', () => {
    const findings = check(ingressWithoutTls, [
      ingress('plain', [{ host: 'a.example.com', service: 's', port: 80 }]),
      ingress('partial', [{ host: 'a.example.com', service: 's', port: 80 }, { host: 'b.example.com', path: '/b', service: 's', port: 80 }], ['a.example.com']),
    ], Stage.PRODUCTION);
    expect(findings.map(f => [f.object.name, f.severity, f.message])).toEqual([
      ['plain', 'error', 'serves a.example.com without TLS'],
      ['partial', 'error', 'serves a.example.com, b.example.com without TLS'],
    ]);
  });
  test('off in development', () => {
    expect(check(ingressWithoutTls, [ingress('plain', [{ host: 'a.example.com', service: 's', port: 80 }])], Stage.DEVELOPMENT)).toEqual([]);
  });
});
