// Package harness runs a real kube-apiserver (built from k8s.io/kubernetes, started in this
// test process on 127.0.0.1 with an embedded etcd on 127.0.0.1) and sends it every manifest
// that cdk8s-expose writes. Everything it starts stops when the test process ends, also when a
// test fails. Inputs come from the environment (see test/apiserver/run.sh):
//
//	APISERVER_CASES    a folder of *.jsonl files, one case per line:
//	                   {"id": "...", "expect": "accept"|"refuse", "reason": "...", "manifest": {...}}
//	GATEWAY_CRDS_DIR   the Gateway API CRDs to install (config/crd/standard of the module)
//	APISERVER_RESULTS  where to write the verdict of every case (JSON)
package harness

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"go.etcd.io/etcd/server/v3/embed"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	apiextensionsclient "k8s.io/apiextensions-apiserver/pkg/client/clientset/clientset"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apiserver/pkg/storage/storagebackend"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/discovery/cached/memory"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/restmapper"
	kubeapiservertesting "k8s.io/kubernetes/cmd/kube-apiserver/app/testing"
	"sigs.k8s.io/yaml"
)

// testCase is one manifest and what the library expects the server to say.
type testCase struct {
	ID       string                 `json:"id"`
	Expect   string                 `json:"expect"`
	Reason   string                 `json:"reason,omitempty"`
	Manifest map[string]interface{} `json:"manifest"`
}

// verdict is what the server said about one case.
type verdict struct {
	ID       string `json:"id"`
	Expect   string `json:"expect"`
	Reason   string `json:"reason,omitempty"`
	Accepted bool   `json:"accepted"`
	Message  string `json:"message,omitempty"`
}

// startEtcd starts an embedded etcd on loopback ports chosen by the system and returns its
// client URL. It is closed when the test ends.
func startEtcd(t *testing.T) string {
	t.Helper()
	cfg := embed.NewConfig()
	cfg.Dir = t.TempDir()
	cfg.LogLevel = "error"
	loopback := func() url.URL { return url.URL{Scheme: "http", Host: "127.0.0.1:0"} }
	cfg.ListenClientUrls = []url.URL{loopback()}
	cfg.AdvertiseClientUrls = cfg.ListenClientUrls
	cfg.ListenPeerUrls = []url.URL{loopback()}
	cfg.AdvertisePeerUrls = cfg.ListenPeerUrls
	cfg.InitialCluster = cfg.InitialClusterFromName(cfg.Name)
	etcd, err := embed.StartEtcd(cfg)
	if err != nil {
		t.Fatalf("starting etcd: %v", err)
	}
	t.Cleanup(etcd.Close)
	select {
	case <-etcd.Server.ReadyNotify():
	case <-time.After(60 * time.Second):
		t.Fatalf("etcd was not ready within 60 s")
	}
	return etcd.Clients[0].Addr().String()
}

// startAPIServer starts kube-apiserver in this process, backed by the embedded etcd.
func startAPIServer(t *testing.T) *rest.Config {
	t.Helper()
	etcdAddr := startEtcd(t)
	storage := storagebackend.NewDefaultConfig(fmt.Sprintf("/cdk8s-expose-%d/registry", time.Now().UnixNano()), nil)
	storage.Transport.ServerList = []string{"http://" + etcdAddr}
	server := kubeapiservertesting.StartTestServerOrDie(t, nil, []string{
		"--bind-address=127.0.0.1",
		// Dual-stack, so that IPv6 and dual-stack Services are judged on their own merits.
		"--service-cluster-ip-range=10.96.0.0/16,fd00:10:96::/108",
		"--service-node-port-range=30000-32767",
	}, storage)
	t.Cleanup(server.TearDownFn)
	config := rest.CopyConfig(server.ClientConfig)
	config.QPS = 500
	config.Burst = 1000
	return config
}

// installGatewayCRDs creates every CRD in dir and waits until each is established.
func installGatewayCRDs(t *testing.T, config *rest.Config, dir string) {
	t.Helper()
	client := apiextensionsclient.NewForConfigOrDie(config)
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no Gateway API CRDs in %q (%v)", dir, err)
	}
	ctx := context.Background()
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, doc := range strings.Split(string(data), "\n---") {
			if strings.TrimSpace(doc) == "" {
				continue
			}
			crd := &apiextensionsv1.CustomResourceDefinition{}
			if err := yaml.Unmarshal([]byte(doc), crd); err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			if crd.Kind != "CustomResourceDefinition" || crd.Name == "" {
				continue // e.g. the release's ValidatingAdmissionPolicy for safe upgrades
			}
			if _, err := client.ApiextensionsV1().CustomResourceDefinitions().Create(ctx, crd, metav1.CreateOptions{}); err != nil {
				t.Fatalf("creating CRD %s: %v", crd.Name, err)
			}
			deadline := time.Now().Add(60 * time.Second)
			for {
				got, err := client.ApiextensionsV1().CustomResourceDefinitions().Get(ctx, crd.Name, metav1.GetOptions{})
				if err == nil && established(got) {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("CRD %s not established within 60 s", crd.Name)
				}
				time.Sleep(100 * time.Millisecond)
			}
		}
	}
}

