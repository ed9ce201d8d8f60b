import { GATEWAY_KINDS, gatewaySchemaProblems } from './crd-schema';

const route = (spec: any) => ({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r' }, spec });

describe('the Gateway API CRD schema check used by every test', () => {
  test('knows every standard-channel kind at v1', () => {
    expect(GATEWAY_KINDS.sort()).toEqual([
      'BackendTLSPolicy', 'GRPCRoute', 'Gateway', 'HTTPRoute', 'ListenerSet', 'ReferenceGrant', 'TCPRoute', 'TLSRoute', 'UDPRoute',
    ].map(k => `gateway.networking.k8s.io/v1/${k}`).sort());
  });

  test('accepts a valid route', () => {
    expect(gatewaySchemaProblems(route({ parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'a', port: 80 }] }] }))).toEqual([]);
  });

  test.each([
    [route({ parentRefs: [{}] }), /\.spec\.parentRefs\[0\]: name is required/],
    [route({ parentRefs: [{ name: 'gw', colour: 'red' }] }), /\.spec\.parentRefs\[0\]\.colour: unknown field/],
    [route({ hostnames: ['Bad_Host'] }), /\.spec\.hostnames\[0\]: "Bad_Host" does not match/],
    [route({ rules: [{ backendRefs: [{ name: 'a', port: 70000 }] }] }), /port: above 65535/],
    [route({ rules: [{ matches: [{ method: 'FETCH' }] }] }), /"FETCH" is not one of GET/],
    [route({ rules: [{ backendRefs: [{ name: 'a', port: '80' }] }] }), /port: must be an integer/],
    [route({ rules: Array.from({ length: 17 }, () => ({})) }), /\.spec\.rules: more than 16 items/],
    [{ ...route({}), metadata: { name: 'Bad' } }, /metadata.name "Bad" is not a DNS-1123 subdomain/],
    [{ ...route({}), apiVersion: 'gateway.networking.k8s.io/v1alpha2', kind: 'TCPRoute' }, /no Gateway API schema for gateway.networking.k8s.io\/v1alpha2\/TCPRoute/],
  ])('refuses %#', (manifest, message) => {
    expect(gatewaySchemaProblems(manifest).join('; ')).toMatch(message);
  });
});
