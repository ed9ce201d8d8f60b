/**
 * The audit benchmark: `npm run bench:audit` (options: --sizes 10000,100000 --rounds 3).
 * Writes one YAML file of N Services (LoadBalancers, NodePorts and ClusterIPs, some with
 * findings) to a temporary folder and times `cdk8s-expose audit` on it end to end, each run a
 * fresh process (node bin/cdk8s-expose against lib/, so run `npx projen compile` first), with
 * its peak memory (max RSS from /usr/bin/time when present, else the child's resource usage).
 * Then the report alone, in a fresh process per round: the manifests already read, the time
 * to build the model, run the rules, build the inventory and write the JSON and the Markdown.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const sizes = arg('sizes', '10000,100000').split(',').map(Number);
const rounds = Number(arg('rounds', '3'));
const root = path.resolve(__dirname, '..');

function service(i: number): string {
  const type = ['ClusterIP', 'NodePort', 'LoadBalancer'][i % 3];
  return [
    'apiVersion: v1', 'kind: Service', 'metadata:', `  name: svc-${i}`, `  namespace: ns-${i % 50}`, 'spec:', `  type: ${type}`,
    '  selector:', `    app: app-${i}`, '  ports:', '  - name: http', '    port: 80', '    targetPort: 8080',
    ...(type === 'LoadBalancer' ? ['  loadBalancerSourceRanges:', '  - 10.0.0.0/8'] : []),
  ].join('\n');
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'expose-audit-bench-'));
const rows: string[] = ['| services | file MB | audit s (median) | max RSS MB (median) |', '| ---: | ---: | ---: | ---: |'];
const results: any[] = [];
for (const size of sizes) {
  const file = path.join(dir, `services-${size}.yaml`);
  const out = fs.openSync(file, 'w');
  for (let i = 0; i < size; i++) fs.writeSync(out, `${i ? '---\n' : ''}${service(i)}\n`);
  fs.closeSync(out);
  const times: number[] = [];
  const rss: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    const run = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, path.join(root, 'bin', 'cdk8s-expose'), 'audit', '--format', 'json', file], { encoding: 'utf-8', maxBuffer: 1 << 30 });
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
    if (run.status !== 0 && run.status !== 1) throw new Error(`audit failed (${run.status}): ${run.stderr.slice(-2000)}`);
    rss.push(Number(run.stderr.trim().split('\n').pop()) / 1024);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  results.push({ size, seconds: median(times), maxRssMb: median(rss) });
  rows.push(`| ${size} | ${(fs.statSync(file).size / 1e6).toFixed(1)} | ${median(times).toFixed(2)} | ${median(rss).toFixed(0)} |`);
}

// The report alone: what ExposureReport costs once the YAML is read (src/report/).
const reportRows: string[] = ['| services | report s (median) | of which JSON s | Markdown s |', '| ---: | ---: | ---: | ---: |'];
const reportScript = `
const { readManifests } = require(${JSON.stringify(path.join(root, 'lib', 'cli', 'inputs'))});
const { ExposureReport } = require(${JSON.stringify(path.join(root, 'lib', 'report', 'report'))});
const manifests = readManifests(process.argv[1], []);
const t0 = process.hrtime.bigint();
const report = ExposureReport._fromSourced(manifests, undefined, []);
const t1 = process.hrtime.bigint();
report.toJson();
const t2 = process.hrtime.bigint();
report.toMarkdown();
const t3 = process.hrtime.bigint();
console.log(JSON.stringify([t3 - t0, t2 - t1, t3 - t2].map(n => Number(n) / 1e9)));`;
for (const size of sizes) {
  const file = path.join(dir, `services-${size}.yaml`);
  const runs: number[][] = [];
  for (let r = 0; r < rounds; r++) {
    const run = spawnSync(process.execPath, ['-e', reportScript, file], { encoding: 'utf-8', maxBuffer: 1 << 30 });
    if (run.status !== 0) throw new Error(`report failed (${run.status}): ${run.stderr.slice(-2000)}`);
    runs.push(JSON.parse(run.stdout.trim().split('\n').pop()!));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const [total, json, markdown] = [0, 1, 2].map(i => median(runs.map(x => x[i])));
  results.push({ size, reportSeconds: total, jsonSeconds: json, markdownSeconds: markdown });
  reportRows.push(`| ${size} | ${total.toFixed(2)} | ${json.toFixed(2)} | ${markdown.toFixed(2)} |`);
}
fs.rmSync(dir, { recursive: true, force: true });
console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model}; Node ${process.version}; load average ${os.loadavg()[0].toFixed(1)}; medians of ${rounds} fresh processes.\n\n${rows.join('\n')}\n\nThe report alone (YAML already read):\n\n${reportRows.join('\n')}`);
