import * as v8 from 'v8';
import * as vm from 'vm';
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { IngressFronted, SharedIngress } from '../src';
import { ofKind, synthApp } from './util';

// V8's own answer to "do these two objects share a hidden class?", enabled for this file.
v8.setFlagsFromString('--allow-natives-syntax');
const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;

/** Two objects built the same way, key by key, with a key no code has added to `{}` before. */
function twoFreshObjects(key: string): [object, object] {
  const make = () => {
    const o: Record<string, number> = {};
    o[key] = 1;
    return o;
  };
  return [make(), make()];
}

const HOSTS = 2_000; // more than the 1,536 transitions V8 keeps on one map

describe('the Ingress rule table (kplus-ingress.ts)', () => {
  test('IngressFronted and SharedIngress give cdk8s-plus-28 a null-prototype host table', () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    const shared = new SharedIngress(chart, 'Edge');
    const api = new IngressFronted(chart, 'Api', { selector: kplus.Pods.select(chart, 'ApiPods', { labels: { app: 'api' } }), ports: [{ port: 80 }], host: 'api.example.com' });
    new IngressFronted(chart, 'Web', { selector: kplus.Pods.select(chart, 'WebPods', { labels: { app: 'web' } }), ports: [{ port: 80 }], host: 'web.example.com', sharedIngress: shared });
    for (const ingress of [api.ingress!, shared.ingress]) {
      // If cdk8s-plus renames or reshapes this private field, the workaround no longer applies.
      const table = (ingress as unknown as { _rulesPerHost: object })._rulesPerHost;
      expect(Object.getPrototypeOf(table)).toBeNull();
    }
    // The rules still render (the host table is what cdk8s-plus reads them from).
    const ingresses = ofKind(synthApp(app), 'Ingress');
    expect(ingresses.map(i => i.spec.rules.map((r: any) => r.host)).sort()).toEqual([['api.example.com'], ['web.example.com']]);
  });

  test(`${HOSTS} IngressFronted with distinct hosts leave V8's shared empty-object map usable`, () => {
    const app = new App();
    let chart!: Chart;
    for (let i = 0; i < HOSTS; i++) {
      if (i % 500 === 0) chart = new Chart(app, `c${i}`);
      new IngressFronted(chart, `s${i}`, { selector: kplus.Pods.select(chart, `p${i}`, { labels: { app: `a${i}` } }), ports: [{ port: 80 }], host: `app-${i}.example.com` });
    }
    const [a, b] = twoFreshObjects('keyAddedAfterTheIngresses');
    expect(haveSameMap(a, b)).toBe(true);
    expect(app.node.findAll().length).toBeGreaterThan(HOSTS); // the App is still alive here
  });

  test('control: host-keyed plain objects do fill the map, so the check above can fail', () => {
    // In a context of its own, so that this file's context is not the one filled.
    const result = vm.runInNewContext(`
      const keep = [];
      for (let i = 0; i < ${HOSTS}; i++) { const table = {}; table['app-' + i + '.example.com'] = [i]; keep.push(table); }
      const make = () => { const o = {}; o.keyAddedAfterTheTables = 1; return o; };
      haveSameMap(make(), make());
    `, { haveSameMap });
    expect(result).toBe(false);
  });
});
