import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { propError, show } from './errors';
import { ExposedService, ExposedServiceProps } from './exposed-service';
import { ExposureScope } from './exposure-scope';
import { refused } from './internal/refusal';
import { checkDns1123Subdomain, isIpAddress } from './validation/names';

/**
 * Props of an `ExternalAlias`.
 */
export interface ExternalAliasProps extends ExposedServiceProps {
  /**
   * The DNS name that cluster DNS answers with, as a CNAME (`db.example.com`). A trailing dot
   * is allowed. Never an IP address, a URL, a port or a path.
   */
  readonly externalName: string;
}

/**
 * An ExternalName Service: a DNS alias (CNAME) inside the cluster for a name outside it,
 * such as a managed database. It selects no pods and proxies nothing. Ports are optional
 * and only informative.
 *
 * @example
 * declare const chart: Chart;
 * new ExternalAlias(chart, 'Db', {
 *   externalName: 'db.example.com',
 *   metadata: { name: 'external-db' },
 * });
 */
export class ExternalAlias extends ExposedService {
  /**
   * @param scope the chart (or construct) to define the ExternalAlias in
   * @param id an id unique within scope; the generated Kubernetes name derives from the path
   * @param props the ExternalAlias's props
   */
  constructor(scope: Construct, id: string, props: ExternalAliasProps) {
    super(scope, id, props, {
      kind: 'ExternalAlias',
      serviceType: kplus.ServiceType.EXTERNAL_NAME,
      exposure: ExposureScope.EXTERNAL_DNS,
      nodePortAdvice: 'an ExternalAlias is a DNS name and opens no ports',
      externalName: props?.externalName,
      ingressAdvice: 'an ExternalAlias is a DNS name outside the cluster; an Ingress cannot route to it (most controllers refuse ExternalName backends)',
    });
    try {
      const stray = (['selector', 'selectLabels'] as const).find(k => (props as unknown as Record<string, unknown>)[k] !== undefined);
      if (stray !== undefined) {
        throw propError(this.constructKind, this, `${stray} does not apply: an ExternalAlias selects no pods, it only answers DNS with a CNAME. Use InternalService to route to pods`);
      }
      if (props.ipFamilies !== undefined || props.ipFamilyPolicy !== undefined) {
        throw propError(this.constructKind, this, 'ipFamilies and ipFamilyPolicy do not apply to an ExternalName Service, which has no IP; remove them');
      }
      for (const [i, port] of this.exposedPorts.entries()) {
        if (port.targetPort !== undefined || port.targetPortName !== undefined) {
          throw propError(this.constructKind, this, `ports[${i}] sets a target port, but an ExternalAlias proxies nothing (clients connect to the external name on the port itself); remove targetPort/targetPortName`);
        }
      }
      const problem = checkExternalName(props.externalName);
      if (problem) {
        throw propError(this.constructKind, this, `externalName ${show(props.externalName)} ${problem}`);
      }
    } catch (e) {
      throw refused(this, e);
    }
  }

}

/** Why a value is not a usable ExternalName target, or undefined when it is one. */
function checkExternalName(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0) {
    return 'is required: the DNS name to alias, such as "db.example.com"';
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    return 'is a URL; an ExternalName is a bare DNS name. Pass only the host, e.g. "db.example.com", and put the port in ports';
  }
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  const bracketless = name.replace(/^\[(.*)\]$/, '$1');
  if (isIpAddress(bracketless)) {
    return 'is an IP address. Cluster DNS would return it as a CNAME target, not as an address, so clients would fail to resolve it. '
      + 'For an IP, create an InternalService-style Service without a selector and an EndpointSlice with that address';
  }
  if (name.includes('/')) return 'contains a path; an ExternalName is a bare DNS name such as "db.example.com"';
  if (/:\d+$/.test(name)) {
    return 'contains a port; an ExternalName is a bare DNS name such as "db.example.com". Put the port in ports instead';
  }
  if (name !== name.toLowerCase() && !checkDns1123Subdomain(name.toLowerCase())) {
    return `has upper-case letters; DNS names must be lower-case here: use ${show(value.toLowerCase())}`;
  }
  const problem = checkDns1123Subdomain(name);
  return problem ? `${problem} (after removing a trailing dot)` : undefined;
}
