/**
 * Benchmark worlds of any size, built through the model's own set-up operations (the same
 * validation a scenario's world gets). Ids are GUID-shaped counters: cheap, unique, deterministic.
 */
import { AZURE_ROLE, ROLE_TEMPLATE, World, setup, type Invalid } from '../model/index.ts';

export interface BenchWorldSpec {
  readonly customers: number;
  readonly usersPerCustomer: number;
  /** Azure subscriptions and Autopilot devices as described below; on unless turned off. */
  readonly extras?: boolean;
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

const PREFIX: Record<string, string> = { partner: 'a0000000', customer: 'c0000000', user: 'b0000000', sub: 'd0000000', device: 'e0000000', profile: 'f0000000', group: '90000000' };

export function guid(kind: keyof typeof PREFIX, n: number): string {
  return `${PREFIX[kind]}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

function ok(r: string | Invalid): string {
  if (typeof r !== 'string') throw new Error(`benchmark world set-up failed: ${r.code} ${r.path} ${r.message}`);
  return r;
}

/**
 * One partner per 500 customers (at least 10), each with 4 Admin, 4 Helpdesk and 2 Sales agents
 * and 2 plain users. Customer i: a Global admin, a Helpdesk Administrator, plain users; related to
 * partner i mod P (reseller, and DAP for three in four), every fifth also to the next partner
 * with DAP only; every second has a partner-provisioned Azure subscription, every third one of its
 * own; every fourth has two Autopilot devices (one partner-added, one from Intune) and a profile.
 */
export function buildBenchWorld(spec: BenchWorldSpec): BenchWorld {
  const world = new World();
  let userN = 0;
  const partnerCount = Math.max(10, Math.ceil(spec.customers / 500));
  const partners: string[] = [];
  const agents = new Map<string, { admin: string[]; helpdesk: string[]; sales: string[]; plain: string[] }>();
  const offers = new Map<string, string>();
  for (let p = 0; p < partnerCount; p++) {
    const id = ok(setup.addPartner(world, {
      id: guid('partner', p), name: `Partner ${p}`, defaultDomain: `p${p}.onmicrosoft.com`,
      agentGroupIds: { AdminAgents: guid('group', p * 3), HelpdeskAgents: guid('group', p * 3 + 1), SalesAgents: guid('group', p * 3 + 2) },
    }));
    partners.push(id);
    const mk = (n: number, group?: 'AdminAgents' | 'HelpdeskAgents' | 'SalesAgents') => Array.from({ length: n }, () => {
      const uid = ok(setup.addUser(world, { id: guid('user', userN), tenantId: id, userPrincipalName: `agent${userN++}@p${p}.onmicrosoft.com`, offerSwitch: true }));
      if (group) ok(setup.addAgent(world, { userId: uid, group }));
      return uid;
    });
    agents.set(id, { admin: mk(4, 'AdminAgents'), helpdesk: mk(4, 'HelpdeskAgents'), sales: mk(2, 'SalesAgents'), plain: mk(2) });
    offers.set(id, ok(setup.addOffer(world, { id: `offer-${p}`, partnerId: id })));
  }
  // Display names are inputs; real directories repeat them too, and sharing the strings keeps the benchmark about the model.
  const names = Array.from({ length: spec.usersPerCustomer }, (_, u) => `User ${u}`);
  const customers: string[] = [];
  const subscriptions: { subscriptionId: string; customerIndex: number }[] = [];
  const devices: { customerId: string; customerIndex: number; deviceId: string; profileId: string }[] = [];
  for (let c = 0; c < spec.customers; c++) {
    const id = ok(setup.addCustomer(world, { id: guid('customer', c), name: `Customer ${c}`, defaultDomain: `c${c}.onmicrosoft.com` }));
    customers.push(id);
    for (let u = 0; u < spec.usersPerCustomer; u++) {
      const uid = ok(setup.addUser(world, { id: guid('user', userN++), tenantId: id, userPrincipalName: `u${u}@c${c}.onmicrosoft.com`, displayName: names[u]! }));
      if (u === 0) ok(setup.assignDirectoryRole(world, { tenantId: id, role: ROLE_TEMPLATE.GlobalAdministrator, principalId: uid }));
      if (u === 1) ok(setup.assignDirectoryRole(world, { tenantId: id, role: ROLE_TEMPLATE.HelpdeskAdministrator, principalId: uid }));
    }
    const home = partners[c % partnerCount]!;
    ok(setup.relate(world, { partnerId: home, customerId: id, reseller: true, dap: c % 4 !== 3 }));
    if (c % 5 === 0) ok(setup.relate(world, { partnerId: partners[(c + 1) % partnerCount]!, customerId: id, reseller: false, dap: true }));
    if (spec.extras === false) continue;
    if (c % 2 === 0) subscriptions.push({ subscriptionId: ok(setup.addSubscription(world, { id: guid('sub', c * 2), customerId: id, provisionedBy: home, ownerAssignmentId: guid('sub', c * 2 + 1) })), customerIndex: c });
    if (c % 3 === 0) {
      const subscriptionId = ok(setup.addSubscription(world, { id: guid('sub', spec.customers * 2 + c), customerId: id }));
      ok(setup.addRoleAssignment(world, { id: guid('sub', spec.customers * 3 + c), subscriptionId, roleDefinitionId: AZURE_ROLE.Owner, principalId: world.tenant(id)!.userIds[0]! }));
      subscriptions.push({ subscriptionId, customerIndex: c });
    }
    if (c % 4 === 0) {
      const profileId = ok(setup.addAutopilotProfile(world, { id: guid('profile', c), customerId: id, name: 'Standard' }));
      const deviceId = ok(setup.addDevice(world, { id: guid('device', c * 2), customerId: id, serialNumber: `SN${c * 2}`, source: 'partner', addedByPartnerId: home }));
      ok(setup.addDevice(world, { id: guid('device', c * 2 + 1), customerId: id, serialNumber: `SN${c * 2 + 1}`, source: 'intune' }));
      devices.push({ customerId: id, customerIndex: c, deviceId, profileId });
    }
  }
  return { world, partners, customers, agents, offers, subscriptions, devices };
}
