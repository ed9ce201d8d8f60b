import { Chart, Testing } from 'cdk8s';
import * as src from '../src';
import {
  BackendCa, DnsEgress, ExposeErrors, ExposurePolicy, ExposureReport, ExposureDiff, HttpRouteFilter, IngressController, IngressTls,
  LoadBalancerProfile, RouteBackend, SourceRanges,
} from '../src';
import { publicClasses } from './public-api';

/**
 * Every public factory and constructor, called with bad input: the refusal is the library's one
 * error type. The list of calls is read from the source (test/public-api.ts), so a new factory
 * or construct without a case here fails the last test.
 */
const chart = (): Chart => new Chart(Testing.app(), 'test');

/** `Class.factory` or `new Class` → a call with bad input and the message it must give. */
const refusals: Record<string, [() => unknown, RegExp]> = {
  // Factories.
  'SourceRanges.cidrs': [() => SourceRanges.cidrs(['10.0.0.0/33']), /SourceRanges\.cidrs: /],
  'IngressTls.fromSecret': [() => IngressTls.fromSecret('BAD_NAME'), /IngressTls\.fromSecret: secretName "BAD_NAME"/],
  'IngressTls.certManager': [() => IngressTls.certManager({}), /IngressTls\.certManager: give exactly one of clusterIssuer/],
  'DnsEgress.toPeers': [() => DnsEgress.toPeers([]), /DnsEgress\.toPeers: /],
  'LoadBalancerProfile.awsNlb': [() => LoadBalancerProfile.awsNlb({ scheme: 'x' as any }), /LoadBalancerProfile\.awsNlb: scheme is required/],
  'LoadBalancerProfile.gcp': [() => LoadBalancerProfile.gcp({ scheme: 'x' as any }), /LoadBalancerProfile\.gcp: scheme is required/],
  'LoadBalancerProfile.azure': [() => LoadBalancerProfile.azure({ scheme: 'x' as any }), /LoadBalancerProfile\.azure: scheme is required/],
  'LoadBalancerProfile.digitalOcean': [() => LoadBalancerProfile.digitalOcean({ scheme: 'x' as any } as any), /LoadBalancerProfile\.digitalOcean: /],
  'LoadBalancerProfile.generic': [() => LoadBalancerProfile.generic({ scheme: 'x' as any }), /LoadBalancerProfile\.generic: scheme is required/],
  'IngressController.nginx': [() => IngressController.nginx({ className: 'Bad Class' }), /IngressController\.nginx: /],
  'IngressController.awsAlb': [() => IngressController.awsAlb({ scheme: 'x' as any }), /IngressController\.awsAlb: scheme is required/],
  'IngressController.gce': [() => IngressController.gce({ scheme: 'x' as any }), /IngressController\.gce: scheme is required/],
  'IngressController.traefik': [() => IngressController.traefik({ className: 'Bad Class' }), /IngressController\.traefik: /],
  'IngressController.generic': [() => IngressController.generic({ className: 'Bad Class' } as any), /IngressController\.generic: /],
  'ExposurePolicy.apply': [() => ExposurePolicy.apply(chart(), { stage: 'prod' as any }), /stage "prod"|"prod"/],
  'ExposurePolicy.parseStage': [() => ExposurePolicy.parseStage('prod', 'the option --stage'), /the option --stage is "prod"; it must be one of development, staging, production/],
  'ExposurePolicy.stageFromEnvironment': [() => withStageVariable('prod', () => ExposurePolicy.stageFromEnvironment()), /The environment variable CDK8S_EXPOSE_STAGE is "prod"/],
  'ExposurePolicy.stageOf': [() => ExposurePolicy.stageOf('chart' as any), /ExposurePolicy\.stageOf: scope "chart" is not a construct/],
  'ExposurePolicy.requiresIsolation': [() => ExposurePolicy.requiresIsolation(undefined as any), /ExposurePolicy\.requiresIsolation: scope undefined is not a construct/],
  'ExposureReport.fromApp': [() => ExposureReport.fromApp({} as any), /ExposureReport\.fromApp: scope \{\} is not a construct/],
  'ExposureReport.fromManifests': [() => ExposureReport.fromManifests('kind: Service' as any), /ExposureReport\.fromManifests: manifests "kind: Service" must be a list of objects/],
  'ExposureReport.writeForApp': [() => ExposureReport.writeForApp(chart() as any), /ExposureReport\.writeForApp: app '.*' is not a cdk8s App/],
  'ExposureDiff.between': [() => ExposureDiff.between({} as any, {} as any), /ExposureDiff\.between: before \{\} is not an ExposureReport/],
  'RouteBackend.fromService': [() => RouteBackend.fromService({} as any), /RouteBackend\.fromService: /],
  'RouteBackend.fromServiceName': [() => RouteBackend.fromServiceName('Bad_Name', 80), /RouteBackend\.fromServiceName: /],
  'HttpRouteFilter.redirect': [() => HttpRouteFilter.redirect({ statusCode: 999 } as any), /HttpRouteFilter\.redirect: /],
  'HttpRouteFilter.httpsRedirect': [() => HttpRouteFilter.httpsRedirect({ statusCode: 999 }), /HttpRouteFilter\.redirect: statusCode 999/],
  'HttpRouteFilter.urlRewrite': [() => HttpRouteFilter.urlRewrite({} as any), /HttpRouteFilter\.urlRewrite: /],
  'HttpRouteFilter.requestHeaders': [() => HttpRouteFilter.requestHeaders({ set: { 'bad header': 'x' } }), /HttpRouteFilter\.requestHeaders: /],
  'HttpRouteFilter.responseHeaders': [() => HttpRouteFilter.responseHeaders({ set: { 'bad header': 'x' } }), /HttpRouteFilter\.responseHeaders: /],
  'HttpRouteFilter.cors': [() => HttpRouteFilter.cors({ allowOrigins: [] }), /HttpRouteFilter\.cors: /],
  'HttpRouteFilter.requestMirror': [() => HttpRouteFilter.requestMirror({} as any), /HttpRouteFilter\.requestMirror: /],
  'HttpRouteFilter.extensionRef': [() => HttpRouteFilter.extensionRef({ group: 'example.com', kind: 'Filter', name: 'Bad Name' }), /HttpRouteFilter\.extensionRef: /],
  'BackendCa.fromConfigMaps': [() => BackendCa.fromConfigMaps([]), /BackendCa\.fromConfigMaps: names \[\] must list 1 to 8 ConfigMaps/],
  // Constructors (test/internal/refusal.test.ts refuses each construct late, and retries it).
  'new DefaultDenyPolicy': [() => new src.DefaultDenyPolicy(chart(), 'X', { ingress: false, egress: false }), /DefaultDenyPolicy 'test\/X': ingress and egress are both false/],
  'new InternalService': [() => new src.InternalService(chart(), 'X', { selectLabels: { app: 'x' }, ports: [{ port: 0 }] }), /InternalService 'test\/X': ports\[0\]/],
  'new DevService': [() => new src.DevService(chart(), 'X', { selectLabels: { app: 'x' }, ports: [{ port: 80, nodePort: 80 }] }), /DevService 'test\/X': ports\[0\]\.nodePort 80 is outside 30000-32767/],
  'new PublicService': [() => new src.PublicService(chart(), 'X', { selectLabels: { app: 'x' }, ports: [{ port: 80 }] } as any), /PublicService 'test\/X': sourceRanges is required/],
  'new ExternalAlias': [() => new src.ExternalAlias(chart(), 'X', { externalName: '10.0.0.1' }), /ExternalAlias 'test\/X': externalName "10.0.0.1" is an IP address/],
  'new IngressFronted': [() => new src.IngressFronted(chart(), 'X', { selectLabels: { app: 'x' }, ports: [{ port: 80 }], host: 'Bad Host' }), /IngressFronted 'test\/X': host "Bad Host"/],
  'new SharedIngress': [() => new src.SharedIngress(chart(), 'X', { controller: 'nginx' as any }), /SharedIngress 'test\/X': controller "nginx" is not an IngressController/],
  'new ExposureApp': [() => new src.ExposureApp('dist' as any), /ExposureApp: props "dist" must be an object/],
  'new ExposureValidation': [() => new src.ExposureValidation({ stageFor: 'production' as any }), /ExposureValidation: the property stageFor "production" must map path patterns to stages/],
  'new HttpRoute': [() => new src.HttpRoute(chart(), 'X', { parents: [] }), /HttpRoute 'test\/X': parents/],
  'new ReferenceGrant': [() => new src.ReferenceGrant(chart(), 'X', { from: [] }), /ReferenceGrant 'test\/X': from \[\] must list 1 to 16 referrers/],
  'new GrpcRoute': [() => new src.GrpcRoute(chart(), 'X', { parents: [] }), /GrpcRoute 'test\/X': parents/],
  'new TlsRoute': [() => new src.TlsRoute(chart(), 'X', { parents: [{ name: 'public' }], hostnames: [], backends: [RouteBackend.fromServiceName('db', 5432)] }), /TlsRoute 'test\/X': hostnames/],
  'new TcpRoute': [() => new src.TcpRoute(chart(), 'X', { parents: [{ name: 'public' }], backends: [] }), /TcpRoute 'test\/X': props\.backends \[\]/],
  'new UdpRoute': [() => new src.UdpRoute(chart(), 'X', { parents: [{ name: 'public' }], backends: [] }), /UdpRoute 'test\/X': props\.backends \[\]/],
  'new GatewayFronted': [() => new src.GatewayFronted(chart(), 'X', { selectLabels: { app: 'x' }, ports: [{ port: 1883 }] } as any), /GatewayFronted 'test\/X': gateway/],
  'new ListenerSet': [() => new src.ListenerSet(chart(), 'X', { gateway: { name: 'public', sectionName: 'https' } }), /ListenerSet 'test\/X': gateway\.sectionName does not apply/],
  'new BackendTlsPolicy': [() => new src.BackendTlsPolicy(chart(), 'X', { hostname: 'a.example.com', ca: BackendCa.system() } as any), /BackendTlsPolicy 'test\/X': give exactly one of service/],
};

