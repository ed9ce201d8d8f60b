import { isIpAddress } from '../../validation/names';
import { Rule, errorWhenDeclared } from '../rule';

/** An ExternalName that points at an address instead of a DNS name. */
export const externalNameTarget: Rule = {
  id: 'external-name-target',
  summary: 'An ExternalName Service points at an IP address or at localhost.',
  why: 'Cluster DNS answers an ExternalName with a CNAME: an IP address there does not resolve, and localhost sends clients to whatever listens on their own node or pod, a known way to reach services that were not meant to be reachable.',
  severity: errorWhenDeclared,
  check(model) {
    return model.services
      .filter(s => s.type === 'ExternalName' && s.externalName !== undefined)
      .filter(s => {
        const target = String(s.externalName).replace(/\.$/, '').toLowerCase();
        return isIpAddress(target.replace(/^\[(.*)\]$/, '$1')) || target === 'localhost' || target.endsWith('.localhost');
      })
      .map(s => ({
        object: s,
        message: `points at ${JSON.stringify(s.externalName)}, which is not a DNS name outside the cluster`,
        fix: 'Point it at the DNS name of the external service; for an IP, use a Service without a selector and an EndpointSlice',
      }));
  },
};
