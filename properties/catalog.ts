/**
 * What a sequence can name at its current step: the tenants, users, offers, subscriptions,
 * devices and profiles that exist, by their scenario names. It starts from the generated `given`
 * and follows the reference model's allowed decisions, so the next step picks its actor and
 * objects from the current state instead of from thin air (and most steps mean something).
 */
import type { AgentGroupKind, Cloud, Decision } from '../model/index.ts';
import type { Given } from '../scenarios/format.ts';

export interface PartnerEntry {
  readonly name: string;
  readonly cloud: Cloud;
  readonly certified: boolean;
  readonly users: string[];
  /** Live agent group membership, as the model's allowed decisions changed it. */
  readonly agents: Record<AgentGroupKind, Set<string>>;
  readonly globalAdmins: readonly string[];
}

export interface CustomerEntry {
  readonly name: string;
  readonly cloud: Cloud;
  readonly domain: string;
  readonly users: string[];
  readonly groups: readonly string[];
  readonly globalAdmins: readonly string[];
  /** Users holding an administrator role (Global, Helpdesk, Password, User Administrator) at the start. */
  readonly admins: readonly string[];
  /** A Global admin that no step acts as or names: observations and invariants look through it. */
  readonly observer: string | undefined;
  /** The customer's groups and their members (steps do not change them). */
  readonly groupMembers: ReadonlyMap<string, readonly string[]>;
}

export interface Owned {
  readonly name: string;
  /** The partner (offers, requests) or customer (subscriptions, devices, profiles) it belongs to. */
  readonly owner: string;
  /** Devices: where the device came from, and the partner that added it. */
  readonly source?: string;
  readonly addedBy?: string;
  /** Subscriptions: the partner that provisioned it. */
  readonly provisionedBy?: string;
  /** Offers: what kind, and whether it carries DAP; requests: whether it carries DAP. */
  readonly offerKind?: string;
  readonly dap?: boolean;
}

/** How a created object's name goes into the catalogue once the model allows the step. */
export type Creation =
  | { readonly kind: 'offer' | 'request'; readonly name: string; readonly owner: string; readonly key: string; readonly offerKind?: string; readonly dap: boolean }
  | { readonly kind: 'subscription' | 'profile'; readonly name: string; readonly owner: string; readonly key?: string; readonly provisionedBy?: string }
  | { readonly kind: 'device'; readonly name: string; readonly owner: string; readonly key?: undefined; readonly addedBy: string }
  | { readonly kind: 'assignment'; readonly name: string; readonly owner: string; readonly key: string }
  | { readonly kind: 'user'; readonly name: string; readonly owner: string; readonly key: string };

/** How an allowed step changes what can be named, besides creating objects. */
export type Change =
  | { readonly kind: 'agentAdded' | 'agentRemoved'; readonly partner: string; readonly group: AgentGroupKind; readonly user: string }
  | { readonly kind: 'removed'; readonly list: 'assignments' | 'devices' | 'profiles'; readonly name: string }
  | { readonly kind: 'removalStarted'; readonly customer: string; readonly partner: string }
  | { readonly kind: 'removalChosen' | 'removalCancelled' | 'removalConfirmed'; readonly customer: string }
  | { readonly kind: 'dapGivenUp'; readonly customer: string; readonly partner: string }
  | { readonly kind: 'offerSwitch'; readonly user: string; readonly on: boolean };

export class Catalog {
  readonly partners: PartnerEntry[] = [];
  readonly customers: CustomerEntry[] = [];
  readonly offers: Owned[] = [];
  readonly requests: Owned[] = [];
  readonly subscriptions: Owned[] = [];
  readonly assignments: Owned[] = [];
  readonly devices: Owned[] = [];
  readonly profiles: Owned[] = [];
  /** Customers whose Global admin has started removing a partner's DAP (the three steps of REVOKE-CONFIRM), and how far. */
  readonly removing = new Map<string, { partner: string; chosen: boolean }>();
  /** Partner users with 'administrative access to companies you support' switched on. */
  readonly switchOn = new Set<string>();
  /** "partner|customer" pairs whose DAP was removed (by the customer or given up): where a re-grant can happen. */
  readonly removed = new Set<string>();
  /**
   * The customer and partner the last step was about. People work in sessions — a Global admin
   * goes through the three removal steps, an agent does several things in one customer — so most
   * steps stay with them, and sequences reach states only a chain of steps reaches.
   */
  focusCustomer: string | undefined;
  focusPartner: string | undefined;
  /** Every user, partner and customer alike, in a stable order. */
  readonly users: string[] = [];
  /** A counter for the names of objects steps create: unique within the sequence. */
  private fresh = 0;

