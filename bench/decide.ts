/**
 * Decided actions per second on a world of 10,000 customers, beside a floor measured in the same
 * run: the same number of plain Map reads and writes (one get and one set per action, keyed by the
 * actor, on a Map as large as the world's user table).
 */
import { performance } from 'node:perf_hooks';
import { perform, type World } from '../model/index.ts';
import { buildBenchWorld } from './world.ts';
import { workload, type Step } from './workload.ts';

export interface DecideFigures {
  readonly customers: number;
  /** Customers the workload touched (a working set), all by default. */
  readonly pool: number;
  readonly actions: number;
  readonly actionsPerSecond: number;
  readonly floorPerSecond: number;
  /** Every timed run's rate, model and floor, in run order: the spread shows how noisy the machine was. */
  readonly runs: { readonly model: readonly number[]; readonly floor: readonly number[] };
  readonly outcomes: { allowed: number; refused: number; invalid: number };
  readonly refusalCodes: Record<string, number>;
}

/**
 * The timed loops live in functions of their own, shared by warm-up and measurement: a loop
 * inlined into a big benchmark function deoptimised repeatedly (seen with --trace-deopt) and then
 * measured V8's lower tiers instead of the model.
 */
export function decideAll(world: World, steps: readonly Step[]): number {
  let allowed = 0;
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i]!;
    if (perform(world, s.actor, s.action, s.options).outcome === 'allowed') allowed++;
  }
  return allowed;
}

function mapFloor(table: Map<string, number>, keys: readonly string[]): number {
  let sum = 0;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const v = (table.get(k) ?? 0) + 1;
    table.set(k, v);
    sum += v;
  }
  return sum;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * `burst`: consecutive actions on one customer (see `workload`); 1, the figure's, draws a customer
 * for every action. `idSpace`: the world's id namespace; a second world in the same process needs
 * one of its own, or it shares the first one's internalized id strings (see BenchWorldSpec).
 */
export function benchDecide(customers = 10_000, actions = 200_000, reps = 7, pool = customers, burst = 1, idSpace?: string): DecideFigures {
  const bench = buildBenchWorld({ customers, usersPerCustomer: 10, idSpace });
  const steps: Step[] = workload(bench, actions, 20261121, pool, burst);
  const outcomes = { allowed: 0, refused: 0, invalid: 0 };
  const refusalCodes: Record<string, number> = {};
  const invalidSamples: string[] = [];

  // One untimed pass: warms the JIT and counts what the mix decides.
  for (const s of steps) {
    const d = perform(bench.world, s.actor, s.action, s.options);
    outcomes[d.outcome]++;
    if (d.outcome === 'refused') refusalCodes[d.code] = (refusalCodes[d.code] ?? 0) + 1;
    if (d.outcome === 'invalid' && invalidSamples.length < 3) invalidSamples.push(`${s.action.type}: ${d.code} ${d.path} ${d.message}`);
  }
  if (outcomes.invalid > 0) throw new Error(`the benchmark workload produced invalid actions, so it measures nothing useful: ${invalidSamples.join('; ')}`);

  const model: number[] = [];
  const floor: number[] = [];
  const keys = steps.map((s) => s.actor);
  const table = new Map<string, number>();
  for (const id of bench.world.users.keys()) table.set(id, 0);
  let sink = decideAll(bench.world, steps) + mapFloor(table, keys);
  for (let r = 0; r < reps; r++) {
    let t = performance.now();
    sink += decideAll(bench.world, steps);
    model.push(steps.length / ((performance.now() - t) / 1000));
    t = performance.now();
    sink += mapFloor(table, keys);
    floor.push(keys.length / ((performance.now() - t) / 1000));
  }
  if (sink < 0) console.log(sink);
  return { customers: bench.customers.length, pool, actions: steps.length, actionsPerSecond: median(model), floorPerSecond: median(floor), runs: { model, floor }, outcomes, refusalCodes };
}
