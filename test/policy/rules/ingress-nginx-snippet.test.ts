import { ingressNginxSnippet } from '../../../src/policy/rules/ingress-nginx-snippet';
import { Stage } from '../../../src/policy/stages';
import { check, ingress, service } from '../helpers';

const api = service('api', { selector: { app: 'api' }, ports: [{ port: 80 }] });
const route = [{ host: 'api.example.com', service: 'api', port: 80 }];

describe('ingress-nginx-snippet', () => {
  test('compliant: ingress-nginx annotations without snippets; a snippet-like key of another controller', () => {
    expect(check(ingressNginxSnippet, [api, ingress('api', route, ['api.example.com'], {
      'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
      'example.com/configuration-snippet': 'x',
    })], Stage.PRODUCTION)).toEqual([]);
  });

  test('non-compliant: configuration-snippet and server-snippet; a warning without a stage, an error with one', () => {
    const manifests = [api, ingress('api', route, ['api.example.com'], {
      'nginx.ingress.kubernetes.io/configuration-snippet': 'more_set_headers "X-Frame-Options: DENY";',
      'nginx.ingress.kubernetes.io/server-snippet': 'location /metrics { deny all; }',
    })];
    expect(check(ingressNginxSnippet, manifests).map(f => f.severity)).toEqual(['warning']);
    const [finding] = check(ingressNginxSnippet, manifests, Stage.DEVELOPMENT);
    expect(finding.severity).toBe('error');
    expect(finding.message).toBe('sets nginx.ingress.kubernetes.io/configuration-snippet, nginx.ingress.kubernetes.io/server-snippet, which ingress-nginx copies unchecked into its nginx configuration');
    expect(finding.why).toMatch(/CVE-2021-25742/);
  });
});
