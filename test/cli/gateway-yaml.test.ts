/**
 * `cdk8s-expose audit` on Gateway API YAML the library did not write (test/fixtures/gateway-yaml/,
 * written by hand as a platform team and app teams would): every route kind, the Gateways and the
 * ListenerSet are report rows with the scope and TLS their listeners give, and the findings fire
 * exactly where the YAML is wrong.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { main } from '../../src/cli/main';
import { validateManifest } from '../util';

const corpus = path.join('test', 'fixtures', 'gateway-yaml');

function run(...args: string[]) {
  let out = '';
  let err = '';
  const code = main(args, { out: t => { out += t; }, err: t => { err += t; } });
  return { code, out, err };
}

describe('audit of hand-written Gateway API YAML', () => {
  test('every document passes the Kubernetes and Gateway API CRD schemas (the corpus is valid YAML an operator could apply)', () => {
    for (const file of fs.readdirSync(corpus)) {
      for (const doc of parseAllDocuments(fs.readFileSync(path.join(corpus, file), 'utf-8'))) validateManifest(doc.toJS());
    }
  });

  describe('at production', () => {
    const { code, out, err } = run('audit', '--stage', 'production', '--format', 'json', corpus);
    const report = JSON.parse(out);
    const row = (kind: string, namespace: string, name: string) => {
      const found = report.objects.find((o: any) => o.kind === kind && o.namespace === namespace && o.name === name);
      if (!found) throw new Error(`no row ${kind} ${namespace}/${name}`);
      return found;
    };
    const findings = report.objects.flatMap((o: any) => o.findings.map((f: any) => `${f.severity} ${f.rule} ${o.kind} ${o.namespace}/${o.name}`)).sort();

    test('exactly these findings: the missing grant, the plain HTTP routes, the refused route, the route for any host; nothing dangling', () => {
      expect(findings).toEqual([
        // No hostnames, on a listener without hostname: it serves every host the Gateway gets.
        'error ingress-wildcard-host HTTPRoute shop/admin',
        'error ingress-without-tls HTTPRoute shop/admin',
        'error ingress-without-tls HTTPRoute shop/legacy',
        'error missing-reference-grant HTTPRoute shop/billing',
        'error route-not-allowed TLSRoute blog/cache',
      ]);
      expect(code).toBe(1);
      // The granted cross-namespace backend (analytics) and mirror (qa, a grant for every Service) pass.
      expect(err).not.toContain('analytics/reports, and no ReferenceGrant');
      expect(err).not.toContain('dangling-ingress-backend');
      expect(err).toContain('error: [missing-reference-grant] HTTPRoute shop/billing (test/fixtures/gateway-yaml/shop.yaml:99 spec.rules[0].backendRefs[0], document 9): rules[0].backendRefs[0] refers to Service billing/invoices');
    });

    test('a row per Gateway and ListenerSet: listeners, hostnames, TLS and certificates, class or parent, attached routes', () => {
      expect(row('Gateway', 'infra', 'public')).toMatchObject({
        type: 'Gateway',
        scope: 'internet',
        ports: ['http 80/HTTP', 'https 443/HTTPS', 'tls-passthrough 8443/TLS', 'postgres 5432/TCP'],
        hosts: ['*.example.com', '*.db.example.com', '*'],
        tls: true,
        certificate: 'Secret wildcard-example-com',
        certificateMissing: null,
        controller: 'eg',
        targets: ['TLSRoute/blog/cache (not accepted)', 'HTTPRoute/shop/storefront', 'HTTPRoute/shop/storefront-redirect', 'HTTPRoute/shop/legacy',
          'HTTPRoute/shop/billing', 'GRPCRoute/shop/cart', 'TLSRoute/shop/db', 'TCPRoute/shop/pg'],
        findings: [],
      });
      // Its infrastructure annotations ask for an internal load balancer.
      expect(row('Gateway', 'infra', 'internal')).toMatchObject({ scope: 'vpc', ports: ['http 80/HTTP'], hosts: ['*'], tls: false, targets: ['HTTPRoute/shop/admin'] });
      expect(row('ListenerSet', 'blog', 'blog')).toMatchObject({
        type: 'ListenerSet',
        scope: 'internet',
        ports: ['blog 443/HTTPS'],
        hosts: ['blog.example.com'],
        tls: true,
        certificate: null,
        certificateMissing: 'secret `blog-example-com` not defined here',
        controller: 'gateway infra/public',
        targets: ['HTTPRoute/blog'],
      });
    });

    test('every route kind is a row, with the scope and TLS of the listener it attaches to', () => {
      const summary = (kind: string, namespace: string, name: string) => {
        const r = row(kind, namespace, name);
        return [r.scope, r.tls, r.certificate ?? r.certificateMissing, r.targets];
      };
      expect(summary('HTTPRoute', 'shop', 'storefront')).toEqual(['internet', true, 'Gateway infra/public listener https',
        ['Service/api', 'Service/web', 'Service/analytics/reports', 'Service/qa/web-shadow']]);
      expect(row('HTTPRoute', 'shop', 'storefront').hosts).toEqual(['shop.example.com/api', 'www.example.com/api', 'shop.example.com/', 'shop.example.com/healthz', 'www.example.com/', 'www.example.com/healthz']);
      expect(summary('HTTPRoute', 'shop', 'storefront-redirect')).toEqual(['internet', true, 'redirects to HTTPS', []]);
      expect(summary('HTTPRoute', 'shop', 'legacy')).toEqual(['internet', false, null, ['Service/web']]);
      expect(summary('HTTPRoute', 'shop', 'admin')).toEqual(['vpc', false, null, ['Service/api']]);
      expect(summary('HTTPRoute', 'blog', 'blog')).toEqual(['internet', true, 'ListenerSet blog/blog listener blog', ['Service/blog']]);
      expect(summary('GRPCRoute', 'shop', 'cart')).toEqual(['internet', true, 'Gateway infra/public listener https', ['Service/cart']]);
      expect(summary('TLSRoute', 'shop', 'db')).toEqual(['internet', true, 'TLS passthrough: the backends hold the certificate', ['Service/db']]);
      // Every listener refuses it: attached to nothing, so it exposes nothing (route-not-allowed says why).
      expect(summary('TLSRoute', 'blog', 'cache')).toEqual(['cluster', true, 'TLS passthrough: the backends hold the certificate', ['Service/cache']]);
      expect(summary('TCPRoute', 'shop', 'pg')).toEqual(['internet', null, null, ['Service/db']]);
      // ReferenceGrants and the BackendTLSPolicy are rows of their own (who may reference what; which Services a
      // Gateway speaks TLS to), after every scope; the policy also shows on the row of the Service it protects.
      const references = report.objects.filter((o: any) => o.scope === 'references');
      expect(references.map((o: any) => [o.kind, `${o.namespace}/${o.name}`, o.from, o.targets, o.hosts])).toEqual(
        report.objects.filter((o: any) => ['ReferenceGrant', 'BackendTLSPolicy'].includes(o.kind)).map((o: any) => [o.kind, `${o.namespace}/${o.name}`, o.from, o.targets, o.hosts]));
      expect(row('ReferenceGrant', 'analytics', 'shop-routes')).toMatchObject({ type: 'ReferenceGrant', from: ['HTTPRoute in namespace shop'], targets: ['Service/reports'] });
      expect(row('BackendTLSPolicy', 'shop', 'api-tls')).toMatchObject({
        type: 'BackendTLSPolicy',
        tls: true,
        hosts: ['api.shop.svc.cluster.local'],
        from: ['the Gateway: host api.shop.svc.cluster.local, CA ConfigMap internal-ca (not defined here)'],
        targets: ['Service/api (port https)'],
      });
      expect(report.summary.byScope.references).toBe(references.length);
      expect(references.map((o: any) => o.kind)).toContain('BackendTLSPolicy');
      expect(row('Service', 'shop', 'api').backendTls)
        .toBe('TLS from the Gateway on port https (BackendTLSPolicy api-tls: host api.shop.svc.cluster.local, CA ConfigMap internal-ca (not defined here))');
      expect(row('Service', 'shop', 'web').backendTls).toBeNull();
    });
  });

  test('Markdown and Mermaid: the Gateway rows, Gateway -> route -> Service, ListenerSet -> Gateway', () => {
    const markdown = run('audit', corpus).out;
    expect(markdown).toContain('| ListenerSet `blog` | blog | ListenerSet | blog 443/HTTPS<br>blog.example.com | — | secret `blog-example-com` not defined here | gateway infra/public | HTTPRoute/blog | — |');
    expect(markdown).toContain('| Gateway `internal` | infra | Gateway | http 80/HTTP<br>* | — | **no** | eg | HTTPRoute/shop/admin | — |');
    const mermaid = run('audit', '--format', 'mermaid', corpus).out;
    const node = (label: string) => {
      const line = mermaid.split('\n').find(l => l.includes(`"${label}<br/>`));
      if (!line) throw new Error(`no node ${label}`);
      return line.trim().split(/[[(>]/)[0];
    };
    const gateway = node('Gateway infra/public');
    const listenerSet = node('ListenerSet blog/blog');
    const storefront = node('HTTPRoute shop/storefront');
    const web = node('Service shop/web');
    expect(mermaid).toContain(`${gateway}[/"Gateway infra/public<br/>http 80/HTTP https 443/HTTPS tls-passthrough 8443/TLS postgres 5432/TCP (TLS)"\\]`);
    expect(mermaid).toContain(`  internet((Internet)) --> ${gateway}\n`);
    expect(mermaid).toContain(`  ${gateway} --> ${storefront}\n`);
    expect(mermaid).toContain(`  ${storefront} --> ${web}\n`);
    expect(mermaid).toContain(`  ${listenerSet} -.->|joins| ${gateway}\n`);
    expect(mermaid).toContain(`  ${listenerSet} --> ${node('HTTPRoute blog/blog')}\n`);
    expect(mermaid).toContain(`  ${gateway} -.->|not accepted| ${node('TLSRoute blog/cache')}\n`);
    expect(mermaid).toContain(`  vpc((VPC)) --> ${node('Gateway infra/internal')}\n`);
    // A route behind a Gateway in the YAML is reached through it, not from the internet directly.
    expect(mermaid).not.toContain(`internet((Internet)) --> ${storefront}\n`);
    expect(mermaid).not.toContain(`internet((Internet)) --> ${listenerSet}\n`);
  });
});
