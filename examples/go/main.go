// The example app of examples/main.ts, in Go, against the Go binding of cdk8s-expose and the
// cdk8s, cdk8s-plus-28 and constructs modules. It must write the same YAML as the TypeScript app
// (scripts/test-languages.sh compares them byte for byte).
//
// Usage: go run . <outdir> <checks.json>
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdk8s-expose/cdk8s-expose-go/cdk8sexpose"
	"github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2"
	"github.com/cdk8s-team/cdk8s-plus-go/cdk8splus28/v2"
)

func labels(app string) *map[string]*string {
	return &map[string]*string{"app": jsii.String(app)}
}

func container(name, image string, port float64, portName string) *cdk8splus28.ContainerProps {
	return &cdk8splus28.ContainerProps{
		Name:  jsii.String(name),
		Image: jsii.String(image),
		Ports: &[]*cdk8splus28.ContainerPort{{Number: jsii.Number(port), Name: jsii.String(portName)}},
	}
}

func metadata(name string) *cdk8s.ApiObjectMetadata {
	return &cdk8s.ApiObjectMetadata{Name: jsii.String(name)}
}

// Shop holds the workloads both stages share.
type Shop struct {
	Web   cdk8splus28.Deployment
	Api   cdk8splus28.Deployment
	Cache cdk8splus28.StatefulSet
}

func newShop(scope constructs.Construct, id string) Shop {
	shop := constructs.NewConstruct(scope, jsii.String(id))
	web := cdk8splus28.NewDeployment(shop, jsii.String("Web"), &cdk8splus28.DeploymentProps{
		Containers: &[]*cdk8splus28.ContainerProps{container("web", "ghcr.io/example/shop-web:1.4.2", 3000, "http")},
	})
	api := cdk8splus28.NewDeployment(shop, jsii.String("Api"), &cdk8splus28.DeploymentProps{
		Containers: &[]*cdk8splus28.ContainerProps{container("api", "ghcr.io/example/shop-api:2.0.1", 8000, "http")},
	})
	cacheService := cdk8sexpose.NewInternalService(shop, jsii.String("CacheService"), &cdk8sexpose.InternalServiceProps{
		Selector:  cdk8splus28.Pods_Select(shop, jsii.String("CachePods"), &cdk8splus28.PodsSelectOptions{Labels: labels("shop-cache")}),
		Headless:  jsii.Bool(true),
		Ports:     &[]*cdk8sexpose.ExposedPort{{Port: jsii.Number(6379), Name: jsii.String("redis")}},
		AllowFrom: &[]cdk8splus28.INetworkPolicyPeer{api}, // only the API talks to the cache
		Metadata:  metadata("cache"),
	})
	redis := container("redis", "redis:7.4", 6379, "redis")
	redis.SecurityContext = &cdk8splus28.ContainerSecurityContextProps{User: jsii.Number(999), Group: jsii.Number(999)}
	cache := cdk8splus28.NewStatefulSet(shop, jsii.String("Cache"), &cdk8splus28.StatefulSetProps{
		Service:     cacheService.Service(),
		PodMetadata: &cdk8s.ApiObjectMetadata{Labels: labels("shop-cache")},
		Select:      jsii.Bool(false),
		Containers:  &[]*cdk8splus28.ContainerProps{redis},
	})
	cache.Select(cdk8splus28.LabelSelector_Of(&cdk8splus28.LabelSelectorOptions{Labels: labels("shop-cache")}))
	return Shop{Web: web, Api: api, Cache: cache}
}

