import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { RULE_IDS } from '../model/index.ts';
import { runInvariants, type InvariantRunResult } from './check.ts';
import { INVARIANTS, rulesCheckedByInvariants, type Invariant } from './invariants.ts';

/** CI-sized: a fixed seed, enough sequences to reach every rule (see the coverage test in check.test.ts). */
const SEED = 20261121;
const RUNS = 150;

describe('invariants of the rules, after every step of generated sequences', () => {
  // One run checks them all after every step; each test below reads its own invariant's part.
  let r: InvariantRunResult;
  beforeAll(async () => {
    r = await runInvariants({ seed: SEED, runs: RUNS });
  }, 60_000);

  for (const inv of INVARIANTS) {
    const tag = inv.rules === 'every' ? 'every rule' : inv.rules.join(', ');
    it(`${tag}: ${inv.name}`, () => {
      expect(r.broken?.message ?? '').not.toContain(`"${inv.name}"`);
      expect(r.broken).toBeUndefined();
      // It was checked after real steps, most of them meaningful.
      expect(r.checked.get(inv.name)).toBe(r.tally.steps);
      expect(r.tally.steps).toBeGreaterThan(RUNS * 10);
      expect(r.tally.allowed).toBeGreaterThan(r.tally.steps / 5);
    });
  }

  it('between them the invariants name every rule ID', () => {
    expect(RULE_IDS.filter((id) => !rulesCheckedByInvariants().has(id))).toEqual([]);
  });

  it('properties/README.md lists every invariant with its rule IDs', () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    for (const inv of INVARIANTS) {
      expect(readme).toContain(inv.name);
      for (const r of inv.rules === 'every' ? [] : inv.rules) expect(readme).toContain(r);
    }
  });

  it('a false invariant is caught and shrunk to a short sequence (the runs can fail)', async () => {
    // False on purpose: the customer's own Global admin may perform MDM (SCOPE-NO-MDM limits partners only).
    const wrong: Invariant = {
      name: 'nobody ever performs MDM',
      rules: ['SCOPE-NO-MDM'],
      statement: 'wrong on purpose',
      check: (c) => (c.step.do === 'mdmOperation' && c.decision.outcome === 'allowed' ? `${c.step.as} performed MDM` : undefined),
    };
    const r = await runInvariants({ seed: SEED, runs: RUNS, invariants: [wrong] });
    expect(r.broken?.message).toContain('nobody ever performs MDM');
    expect(r.broken?.message).toMatch(/broke at step 1:/);
    expect(r.broken?.report).toContain('mdmOperation');
  });
});
