import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Finding, evaluate, formatFinding, isBlocking } from './engine';
import { ExposurePolicy } from './stage';
import { SourcedManifest, buildModel } from '../model/model';

/** Marks a construct as an exposure construct, with its kind; read here without an import cycle. */
export const KIND_MARKER = Symbol.for('cdk8s-expose.kind');
const GUARD_MARKER = Symbol.for('cdk8s-expose.guard');

/**
 * Registers, once per App, the synth-time validation that runs every rule over the App's
 * manifests. Called by every exposure construct.
 */
export function ensureGuard(scope: IConstruct): void {
  const root = scope.node.root as IConstruct & { [GUARD_MARKER]?: Set<string> };
  if (root[GUARD_MARKER]) return;
  const warned = new Set<string>();
  root[GUARD_MARKER] = warned;
  root.node.addValidation({
    validate: () => {
      const findings = findingsOf(root);
      for (const f of findings.filter(x => !isBlocking(x) && x.acknowledged === undefined)) {
        const line = formatFinding(f);
        if (!warned.has(line)) {
          warned.add(line);
          process.stderr.write(`cdk8s-expose warning: ${line}\n`);
        }
      }
      return findings.filter(isBlocking).map(formatFinding);
    },
  });
}

/** The exposure construct that owns an API object, if any. */
function ownerOf(object: IConstruct): { path: string; kind: string } | undefined {
  for (const scope of [...object.node.scopes].reverse()) {
    const kind = (scope as any)[KIND_MARKER];
    if (typeof kind === 'string') return { path: scope.node.path, kind };
  }
  return undefined;
}

/** Every API object below `root`, synthesized, with the construct and stage it belongs to. */
export function manifestsOf(root: IConstruct): SourcedManifest[] {
  const objects = root.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
  return objects.map(o => {
    const owner = ownerOf(o);
    const resource = o.node.id === 'Resource' && o.node.scope ? o.node.scope : o;
    return {
      manifest: o.toJson(),
      origin: {
        constructPath: owner?.path ?? resource.node.path,
        constructKind: owner?.kind,
        stage: ExposurePolicy.stageOf(o),
        requireIsolation: ExposurePolicy.requiresIsolation(o),
      },
    };
  });
}

/** Every rule's findings over the App that contains `scope`. */
export function findingsOf(scope: IConstruct): Finding[] {
  return evaluate(buildModel(manifestsOf(scope.node.root)));
}
