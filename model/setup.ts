/**
 * Set-up operations: build any world without asking anyone's permission (the `given` of a
 * scenario, a generator's starting world, a benchmark's tenants). They are not actions: no rule
 * decides them. They still refuse nonsense — an unknown reference, a duplicate id, a domain
 * already taken — with an `Invalid` answer that changes nothing, because worlds come from files.
 */
import { AGENT_GROUP_KINDS, AZURE_ROLE, CLOUDS, CUSTOMER_DEVICE_SOURCES, isAzureRoleId, type AgentGroupKind, type Cloud, type DeviceSource, type OfferKind, OFFER_KINDS } from './constants.ts';
import { invalid, type Invalid } from './decision.ts';
import { deriveGuid } from './ids.ts';
import { IdTable } from './idtable.ts';
import { newUser } from './records.ts';
import { addAssignment } from './rules/azure.ts';
import type { Ctx } from './rules/context.ts';
import { record, relationshipFor } from './rules/relationships.ts';
import type { CustomerTenant, PartnerTenant, PrincipalType, Relationship, Tenant } from './types.ts';
import type { World } from './world.ts';

export type SetupResult = string | Invalid;

/** Set-up changes happen at the world's current time; one context per world serves them all. */
const setupCtxs = new WeakMap<World, Ctx>();
function setupCtx(world: World): Ctx {
  let ctx = setupCtxs.get(world);
  if (ctx === undefined) {
    ctx = { world, get now() { return world.now; }, profile: 'current', newId: (kind) => world.nextId(kind) };
    setupCtxs.set(world, ctx);
  }
  return ctx;
}

/** Subscriptions that exist before the story starts were created by the customer, by nobody in particular. */
const CUSTOMER_ORIGIN = { by: 'customer', userId: undefined } as const;

export interface PartnerSpec {
  readonly id: string;
  readonly name: string;
  readonly cloud?: Cloud;
  readonly certifiedForDap?: boolean;
  readonly defaultDomain?: string;
  /** Ids for AdminAgents, HelpdeskAgents, SalesAgents; derived from the partner id when absent. */
  readonly agentGroupIds?: Partial<Record<AgentGroupKind, string>>;
}

export interface CustomerSpec {
  readonly id: string;
  readonly name: string;
  readonly cloud?: Cloud;
  readonly defaultDomain?: string;
  /** Further verified domains besides the default one. */
  readonly domains?: readonly string[];
}

export interface UserSpec {
  readonly id: string;
  readonly tenantId: string;
  readonly displayName?: string;
  /** Defaults to a name on the tenant's default domain. */
  readonly userPrincipalName?: string;
  /** Partner users: "administrative access to companies you support". */
  readonly offerSwitch?: boolean;
}

/** The default domain a tenant gets when none is named: a slug of its name on onmicrosoft.com (or .partner.onmschina.cn). */
export function defaultDomainFor(name: string, id: string, cloud: Cloud): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '').slice(0, 40) || 'tenant';
  const suffix = id.replace(/[^a-z0-9]/gi, '').slice(0, 8).toLowerCase();
  return `${slug}${suffix}.${cloud === 'china-21vianet' ? 'partner.onmschina.cn' : 'onmicrosoft.com'}`;
}

/** Users and groups share one id space (both are principals); tenants have their own. */
function idFree(world: World, id: unknown, path: string, space: 'tenant' | 'principal' = 'principal'): Invalid | undefined {
  if (typeof id !== 'string' || id.length === 0) return invalid('MALFORMED', path, 'Expected a non-empty id.');
  const taken = space === 'tenant' ? world.tenants.has(id) : world.users.has(id) || world.groups.has(id);
  return taken ? invalid('ALREADY_EXISTS', path, `"${id}"`) : undefined;
}

function domainFree(world: World, domain: string, path: string): Invalid | undefined {
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain)) return invalid('MALFORMED', path, `"${domain}" is not a domain name.`);
  return world.tenantByDomain.has(domain) ? invalid('DOMAIN_TAKEN', path, `"${domain}"`) : undefined;
}

