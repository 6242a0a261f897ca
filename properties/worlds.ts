/**
 * Generated worlds, written in the scenario format's `given` so that a shrunk failure is already
 * half a scenario file. Names are structural (`p1-admin1`, `c2-sub1`) so a reader sees at once
 * who is who; display names, ids and serial numbers come from faker when the world is
 * materialised, seeded like everything else.
 *
 * Every world has several partners (certified or not, in both clouds), customers with a user in
 * each directory role, relationships of every kind, Azure subscriptions created by the customer or
 * provisioned by a partner (with assignments to users, groups and partner groups), and Autopilot
 * devices from every source.
 */
import fc from 'fast-check';
import type { CustomerSpec, DeviceSpec, Given, PartnerSpec, SubscriptionSpec, UserSpec } from '../scenarios/format.ts';
import type { PropertySettings, Range } from './settings.ts';

const DEVICE_SOURCES = ['partner', 'store-for-business', 'store-for-education', 'intune'] as const;
const AZURE_ROLE_NAMES = ['Owner', 'Contributor', 'Reader', 'User Access Administrator'] as const;

const percent = (p: number) => fc.integer({ min: 0, max: 99 }).map((x) => x < p);
const count = (r: Range) => fc.integer({ min: r.min, max: r.max });

/** The random choices behind one world, before they become names. */
interface Shape {
  readonly partners: readonly { china: boolean; uncertified: boolean; admins: number; helpdesks: number; sales: number; switchOn: boolean; hasOffer: boolean }[];
  readonly customers: readonly {
    china: boolean;
    staffGroup: boolean;
    links: readonly { partner: number; reseller: boolean; dap: boolean }[];
    subscriptions: readonly { provisioned: boolean; by: number; assignments: readonly { role: number; principal: number }[] }[];
    profile: boolean;
    devices: readonly { source: number; partner: number; profiled: boolean }[];
  }[];
  readonly bulk: { readonly on: boolean; readonly count: number };
}

function shapeArb(s: PropertySettings): fc.Arbitrary<Shape> {
  const partner = fc.record({
    china: percent(s.chinaPartnerPercent),
    uncertified: percent(s.uncertifiedPercent),
    admins: count(s.agentsPerGroup),
    helpdesks: count(s.agentsPerGroup),
    sales: fc.integer({ min: 0, max: 1 }),
    switchOn: fc.boolean(),
    hasOffer: percent(80),
  });
  const link = fc.record({ partner: fc.nat(), reseller: fc.boolean(), dap: fc.boolean() });
  const assignment = fc.record({ role: fc.nat(), principal: fc.nat() });
  const subscription = fc.record({ provisioned: fc.boolean(), by: fc.nat(), assignments: fc.array(assignment, { maxLength: 2 }) });
  const device = fc.record({ source: fc.nat(), partner: fc.nat(), profiled: fc.boolean() });
  const customer = fc.record({
    china: percent(s.chinaCustomerPercent),
    staffGroup: fc.boolean(),
    links: fc.array(link, { minLength: s.relationshipsPerCustomer.min, maxLength: s.relationshipsPerCustomer.max }),
    subscriptions: fc.array(subscription, { minLength: s.subscriptionsPerCustomer.min, maxLength: s.subscriptionsPerCustomer.max }),
    profile: fc.boolean(),
    devices: fc.array(device, { minLength: s.devicesPerCustomer.min, maxLength: s.devicesPerCustomer.max }),
  });
  return fc.record({
    partners: fc.array(partner, { minLength: s.partners.min, maxLength: s.partners.max }),
    customers: fc.array(customer, { minLength: s.customers.min, maxLength: s.customers.max }),
    bulk: fc.record({ on: percent(s.bulkPercent), count: fc.constantFrom(99, 100, 101) }),
  });
}

/** Worlds as the `given` of a scenario. */
export function givenArb(settings: PropertySettings): fc.Arbitrary<Given> {
  return shapeArb(settings).map(toGiven);
}

const domainOf = (name: string, china: boolean) => (china ? `${name}.partner.onmschina.cn` : `${name}.example`);

