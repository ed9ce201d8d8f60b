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

describe('listener claims of TcpRoute, UdpRoute and TlsRoute', () => {
  test('a TcpRoute on the listener a GatewayFronted claimed is refused, naming the route\'s parents entry', () => {
    // GIVEN
    const chart = newChart();
    new TcpRoute(chart, 'Pg', { parents: [{ name: 'public', namespace: 'gateway-system', sectionName: 'pg' }], backends: [RouteBackend.fromServiceName('pg', 5432)] });
    // WHEN / THEN
    expect(() => new TcpRoute(chart, 'Pg2', { parents: [{ name: 'other' }, { name: 'public', namespace: 'gateway-system', sectionName: 'pg' }], backends: [RouteBackend.fromServiceName('pg2', 5432)] }))
      .toThrow(/TcpRoute 'test\/Pg2': parents\[1\]: listener "pg" of Gateway "gateway-system\/public" is already claimed by TcpRoute 'test\/Pg' in this App; a TCP listener forwards/);
    // Nothing of the refused route is left: its first parent is free again.
    expect(chart.node.tryFindChild('Pg2')).toBeUndefined();
    new TcpRoute(chart, 'Pg3', { parents: [{ name: 'other' }], backends: [RouteBackend.fromServiceName('pg3', 5432)] });
  });

  test('UdpRoutes collide on one listener by port too; TlsRoutes by host name', () => {
    const chart = newChart();
    new UdpRoute(chart, 'Dns', { parents: [{ name: 'public', port: 53 }], backends: [RouteBackend.fromServiceName('dns', 53)] });
    expect(() => new UdpRoute(chart, 'Dns2', { parents: [{ name: 'public', port: 53 }], backends: [RouteBackend.fromServiceName('dns2', 53)] }))
      .toThrow(/UdpRoute 'test\/Dns2': parents\[0\]: listener port 53 of Gateway "public" is already claimed by UdpRoute 'test\/Dns' in this App; a UDP listener forwards every connection/);
    new TlsRoute(chart, 'A', { parents: [{ name: 'public', sectionName: 'tls' }], hostnames: ['a.example.com'], backends: [RouteBackend.fromServiceName('a', 443)] });
    expect(() => new TlsRoute(chart, 'B', { parents: [{ name: 'public', sectionName: 'tls' }], hostnames: ['a.example.com'], backends: [RouteBackend.fromServiceName('b', 443)] }))
      .toThrow(/TlsRoute 'test\/B': hostnames: SNI host "a.example.com" on listener "tls" of Gateway "public" \(parents\[0\]\) is already claimed by TlsRoute 'test\/A'/);
  });
});

