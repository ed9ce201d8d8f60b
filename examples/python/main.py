"""The example app of examples/main.ts, in Python, against the built wheel of cdk8s-expose and
the published cdk8s, cdk8s-plus-28 and constructs packages. It must write the same YAML as the
TypeScript app (scripts/test-languages.sh compares them byte for byte).

Usage: python main.py <outdir> <checks.json>
"""
import json
import sys

import cdk8s
import cdk8s_plus_28 as kplus
from constructs import Construct

from cdk8s_expose import (
    DevService,
    ExposedPort,
    ExposureApp,
    ExposurePolicy,
    ExposureReport,
    ExternalAlias,
    GatewayFronted,
    GatewayParentRef,
    HttpRoute,
    HttpRouteFilter,
    HttpRouteRule,
    IngressFronted,
    IngressTls,
    InternalService,
    ListenerProtocol,
    ListenerSet,
    ListenerSetListener,
    LoadBalancerProfile,
    LoadBalancerScheme,
    PublicService,
    RouteBackend,
    SourceRanges,
    Stage,
)


class Shop(Construct):
    """The workloads both stages share."""

    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id)
        self.web = kplus.Deployment(self, "Web", containers=[
            kplus.ContainerProps(name="web", image="ghcr.io/example/shop-web:1.4.2", ports=[kplus.ContainerPort(number=3000, name="http")]),
        ])
        self.api = kplus.Deployment(self, "Api", containers=[
            kplus.ContainerProps(name="api", image="ghcr.io/example/shop-api:2.0.1", ports=[kplus.ContainerPort(number=8000, name="http")]),
        ])
        cache_service = InternalService(
            self, "CacheService",
            selector=kplus.Pods.select(self, "CachePods", labels={"app": "shop-cache"}),
            headless=True,
            ports=[ExposedPort(port=6379, name="redis")],
            allow_from=[self.api],  # only the API talks to the cache
            metadata=cdk8s.ApiObjectMetadata(name="cache"),
        )
        self.cache = kplus.StatefulSet(
            self, "Cache",
            service=cache_service.service,
            pod_metadata=cdk8s.ApiObjectMetadata(labels={"app": "shop-cache"}),
            select=False,
            containers=[kplus.ContainerProps(
                name="redis", image="redis:7.4", ports=[kplus.ContainerPort(number=6379, name="redis")],
                security_context=kplus.ContainerSecurityContextProps(user=999, group=999),
            )],
        )
        self.cache.select(kplus.LabelSelector.of(labels={"app": "shop-cache"}))


class ProductionChart(cdk8s.Chart):
    """Production: the shop's own listeners on the platform's Gateway, everything else inside the cluster."""

    def __init__(self, scope: Construct, id: str, namespace: str) -> None:
        super().__init__(scope, id, namespace=namespace)
        shop = Shop(self, "Shop")

        # The shop's listeners, merged into the platform's Gateway (which must admit this
        # namespace in its spec.allowedListeners); cert-manager issues the certificate.
        listeners = ListenerSet(
            self, "Listeners",
            gateway=GatewayParentRef(name="public", namespace="gateway-system"),
            listeners=[
                ListenerSetListener(name="https", hostname="shop.example.com", tls=IngressTls.cert_manager(cluster_issuer="letsencrypt")),
                ListenerSetListener(name="http", hostname="shop.example.com", protocol=ListenerProtocol.HTTP),
                ListenerSetListener(name="sftp", protocol=ListenerProtocol.TCP, port=2222),
            ],
            metadata=cdk8s.ApiObjectMetadata(name="shop"),
        )
        # The Gateway's proxy pods (Envoy Gateway runs them in its own namespace).
        gateway_proxy = kplus.Namespaces.select(self, "GatewayProxy", names=["envoy-gateway-system"])

        storefront = InternalService(
            self, "Storefront",
            selector=shop.web,
            ports=[ExposedPort(port=80, target_port_name="http", name="http")],
            metadata=cdk8s.ApiObjectMetadata(name="storefront"),
            allow_from=[gateway_proxy],  # only the Gateway reaches the storefront
        )
        HttpRoute(
            self, "StorefrontRoute",
            parents=[listeners.parent_ref("https")],
            hostnames=["shop.example.com"],
            rules=[HttpRouteRule(backends=[RouteBackend.from_service(storefront)])],
            metadata=cdk8s.ApiObjectMetadata(name="storefront"),
        )
        HttpRoute(
            self, "ToHttps",
            parents=[listeners.parent_ref("http")],
            hostnames=["shop.example.com"],
            rules=[HttpRouteRule(filters=[HttpRouteFilter.https_redirect()])],  # no backends: the Gateway answers
            metadata=cdk8s.ApiObjectMetadata(name="storefront-redirect"),
        )

        # Suppliers upload stock files over SFTP: TCP through the same Gateway, not a load balancer of its own.
        sftp = kplus.Deployment(self, "SupplierSftp", containers=[
            kplus.ContainerProps(name="sftp", image="ghcr.io/example/shop-supplier-sftp:1.1.0", ports=[kplus.ContainerPort(number=2222, name="sftp")]),
        ])
        GatewayFronted(
            self, "SupplierSftpService",
            selector=sftp,
            ports=[ExposedPort(port=2222, target_port_name="sftp", name="sftp")],
            gateway=listeners.parent_ref("sftp"),
            proxy_namespace_labels={"kubernetes.io/metadata.name": "envoy-gateway-system"},  # only the Gateway reaches the SFTP pods
            metadata=cdk8s.ApiObjectMetadata(name="supplier-sftp"),
            route_metadata=cdk8s.ApiObjectMetadata(name="supplier-sftp"),
        )

        InternalService(
            self, "Api",
            selector=shop.api,
            ports=[ExposedPort(port=8080, target_port=8000, name="http", app_protocol="http")],
            metadata=cdk8s.ApiObjectMetadata(name="api"),
            allow_from=[shop.web],  # only the storefront calls the API
        )
        ExternalAlias(
            self, "OrdersDb",
            external_name="orders.cluster-abc123.eu-west-1.rds.amazonaws.com",
            ports=[ExposedPort(port=5432, name="postgres")],
            metadata=cdk8s.ApiObjectMetadata(name="orders-db"),
        )


