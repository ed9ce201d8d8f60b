import { modelOf } from './helpers';
import { ExposureScope } from '../../src';
import { attachments, gatewayExposure, gatewayNamed, hostsIntersect, isGatewayRoute } from '../../src/model/gateway-model';

const GROUP = 'gateway.networking.k8s.io';
const gateway = (name: string, namespace: string, listeners: any[], annotations: Record<string, string> = {}) => ({
  apiVersion: `${GROUP}/v1`, kind: 'Gateway', metadata: { name, namespace, annotations }, spec: { gatewayClassName: 'eg', listeners },
});
const route = (name: string, parentRefs: any[], hostnames: string[] = []) => ({
  apiVersion: `${GROUP}/v1`,
  kind: 'HTTPRoute',
  metadata: { name, namespace: 'shop' },
  spec: { parentRefs, hostnames, rules: [{ backendRefs: [{ name: 'api', port: 80 }] }] },
});

describe('gateway model', () => {
  test('Gateways by kind and name; the first of two with one name', () => {
    const model = modelOf(
      gateway('public', 'gateway-system', [{ name: 'https', port: 443, protocol: 'HTTPS', hostname: '*.example.com' }]),
      gateway('public', 'gateway-system', [{ name: 'http', port: 80, protocol: 'HTTP' }]),
    );
    expect(gatewayNamed(model, 'Gateway', 'gateway-system', 'public')?.listeners.map(l => l.name)).toEqual(['https']);
    expect(gatewayNamed(model, 'ListenerSet', 'gateway-system', 'public')).toBeUndefined();
    expect(gatewayNamed(model, 'Gateway', 'shop', 'public')).toBeUndefined();
  });

  test('a route attaches to the listeners its parentRef selects; a listener that admits only its own namespace refuses a route from another', () => {
    const model = modelOf(
      gateway('public', 'gateway-system', [
        { name: 'https', port: 443, protocol: 'HTTPS', allowedRoutes: { namespaces: { from: 'All' } } },
        { name: 'admin', port: 8443, protocol: 'HTTPS' },
      ]),
      route('api', [{ name: 'public', namespace: 'gateway-system', sectionName: 'https' }, { name: 'public', namespace: 'gateway-system', sectionName: 'admin' }]),
      route('lost', [{ name: 'missing', namespace: 'gateway-system' }]),
    );
    const [api, lost] = model.entries.filter(isGatewayRoute);
    const attached = attachments(model, api);
    expect(attached.map(a => [a.listener?.name, a.refused === undefined])).toEqual([['https', true], ['admin', false]]);
    expect(attached[1].refused).toBe('listener "admin" accepts routes only from its own namespace "gateway-system" (allowedRoutes.namespaces.from: Same)');
    expect(attachments(model, lost)).toEqual([{ parentRef: expect.objectContaining({ name: 'missing' }) }]);
  });

  test('a Gateway is reached from the internet unless it says it is internal', () => {
    const model = modelOf(
      gateway('public', 'gateway-system', [{ name: 'http', port: 80, protocol: 'HTTP' }]),
      gateway('internal', 'gateway-system', [{ name: 'http', port: 80, protocol: 'HTTP' }], { 'cdk8s-expose/exposure': 'vpc' }),
    );
    expect(gatewayExposure(model, gatewayNamed(model, 'Gateway', 'gateway-system', 'public')!)).toBe(ExposureScope.INTERNET);
    expect(gatewayExposure(model, gatewayNamed(model, 'Gateway', 'gateway-system', 'internal')!)).toBe(ExposureScope.VPC);
  });

  test('host names intersect as Gateway API matches them', () => {
    expect(hostsIntersect('shop.example.com', '*.example.com')).toBe(true);
    expect(hostsIntersect('shop.example.com', undefined)).toBe(true);
    expect(hostsIntersect('shop.example.org', '*.example.com')).toBe(false);
    expect(hostsIntersect('*.example.com', 'shop.example.com')).toBe(true);
  });
});
