/**
 * Writes the API server harness's cases (test/apiserver/run.sh runs it): the example app's
 * manifests, and the property tests' generators run through every construct. What a
 * construct accepts must be accepted by the server ("accept"); for what it refuses, the
 * manifest the same input would have given is sent too ("refuse", with the library's reason),
 * and the server's verdict is counted: refused by both, or refused by the library only.
 *
 * Usage: ts-node test/apiserver/cases.ts <out-dir>
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { buildApp } from '../../examples/main';
import {
  DevService, ExposedPort, ExternalAlias, GatewayFronted, IngressController, IngressFronted, IngressTls, InternalService, LoadBalancerProfile,
  LoadBalancerScheme, PublicService, SharedIngress, SourceRanges,
} from '../../src';
import { anyPort, enumish, labelKey, labels, labelValue } from '../arbitraries';

const outDir = process.argv[2];
if (!outDir) throw new Error('usage: cases.ts <out-dir>');
fs.mkdirSync(outDir, { recursive: true });

interface Case { id: string; expect: 'accept' | 'refuse'; reason?: string; manifest: any }
const out: Record<string, Case[]> = {};
const add = (file: string, c: Case) => { (out[file] = out[file] ?? []).push(c); };

// The example app, as `npm run example` writes it.
{
  const app = buildApp(fs.mkdtempSync(path.join(os.tmpdir(), 'expose-example-')));
  for (const doc of parseAllDocuments(app.synthYaml())) {
    const manifest = doc.toJS();
    if (manifest) add('example', { id: `example: ${manifest.kind} ${manifest.metadata?.namespace}/${manifest.metadata?.name}`, expect: 'accept', manifest });
  }
}

/** The Service type each construct writes. */
const TYPES: Record<string, string> = {
  InternalService: 'ClusterIP', DevService: 'NodePort', PublicService: 'LoadBalancer', ExternalAlias: 'ExternalName', IngressFronted: 'ClusterIP',
};

/** The manifest a refused input would have given, written the way the library writes one. */
function rawService(kind: string, id: string, ports: ExposedPort[], extra: { metadata?: any; spec?: any } = {}): any {
  const type = TYPES[kind];
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: id, namespace: 'props', ...extra.metadata },
    spec: {
      type,
      ...(type === 'ExternalName' ? { externalName: 'db.example.com' } : { selector: { app: 'a' } }),
      ...(type === 'LoadBalancer' ? { allocateLoadBalancerNodePorts: true } : {}),
      ports: ports.map(p => ({
        name: p?.name,
        port: p?.port,
        protocol: p?.protocol ?? 'TCP',
        appProtocol: p?.appProtocol,
        nodePort: p?.nodePort,
        targetPort: type === 'ExternalName' ? undefined : p?.targetPortName ?? p?.targetPort ?? p?.port,
      })),
      ...extra.spec,
    },
  };
}

/** The library's reason, with the values taken out, so that the counts group by rule. */
function reasonOf(e: unknown): string {
  const message = (e as Error).message.replace(/^.*?'[^']*': /s, '').split(/; |\. /)[0];
  return message.replace(/"[^"]*"|\[[^\]]*\]|-?\d+(\.\d+)?/g, '…').slice(0, 120);
}

function synthOne(make: (chart: Chart) => void): any[] {
  const chart = new Chart(Testing.app(), 'props', { namespace: 'props' });
  make(chart);
  return Testing.synth(chart);
}

const selectLabels = { app: 'a' };
const makers: Record<string, (chart: Chart, ports: ExposedPort[], p?: any) => void> = {
  InternalService: (chart, ports, p = {}) => new InternalService(chart, 'Svc', { selectLabels, ports, ...p }),
  DevService: (chart, ports, p = {}) => new DevService(chart, 'Svc', { selectLabels, ports, ...p }),
  PublicService: (chart, ports, p = {}) => new PublicService(chart, 'Svc', { selectLabels, ports, sourceRanges: SourceRanges.anywhere(), ...p }),
  ExternalAlias: (chart, ports, p = {}) => new ExternalAlias(chart, 'Svc', { externalName: 'db.example.com', ports, metadata: p.metadata }),
  IngressFronted: (chart, ports, p = {}) => new IngressFronted(chart, 'Svc', { selectLabels, ports, host: 'a.example.com', backendPort: ports[0]?.port, ...p }),
};

