import { buildModel } from '../../../src/model/model';
import { evaluate } from '../../../src/policy/engine';
import { apiServerRejects } from '../../../src/policy/rules/api-server-rejects';
import { check, service } from '../helpers';

describe('api-server-rejects', () => {
  test('compliant: a Service, Ingress and NetworkPolicy the API server accepts', () => {
    expect(check(apiServerRejects, [
      service('a', { selector: { app: 'x' }, ports: [{ port: 80 }] }),
      { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i' }, spec: { rules: [{ host: 'a.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'a', port: { number: 80 } } } }] } }] } },
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'n' }, spec: { podSelector: { matchLabels: { app: 'x' } }, policyTypes: ['Ingress'] } },
    ])).toEqual([]);
  });

  test('non-compliant: what the server would refuse, an error at every stage, with the fields named', () => {
    // Not run through the schema first: kubernetes-models would refuse some of these as well.
    const model = buildModel([
      { manifest: service('a', { type: 'ClusterIP', ports: [{ port: 80, nodePort: 30080 }], selector: { 'bad key': 'x' } }), origin: {} },
      { manifest: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i' }, spec: { rules: [{ host: '10.0.0.1', http: { paths: [{ path: 'api', pathType: 'Prefix', backend: { service: { name: 'a', port: { number: 80 } } } }] } }] } }, origin: {} },
      { manifest: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'UPPER' } }, origin: {} },
    ]);
    const findings = evaluate(model).filter(f => f.ruleId === 'api-server-rejects');
    expect(findings.map(f => `${f.object.kind}/${f.object.name} ${f.severity}`)).toEqual(['Service/a error', 'Ingress/i error', 'ConfigMap/UPPER error']);
    expect(findings[0].message).toMatch(/spec.ports\[0\].nodePort may not be used when type is ClusterIP; spec.selector key "bad key"/);
    expect(findings[1].message).toMatch(/spec.rules\[0\].host "10.0.0.1" must be a DNS name, not an IP address; .*path "api" must be an absolute path/);
    expect(findings[2].message).toMatch(/metadata.name "UPPER" must be a DNS-1123 subdomain/);
  });
});
