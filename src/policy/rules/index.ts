import { Rule } from '../rule';
import { apiServerRejects } from './api-server-rejects';
import { danglingBackendTlsPolicy } from './dangling-backend-tls-policy';
import { danglingIngressBackend } from './dangling-ingress-backend';
import { danglingNetworkPolicy } from './dangling-network-policy';
import { danglingNetworkPolicyPeer } from './dangling-network-policy-peer';
import { danglingService } from './dangling-service';
import { databasePortExposed } from './database-port-exposed';
import { defaultNamespace } from './default-namespace';
import { deprecatedApiVersion } from './deprecated-api-version';
import { duplicateObject } from './duplicate-object';
import { duplicateServiceSelector } from './duplicate-service-selector';
import { exposureKindNotRead } from './exposure-kind-not-read';
import { externalIps } from './external-ips';
import { externalNameTarget } from './external-name-target';
import { gatewayRouteConflict } from './gateway-route-conflict';
import { gatewayUnknownSection } from './gateway-unknown-section';
import { hostExposure } from './host-exposure';
import { ingressNginxRiskyAnnotation } from './ingress-nginx-risky-annotation';
import { ingressNginxSnippet } from './ingress-nginx-snippet';
import { ingressRouteConflict } from './ingress-route-conflict';
import { ingressToExternalName } from './ingress-to-external-name';
import { ingressWildcardHost } from './ingress-wildcard-host';
import { ingressWithoutTls } from './ingress-without-tls';
import { internalServiceIsolation } from './internal-service-isolation';
import { istioFieldNotRead } from './istio-field-not-read';
import { listenerSetNotAllowed } from './listener-set-not-allowed';
import { loadBalancerAnywhere } from './load-balancer-anywhere';
import { loadBalancerWithoutSourceRanges } from './load-balancer-without-source-ranges';
import { missingReferenceGrant } from './missing-reference-grant';
import { nodePortConflict } from './node-port-conflict';
import { nodePortInProduction } from './node-port-in-production';
import { probePortNotExposed } from './probe-port-not-exposed';
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
  ingressNginxSnippet,
  deprecatedApiVersion,
  hostExposure,
  exposureKindNotRead,
  danglingService,
  danglingIngressBackend,
  danglingBackendTlsPolicy,
  gatewayUnknownSection,
  routeNotAllowed,
  listenerSetNotAllowed,
  routeHostnameOutsideListener,
  missingReferenceGrant,
  targetPortNotExposed,
  probePortNotExposed,
  danglingNetworkPolicy,
  danglingNetworkPolicyPeer,
  ingressNginxRiskyAnnotation,
  duplicateServiceSelector,
  databasePortExposed,
  loadBalancerWithoutSourceRanges,
  nodePortInProduction,
  loadBalancerAnywhere,
  ingressWithoutTls,
  ingressWildcardHost,
  defaultNamespace,
  internalServiceIsolation,
  istioFieldNotRead,
];

/** The ids of every rule. */
export const RULE_IDS: readonly string[] = RULES.map(r => r.id);
