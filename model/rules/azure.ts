/**
 * Azure subscriptions and their role assignments (seed 004, "Azure subscriptions and resource
 * management"). Azure access is decided by role assignments under the subscription and nothing
 * else (AZURE-RBAC-SEPARATE): DAP neither gives it (AZURE-NO-RETROACTIVE) nor, when removed,
 * takes it away (AZURE-PERSISTS-AFTER-REVOKE).
 *
 * Decisions written down here:
 * - Managing resources needs Owner or Contributor; adding or removing role assignments needs
 *   Owner or User Access Administrator (external: Azure built-in role definitions).
 * - A principal is a user or group of the customer, or a partner's group as a ForeignGroup.
 *   Group-based assignments follow live group membership (AGENT-MEMBERSHIP-LIVE).
 * - A customer creating its own subscription is its Global Administrator, who becomes Owner.
 * - An assignment identical to an existing one (principal, role, subscription) is invalid
 *   (ALREADY_EXISTS), as ARM answers 409 RoleAssignmentExists.
 */
import type { RuleId } from '../catalogue.ts';
import { AZURE_ROLE, isAzureRoleId, type AzureRoleId } from '../constants.ts';
import { allow, invalid, refuse, type Decision, type Refused } from '../decision.ts';
import type { Effect } from '../effects.ts';
import type { AzureSubscription, CustomerTenant, PartnerTenant, PrincipalType, Relationship, RoleAssignment, User } from '../types.ts';
import type { World } from '../world.ts';
import { membershipChanged, refuseByMembership } from './access.ts';
import type { Ctx } from './context.ts';
import { isCustomerGlobalAdmin } from './offers.ts';
import { customerAt, customerOrOwn, failed, newIdFor, optStr, str, subscriptionAt, type Params } from './params.ts';
import { askAnOwner, isNeither, mustAcceptAResellerRequest, roleDoesNotAllow } from './details.ts';

const MANAGE: ReadonlySet<AzureRoleId> = new Set([AZURE_ROLE.Owner, AZURE_ROLE.Contributor]);
const ASSIGN: ReadonlySet<AzureRoleId> = new Set([AZURE_ROLE.Owner, AZURE_ROLE.UserAccessAdministrator]);

export function provisionAzureSubscription(ctx: Ctx, actor: User, p: Params): Decision {
  const { world } = ctx;
  const partner = world.partnerOf(actor);
  if (partner === undefined) return invalid('NOT_A_PARTNER_USER', '/actor', 'Partners provision subscriptions; a customer uses createAzureSubscription.');
  const customer = customerAt(world, p['customerId'], 'customerId');
  if (failed(customer)) return customer;
  const name = optStr(p['displayName'], 'displayName');
  if (failed(name)) return name;
  if (!world.inAgentGroup(partner, actor, 'AdminAgents') && !world.inAgentGroup(partner, actor, 'SalesAgents')) {
    return refuseByMembership(world, partner, actor, 'NOT_ADMIN_OR_SALES_AGENT', ['AZURE-PROVISION-OWNER'], isNeither);
  }
  if (partner.relationships.get(customer.id)?.reseller !== true) {
    const rules: RuleId[] = partner.cloud !== customer.cloud ? ['AZURE-PROVISION-OWNER', 'SCOPE-SOVEREIGN-CLOUD'] : ['AZURE-PROVISION-OWNER'];
    return refuse('NO_RESELLER_RELATIONSHIP', rules, mustAcceptAResellerRequest, customer);
  }
  const id = newIdFor(p['subscriptionId'], 'subscriptionId', () => ctx.newId('subscription'));
  if (failed(id)) return id;
  if (world.subscriptions.has(id)) return invalid('ALREADY_EXISTS', '/subscriptionId', `"${id}"`);
  const effects: Effect[] = [];
  const sub = createSubscription(ctx, customer, id, name ?? 'Azure plan', { by: 'partner', partnerId: partner.id }, effects);
  // AZURE-PROVISION-OWNER: Owner for the AdminAgents group, as a foreign group of the partner tenant.
  addAssignment(ctx, sub, AZURE_ROLE.Owner, partner.agentGroups.AdminAgents, 'ForeignGroup', partner.id, ctx.newId('roleAssignment'), effects);
  return allow(['AZURE-PROVISION-OWNER', 'RESELLER-CUSTOMER-LISTED', 'AZURE-RBAC-SEPARATE'], effects);
}

