/**
 * A scenario's `given`, made concrete: the list of set-up operations any target can apply, with
 * everything the author left unspecified — ids, display names, domains, serial numbers — filled
 * in by faker from the scenario's seed. The same scenario and seed give the same operations, byte
 * for byte.
 */
import { Faker, en } from '@faker-js/faker';
import { AGENT_GROUP_KINDS, AZURE_ROLES, DIRECTORY_ROLES, deriveGuid, type AgentGroupKind } from '../model/index.ts';
import type { Given, ParamSpec, Scenario } from './format.ts';
import type { SetupOp } from '../targets/target.ts';

/** Names and ids, both ways. */
export class Bindings {
  readonly ids = new Map<string, string>();
  readonly names = new Map<string, string>();

  bind(name: string, id: string): void {
    this.ids.set(name, id);
    this.names.set(id, name);
  }

  id(name: string): string | undefined {
    return this.ids.get(name);
  }
}

export interface Materialised {
  readonly ops: readonly SetupOp[];
  readonly bindings: Bindings;
  /** A user of each partner, by partner name: who reads the mailbox in a mailbox step. */
  readonly mailboxReaders: ReadonlyMap<string, string>;
  /** The source the run also uses for the ids and serial numbers of objects that steps create. */
  readonly names: GivenNames;
}

/** Where everything a `given` leaves unspecified comes from. */
export interface GivenNames {
  id(): string;
  company(): string;
  person(): string;
  subscription(): string;
  profile(): string;
  serial(): string;
  /** A number to tell apart two domains made from the same display name. */
  int(min: number, max: number): number;
}

/** Faker, seeded: realistic names, the same for the same seed. What scenarios use. */
export function fakerNames(seed: number): GivenNames {
  const faker = new Faker({ locale: [en] });
  faker.seed(seed);
  return {
    id: () => faker.string.uuid(),
    company: () => faker.company.name(),
    person: () => faker.person.fullName(),
    subscription: () => `${faker.commerce.productAdjective()} ${faker.commerce.department()}`,
    profile: () => `${faker.word.adjective()} profile`,
    serial: () => faker.string.alphanumeric({ length: 12, casing: 'upper' }),
    int: (min, max) => faker.number.int({ min, max }),
  };
}

/**
 * Plain, numbered names and ids, with no randomness at all: for generated runs (dapsim check),
 * where a world is set up thousands of times and its names are already structural (p1-admin1).
 */
export function plainNames(): GivenNames {
  let n = 0;
  const next = () => ++n;
  return {
    id: () => `00000000-0000-4000-8000-${next().toString(16).padStart(12, '0')}`,
    company: () => `Company ${next()}`,
    person: () => `Person ${next()}`,
    subscription: () => `Subscription ${next()}`,
    profile: () => `Profile ${next()}`,
    serial: () => `SN${next().toString().padStart(10, '0')}`,
    int: (min) => min + next(),
  };
}

/** The seed a scenario runs with: its own, the caller's, or one derived from its name. */
export function seedOf(scenario: Scenario, override?: number): number {
  if (override !== undefined) return override;
  if (scenario.seed !== undefined) return scenario.seed;
  return Number.parseInt(deriveGuid('scenario', scenario.name).slice(0, 8), 16);
}

function slug(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '').slice(0, 30) || 'tenant';
}

const ROLE_BY_NAME = new Map<string, string>(DIRECTORY_ROLES.map((r) => [r.displayName, r.templateId]));
export function directoryRoleId(role: string): string {
  return ROLE_BY_NAME.get(role) ?? role;
}

const AZURE_BY_NAME = new Map<string, string>(AZURE_ROLES.map((r) => [r.name, r.id]));
export function azureRoleId(role: string): string {
  return AZURE_BY_NAME.get(role) ?? role;
}

/**
 * A step parameter's value for the model: names become ids (through `how.id`), role names their
 * GUIDs, device specs whatever `how.device` makes of them; everything else as written. The
 * scenario runner and the generated runs of properties/ resolve parameters through this one map.
 */
