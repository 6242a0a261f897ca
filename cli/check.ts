/**
 * `dapsim check`: property-based and model-based runs of generated sequences against a target
 * (properties/check.ts), with the counts that show what was checked. Exit codes: 0 the target
 * agreed with the model on every step; 1 it differed (the shrunk sequence is written as a
 * scenario); 2 bad input, or a run that checked too little (a rule that never decided a step,
 * or mostly invalid steps); 3 the target could not be reached or refused the generated world.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import pc from 'picocolors';
import { CATALOGUE, isRuleId, type Profile, type RuleId } from '../model/index.ts';
import { runCheck, type CheckFailure, type CheckResult } from '../properties/check.ts';
import { regressionScenario, regressionYaml } from '../properties/regression.ts';
import { DEFAULT_SETTINGS } from '../properties/settings.ts';
import { TargetUnreachable } from '../targets/http.ts';
import { EXIT } from './scenarios.ts';
import type { Compare } from '../targets/target.ts';
import { finishWith, targetFor } from './targets.ts';

export interface CheckCommandOptions {
  readonly target: string;
  readonly timeout?: number;
  readonly seed?: number;
  readonly runs?: number;
  readonly maxSteps?: number;
  readonly profile?: Profile;
  readonly path?: string;
  /** Where a shrunk difference is written as a scenario. */
  readonly out: string;
  /** Narrows the coverage gate to these rule IDs, on purpose. */
  readonly rules?: readonly string[];
  /** Also check the invariants on the model's side. */
  readonly invariants?: boolean;
  /** What the target is held to: decisions (default) or outcomes only. */
  readonly compare?: Compare;
}

const SCHEMA = resolve(dirname(new URL(import.meta.url).pathname), '../scenarios/scenario.schema.json');

export async function checkCommand(opts: CheckCommandOptions): Promise<number> {
  const unknown = (opts.rules ?? []).filter((r) => !isRuleId(r));
  if (unknown.length > 0) {
    console.error(`dapsim: --rules names unknown rule IDs: ${unknown.join(', ')}. \`dapsim rules\` lists them.`);
    return EXIT.badInput;
  }
  const chosen = await targetFor(opts.target, { timeoutMs: opts.timeout });
  if (typeof chosen === 'string') {
    console.error(`dapsim: ${chosen}`);
    return EXIT.badInput;
  }
  // The seed is the one input that makes a run repeatable: drawn here when not given, and printed.
  const seed = opts.seed ?? (Date.now() % 2_147_483_647);
  const runs = opts.runs ?? DEFAULT_SETTINGS.runs;
  const maxSteps = opts.maxSteps ?? DEFAULT_SETTINGS.maxSteps;
  console.log(`dapsim check against ${chosen.target.name}: seed ${seed}, ${runs} sequences of up to ${maxSteps} steps, profile ${opts.profile ?? 'drawn per step'}`);
  let result: CheckResult;
  try {
    result = await runCheck({ target: chosen.target, seed, runs, maxSteps, profile: opts.profile, path: opts.path, invariants: opts.invariants, compare: opts.compare });
  } catch (e) {
    if (e instanceof TargetUnreachable) {
      console.error(`dapsim: the target ${chosen.target.name} could not be reached: ${e.message}`);
      return EXIT.unreachable;
    }
    throw e;
  } finally {
    finishWith(chosen, opts.compare);
  }
  printCounts(result);
  if (result.unreachable !== undefined) {
    console.error(pc.red(`dapsim: the target ${chosen.target.name} could not be checked: ${result.unreachable}`));
    return EXIT.unreachable;
  }
  if (result.invariantBroken !== undefined) {
    console.log(pc.red(`\nINVARIANT BROKEN by the reference model (a bug in dapsim's model): ${result.invariantBroken}`));
    return EXIT.failed;
  }
  if (result.failure !== undefined) {
    printFailure(result.failure, opts, chosen.target.name);
    return EXIT.failed;
  }
  return coverageGate(result, opts);
}

