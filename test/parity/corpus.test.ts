import * as fs from 'fs';
import * as path from 'path';
import * as apps from 'kubernetes-models/apps/v1';
import * as extensions from 'kubernetes-models/extensions/v1beta1';
import * as netv1 from 'kubernetes-models/networking.k8s.io/v1';
import * as netBeta from 'kubernetes-models/networking.k8s.io/v1beta1';
import * as core from 'kubernetes-models/v1';
import { parseAllDocuments } from 'yaml';
import { main } from '../../src/cli/main';

/**
 * The parity corpus (scripts/parity.ts runs it through the peer linters too): what the audit
 * reports on each file at production. The peers' side needs them installed (npx projen
 * test:parity); this side runs in npm test, so the corpus cannot drift from the rules.
 */
const corpus = path.join(__dirname, 'corpus');

/** Schemas of every kind in the corpus, the removed API versions by their own (old) schema. */
const SCHEMAS: Record<string, new (data: any) => { validate(): void }> = {
  'v1/Service': core.Service,
  'apps/v1/Deployment': apps.Deployment,
  'apps/v1/DaemonSet': apps.DaemonSet,
  'networking.k8s.io/v1/Ingress': netv1.Ingress,
  'networking.k8s.io/v1/NetworkPolicy': netv1.NetworkPolicy,
  'extensions/v1beta1/Ingress': extensions.Ingress,
  'networking.k8s.io/v1beta1/Ingress': netBeta.Ingress,
};

function audit(file: string): { code: number; findings: string[] } {
  let err = '';
  const code = main(['audit', '--stage', 'production', path.join(corpus, file)], { out: () => undefined, err: t => { err += t; } });
  return { code, findings: [...err.matchAll(/^(error|warning): \[([a-z0-9-]+)\] (\S+) (\S+) /gm)].map(m => `${m[1]} ${m[2]} ${m[3]} ${m[4]}`) };
}

describe('parity corpus', () => {
  test.each(fs.readdirSync(corpus).filter(f => f.endsWith('.yaml')))('%s passes the Kubernetes schema of its API version', file => {
    for (const doc of parseAllDocuments(fs.readFileSync(path.join(corpus, file), 'utf-8'))) {
      const manifest = doc.toJS();
      const Schema = SCHEMAS[`${manifest.apiVersion}/${manifest.kind}`];
      expect(Schema).toBeDefined();
      expect(() => new Schema(manifest).validate()).not.toThrow();
    }
  });

  test('clean.yaml: nothing to report', () => {
    expect(audit('clean.yaml')).toEqual({ code: 0, findings: [] });
  });

  test('services.yaml', () => {
    expect(audit('services.yaml').findings).toEqual([
      'error external-ips Service shop/capture',
      'error ssh-exposed Service shop/shop-debug',
      'error external-name-target Service shop/local-admin',
      'error dangling-service Service shop/postgres-public',
      'error dangling-service Service shop/capture',
      'warning duplicate-service-selector Service shop/shop-debug',
      'error database-port-exposed Service shop/postgres-public',
      'error load-balancer-without-source-ranges Service shop/postgres-public',
      'error node-port-in-production Service shop/shop-debug',
    ]);
  });

  test('ingress.yaml', () => {
    expect(audit('ingress.yaml').findings).toEqual([
      'error ingress-route-conflict Ingress web/fallback',
      'error ingress-nginx-snippet Ingress web/web',
      'error dangling-ingress-backend Ingress web/tenants',
      'warning ingress-nginx-risky-annotation Ingress web/web',
      'error ingress-without-tls Ingress web/web',
      'error ingress-without-tls Ingress web/tenants',
      'error ingress-without-tls Ingress web/fallback',
      'error ingress-wildcard-host Ingress web/web',
      'error ingress-wildcard-host Ingress web/tenants',
      'error ingress-wildcard-host Ingress web/fallback',
    ]);
  });

  test('network-policies.yaml, host.yaml, deprecated.yaml, probes.yaml, default-namespace.yaml', () => {
    expect(audit('network-policies.yaml').findings).toEqual([
      'error dangling-network-policy NetworkPolicy payments/ledger-ingress',
      // An error: the policy names its namespace, whose workloads are all in the input; a warning only
      // for YAML without namespaces, applied beside pods the input does not show (docs/field-audit.md).
      'error dangling-network-policy-peer NetworkPolicy payments/api-to-ledger',
    ]);
    expect(audit('host.yaml').findings).toEqual([
      'error host-exposure DaemonSet monitoring/node-exporter',
      'error host-exposure Deployment edge/ingress-proxy',
    ]);
    expect(audit('deprecated.yaml').findings).toEqual([
      'error deprecated-api-version Ingress legacy/legacy',
      'error deprecated-api-version Ingress legacy/legacy-beta',
    ]);
    // Only the probe on an undeclared port name, and a warning: numeric probe ports expose nothing (issue #24).
    expect(audit('probes.yaml').findings).toEqual([
      'warning probe-port-not-exposed Deployment orders/orders',
    ]);
    expect(audit('default-namespace.yaml')).toEqual({
      code: 1,
      findings: ['error default-namespace Service default/hello', 'error default-namespace Deployment default/hello'],
    });
  });
});
