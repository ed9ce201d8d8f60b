import { App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import * as src from '../../src';
import {
  BackendCa, BackendTlsPolicy, DefaultDenyPolicy, DevService, ExposeErrors, ExternalAlias, GatewayFronted, GrpcRoute, HttpRoute, IngressFronted,
  InternalService, ListenerProtocol, ListenerSet, PublicService, ReferenceGrant, RouteBackend, SharedIngress, SourceRanges, TcpRoute, TlsRoute,
  TrafficPolicy, UdpRoute,
} from '../../src';
import { publicClasses } from '../public-api';
import { synthApp } from '../util';

const gateway = { name: 'public', namespace: 'gateway-system' };
const web = { selectLabels: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] };
const fronted = { ...web, host: 'shop.example.com', metadata: { name: 'shop' }, proxyNamespaceLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } };

/**
 * One construct built well, and refused with props that fail late (after its children and its
 * claims exist, and in a subclass after `super()` where there is one). The good build uses the
 * same id, names, node ports, routes and listeners, so a refusal that kept any of them fails it.
 */
interface RefusalCase {
  /** The class name, as src/index.ts exports it. */
  readonly construct: string;
  readonly variant?: string;
  /** Objects the construct builds on, in the same chart. */
  readonly given?: (chart: Chart) => any;
  readonly good: (chart: Chart, given: any) => void;
  readonly bad: (chart: Chart, given: any) => void;
  readonly refusal: RegExp;
}