// newProductionChart: the shop's own listeners on the platform's Gateway, everything else inside the cluster.
func newProductionChart(scope constructs.Construct, id string, props *cdk8s.ChartProps) cdk8s.Chart {
	chart := cdk8s.NewChart(scope, jsii.String(id), props)
	shop := newShop(chart, "Shop")

	// The shop's listeners, merged into the platform's Gateway (which must admit this
	// namespace in its spec.allowedListeners); cert-manager issues the certificate.
	listeners := cdk8sexpose.NewListenerSet(chart, jsii.String("Listeners"), &cdk8sexpose.ListenerSetProps{
		Gateway: &cdk8sexpose.GatewayParentRef{Name: jsii.String("public"), Namespace: jsii.String("gateway-system")},
		Listeners: &[]*cdk8sexpose.ListenerSetListener{
			{Name: jsii.String("https"), Hostname: jsii.String("shop.example.com"), Tls: cdk8sexpose.IngressTls_CertManager(&cdk8sexpose.CertManagerOptions{ClusterIssuer: jsii.String("letsencrypt")})},
			{Name: jsii.String("http"), Hostname: jsii.String("shop.example.com"), Protocol: cdk8sexpose.ListenerProtocol_HTTP},
			{Name: jsii.String("sftp"), Protocol: cdk8sexpose.ListenerProtocol_TCP, Port: jsii.Number(2222)},
		},
		Metadata: metadata("shop"),
	})
	// The Gateway's proxy pods (Envoy Gateway runs them in its own namespace).
	gatewayProxy := cdk8splus28.Namespaces_Select(chart, jsii.String("GatewayProxy"), &cdk8splus28.NamespacesSelectOptions{Names: jsii.Strings("envoy-gateway-system")})

	storefront := cdk8sexpose.NewInternalService(chart, jsii.String("Storefront"), &cdk8sexpose.InternalServiceProps{
		Selector:  shop.Web,
		Ports:     &[]*cdk8sexpose.ExposedPort{{Port: jsii.Number(80), TargetPortName: jsii.String("http"), Name: jsii.String("http")}},
		Metadata:  metadata("storefront"),
		AllowFrom: &[]cdk8splus28.INetworkPolicyPeer{gatewayProxy}, // only the Gateway reaches the storefront
	})
	cdk8sexpose.NewHttpRoute(chart, jsii.String("StorefrontRoute"), &cdk8sexpose.HttpRouteProps{
		Parents:   &[]*cdk8sexpose.GatewayParentRef{listeners.ParentRef(jsii.String("https"))},
		Hostnames: jsii.Strings("shop.example.com"),
		Rules:     &[]*cdk8sexpose.HttpRouteRule{{Backends: &[]cdk8sexpose.RouteBackend{cdk8sexpose.RouteBackend_FromService(storefront, nil)}}},
		Metadata:  metadata("storefront"),
	})
	cdk8sexpose.NewHttpRoute(chart, jsii.String("ToHttps"), &cdk8sexpose.HttpRouteProps{
		Parents:   &[]*cdk8sexpose.GatewayParentRef{listeners.ParentRef(jsii.String("http"))},
		Hostnames: jsii.Strings("shop.example.com"),
		Rules:     &[]*cdk8sexpose.HttpRouteRule{{Filters: &[]cdk8sexpose.HttpRouteFilter{cdk8sexpose.HttpRouteFilter_HttpsRedirect(nil)}}}, // no backends: the Gateway answers
		Metadata:  metadata("storefront-redirect"),
	})

	// Suppliers upload stock files over SFTP: TCP through the same Gateway, not a load balancer of its own.
	sftp := cdk8splus28.NewDeployment(chart, jsii.String("SupplierSftp"), &cdk8splus28.DeploymentProps{
		Containers: &[]*cdk8splus28.ContainerProps{container("sftp", "ghcr.io/example/shop-supplier-sftp:1.1.0", 2222, "sftp")},
	})
	cdk8sexpose.NewGatewayFronted(chart, jsii.String("SupplierSftpService"), &cdk8sexpose.GatewayFrontedProps{
		Selector: sftp,
		Ports:    &[]*cdk8sexpose.ExposedPort{{Port: jsii.Number(2222), TargetPortName: jsii.String("sftp"), Name: jsii.String("sftp")}},
		Gateway:  listeners.ParentRef(jsii.String("sftp")),
		// only the Gateway reaches the SFTP pods
		ProxyNamespaceLabels: &map[string]*string{"kubernetes.io/metadata.name": jsii.String("envoy-gateway-system")},
		Metadata:             metadata("supplier-sftp"),
		RouteMetadata:        metadata("supplier-sftp"),
	})

	cdk8sexpose.NewInternalService(chart, jsii.String("Api"), &cdk8sexpose.InternalServiceProps{
		Selector:  shop.Api,
		Ports:     &[]*cdk8sexpose.ExposedPort{{Port: jsii.Number(8080), TargetPort: jsii.Number(8000), Name: jsii.String("http"), AppProtocol: jsii.String("http")}},
		Metadata:  metadata("api"),
		AllowFrom: &[]cdk8splus28.INetworkPolicyPeer{shop.Web}, // only the storefront calls the API
	})
	cdk8sexpose.NewExternalAlias(chart, jsii.String("OrdersDb"), &cdk8sexpose.ExternalAliasProps{
		ExternalName: jsii.String("orders.cluster-abc123.eu-west-1.rds.amazonaws.com"),
		Ports:        &[]*cdk8sexpose.ExposedPort{{Port: jsii.Number(5432), Name: jsii.String("postgres")}},
		Metadata:     metadata("orders-db"),
	})
	return chart
}

// newDevelopmentChart: the same shop, with the storefront on a node port for a local cluster.
func newDevelopmentChart(scope constructs.Construct, id string, props *cdk8s.ChartProps) cdk8s.Chart {
	chart := cdk8s.NewChart(scope, jsii.String(id), props)
	shop := newShop(chart, "Shop")
	cdk8sexpose.NewDevService(chart, jsii.String("Storefront"), &cdk8sexpose.DevServiceProps{
		Selector: shop.Web,
		Ports:    &[]*cdk8sexpose.ExposedPort{{Port: jsii.Number(80), TargetPort: jsii.Number(3000), NodePort: jsii.Number(30080)}},
		Metadata: metadata("storefront-dev"),
	})
	cdk8sexpose.NewInternalService(chart, jsii.String("Api"), &cdk8sexpose.InternalServiceProps{
		Selector: shop.Api,
		Ports:    &[]*cdk8sexpose.ExposedPort{{Port: jsii.Number(8080), TargetPort: jsii.Number(8000)}},
		Metadata: metadata("api"),
	})
	return chart
}

