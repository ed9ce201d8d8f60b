/*
 * The example app of examples/main.ts, in Java, against the jar of cdk8s-expose and the cdk8s,
 * cdk8s-plus-28 and constructs jars. It must write the same YAML as the TypeScript app
 * (scripts/test-languages.sh compares them byte for byte).
 *
 * Usage: java -cp ... io.github.cdk8sexpose.examples.Main <outdir> <checks.json>
 */
package io.github.cdk8sexpose.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.cdk8sexpose.AllowToOptions;
import io.github.cdk8sexpose.CertManagerOptions;
import io.github.cdk8sexpose.DevService;
import io.github.cdk8sexpose.ExposedPort;
import io.github.cdk8sexpose.ExposureApp;
import io.github.cdk8sexpose.ExposurePolicy;
import io.github.cdk8sexpose.ExposurePolicyOptions;
import io.github.cdk8sexpose.ExposureReport;
import io.github.cdk8sexpose.ExternalAlias;
import io.github.cdk8sexpose.GatewayFronted;
import io.github.cdk8sexpose.GatewayParentRef;
import io.github.cdk8sexpose.HttpRoute;
import io.github.cdk8sexpose.HttpRouteFilter;
import io.github.cdk8sexpose.HttpRouteRule;
import io.github.cdk8sexpose.IngressFronted;
import io.github.cdk8sexpose.IngressTls;
import io.github.cdk8sexpose.InternalService;
import io.github.cdk8sexpose.ListenerProtocol;
import io.github.cdk8sexpose.ListenerSet;
import io.github.cdk8sexpose.ListenerSetListener;
import io.github.cdk8sexpose.LoadBalancerProfile;
import io.github.cdk8sexpose.NetworkPeer;
import io.github.cdk8sexpose.AwsNlbOptions;
import io.github.cdk8sexpose.LoadBalancerScheme;
import io.github.cdk8sexpose.PublicService;
import io.github.cdk8sexpose.RouteBackend;
import io.github.cdk8sexpose.SourceRanges;
import io.github.cdk8sexpose.Stage;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cdk8s.ApiObjectMetadata;
import org.cdk8s.App;
import org.cdk8s.AppProps;
import org.cdk8s.Chart;
import org.cdk8s.ChartProps;
import org.cdk8s.plus28.ContainerPort;
import org.cdk8s.plus28.ContainerProps;
import org.cdk8s.plus28.ContainerSecurityContextProps;
import org.cdk8s.plus28.Deployment;
import org.cdk8s.plus28.LabelSelector;
import org.cdk8s.plus28.LabelSelectorOptions;
import org.cdk8s.plus28.Namespaces;
import org.cdk8s.plus28.NamespacesSelectOptions;
import org.cdk8s.plus28.Pods;
import org.cdk8s.plus28.PodsSelectOptions;
import org.cdk8s.plus28.StatefulSet;
import software.constructs.Construct;

public final class Main {
  private Main() {}

  static ContainerProps container(String name, String image, int port, String portName) {
    return ContainerProps.builder().name(name).image(image)
        .ports(List.of(ContainerPort.builder().number(port).name(portName).build()))
        .build();
  }

  /** The workloads both stages share. */
  static final class Shop extends Construct {
    final Deployment web;
    final Deployment api;
    final StatefulSet cache;

    Shop(Construct scope, String id) {
      super(scope, id);
      this.web = Deployment.Builder.create(this, "Web")
          .containers(List.of(container("web", "ghcr.io/example/shop-web:1.4.2", 3000, "http")))
          .build();
      this.api = Deployment.Builder.create(this, "Api")
          .containers(List.of(container("api", "ghcr.io/example/shop-api:2.0.1", 8000, "http")))
          .build();
      InternalService cacheService = InternalService.Builder.create(this, "CacheService")
          .selector(Pods.select(this, "CachePods", PodsSelectOptions.builder().labels(Map.of("app", "shop-cache")).build()))
          .headless(true)
          .ports(List.of(ExposedPort.builder().port(6379).name("redis").build()))
          .allowFrom(List.of(this.api)) // only the API talks to the cache
          .metadata(ApiObjectMetadata.builder().name("cache").build())
          .build();
      this.cache = StatefulSet.Builder.create(this, "Cache")
          .service(cacheService.getService())
          .podMetadata(ApiObjectMetadata.builder().labels(Map.of("app", "shop-cache")).build())
          .select(false)
          .containers(List.of(ContainerProps.builder().name("redis").image("redis:7.4")
              .ports(List.of(ContainerPort.builder().number(6379).name("redis").build()))
              .securityContext(ContainerSecurityContextProps.builder().user(999).group(999).build())
              .build()))
          .build();
      this.cache.select(LabelSelector.of(LabelSelectorOptions.builder().labels(Map.of("app", "shop-cache")).build()));
    }
  }