function cloudOf(cloud: unknown): Cloud | undefined {
  if (cloud === undefined) return 'global';
  return (CLOUDS as readonly unknown[]).includes(cloud) ? (cloud as Cloud) : undefined;
}

export function addPartner(world: World, spec: PartnerSpec): SetupResult {
  const bad = idFree(world, spec.id, '/id', 'tenant');
  if (bad) return bad;
  const cloud = cloudOf(spec.cloud);
  if (cloud === undefined) return invalid('MALFORMED', '/cloud', `Expected one of ${CLOUDS.join(', ')}.`);
  const domain = (spec.defaultDomain ?? defaultDomainFor(spec.name, spec.id, cloud)).toLowerCase();
  const badDomain = domainFree(world, domain, '/defaultDomain');
  if (badDomain) return badDomain;
  const groups = {} as Record<AgentGroupKind, string>;
  for (const kind of AGENT_GROUP_KINDS) {
    const gid = spec.agentGroupIds?.[kind] ?? deriveGuid('agentGroup', spec.id, kind);
    const badGroup = idFree(world, gid, `/agentGroupIds/${kind}`);
    if (badGroup) return badGroup;
    groups[kind] = gid;
  }
  // Field order is memory layout (see LAYOUT in records.ts); the first six match a customer's.
  const partner: PartnerTenant = {
    id: spec.id, kind: 'partner', name: spec.name, cloud, groupIds: [], roleMembers: undefined, defaultDomain: domain, domains: [domain], users: [], upnKeys: [],
    roleIds: undefined, upnIndex: undefined, certifiedForDap: spec.certifiedForDap ?? true, agentGroups: groups,
    delegatedAdminOfferId: undefined, resellerRequestIds: { withDap: undefined, withoutDap: undefined }, relationships: new IdTable<Relationship>(), mailbox: [],
  };
  world.tenants.add(partner.id, partner);
  world.tenantByDomain.set(domain, partner.id);
  for (const kind of AGENT_GROUP_KINDS) {
    world.groups.set(groups[kind], { id: groups[kind], tenantId: partner.id, displayName: kind, agentKind: kind, members: new Set() });
    partner.groupIds.push(groups[kind]);
  }
  world.seq += 1;
  return partner.id;
}

export function addCustomer(world: World, spec: CustomerSpec): SetupResult {
  const bad = idFree(world, spec.id, '/id', 'tenant');
  if (bad) return bad;
  const cloud = cloudOf(spec.cloud);
  if (cloud === undefined) return invalid('MALFORMED', '/cloud', `Expected one of ${CLOUDS.join(', ')}.`);
  const domain = (spec.defaultDomain ?? defaultDomainFor(spec.name, spec.id, cloud)).toLowerCase();
  const domains = spec.domains === undefined ? [domain] : [domain, ...spec.domains.map((d) => d.toLowerCase())];
  for (let i = 0; i < domains.length; i++) {
    const badDomain = domainFree(world, domains[i]!, i === 0 ? '/defaultDomain' : `/domains/${i - 1}`);
    if (badDomain) return badDomain;
    if (domains.indexOf(domains[i]!) !== i) return invalid('DOMAIN_TAKEN', `/domains/${i - 1}`, 'Listed twice.');
  }
  // Field order is memory layout (see LAYOUT in records.ts): what decisions read comes first.
  const customer: CustomerTenant = {
    id: spec.id, kind: 'customer', name: spec.name, cloud, groupIds: [], roleMembers: undefined, partnerCount: 0, removal: undefined, subscriptionIds: [],
    relationships: new Map(), defaultDomain: domain, domains, users: [], upnKeys: [], roleIds: undefined, upnIndex: undefined, deviceIds: [], profileIds: [],
    serviceRequestIds: [], commerceSubscriptionIds: [],
  };
  world.tenants.add(customer.id, customer);
  for (const d of domains) world.tenantByDomain.set(d, customer.id);
  world.seq += 1;
  return customer.id;
}

