import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROFILES } from '../model/index.ts';
import { REPO_ROOT } from '../test/paths.ts';
import { JOURNEY, runJourney } from './journey.ts';

const BIN = join(REPO_ROOT, 'cli', 'dapsim.mjs');

describe('the default journey', () => {
  for (const profile of PROFILES) {
    it(`every step decides as the seeds expect under the ${profile} profile`, () => {
      const results = runJourney(profile);
      expect(results).toHaveLength(JOURNEY.length);
      expect(results.filter((r) => r.failure !== undefined).map((r) => `${r.step.title}: ${r.failure}`)).toEqual([]);
    });
  }

  it('reports a step whose outcome, code, rules or result differ from the expectation', () => {
    // A journey that could not fail would prove nothing: break each kind of expectation once.
    const [offer, beforeConsent, , accept, , , , listing] = JOURNEY;
    const broken = runJourney('current', [
      offer!,
      { ...beforeConsent!, expect: { outcome: 'allowed', rules: beforeConsent!.expect.rules } },
      { ...beforeConsent!, expect: { ...beforeConsent!.expect, code: 'MDM_NOT_SUPPORTED' } },
      { ...beforeConsent!, expect: { ...beforeConsent!.expect, rules: ['SCOPE-NO-MDM'] } },
      accept!,
      { ...listing!, expect: { ...listing!.expect, check: () => 'always wrong' } },
    ]);
    expect(broken.map((r) => r.failure)).toEqual([
      undefined,
      'expected allowed, got refused NO_DAP',
      'expected code MDM_NOT_SUPPORTED, got NO_DAP',
      'decision did not name SCOPE-NO-MDM',
      undefined,
      'always wrong',
    ]);
  });
});

describe('dapsim command line', () => {
  it('exits 0 and prints the passed/failed line for the journey', () => {
    const out = execFileSync(process.execPath, [BIN, 'journey'], { encoding: 'utf8' });
    expect(out).toMatch(new RegExp(`^${JOURNEY.length} passed, 0 failed$`, 'm'));
  });

  it('exits 2 on bad usage, with a message and no stack trace', () => {
    const run = spawnSync(process.execPath, [BIN, 'journey', '--profile', 'sometimes'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Allowed choices are current, proposed');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints the 43 rules', () => {
    const out = execFileSync(process.execPath, [BIN, 'rules', '--json'], { encoding: 'utf8' });
    expect(JSON.parse(out)).toHaveLength(43);
  });
});
