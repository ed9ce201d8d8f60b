import * as kplus from 'cdk8s-plus-28';
import { IngressController, IngressFronted, IngressTls } from '../../src';
import { newChart, ofKind, synth } from '../util';

const N = 'nginx.ingress.kubernetes.io/';
function fronted(controller: IngressController, props: any = {}) {
  const chart = newChart();
  new IngressFronted(chart, 'Api', { selector: kplus.Pods.select(chart, 'P', { labels: { app: 'api' } }), ports: [{ port: 80 }], host: 'api.example.com', controller, ...props });
  return ofKind(synth(chart), 'Ingress')[0];
}

describe('nginx', () => {
  test('with TLS: class, ssl-redirect and the current allowlist key', () => {
    const ingress = fronted(IngressController.nginx({ allowSourceRanges: ['203.0.113.0/24', '198.51.100.0/24'] }));
    expect(ingress.spec.ingressClassName).toBe('nginx');
    expect(ingress.metadata.annotations).toEqual({ [`${N}allowlist-source-range`]: '203.0.113.0/24,198.51.100.0/24', [`${N}ssl-redirect`]: 'true' });
  });
  test('without TLS: no ssl-redirect (nginx would not redirect); force-ssl-redirect for TLS ended in front', () => {
    expect(fronted(IngressController.nginx(), { tls: IngressTls.disabled() }).metadata.annotations).toBeUndefined();
    expect(fronted(IngressController.nginx({ forceSslRedirect: true }), { tls: IngressTls.disabled() }).metadata.annotations).toEqual({ [`${N}force-ssl-redirect`]: 'true' });
    expect(fronted(IngressController.nginx({ sslRedirect: false })).metadata.annotations).toEqual({ [`${N}ssl-redirect`]: 'false' });
  });
  test('refuses ssl-redirect without TLS, contradictions, fromController, bad ranges', () => {
    expect(() => fronted(IngressController.nginx({ sslRedirect: true }), { tls: IngressTls.disabled() })).toThrow(/controller ingress-nginx: the nginx preset has sslRedirect true but the route has no TLS/);
    expect(() => fronted(IngressController.nginx(), { tls: IngressTls.fromController() })).toThrow(/IngressTls.fromController\(\) does not apply to ingress-nginx/);
    expect(() => IngressController.nginx({ forceSslRedirect: true, sslRedirect: false })).toThrow(/forceSslRedirect true contradicts sslRedirect false/);
    expect(() => IngressController.nginx({ allowSourceRanges: [] })).toThrow(/allowSourceRanges is empty/);
    expect(() => IngressController.nginx({ allowSourceRanges: ['10.0.0.1/8'] })).toThrow(/allowSourceRanges\[0\] "10.0.0.1\/8" has host bits set/);
    expect(() => fronted(IngressController.nginx(), { ingressMetadata: { annotations: { [`${N}ssl-redirect`]: 'false' } } })).toThrow(/ingressMetadata.annotations nginx.ingress.kubernetes.io\/ssl-redirect is "false" but the ingress-nginx preset sets "true"/);
  });
});