  static fromGiven(given: Given): Catalog {
    const c = new Catalog();
    for (const p of given.partners ?? []) {
      const users = (p.users ?? []).map((u) => u.name);
      const agents = { AdminAgents: new Set<string>(), HelpdeskAgents: new Set<string>(), SalesAgents: new Set<string>() };
      for (const u of p.users ?? []) for (const g of u.groups ?? []) agents[g].add(u.name);
      for (const u of p.users ?? []) if (u.offerSwitch === true) c.switchOn.add(u.name);
      const globalAdmins = (p.users ?? []).filter((u) => u.roles?.includes('Global Administrator')).map((u) => u.name);
      c.partners.push({ name: p.name, cloud: p.cloud ?? 'global', certified: p.certified ?? true, users, agents, globalAdmins });
      c.users.push(...users);
    }
    for (const x of given.customers ?? []) {
      const observer = (x.users ?? []).find((u) => u.name.endsWith('-observer'))?.name;
      const acting = (x.users ?? []).filter((u) => u.name !== observer);
      const users = acting.map((u) => u.name);
      const globalAdmins = acting.filter((u) => u.roles?.includes('Global Administrator')).map((u) => u.name);
      const admins = acting.filter((u) => (u.roles ?? []).length > 0).map((u) => u.name);
      c.customers.push({ name: x.name, cloud: x.cloud ?? 'global', domain: x.domain ?? `${x.name}.example`, users, groups: (x.groups ?? []).map((g) => g.name), globalAdmins, admins, observer,
        groupMembers: new Map((x.groups ?? []).map((g) => [g.name, g.members ?? []])) });
      c.users.push(...users);
      for (const s of x.subscriptions ?? []) {
        c.subscriptions.push({ name: s.name, owner: x.name, ...(s.provisionedBy === undefined ? {} : { provisionedBy: s.provisionedBy }) });
        if (s.provisionedBy !== undefined || s.owner !== undefined) c.assignments.push({ name: `${s.name}/owner`, owner: s.name });
        for (const a of s.assignments ?? []) if (a.name !== undefined) c.assignments.push({ name: a.name, owner: s.name });
      }
      for (const p of x.profiles ?? []) c.profiles.push({ name: p.name, owner: x.name });
      for (const d of x.devices ?? []) c.devices.push({ name: d.name, owner: x.name, source: d.source, ...(d.addedBy === undefined ? {} : { addedBy: d.addedBy }) });
    }
    for (const o of given.offers ?? []) c.offers.push({ name: o.name, owner: o.partner, offerKind: o.kind ?? 'delegated-admin', dap: o.includesDelegatedAdmin ?? true });
    return c;
  }

  nextNumber(): number {
    return ++this.fresh;
  }

  partner(name: string): PartnerEntry | undefined {
    return this.partners.find((p) => p.name === name);
  }

  customer(name: string): CustomerEntry | undefined {
    return this.customers.find((c) => c.name === name);
  }

  /** The partner a partner user belongs to. */
  partnerOf(user: string): PartnerEntry | undefined {
    return this.partners.find((p) => p.users.includes(user));
  }

  customerOf(user: string): CustomerEntry | undefined {
    return this.customers.find((c) => c.users.includes(user));
  }

  /** Follows an allowed decision of the reference model: the names it created and removed. */
  record(decision: Decision<unknown>, creations: readonly Creation[], changes: readonly Change[]): void {
    if (decision.outcome !== 'allowed') return;
    for (const x of creations) {
      // A creation whose effect key the model did not produce is not named: the name would stand for nothing.
      if (x.key !== undefined && !decision.effects.some((e) => typeof (e as Record<string, unknown>)[x.key!] === 'string')) continue;
      switch (x.kind) {
        case 'offer': this.offers.push({ name: x.name, owner: x.owner, offerKind: x.offerKind ?? 'delegated-admin', dap: x.dap }); break;
        case 'request': this.requests.push({ name: x.name, owner: x.owner, dap: x.dap }); break;
        case 'subscription': this.subscriptions.push({ name: x.name, owner: x.owner, ...(x.provisionedBy === undefined ? {} : { provisionedBy: x.provisionedBy }) }); break;
        case 'assignment': this.assignments.push({ name: x.name, owner: x.owner }); break;
        case 'device': this.devices.push({ name: x.name, owner: x.owner, source: 'partner', addedBy: x.addedBy }); break;
        case 'profile': this.profiles.push({ name: x.name, owner: x.owner }); break;
        case 'user': {
          this.customer(x.owner)?.users.push(x.name);
          this.partner(x.owner)?.users.push(x.name);
          this.users.push(x.name);
          break;
        }
      }
    }
    for (const ch of changes) {
      if (ch.kind === 'removed') {
        const list = this[ch.list];
        const i = list.findIndex((o) => o.name === ch.name);
        if (i >= 0) list.splice(i, 1);
      } else if (ch.kind === 'removalStarted') {
        this.removing.set(ch.customer, { partner: ch.partner, chosen: false });
      } else if (ch.kind === 'removalChosen') {
        const r = this.removing.get(ch.customer);
        if (r !== undefined) r.chosen = true;
      } else if (ch.kind === 'removalCancelled') {
        this.removing.delete(ch.customer);
      } else if (ch.kind === 'removalConfirmed') {
        const r = this.removing.get(ch.customer);
        if (r !== undefined) this.removed.add(`${r.partner}|${ch.customer}`);
        this.removing.delete(ch.customer);
      } else if (ch.kind === 'offerSwitch') {
        if (ch.on) this.switchOn.add(ch.user);
        else this.switchOn.delete(ch.user);
      } else if (ch.kind === 'dapGivenUp') {
        this.removed.add(`${ch.partner}|${ch.customer}`);
      } else if (ch.kind === 'agentAdded' || ch.kind === 'agentRemoved') {
        const set = this.partner(ch.partner)?.agents[ch.group];
        if (ch.kind === 'agentAdded') set?.add(ch.user);
        else set?.delete(ch.user);
      }
    }
  }
}
