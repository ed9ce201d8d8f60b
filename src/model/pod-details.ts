/**
 * Details of pod templates and NetworkPolicies that some rules read: probes with their
 * containers' ports, and the peers of a NetworkPolicy. Private to the library.
 */

/** One port a container declares. */
export interface ContainerPortInfo {
  readonly number?: number;
  readonly name?: string;
  readonly protocol: string;
}

/** One HTTP, TCP or gRPC probe of a container. */
export interface ProbeInfo {
  /** The container's name. */
  readonly container: string;
  /** `liveness`, `readiness` or `startup`. */
  readonly probe: string;
  /** `httpGet`, `tcpSocket` or `grpc`. */
  readonly handler: string;
  /** The port probed: a number, or the name of a container port. */
  readonly port: number | string;
  /** The ports the same container declares. */
  readonly containerPorts: ContainerPortInfo[];
}

/** One peer of a NetworkPolicy rule (an entry of `ingress[].from` or `egress[].to`). */
export interface NetworkPolicyPeerInfo {
  /** `ingress` (a source admitted) or `egress` (a destination allowed). */
  readonly direction: string;
  /** The peer's podSelector labels; undefined when the peer has no podSelector. */
  readonly podSelector?: Record<string, string>;
  /** The peer's namespaceSelector labels; undefined when the peer has no namespaceSelector. */
  readonly namespaceSelector?: Record<string, string>;
  /** True when either selector has matchExpressions (which the rules do not evaluate). */
  readonly hasExpressions: boolean;
  /** True for an ipBlock peer. */
  readonly ipBlock: boolean;
}

const PROBES: Array<[string, string]> = [['livenessProbe', 'liveness'], ['readinessProbe', 'readiness'], ['startupProbe', 'startup']];

/** The probes of every container of a pod spec (init containers too: sidecars may have probes). */
export function probesOf(podSpec: any): ProbeInfo[] {
  const probes: ProbeInfo[] = [];
  const list = (value: any): any[] => (Array.isArray(value) ? value : []);
  for (const container of [...list(podSpec?.containers), ...list(podSpec?.initContainers)]) {
    const containerPorts: ContainerPortInfo[] = list(container?.ports).map((p: any) => ({ number: p?.containerPort, name: p?.name, protocol: p?.protocol ?? 'TCP' }));
    for (const [field, probe] of PROBES) {
      const spec = container?.[field];
      if (!spec) continue;
      for (const handler of ['httpGet', 'tcpSocket', 'grpc']) {
        const port = spec[handler]?.port;
        if (typeof port === 'number' || typeof port === 'string') {
          probes.push({ container: String(container.name), probe, handler, port, containerPorts });
        }
      }
    }
  }
  return probes;
}

function labelsOf(selector: any): Record<string, string> | undefined {
  return selector === undefined || selector === null ? undefined : { ...(selector.matchLabels ?? {}) };
}

/** Every peer of a NetworkPolicy spec, ingress sources first. */
export function peersOf(spec: any): NetworkPolicyPeerInfo[] {
  const peers: NetworkPolicyPeerInfo[] = [];
  const read = (direction: string, list: any) => {
    for (const peer of Array.isArray(list) ? list : []) {
      peers.push({
        direction,
        podSelector: labelsOf(peer?.podSelector),
        namespaceSelector: labelsOf(peer?.namespaceSelector),
        hasExpressions: (peer?.podSelector?.matchExpressions ?? []).length > 0 || (peer?.namespaceSelector?.matchExpressions ?? []).length > 0,
        ipBlock: peer?.ipBlock !== undefined,
      });
    }
  };
  for (const rule of Array.isArray(spec?.ingress) ? spec.ingress : []) read('ingress', rule?.from);
  for (const rule of Array.isArray(spec?.egress) ? spec.egress : []) read('egress', rule?.to);
  return peers;
}
