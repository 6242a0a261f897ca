/**
 * `dapsim conform` and `dapsim report merge`: the conformance run and its reports. Exit codes: 0
 * every check passed and every rule was exercised; 1 a check failed; 2 bad input, or a run that
 * checked nothing or left a rule unexercised; 3 the target could not be reached or broke the
 * protocol (checks with an error verdict, and no failure).
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import pc from 'picocolors';
import type { Profile } from '../model/index.ts';
import { conform } from '../conform/run.ts';
import { regressionYaml } from '../properties/regression.ts';
import { REPORTERS, mergeRecords, recordProblems, type RunRecord } from '../reports/index.ts';
import { progress } from '../reports/reporters/console.ts';
import { EXIT, loadAll } from './scenarios.ts';
import type { Compare } from '../targets/target.ts';
import { finishWith, targetFor } from './targets.ts';

export interface ConformCommandOptions {
  readonly target: string;
  readonly timeout?: number;
  readonly seed: number;
  readonly runs: number;
  readonly profile?: Profile;
  readonly shard: { readonly index: number; readonly count: number };
  readonly out: string;
  readonly reporter: readonly string[];
  readonly compare?: Compare;
}

const SCHEMA = new URL('../reports/run-record.schema.json', import.meta.url);
const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

function unknownReporters(names: readonly string[]): string | undefined {
  const bad = names.filter((n) => !(n in REPORTERS));
  return bad.length === 0 ? undefined : `unknown reporter${bad.length > 1 ? 's' : ''} ${bad.join(', ')}; choose from ${Object.keys(REPORTERS).join(', ')}.`;
}

/** Validates the record, writes every chosen report under `out`, prints the console one. */
function writeReports(record: RunRecord, out: string, reporters: readonly string[]): string[] {
  const problems = recordProblems(record);
  if (problems !== undefined) throw new Error(`the run record does not match its schema (a bug in dapsim):\n${problems}`);
  const dir = resolve(out);
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const name of reporters) {
    const reporter = REPORTERS[name]!;
    const text = reporter.render(record);
    if (reporter.file === undefined) {
      process.stdout.write(text);
      continue;
    }
    writeFileSync(join(dir, reporter.file), text);
    written.push(relative(process.cwd(), join(dir, reporter.file)));
  }
  if (reporters.includes('json')) copyFileSync(SCHEMA, join(dir, 'run-record.schema.json'));
  return written;
}

function exitFor(record: RunRecord): number {
  const s = record.summary;
  if (s.checks === 0) {
    console.error(pc.red('dapsim: nothing was checked (no scenario or property batch in this shard).'));
    return EXIT.badInput;
  }
  if (s.fail > 0) return EXIT.failed;
  if (s.error > 0) return EXIT.unreachable;
  // A shard exercises part of the rules; the coverage gate applies to the whole run (or the merge).
  if (record.shard.count === 1 && s.uncovered.length > 0) {
    console.error(pc.red(`dapsim: the run exercised no step of ${s.uncovered.join(', ')}: a conformance run must exercise every rule.`));
    return EXIT.badInput;
  }
  return EXIT.ok;
}

export async function conformCommand(paths: readonly string[], o: ConformCommandOptions): Promise<number> {
  const bad = unknownReporters(o.reporter);
  if (bad !== undefined) {
    console.error(`dapsim: ${bad}`);
    return EXIT.badInput;
  }
  const loaded = loadAll(paths);
  if ('exit' in loaded) return loaded.exit;
  const chosen = await targetFor(o.target, { timeoutMs: o.timeout });
  if (typeof chosen === 'string') {
    console.error(`dapsim: ${chosen}`);
    return EXIT.badInput;
  }
  const tty = process.stdout.isTTY === true && !process.env['CI'];
  let result: Awaited<ReturnType<typeof conform>>;
  try {
    result = await conform({
      target: chosen.target, targetSpec: o.target, scenarios: loaded.loaded.map((l) => ({ file: l.file, scenario: l.scenario! })),
      seed: o.seed, runs: o.runs, batches: 4, profile: o.profile, compare: o.compare, shard: o.shard, version: VERSION,
      onCheck: (c, done, total) => progress(c, done, total, tty),
    });
  } finally {
    finishWith(chosen, o.compare);
  }
  const { record, regressions } = result;
  const written = writeReports(record, o.out, o.reporter);
  for (const r of regressions) {
    const dir = join(resolve(o.out), 'regressions');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${r.checkId.replace(/[^a-z0-9-]+/gi, '-')}.yaml`);
    writeFileSync(file, regressionYaml(r.scenario, relative(dir, resolve('scenarios/scenario.schema.json'))));
    written.push(relative(process.cwd(), file));
  }
  if (written.length > 0) console.log(pc.dim(`reports: ${written.join(', ')}`));
  return exitFor(record);
}

export function reportMergeCommand(files: readonly string[], o: { readonly out: string; readonly reporter: readonly string[] }): number {
  const bad = unknownReporters(o.reporter);
  if (bad !== undefined) {
    console.error(`dapsim: ${bad}`);
    return EXIT.badInput;
  }
  const records: RunRecord[] = [];
  for (const file of files) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      console.error(`${file}: cannot read a run record: ${(e as Error).message}`);
      return EXIT.badInput;
    }
    const { $schema: _schema, ...record } = parsed as RunRecord & { $schema?: string };
    const problems = recordProblems(record);
    if (problems !== undefined) {
      console.error(`${file}: not a dapsim run record:\n${problems.split('\n').map((p) => `  ${p}`).join('\n')}`);
      return EXIT.badInput;
    }
    records.push(record as RunRecord);
  }
  const merged = mergeRecords(records);
  if (typeof merged === 'string') {
    console.error(`dapsim: ${merged}`);
    return EXIT.badInput;
  }
  const written = writeReports(merged, o.out, o.reporter);
  if (written.length > 0) console.log(pc.dim(`reports: ${written.join(', ')}`));
  return exitFor(merged);
}