export function createAzureSubscription(ctx: Ctx, actor: User, p: Params): Decision {
  const { world } = ctx;
  const customer = customerOrOwn(world, p['customerId'], 'customerId', actor);
  if (failed(customer)) return customer;
  const name = optStr(p['displayName'], 'displayName');
  if (failed(name)) return name;
  if (!isCustomerGlobalAdmin(world, actor, customer)) {
    return refuse('NOT_CUSTOMER_GLOBAL_ADMIN', ['AZURE-RBAC-SEPARATE'], 'A customer subscription is created by the customer’s Global admin; a partner provisions instead.');
  }
  const id = newIdFor(p['subscriptionId'], 'subscriptionId', () => ctx.newId('subscription'));
  if (failed(id)) return id;
  if (world.subscriptions.has(id)) return invalid('ALREADY_EXISTS', '/subscriptionId', `"${id}"`);
  const effects: Effect[] = [];
  const sub = createSubscription(ctx, customer, id, name ?? 'Pay-As-You-Go', { by: 'customer', userId: actor.id }, effects);
  addAssignment(ctx, sub, AZURE_ROLE.Owner, actor.id, 'User', customer.id, ctx.newId('roleAssignment'), effects);
  return allow(['AZURE-RBAC-SEPARATE'], effects);
}

export function manageAzureResources(ctx: Ctx, actor: User, p: Params): Decision {
  const { world } = ctx;
  const sub = subscriptionAt(world, p['subscriptionId'], 'subscriptionId');
  if (failed(sub)) return sub;
  // The partner's relationship with the customer is looked up beside the assignments, which both
  // answers need: their cache misses overlap (see tenantFound in params.ts).
  const partner = world.partnerOf(actor);
  const pair = partner?.relationships.get(sub.customerId);
  const found = effectiveAssignments(world, actor, sub);
  const granting = found.filter((a) => MANAGE.has(a.roleDefinitionId));
  if (granting.length === 0) return noAccess(world, actor, sub, found, 'manage resources', partner, pair);
  world.tick(ctx.now);
  return allow(grantRules(world, actor, sub, granting, partner, pair), [{ type: 'azure.resourcesManaged', subscriptionId: sub.id }]);
}

export function addRoleAssignment(ctx: Ctx, actor: User, p: Params): Decision {
  const { world } = ctx;
  const sub = subscriptionAt(world, p['subscriptionId'], 'subscriptionId');
  if (failed(sub)) return sub;
  const rawRole = str(p['roleDefinitionId'], 'roleDefinitionId');
  if (failed(rawRole)) return rawRole;
  // Accept the bare GUID or ARM's resource id form ".../roleDefinitions/{guid}".
  const roleDefinitionId = rawRole.slice(rawRole.lastIndexOf('/') + 1).toLowerCase();
  if (!isAzureRoleId(roleDefinitionId)) return invalid('UNKNOWN_ROLE_DEFINITION', '/roleDefinitionId', `"${rawRole}"`);
  const principalId = str(p['principalId'], 'principalId');
  if (failed(principalId)) return principalId;
  const customer = world.customer(sub.customerId)!;
  const principal = principalOf(world, customer, principalId);
  if (failed(principal)) return principal;
  const denied = mayAssign(world, actor, sub);
  if (denied !== undefined) return denied;
  for (const a of sub.assignments) {
    if (a.principalId === principalId && a.roleDefinitionId === roleDefinitionId) return invalid('ALREADY_EXISTS', '/principalId', `Role assignment "${a.id}" already gives it this role.`);
  }
  const id = newIdFor(p['assignmentId'], 'assignmentId', () => ctx.newId('roleAssignment'));
  if (failed(id)) return id;
  if (world.roleAssignments.has(id)) return invalid('ALREADY_EXISTS', '/assignmentId', `"${id}"`);
  const effects: Effect[] = [];
  addAssignment(ctx, sub, roleDefinitionId, principalId, principal.type, principal.tenantId, id, effects);
  sub.removedPrincipals?.delete(principalId);
  return allow(['AZURE-RBAC-SEPARATE'], effects);
}

