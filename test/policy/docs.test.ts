import * as fs from 'fs';
import * as path from 'path';
import { RULES } from '../../src/policy/rules';
import { Stage } from '../../src/policy/stages';

/** The README's rule table is the rules' own data: a changed severity or a new rule fails here until documented. */
describe('README rule table', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf-8');
  test.each(RULES.map(r => [r.id, r] as const))('%s is documented with its severities', (_id, rule) => {
    const stages = [undefined, Stage.DEVELOPMENT, Stage.STAGING, Stage.PRODUCTION];
    const severities = stages.map(s => rule.severity(s, { origin: { requireIsolation: true } } as any) ?? '—');
    expect(readme).toContain(`| \`${rule.id}\` | ${rule.summary} | ${severities.join(' | ')} |`);
  });
});
