import { ApiObject, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { DnsEgress, InternalService, ExposureScope, SessionAffinity, TrafficPolicy, IpFamily, IpFamilyPolicy } from '../src';
import { newChart, ofKind, synth, theService } from './util';

describe('InternalService', () => {
  test('renders a ClusterIP Service with the contract from the design', () => {
    // GIVEN
    const chart = newChart();
    const backend = kplus.Pods.select(chart, 'BackendPods', { labels: { app: 'backend' } });
    // WHEN
    const svc = new InternalService(chart, 'Backend', { selector: backend, ports: [{ port: 8080, targetPort: 3000 }], metadata: { name: 'backend-service' } });
    // THEN
    const manifests = synth(chart);
    expect(manifests).toMatchSnapshot();
    const s = theService(manifests);
    expect(s.metadata.name).toBe('backend-service');
    expect(s.spec).toEqual({
      externalIPs: [],
      type: 'ClusterIP',
      selector: { app: 'backend' },
      ports: [{ port: 8080, targetPort: 3000, protocol: 'TCP' }],
    });
    expect(svc.exposure).toBe(ExposureScope.CLUSTER);
    expect(svc.service).toBeInstanceOf(kplus.Service);
    expect(ApiObject.of(svc.service).kind).toBe('Service');
  });

  test('writes no external IPs (cdk8s-plus-28\'s empty list)', () => {
    const chart = newChart();
    new InternalService(chart, 'A', { selector: kplus.Pods.select(chart, 'P', { labels: { app: 'a' } }), ports: [{ port: 80 }] });
    expect(theService(synth(chart)).spec.externalIPs).toEqual([]);
  });

  test('defaults targetPort to port, explicitly', () => {
    const chart = newChart();
    new InternalService(chart, 'A', { selector: kplus.Pods.select(chart, 'P', { labels: { app: 'a' } }), ports: [{ port: 80 }] });
    expect(theService(synth(chart)).spec.ports).toEqual([{ port: 80, targetPort: 80, protocol: 'TCP' }]);
  });

  test('headless without ports renders clusterIP None and no ports', () => {
    const chart = newChart();
    new InternalService(chart, 'Db', { selector: kplus.Pods.select(chart, 'P', { labels: { app: 'db' } }), headless: true });
    const s = theService(synth(chart));
    expect(s.spec.clusterIP).toBe('None');
    expect(s.spec.ports).toBeUndefined();
  });

  test('named targetPort and appProtocol', () => {
    const chart = newChart();
    new InternalService(chart, 'A', {
      selector: kplus.Pods.select(chart, 'P', { labels: { app: 'a' } }),
      ports: [{ port: 80, targetPortName: 'http', name: 'http', appProtocol: 'http' }, { port: 9090, targetPortName: 'metrics', name: 'metrics' }],
    });
    expect(theService(synth(chart)).spec.ports).toEqual([
      { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP', appProtocol: 'http' },
      { name: 'metrics', port: 9090, targetPort: 'metrics', protocol: 'TCP' },
    ]);
  });

  test('session affinity, timeout, publishNotReadyAddresses, internalTrafficPolicy, ip families', () => {
    const chart = newChart();
    new InternalService(chart, 'A', {
      selector: kplus.Pods.select(chart, 'P', { labels: { app: 'a' } }),
      ports: [{ port: 80 }],
      sessionAffinity: SessionAffinity.CLIENT_IP,
      sessionAffinityTimeout: Duration.minutes(30),
      publishNotReadyAddresses: true,
      internalTrafficPolicy: TrafficPolicy.LOCAL,
      ipFamilies: [IpFamily.IPV6, IpFamily.IPV4],
      ipFamilyPolicy: IpFamilyPolicy.PREFER_DUAL_STACK,
    });
    const spec = theService(synth(chart)).spec;
    expect(spec.sessionAffinity).toBe('ClientIP');
    expect(spec.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 1800 } });
    expect(spec.publishNotReadyAddresses).toBe(true);
    expect(spec.internalTrafficPolicy).toBe('Local');
    expect(spec.ipFamilies).toEqual(['IPv6', 'IPv4']);
    expect(spec.ipFamilyPolicy).toBe('PreferDualStack');
  });

  test('takes ports from a Deployment selector, as exposeViaService does', () => {
    const chart = newChart();
    const deployment = new kplus.Deployment(chart, 'WebDeployment', {
      containers: [{ image: 'nginx', ports: [{ number: 8080, name: 'http' }, { number: 9090, name: 'metrics' }], securityContext: { ensureNonRoot: false } }],
    });
    const svc = new InternalService(chart, 'Web', { selector: deployment });
    const s = theService(synth(chart));
    expect(s.spec.ports).toEqual([
      { name: 'http', port: 8080, targetPort: 8080, protocol: 'TCP' },
      { name: 'metrics', port: 9090, targetPort: 9090, protocol: 'TCP' },
    ]);
    expect(s.spec.selector).toEqual(svc.selectorLabels);
    expect(Object.keys(s.spec.selector)).toContain('cdk8s.io/metadata.addr');
  });

  test('addPort after construction takes effect', () => {
    const chart = newChart();
    const svc = new InternalService(chart, 'A', { selector: kplus.Pods.select(chart, 'P', { labels: { app: 'a' } }), ports: [{ port: 80, name: 'http' }] });
    svc.addPort({ port: 443, name: 'https' });
    expect(theService(synth(chart)).spec.ports.map((p: any) => p.port)).toEqual([80, 443]);
  });

  test('the escape hatch bind() and selectLabel() go through the same checks and reach the YAML', () => {
    const chart = newChart();
    const svc = new InternalService(chart, 'A', { selector: kplus.Pods.select(chart, 'P', { labels: { app: 'a' } }), ports: [{ port: 80, name: 'http' }] });
    svc.service.bind(8443, { name: 'alt' });
    svc.service.selectLabel('tier', 'web');
    const s = theService(synth(chart));
    expect(s.spec.ports.map((p: any) => p.port)).toEqual([80, 8443]);
    expect(s.spec.selector).toEqual({ app: 'a', tier: 'web' });
    expect(() => svc.service.bind(80, { name: 'again' })).toThrow(/repeats TCP port 80/);
  });

  describe('refuses', () => {
    const make = (props: any) => {
      const chart = newChart();
      return () => new InternalService(chart, 'Svc', { selector: kplus.Pods.select(chart, 'P', { labels: { app: 'a' } }), ...props });
    };
    test('a nodePort, naming the construct and the fix', () => {
      expect(make({ ports: [{ port: 80, nodePort: 30080 }] })).toThrow(/^InternalService 'test\/Svc': ports\[0\]\.nodePort 30080 does not apply here; .*DevService/);
    });
    test('a port out of range', () => {
      expect(make({ ports: [{ port: 0 }] })).toThrow(/ports\[0\]\.port 0 is not a port number; use a whole number from 1 to 65535/);
      expect(make({ ports: [{ port: 65536 }] })).toThrow(/ports\[0\]\.port 65536/);
      expect(make({ ports: [{ port: 80.5 }] })).toThrow(/ports\[0\]\.port 80\.5/);
    });
    test('a targetPort out of range', () => {
      expect(make({ ports: [{ port: 80, targetPort: 70000 }] })).toThrow(/targetPort 70000 is not a port number/);
    });
    test('both targetPort and targetPortName', () => {
      expect(make({ ports: [{ port: 80, targetPort: 8080, targetPortName: 'http' }] })).toThrow(/has both targetPort 8080 and targetPortName "http"; give only one/);
    });
    test('a targetPortName that is not an IANA service name', () => {
      expect(make({ ports: [{ port: 80, targetPortName: 'http-metrics-long' }] })).toThrow(/targetPortName "http-metrics-long" must be at most 15 characters/);
      expect(make({ ports: [{ port: 80, targetPortName: '8080' }] })).toThrow(/must contain at least one letter/);
      expect(make({ ports: [{ port: 80, targetPortName: 'a--b' }] })).toThrow(/must not contain "--"/);
      expect(make({ ports: [{ port: 80, targetPortName: 'Http' }] })).toThrow(/only lower-case letters/);
    });
    test('several ports without names', () => {
      expect(make({ ports: [{ port: 80 }, { port: 443 }] })).toThrow(/ports \[0\], \[1\] have no name; when a Service has more than one port every port needs a unique name/);
    });
    test('duplicate names, duplicate protocol and port', () => {
      expect(make({ ports: [{ port: 80, name: 'a' }, { port: 81, name: 'a' }] })).toThrow(/ports\[1\]\.name "a" is already used by ports\[0\]/);
      expect(make({ ports: [{ port: 80, name: 'a' }, { port: 80, name: 'b' }] })).toThrow(/ports\[1\] repeats TCP port 80 of ports\[0\]/);
    });
    test('the same port on TCP and UDP is fine', () => {
      expect(make({ ports: [{ port: 53, name: 'dns-tcp' }, { port: 53, name: 'dns-udp', protocol: kplus.Protocol.UDP }] })).not.toThrow();
    });
    test('a port name that is not a DNS-1123 label', () => {
      expect(make({ ports: [{ port: 80, name: 'HTTP' }] })).toThrow(/ports\[0\]\.name "HTTP" must be a DNS-1123 label/);
    });
    test('an invalid appProtocol', () => {
      expect(make({ ports: [{ port: 80, appProtocol: 'not a protocol' }] })).toThrow(/appProtocol "not a protocol"/);
    });
    test('a Service name that is not a DNS-1035 label', () => {
      expect(make({ ports: [{ port: 80 }], metadata: { name: '1backend' } })).toThrow(/metadata.name "1backend" must be a DNS-1035 label/);
      expect(make({ ports: [{ port: 80 }], metadata: { name: 'my.service' } })).toThrow(/metadata.name "my.service"/);
    });
    test('a namespace that is not a DNS-1123 label', () => {
      expect(make({ ports: [{ port: 80 }], metadata: { namespace: 'My_NS' } })).toThrow(/metadata.namespace "My_NS" must be a DNS-1123 label/);
    });
    test('an affinity timeout without ClientIP, or out of range', () => {
      expect(make({ ports: [{ port: 80 }], sessionAffinityTimeout: Duration.hours(1) })).toThrow(/sessionAffinityTimeout is set but sessionAffinity is "None \(the default\)"/);
      expect(make({ ports: [{ port: 80 }], sessionAffinity: SessionAffinity.CLIENT_IP, sessionAffinityTimeout: Duration.days(2) })).toThrow(/sessionAffinityTimeout 172800s is outside 1-86400 seconds/);
    });
    test('two IP families on a single stack', () => {
      expect(make({ ports: [{ port: 80 }], ipFamilies: [IpFamily.IPV4, IpFamily.IPV6] })).toThrow(/set ipFamilyPolicy to IpFamilyPolicy.PREFER_DUAL_STACK/);
      expect(make({ ports: [{ port: 80 }], ipFamilies: [IpFamily.IPV4, IpFamily.IPV4], ipFamilyPolicy: IpFamilyPolicy.REQUIRE_DUAL_STACK })).toThrow(/must list one or two distinct families/);
    });
    test('a selector with label expressions', () => {
      const chart = newChart();
      const pods = kplus.Pods.select(chart, 'P', { expressions: [kplus.LabelExpression.exists('app')] });
      expect(() => new InternalService(chart, 'Svc', { selector: pods, ports: [{ port: 80 }] })).toThrow(/selector uses label expressions .* which a Service cannot use/);
    });
    test('a selector without labels', () => {
      const chart = newChart();
      const pods = kplus.Pods.select(chart, 'P', { labels: {} });
      expect(() => new InternalService(chart, 'Svc', { selector: pods, ports: [{ port: 80 }] })).toThrow(/selector selects no labels/);
    });
    test('no ports on a Service that is not headless, at synth', () => {
      const chart = newChart();
      new InternalService(chart, 'Svc', { selector: kplus.Pods.select(chart, 'P', { labels: { app: 'a' } }) });
      expect(() => synth(chart)).toThrow(/InternalService 'test\/Svc': ports is empty/);
    });
  });
});

