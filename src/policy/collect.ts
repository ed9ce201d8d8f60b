import { ApiObject, JsonPatch } from 'cdk8s';
import { IConstruct } from 'constructs';
import { PolicyContext, contextOf, rootContext } from './context';
import { STAGE_ANNOTATION } from '../annotations';
import { exposureKindOf } from '../internal/shared-state';
import { SourcedManifest } from '../model/model';

/**
 * Calls `visit` with every API object below `root`, synthesized, with the construct and policy
 * it belongs to; below a policy with a stage, it first writes the stage on the object
 * (`cdk8s-expose/stage`). One walk down the tree carries the owner and the policy, so no object looks up
 * its ancestors, and each manifest can be dropped once `visit` has read it.
 */
export function forEachManifest(root: IConstruct, visit: (sourced: SourcedManifest) => void): void {
  const walk = (node: IConstruct, owner: { path: string; kind: string } | undefined, policy: PolicyContext): void => {
    const kind = exposureKindOf(node);
    const here = kind !== undefined ? { path: node.node.path, kind } : owner;
    const context = contextOf(node, policy);
    if (node instanceof ApiObject) {
      // Below a policy with a stage, the object carries the stage it is judged at, so that the
      // audit and the cdk8s plugin judge the YAML at the same stage (ExposurePolicyOptions.annotateStage).
      const stage = context.declared && context.annotateStage !== false ? context.stage : undefined;
      if (stage !== undefined) node.metadata.addAnnotation(STAGE_ANNOTATION, stage);
      const manifest = node.toJson();
      if (stage !== undefined) keepStage(node, manifest, stage);
      const resource = node.node.id === 'Resource' && node.node.scope ? node.node.scope : node;
      visit({
        manifest,
        origin: {
          constructPath: here?.path ?? resource.node.path,
          constructKind: here?.kind,
          stage: context.stage,
          requireIsolation: context.requireIsolation,
          judged: context.declared,
        },
      });
    }
    for (const child of node.node.children) walk(child, here, context);
  };
  walk(root, undefined, rootContext(root));
}

/**
 * A user's JSON patch on the object (`add /metadata/annotations {...}`, a `remove`) is applied
 * after the metadata and can drop the stage annotation. Then a patch of the library's own,
 * applied after the user's, puts it back in the YAML cdk8s writes; the rendering in hand gets
 * the same value, so nothing is rendered twice.
 */
function keepStage(node: ApiObject, manifest: any, stage: string): void {
  const annotations = manifest.metadata?.annotations;
  if (annotations?.[STAGE_ANNOTATION] === stage) return;
  if (annotations !== null && typeof annotations === 'object') {
    node.addJsonPatch(JsonPatch.add(`/metadata/annotations/${STAGE_ANNOTATION.replace(/~/g, '~0').replace(/\//g, '~1')}`, stage));
    annotations[STAGE_ANNOTATION] = stage;
  } else {
    node.addJsonPatch(JsonPatch.add('/metadata/annotations', { [STAGE_ANNOTATION]: stage }));
    manifest.metadata = { ...manifest.metadata, annotations: { [STAGE_ANNOTATION]: stage } };
  }
}

/** Every API object below `root`, synthesized, with the construct and policy it belongs to. */
export function manifestsOf(root: IConstruct): SourcedManifest[] {
  const out: SourcedManifest[] = [];
  forEachManifest(root, sourced => out.push(sourced));
  return out;
}
