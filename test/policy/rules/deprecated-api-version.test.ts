import * as extensions from 'kubernetes-models/extensions/v1beta1';
import * as networkingBeta from 'kubernetes-models/networking.k8s.io/v1beta1';
import { buildModel } from '../../../src/model/model';
import { evaluate } from '../../../src/policy/engine';
import { deprecatedApiVersion } from '../../../src/policy/rules/deprecated-api-version';
import { Stage } from '../../../src/policy/stages';
import { check, deployment, ingress, service } from '../helpers';

/**
 * Manifests in removed API versions: checked against their own (old) schema, and kept out of
 * the real API server run (test/apiserver), which refuses them by design.
 */
function removed(manifests: any[], stage?: Stage) {
  const model = buildModel(manifests.map(manifest => ({ manifest, origin: {} })));
  return evaluate(model, stage).filter(f => f.ruleId === deprecatedApiVersion.id);
}

describe('deprecated-api-version', () => {
  test('compliant: networking.k8s.io/v1 and apps/v1', () => {
    expect(check(deprecatedApiVersion, [
      service('api', { selector: { app: 'api' }, ports: [{ port: 80 }] }),
      deployment('api', { app: 'api' }),
      ingress('api', [{ host: 'api.example.com', service: 'api', port: 80 }]),
    ], Stage.PRODUCTION)).toEqual([]);
  });

  test('non-compliant: extensions/v1beta1 and networking.k8s.io/v1beta1 Ingress, extensions/v1beta1 NetworkPolicy', () => {
    const oldest = { apiVersion: 'extensions/v1beta1', kind: 'Ingress', metadata: { name: 'oldest' }, spec: { rules: [{ host: 'a.example.com', http: { paths: [{ path: '/', backend: { serviceName: 'api', servicePort: 80 } }] } }] } };
    const beta = { apiVersion: 'networking.k8s.io/v1beta1', kind: 'Ingress', metadata: { name: 'beta' }, spec: { backend: { serviceName: 'api', servicePort: 80 } } };
    const policy = { apiVersion: 'extensions/v1beta1', kind: 'NetworkPolicy', metadata: { name: 'old-policy' }, spec: { podSelector: {} } };
    new extensions.Ingress(oldest as any).validate();
    new networkingBeta.Ingress(beta as any).validate();
    new extensions.NetworkPolicy(policy as any).validate();
    const manifests = [oldest, beta, policy];
    expect(removed(manifests).map(f => f.severity)).toEqual(['warning', 'warning', 'warning']);
    const findings = removed(manifests, Stage.DEVELOPMENT);
    expect(findings.map(f => `${f.object.kind} ${f.object.name} ${f.severity}: ${f.message}`)).toEqual([
      'Ingress oldest error: is written in extensions/v1beta1, which Kubernetes 1.22 and later no longer serve',
      'Ingress beta error: is written in networking.k8s.io/v1beta1, which Kubernetes 1.22 and later no longer serve',
      'NetworkPolicy old-policy error: is written in extensions/v1beta1, which Kubernetes 1.16 and later no longer serve',
    ]);
    expect(findings[0].fix).toMatch(/^Write it in networking.k8s.io\/v1 /);
  });
});
