import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ExposedService, ExposureScope, SelectingServiceProps } from './exposed-service';

/**
 * Props of an `InternalService`.
 */
export interface InternalServiceProps extends SelectingServiceProps {
  /**
   * Make the Service headless (`clusterIP: None`): DNS returns the pod IPs instead of one
   * virtual IP. A headless Service may have no ports.
   *
   * @default false
   */
  readonly headless?: boolean;
}

/**
 * A ClusterIP Service: reachable only from pods inside the cluster. The default choice for
 * back ends, databases and internal APIs.
 *
 * @example
 * declare const chart: Chart;
 * const backend = kplus.Pods.select(chart, 'BackendPods', { labels: { app: 'backend' } });
 * new InternalService(chart, 'Backend', {
 *   selector: backend,
 *   ports: [{ port: 8080, targetPort: 3000 }],
 *   metadata: { name: 'backend-service' },
 * });
 */
export class InternalService extends ExposedService {
  /**
   * @param scope the chart (or construct) to define the InternalService in
   * @param id an id unique within scope; the generated Kubernetes name derives from the path
   * @param props the InternalService's props
   */
  constructor(scope: Construct, id: string, props: InternalServiceProps) {
    super(scope, id, props, {
      kind: 'InternalService',
      serviceType: kplus.ServiceType.CLUSTER_IP,
      exposure: ExposureScope.CLUSTER,
      selector: props.selector,
      headless: props.headless,
      nodePortAdvice: 'an InternalService is reachable only inside the cluster and has no node ports. Use DevService for a node port in development, or IngressFronted / PublicService for traffic from outside',
    });
  }

  protected renderTypeSpec(): kplus.k8s.ServiceSpec {
    return {};
  }
}
