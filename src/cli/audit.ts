/**
 * `cdk8s-expose audit <files or folders>`: reads any Kubernetes YAML (multi-document, Helm
 * or kustomize output, JSON), prints the exposure report, and exits non-zero when a rule
 * fails at the given stage. Malformed documents are reported with their file and document
 * number, and the rest is still audited.
 *
 * Exit codes: 0 clean; 1 a rule failed; 2 a usage error, or input problems and no rule failed.
 */
import { parseArgs } from 'util';
import { readInputs } from './inputs';
import { AuditIo, version } from './io';
import { STAGE_ANNOTATION } from '../annotations';
import { ExposurePolicy } from '../policy/stage';
import { Stage, StageMapping, parseStageMapping, withObjectStages } from '../policy/stages';
import { ExposureReport } from '../report/report';

export const USAGE = `usage: cdk8s-expose audit [--stage development|staging|production] [--stage-for PATTERN=STAGE]... [--format markdown|json|mermaid] <file, folder or ->...

Reads Kubernetes YAML or JSON the way kubectl does (multi-document; folders are read
recursively for .yaml, .yml and .json; - reads standard input), prints what is exposed where,
and runs the cdk8s-expose rules.
Each object is judged at its own stage: its annotation ${STAGE_ANNOTATION} (written by
ExposurePolicy.apply with a stage), else the first --stage-for whose pattern matches its file,
else --stage.
  --stage=STAGE    judge the other objects at this stage (default: CDK8S_EXPOSE_STAGE, else
                   none: only the Kubernetes and always-on safety rules fail)
  --stage-for=PATTERN=STAGE
                   judge the objects of files matching PATTERN at STAGE (repeatable; * within
                   a folder, ** across folders), e.g. --stage-for 'dist/prod*.yaml=production'
  --format=FORMAT  markdown (default), json or mermaid
  --help           this text
  --version        the version of cdk8s-expose
Files that are not Kubernetes manifests (the exposure report, cdk8s's construct metadata, JSON
without apiVersion and kind) are skipped with a note.
Exit codes: 0 clean, 1 a rule failed, 2 usage error, unreadable input or nothing to audit.`;

/** `cdk8s-expose audit <files or folders>`. */
export function auditMain(args: string[], io: AuditIo): number {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        'stage': { type: 'string' },
        'stage-for': { type: 'string', multiple: true },
        'format': { type: 'string', default: 'markdown' },
        'help': { type: 'boolean', short: 'h' },
        'version': { type: 'boolean' },
      },
    });
  } catch (e) {
    io.err(`cdk8s-expose audit: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals: inputs } = parsed;
  if (values.help) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  if (values.version) {
    io.out(`${version()}\n`);
    return 0;
  }
  const format = String(values.format);
  let parsedStage: Stage | undefined;
  let mappings: StageMapping[];
  try {
    parsedStage = values.stage !== undefined ? ExposurePolicy.parseStage(String(values.stage), '--stage') : ExposurePolicy.stageFromEnvironment();
    mappings = ((values['stage-for'] ?? []) as string[]).map(text => parseStageMapping(text, '--stage-for'));
  } catch (e) {
    io.err(`cdk8s-expose audit: ${(e as Error).message}\n`);
    return 2;
  }
  if (!['markdown', 'json', 'mermaid'].includes(format)) {
    io.err(`cdk8s-expose audit: --format ${JSON.stringify(format)} is not one of markdown, json, mermaid\n`);
    return 2;
  }
  if (inputs.length === 0) {
    io.err(`cdk8s-expose audit: no files or folders given (use - for standard input)\n${USAGE}\n`);
    return 2;
  }

  const read = readInputs(inputs, io);
  const problems = read.problems;
  if (read.manifests.length === 0) {
    // No report at all: a "Findings: None" report of nothing would read as a clean audit.
    for (const p of problems) io.err(`cdk8s-expose audit: ${p}\n`);
    io.err('cdk8s-expose audit: nothing to audit: no Kubernetes object in the input\n');
    return 2;
  }
  const manifests = withObjectStages(read.manifests, mappings, problems);
  const report = ExposureReport._fromSourced(manifests, parsedStage, problems);
  // The JSON and Markdown of a large input are written in pieces, never held whole.
  if (format === 'json') report._writeJson(io.out);
  else if (format === 'markdown') report._writeMarkdown(io.out);
  else io.out(report.toMermaid());
  for (const p of problems) io.err(`cdk8s-expose audit: ${p}\n`);
  for (const line of report.findingLines) io.err(`${line}\n`);
  if (report.hasBlockingFindings) return 1;
  return problems.length > 0 ? 2 : 0;
}
