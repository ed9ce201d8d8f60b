import { externalNameTarget } from '../../../src/policy/rules/external-name-target';
import { Stage } from '../../../src/policy/stages';
import { check, service } from '../helpers';

describe('external-name-target', () => {
  test('compliant: a DNS name outside the cluster', () => {
    expect(check(externalNameTarget, [service('db', { type: 'ExternalName', externalName: 'db.example.com' })], Stage.PRODUCTION)).toEqual([]);
  });

  test('non-compliant: an IP address, localhost; a warning without a stage, an error with one', () => {
    const manifests = [
      service('ip', { type: 'ExternalName', externalName: '10.0.0.5' }),
      service('local', { type: 'ExternalName', externalName: 'localhost.' }),
    ];
    expect(check(externalNameTarget, manifests).map(f => f.severity)).toEqual(['warning', 'warning']);
    const findings = check(externalNameTarget, manifests, Stage.DEVELOPMENT);
    expect(findings.map(f => `${f.object.name} ${f.severity}`)).toEqual(['ip error', 'local error']);
    expect(findings[1].message).toContain('points at "localhost."');
  });
});
