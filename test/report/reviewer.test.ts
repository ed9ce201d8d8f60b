import { buildModel } from '../../src/model/model';
import { describeCertificate, describePeer, describePolicy } from '../../src/report/reviewer';
import { validateManifest } from '../util';

const policy = (spec: any) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'shop' }, spec });

describe('describePeer', () => {
  test('pods, namespaces and IP blocks in words', () => {
    expect(describePeer({ pods: ['app=web'] }, 'shop')).toBe('pods app=web in namespace shop');
    expect(describePeer({ pods: [] }, 'shop')).toBe('every pod in namespace shop');
    expect(describePeer({ pods: [] }, '')).toBe('every pod in its namespace');
    expect(describePeer({ namespaces: ['kubernetes.io/metadata.name=ingress-nginx'] }, 'shop')).toBe('every pod in namespace ingress-nginx');
    expect(describePeer({ pods: ['app=prom'], namespaces: ['kubernetes.io/metadata.name In (monitoring, ops)'] }, 'shop')).toBe('pods app=prom in namespaces monitoring, ops');
    expect(describePeer({ namespaces: [] }, 'shop')).toBe('every pod in every namespace');
    expect(describePeer({ pods: ['tier Exists'], namespaces: ['team=a'] }, 'shop')).toBe('pods tier Exists in namespaces team=a');
    expect(describePeer({ cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] }, 'shop')).toBe('IPs 10.0.0.0/8 except 10.1.0.0/16');
  });
});

describe('describePolicy', () => {
  test('a rule without peers admits anyone; no rules admit nobody; an unrestricted direction is undefined', () => {
    const manifests = [
      policy({ podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 80, protocol: 'TCP' }] }] }),
      policy({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
      policy({ podSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 8000, endPort: 8080, protocol: 'TCP' }] }] }),
    ];
    manifests.forEach(validateManifest);
    const model = buildModel(manifests.map(manifest => ({ manifest, origin: {} })));
    const [open, deny, expressions] = model.networkPolicies.map(p => describePolicy(model, p));
    expect(open).toMatchObject({ policyTypes: ['Ingress'], admits: ['anyone (80/TCP)'], allowsTo: undefined, pods: 'pods app=api', admittedOthers: ['anyone'] });
    expect(deny).toMatchObject({ admits: ['nobody'], allowsTo: ['nobody'], pods: 'every pod in the namespace' });
    expect(expressions).toMatchObject({ admits: undefined, allowsTo: ['IPs 0.0.0.0/0 (8000-8080/TCP)'], pods: 'pods (by expressions)', workloads: [] });
  });
});

describe('describeCertificate', () => {
  test('tls-acme counts as a source; an Issuer is named', () => {
    const ingress = (annotations: Record<string, string>) => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'i', namespace: 'shop', annotations },
      spec: { rules: [{ host: 'a.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 's', port: { number: 80 } } } }] } }], tls: [{ hosts: ['a.example.com'], secretName: 'a-tls' }] },
    });
    const manifests = [ingress({ 'kubernetes.io/tls-acme': 'true' }), ingress({ 'cert-manager.io/issuer': 'local-ca' })];
    manifests.forEach(validateManifest);
    const model = buildModel(manifests.map(manifest => ({ manifest, origin: {} })));
    expect(model.entries.map(e => describeCertificate(model, e))).toEqual([{ source: 'ACME (kubernetes.io/tls-acme)' }, { source: 'cert-manager Issuer local-ca' }]);
  });
});