const cases: RefusalCase[] = [
  {
    construct: 'InternalService',
    good: chart => new InternalService(chart, 'X', { ...web, metadata: { name: 'api' }, allowFrom: [] }),
    bad: chart => new InternalService(chart, 'X', { ...web, metadata: { name: 'api' }, allowFrom: 'web' as any }),
    refusal: /InternalService 'test\/X': allowFrom "web" must be a list of peers/,
  },
  {
    construct: 'DevService',
    good: chart => new DevService(chart, 'X', { ...web, ports: [{ port: 80, nodePort: 30080 }], metadata: { name: 'api' } }),
    bad: chart => new DevService(chart, 'X', { ...web, ports: [{ port: 80, nodePort: 30080 }], metadata: { name: 'api' }, externalTrafficPolicy: 'Nowhere' as any }),
    refusal: /DevService 'test\/X': externalTrafficPolicy "Nowhere"/,
  },
  {
    construct: 'PublicService',
    good: chart => new PublicService(chart, 'X', {
      ...web, metadata: { name: 'api' }, sourceRanges: SourceRanges.anywhere(), externalTrafficPolicy: TrafficPolicy.LOCAL, healthCheckNodePort: 30081,
    }),
    bad: chart => new PublicService(chart, 'X', {
      ...web,
      metadata: { name: 'api' },
      sourceRanges: SourceRanges.anywhere(),
      externalTrafficPolicy: TrafficPolicy.LOCAL,
      healthCheckNodePort: 30081,
      allocateLoadBalancerNodePorts: 'yes' as any,
    }),
    refusal: /PublicService 'test\/X': allocateLoadBalancerNodePorts "yes" must be true or false/,
  },
  {
    construct: 'ExternalAlias',
    good: chart => new ExternalAlias(chart, 'X', { externalName: 'db.example.com', metadata: { name: 'db' } }),
    bad: chart => new ExternalAlias(chart, 'X', { externalName: 'https://db.example.com', metadata: { name: 'db' } }),
    refusal: /ExternalAlias 'test\/X': externalName "https:\/\/db.example.com" is a URL/,
  },
  {
    construct: 'IngressFronted',
    variant: 'its own Ingress',
    good: chart => new IngressFronted(chart, 'X', { ...fronted, allowFrom: [] }),
    bad: chart => new IngressFronted(chart, 'X', { ...fronted, allowFrom: ['web' as any] }),
    refusal: /IngressFronted 'test\/X': allowFrom/,
  },
  {
    construct: 'IngressFronted',
    variant: 'a SharedIngress',
    given: chart => new SharedIngress(chart, 'Shared'),
    good: (chart, shared) => new IngressFronted(chart, 'X', { ...fronted, sharedIngress: shared, allowFrom: [] }),
    bad: (chart, shared) => new IngressFronted(chart, 'X', { ...fronted, sharedIngress: shared, allowFrom: ['web' as any] }),
    refusal: /IngressFronted 'test\/X': allowFrom/,
  },
  {
    construct: 'IngressFronted',
    variant: 'a Gateway',
    good: chart => new IngressFronted(chart, 'X', { ...fronted, gateway, allowFrom: [] }),
    bad: chart => new IngressFronted(chart, 'X', { ...fronted, gateway, allowFrom: ['web' as any] }),
    refusal: /IngressFronted 'test\/X': allowFrom/,
  },
  {
    construct: 'GatewayFronted',
    good: chart => new GatewayFronted(chart, 'X', { ...web, ports: [{ port: 1883 }], gateway: { ...gateway, sectionName: 'mqtt' }, metadata: { name: 'mqtt' } }),
    bad: chart => new GatewayFronted(chart, 'X', { ...web, ports: [{ port: 1883 }], gateway: { ...gateway, sectionName: 'mqtt' }, metadata: { name: 'mqtt' }, backendPort: 9999 }),
    refusal: /GatewayFronted 'test\/X': backendPort 9999/,
  },
  {
    construct: 'HttpRoute',
    good: chart => new HttpRoute(chart, 'X', { parents: [gateway], hostnames: ['shop.example.com'], rules: [{ backends: [RouteBackend.fromServiceName('shop', 80)] }] }),
    bad: chart => new HttpRoute(chart, 'X', {
      parents: [gateway], hostnames: ['shop.example.com'], rules: [{ backends: [RouteBackend.fromServiceName('shop', 80)] }, { backends: [] }],
    }),
    refusal: /HttpRoute 'test\/X': rules\[1\]\.backends \[\] must list at least one RouteBackend|HttpRoute 'test\/X': rules\[1\]/,
  },
  {
    construct: 'GrpcRoute',
    good: chart => new GrpcRoute(chart, 'X', { parents: [gateway], hostnames: ['grpc.example.com'], rules: [{ backends: [RouteBackend.fromServiceName('greeter', 50051)] }] }),
    bad: chart => new GrpcRoute(chart, 'X', {
      parents: [gateway], hostnames: ['grpc.example.com'], rules: [{ backends: [RouteBackend.fromServiceName('greeter', 50051)] }, { backends: [] }],
    }),
    refusal: /GrpcRoute 'test\/X': rules\[1\]/,
  },
  {
    construct: 'TlsRoute',
    good: chart => new TlsRoute(chart, 'X', { parents: [{ ...gateway, sectionName: 'tls' }], hostnames: ['db.example.com'], backends: [RouteBackend.fromServiceName('db', 5432)] }),
    bad: chart => new TlsRoute(chart, 'X', { parents: [{ ...gateway, sectionName: 'tls' }], hostnames: ['Not A Host'], backends: [RouteBackend.fromServiceName('db', 5432)] }),
    refusal: /TlsRoute 'test\/X': hostnames\[0\] "Not A Host"/,
  },
  {
    construct: 'TcpRoute',
    good: chart => new TcpRoute(chart, 'X', { parents: [{ ...gateway, sectionName: 'mqtt' }], backends: [RouteBackend.fromServiceName('mqtt', 1883)] }),
    bad: chart => new TcpRoute(chart, 'X', { parents: [{ ...gateway, sectionName: 'mqtt' }], backends: [] }),
    refusal: /TcpRoute 'test\/X': props\.backends \[\] must list at least one RouteBackend/,
  },
  {
    construct: 'UdpRoute',
    good: chart => new UdpRoute(chart, 'X', { parents: [{ ...gateway, sectionName: 'dns' }], backends: [RouteBackend.fromServiceName('dns', 53)] }),
    bad: chart => new UdpRoute(chart, 'X', { parents: [{ ...gateway, sectionName: 'dns' }], backends: [] }),
    refusal: /UdpRoute 'test\/X': props\.backends \[\] must list at least one RouteBackend/,
  },
  {
    construct: 'ListenerSet',
    good: chart => new ListenerSet(chart, 'X', { gateway, metadata: { namespace: 'shop' }, listeners: [{ name: 'shop', hostname: 'shop.example.com' }] }),
    bad: chart => new ListenerSet(chart, 'X', {
      gateway, metadata: { namespace: 'shop' }, listeners: [{ name: 'shop', hostname: 'shop.example.com' }, { name: 'mqtt', protocol: ListenerProtocol.TCP, port: 0 }],
    }),
    refusal: /ListenerSet 'test\/X': listeners\[1\]/,
  },
  {
    construct: 'SharedIngress',
    good: chart => new SharedIngress(chart, 'X', { metadata: { name: 'shared', namespace: 'shop' } }).routeToService({ serviceName: 'legacy', port: 80, host: 'old.example.com' }),
    bad: chart => new SharedIngress(chart, 'X', { metadata: { name: 'shared', namespace: 'Shop_Floor' } }),
    refusal: /SharedIngress 'test\/X': metadata\.namespace "Shop_Floor"/,
  },
  {
    construct: 'ReferenceGrant',
    good: chart => new ReferenceGrant(chart, 'X', { metadata: { namespace: 'db' }, from: [{ kind: 'HTTPRoute', namespace: 'shop' }], to: [{ name: 'db' }] }),
    bad: chart => new ReferenceGrant(chart, 'X', { metadata: { namespace: 'db' }, from: [{ kind: 'HTTPRoute', namespace: 'shop' }], to: [{ name: 'db' }, { kind: 'not a kind' }] }),
    refusal: /ReferenceGrant 'test\/X': to\.kind "not a kind"/,
  },
  {
    construct: 'BackendTlsPolicy',
    given: chart => new InternalService(chart, 'Api', { selectLabels: { app: 'api' }, ports: [{ port: 443, name: 'https' }], metadata: { name: 'api', namespace: 'shop' } }),
    good: (chart, api) => new BackendTlsPolicy(chart, 'X', { service: api, portName: 'https', hostname: 'api.shop.svc.cluster.local', ca: BackendCa.system() }),
    bad: (chart, api) => new BackendTlsPolicy(chart, 'X', { service: api, portName: 'grpc', hostname: 'api.shop.svc.cluster.local', ca: BackendCa.system() }),
    refusal: /BackendTlsPolicy 'test\/X': portName "grpc" is not the name of a port of the Service/,
  },
  {
    construct: 'DefaultDenyPolicy',
    good: chart => new DefaultDenyPolicy(chart, 'X', { namespace: 'shop', egress: false }),
    bad: chart => new DefaultDenyPolicy(chart, 'X', { namespace: 'shop', egress: false, dnsEgress: src.DnsEgress.none() }),
    refusal: /DefaultDenyPolicy 'test\/X': dnsEgress is set but egress is false/,
  },
];