let n = 0;
for (const kind of Object.keys(makers)) {
  // Ports (the generator of test/properties.test.ts).
  fc.assert(fc.property(fc.array(anyPort, { minLength: 1, maxLength: 4 }), (ports) => {
    const id = `ports-${++n}`;
    try {
      for (const manifest of synthOne(chart => makers[kind](chart, ports))) add(`ports-${kind}`, { id: `${kind} ${id}`, expect: 'accept', manifest });
    } catch (e) {
      add(`ports-${kind}`, { id: `${kind} ${id}`, expect: 'refuse', reason: `${kind}: ${reasonOf(e)}`, manifest: rawService(kind, id, ports) });
    }
  }), { numRuns: 300, seed: 42 });

  // Metadata, selectors, annotations and enum values (the generator of test/api-server-rules.test.ts).
  fc.assert(fc.property(
    labels, fc.dictionary(labelKey, labelValue, { minKeys: 1, maxKeys: 2 }), fc.dictionary(labelKey, fc.string({ maxLength: 8 }), { maxKeys: 2 }),
    enumish('None', 'ClientIP'), enumish('Cluster', 'Local'), enumish('SingleStack', 'PreferDualStack'),
    (metaLabels, select, annotations, sessionAffinity, trafficPolicy, ipFamilyPolicy) => {
      const id = `meta-${++n}`;
      const props = kind === 'ExternalAlias'
        ? { metadata: { labels: metaLabels, annotations } }
        : {
          selectLabels: select,
          metadata: { labels: metaLabels, annotations },
          sessionAffinity,
          internalTrafficPolicy: trafficPolicy,
          ipFamilyPolicy,
        };
      try {
        for (const manifest of synthOne(chart => makers[kind](chart, [{ port: 80 }], props))) add(`meta-${kind}`, { id: `${kind} ${id}`, expect: 'accept', manifest });
      } catch (e) {
        const spec = kind === 'ExternalAlias' ? {} : { selector: select, sessionAffinity, internalTrafficPolicy: trafficPolicy, ipFamilyPolicy };
        add(`meta-${kind}`, { id: `${kind} ${id}`, expect: 'refuse', reason: `${kind}: ${reasonOf(e)}`, manifest: rawService(kind, id, [{ port: 80 }], { metadata: { labels: metaLabels, annotations }, spec }) });
      }
    }), { numRuns: 200, seed: 18 });
}

// External names.
fc.assert(fc.property(fc.oneof(fc.domain(), fc.ipV4(), fc.ipV6(), fc.webUrl(), fc.string({ maxLength: 30 })), (externalName) => {
  const id = `alias-${++n}`;
  try {
    for (const manifest of synthOne(chart => new ExternalAlias(chart, 'Svc', { externalName }))) add('external-names', { id, expect: 'accept', manifest });
  } catch (e) {
    add('external-names', { id, expect: 'refuse', reason: `ExternalAlias: ${reasonOf(e)}`, manifest: { apiVersion: 'v1', kind: 'Service', metadata: { name: id, namespace: 'props' }, spec: { type: 'ExternalName', externalName } } });
  }
}), { numRuns: 300, seed: 5 });

// Source ranges.
const cidr = fc.oneof(
  fc.tuple(fc.ipV4(), fc.integer({ min: -1, max: 40 })).map(([ip, bits]) => `${ip}/${bits}`),
  fc.tuple(fc.ipV6(), fc.integer({ min: 0, max: 130 })).map(([ip, bits]) => `${ip}/${bits}`),
  fc.constantFrom('10.0.0.0/8', ' 192.168.0.0/16 ', '2001:db8::/32', '0.0.0.0/0', 'not-a-cidr'),
);
fc.assert(fc.property(fc.array(cidr, { minLength: 1, maxLength: 3 }), (cidrs) => {
  const id = `ranges-${++n}`;
  try {
    const sourceRanges = SourceRanges.cidrs(cidrs);
    for (const manifest of synthOne(chart => new PublicService(chart, 'Svc', { selectLabels, ports: [{ port: 443 }], sourceRanges }))) add('source-ranges', { id, expect: 'accept', manifest });
  } catch (e) {
    add('source-ranges', { id, expect: 'refuse', reason: `SourceRanges: ${reasonOf(e)}`, manifest: rawService('PublicService', id, [{ port: 443 }], { spec: { loadBalancerSourceRanges: cidrs } }) });
  }
}), { numRuns: 300, seed: 13 });

