/**
 * Who the actor is inside a tenant's directory: the heart of DAP.
 *
 * A user acts in its own tenant through the directory roles it holds explicitly. A partner user
 * acts in a customer tenant only through the implicit roles DAP gives the partner's groups
 * (GRANT-ADMINAGENTS-GLOBAL, GRANT-HELPDESK-HELPDESKADMIN), read from the relationship and the
 * live group membership at the moment of the action (AGENT-MEMBERSHIP-LIVE). Anyone else is a
 * stranger to the tenant (GRANT-SIGNIN).
 */
import type { RuleId } from '../catalogue.ts';
import { ROLE_TEMPLATE, type RoleTemplateId } from '../constants.ts';
import { refuse, type Detail, type Refused } from '../decision.ts';
import type { CustomerTenant, PartnerTenant, Relationship, Tenant, User } from '../types.ts';
import type { World } from '../world.ts';
import { inOtherClouds, mustBeAnAgentOf, notAUserOf, notAccepted } from './details.ts';

/** The power an actor has in a directory, strongest first. */
export type DirectoryLevel = 'global' | 'user-admin' | 'helpdesk' | 'member';

export interface DirectoryAccess {
  readonly level: DirectoryLevel;
  /** 'own': the actor's own tenant; 'dap': a partner agent in a customer through DAP. */
  readonly via: 'own' | 'dap';
  /** The directory roles behind the level (explicit for 'own', implicit for 'dap'). */
  readonly roles: readonly RoleTemplateId[];
  /** The rules that gave this access. */
  readonly rules: readonly RuleId[];
}

const FULL: readonly RuleId[] = ['GRANT-ADMINAGENTS-GLOBAL', 'GRANT-FULL-ADMIN-TASKS'];
const LIMITED: readonly RuleId[] = ['GRANT-HELPDESK-HELPDESKADMIN', 'GRANT-LIMITED-ADMIN-TASKS'];
const OWN_FULL: readonly RuleId[] = ['GRANT-FULL-ADMIN-TASKS'];
const OWN_LIMITED: readonly RuleId[] = ['GRANT-LIMITED-ADMIN-TASKS'];
const OWN_MEMBER: readonly RuleId[] = ['GRANT-SIGNIN'];
const NO_ROLES: readonly RoleTemplateId[] = [];
const GA_ROLES: readonly RoleTemplateId[] = [ROLE_TEMPLATE.GlobalAdministrator];
const HELPDESK_ROLES: readonly RoleTemplateId[] = [ROLE_TEMPLATE.HelpdeskAdministrator];
const BOTH_ROLES: readonly RoleTemplateId[] = [ROLE_TEMPLATE.GlobalAdministrator, ROLE_TEMPLATE.HelpdeskAdministrator];
const SOVEREIGN_NO_CONSENT: readonly RuleId[] = ['SCOPE-SOVEREIGN-CLOUD', 'CONSENT-REQUIRED'];
const CONSENT: readonly RuleId[] = ['CONSENT-REQUIRED'];
const CONSENT_OTHERS: readonly RuleId[] = ['CONSENT-REQUIRED', 'GRANT-MULTI-PARTNER'];

/** What the actor may do in the tenant's directory, or why it may do nothing there. */
export function directoryAccess(world: World, actor: User, tenant: Tenant): DirectoryAccess | Refused {
  if (actor.home === tenant) return ownAccess(world, actor, tenant);
  const partner = world.partnerOf(actor);
  return directoryAccessFound(world, actor, tenant, partner, partner?.relationships.get(tenant.id));
}

/**
 * `directoryAccess` for a handler that looked up the actor's partner (`world.partner`) and its
 * relationship with the tenant itself, beside its other lookups (see `tenantFound` in params.ts):
 * the relationship needs only the tenant's id, not its record, and nothing is looked up twice.
 */
export function directoryAccessFound(world: World, actor: User, tenant: Tenant, partner: PartnerTenant | undefined, pair: Relationship | undefined): DirectoryAccess | Refused {
  if (actor.home === tenant) return ownAccess(world, actor, tenant);
  if (partner === undefined || tenant.kind !== 'customer') {
    return refuse('NOT_A_MEMBER', ['GRANT-SIGNIN'], notAUserOf, actor, tenant);
  }
  return delegatedAccess(world, actor, partner, tenant, pair);
}

function ownAccess(world: World, actor: User, tenant: Tenant): DirectoryAccess {
  const roles = actor.roleMask === 0 && tenant.groupIds.length === 0 ? NO_ROLES : world.rolesHeld(actor, tenant);
  let level: DirectoryLevel = 'member';
  if (roles.includes(ROLE_TEMPLATE.GlobalAdministrator)) level = 'global';
  else if (roles.includes(ROLE_TEMPLATE.UserAdministrator)) level = 'user-admin';
  else if (roles.includes(ROLE_TEMPLATE.HelpdeskAdministrator) || roles.includes(ROLE_TEMPLATE.PasswordAdministrator)) level = 'helpdesk';
  const rules = level === 'member' ? OWN_MEMBER : level === 'global' ? OWN_FULL : OWN_LIMITED;
  return { level, via: 'own', roles, rules };
}

