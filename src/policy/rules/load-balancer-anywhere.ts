import { SOURCE_RANGES_ANNOTATION } from '../../annotations';
import { Rule, productionOnly } from '../rule';

/** A PublicService deliberately open to the whole internet, in production. */
export const loadBalancerAnywhere: Rule = {
  id: 'load-balancer-anywhere',
  summary: 'A PublicService with SourceRanges.anywhere() is deployed to production without an acknowledgement.',
  why: 'Facing the whole internet is sometimes right (a public website) but should be a reviewed decision with a recorded reason.',
  severity: productionOnly,
  check(model) {
    return model.services
      .filter(s => s.type === 'LoadBalancer' && s.sourceRanges.length === 0 && s.annotations[SOURCE_RANGES_ANNOTATION] === 'anywhere' && s.exposure === 'internet')
      .map(s => ({ object: s, message: 'accepts connections from anywhere on the internet', fix: "Limit it with SourceRanges.cidrs([...]), or acknowledge the rule with the reason: svc.acknowledge('load-balancer-anywhere', 'public website')" }));
  },
};
