import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, RULE_IDS, findRule, isRuleId } from '../model/index.ts';
import { REPO_ROOT, requireShared } from './paths.ts';

/** The IDs of ../shared/spec/rules.md, read from the first cell of its table rows. */
function specIds(): string[] {
  const text = readFileSync(requireShared(), 'utf8');
  return [...text.matchAll(/^\| ([A-Z0-9]+(?:-[A-Z0-9]+)+) \|/gm)].map((m) => m[1]!);
}

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === 'node_modules' || e.name.startsWith('.')) return [];
    const path = join(dir, e.name);
    return e.isDirectory() ? testFiles(path) : e.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('rule catalogue', () => {
  it('has exactly the IDs of ../shared/spec/rules.md, in the same order', () => {
    const ids = specIds();
    expect(ids).toHaveLength(43);
    expect(RULE_IDS).toEqual(ids);
  });

  it('has no duplicate IDs and a statement, area and profile for each', () => {
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length);
    for (const rule of CATALOGUE) {
      expect(rule.statement.length, rule.id).toBeGreaterThan(20);
      expect(rule.profiles.length, rule.id).toBeGreaterThan(0);
    }
  });

  it('marks the Autopilot profile variants as the spec does', () => {
    const text = readFileSync(requireShared(), 'utf8');
    for (const rule of CATALOGUE) {
      const row = text.split('\n').find((l) => l.startsWith(`| ${rule.id} |`))!;
      const cells = row.split('|').map((c) => c.trim());
      const profileCell = cells.find((c) => c === 'current' || c === 'proposed' || c === 'both');
      const expected = profileCell === undefined || profileCell === 'both' ? ['current', 'proposed'] : [profileCell];
      expect([...rule.profiles], rule.id).toEqual(expected);
    }
  });

  it("names, for each rule, seed files that exist, each a seed the spec's source cell cites", () => {
    const text = readFileSync(requireShared(), 'utf8');
    const seedsDir = join(dirname(dirname(requireShared())), 'seeds');
    for (const rule of CATALOGUE) {
      const source = text.split('\n').find((l) => l.startsWith(`| ${rule.id} |`))!.split('|').at(-2)!;
      for (const seed of rule.seeds) {
        expect(seed, rule.id).toMatch(/^\d{3}_[0-9a-f]{16}\.txt$/);
        expect(existsSync(join(seedsDir, seed)), `${rule.id}: ${seed}`).toBe(true);
        expect(source, `${rule.id} cites ${seed}`).toContain(seed.slice(0, 3));
      }
      if (rule.source === 'seed') expect(rule.seeds.length, rule.id).toBeGreaterThan(0);
    }
  });

  it('finds a rule by its ID, and only by a real ID', () => {
    for (const rule of CATALOGUE) {
      expect(findRule(rule.id)).toBe(rule);
      expect(isRuleId(rule.id)).toBe(true);
    }
    for (const id of ['OFFER', 'offer-certified', 'OFFER-CERTIFIED ', '']) {
      expect(findRule(id), id).toBeUndefined();
      expect(isRuleId(id), id).toBe(false);
    }
  });

  it('every rule ID starts the title of at least one test', () => {
    const titles = testFiles(REPO_ROOT).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\bit\(\s*['"`]([A-Z0-9]+(?:-[A-Z0-9]+)+):/g)].map((m) => m[1]!));
    const missing = RULE_IDS.filter((id) => !titles.includes(id));
    expect(missing, `rules without a test titled with their ID (files: ${testFiles(REPO_ROOT).map((f) => relative(REPO_ROOT, f)).join(', ')})`).toEqual([]);
  });
});
