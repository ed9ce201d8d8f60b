import { Severity, always } from './rule';
import { RULES } from './rules';
import { Stage } from './stages';
import { ACK_PREFIX } from '../annotations';
import { ExposureModel, ObjectRef, acknowledgementsOf } from '../model/model';

/** A rule's finding on one object, with its severity at the object's stage. */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly object: ObjectRef;
  /** What was found. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
  /** Why the rule exists. */
  readonly why: string;
  /** The stage the severity was decided at. */
  readonly stage?: Stage;
  /** The reason given when the finding was acknowledged; it then fails nothing. */
  readonly acknowledged?: string;
  /**
   * False for the rules that are errors at every stage (what the API server refuses, collisions,
   * the always-on safety rules), where the fix is to change the object, not to accept it.
   */
  readonly acknowledgeable?: boolean;
}

/**
 * Runs every rule over the model. The stage of each object is its own (set per construct at
 * synth) or `defaultStage` (the plugin's or the audit's). Findings come back in rule order.
 */
export function evaluate(model: ExposureModel, defaultStage?: Stage): Finding[] {
  const findings: Finding[] = [];
  for (const rule of RULES) {
    for (const raw of rule.check(model)) {
      const stage = (raw.object.origin.stage as Stage | undefined) ?? defaultStage;
      const ruled = rule.severity(stage, raw.object);
      if (ruled === undefined) continue;
      // An error must be certain on the YAML: what the model cannot know is a warning.
      const severity = raw.uncertain !== undefined && ruled === Severity.ERROR ? Severity.WARNING : ruled;
      findings.push({
        ruleId: rule.id,
        severity,
        object: raw.object,
        message: raw.message,
        fix: raw.fix,
        why: rule.why,
        stage,
        acknowledged: acknowledgementsOf(raw.object).get(rule.id),
        acknowledgeable: rule.severity !== always,
      });
    }
  }
  return findings;
}

/** True when the finding fails a synth, a plugin run or an audit. */
export function isBlocking(finding: Finding): boolean {
  return finding.severity === Severity.ERROR && finding.acknowledged === undefined;
}

/**
 * How to accept a finding, for those who write YAML and for those who use the constructs: the
 * annotation `ack.cdk8s-expose/<rule>: <reason>`, or `acknowledge()` on a library construct.
 * Empty for an acknowledged finding and for the rules that are errors at every stage.
 */
export function acknowledgeHint(finding: Finding): string {
  if (finding.acknowledged !== undefined || finding.acknowledgeable === false) return '';
  const annotation = `the annotation \`${ACK_PREFIX}${finding.ruleId}: <reason>\` on the object`;
  return finding.object.origin.constructKind !== undefined
    ? `To accept it, call acknowledge('${finding.ruleId}', '<reason>') on the ${finding.object.origin.constructKind} (it writes ${annotation})`
    : `To accept it, write ${annotation} (or call acknowledge('${finding.ruleId}', '<reason>') on the cdk8s-expose construct that made it)`;
}

/** One line per finding: rule id, object, construct path or file, what, and the fix. */
export function formatFinding(finding: Finding): string {
  const o = finding.object.origin;
  const where = o.constructPath !== undefined
    ? ` (${o.constructKind ? `${o.constructKind} ` : ''}'${o.constructPath}')`
    : o.file !== undefined ? ` (${o.file}${o.documentIndex !== undefined ? ` document ${o.documentIndex + 1}` : ''})` : '';
  const ns = finding.object.namespace ? `${finding.object.namespace}/` : '';
  const readings = o.readings !== undefined ? ` (as Kubernetes reads this YAML: ${o.readings.join(', ')})` : '';
  const hint = acknowledgeHint(finding);
  return `[${finding.ruleId}] ${finding.object.kind} ${ns}${finding.object.name}${where}: ${finding.message}${readings}. Fix: ${finding.fix}.${hint ? ` ${hint}.` : ''}`;
}
