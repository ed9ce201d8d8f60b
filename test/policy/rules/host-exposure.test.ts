import { ExposureReport } from '../../../src';
import { hostExposure } from '../../../src/policy/rules/host-exposure';
import { Stage } from '../../../src/policy/stages';
import { check, deployment } from '../helpers';

describe('host-exposure', () => {
  test('compliant: pods without hostNetwork or hostPort', () => {
    expect(check(hostExposure, [deployment('web', { app: 'web' }, [{ containerPort: 8080 }])], Stage.PRODUCTION)).toEqual([]);
  });

  test('non-compliant: a hostPort, and the host network; errors from staging, and node-level rows in the report', () => {
    const withHostPort = deployment('agent', { app: 'agent' }, [{ containerPort: 9100, hostPort: 9100 }]);
    const onHost = deployment('proxy', { app: 'proxy' });
    onHost.spec.template.spec.hostNetwork = true;
    const findings = check(hostExposure, [withHostPort, onHost], Stage.STAGING);
    expect(findings.map(f => `${f.object.name} ${f.severity}: ${f.message}`)).toEqual([
      'agent error: opens host ports 9100/TCP on the node',
      'proxy error: runs its pods on the host network (hostNetwork: true): every port they open is on the node',
    ]);
    expect(check(hostExposure, [withHostPort], Stage.DEVELOPMENT)[0].severity).toBe('warning');
    const report = ExposureReport.fromManifests([withHostPort, onHost]).toMarkdown();
    expect(report).toContain("## Reachable on every node's IP");
    expect(report).toContain('| Deployment `agent` | — | hostPort | 9100/TCP |');
    expect(report).toContain('| Deployment `proxy` | — | hostNetwork | every port the pods open |');
  });
});
