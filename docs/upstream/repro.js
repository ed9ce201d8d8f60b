// Minimal reproduction for docs/upstream/cdk8s-validates-the-app-once-per-chart.md.
// Stock cdk8s and cdk8s-plus-28 only. Usage: node docs/upstream/repro.js [services] [charts]
const fs = require('fs');
const os = require('os');
const path = require('path');
const { App, Chart, YamlOutputType } = require('cdk8s');
const kplus = require('cdk8s-plus-28');

function run(services, charts, yamlOutputType) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-repro-'));
  const app = new App({ outdir, yamlOutputType });
  let validations = 0;
  app.node.addValidation({ validate: () => { validations++; return []; } });
  const perChart = Math.ceil(services / charts);
  let chart;
  for (let i = 0; i < services; i++) {
    if (i % perChart === 0) chart = new Chart(app, `c${i / perChart}`);
    new kplus.Service(chart, `s${i}`, { ports: [{ port: 80 }], selector: kplus.Pods.select(chart, `p${i}`, { labels: { app: `a${i}` } }) });
  }
  const start = process.hrtime.bigint();
  app.synth();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  fs.rmSync(outdir, { recursive: true, force: true });
  return { services, charts, yamlOutputType, validations, ms: Math.round(ms) };
}

if (require.main === module) {
  // The same Services in 1 chart and in N charts: the App is validated (and its dependencies
  // resolved) once per chart plus once, so the time grows with App size x charts.
  const services = Number(process.argv[2] ?? 20000);
  const charts = Number(process.argv[3] ?? 40);
  for (const count of [1, charts]) {
    console.log(JSON.stringify(run(services, count, YamlOutputType.FILE_PER_CHART)));
  }
}
module.exports = { run };
