/**
 * `npm run bench`: every figure beside a floor measured in the same run, as a ratio, because these
 * machines are noisy. Exits 1 when a target is missed, so it can gate. See README "Benchmarks".
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import pc from 'picocolors';
import { benchCheck } from './check.ts';
import { benchDecide } from './decide.ts';
import { benchQueries } from './queries.ts';

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const fix = (n: number, d = 2) => n.toFixed(d);
const pass = (ok: boolean) => (ok ? pc.green('MET') : pc.red('MISSED'));
const misses: string[] = [];
function verdict(name: string, ok: boolean): string {
  if (!ok) misses.push(name);
  return pass(ok);
}

// `npm run bench -- check queries` runs only those sections: decide, queries, build, mocks, check.
const only = new Set(process.argv.slice(2));
const want = (section: string) => only.size === 0 || only.has(section);
const MiB = 1024 * 1024;

console.log(pc.bold(`dapsim benchmark — node ${process.version}, ${cpus().length} CPUs`));
console.log('Each figure stands beside a floor measured in the same run; read the ratios, not the absolutes.\n');

if (want('decide')) {
  // 1. Decided actions per second.
  const DECIDE_TARGET = 1_000_000;
  const d = benchDecide(10_000, 200_000, 7);
  const small = benchDecide(1_000, 200_000, 7, 1_000, 1, 'decide-small');
  const sessions = benchDecide(10_000, 200_000, 7, 10_000, 8, 'decide-sessions');
  const total = d.outcomes.allowed + d.outcomes.refused + d.outcomes.invalid;
  const pct = (n: number) => `${Math.round((100 * n) / total)}%`;
  console.log(pc.bold(`1. Decided actions on a world of ${int(d.customers)} customers (${int(d.customers * 10)} users)`));
  console.log(`   seeded mix of ${int(d.actions)} actions over every customer, median of 7 runs; allowed ${pct(d.outcomes.allowed)}, refused ${pct(d.outcomes.refused)}, invalid ${pct(d.outcomes.invalid)}`);
  const spread = (xs: readonly number[]) => pc.dim(`(runs ${int(Math.min(...xs))}–${int(Math.max(...xs))})`);
  console.log(`   model   ${int(d.actionsPerSecond).padStart(12)} decided actions/s  ${spread(d.runs.model)}`);
  console.log(`   floor   ${int(d.floorPerSecond).padStart(12)} Map get+set pairs/s (one per action, keyed by its actor)  ${spread(d.runs.floor)}`);
  console.log(`   ratio   ${fix(d.actionsPerSecond / d.floorPerSecond, 3).padStart(12)}  (a decision costs ${fix(d.floorPerSecond / d.actionsPerSecond, 1)} Map get+set pairs)`);
  console.log(`   target  ≥ ${int(DECIDE_TARGET)}/s  ${verdict('decided actions/s', d.actionsPerSecond >= DECIDE_TARGET)}`);
  console.log(pc.dim(`   for reference, the same mix on a world of ${int(small.customers)} customers: ${int(small.actionsPerSecond)}/s (floor ${int(small.floorPerSecond)}/s, ratio ${fix(small.actionsPerSecond / small.floorPerSecond, 3)}):`));
  console.log(pc.dim(`   and on the same 10,000 customers in sessions (8 actions in a row on one customer, as a scenario or an agent's visit works): ${int(sessions.actionsPerSecond)}/s (floor ${int(sessions.floorPerSecond)}/s, ratio ${fix(sessions.actionsPerSecond / sessions.floorPerSecond, 3)})`));
  console.log(pc.dim('   decisions are bound by memory latency: the cost is cache misses in the world-wide user and tenant tables, which grow with the world'));
  console.log('');
}

if (want('queries')) {
  // 2. Per-tenant queries at two world sizes.
  // A query may grow with the world no faster than the floor (two plain lookups in the same tables) does, give or take noise.
  const RELATIVE_GROWTH_LIMIT = 1.25;
  const sizes = [10_000, 100_000] as const;
  const q = benchQueries(sizes, 200_000, 5);
  const growth = (m: Record<number, number>) => m[sizes[1]]! / m[sizes[0]]!;
  const floorGrowth = q.floor[sizes[1]]!.local / q.floor[sizes[0]]!.local;
  console.log(pc.bold(`2. Per-tenant queries, µs per query, world of ${int(sizes[0])} vs ${int(sizes[1])} customers`));
  console.log(`   each size asks about the same number (1,000) of distinct tenants; a cost linear in tenants would grow ≈10×`);
  console.log(`   the floor — the actor and tenant lookups every query starts with — shows what 10× larger tables cost the hardware`);
  console.log(`   ${'query'.padEnd(22)}${int(sizes[0]).padStart(10)}${int(sizes[1]).padStart(10)}   growth   vs floor growth`);
  for (const f of q.figures) {
    const g = growth(f.micros);
    console.log(`   ${f.name.padEnd(22)}${fix(f.micros[sizes[0]]!).padStart(10)}${fix(f.micros[sizes[1]]!).padStart(10)}   ${fix(g)}×    ${fix(g / floorGrowth)}   ${verdict(`${f.name} growth`, g / floorGrowth <= RELATIVE_GROWTH_LIMIT)}`);
  }
  console.log(`   ${'floor: 2 Map.get'.padEnd(22)}${fix(q.floor[sizes[0]]!.local, 3).padStart(10)}${fix(q.floor[sizes[1]]!.local, 3).padStart(10)}   ${fix(floorGrowth)}×`);
  console.log(`   target  growth ≤ ${RELATIVE_GROWTH_LIMIT}× the floor's growth (a cost linear in tenants would be ≈${fix(10 / floorGrowth, 1)}×)`);
  console.log(pc.dim(`   spread over every tenant of each world (adds the CPU cache's cost of a 10× larger heap): ${q.figures.map((f) => `${f.name} ${fix(growth(f.spreadMicros))}×`).join(', ')}; floor ${fix(q.floor[sizes[1]]!.spread / q.floor[sizes[0]]!.spread)}×`));
  console.log('');
}

if (want('build')) {
  // 3. Building a big world, in a child process capped at 1 GiB of heap.
  interface Build { seconds: number; planSeconds: number; floorSeconds: number; heapBytes: number; users: number; tenants: number; customers: number }
  const buildScript = fileURLToPath(new URL('./build.ts', import.meta.url));
  function build(kind: 'core' | 'full'): Build {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--max-old-space-size=1024', '--expose-gc', buildScript, '100000', '10', kind], { encoding: 'utf8' });
    return JSON.parse(out.trim().split('\n').pop()!) as Build;
  }
  const runs = [build('core'), build('core'), build('core')].sort((a, b) => a.seconds - b.seconds);
  const b = runs[1]!;
  const full = build('full');
  console.log(pc.bold(`3. Building a world of ${int(b.customers)} customers and ${int(b.users)} users (tenants, users, directory roles, relationships)`));
  console.log(`   child process under --max-old-space-size=1024 (the 1 GiB is enforced); median of 3`);
  console.log(`   model   ${fix(b.seconds).padStart(8)} s   heap held by the world ${int(b.heapBytes / MiB)} MiB`);
  console.log(`   floor   ${fix(b.floorSeconds).padStart(8)} s   (the same tenants and users as bare records in plain Maps)`);
  console.log(`   ratio   ${fix(b.seconds / b.floorSeconds).padStart(8)}×  (inputs — ids, names, UPNs — prepared beforehand in ${fix(b.planSeconds)} s, not counted)`);
  console.log(`   target  ≤ 3 s and ≤ 1 GiB  ${verdict('world build', b.seconds <= 3 && b.heapBytes <= 1024 * MiB)}`);
  console.log(pc.dim(`   with Azure subscriptions, role assignments and Autopilot devices too: ${fix(full.seconds)} s, ${int(full.heapBytes / MiB)} MiB (floor ${fix(full.floorSeconds)} s)`));
  console.log('');
}

if (want('mocks')) {
  // 4. The mocked endpoints (issue 4): in process and served, beside a bare node:http server answering the same JSON.
  interface MockFigures { mswPerSecond: number; barePerSecond: number; servedConcurrentPerSecond: number; bareConcurrentPerSecond: number }
  const mocksScript = fileURLToPath(new URL('./mocks.ts', import.meta.url));
  const m = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', mocksScript, '20000', '0'], { encoding: 'utf8' }).trim().split('\n').pop()!) as MockFigures;
  const inProcess = m.mswPerSecond / m.barePerSecond;
  const served = m.servedConcurrentPerSecond / m.bareConcurrentPerSecond;
  console.log(pc.bold('4. The mocked endpoints: Graph role members for a customer, a valid token, the model deciding'));
  console.log(`   in process (msw), sequential fetch    ${int(m.mswPerSecond).padStart(8)}/s   floor: bare node:http, same JSON ${int(m.barePerSecond).padStart(8)}/s   ratio ${fix(inProcess)}   target ≥ 0.9  ${verdict('mocks in process', inProcess >= 0.9)}`);
  console.log(`   dapsim serve, 64 concurrent (undici)  ${int(m.servedConcurrentPerSecond).padStart(8)}/s   floor: bare node:http, same JSON ${int(m.bareConcurrentPerSecond).padStart(8)}/s   ratio ${fix(served)}   target ≥ 0.5  ${verdict('mocks served', served >= 0.5)}`);
  // Memory: a bundle of bench/mocks-memory.ts under plain node, so RSS counts the mocks, not tsx's loader thread.
  const esbuild = await import('esbuild');
  // Inside the project, so the bundle's external packages (msw, …) resolve from its node_modules.
  const bundle = fileURLToPath(new URL(`../node_modules/.cache/dapsim/mocks-memory-${process.pid}.mjs`, import.meta.url));
  await esbuild.build({ entryPoints: [fileURLToPath(new URL('./mocks-memory.ts', import.meta.url))], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: bundle, target: 'node20', logLevel: 'silent' });
  const memoryRequests = Number(process.env['DAPSIM_BENCH_MEMORY_REQUESTS'] ?? 1_000_000);
  console.log(pc.dim(`   memory: ${int(memoryRequests)} requests in process (a few minutes)…`));
  const mem = JSON.parse(execFileSync(process.execPath, [bundle, String(memoryRequests)], { encoding: 'utf8', cwd: fileURLToPath(new URL('..', import.meta.url)) }).trim().split('\n').pop()!) as { seconds: number; startRssBytes: number; peakRssBytes: number };
  console.log(`   memory over ${int(memoryRequests)} in-process requests (yielding every 100): RSS ${int(mem.startRssBytes / MiB)} MiB at start, peak ${int(mem.peakRssBytes / MiB)} MiB (${fix(mem.seconds, 0)} s)   target ≤ 200 MB  ${verdict('mocks memory', mem.peakRssBytes <= 200 * 1000 * 1000)}`);
  console.log('');
}

if (want('check')) {
  // 5. dapsim check (issue 5): steps per second, beside fast-check's ceiling with a trivial model.
  const CHECK_TARGET = 0.75;
  const c = await benchCheck(300, 5, 100);
  console.log(pc.bold('5. dapsim check: generated sequences, steps per second (each step performed on the model and the target and compared; listings compared after every change)'));
  console.log(`   ${c.runs} sequences of up to 40 steps per round, median of 5 rounds; the ceiling runs the same generated worlds and steps through fast-check with commands that do nothing`);
  console.log(`   against the model target (in process)      ${int(c.modelStepsPerSecond).padStart(8)} steps/s   ratio to ceiling ${fix(c.modelRatio, 3)}   target ≥ ${CHECK_TARGET}  ${verdict('check against the model target', c.modelRatio >= CHECK_TARGET)}`);
  console.log(`   against the mocked endpoints (HTTP, in process) ${int(c.httpStepsPerSecond).padStart(8)} steps/s   ratio to ceiling ${fix(c.httpRatio, 3)}`);
  console.log(`   ceiling: fast-check, trivial model         ${int(c.ceilingStepsPerSecond).padStart(8)} steps/s`);
  console.log('');
}

if (misses.length > 0) {
  console.log(pc.red(`Targets missed: ${misses.join(', ')}.`));
  process.exitCode = 1;
} else {
  console.log(pc.green('All targets met.'));
}
