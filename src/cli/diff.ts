/**
 * `cdk8s-expose diff <before> <after>`: compares the exposure of two sets of Kubernetes YAML and
 * says what widened, what narrowed and what stayed.
 *
 * Exit codes: 0 done; 1 something widened and --fail-on-widen was given; 2 a usage error or
 * unreadable input.
 */
import { parseArgs } from 'util';
import { readInputs } from './inputs';
import { AuditIo } from './io';
import { SourcedManifest } from '../model/model';
import { ExposureDiff, ExposureReport } from '../report/report';

export const DIFF_USAGE = `usage: cdk8s-expose diff [--format markdown|json] [--fail-on-widen] <before> <after>

Compares the exposure of two sets of Kubernetes YAML (files or folders, e.g. the main branch's
dist/ and this branch's): what became reachable from a wider scope, what narrowed, what did not
change. Markdown for a pull-request comment, JSON for machines.
  --fail-on-widen  exit 1 when anything widened
Exit codes: 0 done, 1 something widened and --fail-on-widen was given, 2 usage error or unreadable input.`;

/** `cdk8s-expose diff <before> <after>`. */
export function diffMain(args: string[], io: AuditIo): number {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { 'format': { type: 'string', default: 'markdown' }, 'fail-on-widen': { type: 'boolean' }, 'help': { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    io.err(`cdk8s-expose diff: ${(e as Error).message}\n${DIFF_USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(`${DIFF_USAGE}\n`);
    return 0;
  }
  const format = String(values.format);
  if (!['markdown', 'json'].includes(format) || positionals.length !== 2) {
    io.err(`cdk8s-expose diff: ${positionals.length !== 2 ? `needs a before and an after (got ${positionals.length})` : `--format ${JSON.stringify(format)} is not one of markdown, json`}\n${DIFF_USAGE}\n`);
    return 2;
  }
  const [before, after] = positionals.map(input => readInputs([input], io));
  const problems = [...before.problems, ...after.problems];
  const reportOf = (manifests: SourcedManifest[]) => ExposureReport._fromSourced(manifests, undefined, []);
  const diff = ExposureDiff.between(reportOf(before.manifests), reportOf(after.manifests));
  io.out(format === 'json' ? diff.toJson() : diff.toMarkdown());
  for (const p of problems) io.err(`cdk8s-expose diff: ${p}\n`);
  if (problems.length > 0) return 2;
  return values['fail-on-widen'] && diff.hasWidened ? 1 : 0;
}
