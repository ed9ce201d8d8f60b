/**
 * The types of the exposure model (src/model/model.ts), with the Gateway API and Istio objects
 * it holds: in a file of their own, so that the model and its readers (gateway-model.ts,
 * istio-model.ts) import them without importing one another in a circle.
 */
import { ExposureScope } from '../exposure-scope';
import type { ControllerLabels } from './controller-labels';
import type { ApiDeprecation } from './deprecated-apis';
import type { ContainerPortInfo, ProbeInfo } from './pod-details';

/** Where a manifest came from, for messages. */
export interface Origin {
  /** The construct path, when the manifest was synthesized from an App. */
  readonly constructPath?: string;
  /** The construct kind (`InternalService`...), when a library construct made it. */
  readonly constructKind?: string;
  /**
   * Plain scalars of the document that Kubernetes reads differently from YAML 1.2, as
   * `026 is 22` (src/yaml/kubernetes-yaml.ts), when read from YAML.
   */
  readonly readings?: string[];
  /** The file and document index, when read from YAML. */
  readonly file?: string;
  readonly documentIndex?: number;
  /**
   * The line (from 1) where the object starts in its file, after comments and `---`, when read
   * from YAML or JSON (an item of a `List`: its document's line until a finding asks for more).
   */
  readonly line?: number;
  /** Where the object's document is in its file, to find the line of a field a finding is about. */
  readonly span?: DocumentSpan;
  /** The stage that applies to this object, when known per object (`development`...). */
  readonly stage?: string;
  /**
   * False when the object is in the model only so that references to it resolve (it is
   * outside every scope an App-wide policy was applied to): no finding is reported on it.
   */
  readonly judged?: boolean;
  /** Whether isolation is required for this object. */
  readonly requireIsolation?: boolean;
}

/** Where a document is in its file (src/yaml/locate.ts reads it again for a finding's field). */
export interface DocumentSpan {
  /** The file to read again; or, for standard input, its whole text. */
  readonly source: { readonly path?: string; readonly text?: string };
  /** The line (from 1) of the document's first line: its `---` line, if it has one. */
  readonly startLine: number;
  /** How many lines the document's text spans. */
  readonly lineCount: number;
  /** For an item of a `List`: its index in `items`. */
  readonly item?: number;
}

export interface ObjectRef {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly origin: Origin;
  readonly annotations: Record<string, string>;
  /** The API group of the manifest's apiVersion ('' for the core group), where the model kept it. */
  readonly apiGroup?: string;
}

export interface PortInfo {
  readonly name?: string;
  readonly port: number;
  readonly targetPort: number | string;
  readonly nodePort?: number;
  readonly protocol: string;
  readonly appProtocol?: string;
}

export interface ServiceInfo extends ObjectRef {
  readonly type: string;
  readonly selector: Record<string, string>;
  readonly ports: PortInfo[];
  readonly headless: boolean;
  readonly externalName?: string;
  readonly externalIPs: string[];
  readonly sourceRanges: string[];
  readonly healthCheckNodePort?: number;
  readonly loadBalancerClass?: string;
  readonly exposure: ExposureScope;
}

export interface RouteInfo {
  readonly host?: string;
  readonly path: string;
  readonly pathType?: string;
  readonly serviceName?: string;
  readonly servicePort?: number | string;
  /** The Service's namespace, when a Gateway API route names one (cross-namespace backendRefs). */
  readonly serviceNamespace?: string;
}

/** An Ingress or a Gateway API route (HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute): routes into Services. */
export interface HttpEntryInfo extends ObjectRef {
  readonly className?: string;
  readonly routes: RouteInfo[];
  readonly tlsHosts: string[];
  /** True when every host is covered by TLS (an Ingress tls block, or a Gateway's HTTPS listener). */
  readonly tls: boolean;
  readonly exposure: ExposureScope;
  /** For HTTPRoutes, the Gateways it attaches to. */
  readonly parents: string[];
  /** For Ingresses, the Secret named by each `tls` entry (`undefined`: the controller's default certificate). */
  readonly tlsSecrets?: Array<string | undefined>;
  /** For Ingresses, the hosts of its rules that no `tls` entry covers (all of them without a tls block; `*` for a rule without host). */
  readonly uncoveredHosts?: string[];
}

