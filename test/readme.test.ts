import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../model/index.ts';
import { withFreshTable } from '../scripts/rules-table.ts';
import { REPO_ROOT } from './paths.ts';

describe('README', () => {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

  it('starts with the two commands for a fresh machine', () => {
    const head = readme.split('\n').slice(0, 6).join('\n');
    expect(head).toContain('npm install && npm start');
    expect(head).toContain('npm install && npm test');
  });

  it('has the rule table of the code catalogue (run `npm run readme:rules` after changing model/catalogue.ts)', () => {
    expect(withFreshTable(readme)).toBe(readme);
    const rows = [...readme.matchAll(/^\| `([A-Z0-9-]+)` \|/gm)].map((m) => m[1]);
    expect(rows).toEqual([...RULE_IDS]);
  });
});
