/** Gateway API YAML as people write it without the library, for the rule, report and audit tests. */

const GROUP = 'gateway.networking.k8s.io';

export interface ListenerSpec {
  name: string;
  protocol: string;
  port: number;
  hostname?: string;
  tls?: any;
  allowedRoutes?: any;
}

export function gateway(name: string, namespace: string, listeners: ListenerSpec[], extra: any = {}): any {
  return {
    apiVersion: `${GROUP}/v1`,
    kind: 'Gateway',
    metadata: { name, namespace, ...(extra.metadata ?? {}) },
    spec: { gatewayClassName: 'example', listeners, ...(extra.spec ?? {}) },
  };
}

export function listenerSet(name: string, namespace: string, parent: { name: string; namespace?: string }, listeners: ListenerSpec[]): any {
  return { apiVersion: `${GROUP}/v1`, kind: 'ListenerSet', metadata: { name, namespace }, spec: { parentRef: parent, listeners } };
}

export const https = (hostname?: string, extra: Partial<ListenerSpec> = {}): ListenerSpec => ({
  name: 'https',
  protocol: 'HTTPS',
  port: 443,
  ...(hostname ? { hostname } : {}),
  tls: { mode: 'Terminate', certificateRefs: [{ name: 'cert' }] },
  ...extra,
});
export const http = (extra: Partial<ListenerSpec> = {}): ListenerSpec => ({ name: 'http', protocol: 'HTTP', port: 80, ...extra });
export const fromAll = { namespaces: { from: 'All' } };

export interface RouteOptions {
  parentRefs: any[];
  hostnames?: string[];
  rules?: any[];
}

export function httpRoute(name: string, namespace: string, options: RouteOptions, kind = 'HTTPRoute'): any {
  return {
    apiVersion: `${GROUP}/v1`,
    kind,
    metadata: { name, namespace },
    spec: {
      parentRefs: options.parentRefs,
      ...(options.hostnames ? { hostnames: options.hostnames } : {}),
      rules: options.rules ?? [{ backendRefs: [{ name: 'web', port: 80 }] }],
    },
  };
}

export function referenceGrant(name: string, namespace: string, from: any[], to: any[]): any {
  return { apiVersion: `${GROUP}/v1`, kind: 'ReferenceGrant', metadata: { name, namespace }, spec: { from, to } };
}

export function svc(name: string, namespace: string, port = 80): any {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: { selector: { app: name }, ports: [{ port }] } };
}
