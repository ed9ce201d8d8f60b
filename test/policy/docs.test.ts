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

/** docs/rules.md describes every rule from the rules' own data, and its parity table names only real rules. */
describe('docs/rules.md', () => {
  const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'rules.md'), 'utf-8');
  const stages = [undefined, Stage.DEVELOPMENT, Stage.STAGING, Stage.PRODUCTION];

  test.each(RULES.map(r => [r.id, r] as const))('%s has a section with its summary, why and severities', (_id, rule) => {
    const s = stages.map(stage => rule.severity(stage, { origin: { requireIsolation: true }, annotations: {} } as any) ?? '—');
    expect(doc).toContain(`### \`${rule.id}\`\n\n${rule.summary}\n\nWhy: ${rule.why}\n\nSeverity: no stage ${s[0]}, development ${s[1]}, staging ${s[2]}, production ${s[3]}.\n`);
  });

  test('the table of rule × (Ingress, Gateway API, Istio) lists every rule once, with yes or a reason in each cell', () => {
    const section = doc.split('## Ingress, Gateway API and Istio')[1].split('\n## ')[0];
    const rows = section.split('\n').filter(l => /^\| `[a-z0-9-]+` \|/.test(l)).map(l => l.split('|').slice(1, -1).map(c => c.trim()));
    expect(rows.map(r => r[0].replace(/`/g, ''))).toEqual(RULES.map(r => r.id));
    for (const [id, ...cells] of rows) {
      expect({ id, cells: cells.length }).toEqual({ id, cells: 3 });
      // `yes`, or a reason of a few words.
      for (const cell of cells) expect({ id, cell }).toEqual({ id, cell: expect.stringMatching(/^yes\b|^[a-zA-Z`].{11,}/) });
    }
  });

  test('the parity table: every rule named exists, every peer check is listed once, and the counts are the table\'s', () => {
    const section = doc.split('## Parity with other tools')[1].split('\n## ')[0];
    const rows = section.split('\n').filter(l => /^\| [A-Za-z-]+ \| `[^`]+` \|/.test(l)).map(l => l.split('|').map(c => c.trim()));
    expect(rows.length).toBeGreaterThan(50);
    const ids = new Set(RULES.map(r => r.id));
    for (const [, peer, check, here, note] of rows) {
      const named = [...here.matchAll(/`([a-z0-9-]+)`/g)].map(m => m[1]);
      expect({ peer, check, unknown: named.filter(id => !ids.has(id)) }).toEqual({ peer, check, unknown: [] });
      // A check with no rule here says why; a partial one says how it differs.
      if (named.length === 0 || here.includes('(partly)')) expect({ peer, check, note }).toEqual({ peer, check, note: expect.stringMatching(/\w{3}/) });
    }
    const keys = rows.map(r => `${r[1]} ${r[2]}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    expect(new Set(rows.map(r => r[1]))).toEqual(new Set(['kube-linter', 'kube-score', 'Polaris', 'Checkov', 'Kyverno']));
    const none = rows.filter(r => r[3] === '—').length;
    const partly = rows.filter(r => r[3].includes('(partly)')).length;
    expect(section).toContain(`Counts: ${rows.length} checks; ${rows.length - none} covered by a rule here (${rows.length - none - partly} fully, ${partly} partly),\n${none} not covered`);
  });
});
