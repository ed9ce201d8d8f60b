import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import * as apps from 'kubernetes-models/apps/v1';
import * as batch from 'kubernetes-models/batch/v1';
import * as netv1 from 'kubernetes-models/networking.k8s.io/v1';
import * as rbac from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import * as core from 'kubernetes-models/v1';
import { GATEWAY_KINDS, gatewaySchemaProblems } from './gateway/crd-schema';

/** The kubernetes-models class for each kind that the library or its tests synthesize. */
const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  'v1/Service': core.Service,
  'v1/Pod': core.Pod,
  'v1/Namespace': core.Namespace,
  'v1/Secret': core.Secret,
  'v1/ConfigMap': core.ConfigMap,
  'apps/v1/Deployment': apps.Deployment,
  'apps/v1/StatefulSet': apps.StatefulSet,
  'apps/v1/DaemonSet': apps.DaemonSet,
  'batch/v1/Job': batch.Job,
  'batch/v1/CronJob': batch.CronJob,
  'rbac.authorization.k8s.io/v1/ClusterRole': rbac.ClusterRole,
  'rbac.authorization.k8s.io/v1/RoleBinding': rbac.RoleBinding,
  'networking.k8s.io/v1/Ingress': netv1.Ingress,
  'networking.k8s.io/v1/NetworkPolicy': netv1.NetworkPolicy,
};

/**
 * Gateway API kinds are checked against the CRDs' own schemas (standard channel v1.6.1):
 * @kubernetes-models/gateway-api 0.5 has only HTTPRoute, Gateway and GatewayClass at v1, and
 * an HTTPRoute schema older than named rules and CORS.
 */
class GatewayApiModel {
  constructor(private readonly manifest: any) {}
  validate(): void {
    const problems = gatewaySchemaProblems(this.manifest);
    if (problems.length > 0) throw new Error(problems.join('; '));
  }
}
for (const key of GATEWAY_KINDS) MODELS[key] = GatewayApiModel;

/**
 * Validates one manifest against the Kubernetes schema (kubernetes-models). A kind with no
 * model registered fails, so that no manifest escapes validation.
 */
export function validateManifest(manifest: any): void {
  const key = `${manifest.apiVersion}/${manifest.kind}`;
  const Model = MODELS[key];
  if (!Model) {
    throw new Error(`no schema registered for ${key}; add it to test/util.ts`);
  }
  try {
    new Model(manifest).validate();
  } catch (e) {
    throw new Error(`${key} ${manifest.metadata?.name} fails the Kubernetes schema: ${(e as Error).message}\n${JSON.stringify(manifest, null, 2)}`);
  }
  // Only what passes the schema goes to the server: a test that expects a schema failure (the
  // docs harness's own tests) writes one on purpose, and any other failure fails its test anyway.
  dumpForApiServer(manifest);
}

/**
 * With CDK8S_EXPOSE_DUMP_DIR set (test/apiserver/run.sh sets it), every manifest a test validates
 * (and the schema accepts) is also written there, one JSON case per line, for the real API server to judge.
 */
function dumpForApiServer(manifest: any): void {
  const dir = process.env.CDK8S_EXPOSE_DUMP_DIR;
  if (!dir) return;
  const test = expect.getState().currentTestName ?? expect.getState().testPath ?? 'unknown';
  fs.appendFileSync(path.join(dir, `jest-${process.env.JEST_WORKER_ID ?? '0'}.jsonl`), `${JSON.stringify({ id: `jest: ${test}`, expect: 'accept', manifest })}\n`);
}

/**
 * Synthesizes a chart (as `Testing.synth` does) and validates every manifest against the
 * Kubernetes schema. Every test that looks at YAML goes through here.
 */
export function synth(chart: Chart): any[] {
  const manifests = Testing.synth(chart);
  manifests.forEach(validateManifest);
  return manifests;
}

/** Synthesizes every chart of an app and validates every manifest. */
export function synthApp(app: App): any[] {
  const manifests = app.charts.flatMap(c => c.toJson());
  manifests.forEach(validateManifest);
  return manifests;
}

/** A fresh chart in a fresh app. */
export function newChart(id = 'test'): Chart {
  return new Chart(Testing.app(), id);
}

/** The manifests of one kind. */
export function ofKind(manifests: any[], kind: string): any[] {
  return manifests.filter(m => m.kind === kind);
}

/** The single Service among the manifests. */
export function theService(manifests: any[]): any {
  const services = ofKind(manifests, 'Service');
  if (services.length !== 1) throw new Error(`expected one Service, found ${services.length}`);
  return services[0];
}