export function addUser(world: World, spec: UserSpec): SetupResult {
  const bad = idFree(world, spec.id, '/id');
  if (bad) return bad;
  const tenant = world.tenants.get(spec.tenantId);
  if (tenant === undefined) return invalid('UNKNOWN_TENANT', '/tenantId', `"${spec.tenantId}"`);
  const upn = spec.userPrincipalName ?? `user${tenant.users.length + 1}@${tenant.defaultDomain}`;
  const upnKey = upn.toLowerCase();
  const problem = world.upnProblem(tenant, upn, upnKey);
  if (problem !== undefined) return invalid(problem, '/userPrincipalName', `"${upn}" must be alias@domain, unused, on one of ${tenant.domains.join(', ')}.`);
  world.registerUser(tenant, newUser(spec.id, tenant, spec.displayName ?? upn.slice(0, upn.indexOf('@')), upn, spec.offerSwitch ?? false), upnKey);
  world.seq += 1;
  return spec.id;
}

/** A security group of a tenant (customers use them as Azure principals or role-assignable groups). */
export function addGroup(world: World, spec: { readonly id: string; readonly tenantId: string; readonly displayName: string; readonly members?: readonly string[] }): SetupResult {
  const bad = idFree(world, spec.id, '/id');
  if (bad) return bad;
  const tenant = world.tenants.get(spec.tenantId);
  if (tenant === undefined) return invalid('UNKNOWN_TENANT', '/tenantId', `"${spec.tenantId}"`);
  const members = spec.members ?? [];
  for (let i = 0; i < members.length; i++) {
    if (world.users.get(members[i]!)?.tenantId !== tenant.id) return invalid('UNKNOWN_USER', `/members/${i}`, `"${members[i]}" is not a user of "${tenant.name}".`);
  }
  world.groups.set(spec.id, { id: spec.id, tenantId: tenant.id, displayName: spec.displayName, agentKind: undefined, members: new Set(members) });
  tenant.groupIds.push(spec.id);
  world.seq += 1;
  return spec.id;
}

/** Puts a partner user in AdminAgents, HelpdeskAgents or SalesAgents. */
export function addAgent(world: World, spec: { readonly userId: string; readonly group: AgentGroupKind }): SetupResult {
  const user = world.users.get(spec.userId);
  if (user === undefined) return invalid('UNKNOWN_USER', '/userId', `"${spec.userId}"`);
  const partner = world.partnerOf(user);
  if (partner === undefined) return invalid('NOT_A_PARTNER_USER', '/userId', 'Agent groups live in partner tenants.');
  if (!AGENT_GROUP_KINDS.includes(spec.group)) return invalid('NOT_AN_AGENT_GROUP', '/group', `Expected one of ${AGENT_GROUP_KINDS.join(', ')}.`);
  world.setAgentMembership(partner, user, spec.group, true);
  world.seq += 1;
  return user.id;
}

/** Makes a user or group an explicit member of a directory role in its own tenant. */
export function assignDirectoryRole(world: World, spec: { readonly tenantId: string; readonly role: string; readonly principalId: string }): SetupResult {
  const tenant = world.tenants.get(spec.tenantId);
  if (tenant === undefined) return invalid('UNKNOWN_TENANT', '/tenantId', `"${spec.tenantId}"`);
  const templateId = world.resolveRole(tenant, spec.role);
  if (templateId === undefined) return invalid('UNKNOWN_ROLE', '/role', `"${spec.role}"`);
  const principal = world.users.get(spec.principalId) ?? world.groups.get(spec.principalId);
  if (principal === undefined) return invalid('UNKNOWN_PRINCIPAL', '/principalId', `"${spec.principalId}"`);
  if (principal.tenantId !== tenant.id) return invalid('FOREIGN_PRINCIPAL', '/principalId', 'Partner access comes from DAP, never from explicit membership.');
  world.addExplicitMember(tenant, templateId, principal.id);
  world.seq += 1;
  return principal.id;
}

