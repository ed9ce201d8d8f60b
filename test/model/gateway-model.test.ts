import { ExposureScope } from '../../src';
import { RouteReach, attachments, gatewayExposure, gatewayNamed, hostsIntersect, isGatewayRoute, routeReach } from '../../src/model/gateway-model';
import { buildModel } from '../../src/model/model';
import { fromAll, gateway, http, https, httpRoute, svc } from '../gateway/manifests';
import { validateManifest } from '../util';
import { modelOf as modelOfManifests } from './helpers';

function modelOf(manifests: any[]) {
  manifests.forEach(validateManifest);
  return buildModel(manifests.map(manifest => ({ manifest, origin: {} })));
}

function route(model: ReturnType<typeof modelOf>, name: string) {
  const entry = model.entries.find(e => e.name === name);
  if (entry === undefined || !isGatewayRoute(entry)) throw new Error(`no route ${name}`);
  return entry;
}

describe('where a Gateway API route takes traffic from', () => {
  const gw = gateway('public', 'infra', [http({ allowedRoutes: fromAll }), https('shop.example.com', { allowedRoutes: fromAll })]);

  test('a route without parentRefs is attached to nothing and exposes nothing', () => {
    const model = modelOf([svc('web', 'shop'), httpRoute('orphan', 'shop', { parentRefs: [] })]);
    const orphan = route(model, 'orphan');
    expect(routeReach(model, orphan)).toBe(RouteReach.NOTHING);
    expect(orphan.exposure).toBe('cluster');
  });

  test('a route whose parents are a Service or a ServiceImport (GAMMA) is east-west traffic inside the cluster', () => {
    const mesh = httpRoute('mesh', 'shop', { parentRefs: [{ group: '', kind: 'Service', name: 'web' }] });
    const imported = httpRoute('imported', 'shop', { parentRefs: [{ group: 'multicluster.x-k8s.io', kind: 'ServiceImport', name: 'web' }] });
    const model = modelOf([svc('web', 'shop'), mesh, imported]);
    for (const name of ['mesh', 'imported']) {
      expect(routeReach(model, route(model, name))).toBe(RouteReach.MESH);
      expect(route(model, name).exposure).toBe('cluster');
    }
  });

  test('a route on a mesh Service and on a Gateway is as exposed as the Gateway', () => {
    const both = httpRoute('both', 'shop', { parentRefs: [{ group: '', kind: 'Service', name: 'web' }, { name: 'public', namespace: 'infra', sectionName: 'https' }], hostnames: ['shop.example.com'] });
    const model = modelOf([gw, svc('web', 'shop'), both]);
    expect(routeReach(model, route(model, 'both'))).toBe(RouteReach.GATEWAY);
    expect(route(model, 'both').exposure).toBe('internet');
  });

  test('a route that every listener refuses is attached to nothing (the refusal is route-not-allowed\'s finding)', () => {
    const sameOnly = gateway('private', 'infra', [http()]);
    const refused = httpRoute('refused', 'shop', { parentRefs: [{ name: 'private', namespace: 'infra' }] });
    const model = modelOf([sameOnly, svc('web', 'shop'), refused]);
    expect(routeReach(model, route(model, 'refused'))).toBe(RouteReach.NOTHING);
    expect(route(model, 'refused').exposure).toBe('cluster');
  });

  test('a Gateway that is not in the YAML is assumed to take the route (internet), even beside a known one that refuses it', () => {
    const sameOnly = gateway('private', 'infra', [http()]);
    const r = httpRoute('r', 'shop', { parentRefs: [{ name: 'private', namespace: 'infra' }, { name: 'elsewhere', namespace: 'infra' }] });
    const model = modelOf([sameOnly, svc('web', 'shop'), r]);
    expect(routeReach(model, route(model, 'r'))).toBe(RouteReach.GATEWAY);
    expect(route(model, 'r').exposure).toBe('internet');
  });
});

const GROUP = 'gateway.networking.k8s.io';
const gatewayManifest = (name: string, namespace: string, listeners: any[], annotations: Record<string, string> = {}) => ({
  apiVersion: `${GROUP}/v1`, kind: 'Gateway', metadata: { name, namespace, annotations }, spec: { gatewayClassName: 'eg', listeners },
});
const routeManifest = (name: string, parentRefs: any[], hostnames: string[] = []) => ({
  apiVersion: `${GROUP}/v1`,
  kind: 'HTTPRoute',
  metadata: { name, namespace: 'shop' },
  spec: { parentRefs, hostnames, rules: [{ backendRefs: [{ name: 'api', port: 80 }] }] },
});

describe('gateway model', () => {
  test('Gateways by kind and name; the first of two with one name', () => {
    const model = modelOfManifests(
      gatewayManifest('public', 'gateway-system', [{ name: 'https', port: 443, protocol: 'HTTPS', hostname: '*.example.com' }]),
      gatewayManifest('public', 'gateway-system', [{ name: 'http', port: 80, protocol: 'HTTP' }]),
    );
    expect(gatewayNamed(model, 'Gateway', 'gateway-system', 'public')?.listeners.map(l => l.name)).toEqual(['https']);
    expect(gatewayNamed(model, 'ListenerSet', 'gateway-system', 'public')).toBeUndefined();
    expect(gatewayNamed(model, 'Gateway', 'shop', 'public')).toBeUndefined();
  });

  test('a route attaches to the listeners its parentRef selects; a listener that admits only its own namespace refuses a route from another', () => {
    const model = modelOfManifests(
      gatewayManifest('public', 'gateway-system', [
        { name: 'https', port: 443, protocol: 'HTTPS', allowedRoutes: { namespaces: { from: 'All' } } },
        { name: 'admin', port: 8443, protocol: 'HTTPS' },
      ]),
      routeManifest('api', [{ name: 'public', namespace: 'gateway-system', sectionName: 'https' }, { name: 'public', namespace: 'gateway-system', sectionName: 'admin' }]),
      routeManifest('lost', [{ name: 'missing', namespace: 'gateway-system' }]),
    );
    const [api, lost] = model.entries.filter(isGatewayRoute);
    const attached = attachments(model, api);
    expect(attached.map(a => [a.listener?.name, a.refused === undefined])).toEqual([['https', true], ['admin', false]]);
    expect(attached[1].refused).toBe('listener "admin" accepts routes only from its own namespace "gateway-system" (allowedRoutes.namespaces.from: Same)');
    expect(attachments(model, lost)).toEqual([{ parentRef: expect.objectContaining({ name: 'missing' }) }]);
  });

  test('a Gateway is reached from the internet unless it says it is internal', () => {
    const model = modelOfManifests(
      gatewayManifest('public', 'gateway-system', [{ name: 'http', port: 80, protocol: 'HTTP' }]),
      gatewayManifest('internal', 'gateway-system', [{ name: 'http', port: 80, protocol: 'HTTP' }], { 'cdk8s-expose/exposure': 'vpc' }),
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
