/**
 * A conformance run: the scenario library and the property runs against one target, as checks
 * with verdicts, gathered into a run record (reports/record.ts) that every report renders.
 *
 * Sharding is by position: scenarios in file order, then the property batches, each check going
 * to shard (position mod count) + 1. The shards of one run together hold exactly its checks, so
 * their records merge into the single run's record (reports/merge.ts).
 */
import { CATALOGUE, type Profile, type RuleId } from '../model/index.ts';
import { runCheck } from '../properties/check.ts';
import { regressionScenario } from '../properties/regression.ts';
import type { Scenario } from '../scenarios/format.ts';
import { runScenario, type ScenarioResult } from '../scenarios/run.ts';
import { TargetUnreachable } from '../targets/http.ts';
import type { Compare, Target } from '../targets/target.ts';
import { summarise } from '../reports/merge.ts';
import type { Check, RunRecord } from '../reports/record.ts';

export interface ConformOptions {
  readonly target: Target;
  /** How the target was named on the command line (for "reproduce with" commands). */
  readonly targetSpec: string;
  readonly scenarios: readonly { readonly file: string; readonly scenario: Scenario }[];
  readonly seed: number;
  /** Generated sequences in all, split into property batches. */
  readonly runs: number;
  readonly batches: number;
  readonly profile?: Profile | undefined;
  /** What the target's decisions are held to (targets/target.ts); `decisions` by default. */
  readonly compare?: Compare | undefined;
  readonly shard: { readonly index: number; readonly count: number };
  readonly version: string;
  /** Called as each check finishes (progress). */
  readonly onCheck?: ((check: Check, done: number, total: number) => void) | undefined;
  /** Time limit of each property batch, shrinking included (see runCheck). */
  readonly batchTimeLimitMs?: number | undefined;
  /** The clock, at the edge: when the run started and how long things took. */
  readonly now?: () => number;
}

/** A shrunk property difference, written as a scenario next to the reports. */
export interface Regression {
  readonly checkId: string;
  readonly scenario: Scenario;
}

function ruleCounts(steps: readonly { readonly rules: readonly string[]; readonly verdict: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of steps) if (s.verdict !== 'skipped') for (const r of s.rules) out[r] = (out[r] ?? 0) + 1;
  return out;
}

function scenarioCheck(file: string, r: ScenarioResult, targetSpec: string, durationMs: number, compareFlag: string): Check {
  const bad = r.steps.find((s) => s.verdict === 'fail' || s.verdict === 'error');
  return {
    id: `scenario:${file}`,
    kind: 'scenario',
    title: r.name,
    verdict: r.verdict,
    rules: [...r.covers],
    file,
    steps: r.steps.map((s) => ({ index: s.index, title: s.title, verdict: s.verdict, rules: [...s.rules], ...(s.expected === undefined ? {} : { expected: s.expected }), ...(s.received === undefined ? {} : { received: s.received }), ...(s.message === undefined ? {} : { message: s.message }) })),
    ...(bad?.expected === undefined ? {} : { expected: bad.expected }),
    ...(bad?.received === undefined ? {} : { received: bad.received }),
    ...(bad === undefined ? {} : { message: `step ${bad.index + 1} (${bad.title}): ${bad.message ?? `expected ${bad.expected ?? '?'}, received ${bad.received ?? '?'}`}` }),
    reproduce: `npx dapsim run ${file} --target ${targetSpec} --seed ${r.seed}${compareFlag}`,
    stepCount: r.steps.filter((s) => s.verdict !== 'skipped').length,
    ruleSteps: ruleCounts(r.steps),
    durationMs,
  };
}

