import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';

/**
 * A cdk8s-plus-28 Ingress whose per-host rule table does not slow down the rest of the process:
 * the table (a plain object keyed by host name) is swapped for a null-prototype object. Why, and
 * what it measured: bench/README.md, "The Ingress host table".
 *
 * The field is cdk8s-plus-28's private state: when it is missing or already something else,
 * nothing is changed (test/kplus-ingress.test.ts fails then, so the workaround is revisited).
 */
export function newIngress(scope: Construct, id: string, props: kplus.IngressProps): kplus.Ingress {
  const ingress = new kplus.Ingress(scope, id, props);
  const holder = ingress as unknown as { _rulesPerHost?: unknown };
  const table = holder._rulesPerHost;
  if (table !== null && typeof table === 'object' && Object.getPrototypeOf(table) === Object.prototype) {
    holder._rulesPerHost = Object.assign(Object.create(null), table);
  }
  return ingress;
}
