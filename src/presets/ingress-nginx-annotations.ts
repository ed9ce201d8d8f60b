/**
 * The risk ingress-nginx itself gives its annotations, from its annotation parsers
 * (kubernetes/ingress-nginx internal/ingress/annotations/<parser>/main.go, field `Risk`).
 * The controller refuses annotations above its `annotations-risk-level` (default `High`, so
 * `Critical` ones are refused). Only the `High` and `Critical` ones are listed. Private.
 */

import { NGINX } from './keys';

/** Snippets: raw nginx configuration, not validated at all (CVE-2021-25742). */
const CRITICAL = ['configuration-snippet', 'server-snippet', 'stream-snippet', 'auth-snippet', 'modsecurity-snippet'];

/**
 * Annotations whose values end up in nginx configuration or regular expressions; the values
 * of auth-url, auth-tls-match-cn and mirror-target/mirror-host were the injection points of
 * CVE-2025-24514, CVE-2025-1097 and CVE-2025-1098 (the CVE-2025-1974 chain).
 */
const HIGH = ['server-alias', 'auth-url', 'auth-signin', 'auth-tls-error-page', 'auth-tls-match-cn', 'mirror-target', 'mirror-host', 'modsecurity-transaction-id', 'proxy-ssl-name', 'upstream-hash-by'];

/** The ingress-nginx risk of an annotation key: `Critical`, `High`, or undefined for lower or not ingress-nginx. */
export function nginxAnnotationRisk(key: string): 'Critical' | 'High' | undefined {
  if (!key.startsWith(NGINX)) return undefined;
  const name = key.slice(NGINX.length);
  // Any snippet: future snippet annotations are as unchecked as the current ones.
  if (CRITICAL.includes(name) || name.endsWith('-snippet')) return 'Critical';
  return HIGH.includes(name) ? 'High' : undefined;
}

/**
 * True when an annotation value carries nginx syntax (statement ends, blocks, quotes, comments,
 * line breaks) — what the injections into High-risk annotations were made of.
 */
export function carriesNginxSyntax(value: string): boolean {
  return /[;{}'"#\\\n\r`]/.test(value);
}