/** Sets the object id a directory role has in a tenant (real tenants each have their own). */
export function setDirectoryRoleId(world: World, spec: { readonly tenantId: string; readonly roleTemplateId: string; readonly roleId: string }): SetupResult {
  const tenant = world.tenants.get(spec.tenantId);
  if (tenant === undefined) return invalid('UNKNOWN_TENANT', '/tenantId', `"${spec.tenantId}"`);
  const templateId = world.resolveRole(tenant, spec.roleTemplateId);
  if (templateId === undefined || templateId !== spec.roleTemplateId) return invalid('UNKNOWN_ROLE', '/roleTemplateId', `"${spec.roleTemplateId}"`);
  (tenant.roleIds ??= new Map()).set(templateId, spec.roleId);
  world.seq += 1;
  return spec.roleId;
}

/** A relationship as if consent had happened before the story starts. */
export function relate(world: World, spec: { readonly partnerId: string; readonly customerId: string; readonly reseller?: boolean; readonly dap?: boolean }): SetupResult {
  const partner = world.partner(spec.partnerId);
  if (partner === undefined) return world.tenants.has(spec.partnerId) ? invalid('NOT_A_PARTNER', '/partnerId') : invalid('UNKNOWN_TENANT', '/partnerId', `"${spec.partnerId}"`);
  const customer = world.customer(spec.customerId);
  if (customer === undefined) return world.tenants.has(spec.customerId) ? invalid('NOT_A_CUSTOMER', '/customerId') : invalid('UNKNOWN_TENANT', '/customerId', `"${spec.customerId}"`);
  if (partner.cloud !== customer.cloud) return invalid('MALFORMED', '/customerId', `SCOPE-SOVEREIGN-CLOUD: "${partner.name}" (${partner.cloud}) and "${customer.name}" (${customer.cloud}) cannot be related.`);
  const reseller = spec.reseller ?? true;
  const dap = spec.dap ?? true;
  if (!reseller && !dap) return invalid('MALFORMED', '/reseller', 'A relationship needs reseller, DAP or both.');
  const r = relationshipFor(partner, customer);
  if (reseller && !r.reseller) { r.reseller = true; record(r, ++world.seq, world.now, 'reseller-established', 'setup', undefined); }
  if (dap && !r.dap) { r.dap = true; record(r, ++world.seq, world.now, 'dap-granted', 'setup', undefined); }
  return customer.id;
}

export function setOfferSwitch(world: World, spec: { readonly userId: string; readonly on: boolean }): SetupResult {
  const user = world.users.get(spec.userId);
  if (user === undefined) return invalid('UNKNOWN_USER', '/userId', `"${spec.userId}"`);
  if (world.partnerOf(user) === undefined) return invalid('NOT_A_PARTNER_USER', '/userId');
  user.offerSwitch = spec.on;
  world.seq += 1;
  return user.id;
}

export function addOffer(world: World, spec: { readonly id: string; readonly partnerId: string; readonly kind?: OfferKind; readonly includesDelegatedAdmin?: boolean; readonly product?: string }): SetupResult {
  if (world.offers.has(spec.id)) return invalid('ALREADY_EXISTS', '/id', `"${spec.id}"`);
  const partner = world.partner(spec.partnerId);
  if (partner === undefined) return invalid('UNKNOWN_TENANT', '/partnerId', `"${spec.partnerId}" is not a partner.`);
  const kind = spec.kind ?? 'delegated-admin';
  if (!OFFER_KINDS.includes(kind)) return invalid('MALFORMED', '/kind', `Expected one of ${OFFER_KINDS.join(', ')}.`);
  if (kind === 'delegated-admin' && partner.delegatedAdminOfferId !== undefined) return invalid('ALREADY_EXISTS', '/kind', 'A partner has one delegated-admin offer (OFFER-REUSABLE).');
  const includes = kind === 'delegated-admin' ? true : (spec.includesDelegatedAdmin ?? true);
  world.offers.set(spec.id, { id: spec.id, partnerId: partner.id, kind, includesDelegatedAdmin: includes, product: kind === 'delegated-admin' ? undefined : (spec.product ?? 'Office 365 E3'), acceptedBy: new Set() });
  if (kind === 'delegated-admin') partner.delegatedAdminOfferId = spec.id;
  world.seq += 1;
  return spec.id;
}

