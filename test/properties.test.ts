import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as fc from 'fast-check';
import { DevService, ExposedPort, ExternalAlias, IngressFronted, InternalService, PublicService, SessionAffinity, SourceRanges } from '../src';
import { anyPort } from './arbitraries';
import { newChart, synth } from './util';
import { ExposureScope } from '../src/exposure-scope';
import { buildModel, serviceExposure } from '../src/model/model';
import { evaluate, isBlocking } from '../src/policy/engine';

/**
 * Property tests: whatever ports and names a user passes, each construct either throws a clear
 * error (naming the construct, its path and the prop) or synthesizes YAML that passes the
 * Kubernetes schema and the API server's Service rules, which the schema alone does not check.
 */

// Thrown at once, or reported by cdk8s validation at synth ("[path] Kind 'path': ...").
const CLEAR_ERROR = /(^|\] )(InternalService|DevService|PublicService|ExternalAlias|IngressFronted) 'test\/[^']+': \S/m;

/** The API server's Service port rules, written independently of the library's checks. */
function assertApiServerAccepts(spec: any) {
  const ports: any[] = spec.ports ?? [];
  const names = new Set<string>();
  const keys = new Set<string>();
  const nodeKeys = new Set<string>();
  for (const p of ports) {
    expect(Number.isInteger(p.port) && p.port >= 1 && p.port <= 65535).toBe(true);
    expect(['TCP', 'UDP', 'SCTP']).toContain(p.protocol);
    if (typeof p.targetPort === 'number') expect(p.targetPort >= 1 && p.targetPort <= 65535).toBe(true);
    if (typeof p.targetPort === 'string') {
      expect(p.targetPort).toMatch(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/);
      expect(p.targetPort.length).toBeLessThanOrEqual(15);
      expect(p.targetPort).toMatch(/[a-z]/);
      expect(p.targetPort).not.toContain('--');
    }
    if (ports.length > 1) expect(typeof p.name).toBe('string');
    if (p.name !== undefined) {
      expect(p.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
      expect(p.name.length).toBeLessThanOrEqual(63);
      expect(names.has(p.name)).toBe(false);
      names.add(p.name);
    }
    const key = `${p.protocol}/${p.port}`;
    expect(keys.has(key)).toBe(false);
    keys.add(key);
    if (p.nodePort !== undefined) {
      expect(['NodePort', 'LoadBalancer']).toContain(spec.type);
      expect(p.nodePort >= 30000 && p.nodePort <= 32767).toBe(true);
      const nodeKey = `${p.protocol}/${p.nodePort}`;
      expect(nodeKeys.has(nodeKey)).toBe(false);
      nodeKeys.add(nodeKey);
    }
    if (p.appProtocol !== undefined) expect(['http', 'kubernetes.io/h2c']).toContain(p.appProtocol);
  }
  if (spec.type !== 'ExternalName' && spec.clusterIP !== 'None') expect(ports.length).toBeGreaterThan(0);
}

/** The widest exposure each construct may produce, and what it must never emit. */
const WIDEST: Record<string, ExposureScope> = {
  InternalService: ExposureScope.CLUSTER,
  IngressFronted: ExposureScope.CLUSTER, // the Service itself; the Ingress is the only way in
  DevService: ExposureScope.NODE,
  PublicService: ExposureScope.INTERNET,
  ExternalAlias: ExposureScope.EXTERNAL_DNS,
};

function assertNoWiderThanType(kind: string, manifests: any[]) {
  for (const m of manifests.filter(x => x.kind === 'Service')) {
    expect(serviceExposure(m.spec.type, m.metadata.annotations ?? {})).toBe(WIDEST[kind]);
    expect(m.spec.externalIPs ?? []).toEqual([]);
    if (kind === 'ExternalAlias') expect(m.spec.selector).toBeUndefined();
    if (kind !== 'DevService' && kind !== 'PublicService') {
      expect((m.spec.ports ?? []).every((p: any) => p.nodePort === undefined)).toBe(true);
    }
  }
  const ingresses = manifests.filter(x => x.kind === 'Ingress');
  expect(ingresses.length).toBe(kind === 'IngressFronted' ? 1 : 0);
}

type Maker = (chart: any, ports: ExposedPort[]) => void;
const makers: Record<string, Maker> = {
  InternalService: (chart, ports) => new InternalService(chart, 'Svc', { selector: kplus.Pods.select(chart, 'P', { labels: { app: 'a' } }), ports }),
  DevService: (chart, ports) => new DevService(chart, 'Svc', { selector: kplus.Pods.select(chart, 'P', { labels: { app: 'a' } }), ports }),
  PublicService: (chart, ports) => new PublicService(chart, 'Svc', { selector: kplus.Pods.select(chart, 'P', { labels: { app: 'a' } }), ports, sourceRanges: SourceRanges.anywhere() }),
  ExternalAlias: (chart, ports) => new ExternalAlias(chart, 'Svc', { externalName: 'db.example.com', ports }),
  IngressFronted: (chart, ports) => new IngressFronted(chart, 'Svc', { selector: kplus.Pods.select(chart, 'P', { labels: { app: 'a' } }), ports, host: 'a.example.com', backendPort: ports[0]?.port }),
};

describe('properties', () => {
  test.each(Object.keys(makers))('%s: any ports give a clear error or valid YAML', (kind) => {
    let accepted = 0;
    fc.assert(fc.property(fc.array(anyPort, { minLength: 0, maxLength: 4 }), (ports) => {
      const chart = newChart();
      let manifests: any[];
      try {
        makers[kind](chart, ports);
        manifests = synth(chart);
      } catch (e) {
        expect((e as Error).message).toMatch(CLEAR_ERROR);
        return;
      }
      accepted++;
      for (const m of manifests.filter(x => x.kind === 'Service')) assertApiServerAccepts(m.spec);
      assertNoWiderThanType(kind, manifests);
      // The library's own rules accept what the library produced (no stage declared).
      const blocking = evaluate(buildModel(manifests.map(manifest => ({ manifest, origin: {} })))).filter(isBlocking);
      expect(blocking).toEqual([]);
    }), { numRuns: 300, seed: 42 });
    // The generators must reach both branches, or the property proves nothing.
    expect(accepted).toBeGreaterThan(0);
  });

  test('a valid single port is always accepted by every construct', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 1, max: 65535 }), (port, targetPort) => {
      for (const kind of Object.keys(makers)) {
        const chart = newChart();
        const ports = kind === 'ExternalAlias' ? [{ port }] : [{ port, targetPort }];
        makers[kind](chart, ports);
        const [service] = synth(chart).filter(m => m.kind === 'Service');
        assertApiServerAccepts(service.spec);
        expect(service.spec.ports[0].port).toBe(port);
      }
    }), { numRuns: 100, seed: 7 });
  });

  test('any Service name gives a clear error or a DNS-1035 name', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 70 }), fc.stringMatching(/^[a-z][-a-z0-9]{0,70}$/)), (name) => {
      const chart = newChart();
      try {
        new InternalService(chart, 'Svc', { selector: kplus.Pods.select(chart, 'P', { labels: { app: 'a' } }), ports: [{ port: 80 }], metadata: { name } });
      } catch (e) {
        expect((e as Error).message).toMatch(/^InternalService 'test\/Svc': metadata.name /);
        return;
      }
      const [service] = synth(chart).filter(m => m.kind === 'Service');
      expect(service.metadata.name).toMatch(/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/);
    }), { numRuns: 300, seed: 3 });
  });

  test('any external name gives a clear error or a DNS-1123 subdomain', () => {
    const hostish = fc.oneof(fc.domain(), fc.ipV4(), fc.ipV6(), fc.webUrl(), fc.string({ maxLength: 30 }));
    fc.assert(fc.property(hostish, (externalName) => {
      const chart = newChart();
      try {
        new ExternalAlias(chart, 'Db', { externalName });
      } catch (e) {
        expect((e as Error).message).toMatch(/^ExternalAlias 'test\/Db': externalName /);
        return;
      }
      const [service] = synth(chart);
      const name = service.spec.externalName.replace(/\.$/, '');
      expect(name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/);
      expect(name.length).toBeLessThanOrEqual(253);
    }), { numRuns: 300, seed: 5 });
  });
});