func established(crd *apiextensionsv1.CustomResourceDefinition) bool {
	for _, c := range crd.Status.Conditions {
		if c.Type == apiextensionsv1.Established && c.Status == apiextensionsv1.ConditionTrue {
			return true
		}
	}
	return false
}

func readCases(t *testing.T, dir string) []testCase {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no *.jsonl cases in %q (%v)", dir, err)
	}
	sort.Strings(files)
	var cases []testCase
	for _, file := range files {
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		scanner := bufio.NewScanner(f)
		scanner.Buffer(make([]byte, 1<<20), 64<<20)
		for scanner.Scan() {
			line := strings.TrimSpace(scanner.Text())
			if line == "" {
				continue
			}
			var c testCase
			if err := json.Unmarshal([]byte(line), &c); err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			cases = append(cases, c)
		}
		f.Close()
		if err := scanner.Err(); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
	}
	return cases
}

// applier sends manifests to the server with server-side apply.
type applier struct {
	dynamic dynamic.Interface
	mapper  meta.RESTMapper
	core    kubernetes.Interface
	created map[string]bool
}

func newApplier(t *testing.T, config *rest.Config) *applier {
	t.Helper()
	disco := memory.NewMemCacheClient(discovery.NewDiscoveryClientForConfigOrDie(config))
	return &applier{
		dynamic: dynamic.NewForConfigOrDie(config),
		mapper:  restmapper.NewDeferredDiscoveryRESTMapper(disco),
		core:    kubernetes.NewForConfigOrDie(config),
		created: map[string]bool{},
	}
}

// ensureNamespace creates a namespace once, for real (dry-run requests need it to exist).
func (a *applier) ensureNamespace(ctx context.Context, name string) error {
	if name == "" || a.created[name] {
		return nil
	}
	ns := &unstructured.Unstructured{Object: map[string]interface{}{
		"apiVersion": "v1", "kind": "Namespace", "metadata": map[string]interface{}{"name": name},
	}}
	_, err := a.dynamic.Resource(schema.GroupVersionResource{Version: "v1", Resource: "namespaces"}).Create(ctx, ns, metav1.CreateOptions{})
	if err != nil && !apierrors.IsAlreadyExists(err) {
		return err
	}
	a.created[name] = true
	return nil
}

// apply sends one manifest with server-side apply; dryRun leaves nothing behind.
func (a *applier) apply(ctx context.Context, manifest map[string]interface{}, dryRun bool) error {
	obj := &unstructured.Unstructured{Object: manifest}
	gvk := obj.GroupVersionKind()
	mapping, err := a.mapper.RESTMapping(gvk.GroupKind(), gvk.Version)
	if err != nil {
		return fmt.Errorf("no resource for %s: %w", gvk, err)
	}
	var resource dynamic.ResourceInterface = a.dynamic.Resource(mapping.Resource)
	if mapping.Scope.Name() == meta.RESTScopeNameNamespace {
		namespace := obj.GetNamespace()
		if namespace == "" {
			namespace = "default"
			obj.SetNamespace(namespace)
		}
		if err := a.ensureNamespace(ctx, namespace); err != nil {
			return fmt.Errorf("namespace %s: %w", namespace, err)
		}
		resource = a.dynamic.Resource(mapping.Resource).Namespace(namespace)
	}
	data, err := json.Marshal(obj.Object)
	if err != nil {
		return err
	}
	options := metav1.PatchOptions{FieldManager: "cdk8s-expose-harness", Force: ptrTo(true)}
	if dryRun {
		options.DryRun = []string{metav1.DryRunAll}
	}
	_, err = resource.Patch(ctx, obj.GetName(), types.ApplyPatchType, data, options)
	return err
}

func ptrTo[T any](v T) *T { return &v }