  /** Production: the shop's own listeners on the platform's Gateway, everything else inside the cluster. */
  static final class ProductionChart extends Chart {
    ProductionChart(Construct scope, String id, ChartProps props) {
      super(scope, id, props);
      Shop shop = new Shop(this, "Shop");

      // The shop's listeners, merged into the platform's Gateway (which must admit this
      // namespace in its spec.allowedListeners); cert-manager issues the certificate.
      ListenerSet listeners = ListenerSet.Builder.create(this, "Listeners")
          .gateway(GatewayParentRef.builder().name("public").namespace("gateway-system").build())
          .listeners(List.of(
              ListenerSetListener.builder().name("https").hostname("shop.example.com")
                  .tls(IngressTls.certManager(CertManagerOptions.builder().clusterIssuer("letsencrypt").build())).build(),
              ListenerSetListener.builder().name("http").hostname("shop.example.com").protocol(ListenerProtocol.HTTP).build(),
              ListenerSetListener.builder().name("sftp").protocol(ListenerProtocol.TCP).port(2222).build()))
          .metadata(ApiObjectMetadata.builder().name("shop").build())
          .build();
      // The Gateway's proxy pods (Envoy Gateway runs them in its own namespace).
      Namespaces gatewayProxy = Namespaces.select(this, "GatewayProxy",
          NamespacesSelectOptions.builder().names(List.of("envoy-gateway-system")).build());

      InternalService storefront = InternalService.Builder.create(this, "Storefront")
          .selector(shop.web)
          .ports(List.of(ExposedPort.builder().port(80).targetPortName("http").name("http").build()))
          .metadata(ApiObjectMetadata.builder().name("storefront").build())
          .allowFrom(List.of(gatewayProxy)) // only the Gateway reaches the storefront
          .build();
      HttpRoute.Builder.create(this, "StorefrontRoute")
          .parents(List.of(listeners.parentRef("https")))
          .hostnames(List.of("shop.example.com"))
          .rules(List.of(HttpRouteRule.builder().backends(List.of(RouteBackend.fromService(storefront))).build()))
          .metadata(ApiObjectMetadata.builder().name("storefront").build())
          .build();
      HttpRoute.Builder.create(this, "ToHttps")
          .parents(List.of(listeners.parentRef("http")))
          .hostnames(List.of("shop.example.com"))
          .rules(List.of(HttpRouteRule.builder().filters(List.of(HttpRouteFilter.httpsRedirect())).build())) // no backends: the Gateway answers
          .metadata(ApiObjectMetadata.builder().name("storefront-redirect").build())
          .build();

      // Suppliers upload stock files over SFTP: TCP through the same Gateway, not a load balancer of its own.
      Deployment sftp = Deployment.Builder.create(this, "SupplierSftp")
          .containers(List.of(container("sftp", "ghcr.io/example/shop-supplier-sftp:1.1.0", 2222, "sftp")))
          .build();
      GatewayFronted.Builder.create(this, "SupplierSftpService")
          .selector(sftp)
          .ports(List.of(ExposedPort.builder().port(2222).targetPortName("sftp").name("sftp").build()))
          .gateway(listeners.parentRef("sftp"))
          .proxyNamespaceLabels(Map.of("kubernetes.io/metadata.name", "envoy-gateway-system")) // only the Gateway reaches the SFTP pods
          .metadata(ApiObjectMetadata.builder().name("supplier-sftp").build())
          .routeMetadata(ApiObjectMetadata.builder().name("supplier-sftp").build())
          .build();

      InternalService.Builder.create(this, "Api")
          .selector(shop.api)
          .ports(List.of(ExposedPort.builder().port(8080).targetPort(8000).name("http").appProtocol("http").build()))
          .metadata(ApiObjectMetadata.builder().name("api").build())
          .allowFrom(List.of(shop.web)) // only the storefront calls the API
          .build();
      ExternalAlias.Builder.create(this, "OrdersDb")
          .externalName("orders.cluster-abc123.eu-west-1.rds.amazonaws.com")
          .ports(List.of(ExposedPort.builder().port(5432).name("postgres").build()))
          .metadata(ApiObjectMetadata.builder().name("orders-db").build())
          .build();
    }
  }

