/**
 * A seeded mix of actions over a benchmark world: allowed and refused, by partner agents of every
 * kind and by customer admins, touching the directory, Azure, Autopilot, service requests, offers,
 * removal and re-grant. Generated before timing starts, so the timed loop is the model alone.
 */
import type { Profile } from '../model/index.ts';
import type { BenchWorld } from './world.ts';
import { pickFrom, prng } from './prng.ts';

export interface Step {
  readonly actor: string;
  readonly action: { readonly type: string } & Record<string, unknown>;
  readonly options: { readonly profile: Profile; readonly now: string };
}

const NOW = '2026-06-01T00:00:00.000Z';
const CURRENT = { profile: 'current', now: NOW } as const;
const PROPOSED = { profile: 'proposed', now: NOW } as const;

/**
 * `burst`: how many consecutive actions go to one customer before the next is drawn. 1 draws a new
 * customer for every action (the worst case for the CPU cache); 8 is a session, as a scenario or
 * an agent's visit works one tenant for several steps. Customers are drawn uniformly from all of
 * the world either way. `pool` limits the customers touched to the first `pool`; all by default.
 */
export function workload(bench: BenchWorld, count: number, seed: number, pool = bench.customers.length, burst = 1): Step[] {
  const rand = prng(seed);
  const { world, partners, customers, agents, offers, subscriptions, devices } = bench;
  const steps: Step[] = [];
  const localSubs = subscriptions.filter((x) => x.customerIndex < pool);
  const localDevices = devices.filter((x) => x.customerIndex < pool);
  const agentOf = (partnerId: string): string => {
    const a = agents.get(partnerId)!;
    const r = rand();
    return r < 0.45 ? pickFrom(rand, a.admin) : r < 0.8 ? pickFrom(rand, a.helpdesk) : r < 0.92 ? pickFrom(rand, a.sales) : pickFrom(rand, a.plain);
  };
  const homeOf = (customerIndex: number): string => partners[customerIndex % partners.length]!;
  const userOf = (customerId: string, n: number): string => world.tenant(customerId)!.users[n % world.tenant(customerId)!.users.length]!.id;

  let ci = 0;
  while (steps.length < count) {
    if (steps.length % burst === 0) ci = Math.floor(rand() * pool);
    const customerId = customers[ci]!;
    const home = homeOf(ci);
    const r = rand();
    let step: Step;
    if (r < 0.22) {
      // Any partner's agent signs in: allowed with DAP, refused without (CONSENT-REQUIRED, GRANT-SIGNIN).
      step = { actor: agentOf(pickFrom(rand, partners)), action: { type: 'signIn', tenantId: customerId }, options: CURRENT };
    } else if (r < 0.37) {
      step = { actor: agentOf(home), action: { type: 'resetPassword', tenantId: customerId, userId: userOf(customerId, Math.floor(rand() * 10)) }, options: CURRENT };
    } else if (r < 0.45) {
      step = { actor: agentOf(home), action: { type: 'manageLicenses', tenantId: customerId, userId: userOf(customerId, 3), sku: 'ENTERPRISEPACK', assign: rand() < 0.5 }, options: CURRENT };
    } else if (r < 0.57) {
      // The home partner's agents (AdminAgents Owner where it provisioned) or the customer's Global admin.
      const sub = pickFrom(rand, localSubs);
      const actor = rand() < 0.8 ? agentOf(homeOf(sub.customerIndex)) : userOf(customers[sub.customerIndex]!, 0);
      step = { actor, action: { type: 'manageAzureResources', subscriptionId: sub.subscriptionId }, options: CURRENT };
    } else if (r < 0.67) {
      const d = pickFrom(rand, localDevices);
      step = { actor: agentOf(homeOf(d.customerIndex)), action: { type: 'applyAutopilotProfile', customerId: d.customerId, profileId: d.profileId, deviceIds: [d.deviceId] }, options: rand() < 0.5 ? CURRENT : PROPOSED };
    } else if (r < 0.72) {
      step = { actor: agentOf(home), action: { type: 'mdmOperation', tenantId: customerId }, options: CURRENT };
    } else if (r < 0.76) {
      step = { actor: agentOf(home), action: { type: 'openServiceRequest', customerId, title: 'Mailbox quota' }, options: CURRENT };
    } else if (r < 0.80) {
      step = { actor: pickFrom(rand, agents.get(home)!.admin), action: { type: 'createOffer' }, options: CURRENT };
    } else if (r < 0.88) {
      // The partner gives DAP up (REVOKE-BY-PARTNER)...
      step = { actor: agentOf(home), action: { type: 'giveUpDap', customerId }, options: CURRENT };
    } else if (r < 0.96) {
      // ...and the customer's Global admin (or, refused, another user) grants it again (REVOKE-REGRANT).
      step = { actor: userOf(customerId, rand() < 0.85 ? 0 : 4), action: { type: 'acceptOffer', offerId: offers.get(home)!, customerId }, options: CURRENT };
    } else {
      step = { actor: userOf(customerId, 0), action: { type: 'selectPartnerForRemoval', partnerId: home }, options: CURRENT };
    }
    steps.push(step);
  }
  return steps;
}
