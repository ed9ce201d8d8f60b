/**
 * One benchmark measurement, run in a fresh process by bench/run.ts:
 *
 *   ts-node --transpile-only bench/workload.ts <variant> <kind> <count> <path>
 *
 * variant: expose (this library, no policy), expose-policy (this library in an ExposureApp with
 * ExposurePolicy applied to the App), kplus (stock cdk8s-plus-28 Service/Ingress of the same
 * shape), raw (cdk8s KubeService/KubeIngress, the floor for any wrapper), compose (the same
 * cdk8s-plus-28 objects each owned by a bare Construct: the composition floor) and compose-render
 * (the composition floor in an ExposureApp whose one validation renders every object once, as
 * any policy that judges what cdk8s writes must: the least such a policy can cost, with no model
 * and no rule). Nothing of cdk8s or cdk8s-plus is patched in any variant.
 *
 * path: app (the `cdk8s synth` path: charts of 500 Services, app.synth() writing one YAML file
 * per chart into a temporary folder) or testing (the unit-test path: one chart with every
 * Service, Testing.synth(chart)). Every validation runs. Prints one JSON line.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { DevService, ExposureApp, ExposurePolicy, ExposureReport, ExternalAlias, IngressFronted, InternalService, PublicService, SourceRanges, Stage } from '../src';
import { buildModel } from '../src/model/model';
import { manifestsOf } from '../src/policy/collect';
import { evaluate } from '../src/policy/engine';

const [variant, kind, countText, synthPath = 'app'] = process.argv.slice(2);
const count = Number(countText);
const PER_CHART = synthPath === 'testing' ? Number.MAX_SAFE_INTEGER : 500;
const library = variant === 'expose' || variant === 'expose-policy';

function build(app: App): void {
  let chart: Chart | undefined;
  for (let i = 0; i < count; i++) {
    if (i % PER_CHART === 0) chart = new Chart(app, `c${i / PER_CHART}`);
    const scope = chart!;
    const id = `s${i}`;
    const labels = { app: `app-${i}` };
    const port = 8080;
    const nodePort = 30000 + (i % 2768);
    if (library) {
      const selector = kplus.Pods.select(scope, `${id}-pods`, { labels });
      switch (kind) {
        case 'InternalService': new InternalService(scope, id, { selector, ports: [{ port: 80, targetPort: port }] }); break;
        case 'DevService': new DevService(scope, id, { selector, ports: [{ port: 80, targetPort: port }] }); break;
        case 'PublicService': new PublicService(scope, id, { selector, ports: [{ port: 80, targetPort: port }], sourceRanges: SourceRanges.cidrs(['10.0.0.0/8']) }); break;
        case 'ExternalAlias': new ExternalAlias(scope, id, { externalName: `db-${i}.example.com` }); break;
        case 'IngressFronted': new IngressFronted(scope, id, { selector, ports: [{ port: 80, targetPort: port }], host: `app-${i}.example.com` }); break;
        default: throw new Error(`unknown kind ${kind}`);
      }
    } else if (variant === 'kplus' || variant === 'compose' || variant === 'compose-render') {
      const selector = kplus.Pods.select(scope, `${id}-pods`, { labels });
      // compose: the same cdk8s-plus-28 objects, each Service owned by a bare Construct (as the
      // library's constructs own theirs) and nothing else: the cost of composition itself.
      const composed = variant !== 'kplus';
      const owner: Construct = composed ? new Construct(scope, id) : scope;
      const serviceId = composed ? 'Default' : id;
      const ports = [{ port: 80, targetPort: port }];
      switch (kind) {
        case 'InternalService': new kplus.Service(owner, serviceId, { selector, ports }); break;
        case 'DevService': new kplus.Service(owner, serviceId, { selector, ports, type: kplus.ServiceType.NODE_PORT }); break;
        case 'PublicService': new kplus.Service(owner, serviceId, { selector, ports, type: kplus.ServiceType.LOAD_BALANCER, loadBalancerSourceRanges: ['10.0.0.0/8'] }); break;
        case 'ExternalAlias': new kplus.Service(owner, serviceId, { externalName: `db-${i}.example.com` }); break;
        case 'IngressFronted': {
          const service = new kplus.Service(owner, serviceId, { selector, ports });
          const ingress = new kplus.Ingress(scope, `${id}-ingress`);
          ingress.addHostRule(`app-${i}.example.com`, '/', kplus.IngressBackend.fromService(service));
          ingress.addTls([{ hosts: [`app-${i}.example.com`], secret: kplus.Secret.fromSecretName(scope, `${id}-tls`, `app-${i}-example-com-tls`) }]);
          break;
        }
        default: throw new Error(`unknown kind ${kind}`);
      }
    } else if (variant === 'raw') {
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
const cpuStart = process.cpuUsage();
const inExposureApp = variant === 'expose-policy' || variant === 'compose-render';
const app = inExposureApp ? new ExposureApp({ outdir }) : synthPath === 'testing' ? Testing.app({ outdir }) : new App({ outdir });
if (variant === 'expose-policy') ExposurePolicy.apply(app, { stage: Stage.DEVELOPMENT });
if (variant === 'compose-render') {
  // Once per synthesis, like the policy's verdict (cdk8s validates the App again per chart).
  let rendered = false;
  new Construct(app, 'render-once').node.addValidation({
    validate: () => {
      if (!rendered) {
        rendered = true;
        for (const c of app.node.findAll()) if (c instanceof ApiObject) c.toJson();
      }
      return [];
    },
  });
}
build(app);
const built = performance.now();
if (synthPath === 'testing') {
  Testing.synth(app.charts[0]);
} else {
  app.synth();
}
const synthesized = performance.now();
const cpu = process.cpuUsage(cpuStart);
const yamlBytes = fs.readdirSync(outdir).reduce((n, f) => n + fs.statSync(path.join(outdir, f)).size, 0);
fs.rmSync(outdir, { recursive: true, force: true });
// Peak memory of building and synthesizing, read before the separate measurements below.
const maxRssMb = process.resourceUsage().maxRSS / 1024;

// The App-wide rules on their own (rendering, the model and every rule), to show what the
// policy costs, and the exposure report (Markdown + JSON), which an App asks for separately.
let rulesMs: number | undefined;
let reportMs: number | undefined;
// BENCH_SYNTH_ONLY=1 leaves them out, for profiles of build and synth alone.
if (library && !process.env.BENCH_SYNTH_ONLY) {
  const t0 = performance.now();
  evaluate(buildModel(manifestsOf(app)));
  rulesMs = performance.now() - t0;
  const t1 = performance.now();
  const report = ExposureReport.fromApp(app);
  report.toMarkdown();
  report.toJson();
  reportMs = performance.now() - t1;
}

process.stdout.write(`${JSON.stringify({
  variant, kind, count, path: synthPath,
  buildMs: built - start,
  synthMs: synthesized - built,
  totalMs: synthesized - start,
  // CPU time of the process (all threads) for build + synth: steadier than wall time on a busy machine.
  cpuMs: (cpu.user + cpu.system) / 1000,
  rulesMs,
  reportMs,
  maxRssMb,
  yamlBytes,
})}\n`);
