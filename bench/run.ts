/**
 * The synth benchmark: `npm run bench` (options: --sizes 1000,5000,20000 --rounds 3
 * --kinds InternalService,DevService,PublicService,ExternalAlias,IngressFronted
 * --variants expose,expose-policy,compose,compose-render,kplus,raw --paths app,testing).
 *
 * For every construct kind, size and synth path it synthesizes the same Service shapes five
 * ways — this library without a policy, this library with ExposurePolicy applied to the App
 * (in an ExposureApp), stock cdk8s-plus-28 Services each owned by a bare Construct (the cost of
 * composition alone), stock cdk8s-plus-28 and raw KubeService objects — each measurement in a
 * fresh Node process, alternating the order of the variants every round, and reports medians,
 * the ratios to cdk8s-plus-28, peak memory (max RSS), the App-wide rules' own time and the
 * growth from the smallest to the largest size. Results go to stdout and bench/results/;
 * `--from bench/results/latest.json` prints the tables again from saved samples.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

interface Sample { variant: string; kind: string; count: number; path: string; buildMs: number; synthMs: number; totalMs: number; cpuMs?: number; rulesMs?: number; reportMs?: number; maxRssMb: number }

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

let sizes = arg('sizes', '1000,5000,20000').split(',').map(Number);
let rounds = Number(arg('rounds', '3'));
let kinds = arg('kinds', 'InternalService,DevService,PublicService,ExternalAlias,IngressFronted').split(',');
let paths = arg('paths', 'app,testing').split(',');
const variants = arg('variants', 'expose,expose-policy,compose,kplus,raw').split(',');
const root = path.resolve(__dirname, '..');

function measure(variant: string, kind: string, count: number, synthPath: string): Sample {
  const result = spawnSync(process.execPath, ['--max-old-space-size=8192', '-r', 'ts-node/register/transpile-only', path.join('bench', 'workload.ts'), variant, kind, String(count), synthPath], {
    cwd: root, encoding: 'utf-8', maxBuffer: 1 << 20, env: { ...process.env, CDK8S_EXPOSE_STAGE: '', CDK8S_EXPOSE_WARNINGS: 'silent' },
  });
  if (result.status !== 0) throw new Error(`workload ${variant} ${kind} ${count} ${synthPath} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!);
}

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const m = Math.floor(s.length / 2); return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '—');

// --from <latest.json> renders the tables again from saved samples, without measuring.
const from = arg('from', '');
const saved = from ? JSON.parse(fs.readFileSync(from, 'utf-8')) : undefined;
const samples: Sample[] = saved ? saved.samples : [];
for (const synthPath of saved ? [] : paths) {
  for (const kind of kinds) {
    for (const count of sizes) {
      for (let r = 0; r < rounds; r++) {
        const order = r % 2 === 0 ? variants : [...variants].reverse();
        for (const variant of order) {
          const s = measure(variant, kind, count, synthPath);
          samples.push(s);
          process.stderr.write(`${synthPath} ${kind} ${count} ${variant} round ${r + 1}: ${fmt(s.totalMs)} ms, ${fmt(s.maxRssMb)} MB\n`);
        }
      }
    }
  }
}

if (saved) {
  kinds = [...new Set(samples.map(s => s.kind))];
  sizes = [...new Set(samples.map(s => s.count))].sort((a, b) => a - b);
  paths = [...new Set(samples.map(s => s.path))];
  rounds = samples.filter(s => s.variant === variants[0] && s.kind === kinds[0] && s.count === sizes[0] && s.path === paths[0]).length;
}

const pick = (variant: string, kind: string, count: number, synthPath: string) =>
  samples.filter(s => s.variant === variant && s.kind === kind && s.count === count && s.path === synthPath);
const rows: string[] = [];
const summary: any[] = [];
for (const synthPath of paths) {
  rows.push('', `Path: ${synthPath === 'app' ? 'app.synth() of charts of 500 Services (the cdk8s synth path)' : 'Testing.synth(chart) of one chart with every Service (the unit-test path)'}`, '');
  rows.push('| kind | services | expose ms | expose + policy ms | composition floor ms | cdk8s-plus-28 ms | raw ms | expose × plus | policy × plus | floor × plus | expose × plus, CPU | expose MB | policy MB | plus MB | expose × plus MB | policy × plus MB | rules alone ms | report ms |');
  rows.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const kind of kinds) {
    for (const count of sizes) {
      const t = (v: string) => median(pick(v, kind, count, synthPath).map(s => s.totalMs));
      const m = (v: string) => median(pick(v, kind, count, synthPath).map(s => s.maxRssMb));
      const cpu = (v: string) => median(pick(v, kind, count, synthPath).map(s => s.cpuMs ?? NaN));
      const row = {
        path: synthPath, kind, count,
        exposeMs: t('expose'), policyMs: t('expose-policy'), composeMs: t('compose'), kplusMs: t('kplus'), rawMs: t('raw'),
        renderMs: t('compose-render'),
        exposeCpuMs: cpu('expose'), policyCpuMs: cpu('expose-policy'), composeCpuMs: cpu('compose'), renderCpuMs: cpu('compose-render'), kplusCpuMs: cpu('kplus'),
        exposeMb: m('expose'), policyMb: m('expose-policy'), kplusMb: m('kplus'),
        rulesMs: median(pick('expose', kind, count, synthPath).map(s => s.rulesMs ?? NaN)),
        reportMs: median(pick('expose', kind, count, synthPath).map(s => s.reportMs ?? NaN)),
      };
      summary.push(row);
      rows.push(`| ${kind} | ${count} | ${fmt(row.exposeMs)} | ${fmt(row.policyMs)} | ${fmt(row.composeMs)} | ${fmt(row.kplusMs)} | ${fmt(row.rawMs)} | ${fmt(row.exposeMs / row.kplusMs, 2)} | ${fmt(row.policyMs / row.kplusMs, 2)} | ${fmt(row.composeMs / row.kplusMs, 2)} | ${fmt(row.exposeCpuMs / row.kplusCpuMs, 2)} | ${fmt(row.exposeMb)} | ${fmt(row.policyMb)} | ${fmt(row.kplusMb)} | ${fmt(row.exposeMb / row.kplusMb, 2)} | ${fmt(row.policyMb / row.kplusMb, 2)} | ${fmt(row.rulesMs)} | ${fmt(row.reportMs)} |`);
    }
  }
  const first = sizes[0];
  const last = sizes[sizes.length - 1];
  if (sizes.length > 1) {
    rows.push('', `| kind | growth ${first} → ${last} (${last / first}× the services): expose | expose + policy | cdk8s-plus-28 | raw | rules alone |`, '| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const kind of kinds) {
      const at = (c: number) => summary.find(s => s.path === synthPath && s.kind === kind && s.count === c);
      const g = (key: string) => fmt(at(last)[key] / at(first)[key], 1);
      rows.push(`| ${kind} | ${g('exposeMs')}× | ${g('policyMs')}× | ${g('kplusMs')}× | ${g('rawMs')}× | ${g('rulesMs')}× |`);
    }
  }
  // The spread of the rounds at the largest size, so that the medians can be read against the noise.
  const range = (xs: Sample[]) => { const ts = xs.map(s => s.totalMs).sort((a, b) => a - b); return ts.length ? `${fmt(ts[0])}–${fmt(ts[ts.length - 1])}` : '—'; };
  rows.push('', `| kind | rounds at ${last}, fastest–slowest ms: ${variants.join(' | ')} |`, `| --- |${variants.map(() => ' ---: |').join('')}`);
  for (const kind of kinds) rows.push(`| ${kind} | ${variants.map(v => range(pick(v, kind, last, synthPath))).join(' | ')} |`);
  // Issue #25's targets are set against the composition floor; compose-render is that floor plus
  // one rendering of every object, the least any policy that judges what cdk8s writes can cost.
  if (samples.some(s => s.variant === 'compose' && s.path === synthPath)) {
    rows.push('', '| kind | services | expose ms | expose + policy ms | floor ms | floor + one render ms | expose × floor | policy × floor | (floor + render) × floor | expose × floor, CPU | policy × floor, CPU | (floor + render) × floor, CPU |');
    rows.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of summary.filter(row => row.path === synthPath)) {
      rows.push(`| ${r.kind} | ${r.count} | ${fmt(r.exposeMs)} | ${fmt(r.policyMs)} | ${fmt(r.composeMs)} | ${fmt(r.renderMs)} | ${fmt(r.exposeMs / r.composeMs, 2)} | ${fmt(r.policyMs / r.composeMs, 2)} | ${fmt(r.renderMs / r.composeMs, 2)} | ${fmt(r.exposeCpuMs / r.composeCpuMs, 2)} | ${fmt(r.policyCpuMs / r.composeCpuMs, 2)} | ${fmt(r.renderCpuMs / r.composeCpuMs, 2)} |`);
    }
  }
}
const header = saved?.header ?? `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${fmt(os.totalmem() / 2 ** 30)} GiB; Node ${process.version}; ${new Date().toISOString().slice(0, 10)}; medians of ${rounds} rounds, each a fresh process.`;
const report = [header, ...rows].join('\n');
console.log(report);
if (saved) process.exit(0);
fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench', 'results', 'latest.md'), `${report}\n`);
fs.writeFileSync(path.join(root, 'bench', 'results', 'latest.json'), JSON.stringify({ header, summary, samples }, null, 2));
