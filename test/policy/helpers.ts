import { buildModel } from '../../src/model/model';
import { Finding, evaluate } from '../../src/policy/engine';
import { Rule } from '../../src/policy/rule';
import { Stage } from '../../src/policy/stages';
import { validateManifest } from '../util';

/** Runs one rule over plain manifests (each validated against the schema first). */
export function check(rule: Rule, manifests: any[], stage?: Stage, origin: Record<string, unknown> = {}): Finding[] {
  manifests.forEach(validateManifest);
  const model = buildModel(manifests.map(manifest => ({ manifest, origin: { ...origin } })));
  return evaluate(model, stage).filter(f => f.ruleId === rule.id);
}

export function service(name: string, spec: any, extra: any = {}): any {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, ...extra }, spec };
}

export function deployment(name: string, labels: Record<string, string>, ports: any[] = []): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'example/app:1', ports }] } },
    },
  };
}

interface RouteSpec { host?: string; path?: string; service: string; port: number }

export function ingress(name: string, rules: RouteSpec[], tlsHosts?: string[], annotations?: Record<string, string>): any {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, annotations },
    spec: {
      rules: rules.map(r => ({ host: r.host, http: { paths: [{ path: r.path ?? '/', pathType: 'Prefix', backend: { service: { name: r.service, port: { number: r.port } } } }] } })),
      tls: tlsHosts ? [{ hosts: tlsHosts, secretName: 'tls' }] : undefined,
    },
  };
}

/**
 * Runs one rule over manifests the kubernetes-models schema does not know (custom resources,
 * or objects the schema would refuse on purpose), without validating them first.
 */
export function checkUnvalidated(rule: Rule, manifests: any[], stage?: Stage): Finding[] {
  const model = buildModel(manifests.map(manifest => ({ manifest, origin: {} })));
  return evaluate(model, stage).filter(f => f.ruleId === rule.id);
}