describe('InternalService allowFrom', () => {
  test('emits a NetworkPolicy for the same pods, admitting only the peers on the target ports', () => {
    // GIVEN
    const chart = newChart();
    const api = new kplus.Deployment(chart, 'Api', { containers: [{ image: 'api', ports: [{ number: 8000 }] }] });
    // WHEN
    const db = new InternalService(chart, 'Db', {
      selector: kplus.Pods.select(chart, 'DbPods', { labels: { app: 'db' } }),
      ports: [{ port: 5432, name: 'pg' }, { port: 9187, targetPortName: 'metrics', name: 'metrics' }],
      allowFrom: [api],
      metadata: { namespace: 'data' },
    });
    db.allowFrom(kplus.Pods.select(chart, 'Monitoring', { labels: { app: 'prometheus' }, namespaces: kplus.Namespaces.select(chart, 'MonNs', { names: ['monitoring'] }) }));
    // THEN
    const manifests = synth(chart);
    const [policy] = manifests.filter(m => m.kind === 'NetworkPolicy');
    expect(policy.metadata.namespace).toBe('data');
    expect(policy.spec).toEqual({
      podSelector: { matchLabels: { app: 'db' } },
      policyTypes: ['Ingress'],
      ingress: [{
        from: [
          { podSelector: { matchLabels: { 'cdk8s.io/metadata.addr': expect.any(String) } } },
          { podSelector: { matchLabels: { app: 'prometheus' } }, namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['monitoring'] }] } },
        ],
        ports: [{ port: 5432, protocol: 'TCP' }, { port: 'metrics', protocol: 'TCP' }],
      }],
    });
    expect(manifests.filter(m => m.kind === 'NetworkPolicy')).toMatchSnapshot();
  });

  test('no NetworkPolicy without allowFrom', () => {
    const chart = newChart();
    new InternalService(chart, 'Db', { selector: kplus.Pods.select(chart, 'DbPods', { labels: { app: 'db' } }), ports: [{ port: 5432 }] });
    expect(synth(chart).filter(m => m.kind === 'NetworkPolicy')).toEqual([]);
  });

  test('refuses something that is not a peer', () => {
    const chart = newChart();
    const db = new InternalService(chart, 'Db', { selector: kplus.Pods.select(chart, 'DbPods', { labels: { app: 'db' } }), ports: [{ port: 5432 }] });
    expect(() => db.allowFrom({} as any)).toThrow(/InternalService 'test\/Db': allowFrom received \{\}; pass a workload/);
  });
});