export async function conform(o: ConformOptions): Promise<{ record: RunRecord; regressions: Regression[] }> {
  const now = o.now ?? (() => Date.now());
  const started = now();
  const compare = o.compare ?? 'decisions';
  // Reproduce commands carry the comparison, so a rerun holds the target to the same thing.
  const compareFlag = compare === 'decisions' ? '' : ` --compare ${compare}`;
  const perBatch = Math.max(1, Math.ceil(o.runs / o.batches));
  type Job = { readonly kind: 'scenario'; readonly file: string; readonly scenario: Scenario } | { readonly kind: 'property'; readonly batch: number };
  const all: Job[] = [...o.scenarios.map((s) => ({ kind: 'scenario' as const, ...s })), ...Array.from({ length: o.batches }, (_, batch) => ({ kind: 'property' as const, batch }))];
  const jobs = all.filter((_, i) => i % o.shard.count === o.shard.index - 1);
  const checks: Check[] = [];
  const regressions: Regression[] = [];
  // After this many checks in a row could not reach the target, the rest are not tried: each
  // would wait out the same timeout. They get an error verdict saying so, and the report stays complete.
  const GIVE_UP_AFTER = 3;
  let unreachableInARow = 0;
  for (const job of jobs) {
    const t = now();
    let check: Check;
    if (unreachableInARow >= GIVE_UP_AFTER) {
      const id = job.kind === 'scenario' ? `scenario:${job.file}` : `property:batch-${job.batch + 1}`;
      const title = job.kind === 'scenario' ? job.scenario.name : `generated sequences, batch ${job.batch + 1}`;
      const reproduce = job.kind === 'scenario' ? `npx dapsim run ${job.file} --target ${o.targetSpec} --seed ${o.seed}${compareFlag}` : `npx dapsim check --target ${o.targetSpec} --seed ${o.seed * 1000 + job.batch} --runs ${perBatch}${compareFlag}`;
      check = { id, kind: job.kind, title, verdict: 'error', rules: job.kind === 'scenario' ? [...job.scenario.rules] : [], ...(job.kind === 'scenario' ? { file: job.file } : {}),
        message: `not tried: the target could not be reached for the ${GIVE_UP_AFTER} checks before`, reproduce, stepCount: 0, ruleSteps: {}, durationMs: 0 };
    } else if (job.kind === 'scenario') {
      try {
        const r = await runScenario(job.file, job.scenario, o.target, { seed: o.seed, compare, ...(o.profile === undefined ? {} : { profile: o.profile }) });
        check = scenarioCheck(job.file, r, o.targetSpec, now() - t, compareFlag);
      } catch (e) {
        check = errorCheck(`scenario:${job.file}`, 'scenario', job.scenario.name, [...job.scenario.rules], e, `npx dapsim run ${job.file} --target ${o.targetSpec} --seed ${o.seed}${compareFlag}`, now() - t, job.file);
      }
    } else {
      const seed = o.seed * 1000 + job.batch;
      const id = `property:batch-${job.batch + 1}`;
      const reproduce = `npx dapsim check --target ${o.targetSpec} --seed ${seed} --runs ${perBatch}${o.profile === undefined ? '' : ` --profile ${o.profile}`}${compareFlag}`;
      try {
        const r = await runCheck({ target: o.target, seed, runs: perBatch, profile: o.profile, timeLimitMs: o.batchTimeLimitMs, compare });
        const ruleSteps = Object.fromEntries(r.tally.rules);
        const base = { id, kind: 'property' as const, title: `generated sequences, batch ${job.batch + 1} of ${o.batches} (seed ${seed}, ${perBatch} sequences)`, rules: Object.keys(ruleSteps), stepCount: r.tally.steps, ruleSteps, durationMs: now() - t };
        if (r.unreachable !== undefined) {
          check = { ...base, verdict: 'error', message: `the target could not be checked: ${r.unreachable}`, reproduce };
        } else if (r.failure !== undefined) {
          const d = r.failure.difference;
          regressions.push({ checkId: id, scenario: regressionScenario(r.failure, { target: o.targetSpec, replay: `${reproduce} --path '${r.failure.path}'` }) });
          check = { ...base, verdict: 'fail', rules: [...d.rules], expected: d.expected, received: d.received,
            message: `step ${d.index + 1} of a shrunk sequence of ${r.failure.trace.length}: ${d.step.as} ${d.step.do ?? `queries ${d.step.query}`} ${JSON.stringify(d.step.with)}${d.observed ? `, then the ${d.observed.query} listing` : ''}`,
            reproduce: `${reproduce} --path '${r.failure.path}'` };
        } else {
          // A batch the time limit cut short still passed what it ran; it says how much that was.
          check = { ...base, verdict: 'pass', reproduce, ...(r.interrupted ? { message: `stopped by the time limit after ${r.tally.sequences} of ${perBatch} sequences` } : {}) };
        }
      } catch (e) {
        check = errorCheck(id, 'property', `generated sequences, batch ${job.batch + 1}`, [], e, reproduce, now() - t);
      }
    }
    unreachableInARow = check.verdict === 'error' && /could not be reached|could not be checked|not tried/.test(check.message ?? '') ? unreachableInARow + 1 : 0;
    checks.push(check);
    o.onCheck?.(check, checks.length, jobs.length);
  }
  const finished = now();
  const coverageRules = CATALOGUE.map((r) => ({ rule: r.id as string, area: r.area as string, statement: r.statement }));
  const record: RunRecord = {
    tool: { name: 'dapsim', version: o.version, node: process.version },
    target: o.targetSpec,
    profile: o.profile ?? 'per-scenario',
    compare,
    seed: o.seed,
    shard: o.shard,
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date(finished).toISOString(),
    durationMs: finished - started,
    ...summarise(checks, coverageRules),
    checks,
  };
  return { record, regressions };
}

function errorCheck(id: string, kind: Check['kind'], title: string, rules: RuleId[] | string[], e: unknown, reproduce: string, durationMs: number, file?: string): Check {
  const what = e instanceof TargetUnreachable ? 'the target could not be reached or broke the protocol' : 'the check could not run';
  return { id, kind, title, verdict: 'error', rules: [...rules], ...(file === undefined ? {} : { file }), message: `${what}: ${e instanceof Error ? e.message : String(e)}`, reproduce, stepCount: 0, ruleSteps: {}, durationMs };
}
