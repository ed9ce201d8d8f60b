/**
 * cert-manager ingress-shim annotations. Private to the library; the public factory is
 * `IngressTls.certManager`. Source: cert-manager/cert-manager pkg/apis/certmanager/v1/types.go,
 * pkg/apis/acme/v1/types.go, pkg/controller/certificate-shim/sync.go (issuer name, kind and group).
 */
import {
  CERT_MANAGER_CLUSTER_ISSUER, CERT_MANAGER_EDIT_IN_PLACE, CERT_MANAGER_ISSUER, CERT_MANAGER_ISSUER_GROUP, CERT_MANAGER_ISSUER_KIND,
} from './keys';
import { factoryError } from '../errors';
import { checkDns1123Subdomain } from '../validation/names';

/** Options of `IngressTls.certManager`. */
export interface CertManagerOptions {
  /**
   * A ClusterIssuer's name (`cert-manager.io/cluster-issuer`).
   * @default - use `issuer`
   */
  readonly clusterIssuer?: string;
  /**
   * An Issuer's name (`cert-manager.io/issuer`): an Issuer in the Ingress's namespace, or with
   * `issuerKind` and `issuerGroup` an external issuer.
   * @default - use `clusterIssuer`
   */
  readonly issuer?: string;
  /**
   * The kind of an external issuer (`cert-manager.io/issuer-kind`), with `issuer`.
   * @default - Issuer
   */
  readonly issuerKind?: string;
  /**
   * The API group of an external issuer (`cert-manager.io/issuer-group`), with `issuer`.
   * @default - cert-manager.io
   */
  readonly issuerGroup?: string;
  /**
   * Solve the ACME HTTP-01 challenge on this Ingress instead of a separate one
   * (`acme.cert-manager.io/http01-edit-in-place`). The gce preset sets it on its own: a second
   * Ingress would get another IP address there.
   * @default false
   */
  readonly http01EditInPlace?: boolean;
  /**
   * The Secret cert-manager writes the certificate to.
   * @default - derived from the host (`api.example.com` gives `api-example-com-tls`)
   */
  readonly secretName?: string;
}

/** The Ingress annotations that make cert-manager issue the certificate, or throws naming the option. */
export function certManagerAnnotations(options: CertManagerOptions): Record<string, string> {
  const f = 'IngressTls.certManager';
  const fail = (message: string) => factoryError(f, message);
  const given = [options?.clusterIssuer, options?.issuer].filter(v => v !== undefined);
  if (given.length !== 1) {
    throw fail(`give exactly one of clusterIssuer (a ClusterIssuer, for the whole cluster) and issuer (an Issuer in the Ingress's namespace, or an external issuer with issuerKind and issuerGroup); received ${given.length}`);
  }
  const name = (options.clusterIssuer ?? options.issuer)!;
  const issuerProblem = typeof name === 'string' ? checkDns1123Subdomain(name) : 'is not a string';
  if (issuerProblem) throw fail(`${options.clusterIssuer !== undefined ? 'clusterIssuer' : 'issuer'} ${JSON.stringify(name)} ${issuerProblem}`);
  const annotations: Record<string, string> = {};
  if (options.clusterIssuer !== undefined) {
    // cert-manager refuses cluster-issuer together with issuer-kind or issuer-group.
    if (options.issuerKind !== undefined || options.issuerGroup !== undefined) {
      throw fail('issuerKind and issuerGroup go with issuer, not clusterIssuer (cert-manager refuses cluster-issuer with either); for an external cluster-scoped issuer pass issuer, issuerKind and issuerGroup');
    }
    annotations[CERT_MANAGER_CLUSTER_ISSUER] = name;
  } else {
    annotations[CERT_MANAGER_ISSUER] = name;
  }
  if (options.issuerKind !== undefined) {
    if (typeof options.issuerKind !== 'string' || !/^[A-Z][A-Za-z0-9]*$/.test(options.issuerKind)) throw fail(`issuerKind ${JSON.stringify(options.issuerKind)} must be a kind such as "AWSPCAClusterIssuer"`);
    annotations[CERT_MANAGER_ISSUER_KIND] = options.issuerKind;
  }
  if (options.issuerGroup !== undefined) {
    const problem = typeof options.issuerGroup === 'string' ? checkDns1123Subdomain(options.issuerGroup) : 'is not a string';
    if (problem) throw fail(`issuerGroup ${JSON.stringify(options.issuerGroup)} ${problem}`);
    annotations[CERT_MANAGER_ISSUER_GROUP] = options.issuerGroup;
  }
  if (options.http01EditInPlace !== undefined) {
    if (typeof options.http01EditInPlace !== 'boolean') throw fail(`http01EditInPlace ${JSON.stringify(options.http01EditInPlace)} must be true or false`);
    if (options.http01EditInPlace) annotations[CERT_MANAGER_EDIT_IN_PLACE] = 'true';
  }
  return annotations;
}