/**
 * An Azure subscription that already exists: provisioned by a partner (its AdminAgents get Owner,
 * AZURE-PROVISION-OWNER), or created by the customer (`ownerId`, a user of the customer, gets Owner
 * when named).
 */
export function addSubscription(world: World, spec: { readonly id: string; readonly customerId: string; readonly displayName?: string; readonly provisionedBy?: string; readonly ownerId?: string; readonly ownerAssignmentId?: string }): SetupResult {
  if (typeof spec.id !== 'string' || spec.id.length === 0) return invalid('MALFORMED', '/id');
  if (world.subscriptions.has(spec.id)) return invalid('ALREADY_EXISTS', '/id', `"${spec.id}"`);
  const customer = world.customer(spec.customerId);
  if (customer === undefined) return invalid('UNKNOWN_TENANT', '/customerId', `"${spec.customerId}" is not a customer.`);
  const partner = spec.provisionedBy === undefined ? undefined : world.partner(spec.provisionedBy);
  if (spec.provisionedBy !== undefined && partner === undefined) return invalid('UNKNOWN_TENANT', '/provisionedBy', `"${spec.provisionedBy}" is not a partner.`);
  const ownerId = spec.ownerAssignmentId ?? deriveGuid('ownerAssignment', spec.id);
  const owner = spec.ownerId === undefined ? undefined : world.users.get(spec.ownerId);
  if (spec.ownerId !== undefined && owner?.tenantId !== customer.id) return invalid('UNKNOWN_USER', '/ownerId', `"${spec.ownerId}" is not a user of "${customer.name}".`);
  if (partner !== undefined && owner !== undefined) return invalid('MALFORMED', '/ownerId', 'A provisioned subscription is owned by the partner’s AdminAgents; name ownerId only for customer-created ones.');
  if ((partner !== undefined || owner !== undefined) && world.roleAssignments.has(ownerId)) return invalid('ALREADY_EXISTS', '/ownerAssignmentId', `"${ownerId}"`);
  const sub = {
    id: spec.id, customerId: customer.id, displayName: spec.displayName ?? (partner ? 'Azure plan' : 'Pay-As-You-Go'),
    origin: partner ? { by: 'partner' as const, partnerId: partner.id } : CUSTOMER_ORIGIN,
    createdSeq: ++world.seq, assignments: [], removedPrincipals: undefined,
  };
  world.subscriptions.set(sub.id, sub);
  customer.subscriptionIds.push(sub.id);
  if (partner !== undefined) addAssignment(setupCtx(world), sub, AZURE_ROLE.Owner, partner.agentGroups.AdminAgents, 'ForeignGroup', partner.id, ownerId, undefined);
  if (owner !== undefined) addAssignment(setupCtx(world), sub, AZURE_ROLE.Owner, owner.id, 'User', customer.id, ownerId, undefined);
  return sub.id;
}

