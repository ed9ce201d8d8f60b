import { factoryError, show } from './errors';
import { checkCidr } from './validation/names';

/**
 * Who may reach a `PublicService` through its load balancer (`loadBalancerSourceRanges`).
 * There is no default: facing the whole internet is a choice made with `anywhere()`.
 */
export class SourceRanges {
  /**
   * Anyone on the internet may connect. An explicit decision: the synthesized Service carries
   * the annotation `cdk8s-expose/source-ranges: anywhere` so that audits can tell it from an
   * oversight.
   */
  public static anywhere(): SourceRanges {
    return new SourceRanges([], true);
  }

  /**
   * Only clients in these CIDR blocks may connect (IPv4 or IPv6, host bits zero, e.g.
   * `203.0.113.0/24`, `198.51.100.7/32`, `2001:db8::/32`).
   *
   * @param cidrs the CIDR blocks allowed; at least one
   */
  public static cidrs(cidrs: string[]): SourceRanges {
    if (!Array.isArray(cidrs) || cidrs.length === 0) {
      throw factoryError('SourceRanges.cidrs', `received ${show(cidrs)}, but at least one CIDR is needed. Pass e.g. ['203.0.113.0/24'], or SourceRanges.anywhere() to allow the whole internet on purpose`);
    }
    const problems: string[] = [];
    const seen = new Set<string>();
    // The API server trims the spaces around a source range; so does this.
    const trimmed = cidrs.map(cidr => (typeof cidr === 'string' ? cidr.trim() : cidr));
    trimmed.forEach((cidr, i) => {
      const problem = typeof cidr === 'string' ? checkCidr(cidr) : 'is not a string';
      if (problem) problems.push(`cidrs[${i}] ${show(cidr)} ${problem}`);
      else if (cidr.endsWith('/0')) problems.push(`cidrs[${i}] ${show(cidr)} allows every address; use SourceRanges.anywhere() to say so`);
      else if (seen.has(cidr)) problems.push(`cidrs[${i}] ${show(cidr)} is listed twice`);
      seen.add(cidr);
    });
    if (problems.length > 0) {
      throw factoryError('SourceRanges.cidrs', `${problems.join('; ')}`);
    }
    return new SourceRanges(trimmed, false);
  }

  /** The CIDR blocks allowed; empty when `isAnywhere`. */
  public readonly cidrList: string[];

  /** True when any client may connect. */
  public readonly isAnywhere: boolean;

  private constructor(cidrs: string[], anywhere: boolean) {
    this.cidrList = cidrs;
    this.isAnywhere = anywhere;
  }
}