/** Calls that take no input (or any value), so there is nothing to refuse. */
const noInput = new Set([
  'SourceRanges.anywhere', 'IngressTls.fromController', 'IngressTls.disabled', 'DnsEgress.kubeDns', 'DnsEgress.none', 'BackendCa.system',
  'ExposeErrors.isValidationError',
]);

function withStageVariable<T>(value: string, run: () => T): T {
  const before = process.env.CDK8S_EXPOSE_STAGE;
  process.env.CDK8S_EXPOSE_STAGE = value;
  try {
    return run();
  } finally {
    if (before === undefined) delete process.env.CDK8S_EXPOSE_STAGE; else process.env.CDK8S_EXPOSE_STAGE = before;
  }
}

describe('ExposeErrors', () => {
  test.each(Object.entries(refusals))('%s with bad input throws the library\'s ValidationError', (_, [call, message]) => {
    let caught: unknown;
    try {
      call();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(Error);
    expect((caught as Error).message).toMatch(message);
    expect(ExposeErrors.isValidationError(caught)).toBe(true);
  });

  test('every public factory and constructor has a case', () => {
    const calls = publicClasses().flatMap(c => [...(c.publicConstructor ? [`new ${c.name}`] : []), ...c.factories.map(f => `${c.name}.${f}`)]);
    expect(calls.length).toBeGreaterThan(50);
    expect(calls.filter(call => !noInput.has(call)).sort()).toEqual(Object.keys(refusals).sort());
  });

  test('isValidationError is false for other errors and values', () => {
    expect(ExposeErrors.isValidationError(new Error('x'))).toBe(false);
    expect(ExposeErrors.isValidationError(undefined)).toBe(false);
    expect(ExposeErrors.isValidationError({ name: 'ValidationError' })).toBe(false);
  });
});

