import * as kplus from 'cdk8s-plus-28';
import { InternalService, ParentKind, RouteBackend, TcpRoute, TlsRoute, UdpRoute } from '../../src';
import { newChart, ofKind, synth } from '../util';

function svc(chart: any, protocol?: kplus.Protocol) {
  return new InternalService(chart, 'Svc', { selectLabels: { app: 'x' }, ports: [{ port: 5432, protocol }], metadata: { name: 'svc', namespace: 'apps' } });
}

describe('TlsRoute', () => {
  test('passes TLS through by SNI host name', () => {
    const chart = newChart();
    new TlsRoute(chart, 'Db', {
      parents: [{ name: 'public', namespace: 'gateway-system', sectionName: 'tls' }],
      metadata: { namespace: 'apps' },
      hostnames: ['db.example.com'],
      backends: [RouteBackend.fromService(svc(chart))],
      ruleName: 'postgres',
    });
    const [route] = ofKind(synth(chart), 'TLSRoute');
    expect(route.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(route.spec).toEqual({
      parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'public', namespace: 'gateway-system', sectionName: 'tls' }],
      hostnames: ['db.example.com'],
      rules: [{ name: 'postgres', backendRefs: [{ name: 'svc', port: 5432 }] }],
    });
  });

  test('requires hostnames', () => {
    const chart = newChart();
    expect(() => new TlsRoute(chart, 'Db', { parents: [{ name: 'public' }], hostnames: [], backends: [RouteBackend.fromServiceName('a', 1)] }))
      .toThrow(/TlsRoute 'test\/Db': hostnames \[\] must list at least one host name/);
  });
});

describe('TcpRoute', () => {
  test('forwards a listener to the backends, attached to a ListenerSet', () => {
    const chart = newChart();
    new TcpRoute(chart, 'Pg', {
      parents: [{ name: 'apps-listeners', kind: ParentKind.LISTENER_SET, sectionName: 'postgres' }],
      metadata: { namespace: 'apps' },
      backends: [RouteBackend.fromService(svc(chart))],
    });
    const [route] = ofKind(synth(chart), 'TCPRoute');
    expect(route.spec).toEqual({
      parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', name: 'apps-listeners', sectionName: 'postgres' }],
      rules: [{ backendRefs: [{ name: 'svc', port: 5432 }] }],
    });
  });

  test('refuses a UDP port', () => {
    const chart = newChart();
    expect(() => new TcpRoute(chart, 'Pg', { parents: [{ name: 'p' }], metadata: { namespace: 'apps' }, backends: [RouteBackend.fromService(svc(chart, kplus.Protocol.UDP))] }))
      .toThrow(/TcpRoute 'test\/Pg': props.backends\[0\]: port 5432 of Service "svc" is UDP, but a TCPRoute sends TCP/);
  });
});

describe('UdpRoute', () => {
  test('forwards datagrams to a UDP port', () => {
    const chart = newChart();
    new UdpRoute(chart, 'Dns', { parents: [{ name: 'p', sectionName: 'dns' }], metadata: { namespace: 'apps' }, backends: [RouteBackend.fromService(svc(chart, kplus.Protocol.UDP))] });
    const [route] = ofKind(synth(chart), 'UDPRoute');
    expect(route.spec.rules).toEqual([{ backendRefs: [{ name: 'svc', port: 5432 }] }]);
  });

  test('refuses a TCP port', () => {
    const chart = newChart();
    expect(() => new UdpRoute(chart, 'Dns', { parents: [{ name: 'p' }], metadata: { namespace: 'apps' }, backends: [RouteBackend.fromService(svc(chart))] }))
      .toThrow(/port 5432 of Service "svc" is TCP, but a UDPRoute sends UDP; route to a UDP port/);
  });
});
