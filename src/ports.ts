import * as kplus from 'cdk8s-plus-28';

/**
 * One port of an exposed Service.
 *
 * The fields of a cdk8s-plus `ServicePort` (`port`, `targetPort`, `nodePort`, `name`,
 * `protocol`), plus the ones cdk8s-plus-28 lacks: a named target port and `appProtocol`.
 */
export interface ExposedPort {
  /**
   * The port the Service listens on (1-65535).
   */
  readonly port: number;

  /**
   * The numeric container port that traffic is sent to (1-65535).
   *
   * Give at most one of `targetPort` and `targetPortName`.
   *
   * @default - the value of `port`, unless `targetPortName` is given
   */
  readonly targetPort?: number;

  /**
   * The name of a container port that traffic is sent to (an IANA_SVC_NAME: at most 15
   * characters of `a-z`, `0-9` and `-`, with at least one letter).
   *
   * A named target port lets each pod choose its own port number under the same name.
   *
   * @default - traffic goes to the numeric `targetPort`
   */
  readonly targetPortName?: string;

  /**
   * The port opened on every node (30000-32767). Only `DevService` and `PublicService`
   * accept it.
   *
   * @default - Kubernetes allocates a free node port where the Service type needs one
   */
  readonly nodePort?: number;

  /**
   * The name of this port within the Service: a DNS-1123 label, unique in the Service.
   * Required when the Service has more than one port.
   *
   * @default - unnamed (allowed only when the Service has a single port)
   */
  readonly name?: string;

  /**
   * The IP protocol of this port.
   *
   * @default kplus.Protocol.TCP
   */
  readonly protocol?: kplus.Protocol;

  /**
   * The application protocol of this port: an IANA service name (`http`, `https`, `grpc`...),
   * a Kubernetes-defined name (`kubernetes.io/h2c`, `kubernetes.io/ws`, `kubernetes.io/wss`),
   * or a domain-prefixed name (`example.com/my-protocol`). Load balancers and meshes read it.
   *
   * @default - no application protocol is declared
   */
  readonly appProtocol?: string;
}