class DevelopmentChart(cdk8s.Chart):
    """Development: the same shop, with the storefront on a node port for a local cluster."""

    def __init__(self, scope: Construct, id: str, namespace: str) -> None:
        super().__init__(scope, id, namespace=namespace)
        shop = Shop(self, "Shop")
        DevService(
            self, "Storefront",
            selector=shop.web,
            ports=[ExposedPort(port=80, target_port=3000, node_port=30080)],
            metadata=cdk8s.ApiObjectMetadata(name="storefront-dev"),
        )
        InternalService(
            self, "Api",
            selector=shop.api,
            ports=[ExposedPort(port=8080, target_port=8000)],
            metadata=cdk8s.ApiObjectMetadata(name="api"),
        )


def build_app(outdir: str) -> cdk8s.App:
    app = ExposureApp(outdir=outdir)
    production = ProductionChart(app, "production", namespace="shop")
    ExposurePolicy.apply(production, stage=Stage.PRODUCTION, require_isolation=True)
    development = DevelopmentChart(app, "development", namespace="shop-dev")
    ExposurePolicy.apply(development, stage=Stage.DEVELOPMENT)
    return app


def checks() -> dict:
    """Static factories, enums, acknowledge and an error, as a Python user meets them."""
    app = cdk8s.App()
    chart = cdk8s.Chart(app, "checks", namespace="checks")
    edge = PublicService(
        chart, "Edge",
        select_labels={"app": "edge"},
        ports=[ExposedPort(port=443, name="https")],
        source_ranges=SourceRanges.cidrs(["203.0.113.0/24"]),
        profile=LoadBalancerProfile.aws_nlb(scheme=LoadBalancerScheme.INTERNET_FACING),
    )
    edge.acknowledge("load-balancer-anywhere", "reviewed by security")
    IngressFronted(
        chart, "Web", select_labels={"app": "web"}, ports=[ExposedPort(port=80)],
        host="web.example.com", tls=IngressTls.cert_manager(cluster_issuer="letsencrypt"),
    )
    error = None
    error_type = None
    try:
        DevService(chart, "Bad", select_labels={"app": "bad"}, ports=[ExposedPort(port=80, node_port=80)])
    except Exception as e:  # jsii raises the JavaScript error as a Python exception
        error = str(e)
        error_type = type(e).__name__
    return {
        "manifests": [m for m in chart.to_json()],
        "exposure": edge.exposure.value,
        "acknowledgements": edge.acknowledgements,
        "error": error,
        "errorType": error_type,
    }


if __name__ == "__main__":
    outdir, checks_file = sys.argv[1], sys.argv[2]
    app = build_app(outdir)
    app.synth()
    ExposureReport.write_for_app(app)
    with open(checks_file, "w") as f:
        json.dump(checks(), f, indent=1, sort_keys=True)
