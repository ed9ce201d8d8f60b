/**
 * A small shop on a cluster whose platform team runs a shared Gateway API Gateway
 * (`public`, in gateway-system). The shop owns its host name, its certificate and its routes;
 * everything else stays inside the cluster:
 *
 *   internet -> Gateway public (the platform's), with the shop's ListenerSet:
 *     https   HTTPRoute -> ClusterIP (storefront)      certificate from cert-manager
 *     http    HTTPRoute that only redirects to https
 *     sftp    TCPRoute  -> ClusterIP (supplier-sftp)   suppliers' stock files, over SSH
 *   ClusterIP (api), headless (cache)                  inside the cluster only
 *   ExternalName (orders-db)                           the managed database, by DNS name
 *   dev chart: NodePort (web)                          for a laptop cluster, never production
 *
 * In your own app, import from 'cdk8s-expose'; this example imports the sources directly
 * so that it runs from a fresh clone without a build.
 */
import { App, Chart, ChartProps } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  DevService, ExposureApp, ExposurePolicy, ExposureReport, ExternalAlias, GatewayFronted, HttpRoute, HttpRouteFilter, IngressTls,
  InternalService, ListenerProtocol, ListenerSet, RouteBackend, Stage,
} from '../src';

/** The workloads both stages share. */
class Shop extends Construct {
  public readonly web: kplus.Deployment;
  public readonly api: kplus.Deployment;
  public readonly cache: kplus.StatefulSet;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.web = new kplus.Deployment(this, 'Web', {
      containers: [{ name: 'web', image: 'ghcr.io/example/shop-web:1.4.2', ports: [{ number: 3000, name: 'http' }] }],
    });
    this.api = new kplus.Deployment(this, 'Api', {
      containers: [{ name: 'api', image: 'ghcr.io/example/shop-api:2.0.1', ports: [{ number: 8000, name: 'http' }] }],
    });
    const cacheService = new InternalService(this, 'CacheService', {
      selector: kplus.Pods.select(this, 'CachePods', { labels: { app: 'shop-cache' } }),
      headless: true,
      ports: [{ port: 6379, name: 'redis' }],
      allowFrom: [this.api], // only the API talks to the cache
      metadata: { name: 'cache' },
    });
    this.cache = new kplus.StatefulSet(this, 'Cache', {
      service: cacheService.service,
      podMetadata: { labels: { app: 'shop-cache' } },
      select: false,
      containers: [{ name: 'redis', image: 'redis:7.4', ports: [{ number: 6379, name: 'redis' }], securityContext: { user: 999, group: 999 } }],
    });
    this.cache.select(kplus.LabelSelector.of({ labels: { app: 'shop-cache' } }));
  }
}

/** Production: the shop's own listeners on the platform's Gateway, everything else inside the cluster. */
export class ProductionChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    const shop = new Shop(this, 'Shop');

    // The shop's listeners, merged into the platform's Gateway (which must admit this
    // namespace in its spec.allowedListeners); cert-manager issues the certificate.
    const listeners = new ListenerSet(this, 'Listeners', {
      gateway: { name: 'public', namespace: 'gateway-system' },
      listeners: [
        { name: 'https', hostname: 'shop.example.com', tls: IngressTls.certManager({ clusterIssuer: 'letsencrypt' }) },
        { name: 'http', hostname: 'shop.example.com', protocol: ListenerProtocol.HTTP },
        { name: 'sftp', protocol: ListenerProtocol.TCP, port: 2222 },
      ],
      metadata: { name: 'shop' },
    });
    // The Gateway's proxy pods (Envoy Gateway runs them in its own namespace).
    const gatewayProxy = kplus.Namespaces.select(this, 'GatewayProxy', { names: ['envoy-gateway-system'] });

    const storefront = new InternalService(this, 'Storefront', {
      selector: shop.web,
      ports: [{ port: 80, targetPortName: 'http', name: 'http' }],
      metadata: { name: 'storefront' },
      allowFrom: [gatewayProxy], // only the Gateway reaches the storefront
    });
    new HttpRoute(this, 'StorefrontRoute', {
      parents: [listeners.parentRef('https')],
      hostnames: ['shop.example.com'],
      rules: [{ backends: [RouteBackend.fromService(storefront)] }],
      metadata: { name: 'storefront' },
    });
    new HttpRoute(this, 'ToHttps', {
      parents: [listeners.parentRef('http')],
      hostnames: ['shop.example.com'],
      rules: [{ filters: [HttpRouteFilter.httpsRedirect()] }], // no backends: the Gateway answers
      metadata: { name: 'storefront-redirect' },
    });

    // Suppliers upload stock files over SFTP: TCP through the same Gateway, not a load balancer of its own.
    const sftp = new kplus.Deployment(this, 'SupplierSftp', {
      containers: [{ name: 'sftp', image: 'ghcr.io/example/shop-supplier-sftp:1.1.0', ports: [{ number: 2222, name: 'sftp' }] }],
    });
    new GatewayFronted(this, 'SupplierSftpService', {
      selector: sftp,
      ports: [{ port: 2222, targetPortName: 'sftp', name: 'sftp' }],
      gateway: listeners.parentRef('sftp'),
      proxyNamespaceLabels: { 'kubernetes.io/metadata.name': 'envoy-gateway-system' }, // only the Gateway reaches the SFTP pods
      metadata: { name: 'supplier-sftp' },
      routeMetadata: { name: 'supplier-sftp' },
    });

    new InternalService(this, 'Api', {
      selector: shop.api,
      ports: [{ port: 8080, targetPort: 8000, name: 'http', appProtocol: 'http' }],
      metadata: { name: 'api' },
      allowFrom: [shop.web], // only the storefront calls the API
    });
    new ExternalAlias(this, 'OrdersDb', {
      externalName: 'orders.cluster-abc123.eu-west-1.rds.amazonaws.com',
      ports: [{ port: 5432, name: 'postgres' }],
      metadata: { name: 'orders-db' },
    });
  }
}

/** Development: the same shop, with the storefront on a node port for a local cluster. */
export class DevelopmentChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    const shop = new Shop(this, 'Shop');
    new DevService(this, 'Storefront', {
      selector: shop.web,
      ports: [{ port: 80, targetPort: 3000, nodePort: 30080 }],
      metadata: { name: 'storefront-dev' },
    });
    new InternalService(this, 'Api', {
      selector: shop.api,
      ports: [{ port: 8080, targetPort: 8000 }],
      metadata: { name: 'api' },
    });
  }
}

/** Builds the example app; `outdir` is where `app.synth()` writes. */
export function buildApp(outdir?: string): App {
  // ExposureApp evaluates the exposure policies once per synth; a plain App works too.
  const app = new ExposureApp({ outdir });
  const production = new ProductionChart(app, 'production', { namespace: 'shop' });
  // Production refuses node ports, plain HTTP and unacknowledged internet-wide load
  // balancers, and requires every InternalService to say who may reach it.
  ExposurePolicy.apply(production, { stage: Stage.PRODUCTION, requireIsolation: true });
  const development = new DevelopmentChart(app, 'development', { namespace: 'shop-dev' });
  ExposurePolicy.apply(development, { stage: Stage.DEVELOPMENT });
  return app;
}

if (require.main === module) {
  const app = buildApp();
  app.synth();
  // What is exposed where, next to the YAML: exposure-report.md, .json and .mmd.
  ExposureReport.writeForApp(app);
}
