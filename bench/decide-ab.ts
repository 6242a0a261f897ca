/**
 * Two versions of the model on the same decision workload, in one process, pass for pass:
 *
 *   mkdir /tmp/before && git archive <commit> | tar -x -C /tmp/before   (model/ and bench/ need no packages)
 *   npx tsx bench/decide-ab.ts /tmp/before [customers=10000] [passes=11] [actionType]
 *
 * Why: on a shared two-core machine two separate benchmark runs differ by ±20% for reasons of
 * their own (the other tenants' load, each process's JIT decisions), which hides changes of a few
 * percent. Alternating passes of both versions in one process exposes them to the same
 * conditions; the ratio of the medians, and each pass's ratio, show whether a change is real.
 * Time is process CPU time, so time the process spent descheduled does not count. Comparing a
 * tree with itself reads about 1.00 ± 0.02. Both worlds share one heap and one cache, so the
 * absolute rates read lower than decide-quick's; use the ratio. `actionType` limits the workload
 * to one action.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [otherRoot, customersArg, passesArg, only] = process.argv.slice(2);
if (otherRoot === undefined) throw new Error('usage: npx tsx bench/decide-ab.ts <other tree> [customers] [passes] [actionType]');
const customers = Number(customersArg ?? 10_000);
const passes = Number(passesArg ?? 11);

interface Tree { readonly run: () => number; readonly steps: number }

async function load(root: string, idSpace: string): Promise<Tree> {
  const at = (path: string) => import(pathToFileURL(`${root}/${path}`).href);
  const { perform } = await at('model/index.ts');
  const { buildBenchWorld } = await at('bench/world.ts');
  const { workload } = await at('bench/workload.ts');
  // Each world its own ids: with the same ones, the world built second shares the first one's id
  // strings once the tables internalize them, and an identical copy of the tree then read 0.79.
  // A tree older than that option ignores it and uses the default ids, which differ from both.
  const bench = buildBenchWorld({ customers, usersPerCustomer: 10, idSpace });
  let steps = workload(bench, 200_000, 20261121) as { actor: string; action: { type: string }; options: unknown }[];
  if (only !== undefined) steps = steps.filter((s) => s.action.type === only);
  // A loop of its own per tree, so neither version's type feedback shapes the other's code.
  const loop = new Function('perform', 'world', 'steps',
    'let a = 0; for (let i = 0; i < steps.length; i++) { const s = steps[i]; if (perform(world, s.actor, s.action, s.options).outcome === "allowed") a++; } return a;');
  return { run: () => loop(perform, bench.world, steps) as number, steps: steps.length };
}

function cpuMs(f: () => unknown): number {
  const start = process.cpuUsage();
  f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

for (const file of ['package.json', 'tsconfig.json']) {
  // Without them tsx compiles the other tree's files differently; such a copy measured 35% slower.
  if (!existsSync(`${otherRoot}/${file}`)) console.error(`decide-ab: ${otherRoot} has no ${file}; copy it there too, or the comparison measures the compiler settings`);
}
const other = await load(otherRoot, 'decide-ab-other');
const here = await load(process.cwd(), 'decide-ab-here');
for (let i = 0; i < 2; i++) { other.run(); here.run(); }
const a: number[] = [];
const b: number[] = [];
// Which tree runs first alternates from pass to pass, so a drift within a pair (the machine
// speeding up or slowing down) does not always favour the same one.
for (let r = 0; r < passes; r++) {
  if (r % 2 === 0) {
    a.push(cpuMs(other.run));
    b.push(cpuMs(here.run));
  } else {
    b.push(cpuMs(here.run));
    a.push(cpuMs(other.run));
  }
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1]!;
const perSecond = (ms: number) => Math.round(here.steps / (ms / 1000)).toLocaleString('en-US');
console.log(`${customers} customers${only === undefined ? '' : `, ${only} only`}: other ${median(a).toFixed(1)} ms (${perSecond(median(a))}/s), this tree ${median(b).toFixed(1)} ms (${perSecond(median(b))}/s), speed-up ${(median(a) / median(b)).toFixed(3)}`);
const ratios = a.map((x, i) => x / b[i]!);
const sorted = [...ratios].sort((x, y) => x - y);
const quartile = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
console.log(`per pass: ${ratios.map((x) => x.toFixed(2)).join(' ')}`);
console.log(`per-pass speed-up: median ${median(ratios).toFixed(3)}, middle half ${quartile(0.25).toFixed(2)}–${quartile(0.75).toFixed(2)} (a change is real when the middle half leaves 1.00, and stays out in a second run)`);
