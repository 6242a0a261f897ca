/**
 * `dapsim validate` and `dapsim run`: scenario files checked, then run against a target, with a
 * readable summary. Exit codes (design.md): 0 all passed; 1 a step failed; 2 bad input or nothing
 * ran; 3 the target could not be reached.
 */
import { readFileSync } from 'node:fs';
import pc from 'picocolors';
import type { Profile } from '../model/index.ts';
import { findScenarioFiles } from '../scenarios/files.ts';
import { loadScenario, type Loaded } from '../scenarios/load.ts';
import { formatProblem } from '../scenarios/problems.ts';
import { runScenario, type ScenarioResult } from '../scenarios/run.ts';
import { TargetUnreachable } from '../targets/http.ts';
import type { Compare } from '../targets/target.ts';
import { finishWith, targetFor } from './targets.ts';

export const EXIT = { ok: 0, failed: 1, badInput: 2, unreachable: 3 } as const;

/** Loads every file, printing every problem; returns the loaded scenarios, or an exit code when input is bad. */
export function loadAll(paths: readonly string[]): { loaded: Loaded[] } | { exit: number } {
  const { files, missing } = findScenarioFiles(paths.length > 0 ? paths : ['scenarios']);
  for (const m of missing) console.error(`${m}: no such file or folder. Pass scenario files or folders (default: scenarios).`);
  if (files.length === 0) {
    console.error('dapsim: no scenario files found (looked for .yaml, .yml and .json).');
    return { exit: EXIT.badInput };
  }
  const loaded = files.map((file) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      return { file, scenario: undefined, problems: [{ file, line: 1, col: 1, pointer: '', message: `cannot read the file: ${(e as Error).message}` }] } satisfies Loaded;
    }
    return loadScenario(file, text);
  });
  const names = new Map<string, string>();
  for (const l of loaded) {
    if (l.scenario === undefined) continue;
    const other = names.get(l.scenario.name);
    if (other !== undefined) (l.problems as unknown[]).push({ file: l.file, line: 1, col: 1, pointer: '/name', message: `duplicate scenario name "${l.scenario.name}", also in ${other}.`, hint: 'Scenario names are unique across a run.' });
    else names.set(l.scenario.name, l.file);
  }
  const bad = loaded.filter((l) => l.problems.length > 0);
  for (const l of bad) for (const p of l.problems) console.error(pc.red(formatProblem(p)));
  if (bad.length > 0 || missing.length > 0) {
    const count = bad.reduce((n, l) => n + l.problems.length, 0);
    console.error(`\n${count} problem${count === 1 ? '' : 's'} in ${bad.length} of ${loaded.length} file${loaded.length === 1 ? '' : 's'}.`);
    return { exit: EXIT.badInput };
  }
  return { loaded };
}

export function validateCommand(paths: readonly string[]): number {
  const r = loadAll(paths);
  if ('exit' in r) return r.exit;
  console.log(`${r.loaded.length} scenario file${r.loaded.length === 1 ? '' : 's'} valid.`);
  return EXIT.ok;
}

export interface RunCommandOptions {
  readonly target?: string;
  readonly timeout?: number;
  readonly seed?: number;
  readonly profile?: Profile;
  readonly continue?: boolean;
  readonly compare?: Compare;
}

export async function runCommand(paths: readonly string[], opts: RunCommandOptions): Promise<number> {
  const r = loadAll(paths);
  if ('exit' in r) return r.exit;
  const chosen = await targetFor(opts.target, { timeoutMs: opts.timeout });
  if (typeof chosen === 'string') {
    console.error(`dapsim: ${chosen}`);
    return EXIT.badInput;
  }
  const { target } = chosen;
  const results: ScenarioResult[] = [];
  try {
    for (const l of r.loaded) {
      const result = await runScenario(l.file, l.scenario!, target, {
        ...(opts.seed === undefined ? {} : { seed: opts.seed }),
        ...(opts.profile === undefined ? {} : { profile: opts.profile }),
        ...(opts.continue ? { continueOnFailure: true } : {}),
        ...(opts.compare === undefined ? {} : { compare: opts.compare }),
      });
      results.push(result);
      printScenario(result);
    }
  } catch (e) {
    if (e instanceof TargetUnreachable) {
      console.error(`dapsim: the target ${target.name} could not be reached: ${e.message}`);
      return EXIT.unreachable;
    }
    throw e;
  } finally {
    finishWith(chosen, opts.compare);
  }
  const steps = results.flatMap((s) => s.steps);
  const count = (v: string) => steps.filter((s) => s.verdict === v).length;
  const failedScenarios = results.filter((s) => s.verdict !== 'pass').length;
  console.log(`\n${results.length - failedScenarios} of ${results.length} scenarios passed against ${target.name}; steps: ${count('pass')} passed, ${count('fail')} failed, ${count('error')} errors, ${count('skipped')} skipped.`);
  if (steps.length === 0) return EXIT.badInput;
  return failedScenarios > 0 ? EXIT.failed : EXIT.ok;
}

function printScenario(r: ScenarioResult): void {
  const mark = r.verdict === 'pass' ? pc.green('✓') : r.verdict === 'fail' ? pc.red('✗') : pc.yellow('!');
  console.log(`${mark} ${r.name} ${pc.dim(`(${r.file}, profile ${r.profile}, seed ${r.seed})`)}`);
  if (r.verdict === 'pass') return;
  for (const s of r.steps) {
    if (s.verdict === 'pass') continue;
    if (s.verdict === 'skipped') {
      console.log(pc.dim(`    - step ${s.index + 1} ${s.title}: skipped`));
      continue;
    }
    console.log(`    ${s.verdict === 'fail' ? pc.red('✗') : pc.yellow('!')} step ${s.index + 1} ${s.title}`);
    if (s.message) console.log(`        ${s.message}`);
    if (s.expected) console.log(`        expected: ${s.expected}`);
    if (s.received) console.log(`        received: ${s.received}`);
    if (s.rules.length > 0) console.log(pc.dim(`        rules: ${s.rules.join(', ')}`));
  }
}
