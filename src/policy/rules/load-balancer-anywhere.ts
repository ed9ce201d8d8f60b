import { SOURCE_RANGES_ANNOTATION } from '../../annotations';
import { ServiceInfo } from '../../model/model';
import { checkCidr } from '../../validation/names';
import { Rule, productionOnly } from '../rule';

/** A source range that admits every address of its family: `0.0.0.0/0` or `::/0`. */
function isEverywhere(range: string): boolean {
  const text = String(range).trim();
  return text.endsWith('/0') && checkCidr(text) === undefined;
}

/**
 * Open to the whole internet: `SourceRanges.anywhere()` (the library's annotation), or source
 * ranges written in YAML (the field or the Kubernetes annotation) that include `0.0.0.0/0` or `::/0`.
 */
export function opensToAnywhere(s: ServiceInfo): boolean {
  return s.sourceRanges.length === 0 ? s.annotations[SOURCE_RANGES_ANNOTATION] === 'anywhere' : s.sourceRanges.some(isEverywhere);
}

/** A LoadBalancer deliberately open to the whole internet, in production. */
export const loadBalancerAnywhere: Rule = {
  id: 'load-balancer-anywhere',
  summary: 'An internet-facing LoadBalancer is open to every address (SourceRanges.anywhere(), or source ranges with 0.0.0.0/0 or ::/0 in the field or the load-balancer-source-ranges annotation) in production without an acknowledgement.',
  why: 'Facing the whole internet is sometimes right (a public website) but should be a reviewed decision with a recorded reason.',
  severity: productionOnly,
  check(model) {
    return model.services
      .filter(s => s.type === 'LoadBalancer' && s.exposure === 'internet' && opensToAnywhere(s))
      .map(s => ({
        object: s,
        message: s.sourceRanges.length === 0 ? 'accepts connections from anywhere on the internet' : `accepts connections from anywhere on the internet (source ranges ${s.sourceRanges.join(', ')})`,
        fix: "Limit it with SourceRanges.cidrs([...]) (in YAML: narrower loadBalancerSourceRanges), or acknowledge the rule with the reason: svc.acknowledge('load-balancer-anywhere', 'public website')",
      }));
  },
};