// TestManifestsAgainstAPIServer applies every case with server-side apply, dry run, and
// compares the server's verdict with the library's.
func TestManifestsAgainstAPIServer(t *testing.T) {
	casesDir := os.Getenv("APISERVER_CASES")
	crdsDir := os.Getenv("GATEWAY_CRDS_DIR")
	if casesDir == "" || crdsDir == "" {
		t.Fatalf("APISERVER_CASES and GATEWAY_CRDS_DIR must be set (run test/apiserver/run.sh)")
	}
	config := startAPIServer(t)
	installGatewayCRDs(t, config, crdsDir)
	cases := readCases(t, casesDir)
	a := newApplier(t, config)
	ctx := context.Background()

	var verdicts []verdict
	counts := map[string]int{}
	for _, c := range cases {
		err := a.apply(ctx, c.Manifest, true)
		v := verdict{ID: c.ID, Expect: c.Expect, Reason: c.Reason, Accepted: err == nil}
		if err != nil {
			v.Message = err.Error()
		}
		verdicts = append(verdicts, v)
		switch {
		case c.Expect == "accept" && v.Accepted:
			counts["accepted by both"]++
		case c.Expect == "accept" && !v.Accepted:
			counts["accepted by the library, REFUSED by the server"]++
			t.Errorf("%s: the library wrote it, the server refuses it: %s", c.ID, v.Message)
		case c.Expect == "refuse" && !v.Accepted:
			counts["refused by both"]++
		case c.Expect == "refuse" && v.Accepted:
			counts["refused by the library only: "+c.Reason]++
		default:
			t.Errorf("%s: unknown expectation %q", c.ID, c.Expect)
		}
	}
	if out := os.Getenv("APISERVER_RESULTS"); out != "" {
		data, _ := json.MarshalIndent(map[string]interface{}{"counts": counts, "verdicts": verdicts}, "", "  ")
		if err := os.WriteFile(out, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	t.Logf("kube-apiserver %s, %d cases:", serverVersion(t, config), len(cases))
	for _, k := range keys {
		t.Logf("  %6d  %s", counts[k], k)
	}
}

// TestNodePortCollisionIsRefusedForReal creates two NodePort Services on one node port for
// real (no dry run): the server refuses the second, as the library does at synth.
func TestNodePortCollisionIsRefusedForReal(t *testing.T) {
	config := startAPIServer(t)
	a := newApplier(t, config)
	ctx := context.Background()
	service := func(name string) map[string]interface{} {
		return map[string]interface{}{
			"apiVersion": "v1", "kind": "Service",
			"metadata": map[string]interface{}{"name": name, "namespace": "collide"},
			"spec": map[string]interface{}{
				"type": "NodePort", "selector": map[string]interface{}{"app": name},
				"ports": []interface{}{map[string]interface{}{"port": 80, "targetPort": 8080, "nodePort": 30080}},
			},
		}
	}
	if err := a.apply(ctx, service("first"), false); err != nil {
		t.Fatalf("the first NodePort Service was refused: %v", err)
	}
	err := a.apply(ctx, service("second"), false)
	if err == nil || !strings.Contains(err.Error(), "provided port is already allocated") {
		t.Fatalf("the second Service on node port 30080 was not refused as a collision: %v", err)
	}
	t.Logf("second Service refused: %v", err)

	// A node port outside the range: a dry run does not allocate node ports, a real create does
	// and refuses it, as the library does.
	outside := service("outside")
	outside["spec"].(map[string]interface{})["ports"] = []interface{}{map[string]interface{}{"port": 80, "targetPort": 8080, "nodePort": 42349}}
	if err := a.apply(ctx, outside, true); err != nil {
		t.Fatalf("expected the dry run to accept node port 42349 (no allocation in a dry run), got %v", err)
	}
	err = a.apply(ctx, outside, false)
	if err == nil || !strings.Contains(err.Error(), "provided port is not in the valid range") {
		t.Fatalf("node port 42349 was not refused by a real create: %v", err)
	}
	t.Logf("node port outside the range refused by a real create: %v", err)

	// A selector-less Service with its own EndpointSlice: accepted for real.
	selectorless := map[string]interface{}{
		"apiVersion": "v1", "kind": "Service",
		"metadata": map[string]interface{}{"name": "external-db", "namespace": "collide"},
		"spec":     map[string]interface{}{"ports": []interface{}{map[string]interface{}{"name": "pg", "port": 5432, "targetPort": 5432}}},
	}
	slice := map[string]interface{}{
		"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
		"metadata": map[string]interface{}{
			"name": "external-db-1", "namespace": "collide",
			"labels": map[string]interface{}{"kubernetes.io/service-name": "external-db"},
		},
		"addressType": "IPv4",
		"ports":       []interface{}{map[string]interface{}{"name": "pg", "port": 5432, "protocol": "TCP"}},
		"endpoints":   []interface{}{map[string]interface{}{"addresses": []interface{}{"192.0.2.10"}}},
	}
	for _, m := range []map[string]interface{}{selectorless, slice} {
		if err := a.apply(ctx, m, false); err != nil {
			t.Fatalf("the selector-less set was refused: %v", err)
		}
	}
	got, err := a.core.CoreV1().Services("collide").Get(ctx, "external-db", metav1.GetOptions{})
	if err != nil || len(got.Spec.Selector) != 0 {
		t.Fatalf("the selector-less Service was not stored as written: %v %v", got, err)
	}
}

// serverVersion is the k8s.io/kubernetes module the server was built from (a build from the
// module proxy carries no git version of its own), and what the server reports.
func serverVersion(t *testing.T, config *rest.Config) string {
	info, err := discovery.NewDiscoveryClientForConfigOrDie(config).ServerVersion()
	if err != nil {
		t.Fatalf("server version: %v", err)
	}
	module := os.Getenv("KUBERNETES_MODULE") // `go list -m k8s.io/kubernetes`, from run.sh
	if module == "" {
		module = "k8s.io/kubernetes (version not given)"
	}
	return fmt.Sprintf("%s, which reports %s", module, info.GitVersion)
}
