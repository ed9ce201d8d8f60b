import { internalServiceIsolation } from '../../../src/policy/rules/internal-service-isolation';
import { Stage } from '../../../src/policy/stages';
import { check, service } from '../helpers';

describe('internal-service-isolation', () => {
  const db = service('db', { selector: { app: 'db', tier: 'data' }, ports: [{ port: 5432 }] });
  const policy = (matchLabels: Record<string, string>) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'p' },
    spec: { podSelector: { matchLabels }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }] }] },
  });
  test('compliant: a NetworkPolicy selects the pods', () => {
    expect(check(internalServiceIsolation, [db, policy({ app: 'db' })], Stage.PRODUCTION, { requireIsolation: true })).toEqual([]);
  });
  test('compliant: not required unless the policy option is on', () => {
    expect(check(internalServiceIsolation, [db], Stage.PRODUCTION)).toEqual([]);
  });
  test('non-compliant: no policy, or one for other pods', () => {
    const findings = check(internalServiceIsolation, [db, policy({ app: 'other' })], Stage.PRODUCTION, { requireIsolation: true });
    expect(findings.map(f => f.severity)).toEqual(['error']);
    expect(check(internalServiceIsolation, [db], Stage.STAGING, { requireIsolation: true }).map(f => f.severity)).toEqual(['warning']);
  });
});
