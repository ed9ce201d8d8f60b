import { ofKind, synthApp } from './util';
import { buildApp } from '../examples/main';

describe('example app', () => {
  test('synthesizes schema-valid manifests, unchanged', () => {
    // GIVEN / WHEN
    const manifests = synthApp(buildApp());
    // THEN
    expect(manifests).toMatchSnapshot();
  });

  test('production exposes the storefront only through the platform\'s Gateway: HTTPS with the shop\'s certificate, HTTP redirected', () => {
    // GIVEN / WHEN
    const production = buildApp().charts.find(c => c.node.id === 'production')!.toJson();
    // THEN no Ingress and no Service beyond the cluster but the database alias
    expect(ofKind(production, 'Ingress')).toEqual([]);
    expect(ofKind(production, 'Service').map(s => `${s.metadata.name} ${s.spec.type}`)).toEqual([
      'cache ClusterIP', 'storefront ClusterIP', 'supplier-sftp ClusterIP', 'api ClusterIP', 'orders-db ExternalName',
    ]);
    // the shop's listeners join the platform's Gateway, with a certificate from cert-manager
    const [listenerSet] = ofKind(production, 'ListenerSet');
    expect(listenerSet.spec.parentRef).toEqual({ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'public', namespace: 'gateway-system' });
    expect(listenerSet.metadata.annotations['cert-manager.io/cluster-issuer']).toBe('letsencrypt');
    expect(listenerSet.spec.listeners.map((l: any) => `${l.name} ${l.port}/${l.protocol} ${l.hostname ?? '*'}`)).toEqual([
      'https 443/HTTPS shop.example.com', 'http 80/HTTP shop.example.com', 'sftp 2222/TCP *',
    ]);
    expect(listenerSet.spec.listeners[0].tls).toEqual({ mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: 'shop-example-com-tls' }] });
    // the storefront on the HTTPS listener; the HTTP listener only redirects
    const routes = Object.fromEntries(ofKind(production, 'HTTPRoute').map(r => [r.metadata.name, r.spec]));
    const onListener = (sectionName: string) => [{ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', name: 'shop', namespace: 'shop', sectionName }];
    expect(routes.storefront).toEqual({ hostnames: ['shop.example.com'], parentRefs: onListener('https'), rules: [{ backendRefs: [{ name: 'storefront', port: 80 }] }] });
    expect(routes['storefront-redirect']).toEqual({
      hostnames: ['shop.example.com'],
      parentRefs: onListener('http'),
      rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }],
    });
    // SFTP is TCP through the same Gateway, not a load balancer of its own
    const [tcpRoute] = ofKind(production, 'TCPRoute');
    expect(tcpRoute.spec).toEqual({ parentRefs: onListener('sftp'), rules: [{ backendRefs: [{ name: 'supplier-sftp', port: 2222 }] }] });
  });

  test('production: only the Gateway\'s proxy reaches the pods behind the Gateway', () => {
    const production = buildApp().charts.find(c => c.node.id === 'production')!.toJson();
    const selectorOf = (name: string) => ofKind(production, 'Service').find(s => s.metadata.name === name)!.spec.selector;
    for (const name of ['storefront', 'supplier-sftp']) {
      const policies = ofKind(production, 'NetworkPolicy').filter(p => JSON.stringify(p.spec.podSelector.matchLabels) === JSON.stringify(selectorOf(name)));
      expect(policies).toHaveLength(1);
      expect(policies[0].spec.policyTypes).toEqual(['Ingress']);
      expect(JSON.stringify(policies[0].spec.ingress[0].from)).toContain('envoy-gateway-system');
    }
  });

  test('only the development chart has a NodePort', () => {
    const charts = buildApp().charts;
    const nodePorts = charts.flatMap(c => ofKind(c.toJson(), 'Service').filter(s => s.spec.type === 'NodePort').map(s => `${c.node.id}/${s.metadata.name}`));
    expect(nodePorts).toEqual(['development/storefront-dev']);
  });
});

describe('example app under the pipeline override', () => {
  afterEach(() => { delete process.env.CDK8S_EXPOSE_STAGE; });
  test('CDK8S_EXPOSE_STAGE=production refuses the development chart\'s node port', () => {
    process.env.CDK8S_EXPOSE_STAGE = 'production';
    expect(() => synthApp(buildApp())).toThrow(/\[node-port-in-production\] Service shop-dev\/storefront-dev \(DevService 'development\/Storefront'\)/);
  });
});
