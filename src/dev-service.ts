import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ExposedService, SelectingServiceProps, TrafficPolicy } from './exposed-service';
import { ExposureScope } from './exposure-scope';
import { refused } from './internal/refusal';

/**
 * Props of a `DevService`.
 */
export interface DevServiceProps extends SelectingServiceProps {
  /**
   * How traffic arriving at a node port is routed. `LOCAL` keeps the client's source IP
   * but only answers on nodes that run a selected pod.
   *
   * @default TrafficPolicy.CLUSTER
   */
  readonly externalTrafficPolicy?: TrafficPolicy;
}

/**
 * A NodePort Service: reachable on a port (30000-32767) of every node's IP address. For
 * development and testing; production needs an ingress or a load balancer instead.
 *
 * Node ports are optional (Kubernetes picks free ones); when given they are checked against
 * the default node port range.
 *
 * @example
 * declare const chart: Chart;
 * const web = kplus.Pods.select(chart, 'WebPods', { labels: { app: 'webapp' } });
 * new DevService(chart, 'Test', {
 *   selector: web,
 *   ports: [{ port: 8080, targetPort: 3000, nodePort: 30080 }],
 * });
 */
export class DevService extends ExposedService {
  /**
   * @param scope the chart (or construct) to define the DevService in
   * @param id an id unique within scope; the generated Kubernetes name derives from the path
   * @param props the DevService's props
   */
  constructor(scope: Construct, id: string, props: DevServiceProps) {
    super(scope, id, props, {
      kind: 'DevService',
      serviceType: kplus.ServiceType.NODE_PORT,
      exposure: ExposureScope.NODE,
      selecting: true,
    });
    try {
      this._checkEnum('externalTrafficPolicy', props.externalTrafficPolicy, TrafficPolicy, 'TrafficPolicy');
      this._setSpec({ externalTrafficPolicy: props.externalTrafficPolicy });
    } catch (e) {
      throw refused(this, e);
    }
  }
}