// buildApp builds the example app; outdir is where app.Synth() writes.
func buildApp(outdir string) cdk8s.App {
	app := cdk8sexpose.NewExposureApp(&cdk8s.AppProps{Outdir: jsii.String(outdir)})
	production := newProductionChart(app, "production", &cdk8s.ChartProps{Namespace: jsii.String("shop")})
	cdk8sexpose.ExposurePolicy_Apply(production, &cdk8sexpose.ExposurePolicyOptions{Stage: cdk8sexpose.Stage_PRODUCTION, RequireIsolation: jsii.Bool(true)})
	development := newDevelopmentChart(app, "development", &cdk8s.ChartProps{Namespace: jsii.String("shop-dev")})
	cdk8sexpose.ExposurePolicy_Apply(development, &cdk8sexpose.ExposurePolicyOptions{Stage: cdk8sexpose.Stage_DEVELOPMENT})
	return app
}

// refused runs build and returns what it panicked with: jsii's Go runtime panics with the
// JavaScript error as a Go error ("error" as errorType; anything else by its type).
func refused(build func()) (message string, errorType string) {
	defer func() {
		if r := recover(); r != nil {
			if err, ok := r.(error); ok {
				message, errorType = err.Error(), "error"
			} else {
				message, errorType = fmt.Sprint(r), fmt.Sprintf("%T", r)
			}
		}
	}()
	build()
	return "", ""
}

// checks: static factories, enums, acknowledge and an error, as a Go user meets them.
func checks() map[string]interface{} {
	app := cdk8s.NewApp(nil)
	chart := cdk8s.NewChart(app, jsii.String("checks"), &cdk8s.ChartProps{Namespace: jsii.String("checks")})
	edge := cdk8sexpose.NewPublicService(chart, jsii.String("Edge"), &cdk8sexpose.PublicServiceProps{
		SelectLabels: labels("edge"),
		Ports:        &[]*cdk8sexpose.ExposedPort{{Port: jsii.Number(443), Name: jsii.String("https")}},
		SourceRanges: cdk8sexpose.SourceRanges_Cidrs(jsii.Strings("203.0.113.0/24")),
		Profile:      cdk8sexpose.LoadBalancerProfile_AwsNlb(&cdk8sexpose.AwsNlbOptions{Scheme: cdk8sexpose.LoadBalancerScheme_INTERNET_FACING}),
	})
	edge.Acknowledge(jsii.String("load-balancer-anywhere"), jsii.String("reviewed by security"))
	cdk8sexpose.NewIngressFronted(chart, jsii.String("Web"), &cdk8sexpose.IngressFrontedProps{
		SelectLabels: labels("web"),
		Ports:        &[]*cdk8sexpose.ExposedPort{{Port: jsii.Number(80)}},
		Host:         jsii.String("web.example.com"),
		Tls:          cdk8sexpose.IngressTls_CertManager(&cdk8sexpose.CertManagerOptions{ClusterIssuer: jsii.String("letsencrypt")}),
	})
	// NetworkPolicy peers as the README shows them: Go takes kplus.Pods by its shape, and
	// NetworkPeer_Pods works as in Java and .NET.
	peers := cdk8sexpose.NewInternalService(chart, jsii.String("Peers"), &cdk8sexpose.InternalServiceProps{
		SelectLabels: labels("peers"),
		Ports:        &[]*cdk8sexpose.ExposedPort{{Port: jsii.Number(80)}},
		AllowFrom:    &[]cdk8splus28.INetworkPolicyPeer{cdk8splus28.Pods_Select(chart, jsii.String("WebPods"), &cdk8splus28.PodsSelectOptions{Labels: labels("web")})},
	})
	peers.AllowTo(cdk8sexpose.NetworkPeer_Pods(cdk8splus28.Pods_Select(chart, jsii.String("DbPods"), &cdk8splus28.PodsSelectOptions{Labels: labels("db")})),
		&cdk8sexpose.AllowToOptions{Ports: &[]*float64{jsii.Number(5432)}})
	message, errorType := refused(func() {
		cdk8sexpose.NewDevService(chart, jsii.String("Bad"), &cdk8sexpose.DevServiceProps{
			SelectLabels: labels("bad"),
			Ports:        &[]*cdk8sexpose.ExposedPort{{Port: jsii.Number(80), NodePort: jsii.Number(80)}},
		})
	})
	return map[string]interface{}{
		"manifests":        chart.ToJson(),
		"exposure":         string(edge.Exposure()),
		"acknowledgements": edge.Acknowledgements(),
		"error":            message,
		"errorType":        errorType,
	}
}

func main() {
	defer jsii.Close()
	outdir, checksFile := os.Args[1], os.Args[2]
	app := buildApp(outdir)
	app.Synth()
	cdk8sexpose.ExposureReport_WriteForApp(app)
	data, err := json.MarshalIndent(checks(), "", " ")
	if err != nil {
		panic(err)
	}
	if err := os.WriteFile(checksFile, data, 0o644); err != nil {
		panic(err)
	}
}
