import * as kplus from 'cdk8s-plus-28';
import { ExposurePolicy, ExposureReport, ExposureScope, GatewayFronted, ListenerProtocol, ListenerSet, LoadBalancerScheme, ParentKind, Stage } from '../../src';
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
    const [route] = ofKind(synth(chart), 'UDPRoute');
    expect(dns.exposure).toBe(ExposureScope.VPC);
    // The Gateway is not in the App: the route records the scheme, so the report (and an audit of the YAML) says vpc.
    expect(route.metadata.annotations).toEqual({ 'cdk8s-expose/exposure': 'vpc' });
    const row = JSON.parse(ExposureReport.fromApp(chart).toJson()).objects.find((o: any) => o.kind === 'UDPRoute');
    expect(row.scope).toBe('vpc');
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

  describe('isolates its pods as IngressFronted does (one NetworkPolicy builder)', () => {
    const props = { selectLabels: { app: 'sftp' }, ports: [{ port: 2222, targetPortName: 'sftp', name: 'sftp' }], gateway, metadata: { name: 'sftp', namespace: 'shop' } };

    test('proxyNamespaceLabels: only the Gateway\'s proxy (and allowFrom) reach the pods, on the target ports; allowTo restricts egress with DNS', () => {
      // GIVEN
      const chart = newChart();
      const partner = kplus.Pods.select(chart, 'Partner', { labels: { app: 'partner' } });
      // WHEN
      const sftp = new GatewayFronted(chart, 'Sftp', {
        ...props,
        proxyNamespaceLabels: { 'kubernetes.io/metadata.name': 'envoy-gateway-system' },
        proxyPodLabels: { 'gateway.envoyproxy.io/owning-gateway-name': 'public' },
        allowFrom: [partner],
      });
      sftp.allowTo(kplus.Pods.select(chart, 'Store', { labels: { app: 'store' } }), { ports: [9000] });
      // THEN
      const [policy] = ofKind(synth(chart), 'NetworkPolicy');
      expect(policy.metadata.namespace).toBe('shop');
      expect(policy.spec).toEqual({
        podSelector: { matchLabels: { app: 'sftp' } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{
          from: [
            { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'envoy-gateway-system' } }, podSelector: { matchLabels: { 'gateway.envoyproxy.io/owning-gateway-name': 'public' } } },
            { podSelector: { matchLabels: { app: 'partner' } } },
          ],
          ports: [{ protocol: 'TCP', port: 'sftp' }],
        }],
        egress: [
          { to: [{ podSelector: { matchLabels: { app: 'store' } } }], ports: [{ protocol: 'TCP', port: 9000 }] },
          {
            to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
            ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
          },
        ],
      });
    });

    test('no proxyNamespaceLabels: no NetworkPolicy; allowFrom and proxyPodLabels without it are refused', () => {
      const chart = newChart();
      new GatewayFronted(chart, 'Open', props);
      expect(ofKind(synth(chart), 'NetworkPolicy')).toEqual([]);
      const worker = kplus.Pods.select(chart, 'Worker', { labels: { app: 'worker' } });
      expect(() => new GatewayFronted(chart, 'A', { ...props, metadata: { name: 'a' }, gateway: { ...gateway, sectionName: 'a' }, allowFrom: [worker] }))
        .toThrow(/GatewayFronted 'test\/A': allowFrom isolates the Service's pods, which would cut off the Gateway's proxy too; pass proxyNamespaceLabels/);
      expect(() => new GatewayFronted(chart, 'B', { ...props, metadata: { name: 'b' }, gateway: { ...gateway, sectionName: 'b' }, proxyPodLabels: { app: 'envoy' } }))
        .toThrow(/GatewayFronted 'test\/B': proxyPodLabels is set but proxyNamespaceLabels is not/);
      expect(() => new GatewayFronted(chart, 'C', { ...props, metadata: { name: 'c' }, gateway: { ...gateway, sectionName: 'c' }, proxyNamespaceLabels: {} }))
        .toThrow(/GatewayFronted 'test\/C': proxyNamespaceLabels \{\} selects every namespace/);
      // A refused construct leaves nothing behind: its listener is free again.
      new GatewayFronted(chart, 'A', { ...props, metadata: { name: 'a' }, gateway: { ...gateway, sectionName: 'a' } });
    });

    test('the report shows the NetworkPolicy of its pods, and requireIsolation does not ask for more', () => {
      const chart = newChart();
      const pods = new kplus.Deployment(chart, 'Pods', { containers: [{ image: 'sftp', ports: [{ number: 2222, name: 'sftp' }] }] });
      new GatewayFronted(chart, 'Sftp', { ...props, selectLabels: undefined, selector: pods, proxyNamespaceLabels: { 'kubernetes.io/metadata.name': 'envoy-gateway-system' } });
      ExposurePolicy.apply(chart, { stage: Stage.PRODUCTION, requireIsolation: true });
      const rows = JSON.parse(ExposureReport.fromApp(chart).toJson()).objects;
      const policy = rows.find((o: any) => o.kind === 'NetworkPolicy');
      expect(policy.construct).toBe('test/Sftp');
      expect(policy.networkPolicy.admits).toEqual(['every pod in namespace envoy-gateway-system (sftp/TCP)']);
      expect(rows.flatMap((o: any) => o.findings).filter((f: any) => f.rule === 'internal-service-isolation')).toEqual([]);
    });
  });

  describe('claims its listener in the App', () => {
    const props = (name: string) => ({ selectLabels: { app: name }, ports: [{ port: 1883 }], metadata: { name, namespace: 'iot' } });

    test('a second TCP route on one listener is refused, naming both constructs, the prop, the listener and the fix', () => {
      // GIVEN
      const chart = newChart();
      new GatewayFronted(chart, 'Mqtt', { ...props('mqtt'), gateway });
      // WHEN / THEN
      expect(() => new GatewayFronted(chart, 'Mqtt2', { ...props('mqtt2'), gateway }))
        .toThrow("GatewayFronted 'test/Mqtt2': gateway: listener \"mqtt\" of Gateway \"gateway-system/public\" is already claimed by GatewayFronted 'test/Mqtt' in this App; "
          + "a TCP listener forwards every connection to one route's backends (Gateway API accepts one of two TCPRoutes on it), so give this one a listener of its own (another sectionName, on the Gateway or a ListenerSet), or send both to one route with weighted backends");
      // The refused construct leaves nothing behind: the id, the Service name and the listener can be used again.
      expect(chart.node.tryFindChild('Mqtt2')).toBeUndefined();
      new GatewayFronted(chart, 'Mqtt2', { ...props('mqtt2'), gateway: { ...gateway, sectionName: 'mqtt-2' } });
    });

    test('a UDP route and a TCP route, or two other listeners, do not collide; a route on every listener collides with any', () => {
      const chart = newChart();
      new GatewayFronted(chart, 'Mqtt', { ...props('mqtt'), gateway });
      new GatewayFronted(chart, 'Dns', { ...props('dns'), ports: [{ port: 53, protocol: kplus.Protocol.UDP }], gateway });
      new GatewayFronted(chart, 'Other', { ...props('other'), gateway: { ...gateway, name: 'internal' } });
      expect(() => new GatewayFronted(chart, 'Everywhere', { ...props('everywhere'), gateway: { name: 'public', namespace: 'gateway-system' } }))
        .toThrow(/GatewayFronted 'test\/Everywhere': gateway: every TCP listener of Gateway "gateway-system\/public" is already claimed by GatewayFronted 'test\/Mqtt'/);
      // In another App the same listener is free.
      new GatewayFronted(newChart(), 'Mqtt', { ...props('mqtt'), gateway });
    });

    test('a ListenerSet of the App: a sectionName and a port of one listener are one listener, naming both constructs', () => {
      // GIVEN
      const chart = newChart();
      const listeners = new ListenerSet(chart, 'Listeners', {
        gateway: { name: 'public', namespace: 'gateway-system' },
        listeners: [
          { name: 'https', hostname: 'iot.example.com' },
          { name: 'mqtt', protocol: ListenerProtocol.TCP, port: 1883 },
          { name: 'amqp', protocol: ListenerProtocol.TCP, port: 5672 },
        ],
        metadata: { name: 'iot', namespace: 'iot' },
      });
      new GatewayFronted(chart, 'Mqtt', { ...props('mqtt'), gateway: listeners.parentRef('mqtt') });
      // WHEN / THEN
      const byPort = { kind: ParentKind.LISTENER_SET, name: 'iot', namespace: 'iot', port: 1883 };
      expect(() => new GatewayFronted(chart, 'ByPort', { ...props('by-port'), gateway: byPort }))
        .toThrow("GatewayFronted 'test/ByPort': gateway: listener \"mqtt\" of ListenerSet \"iot/iot\" is already claimed by GatewayFronted 'test/Mqtt' in this App; ");
      // Without sectionName or port: every TCP listener (not the HTTPS one), mqtt among them.
      expect(() => new GatewayFronted(chart, 'Every', { ...props('every'), gateway: { kind: ParentKind.LISTENER_SET, name: 'iot', namespace: 'iot' } }))
        .toThrow(/GatewayFronted 'test\/Every': gateway: listener "mqtt" of ListenerSet "iot\/iot" is already claimed by GatewayFronted 'test\/Mqtt'/);
      // The other TCP listener, named by port, is free.
      new GatewayFronted(chart, 'Amqp', { ...props('amqp'), gateway: { ...byPort, port: 5672 } });
      expect(ofKind(synth(chart), 'TCPRoute')).toHaveLength(2);
    });

    test('TLS passthrough shares a listener by SNI host name: the same host name twice is refused', () => {
      const chart = newChart();
      const tls = { ...gateway, sectionName: 'tls' };
      new GatewayFronted(chart, 'Db', { ...props('db'), gateway: tls, passthroughHostnames: ['db.example.com'] });
      new GatewayFronted(chart, 'Mq', { ...props('mq'), gateway: tls, passthroughHostnames: ['mq.example.com'] });
      expect(() => new GatewayFronted(chart, 'Db2', { ...props('db2'), gateway: tls, passthroughHostnames: ['other.example.com', 'db.example.com'] }))
        .toThrow("GatewayFronted 'test/Db2': passthroughHostnames: SNI host \"db.example.com\" on listener \"tls\" of Gateway \"gateway-system/public\" (gateway) is already claimed by GatewayFronted 'test/Db' in this App; "
          + 'a TLS passthrough listener sends each host name to one TLSRoute, so give this one another host name, or a listener of its own (another sectionName)');
    });
  });
});