function toGiven(shape: Shape): Given {
  const partners: PartnerSpec[] = shape.partners.map((p, i) => {
    const name = `p${i + 1}`;
    const users: UserSpec[] = [];
    for (let k = 1; k <= p.admins; k++) users.push({ name: `${name}-admin${k}`, groups: ['AdminAgents'], offerSwitch: k === 1 || p.switchOn });
    for (let k = 1; k <= p.helpdesks; k++) users.push({ name: `${name}-helpdesk${k}`, groups: ['HelpdeskAgents'] });
    for (let k = 1; k <= p.sales; k++) users.push({ name: `${name}-sales${k}`, groups: ['SalesAgents'], offerSwitch: true });
    users.push({ name: `${name}-ga`, roles: ['Global Administrator'] }, { name: `${name}-plain` });
    return { name, cloud: p.china ? 'china-21vianet' : 'global', certified: !p.uncertified, domain: domainOf(name, p.china), users };
  });
  const cloudOf = (i: number) => partners[i]!.cloud;

  const customers: CustomerSpec[] = shape.customers.map((c, j) => {
    const name = `c${j + 1}`;
    const cloud = c.china ? 'china-21vianet' : 'global';
    const users: UserSpec[] = [
      { name: `${name}-ga`, roles: ['Global Administrator'] },
      { name: `${name}-helpdesk`, roles: ['Helpdesk Administrator'] },
      { name: `${name}-password`, roles: ['Password Administrator'] },
      { name: `${name}-useradmin`, roles: ['User Administrator'] },
      { name: `${name}-user` },
      // A Global admin no step acts as or names: the stable eye that observations and invariants look through.
      { name: `${name}-observer`, roles: ['Global Administrator'] },
    ];
    const groups = c.staffGroup ? [{ name: `${name}-staff`, members: [`${name}-user`] }] : [];
    // Relationships only within a cloud: a cross-cloud one cannot exist (SCOPE-SOVEREIGN-CLOUD);
    // steps still try to create them.
    const sameCloud = partners.map((_, i) => i).filter((i) => cloudOf(i) === cloud);
    const linked = new Map<number, { partner: string; reseller: boolean; dap: boolean }>();
    if (sameCloud.length > 0) {
      for (const l of c.links) {
        const i = sameCloud[l.partner % sameCloud.length]!;
        linked.set(i, { partner: `p${i + 1}`, reseller: l.reseller || !l.dap, dap: l.dap });
      }
    }
    const resellers = [...linked.entries()].filter(([, l]) => l.reseller).map(([i]) => i);
    const principals = [`${name}-user`, `${name}-helpdesk`, ...groups.map((g) => g.name), ...[...linked.keys()].flatMap((i) => [`p${i + 1}/AdminAgents`, `p${i + 1}/HelpdeskAgents`])];
    const subscriptions: SubscriptionSpec[] = c.subscriptions.map((s, k) => {
      const sub = `${name}-sub${k + 1}`;
      const assignments = s.assignments.map((a, m) => ({ name: `${sub}-a${m + 1}`, role: AZURE_ROLE_NAMES[a.role % AZURE_ROLE_NAMES.length]!, principal: principals[a.principal % principals.length]! }));
      if (s.provisioned && resellers.length > 0) return { name: sub, provisionedBy: `p${resellers[s.by % resellers.length]! + 1}`, assignments };
      return { name: sub, owner: `${name}-ga`, assignments };
    });
    const profiles = c.profile ? [{ name: `${name}-profile1` }] : [];
    const devices: DeviceSpec[] = c.devices.map((d, k) => {
      const source = DEVICE_SOURCES[d.source % DEVICE_SOURCES.length]!;
      const base = { name: `${name}-dev${k + 1}`, source, ...(d.profiled && profiles.length > 0 ? { profile: profiles[0]!.name } : {}) };
      // A partner-added device may come from a partner the customer no longer (or never) had: any partner.
      return source === 'partner' ? { ...base, addedBy: `p${(d.partner % partners.length) + 1}` } : base;
    });
    const optional = { groups, partners: [...linked.values()], subscriptions, profiles, devices };
    return { name, cloud, domain: domainOf(name, c.china), users, ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v.length > 0)) };
  });

  // A certified partner may start with its delegated-admin offer; the others create theirs in steps.
  const offers = shape.partners.flatMap((p, i) => (p.hasOffer && !p.uncertified ? [{ name: `p${i + 1}-offer`, partner: `p${i + 1}` }] : []));
  // Bulk customers are global, so they go to the first global partner.
  const bulkPartner = partners.find((p) => p.cloud === 'global');
  const bulk = shape.bulk.on && bulkPartner ? [{ partner: bulkPartner.name, count: shape.bulk.count, reseller: true, dap: false }] : [];
  return { partners, customers, ...(offers.length > 0 ? { offers } : {}), ...(bulk.length > 0 ? { bulkCustomers: bulk } : {}) };
}