export interface WorkloadInfo extends ObjectRef {
  readonly podLabels: Record<string, string>;
  readonly containerPorts: ContainerPortInfo[];
  /** `spec.hostNetwork`: the pods use the node's network, every port they open is on the node. */
  readonly hostNetwork: boolean;
  /** Container ports with a `hostPort`: open on the node's IP, as `8080/TCP`. */
  readonly hostPorts: string[];
  /** The HTTP, TCP and gRPC probes of the containers, each with the ports its container declares. */
  readonly probes: ProbeInfo[];
  /** The labels its controller adds to the pods (src/model/controller-labels.ts), when it adds any. */
  readonly controllerLabels?: ControllerLabels;
}

export interface NetworkPolicyInfo extends ObjectRef {
  readonly podSelector: Record<string, string>;
  readonly podSelectorHasExpressions: boolean;
  readonly isolatesIngress: boolean;
  readonly ingressPeers: number;
  /** Whether the policy restricts where the pods connect to. */
  readonly isolatesEgress?: boolean;
  /** The ingress rules: who may connect, on which ports (the one reading of the peers, for the rules and the report). */
  readonly ingressRules: PolicyRuleInfo[];
  /** The egress rules: where the pods may connect, on which ports. */
  readonly egressRules: PolicyRuleInfo[];
}

/** One NetworkPolicy peer: pods (in namespaces), or an IP block. */
export interface PolicyPeerInfo {
  /** The pod selector, as `key=value` and `key In (a, b)` terms; [] selects every pod. Absent: no pod selector. */
  readonly pods?: string[];
  /** The namespace selector's terms; [] selects every namespace. Absent: the policy's own namespace. */
  readonly namespaces?: string[];
  /** The IP block's CIDR, and its exceptions. */
  readonly cidr?: string;
  readonly except?: string[];
  /** The pod selector's matchLabels. Absent: no pod selector. */
  readonly podLabels?: Record<string, string>;
  /** The namespace selector's matchLabels. Absent: no namespace selector. */
  readonly namespaceLabels?: Record<string, string>;
  /** True when either selector has matchExpressions (which the rules do not evaluate). */
  readonly hasExpressions?: boolean;
}

/** One ingress or egress rule of a NetworkPolicy. */
export interface PolicyRuleInfo {
  /** The peers; empty means every source (ingress) or destination (egress). */
  readonly peers: PolicyPeerInfo[];
  /** The ports, as `8080/TCP`, `metrics/TCP` or `8000-8080/TCP`; empty means every port. */
  readonly ports: string[];
}

/** An object written in an API version that Kubernetes no longer serves. */
export interface DeprecatedApiInfo extends ObjectRef, ApiDeprecation {}

export interface ExposureModel {
  readonly services: ServiceInfo[];
  readonly entries: HttpEntryInfo[];
  readonly workloads: WorkloadInfo[];
  readonly networkPolicies: NetworkPolicyInfo[];
  /** Documents that are not Kubernetes objects this model reads (kept for counts). */
  readonly others: ObjectRef[];
  /** Objects the API server would refuse, with what it would say (src/validation/manifest.ts). */
  readonly rejected: RejectedInfo[];
  /** Gateway API Gateways and ListenerSets, with their listeners (src/model/gateway-model.ts). */
  readonly gateways: GatewayInfo[];
  /** Gateway API ReferenceGrants. */
  readonly referenceGrants: ReferenceGrantInfo[];
  /** Gateway API BackendTLSPolicies: TLS from the Gateway to a Service's pods. */
  readonly backendTlsPolicies: BackendTlsPolicyInfo[];
  /** Namespace objects with their labels (for listeners that select route namespaces by label). */
  readonly namespaces: Array<{ readonly name: string; readonly labels: Record<string, string> }>;
  /**
   * Where certificates come from, as `Secret namespace/name` (a Secret, or a cert-manager
   * Certificate's `spec.secretName`) and `Gateway namespace/name` or `Gateway namespace/name#listener`
   * (a Gateway listener that terminates TLS with a certificate).
   */
  readonly certificateSources?: Set<string>;
  /** Objects written in an API version that Kubernetes deprecated or removed (src/model/deprecated-apis.ts). */
  readonly deprecatedApis: DeprecatedApiInfo[];
  /** Istio (`networking.istio.io`) Gateways with their servers (src/model/istio-model.ts). */
  readonly istioGateways?: IstioGatewayInfo[];
  /** How many objects were read, and the kinds the model does not read for exposure, with counts. */
  readonly counts?: ReadCounts;
}

