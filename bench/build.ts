/**
 * Child process of `npm run bench`: builds a world of the given size and reports, as one JSON line,
 * how long it took and the heap it holds afterwards (after a full GC). Run under
 * --max-old-space-size=1024 so "within 1 GiB of heap" is enforced, not just measured.
 */
import { performance } from 'node:perf_hooks';
import { buildBenchWorld } from './world.ts';

const customers = Number(process.argv[2] ?? 100_000);
const usersPerCustomer = Number(process.argv[3] ?? 10);
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const start = performance.now();
const built = buildBenchWorld({ customers, usersPerCustomer, extras: process.argv[4] !== 'core' });
const seconds = (performance.now() - start) / 1000;
gc?.();
const heapAfter = process.memoryUsage().heapUsed;
process.stdout.write(`${JSON.stringify({
  customers: built.customers.length, users: built.world.users.size, tenants: built.world.tenants.size, seconds,
  heapBytes: heapAfter - heapBefore, heapLimitBytes: 1024 * 1024 * 1024,
})}\n`);
