import { IConstruct } from 'constructs';
import { releaseClaims } from './claims';
import { appState } from './shared-state';

/**
 * The one undo of a refused construct, called from the `catch` of every constructor of the
 * library (the base's and each subclass's, since JavaScript gives a base no way to catch what a
 * subclass throws after `super()`): it gives back what the construct and its children claimed
 * (names, node ports, routes, listeners) and takes it out of its scope. So a caller that catches
 * the refusal (common from Python or Java) can synthesize the rest, and retry with the same id,
 * name or node port. Safe to call twice (a subclass after its base). Returns the error, to rethrow:
 * `catch (e) { throw refused(this, e); }`.
 */
export function refused(construct: IConstruct, error: unknown): unknown {
  for (const part of construct.node.findAll()) releaseClaims(part);
  construct.node.scope?.node.tryRemoveChild(construct.node.id);
  return error;
}

/**
 * Adds a check that runs at synth (as `node.addValidation`) and records, in the App's state,
 * that the library refused something there: `ExposureApp` then rethrows cdk8s's
 * "Validation failed" error as the library's ValidationError. Every validation of the library
 * goes through here.
 */
export function addSynthCheck(construct: IConstruct, validate: () => string[]): void {
  construct.node.addValidation({
    validate: () => {
      const errors = validate();
      if (errors.length > 0) appState(construct).refusedAtSynth = true;
      return errors;
    },
  });
}
