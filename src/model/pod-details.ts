/**
 * Details of pod templates that some rules read: probes with their containers' ports.
 * Private to the library.
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

/** A label selector's matchLabels; undefined when there is no selector. */
export function labelsOf(selector: any): Record<string, string> | undefined {
  return selector === undefined || selector === null ? undefined : { ...(selector.matchLabels ?? {}) };
}
