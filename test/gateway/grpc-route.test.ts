import { GrpcRoute, HttpRouteFilter, InternalService, RouteBackend, ValueMatchType } from '../../src';
import { newChart, ofKind, synth } from '../util';

const gateway = { name: 'public', namespace: 'gateway-system', sectionName: 'https' };

describe('GrpcRoute', () => {
  test('matches on service, method and metadata, with header filters and weights', () => {
    // GIVEN
    const chart = newChart();
    const greeter = new InternalService(chart, 'Greeter', { selectLabels: { app: 'greeter' }, ports: [{ port: 50051, appProtocol: 'kubernetes.io/h2c' }], metadata: { name: 'greeter' } });
    // WHEN
    const route = new GrpcRoute(chart, 'Route', { parents: [gateway], hostnames: ['grpc.example.com'] });
    route.addRule({
      name: 'say-hello',
      matches: [{ service: 'helloworld.Greeter', method: 'SayHello', headers: [{ name: 'x-tenant', value: 'a' }] }, { service: 'helloworld\\..*', type: ValueMatchType.REGULAR_EXPRESSION }],
      filters: [HttpRouteFilter.requestHeaders({ set: { 'x-gateway': 'public' } })],
      backends: [RouteBackend.fromService(greeter, { weight: 95 }), RouteBackend.fromServiceName('greeter-next', 50051, { weight: 5 })],
    });
    // THEN
    const [grpc] = ofKind(synth(chart), 'GRPCRoute');
    expect(grpc.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(grpc.spec.hostnames).toEqual(['grpc.example.com']);
    expect(grpc.spec.rules).toEqual([{
      name: 'say-hello',
      matches: [
        { method: { service: 'helloworld.Greeter', method: 'SayHello' }, headers: [{ name: 'x-tenant', value: 'a' }] },
        { method: { type: 'RegularExpression', service: 'helloworld\\..*' } },
      ],
      filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-gateway', value: 'public' }] } }],
      backendRefs: [{ name: 'greeter', port: 50051, weight: 95 }, { name: 'greeter-next', port: 50051, weight: 5 }],
    }]);
  });

  test.each([
    [{ rules: [{ matches: [{ service: 'hello world' }], backends: [RouteBackend.fromServiceName('a', 1)] }] }, /GrpcRoute 'test\/Route': rules\[0\].matches\[0\].service "hello world" is not a gRPC service name/],
    [{ rules: [{ matches: [{ method: 'Say-Hello' }], backends: [RouteBackend.fromServiceName('a', 1)] }] }, /method "Say-Hello" is not a gRPC method name/],
    [{ rules: [{ matches: [{ type: ValueMatchType.EXACT }], backends: [RouteBackend.fromServiceName('a', 1)] }] }, /type is set but neither service nor method is/],
    [{ rules: [{ filters: [HttpRouteFilter.httpsRedirect()], backends: [RouteBackend.fromServiceName('a', 1)] }] }, /filters\[0\] \(RequestRedirect\) does not apply to gRPC/],
    [{ rules: [{ backends: [] }] }, /rules\[0\].backends \[\] must list at least one RouteBackend/],
  ])('refuses %#', (props: any, message) => {
    const chart = newChart();
    expect(() => new GrpcRoute(chart, 'Route', { parents: [gateway], ...props })).toThrow(message);
  });

  test('mirrors calls and references an implementation\'s filter, as HTTPRoutes do', () => {
    const chart = newChart();
    new GrpcRoute(chart, 'Route', {
      parents: [gateway],
      rules: [{
        filters: [HttpRouteFilter.requestMirror(RouteBackend.fromServiceName('greeter-shadow', 50051), { percent: 1 }), HttpRouteFilter.extensionRef({ group: 'example.com', kind: 'GrpcFilter', name: 'auth' })],
        backends: [RouteBackend.fromServiceName('greeter', 50051)],
      }],
    });
    const [grpc] = ofKind(synth(chart), 'GRPCRoute');
    expect(grpc.spec.rules[0].filters).toEqual([
      { type: 'RequestMirror', requestMirror: { backendRef: { name: 'greeter-shadow', port: 50051 }, percent: 1 } },
      { type: 'ExtensionRef', extensionRef: { group: 'example.com', kind: 'GrpcFilter', name: 'auth' } },
    ]);
  });

  test('a route without rules fails at synth', () => {
    const chart = newChart();
    new GrpcRoute(chart, 'Route', { parents: [gateway] });
    expect(() => synth(chart)).toThrow(/GrpcRoute 'test\/Route': rules is empty/);
  });
});
