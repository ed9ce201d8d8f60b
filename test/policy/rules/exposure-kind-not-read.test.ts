import { exposureKindNotRead } from '../../../src/policy/rules/exposure-kind-not-read';
import { Stage } from '../../../src/policy/stages';
import { checkUnvalidated, service } from '../helpers';

describe('exposure-kind-not-read', () => {
  test('compliant: kinds the engine reads, and custom resources that route nothing', () => {
    expect(checkUnvalidated(exposureKindNotRead, [
      service('web', { selector: { app: 'web' }, ports: [{ port: 80 }] }),
      { apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'strip', namespace: 'web' }, spec: { stripPrefix: { prefixes: ['/api'] } } },
      { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'web', namespace: 'web' }, spec: { secretName: 'web-tls', dnsNames: ['web.example.com'], issuerRef: { name: 'le' } } },
    ], Stage.PRODUCTION)).toEqual([]);
  });

  test('non-compliant: a Traefik IngressRoute and a Contour HTTPProxy, a warning at every stage that says what was not read', () => {
    const manifests = [
      { apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRoute', metadata: { name: 'dashboard', namespace: 'traefik' }, spec: { entryPoints: ['web'], routes: [{ match: 'Host(`traefik.example.com`)', kind: 'Rule', services: [{ name: 'api@internal', kind: 'TraefikService' }] }] } },
      { apiVersion: 'projectcontour.io/v1', kind: 'HTTPProxy', metadata: { name: 'root', namespace: 'projectcontour' }, spec: { virtualhost: { fqdn: 'www.example.com' }, routes: [{ services: [{ name: 'web', port: 80 }] }] } },
    ];
    for (const stage of [undefined, Stage.DEVELOPMENT, Stage.PRODUCTION]) {
      const findings = checkUnvalidated(exposureKindNotRead, manifests, stage);
      expect(findings.map(f => `${f.object.kind} ${f.severity}: ${f.message}`)).toEqual([
        'IngressRoute warning: is a Traefik IngressRoute (traefik.io), which routes traffic to Services, and cdk8s-expose does not read it: what it exposes is not in the report and no rule judges it',
        'HTTPProxy warning: is a Contour HTTPProxy (projectcontour.io), which routes traffic to Services, and cdk8s-expose does not read it: what it exposes is not in the report and no rule judges it',
      ]);
    }
  });
});
