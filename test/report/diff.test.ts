import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ExposureDiff, ExposureReport, InternalService } from '../../src';
import { synth } from '../util';

/** The report of a chart with an API behind an InternalService, isolated as asked. */
function shop(isolate: (api: InternalService, chart: Chart) => void): ExposureReport {
  const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
  const api = new InternalService(chart, 'Api', { selectLabels: { app: 'api' }, ports: [{ port: 80 }], metadata: { name: 'api' } });
  isolate(api, chart);
  synth(chart); // every manifest passes the schema
  return ExposureReport.fromApp(chart);
}
const web = (chart: Chart) => kplus.Pods.select(chart, 'Web', { labels: { app: 'web' } });
const worker = (chart: Chart) => kplus.Pods.select(chart, 'Worker', { labels: { app: 'worker' } });

describe('ExposureDiff of NetworkPolicies', () => {
  test('a NetworkPolicy removed widens; added, it narrows', () => {
    const open = shop(() => {});
    const isolated = shop((api, chart) => api.allowFrom(web(chart)));
    const removed = ExposureDiff.between(isolated, open);
    expect(removed.hasWidened).toBe(true);
    expect(removed.toMarkdown()).toMatch(/\| NetworkPolicy shop\/shop-api-networkpolicy-\w+ \| isolation \| removed: pods app=api no longer admit only pods app=web in namespace shop \(80\/TCP\) \|/);
    const added = ExposureDiff.between(open, isolated);
    expect(added.hasWidened).toBe(false);
    expect(added.toMarkdown()).toMatch(/## Narrowed[\s\S]*new NetworkPolicy: pods app=api now admit only pods app=web in namespace shop \(80\/TCP\)/);
  });

  test('a peer admitted or egress opened widens; a peer dropped or egress restricted narrows', () => {
    const one = shop((api, chart) => api.allowFrom(web(chart)));
    const two = shop((api, chart) => { api.allowFrom(web(chart)); api.allowFrom(worker(chart)); });
    const widened = ExposureDiff.between(one, two);
    expect(widened.hasWidened).toBe(true);
    expect(widened.toMarkdown()).toContain('admits pods app=worker in namespace shop (80/TCP)');
    expect(ExposureDiff.between(two, one).toMarkdown()).toContain('no longer admits pods app=worker in namespace shop (80/TCP)');
    const egress = shop((api, chart) => { api.allowFrom(web(chart)); api.allowTo(worker(chart), { ports: [9000] }); });
    expect(ExposureDiff.between(egress, one).toMarkdown()).toContain('egress no longer restricted');
    const narrowed = ExposureDiff.between(one, egress);
    expect(narrowed.hasWidened).toBe(false);
    expect(narrowed.toMarkdown()).toContain('egress now restricted to pods app=worker in namespace shop (9000/TCP)');
  });
});