  /** Development: the same shop, with the storefront on a node port for a local cluster. */
  static final class DevelopmentChart extends Chart {
    DevelopmentChart(Construct scope, String id, ChartProps props) {
      super(scope, id, props);
      Shop shop = new Shop(this, "Shop");
      DevService.Builder.create(this, "Storefront")
          .selector(shop.web)
          .ports(List.of(ExposedPort.builder().port(80).targetPort(3000).nodePort(30080).build()))
          .metadata(ApiObjectMetadata.builder().name("storefront-dev").build())
          .build();
      InternalService.Builder.create(this, "Api")
          .selector(shop.api)
          .ports(List.of(ExposedPort.builder().port(8080).targetPort(8000).build()))
          .metadata(ApiObjectMetadata.builder().name("api").build())
          .build();
    }
  }

  /** Builds the example app; `outdir` is where `app.synth()` writes. */
  static App buildApp(String outdir) {
    App app = new ExposureApp(AppProps.builder().outdir(outdir).build());
    ProductionChart production = new ProductionChart(app, "production", ChartProps.builder().namespace("shop").build());
    ExposurePolicy.apply(production, ExposurePolicyOptions.builder().stage(Stage.PRODUCTION).requireIsolation(true).build());
    DevelopmentChart development = new DevelopmentChart(app, "development", ChartProps.builder().namespace("shop-dev").build());
    ExposurePolicy.apply(development, ExposurePolicyOptions.builder().stage(Stage.DEVELOPMENT).build());
    return app;
  }

  /** Static factories, enums, acknowledge and an error, as a Java user meets them. */
  static Map<String, Object> checks() {
    App app = new App();
    Chart chart = new Chart(app, "checks", ChartProps.builder().namespace("checks").build());
    PublicService edge = PublicService.Builder.create(chart, "Edge")
        .selectLabels(Map.of("app", "edge"))
        .ports(List.of(ExposedPort.builder().port(443).name("https").build()))
        .sourceRanges(SourceRanges.cidrs(List.of("203.0.113.0/24")))
        .profile(LoadBalancerProfile.awsNlb(AwsNlbOptions.builder().scheme(LoadBalancerScheme.INTERNET_FACING).build()))
        .build();
    edge.acknowledge("load-balancer-anywhere", "reviewed by security");
    IngressFronted.Builder.create(chart, "Web")
        .selectLabels(Map.of("app", "web"))
        .ports(List.of(ExposedPort.builder().port(80).build()))
        .host("web.example.com")
        .tls(IngressTls.certManager(CertManagerOptions.builder().clusterIssuer("letsencrypt").build()))
        .build();
    // NetworkPolicy peers as the README shows them; kplus.Pods through NetworkPeer.pods, since
    // cdk8s-plus-28 declares Pods a pod selector only.
    InternalService peers = InternalService.Builder.create(chart, "Peers")
        .selectLabels(Map.of("app", "peers"))
        .ports(List.of(ExposedPort.builder().port(80).build()))
        .allowFrom(List.of(NetworkPeer.pods(Pods.select(chart, "WebPods", PodsSelectOptions.builder().labels(Map.of("app", "web")).build()))))
        .build();
    peers.allowTo(NetworkPeer.pods(Pods.select(chart, "DbPods", PodsSelectOptions.builder().labels(Map.of("app", "db")).build())),
        AllowToOptions.builder().ports(List.of(5432)).build());
    String error = null;
    String errorType = null;
    try {
      DevService.Builder.create(chart, "Bad")
          .selectLabels(Map.of("app", "bad"))
          .ports(List.of(ExposedPort.builder().port(80).nodePort(80).build()))
          .build();
    } catch (RuntimeException e) { // jsii throws the JavaScript error as an unchecked exception
      error = e.getMessage();
      errorType = e.getClass().getName();
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("manifests", chart.toJson());
    result.put("exposure", edge.getExposure().name());
    result.put("acknowledgements", edge.getAcknowledgements());
    result.put("error", error);
    result.put("errorType", errorType);
    return result;
  }

  public static void main(String[] args) throws Exception {
    String outdir = args[0];
    String checksFile = args[1];
    App app = buildApp(outdir);
    app.synth();
    ExposureReport.writeForApp(app);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(new File(checksFile), checks());
  }
}
