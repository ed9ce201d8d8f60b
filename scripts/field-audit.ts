/**
 * Writes docs/field-audit.md: the verdict on every finding `cdk8s-expose audit --stage
 * production` gives on the field corpus (test/fixtures/field/, verdicts in
 * test/field/verdicts.ts), the findings of the engine before the #24 fixes that went away
 * (test/field/before.txt, recorded at main e0740e0) with the fix of each, and beside them what
 * Checkov and kube-score say on the same files (test/field/peers.json).
 *
 * Usage: ts-node --transpile-only scripts/field-audit.ts [--peers CHECKOV_JSON KUBE_SCORE]
 *   --peers  first reads Checkov's JSON for the corpus directory (`checkov -d test/fixtures/field
 *            --framework kubernetes -o json`) and runs kube-score on each file with
 *            scripts/parity.ts's runner, and records both in test/field/peers.json (slow: run once).
 */
import * as fs from 'fs';
import * as path from 'path';
import { readTable, run } from './parity';
import { FIELD_DIR, FieldFinding, auditFile, corpusFiles } from '../test/field/corpus';
import { verdictsOf } from '../test/field/verdicts';

const root = path.resolve(__dirname, '..');
const peersPath = path.join(root, 'test', 'field', 'peers.json');
const docPath = path.join(root, 'docs', 'field-audit.md');

interface PeerRecord { readonly file: string; readonly peer: string; readonly check: string; readonly object: string }

