import * as kplus from 'cdk8s-plus-28';
import { IngressFronted, IngressTls } from '../../src';
import { newChart, ofKind, synth } from '../util';

function annotationsFor(tls: IngressTls) {
  const chart = newChart();
  new IngressFronted(chart, 'Api', { selector: kplus.Pods.select(chart, 'P', { labels: { app: 'api' } }), ports: [{ port: 80 }], host: 'api.example.com', tls });
  return ofKind(synth(chart), 'Ingress')[0].metadata.annotations;
}

describe('cert-manager', () => {
  test('an external issuer: issuer, kind and group; HTTP-01 in place on request', () => {
    expect(annotationsFor(IngressTls.certManager({ issuer: 'pca', issuerKind: 'AWSPCAClusterIssuer', issuerGroup: 'awspca.cert-manager.io', http01EditInPlace: true }))).toEqual({
      'cert-manager.io/issuer': 'pca',
      'cert-manager.io/issuer-kind': 'AWSPCAClusterIssuer',
      'cert-manager.io/issuer-group': 'awspca.cert-manager.io',
      'acme.cert-manager.io/http01-edit-in-place': 'true',
    });
  });
  test('a ClusterIssuer alone', () => {
    expect(annotationsFor(IngressTls.certManager({ clusterIssuer: 'letsencrypt' }))).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt' });
  });
  test('refuses kind or group with a ClusterIssuer (cert-manager does), bad kinds and groups', () => {
    expect(() => IngressTls.certManager({ clusterIssuer: 'le', issuerKind: 'ClusterIssuer' })).toThrow(/IngressTls.certManager: issuerKind and issuerGroup go with issuer, not clusterIssuer/);
    expect(() => IngressTls.certManager({ issuer: 'x', issuerKind: 'bad kind' })).toThrow(/issuerKind "bad kind" must be a kind/);
    expect(() => IngressTls.certManager({ issuer: 'x', issuerGroup: 'Bad_Group' })).toThrow(/issuerGroup "Bad_Group" must be a DNS-1123 subdomain/);
    expect(() => IngressTls.certManager({} as any)).toThrow(/give exactly one of clusterIssuer .* and issuer/);
  });
});
