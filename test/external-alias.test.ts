import * as kplus from 'cdk8s-plus-28';
import { ExposureScope, ExternalAlias, IpFamily } from '../src';
import { newChart, synth, theService } from './util';

describe('ExternalAlias', () => {
  test('renders an ExternalName Service without selector or proxying', () => {
    // GIVEN
    const chart = newChart();
    // WHEN
    const alias = new ExternalAlias(chart, 'Db', { externalName: 'db.example.com', metadata: { name: 'external-db' } });
    // THEN
    const manifests = synth(chart);
    expect(manifests).toMatchSnapshot();
    expect(theService(manifests).spec).toEqual({ type: 'ExternalName', externalName: 'db.example.com' });
    expect(alias.exposure).toBe(ExposureScope.EXTERNAL_DNS);
  });

  test('accepts a trailing dot and informative ports', () => {
    const chart = newChart();
    new ExternalAlias(chart, 'Db', { externalName: 'db.example.com.', ports: [{ port: 5432, name: 'postgres' }] });
    const spec = theService(synth(chart)).spec;
    expect(spec.externalName).toBe('db.example.com.');
    expect(spec.ports).toEqual([{ name: 'postgres', port: 5432, protocol: 'TCP' }]);
    expect(spec.selector).toBeUndefined();
  });

  describe('refuses', () => {
    const make = (externalName: any, extra: any = {}) => () => new ExternalAlias(newChart(), 'Db', { externalName, ...extra });
    test('an IP address, saying why and what to use instead', () => {
      expect(make('10.0.0.5')).toThrow(/ExternalAlias 'test\/Db': externalName "10.0.0.5" is an IP address\. Cluster DNS would return it as a CNAME target.*EndpointSlice/);
      expect(make('2001:db8::1')).toThrow(/is an IP address/);
    });
    test('a URL, a port, a path', () => {
      expect(make('https://db.example.com')).toThrow(/is a URL; an ExternalName is a bare DNS name/);
      expect(make('db.example.com:5432')).toThrow(/contains a port/);
      expect(make('db.example.com/x')).toThrow(/contains a path/);
    });
    test('upper case, suggesting the lower-case name', () => {
      expect(make('DB.Example.com')).toThrow(/use "db.example.com"/);
    });
    test('an empty or invalid name', () => {
      expect(make('')).toThrow(/externalName "" is required/);
      expect(make('db_1.example.com')).toThrow(/must be a DNS-1123 subdomain/);
    });
    test('a selector, node ports, target ports, ip families', () => {
      const chart = newChart();
      expect(() => new ExternalAlias(chart, 'A', { externalName: 'x.example.com', selector: kplus.Pods.select(chart, 'P', { labels: { a: 'b' } }) } as any)).toThrow(/selector does not apply/);
      expect(make('x.example.com', { ports: [{ port: 5432, nodePort: 30000 }] })).toThrow(/nodePort 30000 does not apply here; an ExternalAlias is a DNS name/);
      expect(make('x.example.com', { ports: [{ port: 5432, targetPort: 5433 }] })).toThrow(/proxies nothing/);
      expect(make('x.example.com', { ipFamilies: [IpFamily.IPV4] })).toThrow(/ipFamilies and ipFamilyPolicy do not apply/);
    });
  });
});
