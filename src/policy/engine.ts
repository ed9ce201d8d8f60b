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
  /** The field the rule says the finding is about, when more precise than the rule's usual one (src/policy/fields.ts). */
  readonly field?: string;
  /** Where the object and the field are in their file, once a report has looked (src/report/locations.ts). */
  readonly location?: FindingLocation;
}

/** Where a finding is: the object's file and line, and the line of the field it is about. */
export interface FindingLocation {
  /** The file as it was given (`(standard input)` for standard input). */
  readonly file: string;
  /** The document (from 1) in the file. */
  readonly document?: number;
  /** The line (from 1) where the object starts. */
  readonly line?: number;
  /** The field the finding is about (`spec.type`), when the object has it. */
  readonly field?: string;
  /** The line (from 1) of that field. */
  readonly fieldLine?: number;
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
        field: raw.field,
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

/**
 * Where a finding is, as its line says it: `dist/app.yaml:12 spec.type, document 2` (the field's
 * line when known, else the object's), or without a line where none is known.
 */
export function describeLocation(finding: Finding): string | undefined {
  const o = finding.object.origin;
  const at = finding.location;
  const file = at?.file ?? o.file;
  if (file === undefined) return undefined;
  const line = at?.fieldLine ?? at?.line ?? o.line;
  const documentIndex = at?.document !== undefined ? at.document - 1 : o.documentIndex;
  return `${file}${line !== undefined ? `:${line}` : ''}${at?.field !== undefined && at.fieldLine !== undefined ? ` ${at.field}` : ''}${documentIndex !== undefined ? `${line !== undefined ? ',' : ''} document ${documentIndex + 1}` : ''}`;
}

/** One line per finding: rule id, object, construct path and file, what, and the fix. */
export function formatFinding(finding: Finding): string {
  const o = finding.object.origin;
  const file = describeLocation(finding);
  const construct = o.constructPath !== undefined ? `${o.constructKind ? `${o.constructKind} ` : ''}'${o.constructPath}'` : undefined;
  const where = construct !== undefined || file !== undefined ? ` (${[construct, file].filter(x => x !== undefined).join(', ')})` : '';
  const ns = finding.object.namespace ? `${finding.object.namespace}/` : '';
  const readings = o.readings !== undefined ? ` (as Kubernetes reads this YAML: ${o.readings.join(', ')})` : '';
  const hint = acknowledgeHint(finding);
  return `[${finding.ruleId}] ${finding.object.kind} ${ns}${finding.object.name}${where}: ${finding.message}${readings}. Fix: ${finding.fix}.${hint ? ` ${hint}.` : ''}`;
}