describe('InternalService allowTo', () => {
  test('restricts egress to the peers (ports per peer) and always admits DNS to kube-dns', () => {
    // GIVEN
    const chart = newChart();
    const db = kplus.Pods.select(chart, 'DbPods', { labels: { app: 'db' } });
    // WHEN
    const api = new InternalService(chart, 'Api', { selectLabels: { app: 'api' }, ports: [{ port: 80, targetPort: 8000 }], allowTo: [kplus.NetworkPolicyIpBlock.ipv4(chart, 'Partner', '198.51.100.0/24')] });
    api.allowTo(db, { ports: [5432] });
    api.allowTo(kplus.Pods.select(chart, 'Dns', { labels: { app: 'resolver' } }), { ports: [53], protocol: kplus.Protocol.UDP });
    // THEN
    const [policy] = ofKind(synth(chart), 'NetworkPolicy');
    expect(policy.spec).toEqual({
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Egress'],
      egress: [
        { to: [{ ipBlock: { cidr: '198.51.100.0/24' } }] },
        { to: [{ podSelector: { matchLabels: { app: 'db' } } }], ports: [{ protocol: 'TCP', port: 5432 }] },
        { to: [{ podSelector: { matchLabels: { app: 'resolver' } } }], ports: [{ protocol: 'UDP', port: 53 }] },
        {
          to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
          ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
        },
      ],
    });
  });

  test('with allowFrom: one NetworkPolicy for both directions', () => {
    const chart = newChart();
    const api = new InternalService(chart, 'Api', { selectLabels: { app: 'api' }, ports: [{ port: 80 }], allowFrom: [kplus.Pods.select(chart, 'Web', { labels: { app: 'web' } })] });
    api.allowTo(kplus.Pods.select(chart, 'Db', { labels: { app: 'db' } }));
    const policies = ofKind(synth(chart), 'NetworkPolicy');
    expect(policies).toHaveLength(1);
    expect(policies[0].spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(policies[0].spec.ingress).toEqual([{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ protocol: 'TCP', port: 80 }] }]);
  });

  test('allowTo: [] allows DNS only', () => {
    const chart = newChart();
    new InternalService(chart, 'Api', { selectLabels: { app: 'api' }, ports: [{ port: 80 }], allowTo: [] });
    const [policy] = ofKind(synth(chart), 'NetworkPolicy');
    expect(policy.spec.egress).toHaveLength(1);
    expect(policy.spec.egress[0].ports).toEqual([{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }]);
  });

  test('bad peers, ports, protocols and DNS say what and how to fix it', () => {
    const chart = newChart();
    const api = new InternalService(chart, 'Api', { selectLabels: { app: 'api' }, ports: [{ port: 80 }] });
    const db = kplus.Pods.select(chart, 'Db', { labels: { app: 'db' } });
    expect(() => api.allowTo({} as any)).toThrow(/InternalService 'test\/Api': allowTo received \{\}; pass a workload/);
    expect(() => api.allowTo(db, { ports: [0] })).toThrow(/InternalService 'test\/Api': allowTo ports\[0\] 0 must be a whole number from 1 to 65535/);
    expect(() => api.allowTo(db, { ports: [] })).toThrow(/allowTo ports \[\] must be a non-empty list of port numbers such as \[5432\]; omit it for every port/);
    expect(() => api.allowTo(db, { ports: [80, 80] })).toThrow(/allowTo ports \[80,80\] lists a port twice/);
    expect(() => api.allowTo(db, { protocol: 'HTTP' as any })).toThrow(/allowTo protocol "HTTP" is not one of kplus.Protocol.TCP/);
    expect(() => new InternalService(chart, 'B', { selectLabels: { app: 'b' }, ports: [{ port: 80 }], allowTo: db as any })).toThrow(/InternalService 'test\/B': allowTo .* must be a list of peers/);
    expect(() => new InternalService(chart, 'C', { selectLabels: { app: 'c' }, ports: [{ port: 80 }], allowTo: [{} as any] })).toThrow(/InternalService 'test\/C': allowTo\[0\] received \{\}/);
    expect(() => new InternalService(chart, 'D', { selectLabels: { app: 'd' }, ports: [{ port: 80 }], dnsEgress: DnsEgress.kubeDns() })).toThrow(/InternalService 'test\/D': dnsEgress is set but allowTo is not/);
    expect(() => new InternalService(chart, 'E', { selectLabels: { app: 'e' }, ports: [{ port: 80 }], allowTo: [], dnsEgress: {} as any })).toThrow(/InternalService 'test\/E': dnsEgress \{\} is not a DnsEgress/);
  });
});

describe('InternalService.addPort', () => {
  test('a refused port is named as the call that gave it, not by a list index the user never wrote', () => {
    // GIVEN
    const chart = newChart();
    const svc = new InternalService(chart, 'Api', { selectLabels: { app: 'api' }, ports: [{ port: 80 }] });

    // WHEN / THEN
    expect(() => svc.addPort({ port: 81, name: 'alt', nodePort: 30081 }))
      .toThrow(/InternalService 'test\/Api': addPort\(\{ port: 81 \}\)\.nodePort 30081 does not apply here/);
  });
});
