import { show } from './errors';
import { ExposedPort } from './ports';
import { checkDns1123Label, checkIanaSvcName, checkQualifiedName } from './validation/names';

/** Which Service fields a port may use; private to the library. */
export interface PortRules {
  /** Whether `nodePort` applies to this Service type. */
  readonly nodePortAllowed: boolean;
  /** Why not, when it does not, phrased as advice. */
  readonly nodePortAdvice?: string;
}

/** The lowest and highest node port in Kubernetes' default `--service-node-port-range`. */
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

function isPortNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
}

/**
 * Checks one port against the rules of Kubernetes and against the ports already on the
 * Service. Returns every problem found, each a sentence starting with the prop it is about.
 * `index` is the port's position, used in the sentences.
 */
export function checkPort(port: ExposedPort, at: string, existing: readonly ExposedPort[], rules: PortRules): string[] {
  const problems: string[] = [];
  if (port === null || typeof port !== 'object') {
    return [`${at} is ${show(port)}; each port must be an object such as { port: 80 }`];
  }
  if (!isPortNumber(port.port)) {
    problems.push(`${at}.port ${show(port.port)} is not a port number; use a whole number from 1 to 65535`);
  }
  if (port.targetPort !== undefined && !isPortNumber(port.targetPort)) {
    problems.push(`${at}.targetPort ${show(port.targetPort)} is not a port number; use a whole number from 1 to 65535, or targetPortName for a named container port`);
  }
  if (port.targetPortName !== undefined) {
    if (port.targetPort !== undefined) {
      problems.push(`${at} has both targetPort ${show(port.targetPort)} and targetPortName ${show(port.targetPortName)}; give only one`);
    }
    const problem = typeof port.targetPortName === 'string' ? checkIanaSvcName(port.targetPortName) : 'must be a string';
    if (problem) {
      problems.push(`${at}.targetPortName ${show(port.targetPortName)} ${problem} (an IANA service name, such as "http" or "metrics")`);
    }
  }
  if (port.nodePort !== undefined) {
    if (!rules.nodePortAllowed) {
      problems.push(`${at}.nodePort ${show(port.nodePort)} does not apply here; ${rules.nodePortAdvice ?? 'remove it'}`);
    } else if (typeof port.nodePort !== 'number' || !Number.isInteger(port.nodePort) || port.nodePort < NODE_PORT_MIN || port.nodePort > NODE_PORT_MAX) {
      problems.push(`${at}.nodePort ${show(port.nodePort)} is outside ${NODE_PORT_MIN}-${NODE_PORT_MAX}; omit it to let Kubernetes choose one`);
    }
  }
  if (port.name !== undefined) {
    const problem = typeof port.name === 'string' ? checkDns1123Label(port.name) : 'must be a string';
    if (problem) problems.push(`${at}.name ${show(port.name)} ${problem}`);
  }
  if (port.protocol !== undefined && !PROTOCOLS.includes(port.protocol as string)) {
    problems.push(`${at}.protocol ${show(port.protocol)} is not one of ${PROTOCOLS.join(', ')}`);
  }
  if (port.appProtocol !== undefined) {
    const problem = typeof port.appProtocol === 'string' ? checkQualifiedName(port.appProtocol) : 'must be a string';
    if (problem) problems.push(`${at}.appProtocol ${show(port.appProtocol)} ${problem}`);
  }

  const protocol = port.protocol ?? 'TCP';
  existing.forEach((other, j) => {
    const otherProtocol = other.protocol ?? 'TCP';
    if (other.port === port.port && otherProtocol === protocol) {
      problems.push(`${at} repeats ${protocol} port ${port.port} of ports[${j}]; each protocol and port pair may appear once`);
    }
    if (port.nodePort !== undefined && other.nodePort === port.nodePort && otherProtocol === protocol) {
      problems.push(`${at}.nodePort ${port.nodePort} is already used by ports[${j}]; use another node port or omit it`);
    }
    if (port.name !== undefined && other.name === port.name) {
      problems.push(`${at}.name ${show(port.name)} is already used by ports[${j}]; port names must be unique`);
    }
  });
  return problems;
}

/**
 * Checks rules that concern the port list as a whole (names required when several).
 */
export function checkPortList(ports: readonly ExposedPort[]): string[] {
  if (ports.length < 2) return [];
  const unnamed = ports.map((p, i) => (p.name === undefined ? i : -1)).filter(i => i >= 0);
  if (unnamed.length === 0) return [];
  return [`ports ${unnamed.map(i => `[${i}]`).join(', ')} have no name; when a Service has more than one port every port needs a unique name (for example name: "http")`];
}
