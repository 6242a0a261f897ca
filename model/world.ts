/**
 * The world: every record of the simulation, with the indexes that keep each decision a handful
 * of map reads whatever the world's size. It holds state and lookups only; what is allowed is
 * decided in `rules/`, and set-up lives in `setup.ts`.
 */
import { AGENT_BITS, DIRECTORY_ROLES, ROLE_BITS, type AgentGroupKind, type RoleTemplateId } from './constants.ts';
import { deriveGuid, sequenceGuid, sequenceSeed } from './ids.ts';
import { IdTable } from './idtable.ts';
import type {
  AutopilotProfile,
  AzureSubscription,
  CommerceSubscription,
  CustomerTenant,
  Device,
  Group,
  Offer,
  PartnerTenant,
  Relationship,
  ResellerRequest,
  RoleAssignment,
  ServiceRequest,
  Tenant,
  User,
} from './types.ts';

export interface WorldOptions {
  /** The world's clock before any action supplies a time: an ISO 8601 instant. */
  readonly now?: string;
  /** Namespace for the ids the world derives itself; two worlds with the same seed agree on them. */
  readonly idSeed?: string;
}

export const DEFAULT_NOW = '2026-01-01T00:00:00.000Z';

/**
 * True while the pair is related: a reseller relationship or DAP. A partner whose DAP-only
 * relationship lost its DAP is no longer on the customer's Partner relationships page nor in the
 * partner's customer list; its record stays for the history.
 */
export function isActive(r: Relationship | undefined): r is Relationship {
  return r !== undefined && (r.reseller || r.dap);
}

export class World {
  readonly tenants = new IdTable<Tenant>();
  readonly users = new IdTable<User>();
  readonly groups = new Map<string, Group>();
  readonly offers = new Map<string, Offer>();
  readonly resellerRequests = new Map<string, ResellerRequest>();
  readonly commerceSubscriptions = new Map<string, CommerceSubscription>();
  readonly subscriptions = new Map<string, AzureSubscription>();
  readonly roleAssignments = new Map<string, RoleAssignment>();
  readonly devices = new Map<string, Device>();
  readonly profiles = new Map<string, AutopilotProfile>();
  readonly serviceRequests = new Map<string, ServiceRequest>();

  /** Lower-cased domain → tenant id: a domain is verified in one tenant only. */
  readonly tenantByDomain = new Map<string, string>();
  /** Upper-cased serial number → device id: a device registers with one tenant only. */
  readonly deviceBySerial = new Map<string, string>();

  /**
   * "partnerId/userId" of every agent whose group membership an action changed: lets a decision
   * name AGENT-MEMBERSHIP-LIVE when live membership is what decided it.
   */
  readonly membershipChanges = new Set<string>();

  /** Counts applied changes; orders events (e.g. "subscription existed before the grant"). */
  seq = 0;
  /** The last time an action or set-up supplied. */
  now: string;
  private idCounter = 0;
  private readonly idSeed: string;
  private readonly kindSeeds = new Map<string, number>();

  constructor(options: WorldOptions = {}) {
    this.now = options.now ?? DEFAULT_NOW;
    this.idSeed = options.idSeed ?? 'dapsim';
  }

  /** The next id the world derives itself when an action's caller supplies none. */
  nextId(kind: string): string {
    this.idCounter += 1;
    let seed = this.kindSeeds.get(kind);
    if (seed === undefined) this.kindSeeds.set(kind, (seed = sequenceSeed(this.idSeed, kind)));
    return sequenceGuid(seed, this.idCounter);
  }

  /** A fingerprint of everything that can change: equal before and after means nothing changed. */
  get version(): string {
    return `${this.seq}:${this.idCounter}`;
  }

  tenant(id: string): Tenant | undefined {
    return this.tenants.get(id);
  }

  partner(id: string): PartnerTenant | undefined {
    const t = this.tenants.get(id);
    return t !== undefined && t.kind === 'partner' ? t : undefined;
  }

  customer(id: string): CustomerTenant | undefined {
    const t = this.tenants.get(id);
    return t !== undefined && t.kind === 'customer' ? t : undefined;
  }

