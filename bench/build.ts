/**
 * Child process of `npm run bench`: builds one world and prints one JSON line. Runs under
 * --max-old-space-size=1024, so "within 1 GiB of heap" is enforced, not only measured.
 *
 * Figures: the model's set-up of the world (timed), the preparation of its inputs (reported, not
 * counted), the heap the world holds after a full GC, and a floor measured in the same process:
 * the same tenants and users stored as plain objects in plain Maps, with no validation or rules.
 */
import { performance } from 'node:perf_hooks';
import { applyPlan, planBenchWorld } from './world.ts';

const customers = Number(process.argv[2] ?? 100_000);
const usersPerCustomer = Number(process.argv[3] ?? 10);
const extras = process.argv[4] !== 'core';
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');

let t = performance.now();
const plan = planBenchWorld({ customers, usersPerCustomer, extras });
const planSeconds = (performance.now() - t) / 1000;

gc();
const heapBefore = process.memoryUsage().heapUsed;
t = performance.now();
const built = applyPlan(plan);
const seconds = (performance.now() - t) / 1000;
gc();
const heapBytes = process.memoryUsage().heapUsed - heapBefore;
const users = built.world.users.size;
const tenants = built.world.tenants.size;

// The floor: the same customers and users, as bare records in two Maps and per-tenant arrays.
t = performance.now();
const floorTenants = new Map<string, { id: string; name: string; domain: string; userIds: string[] }>();
const floorUsers = new Map<string, { id: string; tenantId: string; upn: string; displayName: string }>();
for (const c of plan.customers) {
  const tenant = { id: c.id, name: c.name, domain: c.domain, userIds: [] as string[] };
  floorTenants.set(c.id, tenant);
  for (let u = 0; u < c.userIds.length; u++) {
    const id = c.userIds[u]!;
    if (floorUsers.has(id)) throw new Error('duplicate id');
    floorUsers.set(id, { id, tenantId: c.id, upn: c.upns[u]!, displayName: plan.displayNames[u]! });
    tenant.userIds.push(id);
  }
}
const floorSeconds = (performance.now() - t) / 1000;

process.stdout.write(`${JSON.stringify({ customers, usersPerCustomer, extras, users, tenants, seconds, planSeconds, floorSeconds, heapBytes, floorUsers: floorUsers.size })}\n`);
