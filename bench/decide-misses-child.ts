/**
 * The process bench/decide-misses.ts runs under cachegrind: builds the 10,000-customer benchmark
 * world, generates the decide workload and performs it `passes` times. The first pass warms the
 * JIT; the difference between a one-pass and a two-pass run is one warm pass.
 *
 *   node --import tsx bench/decide-misses-child.ts <customers> <passes> <actions> [actionType]
 */
import { decideAll } from './decide.ts';
import { buildBenchWorld } from './world.ts';
import { workload } from './workload.ts';

const [customersArg, passesArg, actionsArg, only] = process.argv.slice(2);
const bench = buildBenchWorld({ customers: Number(customersArg ?? 10_000), usersPerCustomer: 10 });
let steps = workload(bench, Number(actionsArg ?? 100_000), 20261121);
if (only !== undefined) steps = steps.filter((s) => s.action.type === only);

let allowed = 0;
for (let p = 0; p < Number(passesArg ?? 1); p++) allowed += decideAll(bench.world, steps);
// The driver reads the number of decisions a pass made from this line.
console.log(`decisions per pass: ${steps.length} (allowed in all passes: ${allowed})`);