  /** The partner the user belongs to, or undefined for a customer's user: the user's own record says, no lookup. */
  partnerOf(user: User): PartnerTenant | undefined {
    const t = user.home;
    return t.kind === 'partner' ? t : undefined;
  }

  relationship(partnerId: string, customerId: string): Relationship | undefined {
    return this.partner(partnerId)?.relationships.get(customerId);
  }

  /** The directory role object id of a role in a tenant (given at set-up, or derived). */
  roleObjectId(tenant: Tenant, templateId: RoleTemplateId): string {
    return tenant.roleIds?.get(templateId) ?? deriveGuid('directoryRole', tenant.id, templateId);
  }

  /** Resolves a directory role by object id or by template id, within one tenant. */
  resolveRole(tenant: Tenant, roleIdOrTemplateId: string): RoleTemplateId | undefined {
    for (const role of DIRECTORY_ROLES) if (role.templateId === roleIdOrTemplateId) return role.templateId;
    for (const role of DIRECTORY_ROLES) if (this.roleObjectId(tenant, role.templateId) === roleIdOrTemplateId) return role.templateId;
    return undefined;
  }

  /** Explicit members of a directory role in a tenant (users and groups of that tenant), in the order added. */
  explicitRoleMembers(tenant: Tenant, templateId: RoleTemplateId): string[] {
    const pairs = tenant.roleMembers;
    const out: string[] = [];
    if (pairs !== undefined) for (let i = 0; i < pairs.length; i += 2) if (pairs[i] === templateId) out.push(pairs[i + 1]!);
    return out;
  }

  isExplicitMember(tenant: Tenant, templateId: RoleTemplateId, principalId: string): boolean {
    const pairs = tenant.roleMembers;
    if (pairs !== undefined) for (let i = 0; i < pairs.length; i += 2) if (pairs[i] === templateId && pairs[i + 1] === principalId) return true;
    return false;
  }

  addExplicitMember(tenant: Tenant, templateId: RoleTemplateId, principalId: string): void {
    if (this.isExplicitMember(tenant, templateId, principalId)) return;
    (tenant.roleMembers ??= []).push(templateId, principalId);
    const user = this.users.get(principalId);
    if (user !== undefined) user.roleMask |= ROLE_BITS[templateId];
  }

  removeExplicitMember(tenant: Tenant, templateId: RoleTemplateId, principalId: string): void {
    const pairs = tenant.roleMembers;
    if (pairs !== undefined) for (let i = 0; i < pairs.length; i += 2) if (pairs[i] === templateId && pairs[i + 1] === principalId) pairs.splice(i, 2);
    const user = this.users.get(principalId);
    if (user !== undefined) user.roleMask &= ~ROLE_BITS[templateId];
  }

  /** True when the user is an explicit member of the role, directly or through a group. */
  holdsExplicitRole(user: User, tenant: Tenant, templateId: RoleTemplateId): boolean {
    if (user.home !== tenant) return false;
    if ((user.roleMask & ROLE_BITS[templateId]) !== 0) return true;
    // Membership through a group lives only in the tenant's pairs.
    const pairs = tenant.roleMembers;
    if (pairs === undefined || tenant.groupIds.length === 0) return false;
    for (let i = 0; i < pairs.length; i += 2) {
      if (pairs[i] === templateId && this.groups.get(pairs[i + 1]!)?.members.has(user.id) === true) return true;
    }
    return false;
  }

  /** The directory roles the user holds explicitly in the tenant, directly or through a group. */
  rolesHeld(user: User, tenant: Tenant): RoleTemplateId[] {
    const held: RoleTemplateId[] = [];
    for (const role of DIRECTORY_ROLES) if (this.holdsExplicitRole(user, tenant, role.templateId)) held.push(role.templateId);
    return held;
  }

