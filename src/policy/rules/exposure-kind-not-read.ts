import { unreadExposureProject } from '../../model/unread-kinds';
import { Rule, Severity } from '../rule';

/** An object of a kind known to expose Services, which the model does not read (src/model/unread-kinds.ts). */
export const exposureKindNotRead: Rule = {
  id: 'exposure-kind-not-read',
  summary: 'An object of a kind known to expose Services that the engine does not read (Traefik IngressRoute, Contour HTTPProxy, Emissary Mapping, Kong TCPIngress, NGINX VirtualServer, OpenShift Route...): its exposure is neither reported nor judged.',
  why: 'A report that silently leaves out a route to the internet reads as if nothing were exposed there; naming what was not read tells the reviewer what to check by hand.',
  severity: () => Severity.WARNING,
  check(model) {
    const findings = [];
    for (const o of model.others) {
      const project = unreadExposureProject(o.apiGroup, o.kind);
      if (project === undefined) continue;
      findings.push({
        object: o,
        message: `is a ${project} ${o.kind} (${o.apiGroup}), which routes traffic to Services, and cdk8s-expose does not read it: what it exposes is not in the report and no rule judges it`,
        fix: 'Review its hosts, TLS and backends by hand, or express the route as an Ingress or a Gateway API route (IngressFronted, GatewayFronted) so that it is judged',
      });
    }
    return findings;
  },
};
