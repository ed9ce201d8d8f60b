/**
 * Kubernetes' own name rules (apimachinery `validation.IsDNS1035Label` and friends) as
 * small pure functions. Each returns `undefined` when the value is valid, or a short
 * sentence that says what is wrong with it.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** RFC 1035 label: what a Service name must be. */
export function checkDns1035Label(value: string): string | undefined {
  if (value.length === 0) return 'must not be empty';
  if (value.length > 63) return `must be at most 63 characters (it has ${value.length})`;
  if (!DNS1035_LABEL.test(value)) {
    return 'must be a DNS-1035 label: lower-case letters, digits and "-", starting with a letter and ending with a letter or digit';
  }
  return undefined;
}

/** RFC 1123 label: namespaces, port names. */
export function checkDns1123Label(value: string): string | undefined {
  if (value.length === 0) return 'must not be empty';
  if (value.length > 63) return `must be at most 63 characters (it has ${value.length})`;
  if (!DNS1123_LABEL.test(value)) {
    return 'must be a DNS-1123 label: lower-case letters, digits and "-", starting and ending with a letter or digit';
  }
  return undefined;
}

/** RFC 1123 subdomain: host names, secret names, ingress class names. */
export function checkDns1123Subdomain(value: string): string | undefined {
  if (value.length === 0) return 'must not be empty';
  if (value.length > 253) return `must be at most 253 characters (it has ${value.length})`;
  if (!DNS1123_SUBDOMAIN.test(value)) {
    return 'must be a DNS-1123 subdomain: dot-separated labels of lower-case letters, digits and "-", each starting and ending with a letter or digit';
  }
  for (const label of value.split('.')) {
    if (label.length > 63) return `has a label of ${label.length} characters ("${label.slice(0, 20)}..."); each label is at most 63`;
  }
  return undefined;
}

/**
 * A path segment name (apimachinery pkg/api/validation/path/name.go `IsValidPathSegmentName`):
 * what every object name must be, since it is a segment of the object's URL, and all that the
 * RBAC kinds ask (`system:aggregated-metrics-reader` is a valid ClusterRole name).
 */
export function checkPathSegmentName(value: string): string | undefined {
  if (value.length === 0) return 'must not be empty';
  if (value === '.' || value === '..') return `may not be "${value}"`;
  if (value.includes('/')) return 'may not contain "/"';
  if (value.includes('%')) return 'may not contain "%"';
  return undefined;
}

/** A host as an Ingress accepts it: a DNS-1123 subdomain, optionally with a leading `*.` wildcard. */
export function checkIngressHost(value: string): string | undefined {
  const name = value.startsWith('*.') ? value.slice(2) : value;
  if (name.includes('*')) return 'may use "*" only as the whole first label ("*.example.com")';
  if (isIpAddress(name)) return 'must be a DNS name, not an IP address';
  return checkDns1123Subdomain(name);
}

/**
 * IANA_SVC_NAME (RFC 6335): what a named targetPort must be. At most 15 characters of
 * `[a-z0-9-]`, at least one letter, no leading, trailing or double hyphen.
 */
export function checkIanaSvcName(value: string): string | undefined {
  if (value.length === 0) return 'must not be empty';
  if (value.length > 15) return `must be at most 15 characters (it has ${value.length})`;
  if (!/^[-a-z0-9]+$/.test(value)) return 'may contain only lower-case letters, digits and "-"';
  if (!/[a-z]/.test(value)) return 'must contain at least one letter';
  if (value.startsWith('-') || value.endsWith('-')) return 'must not begin or end with "-"';
  if (value.includes('--')) return 'must not contain "--"';
  return undefined;
}

/** A qualified name (`prefix/name` or `name`): label and annotation keys, appProtocol, loadBalancerClass. */
export function checkQualifiedName(value: string): string | undefined {
  const parts = value.split('/');
  if (parts.length > 2) return 'must be a name with at most one "/" ("example.com/name" or "name")';
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    const prefix = parts[0];
    if (prefix.length === 0) return 'must not start with "/"';
    const prefixProblem = checkDns1123Subdomain(prefix);
    if (prefixProblem) return `has a prefix "${prefix}" that ${prefixProblem}`;
  }
  if (name.length === 0) return 'must have a name after the prefix';
  if (name.length > 63) return `must have a name part of at most 63 characters (it has ${name.length})`;
  if (!QUALIFIED_NAME_PART.test(name)) {
    return 'must have a name part of letters, digits, "-", "_" and ".", starting and ending with a letter or digit';
  }
  return undefined;
}

