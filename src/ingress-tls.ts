import { show } from './errors';
import { checkDns1123Subdomain } from './validation/names';

/** Options of `IngressTls.certManager`. */
export interface CertManagerOptions {
  /**
   * A ClusterIssuer's name (`cert-manager.io/cluster-issuer`).
   * @default - use `issuer`
   */
  readonly clusterIssuer?: string;
  /**
   * An Issuer's name in the Ingress's namespace (`cert-manager.io/issuer`).
   * @default - use `clusterIssuer`
   */
  readonly issuer?: string;
  /**
   * The Secret cert-manager writes the certificate to.
   * @default - derived from the host (`api.example.com` gives `api-example-com-tls`)
   */
  readonly secretName?: string;
}

/**
 * How an `IngressFronted` terminates TLS. TLS is on by default whenever a host is given;
 * plain HTTP is a choice made with `IngressTls.disabled()`.
 */
export class IngressTls {
  /**
   * Serve HTTPS with the certificate in an existing `kubernetes.io/tls` Secret in the same
   * namespace.
   *
   * @param secretName the Secret's name (a DNS-1123 subdomain)
   */
  public static fromSecret(secretName: string): IngressTls {
    const problem = typeof secretName === 'string' ? checkDns1123Subdomain(secretName) : 'is not a string';
    if (problem) {
      throw new Error(`IngressTls.fromSecret: secretName ${show(secretName)} ${problem}`);
    }
    return new IngressTls(true, secretName);
  }

  /**
   * Serve HTTPS with a certificate that cert-manager issues and renews. Give exactly one of
   * `clusterIssuer` and `issuer`; the Ingress gets the matching `cert-manager.io/...`
   * annotation and a `tls` entry for the host, with the Secret named after the host unless
   * `secretName` is given.
   *
   * @param options the issuer and, optionally, the Secret name
   */
  public static certManager(options: CertManagerOptions): IngressTls {
    const f = 'IngressTls.certManager';
    const given = [options?.clusterIssuer, options?.issuer].filter(v => v !== undefined);
    if (given.length !== 1) {
      throw new Error(`${f}: give exactly one of clusterIssuer (a ClusterIssuer, for the whole cluster) and issuer (an Issuer in the Ingress's namespace); received ${given.length}`);
    }
    const name = (options.clusterIssuer ?? options.issuer)!;
    const issuerProblem = checkDns1123Subdomain(name);
    if (issuerProblem) throw new Error(`${f}: ${options.clusterIssuer !== undefined ? 'clusterIssuer' : 'issuer'} ${show(name)} ${issuerProblem}`);
    if (options.secretName !== undefined) {
      const problem = checkDns1123Subdomain(options.secretName);
      if (problem) throw new Error(`${f}: secretName ${show(options.secretName)} ${problem}`);
    }
    const annotation = options.clusterIssuer !== undefined ? 'cert-manager.io/cluster-issuer' : 'cert-manager.io/issuer';
    return new IngressTls(true, options.secretName, { [annotation]: name });
  }

  /**
   * Serve plain HTTP only. Refused in a production stage unless acknowledged.
   */
  public static disabled(): IngressTls {
    return new IngressTls(false, undefined);
  }

  /** Whether TLS is on. */
  public readonly enabled: boolean;

  /**
   * The Secret that holds the certificate.
   *
   * @default - derived from the host (`api.example.com` gives `api-example-com-tls`)
   */
  public readonly secretName?: string;

  /** Annotations the Ingress needs for this TLS source (cert-manager's issuer). */
  public readonly annotations: Record<string, string>;

  private constructor(enabled: boolean, secretName: string | undefined, annotations: Record<string, string> = {}) {
    this.enabled = enabled;
    this.secretName = secretName;
    this.annotations = annotations;
  }
}