// Presets, TLS and Gateway API routes: every main combination, all accepted.
const presets: Array<[string, (chart: Chart) => void]> = [
  ['aws nlb', c => new PublicService(c, 'Svc', { selectLabels, ports: [{ port: 443 }], sourceRanges: SourceRanges.anywhere(), profile: LoadBalancerProfile.awsNlb({ scheme: LoadBalancerScheme.INTERNET_FACING }) })],
  ['gcp internal', c => new PublicService(c, 'Svc', { selectLabels, ports: [{ port: 5432 }], sourceRanges: SourceRanges.cidrs(['10.0.0.0/8']), profile: LoadBalancerProfile.gcp({ scheme: LoadBalancerScheme.INTERNAL }) })],
  ['azure internal', c => new PublicService(c, 'Svc', { selectLabels, ports: [{ port: 80 }], sourceRanges: SourceRanges.cidrs(['10.1.0.0/16']), profile: LoadBalancerProfile.azure({ scheme: LoadBalancerScheme.INTERNAL }) })],
  ['nginx + cert-manager', c => new IngressFronted(c, 'Svc', { selectLabels, ports: [{ port: 80 }], host: 'a.example.com', controller: IngressController.nginx(), tls: IngressTls.certManager({ clusterIssuer: 'letsencrypt' }) })],
  ['alb', c => new IngressFronted(c, 'Svc', { selectLabels, ports: [{ port: 80 }], host: 'b.example.com', controller: IngressController.awsAlb({ scheme: LoadBalancerScheme.INTERNET_FACING }) })],
  ['traefik', c => new IngressFronted(c, 'Svc', { selectLabels, ports: [{ port: 80 }], host: 'c.example.com', controller: IngressController.traefik() })],
  ['gateway route', c => new IngressFronted(c, 'Svc', { selectLabels, ports: [{ port: 80 }], host: 'd.example.com', path: '/api', gateway: { name: 'public', namespace: 'infra', sectionName: 'https' } })],
  ['isolated internal', c => new InternalService(c, 'Svc', { selectLabels, ports: [{ port: 5432, name: 'pg' }], allowFrom: [] })],
  ['isolated gateway fronted tcp', c => {
    const mqtt = new GatewayFronted(c, 'Svc', {
      selectLabels,
      ports: [{ port: 1883, targetPortName: 'mqtt', name: 'mqtt' }],
      gateway: { name: 'public', namespace: 'infra', sectionName: 'mqtt' },
      proxyNamespaceLabels: { 'kubernetes.io/metadata.name': 'envoy-gateway-system' },
      proxyPodLabels: { 'app.kubernetes.io/name': 'envoy' },
      allowFrom: [kplus.Pods.select(c, 'Peer', { labels: { app: 'peer' } })],
    });
    mqtt.allowTo(kplus.Pods.select(c, 'Db', { labels: { app: 'db' } }), { ports: [5432] });
  }],
  ['shared ingress with a default backend of its own', c => {
    const pages = new kplus.Service(c, 'Pages', { selector: kplus.Pods.select(c, 'PagesPods', { labels: { app: 'pages' } }), ports: [{ port: 8080 }] });
    const edge = new SharedIngress(c, 'Edge', { controller: IngressController.nginx(), defaultBackend: kplus.IngressBackend.fromService(pages, { port: 8080 }) });
    new IngressFronted(c, 'Svc', { selectLabels, ports: [{ port: 80 }], host: 'e.example.com', sharedIngress: edge });
  }],
  ['typed paths, own ingress and gateway', c => {
    const typedPaths = [{ path: '/api' }, { path: '/healthz', pathType: kplus.HttpIngressPathType.EXACT }];
    new IngressFronted(c, 'Svc', { selectLabels, ports: [{ port: 80 }], host: 'f.example.com', typedPaths });
    new IngressFronted(c, 'Route', { selectLabels, ports: [{ port: 80 }], host: 'g.example.com', typedPaths, gateway: { name: 'public', namespace: 'infra', sectionName: 'https' } });
  }],
  ['isolated gateway fronted udp', c => new GatewayFronted(c, 'Svc', {
    selectLabels,
    ports: [{ port: 53, protocol: kplus.Protocol.UDP }],
    gateway: { name: 'public', namespace: 'infra', port: 53 },
    proxyNamespaceLabels: { team: 'platform' },
    allowTo: [],
  })],
];
for (const [name, make] of presets) {
  for (const manifest of synthOne(make)) add('presets', { id: `preset ${name}: ${manifest.kind}`, expect: 'accept', manifest });
}

let total = 0;
for (const [file, cases] of Object.entries(out)) {
  fs.writeFileSync(path.join(outDir, `${file}.jsonl`), cases.map(c => JSON.stringify(c)).join('\n') + '\n');
  total += cases.length;
}
const refused = Object.values(out).flat().filter(c => c.expect === 'refuse').length;
console.log(`cases: ${total} (${total - refused} the library writes, ${refused} it refuses) in ${Object.keys(out).length} files`);
