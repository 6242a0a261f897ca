/**
 * Work in a tenant's directory: sign in, add users, reset passwords, add domains, manage
 * licenses, explicit role membership, and MDM (seed 001, 004).
 *
 * Decisions written down here:
 * - Full administration (AdminAgents, or the customer's own Global Administrator) does every
 *   task. Limited administration (HelpdeskAgents, or the customer's own Helpdesk or Password
 *   Administrator) only resets passwords of users who hold no directory role (external fact:
 *   the Helpdesk/Password Administrator scope). A customer's own User Administrator adds users,
 *   manages licenses and resets passwords of non-administrators and limited administrators.
 * - Authorisation is decided before conflicts: a Helpdesk agent adding a user with a taken UPN is
 *   refused (GRANT-LIMITED-ADMIN-TASKS), not told the UPN is taken.
 * - SCOPE-NO-MDM refuses every partner user's MDM operation in a customer, whatever its DAP or
 *   group; the customer's own Global Administrator may perform MDM.
 */
import type { RuleId } from '../catalogue.ts';
import { ROLE_TEMPLATE } from '../constants.ts';
import { newUser } from '../records.ts';
import { allow, invalid, isNo, refuse, type Decision, type Refused } from '../decision.ts';
import type { Tenant, User } from '../types.ts';
import type { World } from '../world.ts';
import { directoryAccess, directoryAccessFound, type DirectoryAccess, type DirectoryLevel } from './access.ts';
import type { Ctx } from './context.ts';
import { failed, newIdFor, optBool, optStr, str, tenantAt, tenantFound, userFound, userIn, type Params } from './params.ts';
import { holdsARole, needsFullAdministration } from './details.ts';

type Task = 'addUser' | 'resetPassword' | 'addDomain' | 'manageLicenses' | 'manageRoles' | 'mdm';

const CAN: Readonly<Record<DirectoryLevel, ReadonlySet<Task>>> = {
  global: new Set<Task>(['addUser', 'resetPassword', 'addDomain', 'manageLicenses', 'manageRoles', 'mdm']),
  'user-admin': new Set<Task>(['addUser', 'resetPassword', 'manageLicenses']),
  helpdesk: new Set<Task>(['resetPassword']),
  member: new Set<Task>(),
};


/** Directory access for a task, or the refusal: the task-level rules follow the access-level ones. */
function accessFor(world: World, actor: User, tenant: Tenant, task: Task, access = directoryAccess(world, actor, tenant)): DirectoryAccess | Refused {
  if (isRefused(access)) return access;
  if (CAN[access.level].has(task)) return access;
  const rules: readonly RuleId[] = access.via === 'dap' || access.level === 'helpdesk' ? access.rules : ['GRANT-FULL-ADMIN-TASKS'];
  return refuse('INSUFFICIENT_DIRECTORY_ROLE', rules, needsFullAdministration, task);
}

function isRefused(x: DirectoryAccess | Refused): x is Refused {
  return isNo(x);
}

export function signIn(ctx: Ctx, actor: User, p: Params): Decision {
  const tenantId = p['tenantId'];
  // Lookups first, checks after: see tenantFound in params.ts.
  const found = ctx.world.tenants.get(tenantId as string);
  const partner = ctx.world.partnerOf(actor);
  const pair = partner?.relationships.get(tenantId as string);
  const tenant = tenantFound(found, tenantId, 'tenantId');
  if (failed(tenant)) return tenant;
  const access = directoryAccessFound(ctx.world, actor, tenant, partner, pair);
  if (isRefused(access)) return access;
  const rules: readonly RuleId[] = access.via === 'dap' ? ['GRANT-SIGNIN', ...access.rules] : access.rules.includes('GRANT-SIGNIN') ? access.rules : ['GRANT-SIGNIN', ...access.rules];
  return allow(rules, [{ type: 'signedIn', tenantId: tenant.id, roleTemplateIds: access.roles }]);
}

