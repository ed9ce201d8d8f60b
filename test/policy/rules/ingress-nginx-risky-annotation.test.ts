import { ingressNginxRiskyAnnotation } from '../../../src/policy/rules/ingress-nginx-risky-annotation';
import { Stage } from '../../../src/policy/stages';
import { check, ingress, service } from '../helpers';

const api = service('api', { selector: { app: 'api' }, ports: [{ port: 80 }] });
const route = [{ host: 'api.example.com', service: 'api', port: 80 }];

describe('ingress-nginx-risky-annotation', () => {
  test('compliant: Low and Medium risk ingress-nginx annotations', () => {
    expect(check(ingressNginxRiskyAnnotation, [api, ingress('api', route, ['api.example.com'], {
      'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
      'nginx.ingress.kubernetes.io/auth-method': 'GET',
    })], Stage.PRODUCTION)).toEqual([]);
  });

  test('non-compliant: a plain auth-url is a warning at every stage', () => {
    const manifests = [api, ingress('api', route, ['api.example.com'], { 'nginx.ingress.kubernetes.io/auth-url': 'https://auth.example.com/oauth2/auth' })];
    for (const stage of [undefined, Stage.PRODUCTION]) {
      const [finding] = check(ingressNginxRiskyAnnotation, manifests, stage);
      expect(finding.severity).toBe('warning');
      expect(finding.message).toBe('sets nginx.ingress.kubernetes.io/auth-url, which ingress-nginx rates High risk');
    }
  });

  test('non-compliant: nginx syntax in auth-tls-match-cn (the CVE-2025-1097 injection) is an error once a stage is declared', () => {
    const manifests = [api, ingress('api', route, ['api.example.com'], {
      'nginx.ingress.kubernetes.io/auth-tls-match-cn': 'CN=x"){ } ssl_engine foobar; #',
      'nginx.ingress.kubernetes.io/mirror-target': 'https://mirror.example.com',
    })];
    expect(check(ingressNginxRiskyAnnotation, manifests)[0].severity).toBe('warning');
    const [finding] = check(ingressNginxRiskyAnnotation, manifests, Stage.DEVELOPMENT);
    expect(finding.severity).toBe('error');
    expect(finding.message).toMatch(/^sets nginx.ingress.kubernetes.io\/auth-tls-match-cn: "CN=x\\"\)\{ \} ssl_engine foobar; #", a value with nginx syntax/);
    expect(finding.message).not.toContain('mirror-target');
  });
});
