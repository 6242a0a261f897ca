import { readFileSync } from 'node:fs';
import { PLANTED_BUGS } from './conform/bugs.ts';
import { conform } from './conform/run.ts';
import { createMockServer } from './mocks/index.ts';
import { findScenarioFiles } from './scenarios/files.ts';
import { loadScenario } from './scenarios/load.ts';
import { HttpTarget } from './targets/http.ts';
const library = findScenarioFiles(['scenarios']).files.map((file) => ({ file, scenario: loadScenario(file, readFileSync(file, 'utf8')).scenario! }));
const only = process.argv[2];
for (const bug of PLANTED_BUGS.filter((b) => !only || b.id === only)) {
  const t = Date.now();
  const { server } = createMockServer({ sabotage: bug.sabotage });
  server.listen({ onUnhandledRequest: 'error' });
  try {
    const { record } = await conform({ target: new HttpTarget(), targetSpec: 'mocks', scenarios: library, seed: 1, runs: 40, batches: 2, batchTimeLimitMs: 4000, shard: { index: 1, count: 1 }, version: 'x' });
    const failed = record.checks.filter((c) => c.verdict !== 'pass');
    const caught = failed.some((c) => c.verdict === 'fail' && c.rules.includes(bug.rule));
    console.log(`${caught ? 'CAUGHT' : 'MISSED'} ${bug.id} [${bug.rule}] ${record.summary.verdict} fail=${record.summary.fail} error=${record.summary.error} ${Date.now() - t}ms heap=${(globalThis as any).gc?.(), Math.round(process.memoryUsage().heapUsed/1e6)}MB`, caught ? '' : failed.slice(0, 3).map((c) => `${c.verdict} ${c.id} ${c.rules.join(',')} ${c.message ?? ''}`.slice(0, 300)));
  } finally { server.close(); }
}
