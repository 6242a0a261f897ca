/**
 * The self-check: `dapsim conform` against every planted bug (bugs.ts), each served over the
 * in-process mocked endpoints, and the share caught with the right rule ID. A bug is caught when
 * some check fails naming the rule the bug breaks.
 */
import { readFileSync } from 'node:fs';
import { createMockServer } from '../mocks/index.ts';
import { findScenarioFiles } from '../scenarios/files.ts';
import { loadScenario } from '../scenarios/load.ts';
import { HttpTarget } from '../targets/http.ts';
import type { RunRecord } from '../reports/record.ts';
import type { PlantedBug } from './bugs.ts';
import { conform } from './run.ts';

export interface BugVerdict {
  readonly bug: string;
  readonly rule: string;
  readonly area: string;
  readonly description: string;
  readonly caught: boolean;
  /** The failing checks that named the rule, and the others that failed. */
  readonly namedBy: readonly string[];
  readonly failedChecks: number;
  readonly durationMs: number;
}

export function loadLibrary(dir = 'scenarios'): { file: string; scenario: NonNullable<ReturnType<typeof loadScenario>['scenario']> }[] {
  return findScenarioFiles([dir]).files.map((file) => {
    const loaded = loadScenario(file, readFileSync(file, 'utf8'));
    if (loaded.scenario === undefined) throw new Error(`${file} is not a valid scenario: run dapsim validate`);
    return { file, scenario: loaded.scenario };
  });
}

/** One planted bug, served in process; the conform run's record and whether it caught the bug. */
export async function checkPlantedBug(bug: PlantedBug, library: ReturnType<typeof loadLibrary>, options: { runs?: number; seed?: number } = {}): Promise<{ verdict: BugVerdict; record: RunRecord }> {
  const started = Date.now();
  const { server } = createMockServer({ sabotage: bug.sabotage });
  server.listen({ onUnhandledRequest: 'error' });
  try {
    const { record } = await conform({
      target: new HttpTarget({ name: `planted bug ${bug.id}` }), targetSpec: 'mocks', scenarios: library, seed: options.seed ?? 1,
      runs: options.runs ?? 40, batches: 2, batchTimeLimitMs: 5_000, shard: { index: 1, count: 1 }, version: 'selfcheck',
    });
    const failed = record.checks.filter((c) => c.verdict === 'fail');
    const namedBy = failed.filter((c) => c.rules.includes(bug.rule)).map((c) => c.id);
    return {
      verdict: { bug: bug.id, rule: bug.rule, area: bug.area, description: bug.description, caught: namedBy.length > 0, namedBy, failedChecks: failed.length, durationMs: Date.now() - started },
      record,
    };
  } finally {
    server.close();
  }
}

/** The self-check's report: each bug, whether it was caught and by what, and the share caught. */
export function selfcheckMarkdown(verdicts: readonly BugVerdict[]): string {
  const caught = verdicts.filter((v) => v.caught).length;
  const lines = [
    `# dapsim self-check: ${caught} of ${verdicts.length} planted bugs caught (${Math.round((100 * caught) / Math.max(1, verdicts.length))}%)`,
    '',
    'Each planted bug is the reference with one rule broken, served over the same endpoints; `dapsim conform` must fail naming that rule.',
    '',
    '| bug | area | rule broken | caught | failing checks naming the rule | failing checks |',
    '| --- | --- | --- | --- | --- | --- |',
    ...verdicts.map((v) => `| ${v.bug}: ${v.description} | ${v.area} | \`${v.rule}\` | ${v.caught ? 'yes' : '**no**'} | ${v.namedBy.length} | ${v.failedChecks} |`),
    '',
  ];
  return lines.join('\n');
}
