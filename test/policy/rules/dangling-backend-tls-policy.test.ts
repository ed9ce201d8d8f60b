import { danglingBackendTlsPolicy } from '../../../src/policy/rules/dangling-backend-tls-policy';
import { Stage } from '../../../src/policy/stages';
import { ExposureReport } from '../../../src/report/report';
import { svc } from '../../gateway/manifests';
import { check } from '../helpers';

const policy = (target: any, validation: any = { hostname: 'api.shop.svc.cluster.local', wellKnownCACertificates: 'System' }) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'BackendTLSPolicy',
  metadata: { name: 'api-tls', namespace: 'shop' },
  spec: { targetRefs: [{ group: '', kind: 'Service', ...target }], validation },
});
const api = { ...svc('api', 'shop'), spec: { selector: { app: 'api' }, ports: [{ name: 'https', port: 443, targetPort: 8443 }] } };

describe('dangling-backend-tls-policy', () => {
  test('compliant: the Service is defined, with the port the policy names', () => {
    expect(check(danglingBackendTlsPolicy, [api, policy({ name: 'api' })], Stage.PRODUCTION)).toEqual([]);
    expect(check(danglingBackendTlsPolicy, [api, policy({ name: 'api', sectionName: 'https' })], Stage.PRODUCTION)).toEqual([]);
  });
  test('non-compliant: a Service that is not defined in the namespace; a warning without a stage', () => {
    const [f, ...rest] = check(danglingBackendTlsPolicy, [svc('api', 'other'), svc('web', 'shop'), policy({ name: 'api' })], Stage.PRODUCTION);
    expect(rest).toEqual([]);
    expect(f.severity).toBe('error');
    expect(f.object).toMatchObject({ kind: 'BackendTLSPolicy', name: 'api-tls' });
    expect(f.message).toBe('targets Service "api", which is not defined in namespace "shop"');
    expect(check(danglingBackendTlsPolicy, [svc('web', 'shop'), policy({ name: 'api' })])[0].severity).toBe('warning');
    // No Service of the namespace in the input (a file of policies alone): the target is not known to be missing.
    expect(check(danglingBackendTlsPolicy, [svc('api', 'other'), policy({ name: 'api' })], Stage.PRODUCTION)).toEqual([]);
  });
  test('non-compliant: a port name the Service does not have', () => {
    const [f] = check(danglingBackendTlsPolicy, [api, policy({ name: 'api', sectionName: 'grpc' })], Stage.PRODUCTION);
    expect(f.message).toBe('targets port "grpc" of Service "api", which has ports named https');
  });
  test('the report shows the policy on the Service\'s row, in every format', () => {
    const report = ExposureReport.fromManifests([api, policy({ name: 'api' })]);
    const row = JSON.parse(report.toJson()).objects.find((o: any) => o.kind === 'Service');
    expect(row.backendTls).toBe('TLS from the Gateway (BackendTLSPolicy api-tls: host api.shop.svc.cluster.local, CA the System trust store)');
    expect(report.toMarkdown()).toContain('| TLS from the Gateway (BackendTLSPolicy api-tls: host api.shop.svc.cluster.local, CA the System trust store) |');
  });
});
