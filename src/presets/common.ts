/**
 * Shared pieces of the presets.
 */

/** Whether a load balancer or ingress is reachable from the internet or only from the private network. */
export enum LoadBalancerScheme {
  /** Reachable from the internet (a public address). */
  INTERNET_FACING = 'internet-facing',
  /** Reachable only from the private network the cluster runs in (VPC / VNet). */
  INTERNAL = 'internal',
}

/** How an AWS load balancer reaches the pods. */
export enum AwsTargetType {
  /** Straight to pod IPs (needs the VPC CNI); no node port hop. */
  IP = 'ip',
  /** Through a node port on every node. */
  INSTANCE = 'instance',
}
