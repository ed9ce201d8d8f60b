import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';

/** What an exposure construct does with the calls made on its Service through the escape hatch. */
export interface ServiceOwner {
  /** `service.bind(...)`: checked as `addPort` would check it, or refused. */
  _bindFromService(port: number, options: kplus.ServiceBindOptions): void;
  /** `service.select(...)`: a cdk8s-plus-28 pod selector's labels, checked, or refused. */
  _selectPods(selector: kplus.IPodSelector, call: string): void;
  /** `service.selectLabel(...)`: checked, or refused. */
  _selectFromService(labels: Record<string, string>, call: string, expressions?: unknown[]): void;
  /** `service.exposeViaIngress(...)`: refused with the construct's advice. */
  _ingressFromService(): Error;
}

/**
 * The cdk8s-plus-28 `Service` an exposure construct owns and hands out as its escape hatch
 * (`construct.service`). It is a plain `kplus.Service` to its users; the public methods that
 * would change what the Service selects, which ports it opens or what fronts it go through the
 * owner's checks first, so the escape hatch can narrow a construct but never silently widen it.
 * Not exported.
 */
export class OwnedService extends kplus.Service {
  private readonly owner: ServiceOwner;

  constructor(scope: Construct, id: string, props: kplus.ServiceProps, owner: ServiceOwner) {
    super(scope, id, props);
    this.owner = owner;
  }

  public bind(port: number, options: kplus.ServiceBindOptions = {}): void {
    this.owner._bindFromService(port, options);
  }

  public select(selector: kplus.IPodSelector): void {
    this.owner._selectPods(selector, 'service.select(...)');
  }

  public selectLabel(key: string, value: string): void {
    this.owner._selectFromService({ [key]: value }, `service.selectLabel(${JSON.stringify(key)}, ${JSON.stringify(value)})`);
  }

  public exposeViaIngress(_path: string, _options?: kplus.ExposeServiceViaIngressOptions): kplus.Ingress {
    throw this.owner._ingressFromService();
  }

  /** cdk8s-plus's own `bind`, for the owner once it has checked the port. */
  public bindChecked(port: number, options: kplus.ServiceBindOptions): void {
    super.bind(port, options);
  }

  /** cdk8s-plus's own `selectLabel`, for the owner once it has checked the label. */
  public selectChecked(labels: Record<string, string>): void {
    for (const [key, value] of Object.entries(labels)) super.selectLabel(key, value);
  }
}

/** The label selector of a cdk8s-plus-28 pod selector, as `{ matchLabels, matchExpressions }`. */
export function selectorOf(selector: kplus.IPodSelector): { matchLabels: Record<string, string>; matchExpressions: unknown[] } | undefined {
  const labelSelector = selector.toPodSelectorConfig().labelSelector;
  // A selector of another cdk8s-plus (cdk8s-plus-33 from `cdk8s init`) is refused in every
  // language alike: TypeScript refuses its type at compile time, JavaScript and Python would
  // otherwise accept it by shape.
  if (!(labelSelector instanceof kplus.LabelSelector)) return undefined;
  // cdk8s-plus-28 offers no public reader of a LabelSelector; its own Service.select reads it
  // the same way. Read-only: nothing of cdk8s-plus is changed.
  const kube = labelSelector._toKube();
  return { matchLabels: { ...kube.matchLabels }, matchExpressions: kube.matchExpressions ?? [] };
}
