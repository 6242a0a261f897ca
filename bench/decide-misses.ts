/**
 * Instructions and cache misses per decision, counted by a simulated cache instead of timed:
 *
 *   npx tsx bench/decide-misses.ts [tree=.] [customers=10000] [actions=100000] [actionType]
 *
 * Why: on this shared machine a timed comparison of two versions moves by ±5% or more from run to
 * run (decide-ab.ts) with the other tenants' load. Valgrind's cachegrind counts instead; its counts
 * still move by about ±5% (the JIT decides a little differently each run) but not with the load.
 * It runs bench/decide-misses-child.ts of `tree` once with one pass of the workload and once with
 * two, and prints the difference divided by the pass's decisions: one warm pass. The last-level
 * cache is set to 8 MiB, about what one core of this machine gets of its 32 MiB L3 in practice.
 * Counts, not time: a miss the CPU overlaps with another costs less than one it waits for, and
 * cachegrind does not model prefetching (the workload's own step objects, read in order, count as
 * misses here and mostly are not). Compare two trees, not absolute numbers, nor action types: one
 * action type alone touches less of the world, which may then fit the simulated cache (sign-ins
 * alone: 0.3 last-level reads a decision). `tree` needs node_modules, as for decide-ab.ts. Needs
 * valgrind (not an npm package: `apt-get install valgrind`); each run takes a minute or two.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const [treeArg, customersArg, actionsArg, only] = process.argv.slice(2);
const tree = resolve(treeArg ?? '.');
const customers = customersArg ?? '10000';
const actions = actionsArg ?? '100000';

interface Counts { readonly instructions: number; readonly d1: number; readonly llRead: number; readonly llWrite: number; readonly decisions: number }

function number(text: string, label: RegExp): number {
  const m = label.exec(text);
  if (m === null) throw new Error(`cachegrind printed no ${label.source} line; is valgrind installed?\n${text.slice(-2000)}`);
  return Number(m[1]!.replaceAll(',', ''));
}

function run(passes: number): Counts {
  const args = [
    '--tool=cachegrind', '--cache-sim=yes', '--LL=8388608,16,64', '--cachegrind-out-file=/dev/null',
    // One thread (no concurrent GC or compiler), and an old generation big enough that no full GC
    // runs: a full GC in one run and not the other would count as the pass's own misses.
    process.execPath, '--single-threaded', '--initial-old-space-size=2000', '--import', 'tsx',
    `${tree}/bench/decide-misses-child.ts`, customers, String(passes), actions, ...(only === undefined ? [] : [only]),
  ];
  const r = spawnSync('valgrind', args, { cwd: tree, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error !== undefined) throw new Error(`could not run valgrind (${r.error.message}); install it with apt-get install valgrind`);
  const text = `${r.stdout}\n${r.stderr}`;
  return {
    instructions: number(text, /I\s+refs:\s+([\d,]+)/),
    d1: number(text, /D1\s+misses:\s+([\d,]+)/),
    llRead: number(text, /LLd misses:\s+[\d,]+\s+\(\s*([\d,]+) rd/),
    llWrite: number(text, /LLd misses:\s+[\d,]+\s+\(\s*[\d,]+ rd\s+\+\s+([\d,]+) wr/),
    decisions: number(text, /decisions per pass: (\d+)/),
  };
}

// tsx keeps a cache of compiled files: a first run that compiled and a second that read the cache
// would differ by the compiling. One run without valgrind fills the cache for both.
spawnSync(process.execPath, ['--import', 'tsx', `${tree}/bench/decide-misses-child.ts`, '100', '0', '10'], { cwd: tree });
const one = run(1);
const two = run(2);
const per = (k: keyof Counts): string => ((two[k] - one[k]) / one.decisions).toFixed(1);
console.log(`${tree}: ${customers} customers, ${one.decisions} decisions a pass${only === undefined ? '' : ` (${only} only)`}`);
console.log(`per decision: ${per('instructions')} instructions, ${per('d1')} L1 data misses, last-level data misses ${per('llRead')} reads + ${per('llWrite')} writes`);
