import { ApiObject, ApiObjectMetadata } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { GATEWAY_API_VERSION } from './common';
import { checkMetadata } from './route';
import { factoryError, propError, show } from '../errors';
import { ExposedService } from '../exposed-service';
import { refused } from '../internal/refusal';
import { checkDns1123Label, checkDns1123Subdomain, checkIngressHost } from '../validation/names';

/** The certificate authorities a Gateway trusts for a backend's certificate. */
export class BackendCa {
  /** The Gateway's system trust store (`wellKnownCACertificates: System`). */
  public static system(): BackendCa {
    return new BackendCa(undefined);
  }

  /**
   * CA certificates in ConfigMaps (key `ca.crt`) of the policy's namespace.
   *
   * @param names the ConfigMaps (1-8)
   */
  public static fromConfigMaps(names: string[]): BackendCa {
    const f = 'BackendCa.fromConfigMaps';
    if (!Array.isArray(names) || names.length === 0 || names.length > 8) throw factoryError(f, `names ${show(names)} must list 1 to 8 ConfigMaps`);
    for (const name of names) {
      const problem = typeof name === 'string' ? checkDns1123Subdomain(name) : 'is not a string';
      if (problem) throw factoryError(f, `ConfigMap name ${show(name)} ${problem}`);
    }
    if (new Set(names).size !== names.length) throw factoryError(f, `names ${show(names)} lists a ConfigMap twice`);
    return new BackendCa([...names]);
  }

  private constructor(private readonly configMaps: string[] | undefined) {}

  /** @internal */
  public _render(): any {
    return this.configMaps === undefined
      ? { wellKnownCACertificates: 'System' }
      : { caCertificateRefs: this.configMaps.map(name => ({ group: '', kind: 'ConfigMap', name })) };
  }
}

/** Props of a `BackendTlsPolicy`. */
export interface BackendTlsPolicyProps {
  /**
   * The Service the Gateway connects to with TLS: one of the library's.
   * @default - `serviceName` (one of the two is required)
   */
  readonly service?: ExposedService;
  /**
   * The Service by name, in the policy's namespace.
   * @default - `service` (one of the two is required)
   */
  readonly serviceName?: string;
  /**
   * The Service port (by its name) that speaks TLS.
   * @default - every port of the Service
   */
  readonly portName?: string;
  /** The host name the Gateway sends as SNI and checks the certificate against. */
  readonly hostname: string;
  /** Who signed the backend's certificate. */
  readonly ca: BackendCa;
  /**
   * Other names the certificate may carry (checked instead of `hostname`), at most 5.
   * @default - the certificate must match `hostname`
   */
  readonly subjectAltNames?: string[];
  /**
   * Metadata; the namespace is the Service's.
   * @default - a generated name, in the Service's namespace
   */
  readonly metadata?: ApiObjectMetadata;
}

/**
 * A Gateway API BackendTLSPolicy: the Gateway connects to the pods with TLS, checking
 * their certificate, instead of plain HTTP inside the cluster.
 *
 * @example
 * declare const chart: Chart;
 * declare const api: InternalService;
 * new BackendTlsPolicy(chart, 'ApiTls', {
 *   service: api,
 *   hostname: 'api.shop.svc.cluster.local',
 *   ca: BackendCa.fromConfigMaps(['internal-ca']),
 * });
 */
export class BackendTlsPolicy extends Construct {
  /** The BackendTLSPolicy object. */
  public readonly apiObject: ApiObject;

  /**
   * @param scope the chart (or construct)
   * @param id an id unique within scope
   * @param props the Service, host name and CA
   */
  constructor(scope: Construct, id: string, props: BackendTlsPolicyProps) {
    super(scope, id);
    try {
      const kind = 'BackendTlsPolicy';
      const fail = (message: string) => propError(kind, this, message);
      if (props === null || typeof props !== 'object') throw fail(`props ${show(props)} must be an object`);
      checkMetadata(kind, this, props.metadata);
      if ((props.service === undefined) === (props.serviceName === undefined)) {
        throw fail('give exactly one of service (one of the library\'s Services) and serviceName (any Service in the namespace)');
      }
      let name: string;
      let namespace = props.metadata?.namespace;
      if (props.service !== undefined) {
        if (!(props.service instanceof ExposedService)) throw fail(`service ${show(props.service)} is not one of the library's Services; use serviceName for others`);
        if (props.service.serviceType === kplus.ServiceType.EXTERNAL_NAME) throw fail(`service ${props.service.constructKind} '${props.service.node.path}' is an ExternalName Service; a Gateway does not route to one`);
        name = props.service.name;
        const serviceNs = props.service.metadata.namespace;
        if (namespace !== undefined && namespace !== serviceNs) throw fail(`metadata.namespace ${show(namespace)} differs from the Service's namespace ${show(serviceNs ?? '(none)')}; a BackendTLSPolicy applies to Services of its own namespace`);
        namespace = serviceNs;
        if (props.portName !== undefined && !props.service.exposedPorts.some(p => p.name === props.portName)) {
          throw fail(`portName ${show(props.portName)} is not the name of a port of the Service (${props.service.exposedPorts.map(p => p.name ?? `${p.port} (unnamed)`).join(', ')})`);
        }
      } else {
        const problem = typeof props.serviceName === 'string' ? checkDns1123Label(props.serviceName) : 'is not a string';
        if (problem) throw fail(`serviceName ${show(props.serviceName)} ${problem}`);
        name = props.serviceName!;
      }
      if (props.portName !== undefined) {
        const problem = typeof props.portName === 'string' ? checkDns1123Label(props.portName) : 'is not a string';
        if (problem) throw fail(`portName ${show(props.portName)} ${problem}`);
      }
      const hostProblem = typeof props.hostname === 'string' ? (props.hostname.startsWith('*') ? 'must not be a wildcard' : checkIngressHost(props.hostname)) : 'is required';
      if (hostProblem) throw fail(`hostname ${show(props.hostname)} ${hostProblem}; it is the name the Gateway sends as SNI and checks the certificate against`);
      if (!(props.ca instanceof BackendCa)) throw fail(`ca ${show(props.ca)} is required: BackendCa.system() or BackendCa.fromConfigMaps([...])`);
      const sans = props.subjectAltNames;
      if (sans !== undefined) {
        if (!Array.isArray(sans) || sans.length === 0 || sans.length > 5) throw fail(`subjectAltNames ${show(sans)} must list 1 to 5 host names`);
        for (const san of sans) {
          const problem = typeof san === 'string' ? checkIngressHost(san) : 'is not a string';
          if (problem) throw fail(`subjectAltNames entry ${show(san)} ${problem}`);
        }
      }
      this.apiObject = new ApiObject(this, 'Resource', {
        apiVersion: GATEWAY_API_VERSION,
        kind: 'BackendTLSPolicy',
        metadata: { ...props.metadata, namespace },
        spec: {
          targetRefs: [{ group: '', kind: 'Service', name, ...(props.portName !== undefined ? { sectionName: props.portName } : {}) }],
          validation: {
            hostname: props.hostname,
            ...props.ca._render(),
            ...(sans !== undefined ? { subjectAltNames: sans.map(hostname => ({ type: 'Hostname', hostname })) } : {}),
          },
        },
      });
    } catch (e) {
      throw refused(this, e);
    }
  }
}
