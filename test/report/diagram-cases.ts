/**
 * Every diagram the report tests draw, by name: the example app, the YAML fixtures, and
 * synthetic inputs for what the picture must get right (duplicates, objects without a namespace,
 * backends not in the YAML, workloads on the host network, an App too big for GitHub). Checked by
 * test/report/mermaid.test.ts and rendered in a real Mermaid by `npm run test:diagrams`
 * (scripts/render-diagrams.sh).
 */
import * as fs from 'fs';
import * as path from 'path';
import { buildApp } from '../../examples/main';
import { ExposureDiff, ExposureReport } from '../../src';
import { readYamlFile } from '../../src/yaml/kubernetes-yaml';

const root = path.join(__dirname, '..', '..');

function yamlOf(...files: string[]): any[] {
  return files.flatMap(file => [...readYamlFile(path.join(root, file))])
    .filter(doc => doc.error === undefined && doc.value !== null && typeof doc.value === 'object' && (doc.value as any).kind)
    .map(doc => doc.value);
}

function filesIn(folder: string): string[] {
  return fs.readdirSync(path.join(root, folder)).filter(f => /\.ya?ml$/.test(f)).sort().map(f => path.join(folder, f));
}

const deployment = (name: string, namespace: string | undefined, labels: Record<string, string>, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, ...(namespace !== undefined ? { namespace } : {}) },
  spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 8080 }] }], ...spec } } },
});

const service = (name: string, namespace: string | undefined, spec: Record<string, unknown>) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, ...(namespace !== undefined ? { namespace } : {}) },
  spec,
});

/**
 * What the pictures of the issue got wrong, in one input: a Service written twice, a Gateway and
 * routes without a namespace, route backends that are not in the YAML, a DaemonSet on the host
 * network and a Pod with a host port.
 */
export function edgeCases(): any[] {
  const web = service('web', 'shop', { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 443, targetPort: 8080 }], loadBalancerSourceRanges: ['203.0.113.0/24'] });
  return [
    deployment('web', 'shop', { app: 'web' }),
    web,
    web,
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'example-gateway' },
      spec: { gatewayClassName: 'eg', listeners: [{ name: 'http', protocol: 'HTTP', port: 80, allowedRoutes: { namespaces: { from: 'All' } } }] },
    },
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'example-route' },
      spec: { parentRefs: [{ name: 'example-gateway' }], hostnames: ['example.com'], rules: [{ backendRefs: [{ name: 'example-svc', port: 80 }, { name: 'other-svc', namespace: 'elsewhere', port: 80 }] }] },
    },
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'ListenerSet',
      metadata: { name: 'extra' },
      spec: { parentRef: { name: 'missing-gateway' }, listeners: [{ name: 'https', protocol: 'HTTPS', hostname: 'a.example.com', port: 443, tls: { certificateRefs: [{ name: 'a-tls' }] } }] },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'newrelic-infra-agent', namespace: 'monitoring' },
      spec: { selector: { matchLabels: { app: 'nr' } }, template: { metadata: { labels: { app: 'nr' } }, spec: { hostNetwork: true, containers: [{ name: 'agent', image: 'nr' }] } } },
    },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'javaweb', namespace: 'legacy' },
      spec: { containers: [{ name: 'web', image: 'tomcat', ports: [{ containerPort: 8080, hostPort: 8080 }] }] },
    },
  ];
}

/**
 * An App bigger than what GitHub renders: 40 namespaces, each with two public load balancers,
 * an Ingress in front of five Services, and their Deployments.
 */
export function largeApp(): any[] {
  const out: any[] = [];
  for (let n = 0; n < 40; n++) {
    const ns = `team-${String(n).padStart(2, '0')}`;
    for (let s = 0; s < 5; s++) {
      out.push(deployment(`app-${s}`, ns, { app: `app-${s}` }));
      out.push(service(`app-${s}`, ns, { selector: { app: `app-${s}` }, ports: [{ port: 80, targetPort: 8080 }] }));
    }
    for (let s = 0; s < 2; s++) {
      out.push(service(`public-${s}`, ns, { type: 'LoadBalancer', selector: { app: `app-${s}` }, ports: [{ port: 443, targetPort: 8080 }], loadBalancerSourceRanges: ['0.0.0.0/0'] }));
    }
    out.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'web', namespace: ns },
      spec: {
        ingressClassName: 'nginx',
        rules: [{ host: `${ns}.example.com`, http: { paths: [0, 1, 2, 3, 4].map(s => ({ path: `/s${s}`, pathType: 'Prefix', backend: { service: { name: `app-${s}`, port: { number: 80 } } } })) } }],
      },
    });
  }
  return out;
}

/** Each diagram case: a name (the file name of its rendering) and the report it draws. */
export const DIAGRAM_CASES: Array<{ name: string; report: () => ExposureReport }> = [
  { name: 'example-app', report: () => ExposureReport.fromApp(buildApp()) },
  ...filesIn('test/fixtures/audit').filter(f => !f.endsWith('broken.yaml'))
    .map(f => ({ name: `audit-${path.basename(f, '.yaml')}`, report: () => ExposureReport.fromManifests(yamlOf(f)) })),
  { name: 'gateway-api-audit', report: () => ExposureReport.fromManifests(yamlOf('test/fixtures/gateway-api/audit.yaml')) },
  { name: 'gateway-yaml', report: () => ExposureReport.fromManifests(yamlOf(...filesIn('test/fixtures/gateway-yaml'))) },
  { name: 'parity-corpus', report: () => ExposureReport.fromManifests(yamlOf(...filesIn('test/parity/corpus'))) },
  { name: 'edge-cases', report: () => ExposureReport.fromManifests(edgeCases()) },
  { name: 'large-app', report: () => ExposureReport.fromManifests(largeApp()) },
];

/**
 * A pull request's diff: the edge cases added to the helm fixture's YAML, so the diff draws what
 * changed (new objects reachable from outside), among objects that did not.
 */
export const DIFF_CASES: Array<{ name: string; diff: () => ExposureDiff }> = [
  {
    name: 'diff-edge-cases',
    diff: () => ExposureDiff.between(ExposureReport.fromManifests(yamlOf('test/fixtures/audit/helm-nodeport.yaml')),
      ExposureReport.fromManifests([...yamlOf('test/fixtures/audit/helm-nodeport.yaml'), ...edgeCases()])),
  },
];
