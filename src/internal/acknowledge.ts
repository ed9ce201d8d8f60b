import { IConstruct } from 'constructs';
import { propError, show } from '../errors';
import { RULE_IDS } from '../policy/rules';

/**
 * The reason of `acknowledge(ruleId, reason)`, checked for every construct that has the method:
 * the rule must exist and the reason must say something. Returns the reason trimmed.
 *
 * @param example a reason that fits the construct, for the error message
 */
export function checkedAcknowledgement(kind: string, construct: IConstruct, ruleId: string, reason: string, example: string): string {
  if (!RULE_IDS.includes(ruleId)) {
    throw propError(kind, construct, `acknowledge: there is no rule ${show(ruleId)}; the rules are ${RULE_IDS.join(', ')}`);
  }
  if (typeof reason !== 'string' || reason.trim().length === 0) {
    throw propError(kind, construct, `acknowledge('${ruleId}'): a reason is required, e.g. '${example}'`);
  }
  return reason.trim();
}
