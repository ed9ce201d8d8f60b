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

describe('ExposureDiff of ReferenceGrants and BackendTLSPolicies', () => {
  const grant = (to: any[]) => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'ReferenceGrant',
    metadata: { name: 'routes', namespace: 'billing' },
    spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' }], to },
  });
  const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'invoices', namespace: 'billing' }, spec: { selector: { app: 'invoices' }, ports: [{ port: 443, name: 'https' }] } };
  const btls = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'BackendTLSPolicy',
    metadata: { name: 'invoices-tls', namespace: 'billing' },
    spec: { targetRefs: [{ group: '', kind: 'Service', name: 'invoices' }], validation: { hostname: 'invoices.billing.svc', wellKnownCACertificates: 'System' } },
  };

  test('a new grant, or one that allows more, widens; a BackendTLSPolicy added narrows, removed widens', () => {
    const none = ExposureReport.fromManifests([svc]);
    const one = ExposureReport.fromManifests([svc, grant([{ group: '', kind: 'Service', name: 'invoices' }])]);
    const every = ExposureReport.fromManifests([svc, grant([{ group: '', kind: 'Service' }])]);
    expect(ExposureDiff.between(none, one).toMarkdown()).toContain('| ReferenceGrant billing/routes | references | new grant: HTTPRoute in namespace shop may reference Service/invoices |');
    const wider = ExposureDiff.between(one, every).toMarkdown();
    expect(wider).toMatch(/## Widened[\s\S]*\| ReferenceGrant billing\/routes \| references \| may reference Service \(any\) \|[\s\S]*## Narrowed[\s\S]*no longer may reference Service\/invoices/);
    const tls = ExposureReport.fromManifests([svc, btls]);
    expect(ExposureDiff.between(none, tls).hasWidened).toBe(false);
    expect(ExposureDiff.between(none, tls).toMarkdown()).toContain('new: the Gateway speaks TLS to Service/invoices');
    expect(ExposureDiff.between(tls, none).toMarkdown()).toContain('removed: the Gateway no longer speaks TLS to Service/invoices');
  });

  test('the report: a section of their own in Markdown, a note in Mermaid, a row with `from` in JSON', () => {
    const report = ExposureReport.fromManifests([svc, grant([{ group: '', kind: 'Service' }]), btls]);
    const md = report.toMarkdown();
    expect(md).toContain('3 objects (0 internet, 0 vpc, 0 node, 0 external-dns, 1 cluster, 0 isolation, 2 references).');
    expect(md).toContain('## Gateway API grants and backend TLS (ReferenceGrants, BackendTLSPolicies)');
    expect(md).toContain('| ReferenceGrant `routes` | billing | HTTPRoute in namespace shop | Service (any) | — | — |');
    expect(md).toContain('| BackendTLSPolicy `invoices-tls` | billing | the Gateway: host invoices.billing.svc, CA the System trust store | Service/invoices | invoices.billing.svc | — |');
    const mermaid = report.toMermaid();
    expect(mermaid).toMatch(/n\d+>"BackendTLSPolicy billing\/invoices-tls"\]/);
    expect(mermaid).toMatch(/n\d+ -.->\|TLS to the pods\| n\d+/);
    const json = JSON.parse(report.toJson());
    expect(json.summary.byScope.references).toBe(2);
    expect(json.objects.find((o: any) => o.kind === 'Service').from).toBeUndefined();
    // Without grants or policies the report is as it was: no references key, no section.
    expect(JSON.parse(ExposureReport.fromManifests([svc]).toJson()).summary.byScope.references).toBeUndefined();
  });
});
