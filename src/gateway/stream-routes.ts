import { Construct } from 'constructs';
import { RouteBackend, checkHostnames, checkRuleName } from './common';
import { GatewayRoute, GatewayRouteProps } from './route';
import { claimListener } from '../internal/claims';
import { refused } from '../internal/refusal';

/** Props of the routes that forward a whole connection (TLSRoute, TCPRoute, UDPRoute). */
export interface StreamRouteProps extends GatewayRouteProps {
  /** Where connections go (1-16), with weights to split them. */
  readonly backends: RouteBackend[];
  /**
   * A name for the route's one rule.
   * @default - no name
   */
  readonly ruleName?: string;
}

/** Props of a `TlsRoute`. */
export interface TlsRouteProps extends StreamRouteProps {
  /** The SNI host names the route takes (1 or more; `*.example.com` is allowed). */
  readonly hostnames: string[];
}

/** The shared base of the routes with one rule of backends. */
export abstract class StreamRoute extends GatewayRoute {
  private readonly rule: any;

  /**
   * @param scope the chart (or construct)
   * @param id an id unique within scope
   * @param constructKind the construct's class name
   * @param routeKind the Gateway API kind
   * @param props the props
   */
  protected constructor(scope: Construct, id: string, constructKind: string, routeKind: string, props: StreamRouteProps) {
    super(scope, id, constructKind, routeKind, props);
    try {
      checkRuleName(constructKind, this, props.ruleName, 'rules[0]');
      this.rule = {
        ...(props.ruleName !== undefined ? { name: props.ruleName } : {}),
        backendRefs: this._backends(props.backends, 'props', true, routeKind === 'UDPRoute' ? 'UDP' : 'TCP'),
      };
      // A TLSRoute claims its listener per host name, once its hostnames are checked.
      if (routeKind !== 'TLSRoute') this._claimListeners(undefined);
    } catch (e) {
      throw refused(this, e);
    }
  }

  /**
   * Claims the listeners of the route's parents in the App (src/internal/claims.ts): one TCP or
   * UDP route per listener, one TLSRoute per listener and SNI host name.
   * @internal
   */
  protected _claimListeners(hostnames: string[] | undefined): void {
    this._parentRefs.forEach((parent, i) => {
      for (const hostname of hostnames ?? [undefined]) {
        claimListener(this, this.constructKind, this.routeKind, `parents[${i}]`, parent, this.namespace, hostname);
      }
    });
  }

  protected renderSpec(): Record<string, any> {
    return { rules: [this.rule] };
  }
}

/**
 * A Gateway API TLSRoute: TLS connections by SNI host name, passed through to the backends
 * still encrypted (the pods hold the certificate), on a listener of protocol TLS, mode
 * Passthrough.
 *
 * @example
 * declare const chart: Chart;
 * declare const db: InternalService;
 * new TlsRoute(chart, 'Db', {
 *   parents: [{ name: 'public', namespace: 'gateway-system', sectionName: 'tls-passthrough' }],
 *   hostnames: ['db.example.com'],
 *   backends: [RouteBackend.fromService(db)],
 * });
 */
export class TlsRoute extends StreamRoute {
  /** The SNI host names. */
  public readonly hostnames: string[];

  /**
   * @param scope the chart (or construct)
   * @param id an id unique within scope
   * @param props parents, hostnames and backends
   */
  constructor(scope: Construct, id: string, props: TlsRouteProps) {
    super(scope, id, 'TlsRoute', 'TLSRoute', props);
    try {
      this.hostnames = checkHostnames(this.constructKind, this, props.hostnames, true, 1024)!;
      this._claimListeners(this.hostnames);
    } catch (e) {
      throw refused(this, e);
    }
  }

  protected renderSpec(): Record<string, any> {
    return { hostnames: this.hostnames, ...super.renderSpec() };
  }
}

/**
 * A Gateway API TCPRoute: every TCP connection on the listener it attaches to goes to the
 * backends. One listener (port) per app: name it with `sectionName`.
 *
 * @example
 * declare const chart: Chart;
 * declare const mqtt: InternalService;
 * new TcpRoute(chart, 'Mqtt', {
 *   parents: [{ name: 'public', namespace: 'gateway-system', sectionName: 'mqtt' }],
 *   backends: [RouteBackend.fromService(mqtt)],
 * });
 */
export class TcpRoute extends StreamRoute {
  /**
   * @param scope the chart (or construct)
   * @param id an id unique within scope
   * @param props parents and backends
   */
  constructor(scope: Construct, id: string, props: StreamRouteProps) {
    super(scope, id, 'TcpRoute', 'TCPRoute', props);
  }
}

/**
 * A Gateway API UDPRoute: every UDP datagram on the listener it attaches to goes to the
 * backends.
 *
 * @example
 * declare const chart: Chart;
 * declare const dns: InternalService;
 * new UdpRoute(chart, 'Dns', {
 *   parents: [{ name: 'public', namespace: 'gateway-system', sectionName: 'dns' }],
 *   backends: [RouteBackend.fromService(dns)],
 * });
 */
export class UdpRoute extends StreamRoute {
  /**
   * @param scope the chart (or construct)
   * @param id an id unique within scope
   * @param props parents and backends
   */
  constructor(scope: Construct, id: string, props: StreamRouteProps) {
    super(scope, id, 'UdpRoute', 'UDPRoute', props);
  }
}
