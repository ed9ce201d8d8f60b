import { buildModel } from '../../../src/model/model';
import { evaluate } from '../../../src/policy/engine';
import { apiServerRejects } from '../../../src/policy/rules/api-server-rejects';
import { check, checkUnvalidated, service } from '../helpers';

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

  describe('names, per kind as its registry checks them', () => {
    test('compliant: RBAC names with colons (metrics-server, kube-prometheus), a custom resource\'s name its CRD may allow', () => {
      expect(check(apiServerRejects, [
        { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'system:aggregated-metrics-reader', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } }, rules: [{ apiGroups: ['metrics.k8s.io'], resources: ['pods', 'nodes'], verbs: ['get', 'list', 'watch'] }] },
        { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'metrics-server:auth-reader', namespace: 'kube-system' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'extension-apiserver-authentication-reader' }, subjects: [{ kind: 'ServiceAccount', name: 'metrics-server', namespace: 'kube-system' }] },
      ])).toEqual([]);
      // A custom resource: only what holds for every kind (its namespace may not even apply).
      expect(checkUnvalidated(apiServerRejects, [
        { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'Big_Widget:1', namespace: 'Not A Namespace' } },
      ])).toEqual([]);
    });

    test('non-compliant: a Namespace with a dot (a DNS label), a Service starting with a digit (DNS-1035), a long CronJob, a path separator in any kind', () => {
      const findings = checkUnvalidated(apiServerRejects, [
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team.a' } },
        service('1api', { selector: { app: 'api' }, ports: [{ port: 80 }] }),
        { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'x'.repeat(53) }, spec: { schedule: '@daily', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } } } } },
        { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'a/b' } },
        { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: '..' } },
      ]);
      expect(findings.map(f => `${f.object.kind} ${f.severity}: ${f.message}`)).toEqual([
        'Namespace error: the API server would refuse it: metadata.name "team.a" must be a DNS-1123 label: lower-case letters, digits and "-", starting and ending with a letter or digit',
        expect.stringMatching(/^Service error: the API server would refuse it: metadata.name "1api" must be a DNS-1035 label/),
        `CronJob error: the API server would refuse it: metadata.name "${'x'.repeat(53)}" must be at most 52 characters (it has 53), so that its Jobs' names fit`,
        'ClusterRole error: the API server would refuse it: metadata.name "a/b" may not contain "/"',
        'Widget error: the API server would refuse it: metadata.name ".." may not be ".."',
      ]);
    });
  });
});
