/**
 * What an actor sees of a tenant's directory. LIST-IMPLICIT-HIDDEN is the point of this file:
 * role member listings show explicit members only, so a partner holding Global Administrator
 * through DAP is never among them — not even when the partner's own agent is the one asking.
 */
import type { RuleId } from '../catalogue.ts';
import { DIRECTORY_ROLES } from '../constants.ts';
import { allowResult, invalid, isNo, type Decision } from '../decision.ts';
import { directoryAccess } from '../rules/access.ts';
import { failed, str, tenantAt, type Params } from '../rules/params.ts';
import type { Tenant, User } from '../types.ts';
import type { World } from '../world.ts';

export interface DirectoryRoleView {
  readonly id: string;
  readonly roleTemplateId: string;
  readonly displayName: string;
}

export interface DirectoryObjectView {
  readonly id: string;
  readonly type: 'user' | 'group';
  readonly displayName: string;
  readonly userPrincipalName: string | undefined;
}

export interface UserView {
  readonly id: string;
  readonly displayName: string;
  readonly userPrincipalName: string;
  readonly licenses: readonly string[];
}

const HIDDEN: readonly RuleId[] = ['LIST-IMPLICIT-HIDDEN'];

function withAccess<R>(world: World, actor: User, p: Params, read: (tenant: Tenant, rules: readonly RuleId[]) => Decision<R>): Decision<R> {
  const tenant = tenantAt(world, p['tenantId'], 'tenantId');
  if (failed(tenant)) return tenant;
  const access = directoryAccess(world, actor, tenant);
  if (isNo(access)) return access;
  return read(tenant, access.rules);
}

export function directoryRoles(world: World, actor: User, p: Params): Decision<DirectoryRoleView[]> {
  return withAccess(world, actor, p, (tenant, rules) =>
    allowResult(rules, DIRECTORY_ROLES.map((r) => ({ id: world.roleObjectId(tenant, r.templateId), roleTemplateId: r.templateId, displayName: r.displayName }))));
}

/** Members of one role, addressed by its object id or its template id (Graph accepts both). */
export function directoryRoleMembers(world: World, actor: User, p: Params): Decision<DirectoryObjectView[]> {
  const roleId = str(p['roleId'], 'roleId');
  if (failed(roleId)) return roleId;
  return withAccess(world, actor, p, (tenant, rules) => {
    const templateId = world.resolveRole(tenant, roleId);
    if (templateId === undefined) return invalid('UNKNOWN_ROLE', '/roleId', `"${roleId}" is neither a role id nor a role template id in "${tenant.name}".`);
    const members: DirectoryObjectView[] = [];
    for (const id of world.explicitRoleMembers(tenant, templateId)) {
      const user = world.users.get(id);
      if (user !== undefined) members.push({ id, type: 'user', displayName: user.displayName, userPrincipalName: user.userPrincipalName });
      else members.push({ id, type: 'group', displayName: world.groups.get(id)!.displayName, userPrincipalName: undefined });
    }
    return allowResult([...HIDDEN, ...rules], members);
  });
}

export function users(world: World, actor: User, p: Params): Decision<UserView[]> {
  return withAccess(world, actor, p, (tenant, rules) =>
    allowResult(rules, tenant.users.map((u) => {
      return { id: u.id, displayName: u.displayName, userPrincipalName: u.userPrincipalName, licenses: [...(u.licenses ?? [])] };
    })));
}

export interface GroupView {
  readonly id: string;
  readonly displayName: string;
  /** For a partner's agent groups: AdminAgents, HelpdeskAgents or SalesAgents. */
  readonly agentKind: string | undefined;
  readonly memberIds: readonly string[];
}

/** The tenant's security groups (a partner's agent groups among them), for whoever may read its directory. */
export function groups(world: World, actor: User, p: Params): Decision<GroupView[]> {
  return withAccess(world, actor, p, (tenant, rules) =>
    allowResult(tenant.kind === 'partner' ? ['AGENT-GROUPS', ...rules] : rules, tenant.groupIds.map((id) => {
      const g = world.groups.get(id)!;
      return { id, displayName: g.displayName, agentKind: g.agentKind, memberIds: [...g.members] };
    })));
}

export function domains(world: World, actor: User, p: Params): Decision<{ readonly id: string; readonly isDefault: boolean }[]> {
  return withAccess(world, actor, p, (tenant, rules) => allowResult(rules, tenant.domains.map((d) => ({ id: d, isDefault: d === tenant.defaultDomain }))));
}
