/**
 * Benchmark worlds of any size, built through the model's own set-up operations (the same
 * validation a scenario's world gets). Building is two phases: `planBenchWorld` prepares the
 * inputs (ids, names, UPNs: the data a scenario file or generator would hand over) and
 * `applyPlan` feeds them to the model. The build benchmark times the second phase and reports the
 * first beside it.
 */
import { AZURE_ROLE, ROLE_TEMPLATE, World, setup, type Invalid } from '../model/index.ts';
import { sequenceGuid, sequenceSeed } from '../model/ids.ts';

export interface BenchWorldSpec {
  readonly customers: number;
  readonly usersPerCustomer: number;
  /** Azure subscriptions and Autopilot devices as described below; on unless turned off. */
  readonly extras?: boolean;
  /**
   * The namespace the ids derive from; "dapsim-bench" unless given. Two worlds in one process with
   * the same ids end up sharing their id strings once the model's tables internalize them (see
   * model/idtable.ts), which favours one world over the other: decide-ab gives each its own.
   */
  readonly idSpace?: string | undefined;
}

export interface BenchWorld {
  readonly world: World;
  readonly partners: readonly string[];
  readonly customers: readonly string[];
  /** Per partner: [admin agents, helpdesk agents, sales agents, plain users]. */
  readonly agents: ReadonlyMap<string, { admin: string[]; helpdesk: string[]; sales: string[]; plain: string[] }>;
  /** Each partner's delegated-admin offer. */
  readonly offers: ReadonlyMap<string, string>;
  readonly subscriptions: readonly { subscriptionId: string; customerIndex: number }[];
  readonly devices: readonly { customerId: string; customerIndex: number; deviceId: string; profileId: string }[];
}

const ID_KINDS = ['partner', 'customer', 'user', 'sub', 'device', 'profile', 'group'] as const;
type IdKind = (typeof ID_KINDS)[number];
type IdSeeds = Readonly<Record<IdKind, number>>;
const seedsFor = (space: string): IdSeeds => Object.fromEntries(ID_KINDS.map((kind) => [kind, sequenceSeed(space, kind)])) as IdSeeds;
const DEFAULT_SEEDS = seedsFor('dapsim-bench');
const seedsOf = (spec: BenchWorldSpec): IdSeeds => (spec.idSpace === undefined ? DEFAULT_SEEDS : seedsFor(spec.idSpace));

/**
 * The n-th id of a kind: a random-looking version-4 GUID, as directory objects, tenants and
 * subscriptions have, derived (never drawn) so every run builds the same world. Numbered ids with
 * a shared prefix ("c0000000-0000-4000-8000-000000000017") made every comparison of two different
 * ids, in a Map's hash chain or an `===`, read 28 equal characters before the first difference:
 * StringEqual was 12% of the decide benchmark's instructions (cachegrind). Real GUIDs differ in
 * their first character fifteen times in sixteen.
 */
export function guid(kind: IdKind, n: number, seeds: IdSeeds = DEFAULT_SEEDS): string {
  return sequenceGuid(seeds[kind], n);
}

/**
 * The same text as one flat string, the way ids and names arrive from JSON or YAML. A template
 * literal makes a rope (V8's ConsString); flattening it in place (reading every character, as
 * `Number(s)` does) leaves a 32-byte ConsString in front of the flat copy, so every hash or
 * comparison of the id takes one more pointer hop. In the 10,000-customer world that was 333,000
 * wrappers, 10 MiB of a 57 MiB heap: the benchmark measured its own string representation, not
 * the model's. A JSON round trip returns a new sequential string.
 */
