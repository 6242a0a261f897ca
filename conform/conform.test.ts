import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROLE_TEMPLATE, type Decision } from '../model/index.ts';
import { findScenarioFiles } from '../scenarios/files.ts';
import { loadScenario } from '../scenarios/load.ts';
import { ModelTarget } from '../targets/model.ts';
import { mergeRecords, recordProblems, type RunRecord } from '../reports/index.ts';
import { conform, type ConformOptions } from './run.ts';

const library = findScenarioFiles(['scenarios']).files.map((file) => ({ file, scenario: loadScenario(file, readFileSync(file, 'utf8')).scenario! }));

/** The reference with LIST-IMPLICIT-HIDDEN broken: Global Administrator lists the member's own partner group too. */
class ListsAGroupTooMany extends ModelTarget {
  override readonly name = 'broken';
  override async query(actor: string, q: { readonly type: string } & Record<string, unknown>): Promise<Decision<unknown>> {
    const d = await super.query(actor, q);
    if (d.outcome !== 'allowed' || q.type !== 'directoryRoleMembers' || q['roleId'] !== ROLE_TEMPLATE.GlobalAdministrator) return d;
    return { ...d, result: [...(d.result as unknown[]), { id: 'partner-admin-agents', type: 'group', displayName: 'AdminAgents' }] };
  }
}

/** The reference answering as the Microsoft APIs do: outcomes, but no refusal codes or rule IDs. */
class SaysNotWhy extends ModelTarget {
  override readonly name = 'says-not-why';
  override async perform(...args: Parameters<ModelTarget['perform']>): Promise<Decision> {
    return withoutReasons(await super.perform(...args));
  }
  override async query(...args: Parameters<ModelTarget['query']>): Promise<Decision<unknown>> {
    return withoutReasons(await super.query(...args));
  }
}
function withoutReasons<T>(d: Decision<T>): Decision<T> {
  return d.outcome === 'allowed' ? { ...d, rules: [] } : { ...d, message: d.message, rules: [], code: (d.outcome === 'refused' ? 'NO_DAP' : 'MALFORMED') as never };
}

const base = (over: Partial<ConformOptions> = {}): ConformOptions => ({
  target: new ModelTarget(), targetSpec: 'model', scenarios: library, seed: 1, runs: 40, batches: 4, shard: { index: 1, count: 1 }, version: 'test', ...over,
});

/** The verdicts of a record by check id: what must agree between a run and its merged shards. */
const verdicts = (r: RunRecord) => r.checks.map((c) => `${c.id} ${c.verdict} ${JSON.stringify(c.ruleSteps)}`);

describe('dapsim conform: the library and the property runs against a target, as one run record', () => {
  it('the reference conforms: every check passes, every rule is exercised, and the record matches its schema', async () => {
    const { record } = await conform(base());
    expect(recordProblems(record)).toBeUndefined();
    expect(record.summary).toMatchObject({ verdict: 'pass', fail: 0, error: 0, uncovered: [] });
    expect(record.summary.checks).toBe(library.length + 4);
    for (const c of record.coverage) expect(c.scenarioSteps + c.propertySteps, c.rule).toBeGreaterThan(0);
    expect(record.checks.every((c) => c.reproduce.startsWith('npx dapsim '))).toBe(true);
  });

  it('--shard 1/2 and 2/2 hold exactly the checks of one run, and merge to the same verdicts and coverage', async () => {
    const [whole, one, two] = await Promise.all([conform(base()), conform(base({ shard: { index: 1, count: 2 } })), conform(base({ shard: { index: 2, count: 2 } }))]);
    const ids = (r: RunRecord) => r.checks.map((c) => c.id);
    expect(ids(one.record).filter((id) => ids(two.record).includes(id))).toEqual([]);
    expect([...ids(one.record), ...ids(two.record)].sort()).toEqual([...ids(whole.record)].sort());
    const merged = mergeRecords([two.record, one.record]);
    if (typeof merged === 'string') throw new Error(merged);
    expect(verdicts(merged)).toEqual(verdicts(whole.record));
    expect(merged.coverage).toEqual(whole.record.coverage);
    expect(merged.summary).toEqual(whole.record.summary);
    expect(recordProblems(merged)).toBeUndefined();
    expect(mergeRecords([one.record])).toMatch(/each shard exactly once/);
    expect(mergeRecords([one.record, { ...two.record, seed: 2 }])).toMatch(/different runs: seed/);
    expect(mergeRecords([one.record, { ...two.record, compare: 'outcomes' }])).toMatch(/different runs: compare/);
  });

  it('LIST-IMPLICIT-HIDDEN broken: scenario and property checks fail naming the rule, with expected vs received and a reproduce command', async () => {
    const { record, regressions } = await conform(base({ target: new ListsAGroupTooMany(), targetSpec: 'http://broken.example' }));
    expect(record.summary.verdict).toBe('fail');
    const failed = record.checks.filter((c) => c.verdict === 'fail');
    expect(failed.some((c) => c.kind === 'scenario' && c.rules.includes('LIST-IMPLICIT-HIDDEN'))).toBe(true);
    const property = failed.find((c) => c.kind === 'property')!;
    expect(property.rules).toContain('LIST-IMPLICIT-HIDDEN');
    expect(property.received).toContain('partner-admin-agents');
    expect(property.reproduce).toMatch(/^npx dapsim check --target http:\/\/broken\.example --seed \d+ --runs \d+ --path '/);
    expect(regressions.length).toBeGreaterThan(0);
    expect(recordProblems(record)).toBeUndefined();
  });

  it('--compare outcomes holds a target that cannot say why to its outcomes only, and says so in the record and its reproduce commands', async () => {
    const strict = await conform(base({ target: new SaysNotWhy(), runs: 8, scenarios: library.slice(0, 6) }));
    expect(strict.record.compare).toBe('decisions');
    expect(strict.record.summary.fail).toBeGreaterThan(0);
    const lenient = await conform(base({ target: new SaysNotWhy(), runs: 8, scenarios: library.slice(0, 6), compare: 'outcomes', targetSpec: 'http://emulator.example' }));
    expect(lenient.record.compare).toBe('outcomes');
    expect(lenient.record.checks.filter((c) => c.verdict !== 'pass').map((c) => `${c.id}: ${c.expected} / ${c.received}`)).toEqual([]);
    expect(lenient.record.checks.every((c) => c.reproduce.endsWith('--compare outcomes'))).toBe(true);
    expect(recordProblems(lenient.record)).toBeUndefined();
    // Listings are compared as always: the partner's group listed among Global Administrators fails the lenient run too.
    const wrong = await conform(base({ target: new ListsAGroupTooMany(), runs: 8, scenarios: library, compare: 'outcomes' }));
    expect(wrong.record.summary.fail).toBeGreaterThan(0);
  });
});
