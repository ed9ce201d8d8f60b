/**
 * What a preset is checked against: the Service or Ingress it is applied to. Private to the
 * library. A preset resolves to the annotations that make its options effective on that object,
 * or to problems that name what contradicts and what to do.
 */
import { LoadBalancerScheme } from './common';
import { AWS_INGRESS, AWS_SERVICE } from './keys';

/** One Service port, as the preset sees it. */
export interface PresetPort {
  readonly port: number;
  readonly name?: string;
  readonly protocol?: string;
}

/** The Service a load balancer profile is applied to. */
export interface ServiceContext {
  readonly ports: ReadonlyArray<PresetPort>;
  /** The restricted source ranges; undefined when anyone may connect. */
  readonly sourceRanges?: ReadonlyArray<string>;
  /** `Cluster` or `Local`. */
  readonly externalTrafficPolicy?: string;
}

/** Where the certificate of an Ingress comes from. */
export enum TlsSource {
  /** No TLS (no host, or `IngressTls.disabled()`). */
  NONE = 'none',
  /** The default: a Secret named after the host. */
  DEFAULT_SECRET = 'default-secret',
  /** `IngressTls.fromSecret(...)`. */
  SECRET = 'secret',
  /** `IngressTls.certManager(...)`. */
  CERT_MANAGER = 'cert-manager',
  /** `IngressTls.fromController()`: the controller or its cloud supplies the certificate. */
  CONTROLLER = 'controller',
}

/** The Ingress route an ingress controller preset is applied to. */
export interface IngressContext {
  readonly host?: string;
  readonly tls: TlsSource;
}

/** What a preset resolves to on one object. */
export interface Resolution {
  /** The annotations of the Service (profiles) or the Ingress (controllers). */
  readonly annotations: Record<string, string>;
  /** Annotations an ingress controller needs on the backend Service. */
  readonly serviceAnnotations?: Record<string, string>;
  /** What makes the combination wrong, each naming the option and the fix. */
  readonly problems: string[];
  /**
   * The controller never reads a TLS Secret (it takes certificates from its cloud): the
   * Ingress lists the TLS host without a Secret name.
   */
  readonly secretless?: boolean;
}

/**
 * Annotations whose value is a comma-separated `key=value` list that the provider reads as a
 * map: a user's own value is merged with the preset's instead of being refused.
 */
const MAP_VALUED_KEYS = new Set([
  `${AWS_SERVICE}attributes`,
  `${AWS_SERVICE}target-group-attributes`,
  `${AWS_INGRESS}load-balancer-attributes`,
  `${AWS_INGRESS}target-group-attributes`,
]);

function parseMap(value: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of value.split(',')) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const eq = trimmed.indexOf('=');
    out.set(eq < 0 ? trimmed : trimmed.slice(0, eq).trim(), eq < 0 ? '' : trimmed.slice(eq + 1).trim());
  }
  return out;
}

/** Renders a `key=value` map the way the AWS controller reads it, keys sorted. */
export function renderMap(entries: Record<string, string>): string {
  return Object.keys(entries).sort().map(k => `${k}=${entries[k]}`).join(',');
}

/**
 * Puts a preset's annotations next to the user's own (`userProp` names where they came from).
 * A key both set to the same value is fine; a map-valued key is merged; any other key set to two
 * values is a problem naming both. Returns what to write for the preset's keys.
 */
export function mergeWithUser(presetName: string, preset: Record<string, string>,
  user: Record<string, string> | undefined, userProp: string): { annotations: Record<string, string>; problems: string[] } {
  const annotations: Record<string, string> = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(preset)) {
    const own = user?.[key];
    if (own === undefined || own === value) {
      annotations[key] = value;
      continue;
    }
    if (MAP_VALUED_KEYS.has(key)) {
      const merged = parseMap(own);
      let clash = false;
      for (const [k, v] of parseMap(value)) {
        const mine = merged.get(k);
        if (mine !== undefined && mine !== v) {
          problems.push(`${userProp} ${key} sets ${k}=${JSON.stringify(mine)} but the ${presetName} preset sets ${k}=${JSON.stringify(v)}; remove one of the two`);
          clash = true;
        }
        merged.set(k, v);
      }
      if (!clash) annotations[key] = renderMap(Object.fromEntries(merged));
      continue;
    }
    problems.push(`${userProp} ${key} is ${JSON.stringify(own)} but the ${presetName} preset sets ${JSON.stringify(value)}; remove the annotation or change the preset's option`);
  }
  return { annotations, problems };
}

/** What a provider file builds for a profile. Private to the library. */
export interface ProfileSpec {
  readonly provider: string;
  readonly scheme: LoadBalancerScheme;
  /** The annotations that do not depend on the Service. */
  readonly annotations: Record<string, string>;
  readonly loadBalancerClass?: string;
  /** The annotations for this Service, or what makes the combination wrong. */
  readonly resolve: (service: ServiceContext) => Resolution;
}

/** What a provider file builds for a controller preset. Private to the library. */
export interface ControllerSpec {
  readonly controller: string;
  readonly className?: string;
  readonly scheme: LoadBalancerScheme;
  /** The annotations that do not depend on the route. */
  readonly annotations: Record<string, string>;
  /** The annotations for this route (its host and TLS), or what makes the combination wrong. */
  readonly resolve: (route: IngressContext) => Resolution;
}