/** The App's YAML (every manifest also checked against the Kubernetes schema). */
function yamlOf(app: App): any[] {
  return synthApp(app);
}

describe('a refused construct leaves nothing behind', () => {
  test.each(cases.map(c => [c.variant ? `${c.construct} (${c.variant})` : c.construct, c] as const))('%s: refuse, catch, retry with the same id: the YAML of a clean build', (_, c) => {
    // GIVEN a clean build
    const cleanApp = Testing.app();
    const clean = new Chart(cleanApp, 'test');
    c.good(clean, c.given?.(clean));
    const expected = yamlOf(cleanApp);

    // WHEN the same construct is first refused, caught, and built again with the same id
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    const given = c.given?.(chart);
    let caught: unknown;
    try {
      c.bad(chart, given);
    } catch (e) {
      caught = e;
    }

    // THEN the refusal is the library's, the id is free, and the YAML is the clean build's
    expect(caught).toBeDefined();
    expect((caught as Error).message).toMatch(c.refusal);
    expect(ExposeErrors.isValidationError(caught)).toBe(true);
    expect(chart.node.tryFindChild('X')).toBeUndefined();
    c.good(chart, given);
    expect(yamlOf(app)).toEqual(expected);
  });

  test('every construct the library exports has a case', () => {
    const constructs = publicClasses()
      .filter(c => c.publicConstructor)
      .map(c => c.name)
      .filter(name => (src as any)[name].prototype instanceof Construct && !((src as any)[name].prototype instanceof App));
    expect(constructs.length).toBeGreaterThan(10);
    expect([...new Set(cases.map(c => c.construct))].sort()).toEqual(constructs.sort());
  });
});