function printCounts(r: CheckResult): void {
  const t = r.tally;
  console.log(`${t.sequences} sequences, ${t.steps} steps: ${t.allowed} allowed, ${t.refused} refused, ${t.invalid} invalid`);
  console.log('steps decided, by rule:');
  const width = Math.max(...CATALOGUE.map((rule) => rule.id.length));
  for (const rule of CATALOGUE) {
    const n = t.rules.get(rule.id) ?? 0;
    const line = `  ${rule.id.padEnd(width)}  ${String(n).padStart(6)}`;
    console.log(n === 0 ? pc.yellow(line) : line);
  }
}

/** A run that checked too little must not pass: every rule in scope decided a step, and most steps meant something. */
function coverageGate(r: CheckResult, opts: CheckCommandOptions): number {
  const t = r.tally;
  const inScope = CATALOGUE.filter((rule) => (opts.rules === undefined || opts.rules.includes(rule.id)) && (opts.profile === undefined || rule.profiles.includes(opts.profile)));
  const silent: RuleId[] = inScope.filter((rule) => (t.rules.get(rule.id) ?? 0) === 0).map((rule) => rule.id);
  const problems: string[] = [];
  if (t.steps === 0) problems.push('no step ran');
  if (t.invalid * 2 > t.steps) problems.push(`most steps were invalid (${t.invalid} of ${t.steps}): the run exercised the request checks, not the rules`);
  if (silent.length > 0) problems.push(`${silent.length} rule(s) never decided a step: ${silent.join(', ')}. Raise --runs or --max-steps, or narrow the run on purpose with --rules`);
  if (problems.length > 0) {
    console.error(pc.red(`dapsim: the run checked too little: ${problems.join('; ')}.`));
    return EXIT.badInput;
  }
  const narrowed = opts.rules !== undefined ? ` (narrowed to ${inScope.length} rules)` : '';
  console.log(pc.green(`the target agreed with the model on every step; every rule in scope decided steps${narrowed}.`));
  return EXIT.ok;
}

function printFailure(f: CheckFailure, opts: CheckCommandOptions, targetName: string): void {
  const d = f.difference;
  const step = d.step;
  const replay = `npx dapsim check --target ${opts.target} --seed ${f.seed} --path '${f.path}'${opts.maxSteps === undefined ? '' : ` --max-steps ${opts.maxSteps}`}${opts.profile === undefined ? '' : ` --profile ${opts.profile}`}`;
  console.log(pc.red(`\nDIFFERENCE: ${targetName} disagreed with the model (shrunk to ${f.trace.length} step(s)).`));
  f.trace.forEach((t, i) => {
    const mark = i === d.index ? pc.red('>') : ' ';
    console.log(`  ${mark} ${i + 1}. ${t.step.as} ${t.step.do ?? `queries ${t.step.query}`} ${JSON.stringify(t.step.with)} -> ${t.decision.outcome}${t.decision.outcome === 'allowed' ? '' : ` ${t.decision.code}`}`);
  });
  if (d.observed !== undefined) console.log(`  then ${d.observed.as} queries ${d.observed.query} ${JSON.stringify(d.observed.with)}`);
  console.log(`  expected (model): ${d.expected}`);
  console.log(`  received (target): ${d.received}`);
  console.log(`  seed ${f.seed}, path ${f.path}`);
  console.log(`  replay: ${replay}`);
  try {
    const scenario = regressionScenario(f, { target: targetName, replay });
    const dir = resolve(opts.out);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `check-seed-${f.seed}-step-${d.index + 1}-${step.do ?? step.query}.yaml`);
    writeFileSync(file, regressionYaml(scenario, relative(dir, SCHEMA)));
    console.log(`  scenario: ${relative(process.cwd(), file)} (npx dapsim run ${relative(process.cwd(), file)} --target ${opts.target})`);
  } catch (e) {
    console.log(`  (no scenario written: ${e instanceof Error ? e.message : String(e)})`);
  }
}