/** Why a finding of main's engine went away, by rule (and file, where two fixes share a rule). */
const FIXED: Array<{ rule: string; severity: string; file?: RegExp; how: string }> = [
  { rule: 'api-server-rejects', severity: 'error', how: 'RBAC names are path segments (`system:aggregated-metrics-reader` is valid): names checked per kind (field-engine 57bc909).' },
  { rule: 'probe-port-not-exposed', severity: 'error', how: 'The kubelet probes any port of the pod and a probe exposes nothing: numeric probe ports are not judged, named ones are a warning (field-engine).' },
  { rule: 'dangling-service', severity: 'error', how: 'Controllers add pod labels (statefulset.kubernetes.io/pod-name for Argo CD HA\'s redis-ha-announce-N) and operators make pods from custom resources: matched, or a warning that names why (field-engine).' },
  { rule: 'dangling-network-policy', severity: 'error', how: 'Operators\' custom resources (Prometheus, Alertmanager) make the pods: a warning that names them (field-engine).' },
  { rule: 'dangling-network-policy-peer', severity: 'error', file: /^argo-cd\//, how: 'YAML without namespaces is applied with kubectl -n beside pods the input does not show (Argo CD core-install admits argocd-server, installed apart): a warning (this branch).' },
  { rule: 'dangling-network-policy-peer', severity: 'error', how: 'Operators\' custom resources make the peer pods: a warning that names them (field-engine).' },
  { rule: 'route-not-allowed', severity: 'error', how: 'A parentRef without sectionName attaches to the listeners that take its kind; the others are skipped, not refusals (gateway 6dfe15b).' },
  { rule: 'dangling-ingress-backend', severity: 'error', how: 'A file of routes alone (Gateway API examples, Traefik and Istio samples) defines no Service of the namespace: the backends are not known to be missing (this branch).' },
  { rule: 'dangling-backend-tls-policy', severity: 'error', how: 'A file of policies alone defines no Service of the namespace: the target is not known to be missing (this branch).' },
  { rule: 'target-port-not-exposed', severity: 'error', how: 'containerPort lists are informational: an undeclared numeric target port is a warning (this branch).' },
  { rule: 'duplicate-service-selector', severity: 'warning', how: 'Only a second way in that reaches a target port from further, as the rule\'s why says; metrics, webhook and validator Services beside the main one widen nothing (this branch).' },
  { rule: 'ingress-without-tls', severity: 'warning', how: 'A route with no parentRefs is attached to nothing and serves nothing; the message no longer says "through ," (gateway 5ab94a8).' },
];

function parseBefore(): FieldFinding[] {
  return fs.readFileSync(path.join(root, 'test', 'field', 'before.txt'), 'utf-8').split('\n').filter(l => l.trim() !== '').map(l => {
    const [file, severity, rule, object, ...message] = l.split(' | ').map(c => c.trim());
    return { file, severity: severity as FieldFinding['severity'], rule, object, message: message.join(' | ') };
  });
}

async function recordPeers(checkovJson: string, kubeScore: string): Promise<void> {
  const records: PeerRecord[] = [];
  const parsed = JSON.parse(fs.readFileSync(checkovJson, 'utf-8'));
  for (const report of Array.isArray(parsed) ? parsed : [parsed]) {
    for (const c of report?.results?.failed_checks ?? []) {
      const [kind, , ...name] = String(c.resource).split('.');
      records.push({ file: path.relative(FIELD_DIR, path.join(root, String(c.file_path))), peer: 'Checkov', check: c.check_id, object: `${kind}/${name.join('.')}` });
    }
  }
  for (const file of corpusFiles()) {
    const { stdout } = await run(kubeScore, ['score', path.join(FIELD_DIR, file), '-o', 'json', '--all-default-optional', '--kubernetes-version', 'v1.28']);
    let out: any[] = [];
    try { out = JSON.parse(stdout) ?? []; } catch { out = []; }
    for (const o of out) {
      const parts = String(o.object_name).split('/');
      for (const c of o.checks ?? []) if (!c.skipped && c.grade < 10) records.push({ file, peer: 'kube-score', check: c.check.id, object: `${parts[0]}/${parts[parts.length - 1]}` });
    }
  }
  const unique = [...new Map(records.map(r => [`${r.file} ${r.peer} ${r.check} ${r.object}`, r])).values()];
  fs.writeFileSync(peersPath, `${JSON.stringify(unique.sort((a, b) => `${a.file}${a.peer}${a.check}${a.object}`.localeCompare(`${b.file}${b.peer}${b.check}${b.object}`)), null, 0).replace(/\},\{/g, '},\n{')}\n`);
}

function count<T>(items: T[], key: (t: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const i of items) out.set(key(i), (out.get(key(i)) ?? 0) + 1);
  return out;
}

function write(): void {
  const files = corpusFiles();
  const after = files.flatMap(f => auditFile(f).findings);
  const before = parseBefore();
  const key = (f: FieldFinding) => `${f.file} | ${f.severity} | ${f.rule} | ${f.object} | ${f.message}`;
  const afterKeys = new Set(after.map(key));
  const gone = before.filter(f => !afterKeys.has(key(f)));
  const index = fs.readFileSync(path.join(FIELD_DIR, 'INDEX.md'), 'utf-8');
  const perProject = new Map<string, number>();
  for (const m of index.matchAll(/^\| `([^/`]+)\/[^`]+` \|.*\| (\d+) \|$/gm)) perProject.set(m[1], (perProject.get(m[1]) ?? 0) + Number(m[2]));
  const total = [...perProject.values()].reduce((a, b) => a + b, 0);
  const sev = (list: FieldFinding[], s: string) => list.filter(f => f.severity === s).length;
  const verdicts = count(after, f => `${f.severity} ${verdictsOf(f)[0]?.verdict ?? 'NONE'}`);
  const peers: PeerRecord[] = fs.existsSync(peersPath) ? JSON.parse(fs.readFileSync(peersPath, 'utf-8')) : [];
  const table = readTable();
  const exposureKinds = new Set(['Service', 'Ingress', 'NetworkPolicy', 'Gateway', 'HTTPRoute', 'VirtualService']);

  const lines: string[] = [
    '# The field audit (issue #24)',
    '',
    '`cdk8s-expose audit --stage production` on the field corpus: real upstream manifests of widely used',
    'projects, committed in `test/fixtures/field/` (sources, commits and licenses in its `INDEX.md`).',
    'Each file is audited alone, as its project ships it. Every finding has a verdict: **right**;',
    '**wrong and fixed** (the finding went away, and how); or **wrong and kept**, with the reason. An',
    'error must be certain on the file\'s own YAML: no error is wrong. `test/field/field-audit.test.ts`',
    'pins all of it (a finding that appears or goes away fails it until this page and',
    '`test/field/verdicts.ts` say why), checks that every real exposure in the corpus is found (read',
    'from the YAML apart from the engine), and that the same files `Include`d in a cdk8s app under',
    '`ExposurePolicy.apply(app, { stage: Stage.PRODUCTION })` give the same findings at synth.',
    'Written by `scripts/field-audit.ts`.',
    '',
    '## The corpus',
    '',
    '| project | objects |',
    '| --- | --- |',
    ...[...perProject.entries()].sort().map(([p, n]) => `| ${p} | ${n} |`),
    `| **total** (${files.length} files) | **${total}** |`,
    '',
    '## Before and after',
    '',
    '| engine | errors | warnings |',
    '| --- | --- | --- |',
    `| main at e0740e0 (before #24) | ${sev(before, 'error')} | ${sev(before, 'warning')} |`,
    `| now (field-engine, gateway and this branch merged) | ${sev(after, 'error')} | ${sev(after, 'warning')} |`,
    '',
    `Verdicts now: ${[...verdicts.entries()].sort().map(([k, n]) => `${k}: ${n}`).join('; ')}. Wrong and fixed: ${gone.length} findings of main's engine`,
    `(${sev(gone, 'error')} errors, ${sev(gone, 'warning')} warnings). Main's engine read no Istio object; the Istio findings are new.`,
    '',
    '## Wrong and fixed',
    '',
    '| rule | severity | findings gone | how |',
    '| --- | --- | --- | --- |',
  ];
  const goneBy = new Map<string, { n: number; how: string; rule: string; severity: string }>();
  for (const f of gone) {
    const fix = FIXED.find(x => x.rule === f.rule && x.severity === f.severity && (x.file === undefined || x.file.test(f.file)));
    const how = fix?.how ?? 'NOT EXPLAINED';
    const k = `${f.rule} ${f.severity} ${how}`;
    const row = goneBy.get(k) ?? { n: 0, how, rule: f.rule, severity: f.severity };
    row.n++;
    goneBy.set(k, row);
  }
  for (const r of [...goneBy.values()].sort((a, b) => b.n - a.n)) lines.push(`| \`${r.rule}\` | ${r.severity} | ${r.n} | ${r.how} |`);
  lines.push('', '## Every finding now, with its verdict', '', 'Reasons, by rule:', '');
  const used = new Map<string, string>();
  for (const f of after) {
    const v = verdictsOf(f)[0];
    if (v) used.set(`\`${v.rule}\` (${v.severity}${v.file ? `, ${v.file.source.replace(/\\\//g, '/').replace(/^\^/, '')}` : ''}${v.message ? `, ${v.message.source}` : ''}): **${v.verdict}**`, v.reason);
  }
  for (const [k, reason] of used) lines.push(`- ${k}. ${reason}`);
  lines.push('', '<!-- findings:start -->', '| file | severity | rule | object | message | verdict |', '| --- | --- | --- | --- | --- | --- |');
  for (const f of [...after].sort((a, b) => key(a).localeCompare(key(b)))) {
    lines.push(`| \`${f.file}\` | ${f.severity} | \`${f.rule}\` | ${f.object} | ${f.message.replace(/\|/g, '\\|')} | ${verdictsOf(f)[0]?.verdict ?? 'NONE'} |`);
  }
  lines.push('<!-- findings:end -->', '', '## What Checkov and kube-score say on the same files', '');
  if (peers.length === 0) {
    lines.push('Not run: test/field/peers.json is missing (run `scripts/field-audit.ts --peers`).');
  } else {
    const ours = new Set(after.map(f => `${f.file} ${f.rule} ${f.object.split(' ')[0]}/${f.object.split(' ')[1].split('/').pop()}`));
    const exposure = peers.filter(p => exposureKinds.has(p.object.split('/')[0]) || table.get(p.peer)?.get(p.check)?.rules.length);
    lines.push(`Checkov ${CHECKOV} and kube-score ${KUBE_SCORE}, run once on every corpus file (Checkov on the directory). All their findings: `
      + `${peers.filter(p => p.peer === 'Checkov').length} from Checkov, ${peers.filter(p => p.peer === 'kube-score').length} from kube-score; `
      + `on Services, Ingresses, NetworkPolicies, Gateways and routes, or from a check docs/rules.md maps to a rule here: ${exposure.length}. Those, by check:`, '',
    '| peer | check | findings | rule here (docs/rules.md) | also reported here on the same object |', '| --- | --- | --- | --- | --- |');
    const byCheck = new Map<string, PeerRecord[]>();
    for (const p of exposure) byCheck.set(`${p.peer}|${p.check}`, [...(byCheck.get(`${p.peer}|${p.check}`) ?? []), p]);
    for (const [k, list] of [...byCheck.entries()].sort()) {
      const [peer, check] = k.split('|');
      const mapping = table.get(peer)?.get(check);
      const rules = mapping?.rules ?? [];
      const hit = list.filter(p => rules.some(r => ours.has(`${p.file} ${r} ${p.object}`))).length;
      lines.push(`| ${peer} | \`${check}\` | ${list.length} | ${rules.length > 0 ? `${rules.map(r => `\`${r}\``).join(', ')}${mapping?.partly ? ' (partly)' : ''}` : '—'} | ${rules.length > 0 ? `${hit} of ${list.length}` : '—'} |`);
    }
    lines.push('', ...PEER_NOTES);
  }
  lines.push('');
  fs.writeFileSync(docPath, lines.join('\n'));
}

/** What the peers' findings on the corpus mean beside ours (read from test/field/peers.json, recorded once). */
const PEER_NOTES = [
  'Where the peers and this engine part:',
  '',
  '- `CKV_K8S_21` (default namespace): Checkov counts an object without a namespace as in `default`. Here such an object',
  '  is not judged (kubectl -n or the chart places it); the 4 objects that name `default` themselves are reported by both.',
  '- `CKV2_K8S_6` and `pod-networkpolicy`: every pod without a NetworkPolicy. Here `internal-service-isolation` judges',
  '  that only where `requireIsolation` is set (the audit sets none); a pod without a policy is not an exposure by itself.',
  '- `service-targets-pod`, 2 of 9: kube-score flags Argo CD HA\'s six `argocd-redis-ha-announce-N` Services, which select',
  '  a StatefulSet\'s pods by the `statefulset.kubernetes.io/pod-name` label its controller adds: kube-score is wrong there,',
  '  and this engine, wrong before #24, is right now. The 2 kube-prometheus Services are warnings here that name the',
  '  operator\'s resources. external-dns\'s `loadbalancer-service` selects a Deployment of another tutorial file: not judged',
  '  here (the file has no workload).',
  '- `CKV_K8S_44` (a Helm v2 Tiller Service) matches cert-manager v0.8\'s `heritage: Tiller` label: not exposure.',
  '- No peer check finds, on this corpus, the 12 LoadBalancers without source ranges, the Ingresses, Gateway API routes',
  '  and Istio VirtualServices without TLS (11 errors, 37 warnings where the Gateway is in another file) or the 8',
  '  wildcard hosts: those are this engine\'s alone. Every hostNetwork, hostPort and NodePort the peers find is reported here.',
];

const CHECKOV = '3.3.30';
const KUBE_SCORE = 'v1.20.0';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--peers') await recordPeers(args[1], args[2]);
  write();
}

main().catch(e => { process.stderr.write(`field-audit: ${(e as Error).message}\n`); process.exitCode = 1; });
