/**
 * Who catches what: runs every manifest of test/parity/corpus/ through `cdk8s-expose audit
 * --stage production` and through each peer linter that is installed (Checkov, kube-score),
 * and prints a Markdown table of the findings per object. Fails (exit 1) when a peer reports
 *  - a finding of a check that docs/rules.md maps to a rule here, and that rule did not report
 *    the same object (unless the row says "(partly)"), or
 *  - a finding on a Service, Ingress or NetworkPolicy from a check docs/rules.md does not list.
 *
 * Usage: ts-node scripts/parity.ts [--checkov PATH] [--kube-score PATH] [--write]
 *   --write  also replaces the results section of docs/rules.md with the table.
 * Every peer runs in its own process group, which is killed when it ends or times out.
 * No network: Checkov runs with --skip-download.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { main as audit } from '../src/cli/main';

const root = path.resolve(__dirname, '..');
const corpusDir = path.join(root, 'test', 'parity', 'corpus');
const docPath = path.join(root, 'docs', 'rules.md');
const START = '<!-- parity:start -->';
const END = '<!-- parity:end -->';
/** Kinds on which any peer finding is exposure-related, listed in docs/rules.md or not. */
const EXPOSURE_KINDS = new Set(['Service', 'Ingress', 'NetworkPolicy']);
const TIMEOUT_MS = 5 * 60 * 1000;

export interface Mapping { readonly rules: string[]; readonly partly: boolean }
export interface PeerFinding { readonly peer: string; readonly check: string; readonly object: string }
interface Outcome extends PeerFinding { readonly file: string; readonly verdict: 'caught' | 'partly' | 'why-not' | 'not exposure' | 'MISSED' | 'UNLISTED' }

