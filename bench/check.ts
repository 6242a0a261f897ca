/**
 * Steps per second of `dapsim check`: against the reference model in process, and against the
 * mocked endpoints over HTTP in process, each beside fast-check's own ceiling measured in the same
 * run: the same generated worlds and step commands driven through the same model-based runner, with
 * a trivial model whose commands do nothing. The ratio says how much of the run is dapsim's work.
 */
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { runCheck } from '../properties/check.ts';
import { DEFAULT_SETTINGS } from '../properties/settings.ts';
import { stepSeedArb } from '../properties/steps.ts';
import { givenArb } from '../properties/worlds.ts';
import { HttpTarget } from '../targets/http.ts';
import { ModelTarget } from '../targets/model.ts';
import type { Target } from '../targets/target.ts';

export interface CheckFigures {
  readonly runs: number;
  readonly ceilingStepsPerSecond: number;
  readonly modelStepsPerSecond: number;
  readonly httpStepsPerSecond: number;
  readonly modelRatio: number;
  readonly httpRatio: number;
}

/** A command that does nothing: fast-check's own cost of generating and running a step. */
class Trivial implements fc.AsyncCommand<{ steps: number }, unknown> {
  constructor(readonly seed: unknown) {}
  check(): boolean {
    return true;
  }
  async run(m: { steps: number }): Promise<void> {
    m.steps++;
  }
  toString(): string {
    return 'trivial';
  }
}

async function ceiling(seed: number, runs: number): Promise<number> {
  const settings = DEFAULT_SETTINGS;
  let steps = 0;
  const commands = fc.commands([stepSeedArb(settings).map((s) => new Trivial(s))], { maxCommands: settings.maxSteps, size: 'max' });
  const t = performance.now();
  await fc.assert(fc.asyncProperty(givenArb(settings), commands, async (_given, cmds) => {
    const model = { steps: 0 };
    await fc.asyncModelRun(() => ({ model, real: undefined }), cmds);
    steps += model.steps;
  }), { seed, numRuns: runs });
  return steps / ((performance.now() - t) / 1000);
}

async function checkRate(target: Target, seed: number, runs: number): Promise<number> {
  const t = performance.now();
  const r = await runCheck({ target, seed, runs });
  if (r.failure !== undefined || r.unreachable !== undefined) throw new Error(`the benchmark run of dapsim check against ${target.name} did not pass: ${r.failure?.difference.expected ?? r.unreachable}`);
  return r.tally.steps / ((performance.now() - t) / 1000);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** `reps` alternating rounds of ceiling and check on the same seeds; medians. */
export async function benchCheck(runs = 300, reps = 5, httpRuns = 100): Promise<CheckFigures> {
  const { createMockServer } = await import('../mocks/index.ts');
  // Warm-up: both paths once, so the measured rounds see optimised code.
  await ceiling(1, 50);
  await checkRate(new ModelTarget(), 1, 50);
  const ceilings: number[] = [];
  const models: number[] = [];
  for (let r = 0; r < reps; r++) {
    ceilings.push(await ceiling(100 + r, runs));
    models.push(await checkRate(new ModelTarget(), 100 + r, runs));
  }
  const { server } = createMockServer();
  server.listen({ onUnhandledRequest: 'error' });
  let http: number;
  try {
    await checkRate(new HttpTarget(), 1, 10);
    http = await checkRate(new HttpTarget(), 100, httpRuns);
  } finally {
    server.close();
  }
  const ceilingStepsPerSecond = median(ceilings);
  const modelStepsPerSecond = median(models);
  return { runs, ceilingStepsPerSecond, modelStepsPerSecond, httpStepsPerSecond: http, modelRatio: modelStepsPerSecond / ceilingStepsPerSecond, httpRatio: http / ceilingStepsPerSecond };
}
