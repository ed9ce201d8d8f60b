import { duplicateObject } from '../../../src/policy/rules/duplicate-object';
import { check, checkUnvalidated, service } from '../helpers';

describe('duplicate-object', () => {
  test('compliant: one name in two namespaces, or two kinds with one name', () => {
    expect(check(duplicateObject, [
      service('api', { selector: { app: 'a' }, ports: [{ port: 80 }] }, { namespace: 'a' }),
      service('api', { selector: { app: 'a' }, ports: [{ port: 80 }] }, { namespace: 'b' }),
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'api', namespace: 'a' } },
    ])).toEqual([]);
  });

  test('non-compliant: the second object of one kind, namespace and name, an error at every stage', () => {
    const [f] = check(duplicateObject, [
      service('api', { selector: { app: 'a' }, ports: [{ port: 80 }] }, { namespace: 'a' }),
      service('api', { selector: { app: 'b' }, ports: [{ port: 81 }] }, { namespace: 'a' }),
    ]);
    expect(f.severity).toBe('error');
    expect(f.message).toMatch(/kubectl apply would keep only one/);
  });

  test('compliant: an Istio Gateway and a Gateway API Gateway of one name, a Knative Service beside a Service', () => {
    expect(checkUnvalidated(duplicateObject, [
      { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: 'bookinfo-gateway', namespace: 'bookinfo' }, spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }] } },
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'bookinfo-gateway', namespace: 'bookinfo' }, spec: { gatewayClassName: 'istio', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] } },
      service('hello', { selector: { app: 'hello' }, ports: [{ port: 80 }] }, { namespace: 'apps' }),
      { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'hello', namespace: 'apps' }, spec: { template: { spec: { containers: [{ image: 'ghcr.io/knative/helloworld-go' }] } } } },
    ])).toEqual([]);
  });

  test('non-compliant: a cluster-scoped kind is one object whatever namespace is written on it; an extensions Ingress is the networking.k8s.io one', () => {
    const findings = checkUnvalidated(duplicateObject, [
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'argocd-server' } },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'argocd-server', namespace: 'argocd' } },
      { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'shop' }, spec: { defaultBackend: { service: { name: 'web', port: { number: 80 } } } } },
      { apiVersion: 'extensions/v1beta1', kind: 'Ingress', metadata: { name: 'web', namespace: 'shop' }, spec: { backend: { serviceName: 'web', servicePort: 80 } } },
    ]);
    expect(findings.map(f => `${f.object.kind} ${f.severity}: ${f.message}`)).toEqual([
      'Ingress error: has the same API group, kind, namespace and name as an earlier object; kubectl apply would keep only one',
      'ClusterRole error: has the same API group, kind, and name (it has no namespace) as an earlier object; kubectl apply would keep only one',
    ]);
  });
});
