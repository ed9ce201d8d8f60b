import * as kplus from 'cdk8s-plus-28';
import { ExposureScope, GatewayFronted, LoadBalancerScheme } from '../../src';
import { newChart, ofKind, synth, theService } from '../util';

const gateway = { name: 'public', namespace: 'gateway-system', sectionName: 'mqtt' };

describe('GatewayFronted', () => {
  test('a TCP port gets a ClusterIP Service and a TCPRoute on the listener', () => {
    const chart = newChart();
    const mqtt = new GatewayFronted(chart, 'Mqtt', { selectLabels: { app: 'mqtt' }, ports: [{ port: 1883 }], gateway, metadata: { name: 'mqtt', namespace: 'iot' } });
    const manifests = synth(chart);
    expect(theService(manifests).spec.type).toBe('ClusterIP');
    const [route] = ofKind(manifests, 'TCPRoute');
    expect(route.metadata.namespace).toBe('iot');
    expect(route.spec).toEqual({
      parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', ...gateway }],
      rules: [{ backendRefs: [{ name: 'mqtt', port: 1883 }] }],
    });
    expect(mqtt.exposure).toBe(ExposureScope.INTERNET);
    expect(mqtt.route.routeKind).toBe('TCPRoute');
  });

  test('a UDP port gets a UDPRoute; an internal Gateway is vpc', () => {
    const chart = newChart();
    const dns = new GatewayFronted(chart, 'Dns', {
      selectLabels: { app: 'dns' }, ports: [{ port: 53, protocol: kplus.Protocol.UDP }], gateway: { name: 'internal', sectionName: 'dns' }, gatewayScheme: LoadBalancerScheme.INTERNAL,
    });
    expect(ofKind(synth(chart), 'UDPRoute')).toHaveLength(1);
    expect(dns.exposure).toBe(ExposureScope.VPC);
  });

  test('passthroughHostnames gets a TLSRoute by SNI', () => {
    const chart = newChart();
    new GatewayFronted(chart, 'Db', { selectLabels: { app: 'db' }, ports: [{ port: 5432 }], gateway, passthroughHostnames: ['db.example.com'] });
    const [route] = ofKind(synth(chart), 'TLSRoute');
    expect(route.spec.hostnames).toEqual(['db.example.com']);
  });

  test.each([
    [{ gateway: undefined }, /GatewayFronted 'test\/X': gateway undefined is required/],
    [{ ports: [{ port: 1, name: 'a' }, { port: 2, name: 'b' }] }, /several ports \(1, 2\); pass backendPort/],
    [{ backendPort: 9 }, /backendPort 9 is not a port of the Service \(1883\)/],
    [{ ports: [{ port: 53, protocol: kplus.Protocol.UDP }], passthroughHostnames: ['a.example.com'] }, /passthroughHostnames routes TLS, which runs over TCP, but port 53 is UDP/],
    [{ ports: [{ port: 9, protocol: kplus.Protocol.SCTP }] }, /port 9 is SCTP, which Gateway API does not route/],
    [{ passthroughHostnames: [] }, /hostnames \[\] must list at least one host name/],
    [{ routeMetadata: { namespace: 'other' } }, /routeMetadata.namespace "other" differs from the Service's namespace/],
    [{ ports: [{ port: 1883, nodePort: 30000 }] }, /the Service behind a Gateway stays inside the cluster/],
  ])('refuses %#', (props: any, message) => {
    const chart = newChart();
    expect(() => new GatewayFronted(chart, 'X', { selectLabels: { app: 'x' }, ports: [{ port: 1883 }], gateway, ...props })).toThrow(message);
  });
});
