/**
 * Each scenario of the library, as a test of its own, against the reference model in process.
 *
 * library.test.ts runs the whole library in one go; this runs one scenario per test, so a failing
 * scenario is named by its test, and so the mutation run (vitest.mutation.config.ts) can tell which
 * scenarios reach which lines of model/ and run only those against each mutant.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelTarget } from '../targets/model.ts';
import { REPO_ROOT } from '../test/paths.ts';
import { findScenarioFiles } from './files.ts';
import { loadScenario } from './load.ts';
import { runScenario } from './run.ts';

const files = findScenarioFiles([join(REPO_ROOT, 'scenarios')]).files.map((f) => relative(REPO_ROOT, f));

describe('each library scenario against the reference model', () => {
  it('finds the library', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  for (const file of files) {
    it(file, async () => {
      const { scenario, problems } = loadScenario(file, readFileSync(join(REPO_ROOT, file), 'utf8'));
      expect(problems).toEqual([]);
      const result = await runScenario(file, scenario!, new ModelTarget());
      const failed = result.steps.filter((s) => s.verdict !== 'pass').map((s) => `step ${s.index + 1} ${s.title}: ${s.verdict} ${s.message ?? ''} expected ${s.expected} received ${s.received}`);
      expect(failed).toEqual([]);
      expect(result.verdict).toBe('pass');
    });
  }
});
