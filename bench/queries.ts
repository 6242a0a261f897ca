/**
 * Per-tenant queries at two world sizes: the same queries about one tenant (a customer's role
 * members, users, Partner relationships page, a subscription's role assignments, its Autopilot
 * devices) in a world of 10,000 and of 100,000 customers. The cost must not grow with the world.
 *
 * Two readings per size. "working set": queries about the same number (1,000) of distinct
 * tenants in both worlds, so the figure isolates the algorithm: a query that scanned every tenant
 * would still be ~10x slower in the big world. "spread": queries about any tenant of the world,
 * uniformly, which adds the CPU cache's cost of a 10x larger heap; shown for information.
 */
import { performance } from 'node:perf_hooks';
import { ROLE_TEMPLATE, query } from '../model/index.ts';
import { prng } from './prng.ts';
import { buildBenchWorld, type BenchWorld } from './world.ts';

export interface QueryFigure {
  readonly name: string;
  /** Microseconds per query over a working set of 1,000 tenants, keyed by world size (customers). */
  readonly micros: Record<number, number>;
  /** Microseconds per query over every tenant of the world, keyed by world size. */
  readonly spreadMicros: Record<number, number>;
}

const WORKING_SET = 1_000;

type Probe = { actor: string; q: { type: string } & Record<string, unknown> };

function probes(bench: BenchWorld, name: string, count: number, spread: boolean): Probe[] {
  const rand = prng(99);
  const out: Probe[] = [];
  // Customers (and their subscriptions, devices) drawn from a fixed working set, or from everything.
  const pool = spread ? bench.customers.length : Math.min(WORKING_SET, bench.customers.length);
  const subs = spread ? bench.subscriptions : bench.subscriptions.filter((s) => s.customerIndex < pool);
  const devs = spread ? bench.devices : bench.devices.filter((d) => d.customerIndex < pool);
  while (out.length < count) {
    const ci = Math.floor(rand() * pool);
    const customerId = bench.customers[ci]!;
    const ga = bench.world.tenant(customerId)!.users[0]!.id;
    const homeAdmin = bench.agents.get(bench.partners[ci % bench.partners.length]!)!.admin[0]!;
    if (name === 'directoryRoleMembers') out.push({ actor: ga, q: { type: name, tenantId: customerId, roleId: ROLE_TEMPLATE.GlobalAdministrator } });
    else if (name === 'users') out.push({ actor: ga, q: { type: name, tenantId: customerId } });
    else if (name === 'partnerRelationships') out.push({ actor: ga, q: { type: name, customerId } });
    else if (name === 'roleAssignments') {
      // The partner's Admin agent reads what it provisioned; the customer's Global admin what it created.
      const sub = subs[Math.floor(rand() * subs.length)]!;
      const provisioned = bench.world.subscriptions.get(sub.subscriptionId)!.origin.by === 'partner';
      const actor = provisioned
        ? bench.agents.get(bench.partners[sub.customerIndex % bench.partners.length]!)!.admin[0]!
        : bench.world.tenant(bench.customers[sub.customerIndex]!)!.users[0]!.id;
      out.push({ actor, q: { type: name, subscriptionId: sub.subscriptionId } });
    } else if (name === 'autopilotDevices') {
      const d = devs[Math.floor(rand() * devs.length)]!;
      out.push({ actor: bench.agents.get(bench.partners[d.customerIndex % bench.partners.length]!)!.admin[0]!, q: { type: name, customerId: d.customerId } });
    } else out.push({ actor: homeAdmin, q: { type: name, customerId } });
  }
  return out;
}

const NAMES = ['directoryRoleMembers', 'users', 'partnerRelationships', 'roleAssignments', 'autopilotDevices'];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Runs the probes once, untimed, to check every one is allowed: a refused query would time the wrong path. */
function checkProbes(bench: BenchWorld, name: string, ps: readonly Probe[]): void {
  for (const p of ps) {
    const d = query(bench.world, p.actor, p.q);
    if (d.outcome !== 'allowed') throw new Error(`benchmark query ${name} was ${d.outcome}: ${d.code} ${d.message}`);
  }
}

function timeProbes(bench: BenchWorld, ps: readonly Probe[], reps: number): number {
  const runs: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t = performance.now();
    for (let i = 0; i < ps.length; i++) query(bench.world, ps[i]!.actor, ps[i]!.q);
    runs.push(((performance.now() - t) * 1000) / ps.length);
  }
  return median(runs);
}

/**
 * The floor beside the query figures: the two lookups every query starts with — its actor in the
 * world's user table and its tenant in the tenant table — as plain Map.get calls over the same
 * working set (or over every tenant), on Maps holding the world's users and tenants. It grows with
 * the world exactly as much as the hardware makes a lookup in a bigger Map grow.
 */
function floorMicros(bench: BenchWorld, count: number, spread: boolean, reps: number): number {
  const rand = prng(7);
  const pool = spread ? bench.customers.length : Math.min(WORKING_SET, bench.customers.length);
  const keys = Array.from({ length: count }, () => bench.customers[Math.floor(rand() * pool)]!);
  const actors = keys.map((k) => bench.world.tenant(k)!.users[0]!.id);
  // Plain Maps: the world's own tables are IdTables (model/idtable.ts), which the floor is not.
  const users = new Map(bench.world.users);
  const tenants = new Map(bench.world.tenants);
  const runs: number[] = [];
  let found = 0;
  for (let r = 0; r < reps + 1; r++) {
    const t = performance.now();
    for (let i = 0; i < keys.length; i++) if (users.get(actors[i]!) !== undefined && tenants.get(keys[i]!) !== undefined) found++;
    if (r > 0) runs.push(((performance.now() - t) * 1000) / keys.length);
  }
  if (found === 0) throw new Error('floor probes found nothing');
  return median(runs);
}

export interface QueryBench {
  readonly figures: QueryFigure[];
  /** Map.get floor in microseconds, working set and spread, keyed by world size. */
  readonly floor: Record<number, { local: number; spread: number }>;
}

export function benchQueries(sizes: readonly number[] = [10_000, 100_000], perQuery = 100_000, reps = 5): QueryBench {
  const figures = NAMES.map((name) => ({ name, micros: {} as Record<number, number>, spreadMicros: {} as Record<number, number> }));
  const floor: Record<number, { local: number; spread: number }> = {};
  for (const size of sizes) {
    // Each size its own ids: the second world would otherwise share the first one's internalized id strings.
    const bench = buildBenchWorld({ customers: size, usersPerCustomer: 10, idSpace: `queries-${size}` });
    floor[size] = { local: floorMicros(bench, perQuery, false, reps), spread: floorMicros(bench, perQuery, true, reps) };
    for (const figure of figures) {
      const local = probes(bench, figure.name, perQuery, false);
      const spread = probes(bench, figure.name, perQuery, true);
      checkProbes(bench, figure.name, local);
      checkProbes(bench, figure.name, spread);
      figure.micros[size] = timeProbes(bench, local, reps);
      figure.spreadMicros[size] = timeProbes(bench, spread, reps);
    }
  }
  return { figures, floor };
}
