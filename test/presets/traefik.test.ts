import * as kplus from 'cdk8s-plus-28';
import { IngressController, IngressFronted, IngressTls } from '../../src';
import { newChart, ofKind, synth } from '../util';

const T = 'traefik.ingress.kubernetes.io/';
function fronted(controller: IngressController, props: any = {}) {
  const chart = newChart();
  new IngressFronted(chart, 'Api', { selector: kplus.Pods.select(chart, 'P', { labels: { app: 'api' } }), ports: [{ port: 80 }], host: 'api.example.com', controller, ...props });
  return ofKind(synth(chart), 'Ingress')[0];
}

describe('traefik', () => {
  test('with TLS: websecure, router TLS, middlewares', () => {
    const ingress = fronted(IngressController.traefik({ middlewares: ['default-ratelimit@kubernetescrd'] }));
    expect(ingress.spec.ingressClassName).toBe('traefik');
    expect(ingress.metadata.annotations).toEqual({ [`${T}router.entrypoints`]: 'websecure', [`${T}router.middlewares`]: 'default-ratelimit@kubernetescrd', [`${T}router.tls`]: 'true' });
  });
  test('without TLS: the web entry point and no router TLS', () => {
    expect(fronted(IngressController.traefik(), { tls: IngressTls.disabled() }).metadata.annotations).toEqual({ [`${T}router.entrypoints`]: 'web' });
  });
  test('a certificate resolver with IngressTls.fromController(): no Secret', () => {
    const ingress = fronted(IngressController.traefik({ certResolver: 'letsencrypt', entryPoints: ['websecure'] }), { tls: IngressTls.fromController() });
    expect(ingress.metadata.annotations).toEqual({ [`${T}router.entrypoints`]: 'websecure', [`${T}router.tls`]: 'true', [`${T}router.tls.certresolver`]: 'letsencrypt' });
    expect(ingress.spec.tls).toEqual([{ hosts: ['api.example.com'] }]);
  });
  test('refuses a resolver without TLS or beside a Secret, fromController without a resolver, bad names', () => {
    expect(() => fronted(IngressController.traefik({ certResolver: 'le' }), { tls: IngressTls.disabled() })).toThrow(/controller traefik: the traefik preset has certResolver but the route has no TLS/);
    expect(() => fronted(IngressController.traefik({ certResolver: 'le' }))).toThrow(/but the route also names a TLS Secret or cert-manager/);
    expect(() => fronted(IngressController.traefik(), { tls: IngressTls.fromController() })).toThrow(/needs certResolver/);
    expect(() => IngressController.traefik({ entryPoints: [] })).toThrow(/entryPoints \[\] must list entry point names/);
    expect(() => IngressController.traefik({ middlewares: ['ratelimit'] })).toThrow(/middlewares \["ratelimit"\] must list Traefik references/);
  });
});