export function removeRoleAssignment(ctx: Ctx, actor: User, p: Params): Decision {
  const { world } = ctx;
  const sub = subscriptionAt(world, p['subscriptionId'], 'subscriptionId');
  if (failed(sub)) return sub;
  const assignmentId = str(p['assignmentId'], 'assignmentId');
  if (failed(assignmentId)) return assignmentId;
  const assignment = world.roleAssignments.get(assignmentId);
  if (assignment === undefined || assignment.subscriptionId !== sub.id) return invalid('UNKNOWN_ROLE_ASSIGNMENT', '/assignmentId', `"${assignmentId}"`);
  const denied = mayAssign(world, actor, sub);
  if (denied !== undefined) return denied;
  world.tick(ctx.now);
  world.roleAssignments.delete(assignmentId);
  sub.assignments.splice(sub.assignments.indexOf(assignment), 1);
  (sub.removedPrincipals ??= new Set()).add(assignment.principalId);
  return allow(['AZURE-REMOVE-ASSIGNMENT', 'AZURE-RBAC-SEPARATE'], [{ type: 'azure.roleAssignmentRemoved', assignmentId, subscriptionId: sub.id }]);
}

/** Read access (any role) for listings; the refusal names the same rules as a management refusal. */
export function readAccess(world: World, actor: User, sub: AzureSubscription): Refused | undefined {
  const found = effectiveAssignments(world, actor, sub);
  return found.length > 0 ? undefined : noAccess(world, actor, sub, found, 'read role assignments');
}

/** The assignments under the subscription that apply to the actor right now. */
export function effectiveAssignments(world: World, actor: User, sub: AzureSubscription): RoleAssignment[] {
  const out: RoleAssignment[] = [];
  for (const a of sub.assignments) {
    if (a.principalId === actor.id || (a.principalType !== 'User' && world.groups.get(a.principalId)?.members.has(actor.id) === true)) out.push(a);
  }
  return out;
}

function mayAssign(world: World, actor: User, sub: AzureSubscription): Refused | undefined {
  const found = effectiveAssignments(world, actor, sub);
  if (found.some((a) => ASSIGN.has(a.roleDefinitionId))) return undefined;
  return noAccess(world, actor, sub, found, 'change role assignments');
}

/**
 * Why the actor cannot do `what` here, with every rule that explains it. `partner` and `pair` (the
 * actor's partner and its relationship with the customer) may come already looked up.
 */
function noAccess(world: World, actor: User, sub: AzureSubscription, found: readonly RoleAssignment[], what: string,
  partner = world.partnerOf(actor), pair = partner?.relationships.get(sub.customerId)): Refused {
  if (found.length > 0) {
    return refuse('INSUFFICIENT_AZURE_ROLE', ['AZURE-RBAC-SEPARATE'], roleDoesNotAllow, what);
  }
  const rules: RuleId[] = ['AZURE-RBAC-SEPARATE'];
  if (partner !== undefined) {
    // The subscription existed before an acceptance or grant of this partner: that grant reached no further back.
    if (pair !== undefined && pair.lastAcceptSeq > sub.createdSeq) rules.push('AZURE-NO-RETROACTIVE');
    if (sub.origin.by === 'partner' && sub.origin.partnerId === partner.id) rules.push('AZURE-PROVISION-OWNER');
    if (lostAssignment(world, partner, actor, sub)) rules.push('AZURE-REMOVE-ASSIGNMENT');
    // A group assignment would have covered the actor before its membership changed.
    if (membershipChanged(world, partner, actor.id) && coversPartnerGroup(world, partner, sub)) rules.push('AGENT-MEMBERSHIP-LIVE');
  }
  return refuse('NO_AZURE_ROLE', rules, askAnOwner, sub);
}

