import { ApiObject } from 'cdk8s';
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
      if (context.declared && context.stage !== undefined && context.annotateStage !== false) {
        node.metadata.addAnnotation(STAGE_ANNOTATION, context.stage);
      }
      const resource = node.node.id === 'Resource' && node.node.scope ? node.node.scope : node;
      visit({
        manifest: node.toJson(),
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

/** Every API object below `root`, synthesized, with the construct and policy it belongs to. */
export function manifestsOf(root: IConstruct): SourcedManifest[] {
  const out: SourcedManifest[] = [];
  forEachManifest(root, sourced => out.push(sourced));
  return out;
}
