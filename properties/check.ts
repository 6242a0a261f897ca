/**
 * Model-based runs with fast-check: generated worlds and step sequences applied to the reference
 * model and a target side by side (sequence.ts), shrunk to the shortest sequence that still
 * differs when they disagree. `dapsim check` and the property tests both run through here.
 */
import fc from 'fast-check';
import type { Profile } from '../model/index.ts';
import { TargetUnreachable } from '../targets/http.ts';
import type { Compare, Target } from '../targets/target.ts';
import type { Given } from '../scenarios/format.ts';
import { DEFAULT_SETTINGS, withOverrides, type PropertySettings } from './settings.ts';
import { DifferenceFound, Sequence, SetupRefused, Tally, type Difference, type TraceStep } from './sequence.ts';
import { stepSeedArb, type GeneratedStep, type StepSeed } from './steps.ts';
import { givenArb } from './worlds.ts';
import { InvariantBroken, invariantWatcher, type Invariant } from './invariants.ts';

export interface CheckOptions {
  readonly target: Target;
  readonly seed: number;
  readonly runs?: number | undefined;
  readonly maxSteps?: number | undefined;
  /** Pins every step's Autopilot profile; by default each step draws `current` or `proposed`. */
  readonly profile?: Profile | undefined;
  /** The path a failure reports (with its seed): runs the shrunk counterexample at once. */
  readonly path?: string | undefined;
  readonly settings?: PropertySettings | undefined;
  /** Also check the invariants (invariants.ts) on the model's side after every step. */
  readonly invariants?: boolean | undefined;
  /**
   * Stops the run after this long, shrinking included: a failure found by then is reported with
   * the shortest sequence reached so far. Against a slow target, shrinking can take minutes.
   */
  readonly timeLimitMs?: number | undefined;
  /** What the target's decisions are held to (targets/target.ts); `decisions` by default. */
  readonly compare?: Compare | undefined;
}

export interface CheckFailure {
  readonly seed: number;
  /** fast-check's path to the shrunk counterexample and the commands' replay path, joined by "~": `--seed <seed> --path <path>` replays it. */
  readonly path: string;
  readonly given: Given;
  /** The shrunk sequence as run, up to and including the step that differed. */
  readonly trace: readonly TraceStep[];
  readonly difference: Difference;
}

export interface CheckResult {
  readonly seed: number;
  readonly settings: PropertySettings;
  readonly target: string;
  readonly tally: Tally;
  readonly failure?: CheckFailure;
  /** The target could not be reached or refused the generated world: nothing more was checked. */
  readonly unreachable?: string;
  /** With `invariants`: the model broke one (a bug in the reference), with fast-check's report. */
  readonly invariantBroken?: string;
  /** The time limit ended the run: before all sequences ran, or (with a failure) before shrinking finished. */
  readonly interrupted: boolean;
}

/** One generated step as a fast-check command: resolved against the model's state when it runs. */
class StepCommand implements fc.AsyncCommand<Sequence, Target> {
  /**
   * The step as it ran, for fast-check's report of a counterexample. Formatted only when a report
   * asks: formatting every step as it ran (a JSON.stringify each) cost 2.4% of a whole run's
   * instructions (cachegrind).
   */
  private ran: GeneratedStep | undefined;
  constructor(readonly seed: StepSeed) {}
  check(): boolean {
    return true;
  }
  async run(sequence: Sequence): Promise<void> {
    this.ran = await sequence.run(this.seed);
  }
  toString(): string {
    const step = this.ran;
    if (step === undefined) return `${this.seed.kind}(${this.seed.actor},${this.seed.a},${this.seed.b},${this.seed.c})`;
    return `${step.as} ${step.do ?? `queries ${step.query}`} ${JSON.stringify(step.with)}`;
  }
}

