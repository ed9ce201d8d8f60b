/**
 * One benchmark measurement, run in a fresh process by bench/run.ts:
 *
 *   ts-node --transpile-only bench/workload.ts <variant> <kind> <count>
 *
 * variant: expose (this library), kplus (cdk8s-plus-28 Service/Ingress of the same shape), raw
 * (cdk8s KubeService/KubeIngress, the floor for any wrapper), or kplus-fixed / raw-fixed (those
 * two with the library's workarounds for cdk8s and cdk8s-plus-28 applied). It builds an App with
 * <count> Services of <kind>, synthesizes it with app.synth() (one YAML file per chart in a
 * temporary folder, as `cdk8s synth` does; every validation runs, including this library's
 * App-wide rules), and prints one JSON line.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { DevService, ExposureReport, ExternalAlias, IngressFronted, InternalService, PublicService, SourceRanges } from '../src';
import { newIngress } from '../src/kplus-ingress';
import { buildModel } from '../src/model/model';
import { evaluate } from '../src/policy/engine';
import { manifestsOf } from '../src/policy/guard';
import { synthChartsOnce } from '../src/synth-once';

const [variant, kind, countText] = process.argv.slice(2);
// "-fixed" variants (kplus-fixed, raw-fixed) apply the library's two workarounds for cdk8s and
// cdk8s-plus-28 (one preparation of the App per synth, src/synth-once.ts; the Ingress host
// table, src/kplus-ingress.ts) to the baseline, so that the wrapper's own cost shows apart.
const fixed = variant.endsWith('-fixed');
const base = fixed ? variant.slice(0, -'-fixed'.length) : variant;
const count = Number(countText);
const PER_CHART = 500;

function build(app: App): void {
  let chart: Chart | undefined;
  for (let i = 0; i < count; i++) {
    if (i % PER_CHART === 0) chart = new Chart(app, `c${i / PER_CHART}`);
    const scope = chart!;
    const id = `s${i}`;
    const labels = { app: `app-${i}` };
    const port = 8080;
    const nodePort = 30000 + (i % 2768);
    if (variant === 'expose') {
      const selector = kplus.Pods.select(scope, `${id}-pods`, { labels });
      switch (kind) {
        case 'InternalService': new InternalService(scope, id, { selector, ports: [{ port: 80, targetPort: port }] }); break;
        case 'DevService': new DevService(scope, id, { selector, ports: [{ port: 80, targetPort: port }] }); break;
        case 'PublicService': new PublicService(scope, id, { selector, ports: [{ port: 80, targetPort: port }], sourceRanges: SourceRanges.cidrs(['10.0.0.0/8']) }); break;
        case 'ExternalAlias': new ExternalAlias(scope, id, { externalName: `db-${i}.example.com` }); break;
        case 'IngressFronted': new IngressFronted(scope, id, { selector, ports: [{ port: 80, targetPort: port }], host: `app-${i}.example.com` }); break;
        default: throw new Error(`unknown kind ${kind}`);
      }
    } else if (base === 'kplus') {
      const selector = kplus.Pods.select(scope, `${id}-pods`, { labels });
      const ports = [{ port: 80, targetPort: port }];
      switch (kind) {
        case 'InternalService': new kplus.Service(scope, id, { selector, ports }); break;
        case 'DevService': new kplus.Service(scope, id, { selector, ports, type: kplus.ServiceType.NODE_PORT }); break;
        case 'PublicService': new kplus.Service(scope, id, { selector, ports, type: kplus.ServiceType.LOAD_BALANCER, loadBalancerSourceRanges: ['10.0.0.0/8'] }); break;
        case 'ExternalAlias': new kplus.Service(scope, id, { externalName: `db-${i}.example.com` }); break;
        case 'IngressFronted': {
          const service = new kplus.Service(scope, id, { selector, ports });
          const ingress = fixed ? newIngress(scope, `${id}-ingress`, {}) : new kplus.Ingress(scope, `${id}-ingress`);
          ingress.addHostRule(`app-${i}.example.com`, '/', kplus.IngressBackend.fromService(service));
          ingress.addTls([{ hosts: [`app-${i}.example.com`], secret: kplus.Secret.fromSecretName(scope, `${id}-tls`, `app-${i}-example-com-tls`) }]);
          break;
        }
        default: throw new Error(`unknown kind ${kind}`);
      }
    } else if (base === 'raw') {
      const ports = [{ port: 80, targetPort: kplus.k8s.IntOrString.fromNumber(port), protocol: 'TCP' }];
      switch (kind) {
        case 'InternalService': new kplus.k8s.KubeService(scope, id, { spec: { type: 'ClusterIP', selector: labels, ports } }); break;
        case 'DevService': new kplus.k8s.KubeService(scope, id, { spec: { type: 'NodePort', selector: labels, ports } }); break;
        case 'PublicService': new kplus.k8s.KubeService(scope, id, { spec: { type: 'LoadBalancer', selector: labels, ports, loadBalancerSourceRanges: ['10.0.0.0/8'] } }); break;
        case 'ExternalAlias': new kplus.k8s.KubeService(scope, id, { spec: { type: 'ExternalName', externalName: `db-${i}.example.com` } }); break;
        case 'IngressFronted': {
          const service = new kplus.k8s.KubeService(scope, id, { spec: { type: 'ClusterIP', selector: labels, ports } });
          new kplus.k8s.KubeIngress(scope, `${id}-ingress`, {
            spec: {
              rules: [{ host: `app-${i}.example.com`, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: service.name, port: { number: 80 } } } }] } }],
              tls: [{ hosts: [`app-${i}.example.com`], secretName: `app-${i}-example-com-tls` }],
            },
          });
          break;
        }
        default: throw new Error(`unknown kind ${kind}`);
      }
    } else {
      throw new Error(`unknown variant ${variant}`);
    }
  }
}

// App.synth() writes one YAML file per chart, as `cdk8s synth` does, into a fresh folder.
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-bench-'));
const start = performance.now();
const app = new App({ outdir });
if (fixed) synthChartsOnce(app);
build(app);
const built = performance.now();
app.synth();
const synthesized = performance.now();
const yamlBytes = fs.readdirSync(outdir).reduce((n, f) => n + fs.statSync(path.join(outdir, f)).size, 0);
fs.rmSync(outdir, { recursive: true, force: true });
// Peak memory of building and synthesizing, read before the separate measurements below.
const maxRssMb = process.resourceUsage().maxRSS / 1024;

// The library's App-wide checks on their own (the model of the App and every rule), to show
// their share (already inside synth), and the exposure report (Markdown + JSON), which an App
// asks for separately.
let rulesMs: number | undefined;
let reportMs: number | undefined;
// BENCH_SYNTH_ONLY=1 leaves them out, for profiles of build and synth alone.
if (variant === 'expose' && !process.env.BENCH_SYNTH_ONLY) {
  // Rendering the manifests is not counted: inside synth the guard renders each object once and
  // hands that copy to cdk8s, which would render it anyway (src/policy/guard.ts).
  const manifests = manifestsOf(app);
  const t0 = performance.now();
  evaluate(buildModel(manifests));
  rulesMs = performance.now() - t0;
  const t1 = performance.now();
  const report = ExposureReport.fromApp(app);
  report.toMarkdown();
  report.toJson();
  reportMs = performance.now() - t1;
}

process.stdout.write(`${JSON.stringify({
  variant, kind, count,
  buildMs: built - start,
  synthMs: synthesized - built,
  totalMs: synthesized - start,
  rulesMs,
  reportMs,
  maxRssMb,
  yamlBytes,
})}\n`);
