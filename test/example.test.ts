import { ofKind, synthApp } from './util';
import { buildApp } from '../examples/main';

describe('example app', () => {
  test('synthesizes schema-valid manifests, unchanged', () => {
    // GIVEN / WHEN
    const manifests = synthApp(buildApp());
    // THEN
    expect(manifests).toMatchSnapshot();
  });

  test('production exposes the storefront only through the Ingress, with TLS', () => {
    const production = buildApp().charts.find(c => c.node.id === 'production')!.toJson();
    const services = ofKind(production, 'Service');
    expect(services.map(s => s.spec.type)).toEqual(['ClusterIP', 'ClusterIP', 'ClusterIP', 'ExternalName']);
    const [ingress] = ofKind(production, 'Ingress');
    expect(ingress.spec.tls).toEqual([{ hosts: ['shop.example.com'], secretName: 'shop-example-com-tls' }]);
    expect(ingress.spec.rules[0].http.paths[0].backend.service.name).toBe('storefront');
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
