/**
 * The synth benchmark: `npm run bench` (options: --sizes 1000,5000,20000 --rounds 3
 * --kinds InternalService,DevService,PublicService,ExternalAlias,IngressFronted
 * --variants expose,kplus,raw,kplus-fixed,raw-fixed).
 *
 * For every construct kind and size it synthesizes the same Service shapes five ways — this
 * library, plain cdk8s-plus-28, raw KubeService objects, and those two baselines with the
 * library's workarounds for cdk8s and cdk8s-plus-28 applied — each measurement in a fresh
 * Node process, alternating the order of the variants every round, and reports medians, the
 * ratio to each baseline, peak memory (max RSS), the share of the App-wide rules, and the
 * growth from the smallest to the largest size. Results go to stdout and bench/results/;
 * `--from bench/results/latest.json` prints the tables again from saved samples.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

interface Sample { variant: string; kind: string; count: number; buildMs: number; synthMs: number; totalMs: number; rulesMs?: number; reportMs?: number; maxRssMb: number }

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

let sizes = arg('sizes', '1000,5000,20000').split(',').map(Number);
let rounds = Number(arg('rounds', '3'));
let kinds = arg('kinds', 'InternalService,DevService,PublicService,ExternalAlias,IngressFronted').split(',');
// kplus-fixed, raw-fixed: the baselines with the library's workarounds for cdk8s and
// cdk8s-plus-28 applied (bench/workload.ts).
const ALL_VARIANTS = ['expose', 'kplus', 'raw', 'kplus-fixed', 'raw-fixed'];
const variants = arg('variants', ALL_VARIANTS.join(',')).split(',');
const root = path.resolve(__dirname, '..');

function measure(variant: string, kind: string, count: number): Sample {
  const result = spawnSync(process.execPath, ['--max-old-space-size=8192', '-r', 'ts-node/register/transpile-only', path.join('bench', 'workload.ts'), variant, kind, String(count)], {
    cwd: root, encoding: 'utf-8', maxBuffer: 1 << 20, env: { ...process.env, CDK8S_EXPOSE_STAGE: '' },
  });
  if (result.status !== 0) throw new Error(`workload ${variant} ${kind} ${count} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!);
}

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const m = Math.floor(s.length / 2); return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '—');

// --from <latest.json> renders the tables again from saved samples, without measuring.
const from = arg('from', '');
const saved = from ? JSON.parse(fs.readFileSync(from, 'utf-8')) : undefined;
const samples: Sample[] = saved ? saved.samples : [];
for (const kind of saved ? [] : kinds) {
  for (const count of sizes) {
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? variants : [...variants].reverse();
      for (const variant of order) {
        const s = measure(variant, kind, count);
        samples.push(s);
        process.stderr.write(`${kind} ${count} ${variant} round ${r + 1}: ${fmt(s.totalMs)} ms, ${fmt(s.maxRssMb)} MB\n`);
      }
    }
  }
}

if (saved) {
  kinds = [...new Set(samples.map(s => s.kind))];
  sizes = [...new Set(samples.map(s => s.count))].sort((a, b) => a - b);
  rounds = samples.filter(s => s.variant === 'expose' && s.kind === kinds[0] && s.count === sizes[0]).length;
}

const pick = (variant: string, kind: string, count: number) => samples.filter(s => s.variant === variant && s.kind === kind && s.count === count);
const rows: string[] = [];
rows.push('| kind | services | cdk8s-expose ms | cdk8s-plus-28 ms | raw KubeService ms | × plus | × raw | expose MB | plus MB | × plus MB | rules ms (share of synth) | report ms |');
rows.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
const summary: any[] = [];
for (const kind of kinds) {
  for (const count of sizes) {
    const e = pick('expose', kind, count); const p = pick('kplus', kind, count); const w = pick('raw', kind, count);
    const et = median(e.map(s => s.totalMs)); const pt = median(p.map(s => s.totalMs)); const wt = median(w.map(s => s.totalMs));
    const em = median(e.map(s => s.maxRssMb)); const pm = median(p.map(s => s.maxRssMb));
    const rules = median(e.map(s => s.rulesMs ?? 0));
    const report = median(e.map(s => s.reportMs ?? 0));
    const f = pick('kplus-fixed', kind, count); const r = pick('raw-fixed', kind, count);
    summary.push({
      kind, count, exposeMs: et, kplusMs: pt, rawMs: wt, exposeMb: em, kplusMb: pm, rulesMs: rules, reportMs: report,
      kplusFixedMs: median(f.map(s => s.totalMs)), kplusFixedMb: median(f.map(s => s.maxRssMb)), rawFixedMs: median(r.map(s => s.totalMs)),
    });
    rows.push(`| ${kind} | ${count} | ${fmt(et)} | ${fmt(pt)} | ${fmt(wt)} | ${fmt(et / pt, 2)} | ${fmt(et / wt, 2)} | ${fmt(em)} | ${fmt(pm)} | ${fmt(em / pm, 2)} | ${fmt(rules)} (${fmt(100 * rules / et, 1)}%) | ${fmt(report)} |`);
  }
}
const growth: string[] = ['', `| kind | growth ${sizes[0]} → ${sizes[sizes.length - 1]} (${sizes[sizes.length - 1] / sizes[0]}× the services), cdk8s-expose | cdk8s-plus-28 | raw | App-wide rules alone |`, '| --- | ---: | ---: | ---: | ---: |'];
const summaryOf = (kind: string, count: number) => summary.find(s => s.kind === kind && s.count === count);
for (const kind of kinds) {
  const at = (v: string, c: number) => summaryOf(kind, c)[v];
  const g = (v: string) => fmt(at(v, sizes[sizes.length - 1]) / at(v, sizes[0]), 1);
  growth.push(`| ${kind} | ${g('exposeMs')}× | ${g('kplusMs')}× | ${g('rawMs')}× | ${g('rulesMs')}× |`);
}
// The spread of the rounds at the largest size, so that the medians can be read against the noise.
const largest = sizes[sizes.length - 1];
const range = (xs: Sample[]) => { const t = xs.map(s => s.totalMs).sort((a, b) => a - b); return t.length ? `${fmt(t[0])}–${fmt(t[t.length - 1])}` : '—'; };
growth.push('', `| kind | rounds at ${largest}: cdk8s-expose ms, fastest–slowest | cdk8s-plus-28 | raw | cdk8s-plus-28 with the workarounds | raw with the workarounds |`, '| --- | ---: | ---: | ---: | ---: | ---: |');
for (const kind of kinds) {
  growth.push(`| ${kind} | ${ALL_VARIANTS.map(v => range(pick(v, kind, largest))).join(' | ')} |`);
}
// The same comparison with the library's workarounds for cdk8s and cdk8s-plus-28 applied to the
// baselines too (kplus-fixed, raw-fixed): what the wrapper itself costs on the same cdk8s path.
if (samples.some(s => s.variant === 'kplus-fixed' || s.variant === 'raw-fixed')) {
  growth.push('', '| kind | services | cdk8s-expose ms | cdk8s-plus-28 with the workarounds ms | × | raw with the workarounds ms | × | expose MB | plus with the workarounds MB | × MB |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const kind of kinds) {
    for (const count of sizes) {
      const { exposeMs: et, exposeMb: em, kplusFixedMs: ft, kplusFixedMb: fm, rawFixedMs: rt } = summaryOf(kind, count);
      growth.push(`| ${kind} | ${count} | ${fmt(et)} | ${fmt(ft)} | ${fmt(et / ft, 2)} | ${fmt(rt)} | ${fmt(et / rt, 2)} | ${fmt(em)} | ${fmt(fm)} | ${fmt(em / fm, 2)} |`);
    }
  }
  growth.push('', `| kind | growth ${sizes[0]} → ${largest}, cdk8s-plus-28 with the workarounds | raw with the workarounds |`, '| --- | ---: | ---: |');
  for (const kind of kinds) {
    const g = (v: string) => fmt(summaryOf(kind, largest)[v] / summaryOf(kind, sizes[0])[v], 1);
    growth.push(`| ${kind} | ${g('kplusFixedMs')}× | ${g('rawFixedMs')}× |`);
  }
}
const header = saved?.header ?? `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${fmt(os.totalmem() / 2 ** 30)} GiB; Node ${process.version}; ${new Date().toISOString().slice(0, 10)}; medians of ${rounds} rounds, each a fresh process.`;
const report = [header, '', ...rows, ...growth].join('\n');
console.log(report);
if (saved) process.exit(0);
fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench', 'results', 'latest.md'), `${report}\n`);
fs.writeFileSync(path.join(root, 'bench', 'results', 'latest.json'), JSON.stringify({ header, summary, samples }, null, 2));