/** True when an assignment that would cover the actor was removed from the subscription. */
function lostAssignment(world: World, partner: PartnerTenant, actor: User, sub: AzureSubscription): boolean {
  const removed = sub.removedPrincipals;
  if (removed === undefined || removed.size === 0) return false;
  if (removed.has(actor.id)) return true;
  for (const groupId of Object.values(partner.agentGroups)) {
    if (removed.has(groupId) && world.groups.get(groupId)!.members.has(actor.id)) return true;
  }
  return false;
}

/** True when some assignment under the subscription names one of the partner's agent groups. */
function coversPartnerGroup(world: World, partner: PartnerTenant, sub: AzureSubscription): boolean {
  return sub.assignments.some((a) => a.principalTenantId === partner.id && a.principalType === 'ForeignGroup');
}

/** The rules that explain an Azure grant: which assignment, and why DAP does not matter. */
function grantRules(world: World, actor: User, sub: AzureSubscription, granting: readonly RoleAssignment[], partner: PartnerTenant | undefined, r: Relationship | undefined): RuleId[] {
  const rules: RuleId[] = ['AZURE-RBAC-SEPARATE'];
  if (partner === undefined) return rules;
  const viaAdminAgents = granting.some((a) => a.principalId === partner.agentGroups.AdminAgents);
  if (viaAdminAgents && sub.origin.by === 'partner' && sub.origin.partnerId === partner.id) rules.push('AZURE-PROVISION-OWNER');
  if (r !== undefined && !r.dap && r.removals > 0) rules.push('AZURE-PERSISTS-AFTER-REVOKE');
  if (granting.every((a) => a.principalId !== actor.id) && membershipChanged(world, partner, actor.id)) rules.push('AGENT-MEMBERSHIP-LIVE');
  return rules;
}

type Principal = { readonly type: PrincipalType; readonly tenantId: string };

/** A principal the customer's subscription can name: its own user or group, or a partner's group. */
function principalOf(world: World, customer: CustomerTenant, principalId: string): Principal | ReturnType<typeof invalid> {
  const user = world.users.get(principalId);
  if (user !== undefined) {
    return user.tenantId === customer.id ? { type: 'User', tenantId: customer.id } : invalid('FOREIGN_PRINCIPAL', '/principalId', 'Users of other tenants are not modelled as guests; assign a partner group instead.');
  }
  const group = world.groups.get(principalId);
  if (group === undefined) return invalid('UNKNOWN_PRINCIPAL', '/principalId', `"${principalId}"`);
  if (group.tenantId === customer.id) return { type: 'Group', tenantId: customer.id };
  if (world.partner(group.tenantId) !== undefined) return { type: 'ForeignGroup', tenantId: group.tenantId };
  return invalid('FOREIGN_PRINCIPAL', '/principalId', 'Only partner groups can be assigned across tenants.');
}

function createSubscription(ctx: Ctx, customer: CustomerTenant, id: string, displayName: string, origin: AzureSubscription['origin'], effects: Effect[]): AzureSubscription {
  const sub: AzureSubscription = { id, customerId: customer.id, displayName, origin, createdSeq: ctx.world.tick(ctx.now), assignments: [], removedPrincipals: undefined };
  ctx.world.subscriptions.set(id, sub);
  customer.subscriptionIds.push(id);
  effects.push({ type: 'azure.subscriptionCreated', subscriptionId: id });
  return sub;
}

export function addAssignment(ctx: Ctx, sub: AzureSubscription, roleDefinitionId: AzureRoleId, principalId: string, principalType: PrincipalType, principalTenantId: string, id: string, effects: Effect[] | undefined): void {
  const createdSeq = ctx.world.tick(ctx.now);
  const assignment: RoleAssignment = { id, subscriptionId: sub.id, roleDefinitionId, principalId, principalType, principalTenantId, createdSeq };
  ctx.world.roleAssignments.set(id, assignment);
  sub.assignments.push(assignment);
  effects?.push({ type: 'azure.roleAssigned', assignmentId: id, subscriptionId: sub.id, roleDefinitionId, principalId });
}