/** What the model read: every object, and those of kinds it does not model. */
export interface ReadCounts {
  /** Every object read. */
  read: number;
  /** Objects the model does not read for exposure, by kind (`ConfigMap`, `Prometheus (monitoring.coreos.com)`). */
  readonly notModelled: Map<string, number>;
}

/** An object the API server would refuse at create. */
export interface RejectedInfo extends ObjectRef {
  /** One sentence per problem, each starting with the field. */
  readonly problems: string[];
}

/** A manifest and where it came from. */
export interface SourcedManifest {
  readonly manifest: any;
  readonly origin: Origin;
}

/** One listener of a Gateway or ListenerSet. */
export interface ListenerInfo {
  readonly name: string;
  readonly port?: number;
  readonly protocol: string;
  readonly hostname?: string;
  /** `Terminate` or `Passthrough`, when the listener has TLS. */
  readonly tlsMode?: string;
  /** `allowedRoutes.namespaces.from`: `Same` (the default), `All` or `Selector`. */
  readonly allowedFrom: string;
  /** The labels of `allowedRoutes.namespaces.selector.matchLabels`, for `Selector`. */
  readonly allowedSelector?: Record<string, string>;
  /** The route kinds that may attach. */
  readonly allowedKinds: string[];
  /** `tls.certificateRefs`, each with its namespace resolved (the listener's own when not given). */
  readonly certificateRefs: CertificateRefInfo[];
}

/** A listener's certificate reference. */
export interface CertificateRefInfo {
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
}

/** A Gateway or a ListenerSet. */
export interface GatewayInfo extends ObjectRef {
  readonly listeners: ListenerInfo[];
  /** For a ListenerSet: the Gateway it joins, as `namespace/name`. */
  readonly parentGateway?: string;
  readonly gatewayClassName?: string;
  /** Certificate references of its listeners into other namespaces. */
  readonly crossNamespaceRefs: CrossNamespaceRef[];
  /** Where the Gateway's addresses are reachable from (internal load balancer annotations make it `vpc`). */
  readonly exposure: ExposureScope;
  /** For a Gateway: `spec.allowedListeners.namespaces.from`, which ListenerSets may join (`None` by default). */
  readonly allowedListenersFrom?: string;
  /** For a Gateway with `allowedListeners.namespaces.from: Selector`: its `matchLabels`. */
  readonly allowedListenersSelector?: Record<string, string>;
}

/** A ReferenceGrant. */
export interface ReferenceGrantInfo extends ObjectRef {
  readonly from: Array<{ readonly group: string; readonly kind: string; readonly namespace: string }>;
  readonly to: Array<{ readonly group: string; readonly kind: string; readonly name?: string }>;
}

/** A BackendTLSPolicy: the Gateway speaks TLS to the pods of the Services it targets. */
export interface BackendTlsPolicyInfo extends ObjectRef {
  /** The Services it applies to (core group, kind Service), with the port name when given. */
  readonly targets: Array<{ readonly name: string; readonly sectionName?: string }>;
  /** The host name the Gateway sends as SNI and checks the certificate against. */
  readonly hostname?: string;
  /** Where the trusted CA comes from: `System` (the Gateway's trust store) or ConfigMap names. */
  readonly wellKnownCa?: string;
  readonly caConfigMaps: string[];
}

/** A reference of a route or listener to an object in another namespace. */
export interface CrossNamespaceRef {
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  /** Where it is written, for messages (`backendRefs`, `listeners[0].tls.certificateRefs`). */
  readonly field: string;
}

/** One server of an Istio Gateway. */
export interface IstioServerInfo {
  /** The server's name, else its port's name. */
  readonly name?: string;
  readonly port?: number;
  /** HTTP, HTTPS, GRPC, GRPC-WEB, HTTP2, MONGO, TCP or TLS, upper case. */
  readonly protocol: string;
  /** The hosts without their `namespace/` prefix. */
  readonly hosts: string[];
  /** The TLS mode, for HTTPS and TLS servers (PASSTHROUGH when not written, the enum's zero value). */
  readonly tlsMode?: string;
  /** `tls.httpsRedirect`: every HTTP request gets a 301 to HTTPS. */
  readonly httpsRedirect: boolean;
  readonly credentialName?: string;
}

/** An Istio Gateway: a set of servers on the proxies its selector picks. */
export interface IstioGatewayInfo extends ObjectRef {
  readonly servers: IstioServerInfo[];
  /** The ingress gateway pods it configures (`istio: ingressgateway`). */
  readonly selector: Record<string, string>;
  /** What the model did not read, one sentence each. */
  readonly notes: string[];
}