export async function runCheck(options: CheckOptions): Promise<CheckResult> {
  const settings = withOverrides(options.settings ?? DEFAULT_SETTINGS, { runs: options.runs, maxSteps: options.maxSteps });
  const tally = new Tally();
  let unreachable: string | undefined;
  // A failure's path is fast-check's path and the commands' own replay path, joined by "~": both are
  // needed to rebuild a shrunk command sequence (the commands that ran shape the shrink tree).
  const [fcPath, commandsPath] = options.path === undefined ? [undefined, undefined] : options.path.split('~');
  const commands = fc.commands([stepSeedArb(settings).map((s) => new StepCommand(s))], { maxCommands: settings.maxSteps, size: 'max', ...(commandsPath ? { replayPath: commandsPath } : {}) });
  const property = fc.asyncProperty(givenArb(settings), commands, async (given, cmds) => {
    // A target that is down fails every run the same way: stop checking instead of shrinking it.
    if (unreachable !== undefined) return;
    try {
      const watcher = options.invariants ? invariantWatcher(given) : undefined;
      await fc.asyncModelRun(async () => ({ model: await Sequence.start(given, options.target, { profile: options.profile, tally, watcher, compare: options.compare }), real: options.target }), cmds);
    } catch (e) {
      if (e instanceof TargetUnreachable || e instanceof SetupRefused) {
        unreachable = e.message;
        return;
      }
      tally.frozen = true;
      throw e;
    }
  });
  const out = await fc.check(property, { seed: options.seed, numRuns: settings.runs, ...(fcPath === undefined ? {} : { path: fcPath }), ...(options.timeLimitMs === undefined ? {} : { interruptAfterTimeLimit: options.timeLimitMs }) });
  const base = { seed: options.seed, settings, target: options.target.name, tally, interrupted: out.interrupted };
  if (unreachable !== undefined) return { ...base, unreachable };
  if (!out.failed) return base;
  if (out.errorInstance instanceof InvariantBroken) return { ...base, invariantBroken: `${out.errorInstance.message}\n${fc.defaultReportMessage(out) ?? ''}` };
  if (!(out.errorInstance instanceof DifferenceFound)) {
    // Not a difference: a bug of the harness itself. Say so plainly, with fast-check's report.
    throw new Error(`dapsim check stopped on an unexpected error (a bug in dapsim): ${String(out.errorInstance instanceof Error ? out.errorInstance.stack : out.errorInstance)}\n${fc.defaultReportMessage(out) ?? ''}`);
  }
  const [given, cmds] = out.counterexample!;
  // fast-check hands back its own wrappers around the commands that ran; the step seeds are inside.
  const seeds = [...cmds].map((c) => ((c as unknown as { cmd?: StepCommand }).cmd ?? (c as unknown as StepCommand)).seed);
  const replayed = await replay(given, seeds, options);
  const replayPath = /replayPath="([^"]*)"/.exec(String(cmds))?.[1];
  const path = replayPath === undefined ? out.counterexamplePath! : `${out.counterexamplePath!}~${replayPath}`;
  return { ...base, failure: { seed: options.seed, path, given, trace: replayed.trace, difference: replayed.difference ?? out.errorInstance.difference } };
}

/** Runs a shrunk counterexample once more, recording every step up to the difference. */
async function replay(given: Given, seeds: readonly StepSeed[], options: CheckOptions): Promise<{ trace: readonly TraceStep[]; difference: Difference | undefined }> {
  const sequence = await Sequence.start(given, options.target, { profile: options.profile, watcher: options.invariants ? invariantWatcher(given) : undefined, compare: options.compare });
  for (const seed of seeds) {
    try {
      await sequence.run(seed);
    } catch (e) {
      if (e instanceof DifferenceFound) return { trace: sequence.trace, difference: e.difference };
      throw e;
    }
  }
  return { trace: sequence.trace, difference: undefined };
}

export interface InvariantRunResult {
  readonly tally: Tally;
  /** How many steps each invariant was checked after. */
  readonly checked: ReadonlyMap<string, number>;
  /** fast-check's report of the shrunk counterexample when an invariant broke. */
  readonly broken?: { readonly message: string; readonly report: string };
}

/** The invariants (invariants.ts) after every step of generated sequences, on the model alone. */
export async function runInvariants(options: { readonly seed: number; readonly runs?: number; readonly maxSteps?: number; readonly profile?: Profile; readonly invariants?: readonly Invariant[] }): Promise<InvariantRunResult> {
  const settings = withOverrides(DEFAULT_SETTINGS, { runs: options.runs, maxSteps: options.maxSteps });
  const tally = new Tally();
  const checked = new Map<string, number>();
  const commands = fc.commands([stepSeedArb(settings).map((s) => new StepCommand(s))], { maxCommands: settings.maxSteps, size: 'max' });
  const property = fc.asyncProperty(givenArb(settings), commands, async (given, cmds) => {
    try {
      const watcher = invariantWatcher(given, options.invariants, tally.frozen ? undefined : checked);
      await fc.asyncModelRun(async () => ({ model: await Sequence.start(given, undefined, { profile: options.profile, tally, watcher }), real: undefined }), cmds);
    } catch (e) {
      tally.frozen = true;
      throw e;
    }
  });
  const out = await fc.check(property, { seed: options.seed, numRuns: settings.runs });
  if (!out.failed) return { tally, checked };
  const message = out.errorInstance instanceof Error ? out.errorInstance.message : String(out.errorInstance);
  return { tally, checked, broken: { message, report: fc.defaultReportMessage(out) ?? message } };
}
