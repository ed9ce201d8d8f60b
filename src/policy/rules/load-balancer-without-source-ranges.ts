import { SOURCE_RANGES_ANNOTATION } from '../../annotations';
import { Rule, errorBeyondDevelopment } from '../rule';

/** A LoadBalancer Service with no source ranges and no record that this was chosen. */
export const loadBalancerWithoutSourceRanges: Rule = {
  id: 'load-balancer-without-source-ranges',
  summary: 'A LoadBalancer Service has no source ranges (neither loadBalancerSourceRanges nor the service.beta.kubernetes.io/load-balancer-source-ranges annotation) and nothing says that was deliberate (typical of YAML written without this library).',
  why: 'Without source ranges anyone who can reach the load balancer may connect, and most clouds make it internet-facing by default.',
  severity: errorBeyondDevelopment,
  check(model) {
    return model.services
      .filter(s => s.type === 'LoadBalancer' && s.sourceRanges.length === 0 && s.annotations[SOURCE_RANGES_ANNOTATION] !== 'anywhere')
      .map(s => ({ object: s, message: `is ${s.exposure === 'vpc' ? 'a VPC-internal' : 'an internet-facing'} load balancer with no source ranges`, fix: 'Set loadBalancerSourceRanges (PublicService: SourceRanges.cidrs([...])), or record the decision with SourceRanges.anywhere()' }));
  },
};
