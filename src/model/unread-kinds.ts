/**
 * Kinds of other projects that expose Services (routes from an ingress controller or a proxy),
 * which the model does not read: each `group/Kind` with the project, from the project's own CRDs.
 * Istio is read by src/model/istio-model.ts and is not listed here. Private to the library.
 *
 * - Traefik: traefik/traefik docs/content/reference/dynamic-configuration/kubernetes-crd-definition-v1.yml
 *   (IngressRoute, IngressRouteTCP, IngressRouteUDP in `traefik.io`, formerly `traefik.containo.us`).
 * - Contour: projectcontour/contour examples/contour/01-crds.yaml (HTTPProxy).
 * - Emissary-ingress (Ambassador): emissary-ingress/emissary pkg/api/getambassador.io/v3alpha1
 *   crd_mapping.go, crd_tcpmapping.go, crd_host.go (Mapping, TCPMapping, Host).
 * - Kong: Kong/kubernetes-ingress-controller config/crd/bases/configuration.konghq.com_tcpingresses.yaml
 *   and _udpingresses.yaml (TCPIngress, UDPIngress).
 * - NGINX Ingress Controller (F5): nginxinc/kubernetes-ingress config/crd/bases/k8s.nginx.org_virtualservers.yaml
 *   and k8s.nginx.org_virtualserverroutes.yaml (VirtualServer, VirtualServerRoute).
 * - OpenShift: openshift/api route/v1/types.go (Route).
 */
export const UNREAD_EXPOSURE_KINDS: Record<string, string> = {
  'traefik.io/IngressRoute': 'Traefik',
  'traefik.io/IngressRouteTCP': 'Traefik',
  'traefik.io/IngressRouteUDP': 'Traefik',
  'traefik.containo.us/IngressRoute': 'Traefik',
  'traefik.containo.us/IngressRouteTCP': 'Traefik',
  'traefik.containo.us/IngressRouteUDP': 'Traefik',
  'projectcontour.io/HTTPProxy': 'Contour',
  'getambassador.io/Mapping': 'Emissary-ingress',
  'getambassador.io/TCPMapping': 'Emissary-ingress',
  'getambassador.io/Host': 'Emissary-ingress',
  'configuration.konghq.com/TCPIngress': 'Kong',
  'configuration.konghq.com/UDPIngress': 'Kong',
  'k8s.nginx.org/VirtualServer': 'NGINX Ingress Controller',
  'k8s.nginx.org/VirtualServerRoute': 'NGINX Ingress Controller',
  'route.openshift.io/Route': 'OpenShift',
};

/** The project whose exposure kind this is, or undefined for a kind not listed. */
export function unreadExposureProject(group: string | undefined, kind: string): string | undefined {
  return group === undefined ? undefined : UNREAD_EXPOSURE_KINDS[`${group}/${kind}`];
}
