/**
 * In-process A/B of the library against the composition floor: `npm run bench:inprocess`
 * (arguments: services, repetitions, variants; default 10000 15 compose,expose).
 *
 * One warm Node process builds one chart of N InternalServices (variant `expose`) or of N
 * cdk8s-plus-28 Services each owned by a bare Construct (variant `compose`, the composition
 * floor), then runs `Testing.synth` on it; the variants alternate, their order flips every
 * repetition, and the heap is collected before each. It prints the median CPU time of the build,
 * the synth and both, and each variant's ratio to the first. Fresh processes (`npm run bench`)
 * carry the start-up and JIT warm-up that this leaves out; this one resolves differences of a
 * few per cent that the fresh-process spread hides.
 */
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { InternalService } from '../src';

const count = Number(process.argv[2] ?? 10000);
const repetitions = Number(process.argv[3] ?? 15);
const variants = (process.argv[4] ?? 'compose,expose').split(',');
const gc = (global as { gc?: () => void }).gc;
if (!gc) throw new Error('bench/inprocess.ts: run node with --expose-gc (npm run bench:inprocess does)');
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

const results: Record<string, { build: number[]; synth: number[]; total: number[] }> = {};
for (let r = 0; r < repetitions; r++) {
  for (const variant of r % 2 ? [...variants].reverse() : variants) {
    gc();
    const t0 = cpuMs();
    const chart = new Chart(Testing.app(), 'chart');
    for (let i = 0; i < count; i++) {
      const selector = kplus.Pods.select(chart, `s${i}-pods`, { labels: { app: `app-${i}` } });
      const ports = [{ port: 80, targetPort: 8080 }];
      if (variant === 'compose') new kplus.Service(new Construct(chart, `s${i}`), 'Default', { selector, ports });
      else if (variant === 'expose') new InternalService(chart, `s${i}`, { selector, ports });
      else throw new Error(`bench/inprocess.ts: unknown variant ${variant} (compose or expose)`);
    }
    const t1 = cpuMs();
    Testing.synth(chart);
    const t2 = cpuMs();
    const into = (results[variant] ??= { build: [], synth: [], total: [] });
    into.build.push(t1 - t0);
    into.synth.push(t2 - t1);
    into.total.push(t2 - t0);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = results[variants[0]];
console.log(`${count} Services, ${repetitions} repetitions, median CPU ms (ratio to ${variants[0]})`);
for (const variant of variants) {
  const cells = (['build', 'synth', 'total'] as const).map(k => {
    const m = median(results[variant][k]);
    return `${k} ${m.toFixed(0)} (${(m / median(base[k])).toFixed(3)}×)`;
  });
  console.log(`${variant.padEnd(8)} ${cells.join('  ')}`);
}