/** The parity table of docs/rules.md: peer -> check -> the rules that cover it. */
export function readTable(): Map<string, Map<string, Mapping>> {
  const table = new Map<string, Map<string, Mapping>>();
  const section = fs.readFileSync(docPath, 'utf-8').split('## Parity with other tools')[1] ?? '';
  for (const line of section.split('\n')) {
    const cells = line.split('|').map(c => c.trim());
    if (cells.length < 6 || !cells[2].startsWith('`')) continue;
    const [, peer, check, here] = cells;
    const rules = here === '—' ? [] : [...here.matchAll(/`([a-z0-9-]+)`/g)].map(m => m[1]);
    if (!table.has(peer)) table.set(peer, new Map());
    table.get(peer)!.set(check.replace(/`/g, ''), { rules, partly: here.includes('(partly)') });
  }
  return table;
}

/** Runs a command in its own process group; the group is killed when it ends or times out. */
export function run(command: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, BC_SKIP_MAPPING: 'TRUE' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', d => { stdout += d; });
    child.stderr.on('data', d => { stderr += d; });
    const killGroup = () => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ } };
    const timer = setTimeout(() => { stderr += `\ntimed out after ${TIMEOUT_MS / 1000} s`; killGroup(); }, TIMEOUT_MS);
    child.on('error', e => { clearTimeout(timer); resolve({ code: null, stdout, stderr: String(e) }); });
    child.on('close', code => { clearTimeout(timer); killGroup(); resolve({ code, stdout, stderr }); });
  });
}

/** Our findings on a file: `rule Kind/name`, from the audit's own output lines. */
function ours(file: string): Set<string> {
  let err = '';
  audit(['audit', '--stage', 'production', file], { out: () => undefined, err: t => { err += t; } });
  const found = new Set<string>();
  for (const m of err.matchAll(/^(?:error|warning|acknowledged): \[([a-z0-9-]+)\] (\S+) (\S+) /gm)) {
    found.add(`${m[1]} ${m[2]}/${m[3].split('/').pop()}`);
  }
  return found;
}

async function checkov(binary: string, file: string): Promise<PeerFinding[]> {
  const { stdout, stderr } = await run(binary, ['-f', file, '--framework', 'kubernetes', '-o', 'json', '--quiet', '--skip-download']);
  let parsed: any;
  try { parsed = JSON.parse(stdout); } catch { throw new Error(`Checkov gave no JSON for ${file}: ${stderr.slice(-500)}`); }
  const reports = Array.isArray(parsed) ? parsed : [parsed];
  return reports.flatMap((r: any) => r?.results?.failed_checks ?? []).map((c: any) => {
    const [kind, , ...name] = String(c.resource).split('.');
    return { peer: 'Checkov', check: c.check_id, object: `${kind}/${name.join('.')}` };
  });
}

async function kubeScore(binary: string, file: string): Promise<PeerFinding[]> {
  const { stdout, stderr } = await run(binary, ['score', file, '-o', 'json', '--all-default-optional', '--kubernetes-version', 'v1.28']);
  let parsed: any;
  try { parsed = JSON.parse(stdout); } catch { throw new Error(`kube-score gave no JSON for ${file}: ${stderr.slice(-500)}`); }
  const findings: PeerFinding[] = [];
  for (const o of parsed ?? []) {
    const parts = String(o.object_name).split('/');
    for (const c of o.checks ?? []) {
      // Grades: 10 all good, 7 almost, 5 warning, 1 critical; skipped checks do not apply.
      if (!c.skipped && c.grade < 10) findings.push({ peer: 'kube-score', check: c.check.id, object: `${parts[0]}/${parts[parts.length - 1]}` });
    }
  }
  return findings;
}

function which(name: string, ...candidates: Array<string | undefined>): string | undefined {
  for (const c of candidates) if (c && fs.existsSync(c)) return c;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const full = path.join(dir, name);
    if (fs.existsSync(full)) return full;
  }
  return undefined;
}

async function mainParity(): Promise<number> {
  const { values } = parseArgs({ options: { 'checkov': { type: 'string' }, 'kube-score': { type: 'string' }, 'write': { type: 'boolean' } } });
  const table = readTable();
  const peers: Array<[string, string | undefined, (binary: string, file: string) => Promise<PeerFinding[]>]> = [
    ['Checkov', which('checkov', values.checkov, process.env.CHECKOV), checkov],
    ['kube-score', which('kube-score', values['kube-score'], process.env.KUBE_SCORE), kubeScore],
  ];
  const files = fs.readdirSync(corpusDir).filter(f => f.endsWith('.yaml')).sort();
  const outcomes: Outcome[] = [];
  const oursOnly: string[] = [];
  for (const file of files) {
    const full = path.join(corpusDir, file);
    const here = ours(full);
    const claimed = new Set<string>();
    for (const [peer, binary, runPeer] of peers) {
      if (!binary) continue;
      const seen = new Set<string>();
      for (const f of await runPeer(binary, full)) {
        const key = `${f.check} ${f.object}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const mapping = table.get(peer)?.get(f.check);
        let verdict: Outcome['verdict'];
        if (mapping === undefined) {
          verdict = EXPOSURE_KINDS.has(f.object.split('/')[0]) ? 'UNLISTED' : 'not exposure';
        } else if (mapping.rules.length === 0) {
          verdict = 'why-not';
        } else {
          const hit = mapping.rules.filter(r => here.has(`${r} ${f.object}`));
          hit.forEach(r => claimed.add(`${r} ${f.object}`));
          verdict = hit.length > 0 ? 'caught' : mapping.partly ? 'partly' : 'MISSED';
        }
        outcomes.push({ ...f, file, verdict });
      }
    }
    for (const finding of [...here].sort()) if (!claimed.has(finding)) oursOnly.push(`${file}: ${finding}`);
  }

  const exposure = outcomes.filter(o => o.verdict !== 'not exposure');
  const lines: string[] = [];
  const ran = peers.filter(p => p[1]).map(p => p[0]);
  const skipped = peers.filter(p => !p[1]).map(p => p[0]);
  lines.push(`Peers run: ${ran.join(', ') || 'none'}${skipped.length ? `; not installed: ${skipped.join(', ')}` : ''}. Corpus: ${files.length} files.`, '');
  lines.push('| file | object | peer | peer check | here |', '| --- | --- | --- | --- | --- |');
  for (const o of exposure) {
    const mapping = table.get(o.peer)?.get(o.check);
    const here = o.verdict === 'caught' ? mapping!.rules.map(r => `\`${r}\``).join(', ')
      : o.verdict === 'partly' ? `not on this object (partly: ${mapping!.rules.map(r => `\`${r}\``).join(', ')}, see the note)`
        : o.verdict === 'why-not' ? 'no rule (documented why)' : `**${o.verdict}**`;
    lines.push(`| ${o.file} | ${o.object} | ${o.peer} | \`${o.check}\` | ${here} |`);
  }
  lines.push('');
  lines.push(`Found here and by no peer run (${oursOnly.length}):`, '');
  for (const line of oursOnly) lines.push(`- ${line.replace(/: (\S+) (\S+)$/, ': `$1` on $2')}`);
  const count = (v: Outcome['verdict']) => exposure.filter(o => o.verdict === v).length;
  lines.push('', `Exposure findings of the peers: ${exposure.length}; caught here ${count('caught')}, covered partly and not on that object ${count('partly')}, `
    + `documented why not ${count('why-not')}, missed ${count('MISSED')}, unlisted ${count('UNLISTED')}. `
    + `Peer findings outside exposure (not compared): ${outcomes.length - exposure.length}.`);
  const text = lines.join('\n');
  process.stdout.write(`${text}\n`);

  if (values.write) {
    const doc = fs.readFileSync(docPath, 'utf-8');
    const start = doc.indexOf(START);
    const end = doc.indexOf(END);
    if (start < 0 || end < start) throw new Error(`${docPath} has no ${START} ... ${END} section`);
    fs.writeFileSync(docPath, `${doc.slice(0, start + START.length)}\n${text}\n${doc.slice(end)}`);
  }
  const failures = exposure.filter(o => o.verdict === 'MISSED' || o.verdict === 'UNLISTED');
  for (const f of failures) process.stderr.write(`parity: ${f.peer} ${f.check} on ${f.object} (${f.file}) is ${f.verdict === 'MISSED' ? 'mapped to a rule that did not report it' : 'not in docs/rules.md'}\n`);
  if (ran.length === 0) process.stderr.write('parity: no peer is installed (run scripts/parity.sh)\n');
  return failures.length > 0 || ran.length === 0 ? 1 : 0;
}

// Run as a script; imported (scripts/field-audit.ts) for its runner and table only.
if (require.main === module) {
  mainParity().then(code => { process.exitCode = code; }, e => { process.stderr.write(`parity: ${(e as Error).message}\n`); process.exitCode = 2; });
}