export function addRoleAssignment(world: World, spec: { readonly id: string; readonly subscriptionId: string; readonly roleDefinitionId: string; readonly principalId: string }): SetupResult {
  if (world.roleAssignments.has(spec.id)) return invalid('ALREADY_EXISTS', '/id', `"${spec.id}"`);
  const sub = world.subscriptions.get(spec.subscriptionId);
  if (sub === undefined) return invalid('UNKNOWN_SUBSCRIPTION', '/subscriptionId', `"${spec.subscriptionId}"`);
  const role = spec.roleDefinitionId.slice(spec.roleDefinitionId.lastIndexOf('/') + 1).toLowerCase();
  if (!isAzureRoleId(role)) return invalid('UNKNOWN_ROLE_DEFINITION', '/roleDefinitionId', `"${spec.roleDefinitionId}"`);
  const user = world.users.get(spec.principalId);
  const group = world.groups.get(spec.principalId);
  const owner: Tenant | undefined = world.tenants.get(user?.tenantId ?? group?.tenantId ?? '');
  if (owner === undefined) return invalid('UNKNOWN_PRINCIPAL', '/principalId', `"${spec.principalId}"`);
  let type: PrincipalType;
  if (owner.id === sub.customerId) type = user ? 'User' : 'Group';
  else if (group !== undefined && owner.kind === 'partner') type = 'ForeignGroup';
  else return invalid('FOREIGN_PRINCIPAL', '/principalId', 'Only the customer’s users and groups, or a partner group, can be assigned.');
  addAssignment(setupCtx(world), sub, role, spec.principalId, type, owner.id, spec.id, undefined);
  return spec.id;
}

export function addDevice(world: World, spec: { readonly id: string; readonly customerId: string; readonly serialNumber: string; readonly source: DeviceSource; readonly addedByPartnerId?: string; readonly profileId?: string }): SetupResult {
  if (world.devices.has(spec.id)) return invalid('ALREADY_EXISTS', '/id', `"${spec.id}"`);
  const customer = world.customer(spec.customerId);
  if (customer === undefined) return invalid('UNKNOWN_TENANT', '/customerId', `"${spec.customerId}" is not a customer.`);
  if (spec.source !== 'partner' && !CUSTOMER_DEVICE_SOURCES.includes(spec.source)) return invalid('MALFORMED', '/source', `Expected partner, ${CUSTOMER_DEVICE_SOURCES.join(', ')}.`);
  if (spec.source === 'partner' && world.partner(spec.addedByPartnerId ?? '') === undefined) return invalid('UNKNOWN_TENANT', '/addedByPartnerId', 'A partner-added device names its partner.');
  if (spec.source !== 'partner' && spec.addedByPartnerId !== undefined) return invalid('MALFORMED', '/addedByPartnerId', 'Only partner-added devices name a partner.');
  if (world.deviceBySerial.has(spec.serialNumber.toUpperCase())) return invalid('DEVICE_REGISTERED', '/serialNumber', `"${spec.serialNumber}"`);
  if (spec.profileId !== undefined && world.profiles.get(spec.profileId)?.customerId !== customer.id) return invalid('UNKNOWN_PROFILE', '/profileId', `"${spec.profileId}"`);
  world.devices.set(spec.id, {
    id: spec.id, customerId: customer.id, serialNumber: spec.serialNumber, source: spec.source, addedByPartnerId: spec.addedByPartnerId,
    batchId: undefined, profileId: spec.profileId, productKey: undefined, hardwareHash: undefined, manufacturer: undefined, model: undefined,
  });
  world.deviceBySerial.set(spec.serialNumber.toUpperCase(), spec.id);
  customer.deviceIds.push(spec.id);
  world.seq += 1;
  return spec.id;
}

export function addAutopilotProfile(world: World, spec: { readonly id: string; readonly customerId: string; readonly name: string; readonly description?: string; readonly createdByPartnerId?: string }): SetupResult {
  if (world.profiles.has(spec.id)) return invalid('ALREADY_EXISTS', '/id', `"${spec.id}"`);
  const customer = world.customer(spec.customerId);
  if (customer === undefined) return invalid('UNKNOWN_TENANT', '/customerId', `"${spec.customerId}" is not a customer.`);
  world.profiles.set(spec.id, { id: spec.id, customerId: customer.id, name: spec.name, description: spec.description ?? '', createdByPartnerId: spec.createdByPartnerId });
  customer.profileIds.push(spec.id);
  world.seq += 1;
  return spec.id;
}
