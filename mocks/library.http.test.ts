import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findScenarioFiles } from '../scenarios/files.ts';
import { loadScenario } from '../scenarios/load.ts';
import { runScenario, type ScenarioResult } from '../scenarios/run.ts';
import { HttpTarget } from '../targets/http.ts';
import { REPO_ROOT } from '../test/paths.ts';
import { createMockServer } from './index.ts';

/** The whole scenario library, over HTTP: the HTTP target against the mocks, in process (msw on the real hosts). */
describe('the scenario library over HTTP, in process', () => {
  const { server } = createMockServer();
  const target = new HttpTarget();
  const results: ScenarioResult[] = [];

  beforeAll(async () => {
    server.listen({ onUnhandledRequest: 'error' });
    for (const file of findScenarioFiles([join(REPO_ROOT, 'scenarios')]).files) {
      const loaded = loadScenario(relative(REPO_ROOT, file), readFileSync(file, 'utf8'));
      if (loaded.scenario) results.push(await runScenario(loaded.file, loaded.scenario, target));
    }
  }, 120_000);
  afterAll(() => server.close());

  it('runs every scenario of the library', () => {
    expect(results.length).toBeGreaterThan(50);
  });

  it('passes every step of every scenario, as against the model', () => {
    const failures = results.filter((r) => r.verdict !== 'pass').map((r) => {
      const s = r.steps.find((x) => x.verdict !== 'pass' && x.verdict !== 'skipped')!;
      return `${r.file} step ${s.index + 1} (${s.title}): ${s.verdict} ${s.message ?? ''} expected ${s.expected} received ${s.received}`;
    });
    expect(failures).toEqual([]);
  });

  it('a reset gives the event loop a turn: Node frees finished fetch bodies from a macrotask, and a long in-process run that never yielded ran out of heap', async () => {
    let turned = false;
    setImmediate(() => (turned = true));
    await target.reset();
    expect(turned).toBe(true);
  });
});
