import * as path from 'path';
import { locateFindings } from './locations';
import { factoryError } from '../errors';
import { ExposureReport } from './report';
import { SourcedManifest, buildModel } from '../model/model';
import { Finding, acknowledgeHint, evaluate, formatFinding, isBlocking } from '../policy/engine';
import { ExposurePolicy } from '../policy/stage';
import { Stage, StageMapping, parseStageMapping, withObjectStages } from '../policy/stages';
import { describeReading, readYamlFile } from '../yaml/kubernetes-yaml';

/**
 * Properties of the cdk8s CLI validation plugin, as given under `properties:` in `cdk8s.yaml`.
 */
export interface ExposureValidationProps {
  /**
   * The stage to judge the manifests at: `development`, `staging` or `production`.
   * `CDK8S_EXPOSE_STAGE` overrides it.
   *
   * @default - no stage: only the Kubernetes rule and the always-on safety rules fail
   */
  readonly stage?: string;

  /**
   * Stages per manifest file: a glob of the path (relative to the folder `cdk8s synth` runs
   * in; `*` within a folder, `**` across folders) to a stage, such as
   * `{ 'dist/prod*.k8s.yaml': 'production' }`. The first matching pattern wins. An object's
   * own annotation `cdk8s-expose/stage` (written by `ExposurePolicy.apply` with a stage) wins
   * over both this and `stage`.
   *
   * @default - every object without its own stage annotation is judged at `stage`
   */
  readonly stageFor?: Record<string, string>;

  /**
   * A folder to write the exposure report of everything `cdk8s synth` wrote into:
   * `exposure-report.md` (the Markdown, with its diagram, for a pull-request comment),
   * `exposure-report.json` and `exposure-report.mmd` (the whole diagram). Relative to the folder
   * `cdk8s synth` runs in; created if needed.
   *
   * @default - no report is written, only the violations
   */
  readonly reportDirectory?: string;
}

/**
 * The cdk8s CLI validation plugin: runs the library's rules on everything `cdk8s synth`
 * wrote, including Services and Ingresses written without this library, and reports each
 * blocking finding as a violation with the construct path where cdk8s recorded one.
 *
 * In `cdk8s.yaml`:
 *
 * ```yaml
 * validations:
 *   - package: cdk8s-expose
 *     version: 1.0.0
 *     class: ExposureValidation
 *     properties:
 *       stage: production
 * ```
 */
export class ExposureValidation {
  private readonly stage?: Stage;
  private readonly mappings: StageMapping[];
  private readonly reportDirectory?: string;

  /**
   * @param props the properties from `cdk8s.yaml`
   */
  constructor(props: ExposureValidationProps = {}) {
    this.stage = ExposurePolicy.stageFromEnvironment()
      ?? (props.stage === undefined ? undefined : ExposurePolicy.parseStage(props.stage, 'ExposureValidation: the property stage'));
    const stageFor = props.stageFor ?? {};
    if (stageFor === null || typeof stageFor !== 'object' || Array.isArray(stageFor)) {
      throw factoryError('ExposureValidation', `the property stageFor ${JSON.stringify(stageFor)} must map path patterns to stages, such as { 'dist/prod*.k8s.yaml': 'production' }`);
    }
    this.mappings = Object.entries(stageFor).map(([pattern, stage]) => parseStageMapping(`${pattern}=${stage}`, 'ExposureValidation: the property stageFor'));
    if (props.reportDirectory !== undefined && (typeof props.reportDirectory !== 'string' || props.reportDirectory.trim() === '')) {
      throw factoryError('ExposureValidation', `the property reportDirectory ${JSON.stringify(props.reportDirectory)} must be a folder, such as dist`);
    }
    this.reportDirectory = props.reportDirectory;
  }

  /**
   * Called by the cdk8s CLI after synthesis.
   *
   * @param context the CLI's `ValidationContext` (manifests, construct metadata, report, logger)
   */
  public async validate(context: any): Promise<void> {
    const sourced: SourcedManifest[] = [];
    for (const manifestPath of context.manifests as string[]) {
      // The library's own reader, so the plugin reads YAML as Kubernetes does (YAML 1.1).
      for (const doc of readYamlFile(manifestPath)) {
        const manifest: any = doc.value;
        const documentIndex = doc.index;
        if (doc.error !== undefined) {
          context.logger?.log(`${manifestPath} document ${documentIndex + 1}: not valid Kubernetes YAML (${doc.error})`);
          continue;
        }
        if (manifest === null || typeof manifest !== 'object' || !manifest.kind) continue;
        const name = manifest.metadata?.name;
        sourced.push({
          manifest,
          origin: {
            file: path.relative(process.cwd(), manifestPath),
            documentIndex,
            line: doc.line,
            span: doc.startLine !== undefined
              ? { source: { path: manifestPath }, startLine: doc.startLine, lineCount: doc.lineCount ?? 1 }
              : undefined,
            constructPath: name !== undefined ? context.metadata?.[name]?.path?.replace(/\/Resource$/, '') : undefined,
            readings: doc.readings.length > 0 ? doc.readings.map(describeReading) : undefined,
          },
        });
      }
    }
    const problems: string[] = [];
    const staged = withObjectStages(sourced, this.mappings, problems);
    for (const problem of problems) context.logger?.log(problem);
    let findings: Finding[];
    if (this.reportDirectory !== undefined) {
      // The report judges the same model with the same rules: its findings are the violations.
      const report = ExposureReport._fromSourced(staged, this.stage, problems);
      const written = report.writeFiles(this.reportDirectory);
      context.logger?.log(`exposure report: ${written.map(f => path.relative(process.cwd(), f)).join(', ')}`);
      findings = report._findings;
    } else {
      findings = locateFindings(evaluate(buildModel(staged), this.stage));
    }
    for (const finding of findings) {
      if (!isBlocking(finding)) {
        context.logger?.log(`${finding.acknowledged !== undefined ? 'acknowledged' : finding.severity}: ${formatFinding(finding)}${finding.acknowledged ? ` (reason: ${finding.acknowledged})` : ''}`);
        continue;
      }
      context.report.addViolation({
        ruleName: finding.ruleId,
        recommendation: `${finding.object.kind} ${finding.object.name}: ${finding.message}. ${finding.why}`,
        fix: [finding.fix, acknowledgeHint(finding)].filter(t => t !== '').join('. '),
        violatingResources: [{
          resourceName: finding.object.name,
          manifestPath: finding.object.origin.file ?? '',
          locations: [`${finding.object.kind}/${finding.object.name}`],
        }],
      });
    }
    context.report.submit(findings.some(isBlocking) ? 'failure' : 'success', { stage: this.stage ?? 'none', findings: String(findings.length), blocking: String(findings.filter(isBlocking).length) });
  }
}
