import { serviceExposure } from '../../src/model/model';
import { INTERNAL_INGRESS_MARKERS, INTERNAL_SERVICE_MARKERS, PROVIDER_PREFIXES } from '../../src/presets/keys';

describe('key registry', () => {
  test('every provider prefix names a provider', () => {
    expect(PROVIDER_PREFIXES.map(([, provider]) => provider)).toEqual(['aws', 'aws-alb', 'gcp', 'gcp', 'azure', 'digitalocean', 'ingress-nginx', 'traefik']);
  });
  test('the model reads the internal markers from the registry (DigitalOcean INTERNAL included)', () => {
    expect(INTERNAL_SERVICE_MARKERS.map(([key]) => key)).toContain('service.beta.kubernetes.io/do-loadbalancer-network');
    expect(serviceExposure('LoadBalancer', { 'service.beta.kubernetes.io/do-loadbalancer-network': 'INTERNAL' })).toBe('vpc');
    expect(INTERNAL_INGRESS_MARKERS.map(([key]) => key)).toEqual(['alb.ingress.kubernetes.io/scheme', 'kubernetes.io/ingress.class']);
  });
});
