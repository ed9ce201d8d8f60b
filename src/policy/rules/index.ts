import { Rule } from '../rule';
import { apiServerRejects } from './api-server-rejects';
import { danglingIngressBackend } from './dangling-ingress-backend';
import { danglingService } from './dangling-service';
import { databasePortExposed } from './database-port-exposed';
import { duplicateObject } from './duplicate-object';
import { externalIps } from './external-ips';
import { externalNameTarget } from './external-name-target';
import { gatewayRouteConflict } from './gateway-route-conflict';
import { gatewayUnknownSection } from './gateway-unknown-section';
import { hostExposure } from './host-exposure';
import { ingressRouteConflict } from './ingress-route-conflict';
import { ingressToExternalName } from './ingress-to-external-name';
import { ingressWithoutTls } from './ingress-without-tls';
import { internalServiceIsolation } from './internal-service-isolation';
import { loadBalancerAnywhere } from './load-balancer-anywhere';
import { loadBalancerWithoutSourceRanges } from './load-balancer-without-source-ranges';
import { missingReferenceGrant } from './missing-reference-grant';
import { nodePortConflict } from './node-port-conflict';
import { nodePortInProduction } from './node-port-in-production';
import { routeHostnameOutsideListener } from './route-hostname-outside-listener';
import { routeNotAllowed } from './route-not-allowed';
import { sshExposed } from './ssh-exposed';
import { targetPortNotExposed } from './target-port-not-exposed';

/** Every rule, in the order findings are reported. */
export const RULES: readonly Rule[] = [
  apiServerRejects,
  nodePortConflict,
  duplicateObject,
  externalIps,
  ingressToExternalName,
  ingressRouteConflict,
  gatewayRouteConflict,
  sshExposed,
  externalNameTarget,
  hostExposure,
  danglingService,
  danglingIngressBackend,
  gatewayUnknownSection,
  routeNotAllowed,
  routeHostnameOutsideListener,
  missingReferenceGrant,
  targetPortNotExposed,
  databasePortExposed,
  loadBalancerWithoutSourceRanges,
  nodePortInProduction,
  loadBalancerAnywhere,
  ingressWithoutTls,
  internalServiceIsolation,
];

/** The ids of every rule. */
export const RULE_IDS: readonly string[] = RULES.map(r => r.id);
