import { Rule, always } from '../rule';

/** `spec.externalIPs` lets a Service capture traffic to any address (CVE-2020-8554). */
export const externalIps: Rule = {
  id: 'external-ips',
  summary: 'A Service sets spec.externalIPs.',
  why: 'Whoever sets externalIPs can intercept cluster traffic to those addresses (CVE-2020-8554); clusters should deny the field with the DenyServiceExternalIPs admission plugin.',
  severity: always,
  check(model) {
    return model.services
      .filter(s => s.externalIPs.length > 0)
      .map(s => ({ object: s, message: `sets externalIPs ${JSON.stringify(s.externalIPs)}`, fix: 'Remove externalIPs; use a PublicService (LoadBalancer) or an Ingress to receive outside traffic' }));
  },
};