function flat(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

function ok(r: string | Invalid): string {
  if (typeof r !== 'string') throw new Error(`benchmark world set-up failed: ${r.code} ${r.path} ${r.message}`);
  return r;
}

interface CustomerPlan {
  readonly id: string;
  readonly name: string;
  readonly domain: string;
  readonly userIds: string[];
  readonly upns: string[];
}

export interface BenchPlan {
  readonly spec: BenchWorldSpec;
  readonly partnerCount: number;
  readonly customers: CustomerPlan[];
  readonly displayNames: readonly string[];
}

/** The inputs: every id, name and UPN the world will hold. */
export function planBenchWorld(spec: BenchWorldSpec): BenchPlan {
  const seeds = seedsOf(spec);
  let userN = 1_000_000_000; // partner agents are numbered from 0
  const displayNames = Array.from({ length: spec.usersPerCustomer }, (_, u) => `User ${u}`);
  const customers: CustomerPlan[] = [];
  for (let c = 0; c < spec.customers; c++) {
    const domain = flat(`c${c}.onmicrosoft.com`);
    const userIds: string[] = [];
    const upns: string[] = [];
    for (let u = 0; u < spec.usersPerCustomer; u++) {
      userIds.push(guid('user', userN++, seeds));
      upns.push(flat(`u${u}@${domain}`));
    }
    customers.push({ id: guid('customer', c, seeds), name: flat(`Customer ${c}`), domain, userIds, upns });
  }
  return { spec, partnerCount: Math.max(10, Math.ceil(spec.customers / 500)), customers, displayNames };
}

/**
 * One partner per 500 customers (at least 10), each with 4 Admin, 4 Helpdesk and 2 Sales agents,
 * 2 plain users and its delegated-admin offer. Customer i: a Global admin, a Helpdesk
 * Administrator, plain users; related to partner i mod P (reseller, and DAP for three in four),
 * every fifth also to the next partner with DAP only. With extras: every second customer has a
 * partner-provisioned Azure subscription, every third one of its own (its Global admin Owner),
 * every fourth two Autopilot devices (one partner-added, one from Intune) and a profile.
 */
export function applyPlan(plan: BenchPlan): BenchWorld {
  const { spec, partnerCount } = plan;
  const seeds = seedsOf(spec);
  const world = new World();
  let agentN = 0;
  const partners: string[] = [];
  const agents = new Map<string, { admin: string[]; helpdesk: string[]; sales: string[]; plain: string[] }>();
  const offers = new Map<string, string>();
  for (let p = 0; p < partnerCount; p++) {
    const id = ok(setup.addPartner(world, {
      id: guid('partner', p, seeds), name: `Partner ${p}`, defaultDomain: `p${p}.onmicrosoft.com`,
      agentGroupIds: { AdminAgents: guid('group', p * 3, seeds), HelpdeskAgents: guid('group', p * 3 + 1, seeds), SalesAgents: guid('group', p * 3 + 2, seeds) },
    }));
    partners.push(id);
    const mk = (n: number, group?: 'AdminAgents' | 'HelpdeskAgents' | 'SalesAgents') => Array.from({ length: n }, () => {
      const uid = ok(setup.addUser(world, { id: guid('user', agentN, seeds), tenantId: id, userPrincipalName: `agent${agentN++}@p${p}.onmicrosoft.com`, offerSwitch: true }));
      if (group) ok(setup.addAgent(world, { userId: uid, group }));
      return uid;
    });
    agents.set(id, { admin: mk(4, 'AdminAgents'), helpdesk: mk(4, 'HelpdeskAgents'), sales: mk(2, 'SalesAgents'), plain: mk(2) });
    offers.set(id, ok(setup.addOffer(world, { id: `offer-${p}`, partnerId: id })));
  }
  const customers: string[] = [];
  const subscriptions: { subscriptionId: string; customerIndex: number }[] = [];
  const devices: { customerId: string; customerIndex: number; deviceId: string; profileId: string }[] = [];
  for (let c = 0; c < plan.customers.length; c++) {
    const cp = plan.customers[c]!;
    const id = ok(setup.addCustomer(world, { id: cp.id, name: cp.name, defaultDomain: cp.domain }));
    customers.push(id);
    for (let u = 0; u < cp.userIds.length; u++) {
      const uid = ok(setup.addUser(world, { id: cp.userIds[u]!, tenantId: id, userPrincipalName: cp.upns[u]!, displayName: plan.displayNames[u]! }));
      if (u === 0) ok(setup.assignDirectoryRole(world, { tenantId: id, role: ROLE_TEMPLATE.GlobalAdministrator, principalId: uid }));
      if (u === 1) ok(setup.assignDirectoryRole(world, { tenantId: id, role: ROLE_TEMPLATE.HelpdeskAdministrator, principalId: uid }));
    }
    const home = partners[c % partnerCount]!;
    ok(setup.relate(world, { partnerId: home, customerId: id, reseller: true, dap: c % 4 !== 3 }));
    if (c % 5 === 0) ok(setup.relate(world, { partnerId: partners[(c + 1) % partnerCount]!, customerId: id, reseller: false, dap: true }));
    if (spec.extras === false) continue;
    if (c % 2 === 0) {
      const subscriptionId = ok(setup.addSubscription(world, { id: guid('sub', c * 4, seeds), customerId: id, provisionedBy: home, ownerAssignmentId: guid('sub', c * 4 + 1, seeds) }));
      subscriptions.push({ subscriptionId, customerIndex: c });
    }
    if (c % 3 === 0) {
      const subscriptionId = ok(setup.addSubscription(world, { id: guid('sub', c * 4 + 2, seeds), customerId: id }));
      ok(setup.addRoleAssignment(world, { id: guid('sub', c * 4 + 3, seeds), subscriptionId, roleDefinitionId: AZURE_ROLE.Owner, principalId: cp.userIds[0]! }));
      subscriptions.push({ subscriptionId, customerIndex: c });
    }
    if (c % 4 === 0) {
      const profileId = ok(setup.addAutopilotProfile(world, { id: guid('profile', c, seeds), customerId: id, name: 'Standard' }));
      const deviceId = ok(setup.addDevice(world, { id: guid('device', c * 2, seeds), customerId: id, serialNumber: `SN${c * 2}`, source: 'partner', addedByPartnerId: home }));
      ok(setup.addDevice(world, { id: guid('device', c * 2 + 1, seeds), customerId: id, serialNumber: `SN${c * 2 + 1}`, source: 'intune' }));
      devices.push({ customerId: id, customerIndex: c, deviceId, profileId });
    }
  }
  return { world, partners, customers, agents, offers, subscriptions, devices };
}

export function buildBenchWorld(spec: BenchWorldSpec): BenchWorld {
  return applyPlan(planBenchWorld(spec));
}