/** A label value: empty, or at most 63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit. */
export function checkLabelValue(value: string): string | undefined {
  if (value.length === 0) return undefined;
  if (value.length > 63) return `must be at most 63 characters (it has ${value.length})`;
  if (!QUALIFIED_NAME_PART.test(value)) return 'must be letters, digits, "-", "_" and ".", starting and ending with a letter or digit';
  return undefined;
}

/** True when the value parses as an IPv4 or IPv6 address. */
export function isIpAddress(value: string): boolean {
  return parseIpv4(value) !== undefined || parseIpv6(value) !== undefined;
}

/** Parses a dotted-quad IPv4 address strictly (no leading zeros). */
export function parseIpv4(value: string): number[] | undefined {
  const parts = value.split('.');
  if (parts.length !== 4) return undefined;
  const octets: number[] = [];
  for (const part of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    octets.push(n);
  }
  return octets;
}

/** Parses an IPv6 address (with `::` compression and an optional IPv4 tail) into 16 bytes. */
export function parseIpv6(value: string): number[] | undefined {
  if (!value.includes(':')) return undefined;
  const halves = value.split('::');
  if (halves.length > 2) return undefined;
  const parseGroups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    const groups = s.split(':');
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i];
      if (i === groups.length - 1 && g.includes('.')) {
        const v4 = parseIpv4(g);
        if (!v4) return undefined;
        out.push(...v4);
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      const n = parseInt(g, 16);
      out.push(Math.floor(n / 256), n % 256);
    }
    return out;
  };
  const head = parseGroups(halves[0]);
  const tail = halves.length === 2 ? parseGroups(halves[1]) : [];
  if (!head || !tail) return undefined;
  if (halves.length === 1) return head.length === 16 ? head : undefined;
  const missing = 16 - head.length - tail.length;
  if (missing < 2) return undefined;
  return [...head, ...new Array(missing).fill(0), ...tail];
}

/**
 * A CIDR as `loadBalancerSourceRanges` takes it: `a.b.c.d/n` or an IPv6 prefix. Host bits must
 * be zero, so that what is written is what is allowed (`10.0.0.1/8` is refused; write `10.0.0.0/8`).
 */
export function checkCidr(value: string): string | undefined {
  const slash = value.indexOf('/');
  if (slash < 0) return 'must be a CIDR with a prefix length, such as "203.0.113.0/24" (for one address, "/32")';
  const address = value.slice(0, slash);
  const lengthText = value.slice(slash + 1);
  const bytes = parseIpv4(address) ?? parseIpv6(address);
  if (!bytes) return `has "${address}", which is not an IPv4 or IPv6 address`;
  const maxLength = bytes.length * 8;
  if (!/^(0|[1-9][0-9]*)$/.test(lengthText) || Number(lengthText) > maxLength) {
    return `has prefix length "${lengthText}"; it must be a whole number from 0 to ${maxLength}`;
  }
  const prefix = Number(lengthText);
  for (let bit = prefix; bit < maxLength; bit++) {
    const byte = bytes[Math.floor(bit / 8)];
    if (Math.floor(byte / 2 ** (7 - (bit % 8))) % 2 === 1) {
      return `has host bits set after the /${prefix} prefix; write the network address instead`;
    }
  }
  return undefined;
}

/** True when a (valid) CIDR lies inside private address space: RFC 1918, RFC 6598, loopback, IPv6 ULA or link-local. */
export function isPrivateCidr(cidr: string): boolean {
  const [address, lengthText] = cidr.split('/');
  const length = Number(lengthText);
  const v4 = parseIpv4(address);
  if (v4) {
    const [a, b] = v4;
    return (a === 10 && length >= 8) || (a === 172 && b >= 16 && b <= 31 && length >= 12) || (a === 192 && b === 168 && length >= 16)
      || (a === 100 && b >= 64 && b <= 127 && length >= 10) || (a === 127 && length >= 8);
  }
  const v6 = parseIpv6(address);
  if (!v6) return false;
  return ((v6[0] === 0xfc || v6[0] === 0xfd) && length >= 7) || (v6[0] === 0xfe && v6[1] >= 0x80 && v6[1] <= 0xbf && length >= 10);
}
