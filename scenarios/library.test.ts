import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RULE_IDS, type Decision } from '../model/index.ts';
import { ModelTarget } from '../targets/model.ts';
import { REPO_ROOT } from '../test/paths.ts';
import { findScenarioFiles } from './files.ts';
import { loadScenario, type Loaded } from './load.ts';
import { formatProblem } from './problems.ts';
import { runScenario, type ScenarioResult } from './run.ts';

/** The reference model, recording every decision it makes during the library's run. */
class RecordingTarget extends ModelTarget {
  readonly decisions: Decision<unknown>[] = [];
  override async perform(...args: Parameters<ModelTarget['perform']>) {
    const d = await super.perform(...args);
    this.decisions.push(d);
    return d;
  }
  override async query(...args: Parameters<ModelTarget['query']>) {
    const d = await super.query(...args);
    this.decisions.push(d);
    return d;
  }
}

/** The sides (allowed, refused) the model's own unit tests show for each rule. */
function sidesInModelTests(): Map<string, Set<string>> {
  const sides = new Map<string, Set<string>>();
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.test.ts') ? [join(dir, e.name)] : []));
  for (const file of walk(join(REPO_ROOT, 'model'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/expect(Allowed|Refused)\(([^;]*?)\);/gs)) {
      const side = m[1] === 'Allowed' ? 'allowed' : 'refused';
      for (const id of m[2]!.matchAll(/'([A-Z0-9]+(?:-[A-Z0-9]+)+)'/g)) {
        if (!RULE_IDS.includes(id[1] as never)) continue;
        (sides.get(id[1]!) ?? sides.set(id[1]!, new Set()).get(id[1]!)!).add(side);
      }
    }
  }
  return sides;
}

describe('the scenario library', () => {
  const files = findScenarioFiles([join(REPO_ROOT, 'scenarios')]).files;
  let loaded: Loaded[] = [];
  let results: ScenarioResult[] = [];
  const target = new RecordingTarget();

  beforeAll(async () => {
    loaded = files.map((f) => loadScenario(relative(REPO_ROOT, f), readFileSync(f, 'utf8')));
    for (const l of loaded) if (l.scenario) results.push(await runScenario(l.file, l.scenario, target));
  });

  it('has scenario files, each valid', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(loaded.flatMap((l) => l.problems).map(formatProblem)).toEqual([]);
  });

  it('has unique scenario names', () => {
    const names = loaded.map((l) => l.scenario?.name);
    expect(names.length).toBe(new Set(names).size);
  });

  it('passes against the reference model, every step', () => {
    const failures = results.filter((r) => r.verdict !== 'pass').map((r) => `${r.file}: ${r.steps.filter((s) => s.verdict !== 'pass').map((s) => `step ${s.index + 1} ${s.title}: ${s.verdict} ${s.message ?? ''} expected ${s.expected} received ${s.received}`).join('; ')}`);
    expect(failures).toEqual([]);
  });

  it('covers every rule ID of the catalogue', () => {
    const covered = new Set(loaded.flatMap((l) => l.scenario?.rules ?? []));
    expect(RULE_IDS.filter((id) => !covered.has(id))).toEqual([]);
  });

  it("shows every rule on each side the model's own tests show it (allowed and refused)", () => {
    const seen = new Map<string, Set<string>>();
    for (const d of target.decisions) for (const r of d.rules) (seen.get(r) ?? seen.set(r, new Set()).get(r)!).add(d.outcome);
    const missing: string[] = [];
    for (const [rule, sides] of sidesInModelTests()) for (const side of sides) if (!seen.get(rule)?.has(side)) missing.push(`${rule} ${side}`);
    expect(missing).toEqual([]);
  });
});
