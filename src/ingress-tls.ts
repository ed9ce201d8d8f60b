import { show } from './errors';
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
      throw new Error(`IngressTls.fromSecret: secretName ${show(secretName)} ${problem}`);
    }
    return new IngressTls(true, secretName);
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

  private constructor(enabled: boolean, secretName: string | undefined) {
    this.enabled = enabled;
    this.secretName = secretName;
  }
}
