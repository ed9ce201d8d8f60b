import { RouteReach, isGatewayRoute, routeReach } from '../../src/model/gateway-model';
import { buildModel } from '../../src/model/model';
import { fromAll, gateway, http, https, httpRoute, svc } from '../gateway/manifests';
import { validateManifest } from '../util';

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
