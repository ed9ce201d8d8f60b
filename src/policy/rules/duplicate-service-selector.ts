import { Rule, Severity } from '../rule';

/** Two Services in one namespace that select exactly the same pods. */
export const duplicateServiceSelector: Rule = {
  id: 'duplicate-service-selector',
  summary: 'Two Services in one namespace have the same selector (not reported: a headless Service beside another, as a StatefulSet needs, and two Services both made by this library\'s constructs, each a declared way in).',
  why: 'Two Services on the same pods are two ways in: a second one of a wider type (NodePort, LoadBalancer) silently widens who reaches pods that the first one keeps inside the cluster.',
  severity: () => Severity.WARNING,
  check(model) {
    const first = new SelectorTable<{ what: string; byConstruct: boolean }>();
    const findings = [];
    for (const service of model.services) {
      if (service.type === 'ExternalName' || service.headless) continue;
      if (Object.keys(service.selector).length === 0) continue;
      const earlier = first.get(service.namespace, service.selector);
      const byConstruct = service.origin.constructKind !== undefined;
      if (earlier === undefined) {
        first.set(service.namespace, service.selector, { what: `${service.type} Service ${service.name}`, byConstruct });
        continue;
      }
      if (earlier.byConstruct && byConstruct) continue;
      findings.push({
        object: service,
        message: `selects the same pods (${JSON.stringify(service.selector)}) as the ${earlier.what}, and reaches them as a ${service.type} Service`,
        fix: 'Serve the pods through one Service with several ports, or acknowledge the rule when both ways in are meant',
      });
    }
    return findings;
  },
};

/**
 * Values by namespace and selector. A one-label selector, the common case, is looked up through
 * nested maps of the strings it already has: a key string built per Service was most of this
 * rule's time at 100,000 Services.
 */
class SelectorTable<T> {
  private readonly single = new Map<string, Map<string, Map<string, T>>>();
  private readonly several = new Map<string, T>();

  public get(namespace: string, selector: Record<string, string>): T | undefined {
    const keys = Object.keys(selector);
    if (keys.length === 1) return this.single.get(namespace)?.get(keys[0])?.get(selector[keys[0]]);
    return this.several.get(severalKey(namespace, keys, selector));
  }

  public set(namespace: string, selector: Record<string, string>, value: T): void {
    const keys = Object.keys(selector);
    if (keys.length !== 1) {
      this.several.set(severalKey(namespace, keys, selector), value);
      return;
    }
    let byKey = this.single.get(namespace);
    if (byKey === undefined) this.single.set(namespace, byKey = new Map());
    let byValue = byKey.get(keys[0]);
    if (byValue === undefined) byKey.set(keys[0], byValue = new Map());
    byValue.set(selector[keys[0]], value);
  }
}

/** `namespace|k1=v1,k2=v2` with the labels sorted. */
function severalKey(namespace: string, keys: string[], selector: Record<string, string>): string {
  return `${namespace}|${keys.map(k => `${k}=${selector[k]}`).sort().join(',')}`;
}
