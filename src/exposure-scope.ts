/**
 * Where a Service can be reached from. Reports and policies read this rather than guessing
 * from the YAML. Ordered from the narrowest to the widest.
 */
export enum ExposureScope {
  /** Reachable only from pods inside the cluster (ClusterIP, headless). */
  CLUSTER = 'cluster',
  /** Reachable on a port of every node's IP address (NodePort). */
  NODE = 'node',
  /** Reachable from the private network the cluster lives in (an internal load balancer or ingress). */
  VPC = 'vpc',
  /** Reachable from the internet (an internet-facing load balancer or ingress). */
  INTERNET = 'internet',
  /** Not reachable through the cluster at all: a DNS alias that points outside it (ExternalName). */
  EXTERNAL_DNS = 'external-dns',
}