  /** True when the user holds any directory role explicitly in its own tenant: a "customer administrator". */
  isAdministrator(user: User): boolean {
    if (user.roleMask !== 0) return true;
    const tenant = user.home;
    const pairs = tenant.roleMembers;
    if (pairs === undefined || tenant.groupIds.length === 0) return false;
    for (let i = 1; i < pairs.length; i += 2) if (this.groups.get(pairs[i]!)?.members.has(user.id) === true) return true;
    return false;
  }

  /** True when the user is in the partner's agent group of that kind right now (AGENT-MEMBERSHIP-LIVE). */
  inAgentGroup(partner: PartnerTenant, user: User, kind: AgentGroupKind): boolean {
    return user.home === partner && (user.agentMask & AGENT_BITS[kind]) !== 0;
  }

  /** Puts a partner user in or out of one of its agent groups: the group's members and the user's index together. */
  setAgentMembership(partner: PartnerTenant, user: User, kind: AgentGroupKind, member: boolean): void {
    const group = this.groups.get(partner.agentGroups[kind])!;
    if (member) {
      group.members.add(user.id);
      user.agentMask |= AGENT_BITS[kind];
    } else {
      group.members.delete(user.id);
      user.agentMask &= ~AGENT_BITS[kind];
    }
  }

  /** Customers in the partner's customer list: those with a reseller relationship or DAP. */
  listedCustomerCount(partner: PartnerTenant): number {
    let n = 0;
    for (const r of partner.relationships.values()) if (isActive(r)) n++;
    return n;
  }

  /**
   * Why a new user of the tenant cannot have this UPN, or undefined when it can. A domain is
   * verified in one tenant only, so a UPN is unique across the world exactly when it is unique in
   * its tenant: no world-wide UPN index is needed (it cost a million-entry map in big worlds).
   */
  upnProblem(tenant: Tenant, upn: string, key = upn.toLowerCase()): 'MALFORMED' | 'UPN_DOMAIN_UNVERIFIED' | 'UPN_TAKEN' | undefined {
    const at = key.indexOf('@');
    // indexOf from the '@' on, not lastIndexOf: V8 runs lastIndexOf in C++ (1.3% of the 1M-user build).
    if (at <= 0 || key.indexOf('@', at + 1) !== -1 || at === key.length - 1) return 'MALFORMED';
    if (!tenant.domains.some((d) => key.length === at + 1 + d.length && key.endsWith(d))) return 'UPN_DOMAIN_UNVERIFIED';
    if (tenant.upnIndex !== undefined) return tenant.upnIndex.has(key) ? 'UPN_TAKEN' : undefined;
    return tenant.upnKeys.includes(key) ? 'UPN_TAKEN' : undefined;
  }

  /** The user with this UPN (case-insensitive), if any. */
  userByUpn(upn: string): User | undefined {
    const key = upn.toLowerCase();
    const at = key.indexOf('@');
    const tenant = at > 0 ? this.tenants.get(this.tenantByDomain.get(key.slice(at + 1)) ?? '') : undefined;
    if (tenant === undefined) return undefined;
    if (tenant.upnIndex !== undefined) return this.users.get(tenant.upnIndex.get(key) ?? '');
    const i = tenant.upnKeys.indexOf(key);
    return i < 0 ? undefined : tenant.users[i];
  }

  /** Adds a user whose UPN passed `upnProblem`; `key` is the lower-cased UPN, when the caller has it already. */
  registerUser(tenant: Tenant, user: User, key = user.userPrincipalName.toLowerCase()): void {
    this.users.add(user.id, user);
    tenant.users.push(user);
    tenant.upnKeys.push(key);
    if (tenant.upnIndex !== undefined) {
      tenant.upnIndex.set(key, user.id);
    } else if (tenant.users.length >= UPN_SCAN_LIMIT) {
      // Past a few dozen users a scan costs more than an index.
      tenant.upnIndex = new Map(tenant.upnKeys.map((k, i) => [k, tenant.users[i]!.id]));
    }
  }

  /** Marks one applied change; returns the change's sequence number. */
  tick(now: string): number {
    this.now = now;
    this.seq += 1;
    return this.seq;
  }
}

const UPN_SCAN_LIMIT = 32;