describe('properties over the other props', () => {
  test('InternalService: headless, affinity and isolation never widen exposure', () => {
    fc.assert(fc.property(
      fc.boolean(), fc.option(fc.integer({ min: 0, max: 100000 }), { nil: undefined }), fc.boolean(),
      (headless, timeout, isolate) => {
        const chart = newChart();
        const pods = kplus.Pods.select(chart, 'P', { labels: { app: 'a' } });
        try {
          new InternalService(chart, 'Svc', {
            selector: pods,
            headless,
            ports: headless ? undefined : [{ port: 80 }],
            sessionAffinity: timeout === undefined ? undefined : SessionAffinity.CLIENT_IP,
            sessionAffinityTimeout: timeout === undefined ? undefined : Duration.seconds(timeout),
            allowFrom: isolate ? [kplus.Pods.select(chart, 'Peer', { labels: { app: 'b' } })] : undefined,
          });
        } catch (e) {
          expect((e as Error).message).toMatch(CLEAR_ERROR);
          return;
        }
        const manifests = synth(chart);
        assertNoWiderThanType('InternalService', manifests);
        const [svc] = manifests.filter(m => m.kind === 'Service');
        if (timeout !== undefined) expect(svc.spec.sessionAffinityConfig.clientIP.timeoutSeconds).toBe(timeout);
        expect(manifests.filter(m => m.kind === 'NetworkPolicy').length).toBe(isolate ? 1 : 0);
      }), { numRuns: 200, seed: 11 });
  });

  test('PublicService: any source ranges give a clear error or exactly those ranges', () => {
    const cidr = fc.oneof(
      fc.tuple(fc.ipV4(), fc.integer({ min: -1, max: 40 })).map(([ip, n]) => `${ip}/${n}`),
      fc.tuple(fc.ipV6(), fc.integer({ min: 0, max: 130 })).map(([ip, n]) => `${ip}/${n}`),
      fc.constantFrom('10.0.0.0/8', '192.168.0.0/16', '2001:db8::/32', '0.0.0.0/0', 'not-a-cidr'),
    );
    fc.assert(fc.property(fc.array(cidr, { maxLength: 4 }), (cidrs) => {
      let ranges: SourceRanges;
      try {
        ranges = SourceRanges.cidrs(cidrs);
      } catch (e) {
        expect((e as Error).message).toMatch(/^SourceRanges.cidrs: /);
        return;
      }
      const chart = newChart();
      new PublicService(chart, 'Svc', { selector: kplus.Pods.select(chart, 'P', { labels: { app: 'a' } }), ports: [{ port: 443 }], sourceRanges: ranges });
      const [svc] = synth(chart);
      expect(svc.spec.loadBalancerSourceRanges).toEqual(cidrs);
      expect(cidrs.every(c => !c.endsWith('/0'))).toBe(true);
    }), { numRuns: 300, seed: 13 });
  });
});
