import { BackendCa, BackendTlsPolicy, ExternalAlias, InternalService } from '../../src';
import { newChart, ofKind, synth } from '../util';

describe('BackendTlsPolicy', () => {
  test('TLS from the Gateway to a Service port, checked against a CA in a ConfigMap', () => {
    const chart = newChart();
    const api = new InternalService(chart, 'Api', { selectLabels: { app: 'api' }, ports: [{ port: 443, name: 'https' }], metadata: { name: 'api', namespace: 'shop' } });
    new BackendTlsPolicy(chart, 'Tls', { service: api, portName: 'https', hostname: 'api.shop.svc.cluster.local', ca: BackendCa.fromConfigMaps(['internal-ca']), subjectAltNames: ['api.internal'] });
    const [policy] = ofKind(synth(chart), 'BackendTLSPolicy');
    expect(policy.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(policy.metadata.namespace).toBe('shop');
    expect(policy.spec).toEqual({
      targetRefs: [{ group: '', kind: 'Service', name: 'api', sectionName: 'https' }],
      validation: {
        hostname: 'api.shop.svc.cluster.local',
        caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'internal-ca' }],
        subjectAltNames: [{ type: 'Hostname', hostname: 'api.internal' }],
      },
    });
  });

  test('an existing Service by name, with the system trust store', () => {
    const chart = newChart();
    new BackendTlsPolicy(chart, 'Tls', { serviceName: 'legacy', hostname: 'legacy.example.com', ca: BackendCa.system() });
    expect(ofKind(synth(chart), 'BackendTLSPolicy')[0].spec.validation).toEqual({ hostname: 'legacy.example.com', wellKnownCACertificates: 'System' });
  });

  test.each([
    [{}, /BackendTlsPolicy 'test\/Tls': give exactly one of service/],
    [{ serviceName: 'a', hostname: '*.example.com' }, /hostname "\*.example.com" must not be a wildcard/],
    [{ serviceName: 'a', hostname: 'a.example.com', ca: undefined }, /ca undefined is required: BackendCa.system\(\)/],
    [{ serviceName: 'a', hostname: 'a.example.com', subjectAltNames: ['1.2.3.4'] }, /subjectAltNames entry "1.2.3.4" must be a DNS name/],
  ])('refuses %#', (props: any, message) => {
    const chart = newChart();
    expect(() => new BackendTlsPolicy(chart, 'Tls', { ca: BackendCa.system(), ...props })).toThrow(message);
  });

  test('refuses a port name the Service lacks, and an ExternalName Service', () => {
    const chart = newChart();
    const api = new InternalService(chart, 'Api', { selectLabels: { app: 'api' }, ports: [{ port: 443, name: 'https' }] });
    expect(() => new BackendTlsPolicy(chart, 'Tls', { service: api, portName: 'grpc', hostname: 'a.example.com', ca: BackendCa.system() }))
      .toThrow(/portName "grpc" is not the name of a port of the Service \(https\)/);
    const alias = new ExternalAlias(chart, 'Db', { externalName: 'db.example.com' });
    expect(() => new BackendTlsPolicy(chart, 'Tls2', { service: alias, hostname: 'a.example.com', ca: BackendCa.system() })).toThrow(/is an ExternalName Service/);
  });

  test('BackendCa.fromConfigMaps refuses an empty list', () => {
    expect(() => BackendCa.fromConfigMaps([])).toThrow(/BackendCa.fromConfigMaps: names \[\] must list 1 to 8 ConfigMaps/);
  });
});
