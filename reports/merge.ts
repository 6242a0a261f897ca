/**
 * Summaries and coverage computed from checks alone, so a run and the merge of its shards give
 * the same record: `dapsim report merge` puts shard records together with these.
 */
import type { Check, CheckVerdict, RuleCoverage, RunRecord } from './record.ts';

type RuleInfo = Pick<RuleCoverage, 'rule' | 'area' | 'statement'>;

/** The summary and the per-rule coverage of a set of checks, against the rules the run knows. */
export function summarise(checks: readonly Check[], rules: readonly RuleInfo[]): Pick<RunRecord, 'summary' | 'coverage'> {
  const coverage: RuleCoverage[] = rules.map((r) => {
    let scenarioSteps = 0;
    let propertySteps = 0;
    for (const c of checks) {
      const n = c.ruleSteps[r.rule] ?? 0;
      if (c.kind === 'scenario') scenarioSteps += n;
      else propertySteps += n;
    }
    return { ...r, scenarioSteps, propertySteps };
  });
  const count = (v: CheckVerdict) => checks.filter((c) => c.verdict === v).length;
  const uncovered = coverage.filter((c) => c.scenarioSteps + c.propertySteps === 0).map((c) => c.rule);
  const fail = count('fail');
  const error = count('error');
  const verdict: CheckVerdict = fail > 0 ? 'fail' : error > 0 ? 'error' : 'pass';
  return { summary: { verdict, checks: checks.length, pass: count('pass'), fail, error, uncovered }, coverage };
}

/**
 * Shard records of one run, as one record. They must agree on target, profile, comparison, seed and shard
 * count, and hold every shard once; checks keep the order the run would have given them.
 */
export function mergeRecords(records: readonly RunRecord[]): RunRecord | string {
  if (records.length === 0) return 'no records to merge';
  const first = records[0]!;
  for (const r of records) {
    for (const key of ['target', 'profile', 'compare', 'seed'] as const) {
      if (r[key] !== first[key]) return `the records are of different runs: ${key} ${JSON.stringify(first[key])} vs ${JSON.stringify(r[key])}`;
    }
    if (r.shard.count !== first.shard.count) return `the records split the run differently: ${first.shard.count} shards vs ${r.shard.count}`;
  }
  const indexes = records.map((r) => r.shard.index).sort((a, b) => a - b);
  const expected = Array.from({ length: first.shard.count }, (_, i) => i + 1);
  if (indexes.join(',') !== expected.join(',')) return `shards ${indexes.join(', ')} of ${first.shard.count}: each shard exactly once is needed (${expected.join(', ')})`;
  // Shard k held the checks at positions k-1, k-1+n, ...: interleave them back.
  const byShard = [...records].sort((a, b) => a.shard.index - b.shard.index).map((r) => r.checks);
  const checks: Check[] = [];
  for (let i = 0; checks.length < byShard.reduce((n, c) => n + c.length, 0); i++) {
    const shard = byShard[i % byShard.length]!;
    const check = shard[Math.floor(i / byShard.length)];
    if (check !== undefined) checks.push(check);
  }
  const startedAt = records.map((r) => r.startedAt).sort()[0]!;
  const finishedAt = records.map((r) => r.finishedAt).sort().at(-1)!;
  return {
    tool: first.tool,
    target: first.target,
    profile: first.profile,
    compare: first.compare,
    seed: first.seed,
    shard: { index: 1, count: 1 },
    startedAt,
    finishedAt,
    durationMs: records.reduce((n, r) => n + r.durationMs, 0),
    ...summarise(checks, first.coverage.map(({ rule, area, statement }) => ({ rule, area, statement }))),
    checks,
  };
}
