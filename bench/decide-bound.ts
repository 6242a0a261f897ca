/**
 * A bound for figure 1, not a figure: the same workload on the same world, but each action only
 * looks up the records its decision needs and reads the fields the rules read — no validation,
 * no provenance, no decision or effect objects, no change to the world. What the model does
 * beyond that is its own overhead; what this costs is what any implementation keyed by the
 * actions' string ids pays on this machine.
 *
 *   npx tsx bench/decide-bound.ts [customers=10000]
 *
 * Both loops run alternately in one process, medians of 7 passes. It mirrors the lookups of
 * model/rules/ by hand, so it goes stale when they change; it is a measuring aid only.
 */
import { performance } from 'node:perf_hooks';
import { type CustomerTenant, type PartnerTenant, type Tenant, type User, type World } from '../model/index.ts';
import { decideAll, median } from './decide.ts';
import { buildBenchWorld } from './world.ts';
import { workload, type Step } from './workload.ts';

const customers = Number(process.argv[2] ?? 10_000);
const bench = buildBenchWorld({ customers, usersPerCustomer: 10 });
const world: World = bench.world;
const steps = workload(bench, 200_000, 20261121);

type Lookups = (actor: User, partner: PartnerTenant | undefined, a: Readonly<Record<string, unknown>>) => number;

const customerOf = (id: unknown): CustomerTenant => world.tenants.get(id as string) as CustomerTenant;
const dapOf = (partner: PartnerTenant | undefined, customerId: unknown): number => (partner?.relationships.get(customerId as string)?.dap === true ? 1 : 0);

/** Tenant, the partner's relationship with it, and the fields a tenant-level rule reads. */
const inTenant: Lookups = (_actor, partner, a) => {
  const id = a['tenantId'] ?? a['customerId'];
  const t = customerOf(id);
  return t.partnerCount + dapOf(partner, id) + (t.cloud === partner?.cloud ? 1 : 0);
};

/** Tenant, target user and relationship: a directory task on a user. */
const inDirectory: Lookups = (actor, partner, a) => {
  const t: Tenant = customerOf(a['tenantId']);
  const u = world.users.get(a['userId'] as string)!;
  return (u.home === t ? 1 : 0) + u.roleMask + dapOf(partner, a['tenantId']) + actor.agentMask;
};

const LOOKUPS: Readonly<Record<string, Lookups>> = {
  signIn: inTenant,
  mdmOperation: inTenant,
  openServiceRequest: inTenant,
  giveUpDap: inTenant,
  resetPassword: inDirectory,
  manageLicenses: inDirectory,
  manageAzureResources: (actor, partner, a) => {
    const sub = world.subscriptions.get(a['subscriptionId'] as string)!;
    let n = 0;
    for (const x of sub.assignments) if (x.principalId === actor.id) n++;
    return n + dapOf(partner, sub.customerId);
  },
  applyAutopilotProfile: (_actor, partner, a) => {
    const t = customerOf(a['customerId']);
    const profile = world.profiles.get(a['profileId'] as string)!;
    const device = world.devices.get((a['deviceIds'] as string[])[0]!)!;
    return (profile.customerId === t.id ? 1 : 0) + (device.source === 'partner' ? 1 : 0) + dapOf(partner, a['customerId']);
  },
  acceptOffer: (actor, _partner, a) => {
    const offer = world.offers.get(a['offerId'] as string)!;
    const offering = world.tenants.get(offer.partnerId) as PartnerTenant;
    const t = customerOf(a['customerId']);
    return (offer.acceptedBy.has(t.id) ? 1 : 0) + actor.roleMask + dapOf(offering, a['customerId']);
  },
  selectPartnerForRemoval: (actor, _partner, a) => {
    const offering = world.tenants.get(a['partnerId'] as string) as PartnerTenant;
    const t = actor.home as CustomerTenant;
    return actor.roleMask + dapOf(offering, actor.tenantId) + (t.removal === undefined ? 0 : 1);
  },
  createOffer: () => 0,
};

function lookupsOnly(all: readonly Step[]): number {
  let sum = 0;
  for (let i = 0; i < all.length; i++) {
    const s = all[i]!;
    const actor = world.users.get(s.actor)!;
    const partner = actor.home.kind === 'partner' ? actor.home : undefined;
    sum += LOOKUPS[s.action.type]!(actor, partner, s.action);
  }
  return sum;
}

const rate = (run: () => number): number => {
  const t = performance.now();
  run();
  return steps.length / ((performance.now() - t) / 1000);
};

const missing = [...new Set(steps.map((s) => s.action.type))].filter((type) => LOOKUPS[type] === undefined);
if (missing.length > 0) {
  console.error(`decide-bound: the workload has actions it has no lookups for: ${missing.join(', ')}. Add them to LOOKUPS beside the others.`);
  process.exit(2);
}
for (let i = 0; i < 2; i++) { decideAll(world, steps); lookupsOnly(steps); }
const bound: number[] = [];
const model: number[] = [];
for (let r = 0; r < 7; r++) {
  bound.push(rate(() => lookupsOnly(steps)));
  model.push(rate(() => decideAll(world, steps)));
}
const int = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(`${int(customers)} customers: lookups only ${int(median(bound))}/s, model ${int(median(model))}/s, model at ${(median(model) / median(bound)).toFixed(2)} of the bound`);
