import * as kplus from 'cdk8s-plus-28';
import { DevService, ExposureScope, TrafficPolicy } from '../src';
import { newChart, synth, theService } from './util';

describe('DevService', () => {
  test('renders a NodePort Service with the given node port', () => {
    // GIVEN
    const chart = newChart();
    const web = kplus.Pods.select(chart, 'WebPods', { labels: { app: 'webapp' } });
    // WHEN
    const svc = new DevService(chart, 'Test', { selector: web, ports: [{ port: 8080, targetPort: 3000, nodePort: 30080 }], metadata: { name: 'test-service' } });
    // THEN
    const manifests = synth(chart);
    expect(manifests).toMatchSnapshot();
    expect(theService(manifests).spec).toEqual({
      externalIPs: [],
      type: 'NodePort',
      selector: { app: 'webapp' },
      ports: [{ port: 8080, targetPort: 3000, nodePort: 30080, protocol: 'TCP' }],
    });
    expect(svc.exposure).toBe(ExposureScope.NODE);
  });

  test('leaves nodePort to Kubernetes when omitted', () => {
    const chart = newChart();
    new DevService(chart, 'Test', { selector: kplus.Pods.select(chart, 'P', { labels: { app: 'a' } }), ports: [{ port: 80 }] });
    expect(theService(synth(chart)).spec.ports[0].nodePort).toBeUndefined();
  });

  test('externalTrafficPolicy', () => {
    const chart = newChart();
    new DevService(chart, 'Test', { selector: kplus.Pods.select(chart, 'P', { labels: { app: 'a' } }), ports: [{ port: 80 }], externalTrafficPolicy: TrafficPolicy.LOCAL });
    expect(theService(synth(chart)).spec.externalTrafficPolicy).toBe('Local');
  });

  describe('refuses', () => {
    const make = (ports: any[]) => {
      const chart = newChart();
      return () => new DevService(chart, 'web', { selector: kplus.Pods.select(chart, 'P', { labels: { app: 'a' } }), ports });
    };
    test('a node port outside 30000-32767, with the fix', () => {
      expect(make([{ port: 80, nodePort: 80 }])).toThrow("DevService 'test/web': ports[0].nodePort 80 is outside 30000-32767; omit it to let Kubernetes choose one");
      expect(make([{ port: 80, nodePort: 29999 }])).toThrow(/nodePort 29999 is outside/);
      expect(make([{ port: 80, nodePort: 32768 }])).toThrow(/nodePort 32768 is outside/);
    });
    test('the same node port twice in one Service', () => {
      expect(make([{ port: 80, name: 'a', nodePort: 30080 }, { port: 81, name: 'b', nodePort: 30080 }])).toThrow(/ports\[1\]\.nodePort 30080 is already used by ports\[0\]/);
    });
    test('the boundaries are accepted', () => {
      expect(make([{ port: 80, name: 'a', nodePort: 30000 }, { port: 81, name: 'b', nodePort: 32767 }])).not.toThrow();
    });
  });
});
