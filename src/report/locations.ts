/**
 * Where each finding is: its object's file and line, and the line of the field it is about,
 * looked up once per report. Only the documents of objects with findings are read again
 * (src/yaml/locate.ts), each once for all its findings. Private.
 */
import { DocumentSpan } from '../model/model';
import { Finding, FindingLocation } from '../policy/engine';
import { fieldsOf } from '../policy/fields';
import { FieldLocator } from '../yaml/locate';

/** The findings, each with its location where its object came from a file. */
export function locateFindings(findings: Finding[]): Finding[] {
  const bySpan = new Map<DocumentSpan, number[]>();
  for (let k = 0; k < findings.length; k++) {
    const span = findings[k].object.origin.span;
    if (span === undefined) continue;
    const list = bySpan.get(span);
    if (list) list.push(k); else bySpan.set(span, [k]);
  }
  const locations: Array<FindingLocation | undefined> = new Array(findings.length);
  const locator = new FieldLocator();
  for (const [span, indexes] of bySpan) {
    const found = locator.locate(span, indexes.map(k => fieldsOf(findings[k].ruleId, findings[k].field)));
    indexes.forEach((k, i) => {
      const origin = findings[k].object.origin;
      const lines = found[i];
      locations[k] = {
        file: origin.file!,
        document: origin.documentIndex !== undefined ? origin.documentIndex + 1 : undefined,
        line: origin.line,
        field: lines?.field,
        fieldLine: lines?.fieldLine,
      };
    });
  }
  return findings.map((f, k) => {
    const origin = f.object.origin;
    const location = locations[k] ?? (origin.file !== undefined
      ? { file: origin.file, document: origin.documentIndex !== undefined ? origin.documentIndex + 1 : undefined, line: origin.line }
      : undefined);
    if (location === undefined) return f;
    return {
      ruleId: f.ruleId,
      severity: f.severity,
      object: f.object,
      message: f.message,
      fix: f.fix,
      why: f.why,
      stage: f.stage,
      acknowledged: f.acknowledged,
      acknowledgeable: f.acknowledgeable,
      field: f.field,
      location,
    };
  });
}