export function addUser(ctx: Ctx, actor: User, p: Params): Decision {
  const { world } = ctx;
  const tenant = tenantAt(world, p['tenantId'], 'tenantId');
  if (failed(tenant)) return tenant;
  const upn = str(p['userPrincipalName'], 'userPrincipalName');
  if (failed(upn)) return upn;
  const displayName = str(p['displayName'], 'displayName');
  if (failed(displayName)) return displayName;
  const upnKey = upn.toLowerCase();
  const problem = world.upnProblem(tenant, upn, upnKey);
  if (problem === 'MALFORMED') return invalid('MALFORMED', '/userPrincipalName', `"${upn}" must look like alias@domain.`);
  const access = accessFor(world, actor, tenant, 'addUser');
  if (isRefused(access)) return access;
  if (problem === 'UPN_DOMAIN_UNVERIFIED') return invalid(problem, '/userPrincipalName', `Use one of: ${tenant.domains.join(', ')}.`);
  if (problem === 'UPN_TAKEN') return invalid(problem, '/userPrincipalName', `"${upn}"`);
  const id = newIdFor(p['userId'], 'userId', () => ctx.newId('user'));
  if (failed(id)) return id;
  if (world.users.has(id) || world.groups.has(id)) return invalid('ALREADY_EXISTS', '/userId', `"${id}"`);

  world.tick(ctx.now);
  world.registerUser(tenant, newUser(id, tenant, displayName, upn, false), upnKey);
  return allow(access.rules, [{ type: 'user.created', userId: id }]);
}

const LIMITED_ADMIN_ROLES = new Set<string>([ROLE_TEMPLATE.HelpdeskAdministrator, ROLE_TEMPLATE.PasswordAdministrator, ROLE_TEMPLATE.UserAdministrator]);

export function resetPassword(ctx: Ctx, actor: User, p: Params): Decision {
  const { world } = ctx;
  const tenantId = p['tenantId'];
  const userId = p['userId'];
  // Lookups first, checks after: see tenantFound in params.ts.
  const foundTenant = world.tenants.get(tenantId as string);
  const foundUser = world.users.get(userId as string);
  const partner = world.partnerOf(actor);
  const pair = partner?.relationships.get(tenantId as string);
  const tenant = tenantFound(foundTenant, tenantId, 'tenantId');
  if (failed(tenant)) return tenant;
  const target = userFound(foundUser, tenant, userId, 'userId');
  if (failed(target)) return target;
  const access = accessFor(world, actor, tenant, 'resetPassword', directoryAccessFound(world, actor, tenant, partner, pair));
  if (isRefused(access)) return access;
  if (access.level !== 'global' && world.isAdministrator(target)) {
    const onlyLimitedRoles = access.level === 'user-admin' && !world.holdsExplicitRole(target, tenant, ROLE_TEMPLATE.GlobalAdministrator)
      && world.rolesHeld(target, tenant).every((r) => LIMITED_ADMIN_ROLES.has(r));
    if (!onlyLimitedRoles) {
      const rules = access.level === 'helpdesk' ? access.rules : (['GRANT-FULL-ADMIN-TASKS'] as const);
      return refuse('TARGET_IS_ADMIN', rules, holdsARole, target);
    }
  }
  world.tick(ctx.now);
  target.passwordVersion += 1;
  return allow(access.rules, [{ type: 'password.reset', userId: target.id }]);
}

const DOMAIN = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export function addDomain(ctx: Ctx, actor: User, p: Params): Decision {
  const { world } = ctx;
  const tenant = tenantAt(world, p['tenantId'], 'tenantId');
  if (failed(tenant)) return tenant;
  const raw = str(p['domain'], 'domain');
  if (failed(raw)) return raw;
  const domain = raw.toLowerCase();
  if (!DOMAIN.test(domain)) return invalid('MALFORMED', '/domain', `"${raw}" is not a domain name like contoso.com.`);
  const access = accessFor(world, actor, tenant, 'addDomain');
  if (isRefused(access)) return access;
  if (world.tenantByDomain.has(domain)) return invalid('DOMAIN_TAKEN', '/domain', `"${domain}"`);
  world.tick(ctx.now);
  world.tenantByDomain.set(domain, tenant.id);
  tenant.domains.push(domain);
  return allow(access.rules, [{ type: 'domain.added', tenantId: tenant.id, domain }]);
}

