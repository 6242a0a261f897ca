/**
 * The world: every record of the simulation, with the indexes that keep each decision a handful
 * of map reads whatever the world's size. It holds state and lookups only; what is allowed is
 * decided in `rules/`, and set-up lives in `setup.ts`.
 */
import { DIRECTORY_ROLES, type RoleTemplateId } from './constants.ts';
import { deriveGuid } from './ids.ts';
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

export class World {
  readonly tenants = new Map<string, Tenant>();
  readonly users = new Map<string, User>();
  readonly groups = new Map<string, Group>();
  readonly offers = new Map<string, Offer>();
  readonly resellerRequests = new Map<string, ResellerRequest>();
  readonly commerceSubscriptions = new Map<string, CommerceSubscription>();
  readonly subscriptions = new Map<string, AzureSubscription>();
  readonly roleAssignments = new Map<string, RoleAssignment>();
  readonly devices = new Map<string, Device>();
  readonly profiles = new Map<string, AutopilotProfile>();
  readonly serviceRequests = new Map<string, ServiceRequest>();

  /** Lower-cased UPN → user id: UPNs are unique across the cloud. */
  readonly userByUpn = new Map<string, string>();
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

  constructor(options: WorldOptions = {}) {
    this.now = options.now ?? DEFAULT_NOW;
    this.idSeed = options.idSeed ?? 'dapsim';
  }

  /** The next id the world derives itself when an action's caller supplies none. */
  nextId(kind: string): string {
    this.idCounter += 1;
    return deriveGuid(this.idSeed, kind, String(this.idCounter));
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

  relationship(partnerId: string, customerId: string): Relationship | undefined {
    return this.partner(partnerId)?.relationships.get(customerId);
  }

  /** The directory role object id of a role in a tenant (given at set-up, or derived). */
  roleObjectId(tenant: Tenant, templateId: RoleTemplateId): string {
    return tenant.roleIds?.get(templateId) ?? deriveGuid('directoryRole', tenant.id, templateId);
  }

  /** Resolves a directory role by object id or by template id, within one tenant. */
  resolveRole(tenant: Tenant, roleIdOrTemplateId: string): RoleTemplateId | undefined {
    for (const role of DIRECTORY_ROLES) {
      if (role.templateId === roleIdOrTemplateId || this.roleObjectId(tenant, role.templateId) === roleIdOrTemplateId) {
        return role.templateId;
      }
    }
    return undefined;
  }

  /** Explicit members of a directory role in a tenant: users and groups of that tenant. */
  explicitRoleMembers(tenant: Tenant, templateId: RoleTemplateId): ReadonlySet<string> {
    return tenant.roleMembers?.get(templateId) ?? EMPTY;
  }

  /** True when the user is an explicit member of the role, directly or through a group. */
  holdsExplicitRole(user: User, tenant: Tenant, templateId: RoleTemplateId): boolean {
    const members = tenant.roleMembers?.get(templateId);
    if (members === undefined) return false;
    if (members.has(user.id)) return true;
    for (const principal of members) {
      const group = this.groups.get(principal);
      if (group !== undefined && group.members.has(user.id)) return true;
    }
    return false;
  }

  /** True when the user holds any directory role explicitly in its own tenant: a "customer administrator". */
  isAdministrator(user: User): boolean {
    const tenant = this.tenants.get(user.tenantId);
    if (tenant?.roleMembers === undefined) return false;
    for (const role of DIRECTORY_ROLES) {
      if (this.holdsExplicitRole(user, tenant, role.templateId)) return true;
    }
    return false;
  }

  /** True when the user is in the partner's agent group of that kind right now (AGENT-MEMBERSHIP-LIVE). */
  inAgentGroup(partner: PartnerTenant, userId: string, kind: keyof PartnerTenant['agentGroups']): boolean {
    return this.groups.get(partner.agentGroups[kind])?.members.has(userId) ?? false;
  }

  /** Customers in the partner's customer list: those with a reseller relationship or DAP. */
  listedCustomerCount(partner: PartnerTenant): number {
    let n = 0;
    for (const r of partner.relationships.values()) if (r.reseller || r.dap) n++;
    return n;
  }

  /** Marks one applied change; returns the change's sequence number. */
  tick(now: string): number {
    this.now = now;
    this.seq += 1;
    return this.seq;
  }
}

const EMPTY: ReadonlySet<string> = new Set();
