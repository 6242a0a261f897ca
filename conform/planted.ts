/** The shared body of the planted-bug tests: conform against each bug of some areas, served in process. */
import { expect, it } from 'vitest';
import { PLANTED_BUGS, type PlantedBug } from './bugs.ts';
import { checkPlantedBug, loadLibrary } from './selfcheck.ts';

export function plantedBugTests(areas: readonly PlantedBug['area'][]): void {
  const library = loadLibrary();
  for (const bug of PLANTED_BUGS.filter((b) => areas.includes(b.area))) {
    it(`${bug.rule}: ${bug.description} (${bug.id}) is caught`, async () => {
      const { verdict, record } = await checkPlantedBug(bug, library);
      expect(record.summary.verdict).toBe('fail');
      expect(verdict.namedBy, `no failing check named ${bug.rule}; failing: ${record.checks.filter((c) => c.verdict !== 'pass').map((c) => `${c.id} [${c.rules.join(', ')}]`).join('; ')}`).not.toEqual([]);
    }, 120_000);
  }
}
