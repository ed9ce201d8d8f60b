import * as kplus from 'cdk8s-plus-28';
import { ExposureScope, IngressFronted, IngressTls } from '../src';
import { newChart, ofKind, synth, theService } from './util';

describe('IngressFronted', () => {
  const pods = (chart: any) => kplus.Pods.select(chart, 'ApiPods', { labels: { app: 'api' } });

  test('renders a ClusterIP Service and an Ingress with TLS for the host', () => {
    // GIVEN
    const chart = newChart();
    // WHEN
    const api = new IngressFronted(chart, 'Api', { selector: pods(chart), ports: [{ port: 80, targetPort: 8000 }], host: 'api.example.com', path: '/' });
    // THEN
    const manifests = synth(chart);
    expect(manifests).toMatchSnapshot();
    const service = theService(manifests);
    expect(service.spec.type).toBe('ClusterIP');
    const [ingress] = ofKind(manifests, 'Ingress');
    expect(ingress.spec.rules).toEqual([{
      host: 'api.example.com',
      http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: service.metadata.name, port: { number: 80 } } } }] },
    }]);
    expect(ingress.spec.tls).toEqual([{ hosts: ['api.example.com'], secretName: 'api-example-com-tls' }]);
    expect(api.exposure).toBe(ExposureScope.INTERNET);
    expect(api.ingress).toBeInstanceOf(kplus.Ingress);
  });

  test('className, TLS from a named secret, exact path, ingress metadata, namespace follows the Service', () => {
    const chart = newChart();
    new IngressFronted(chart, 'Api', {
      selector: pods(chart),
      ports: [{ port: 80, name: 'http' }, { port: 9090, name: 'metrics' }],
      backendPort: 80,
      host: '*.example.com',
      path: '/v1',
      pathType: kplus.HttpIngressPathType.EXACT,
      className: 'nginx',
      tls: IngressTls.fromSecret('wildcard-cert'),
      metadata: { namespace: 'shop' },
      ingressMetadata: { name: 'api', annotations: { team: 'a' } },
    });
    const [ingress] = ofKind(synth(chart), 'Ingress');
    expect(ingress.metadata).toEqual({ name: 'api', namespace: 'shop', annotations: { team: 'a' } });
    expect(ingress.spec.ingressClassName).toBe('nginx');
    expect(ingress.spec.tls).toEqual([{ hosts: ['*.example.com'], secretName: 'wildcard-cert' }]);
    expect(ingress.spec.rules[0].http.paths[0]).toMatchObject({ path: '/v1', pathType: 'Exact', backend: { service: { port: { number: 80 } } } });
  });

  test('plain HTTP only when asked, and no TLS without a host', () => {
    const chart = newChart();
    new IngressFronted(chart, 'A', { selector: pods(chart), ports: [{ port: 80 }], host: 'a.example.com', tls: IngressTls.disabled() });
    new IngressFronted(chart, 'B', { selector: kplus.Pods.select(chart, 'BP', { labels: { app: 'b' } }), ports: [{ port: 80 }], path: '/b' });
    const ingresses = ofKind(synth(chart), 'Ingress');
    expect(ingresses.map(i => i.spec.tls)).toEqual([undefined, undefined]);
    expect(ingresses[1].spec.rules).toEqual([{ http: { paths: [expect.objectContaining({ path: '/b' })] } }]);
  });

  describe('refuses', () => {
    const make = (props: any) => {
      const chart = newChart();
      return () => new IngressFronted(chart, 'Api', { selector: pods(chart), ports: [{ port: 80 }], ...props });
    };
    test('a bad host', () => {
      expect(make({ host: 'API.example.com' })).toThrow(/IngressFronted 'test\/Api': host "API.example.com" must be a DNS-1123 subdomain/);
      expect(make({ host: '10.0.0.1' })).toThrow(/must be a DNS name, not an IP address/);
      expect(make({ host: 'a.*.example.com' })).toThrow(/may use "\*" only as the whole first label/);
    });
    test('a bad path', () => {
      expect(make({ path: 'api' })).toThrow(/path "api" must be an absolute path starting with "\/"/);
      expect(make({ path: '/a//b' })).toThrow(/must not contain "\/\/"/);
      expect(make({ path: '/v[0-9]+' })).toThrow(/use ImplementationSpecific for a regular expression/);
    });
    test('several ports without backendPort, or a backendPort that is not a port', () => {
      expect(make({ ports: [{ port: 80, name: 'a' }, { port: 81, name: 'b' }] })).toThrow(/several ports \(80, 81\); pass backendPort/);
      expect(make({ backendPort: 81 })).toThrow(/backendPort 81 is not a port of the Service \(80\)/);
    });
    test('TLS without a host', () => {
      expect(make({ tls: IngressTls.fromSecret('x') })).toThrow(/tls is set but host is not/);
    });
    test('an ingress namespace other than the Service namespace', () => {
      expect(make({ metadata: { namespace: 'a' }, ingressMetadata: { namespace: 'b' } })).toThrow(/ingressMetadata.namespace "b" differs from the Service's namespace "a"/);
    });
    test('a node port', () => {
      expect(make({ ports: [{ port: 80, nodePort: 30001 }] })).toThrow(/nodePort 30001 does not apply here; the Service behind an Ingress stays inside the cluster/);
    });
    test('an invalid secret name', () => {
      expect(() => IngressTls.fromSecret('Bad_Name')).toThrow(/IngressTls.fromSecret: secretName "Bad_Name" must be a DNS-1123 subdomain/);
    });
  });
});