export function manageLicenses(ctx: Ctx, actor: User, p: Params): Decision {
  const { world } = ctx;
  const tenantId = p['tenantId'];
  const userId = p['userId'];
  // Lookups first, checks after: see tenantFound in params.ts.
  const foundTenant = world.tenants.get(tenantId as string);
  const foundUser = world.users.get(userId as string);
  const partner = world.partnerOf(actor);
  const pair = partner?.relationships.get(tenantId as string);
  const tenant = tenantFound(foundTenant, tenantId, 'tenantId');
  if (failed(tenant)) return tenant;
  const target = userFound(foundUser, tenant, userId, 'userId');
  if (failed(target)) return target;
  const sku = str(p['sku'], 'sku');
  if (failed(sku)) return sku;
  const assign = optBool(p['assign'], 'assign', true);
  if (failed(assign)) return assign;
  const access = accessFor(world, actor, tenant, 'manageLicenses', directoryAccessFound(world, actor, tenant, partner, pair));
  if (isRefused(access)) return access;
  world.tick(ctx.now);
  if (assign) (target.licenses ??= new Set()).add(sku);
  else target.licenses?.delete(sku);
  return allow(access.rules, [{ type: assign ? 'license.assigned' : 'license.removed', userId: target.id, sku }]);
}

export function mdmOperation(ctx: Ctx, actor: User, p: Params): Decision {
  const { world } = ctx;
  const tenant = tenantAt(world, p['tenantId'], 'tenantId');
  if (failed(tenant)) return tenant;
  const operation = optStr(p['operation'], 'operation');
  if (failed(operation)) return operation;
  if (actor.home !== tenant && world.partnerOf(actor) !== undefined && tenant.kind === 'customer') {
    return refuse('MDM_NOT_SUPPORTED', ['SCOPE-NO-MDM'], 'Ask the customer to perform MDM operations itself.');
  }
  const access = accessFor(world, actor, tenant, 'mdm');
  if (isRefused(access)) return access;
  world.tick(ctx.now);
  return allow(['SCOPE-NO-MDM', ...access.rules], [{ type: 'mdm.performed', tenantId: tenant.id }]);
}

export function addDirectoryRoleMember(ctx: Ctx, actor: User, p: Params): Decision {
  return changeRoleMember(ctx, actor, p, true);
}

export function removeDirectoryRoleMember(ctx: Ctx, actor: User, p: Params): Decision {
  return changeRoleMember(ctx, actor, p, false);
}

function changeRoleMember(ctx: Ctx, actor: User, p: Params, add: boolean): Decision {
  const { world } = ctx;
  const tenant = tenantAt(world, p['tenantId'], 'tenantId');
  if (failed(tenant)) return tenant;
  const roleId = str(p['roleId'], 'roleId');
  if (failed(roleId)) return roleId;
  const templateId = world.resolveRole(tenant, roleId);
  if (templateId === undefined) return invalid('UNKNOWN_ROLE', '/roleId', `"${roleId}"`);
  const principalId = str(p['principalId'], 'principalId');
  if (failed(principalId)) return principalId;
  const principal = world.users.get(principalId) ?? world.groups.get(principalId);
  if (principal === undefined) return invalid('UNKNOWN_PRINCIPAL', '/principalId', `"${principalId}"`);
  // A partner's group or agent can never be made an explicit member: its role is implicit (LIST-IMPLICIT-HIDDEN).
  if (principal.tenantId !== tenant.id) return invalid('FOREIGN_PRINCIPAL', '/principalId', `"${principalId}" belongs to another tenant.`);
  const access = accessFor(world, actor, tenant, 'manageRoles');
  if (isRefused(access)) return access;
  const member = world.isExplicitMember(tenant, templateId, principalId);
  if (add && member) return invalid('ALREADY_EXISTS', '/principalId', 'It is already an explicit member of the role.');
  if (!add && !member) return invalid('UNKNOWN_PRINCIPAL', '/principalId', 'It is not an explicit member of the role.');
  world.tick(ctx.now);
  if (add) world.addExplicitMember(tenant, templateId, principalId);
  else world.removeExplicitMember(tenant, templateId, principalId);
  return allow(access.rules, [{ type: add ? 'directoryRole.memberAdded' : 'directoryRole.memberRemoved', tenantId: tenant.id, roleTemplateId: templateId, principalId }]);
}