export function paramValue(spec: ParamSpec, value: unknown, how: { id(name: string): string; device(d: { name: string; serialNumber?: string }): unknown }): unknown {
  switch (spec.kind) {
    case 'tenant': case 'customer': case 'partner': case 'user': case 'principal': case 'offer': case 'request':
    case 'subscription': case 'assignment': case 'device': case 'profile':
      return how.id(value as string);
    case 'devices':
      return (value as string[]).map((n) => how.id(n));
    case 'role':
      return directoryRoleId(value as string);
    case 'azureRole':
      return azureRoleId(value as string);
    case 'deviceSpecs':
      return (value as { name: string; serialNumber?: string }[]).map((d) => how.device(d));
    default:
      return value;
  }
}

export function materialiseGiven(scenario: Scenario, seed: number, names: GivenNames = fakerNames(seed)): Materialised {
  const given: Given = scenario.given;
  const b = new Bindings();
  const ops: SetupOp[] = [];
  const mailboxReaders = new Map<string, string>();
  const usedDomains = new Set<string>();
  const uuid = () => names.id();
  const domainFor = (displayName: string, cloud: string | undefined) => {
    const suffix = cloud === 'china-21vianet' ? 'partner.onmschina.cn' : 'onmicrosoft.com';
    let d = `${slug(displayName)}.${suffix}`;
    while (usedDomains.has(d)) d = `${slug(displayName)}${names.int(10, 9999)}.${suffix}`;
    usedDomains.add(d);
    return d;
  };
  const user = (tenantId: string, domain: string, u: NonNullable<Given['partners']>[number]['users'] extends readonly (infer U)[] | undefined ? U : never) => {
    const id = uuid();
    b.bind(u.name, id);
    const displayName = u.displayName ?? names.person();
    ops.push({ op: 'addUser', spec: { id, tenantId, displayName, userPrincipalName: u.userPrincipalName ?? `${slug(u.name)}@${domain}`, ...(u.offerSwitch === undefined ? {} : { offerSwitch: u.offerSwitch }) } });
    for (const g of u.groups ?? []) ops.push({ op: 'addAgent', spec: { userId: id, group: g } });
    for (const r of u.roles ?? []) ops.push({ op: 'assignDirectoryRole', spec: { tenantId, role: directoryRoleId(r), principalId: id } });
    return id;
  };

  for (const p of given.partners ?? []) {
    const id = uuid();
    b.bind(p.name, id);
    const displayName = p.displayName ?? names.company();
    const domain = (p.domain ?? domainFor(displayName, p.cloud)).toLowerCase();
    usedDomains.add(domain);
    const agentGroupIds = Object.fromEntries(AGENT_GROUP_KINDS.map((k) => [k, uuid()])) as Record<AgentGroupKind, string>;
    for (const k of AGENT_GROUP_KINDS) b.bind(`${p.name}/${k}`, agentGroupIds[k]);
    ops.push({ op: 'addPartner', spec: { id, name: displayName, cloud: p.cloud ?? 'global', certifiedForDap: p.certified ?? true, defaultDomain: domain, agentGroupIds } });
    for (const u of p.users ?? []) {
      const uid = user(id, domain, u);
      if (!mailboxReaders.has(p.name)) mailboxReaders.set(p.name, uid);
    }
  }

  for (const c of given.customers ?? []) {
    const id = uuid();
    b.bind(c.name, id);
    const displayName = c.displayName ?? names.company();
    const domain = (c.domain ?? domainFor(displayName, c.cloud)).toLowerCase();
    usedDomains.add(domain);
    ops.push({ op: 'addCustomer', spec: { id, name: displayName, cloud: c.cloud ?? 'global', defaultDomain: domain, ...(c.domains === undefined ? {} : { domains: c.domains }) } });
    for (const u of c.users ?? []) user(id, domain, u);
    for (const g of c.groups ?? []) {
      const gid = uuid();
      b.bind(g.name, gid);
      ops.push({ op: 'addGroup', spec: { id: gid, tenantId: id, displayName: g.name, members: (g.members ?? []).map((m) => b.id(m)!) } });
      for (const r of g.roles ?? []) ops.push({ op: 'assignDirectoryRole', spec: { tenantId: id, role: directoryRoleId(r), principalId: gid } });
    }
  }
  // Then the objects that point at other tenants. A customer's own subscriptions already existed
  // when its relationships began (AZURE-NO-RETROACTIVE can see that); a partner-provisioned one
  // came after the relationship that let the partner provision it.
  for (const c of given.customers ?? []) {
    const id = b.id(c.name)!;
    const subscriptions = [...(c.subscriptions ?? [])].sort((x, y) => Number(x.provisionedBy !== undefined) - Number(y.provisionedBy !== undefined));
    const firstProvisioned = subscriptions.findIndex((s) => s.provisionedBy !== undefined);
    const relate = () => { for (const r of c.partners ?? []) ops.push({ op: 'relate', spec: { partnerId: b.id(r.partner)!, customerId: id, reseller: r.reseller ?? true, dap: r.dap ?? true } }); };
    if (firstProvisioned === 0 || subscriptions.length === 0) relate();
    for (const [i, s] of subscriptions.entries()) {
      if (i === firstProvisioned && i > 0) relate();
      const sid = uuid();
      b.bind(s.name, sid);
      const ownerAssignmentId = uuid();
      if (s.provisionedBy !== undefined || s.owner !== undefined) b.bind(`${s.name}/owner`, ownerAssignmentId);
      ops.push({ op: 'addSubscription', spec: {
        id: sid, customerId: id, displayName: s.displayName ?? names.subscription(), ownerAssignmentId,
        ...(s.provisionedBy === undefined ? {} : { provisionedBy: b.id(s.provisionedBy)! }), ...(s.owner === undefined ? {} : { ownerId: b.id(s.owner)! }),
      } });
      for (const a of s.assignments ?? []) {
        const aid = uuid();
        if (a.name !== undefined) b.bind(a.name, aid);
        ops.push({ op: 'addRoleAssignment', spec: { id: aid, subscriptionId: sid, roleDefinitionId: azureRoleId(a.role), principalId: b.id(a.principal)! } });
      }
    }
    if (firstProvisioned === -1 && subscriptions.length > 0) relate();
    for (const p of c.profiles ?? []) {
      const pid = uuid();
      b.bind(p.name, pid);
      ops.push({ op: 'addAutopilotProfile', spec: { id: pid, customerId: id, name: p.displayName ?? names.profile() } });
    }
    for (const d of c.devices ?? []) {
      const did = uuid();
      b.bind(d.name, did);
      ops.push({ op: 'addDevice', spec: {
        id: did, customerId: id, serialNumber: d.serialNumber ?? names.serial(), source: d.source,
        ...(d.addedBy === undefined ? {} : { addedByPartnerId: b.id(d.addedBy)! }), ...(d.profile === undefined ? {} : { profileId: b.id(d.profile)! }),
      } });
    }
  }
  for (const o of given.offers ?? []) {
    const oid = uuid();
    b.bind(o.name, oid);
    ops.push({ op: 'addOffer', spec: { id: oid, partnerId: b.id(o.partner)!, ...(o.kind === undefined ? {} : { kind: o.kind }), ...(o.includesDelegatedAdmin === undefined ? {} : { includesDelegatedAdmin: o.includesDelegatedAdmin }), ...(o.product === undefined ? {} : { product: o.product }) } });
  }
  for (const bulk of given.bulkCustomers ?? []) {
    for (let i = 0; i < bulk.count; i++) {
      const id = uuid();
      const displayName = names.company();
      ops.push({ op: 'addCustomer', spec: { id, name: displayName, cloud: 'global', defaultDomain: domainFor(displayName, 'global') } });
      ops.push({ op: 'relate', spec: { partnerId: b.id(bulk.partner)!, customerId: id, reseller: bulk.reseller ?? true, dap: bulk.dap ?? false } });
    }
  }
  return { ops, bindings: b, mailboxReaders, names };
}