describe('IngressFronted allowFrom', () => {
  const pods = (chart: any) => kplus.Pods.select(chart, 'ApiPods', { labels: { app: 'api' } });

  test('proxyNamespaceLabels: only the ingress controller\'s namespace (and allowFrom) reach the pods, on the target ports', () => {
    // GIVEN
    const chart = newChart();
    // WHEN
    const api = new IngressFronted(chart, 'Api', {
      selector: pods(chart),
      ports: [{ port: 80, targetPort: 8000 }],
      host: 'api.example.com',
      proxyNamespaceLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' },
      proxyPodLabels: { 'app.kubernetes.io/name': 'ingress-nginx' },
    });
    api.allowFrom(kplus.Pods.select(chart, 'Worker', { labels: { app: 'worker' } }));
    // THEN
    const [policy] = ofKind(synth(chart), 'NetworkPolicy');
    expect(policy.spec).toEqual({
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Ingress'],
      ingress: [{
        from: [
          { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } } },
          { podSelector: { matchLabels: { app: 'worker' } } },
        ],
        ports: [{ protocol: 'TCP', port: 8000 }],
      }],
    });
  });

  test('behind a Gateway: every pod of the proxy\'s namespace', () => {
    const chart = newChart();
    new IngressFronted(chart, 'Api', {
      selector: pods(chart),
      ports: [{ port: 80 }],
      host: 'api.example.com',
      gateway: { name: 'public', namespace: 'gateways' },
      proxyNamespaceLabels: { 'kubernetes.io/metadata.name': 'envoy-gateway-system' },
    });
    const [policy] = ofKind(synth(chart), 'NetworkPolicy');
    expect(policy.spec.ingress[0].from).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'envoy-gateway-system' } } }]);
  });

  test('no NetworkPolicy unless asked', () => {
    const chart = newChart();
    new IngressFronted(chart, 'Api', { selector: pods(chart), ports: [{ port: 80 }], host: 'api.example.com' });
    expect(ofKind(synth(chart), 'NetworkPolicy')).toEqual([]);
  });

  test('isolating without saying where the proxy runs is refused; so are bad labels', () => {
    const chart = newChart();
    const base = { selector: pods(chart), ports: [{ port: 80 }], host: 'api.example.com' };
    const worker = kplus.Pods.select(chart, 'Worker', { labels: { app: 'worker' } });
    expect(() => new IngressFronted(chart, 'A', { ...base, allowFrom: [worker] })).toThrow(/IngressFronted 'test\/A': allowFrom isolates the Service's pods, which would cut off the ingress controller's proxy too; pass proxyNamespaceLabels/);
    expect(() => new IngressFronted(chart, 'B', { ...base, gateway: { name: 'gw' }, allowFrom: [] })).toThrow(/IngressFronted 'test\/B': allowFrom isolates the Service's pods, which would cut off the Gateway's proxy too/);
    expect(() => new IngressFronted(chart, 'C', { ...base, proxyNamespaceLabels: {} })).toThrow(/IngressFronted 'test\/C': proxyNamespaceLabels \{\} selects every namespace/);
    expect(() => new IngressFronted(chart, 'D', { ...base, proxyNamespaceLabels: { 'kubernetes.io/metadata.name': 'Ingress Nginx' } })).toThrow(/IngressFronted 'test\/D': proxyNamespaceLabels "kubernetes.io\/metadata.name" has value "Ingress Nginx"/);
    expect(() => new IngressFronted(chart, 'E', { ...base, proxyPodLabels: { app: 'nginx' } })).toThrow(/IngressFronted 'test\/E': proxyPodLabels is set but proxyNamespaceLabels is not/);
    const f = new IngressFronted(chart, 'F', base);
    expect(() => f.allowFrom(worker)).toThrow(/IngressFronted 'test\/F': allowFrom isolates the Service's pods/);
  });
});

describe('IngressFronted allowTo', () => {
  test('restricts egress of the Service\'s pods, with DNS, in the same NetworkPolicy as the proxy', () => {
    const chart = newChart();
    const api = new IngressFronted(chart, 'Api', {
      selector: kplus.Pods.select(chart, 'ApiPods', { labels: { app: 'api' } }),
      ports: [{ port: 80 }],
      host: 'api.example.com',
      proxyNamespaceLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' },
      allowTo: [kplus.Pods.select(chart, 'Db', { labels: { app: 'db' } })],
    });
    api.allowTo(kplus.NetworkPolicyIpBlock.ipv4(chart, 'Partner', '198.51.100.0/24'), { ports: [443] });
    const policies = ofKind(synth(chart), 'NetworkPolicy');
    expect(policies).toHaveLength(1);
    expect(policies[0].spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(policies[0].spec.egress.map((r: any) => r.to)).toEqual([
      [{ podSelector: { matchLabels: { app: 'db' } } }],
      [{ ipBlock: { cidr: '198.51.100.0/24' } }],
      [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
    ]);
  });
});
