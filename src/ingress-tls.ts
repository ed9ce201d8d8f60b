import { secretNameForHost } from './annotations';
import { factoryError, show } from './errors';
import { certManagerAnnotations, CertManagerOptions } from './presets/cert-manager';
import { TlsSource } from './presets/context';
import { checkDns1123Subdomain } from './validation/names';

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
      throw factoryError('IngressTls.fromSecret', `secretName ${show(secretName)} ${problem}`);
    }
    return new IngressTls(TlsSource.SECRET, secretName);
  }

  /**
   * Serve HTTPS with a certificate that the ingress controller or its cloud supplies, without a
   * Secret: ACM for the ALB, Google-managed or pre-shared certificates for GKE, a certificate
   * resolver for Traefik. The Ingress lists the host under `tls` with no Secret name.
   */
  public static fromController(): IngressTls {
    return new IngressTls(TlsSource.CONTROLLER, undefined);
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
    const annotations = certManagerAnnotations(options);
    if (options.secretName !== undefined) {
      const problem = checkDns1123Subdomain(options.secretName);
      if (problem) throw factoryError('IngressTls.certManager', `secretName ${show(options.secretName)} ${problem}`);
    }
    return new IngressTls(TlsSource.CERT_MANAGER, options.secretName, annotations);
  }

  /**
   * Serve plain HTTP only. Refused in a production stage unless acknowledged.
   */
  public static disabled(): IngressTls {
    return new IngressTls(TlsSource.NONE, undefined);
  }

  /**
   * The default TLS of a host: the Secret named after it (used by IngressFronted).
   * @internal
   */
  public static _forHost(host: string): IngressTls {
    return new IngressTls(TlsSource.DEFAULT_SECRET, secretNameForHost(host));
  }

  /** Whether TLS is on. */
  public readonly enabled: boolean;

  /**
   * The Secret that holds the certificate.
   *
   * @default - derived from the host (`api.example.com` gives `api-example-com-tls`); none with `fromController()`
   */
  public readonly secretName?: string;

  /** Annotations the Ingress needs for this TLS source (cert-manager's issuer). */
  public readonly annotations: Record<string, string>;

  /**
   * Where the certificate comes from (read by the presets).
   * @internal
   */
  public readonly _source: TlsSource;

  private constructor(source: TlsSource, secretName: string | undefined, annotations: Record<string, string> = {}) {
    this._source = source;
    this.enabled = source !== TlsSource.NONE;
    this.secretName = secretName;
    this.annotations = annotations;
  }
}