/**
 * The implicit roles of a partner agent in a customer (GRANT-*), or the refusal that applies.
 * `relationship` is the partner's with the customer, if any.
 */
export function delegatedAccess(world: World, actor: User, partner: PartnerTenant, customer: CustomerTenant, relationship: Relationship | undefined): DirectoryAccess | Refused {
  if (relationship === undefined || !relationship.dap) return noDapRefusal(partner, customer, relationship);
  const admin = world.inAgentGroup(partner, actor, 'AdminAgents');
  const helpdesk = !admin && world.inAgentGroup(partner, actor, 'HelpdeskAgents');
  const live = membershipChanged(world, partner, actor.id);
  if (!admin && !helpdesk) {
    return refuseByMembership(world, partner, actor, 'NOT_AN_AGENT', ['GRANT-SIGNIN'], mustBeAnAgentOf);
  }
  const base = admin ? FULL : LIMITED;
  const rules = withProvenance(base, relationship, customer, live);
  if (admin) {
    const roles = world.inAgentGroup(partner, actor, 'HelpdeskAgents') ? BOTH_ROLES : GA_ROLES;
    return { level: 'global', via: 'dap', roles, rules };
  }
  return { level: 'helpdesk', via: 'dap', roles: HELPDESK_ROLES, rules };
}

/**
 * Why a partner without DAP is refused: never granted (CONSENT-REQUIRED), granted then removed
 * (REVOKE-ROLES-REMOVED, and REVOKE-BY-PARTNER when the partner gave it up itself), or in another
 * cloud altogether (SCOPE-SOVEREIGN-CLOUD).
 */
export function noDapRefusal(partner: PartnerTenant, customer: CustomerTenant, relationship: Relationship | undefined): Refused {
  const others = otherPartnersOf(customer, relationship);
  if (partner.cloud !== customer.cloud) {
    return refuse('CLOUD_MISMATCH', SOVEREIGN_NO_CONSENT, inOtherClouds, partner, customer);
  }
  if (relationship !== undefined && relationship.removals > 0) {
    const rules: RuleId[] = ['REVOKE-ROLES-REMOVED'];
    if (relationship.lastRemovedVia === 'partner-gave-up') rules.push('REVOKE-BY-PARTNER');
    if (others) rules.push('GRANT-MULTI-PARTNER');
    return refuse('DAP_REMOVED', rules);
  }
  return refuse('NO_DAP', others ? CONSENT_OTHERS : CONSENT, notAccepted, customer, partner);
}

/** Adds the rules that explain *why* this grant is in force now: a re-grant, another partner, a membership change. */
function withProvenance(base: readonly RuleId[], relationship: Relationship, customer: CustomerTenant, live: boolean): readonly RuleId[] {
  const regrant = relationship.removals > 0;
  const others = customer.partnerCount > 1;
  if (!regrant && !others && !live) return base;
  const rules = base.slice();
  if (regrant) rules.push('REVOKE-REGRANT');
  if (others) rules.push('GRANT-MULTI-PARTNER');
  if (live) rules.push('AGENT-MEMBERSHIP-LIVE');
  return rules;
}

/**
 * True when the customer has a relationship with any partner besides this one. `pair` is this
 * partner's record for the customer (from the partner's side, or undefined): the count includes it
 * exactly when it exists, so the customer's own map, a cold lookup in big worlds, is not needed.
 */
export function otherPartnersOf(customer: CustomerTenant, pair: Relationship | undefined): boolean {
  return customer.partnerCount > (pair === undefined ? 0 : 1);
}


/** True when the user's agent-group membership was changed by an action during the run. */
export function membershipChanged(world: World, partner: PartnerTenant, userId: string): boolean {
  return world.membershipChanges.size > 0 && world.membershipChanges.has(`${partner.id}/${userId}`);
}

/**
 * A refusal decided by the actor's agent-group membership. When an action changed that membership
 * during the run, live membership is what decided it, so AGENT-MEMBERSHIP-LIVE is named too.
 */
export function refuseByMembership(world: World, partner: PartnerTenant, actor: User, code: 'NOT_AN_AGENT' | 'NOT_ADMIN_AGENT' | 'NOT_ADMIN_OR_SALES_AGENT', rules: readonly RuleId[], detail?: Detail<User, PartnerTenant>): Refused {
  return refuse(code, membershipChanged(world, partner, actor.id) ? [...rules, 'AGENT-MEMBERSHIP-LIVE'] : rules, detail, actor, partner);
}
