import { Construct, IConstruct } from 'constructs';
import { forEachManifest } from './collect';
import { evaluate, formatFinding, isBlocking } from './engine';
import { warningLines } from './warnings';
import { addSynthCheck } from '../internal/refusal';
import { PolicyVerdict, appState } from '../internal/shared-state';
import { addToModel, emptyModel } from '../model/model';

/** The id of the construct that carries the App-wide policy check (its path prefixes errors). */
export const POLICY_CHECK_ID = 'cdk8s-expose';

/**
 * Registers the App-wide policy check, once per App (shared by every copy of the library): a
 * validation on a small construct of its own under the App, so cdk8s runs it with its other
 * validations and prefixes its errors with `[cdk8s-expose]`. Called by `ExposurePolicy.apply`.
 */
export function ensurePolicyCheck(scope: IConstruct): void {
  const state = appState(scope);
  if (state.policyCheck) return;
  state.policyCheck = true;
  addPolicyCheck(scope.node.root);
}

function addPolicyCheck(root: IConstruct): void {
  const holder = new Construct(root as Construct, POLICY_CHECK_ID);
  addSynthCheck(holder, () => {
    const verdict = verdictOf(root);
    return [...verdict.errors, ...warningLines(root, verdict.warnings)];
  });
}

/**
 * Makes the policy check the App's last child, so cdk8s (which validates the tree in order)
 * runs it after every other validation, including those of charts added after
 * `ExposurePolicy.apply`. The check is the library's own construct; nothing else moves.
 */
export function keepPolicyCheckLast(root: IConstruct): void {
  const children = root.node.children;
  const holder = root.node.tryFindChild(POLICY_CHECK_ID);
  if (holder === undefined || children[children.length - 1] === holder) return;
  root.node.tryRemoveChild(POLICY_CHECK_ID);
  addPolicyCheck(root);
}

/**
 * The policy's verdict on the App. Inside `ExposureApp.synth()` it is computed once and reused
 * by cdk8s's later validations of the same synthesis; otherwise it is computed afresh.
 */
export function verdictOf(root: IConstruct): PolicyVerdict {
  const state = appState(root);
  if (state.synthDepth > 0 && state.verdict !== undefined) return state.verdict;
  const verdict = evaluateApp(root);
  if (state.synthDepth > 0) state.verdict = verdict;
  return verdict;
}

/** Every rule over every object of the App; findings only on objects below a policy. */
function evaluateApp(root: IConstruct): PolicyVerdict {
  const model = emptyModel();
  forEachManifest(root, sourced => addToModel(model, sourced));
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const finding of evaluate(model)) {
    if (finding.object.origin.judged === false) continue;
    if (isBlocking(finding)) errors.push(formatFinding(finding));
    else if (finding.acknowledged === undefined) warnings.push(formatFinding(finding));
  }
  return { errors, warnings };
}
