/**
 * The partner's side: agent group membership (AGENT-GROUPS, AGENT-MEMBERSHIP-LIVE) and the
 * "administrative access to companies you support" switch (AGENT-OFFER-CREATORS).
 *
 * Decision written down here: the partner tenant's own Global Administrator manages both, as
 * a tenant's Global Administrator manages its users and groups (external fact).
 */
import type { RuleId } from '../catalogue.ts';
import { AGENT_GROUP_KINDS, ROLE_TEMPLATE, type AgentGroupKind } from '../constants.ts';
import { allow, invalid, refuse, type Decision } from '../decision.ts';
import type { PartnerTenant, User } from '../types.ts';
import type { Ctx } from './context.ts';
import { bool, failed, oneOf, userIn, type Params } from './params.ts';
import { notAPartnerGlobalAdmin } from './details.ts';

export function addAgentGroupMember(ctx: Ctx, actor: User, p: Params): Decision {
  return changeMembership(ctx, actor, p, true);
}

export function removeAgentGroupMember(ctx: Ctx, actor: User, p: Params): Decision {
  return changeMembership(ctx, actor, p, false);
}

function changeMembership(ctx: Ctx, actor: User, p: Params, add: boolean): Decision {
  const { world } = ctx;
  const partner = world.partnerOf(actor);
  if (partner === undefined) return invalid('NOT_A_PARTNER_USER', '/actor', 'Agent groups live in the partner tenant.');
  const kind = oneOf<AgentGroupKind>(p['group'], 'group', AGENT_GROUP_KINDS);
  if (failed(kind)) return kind;
  const target = userIn(world, partner, p['userId'], 'userId');
  if (failed(target)) return target;
  const denied = notPartnerAdmin(ctx, actor, partner, 'AGENT-GROUPS');
  if (denied !== undefined) return denied;
  const group = world.groups.get(partner.agentGroups[kind])!;
  if (add === group.members.has(target.id)) {
    return add ? invalid('ALREADY_EXISTS', '/userId', `Already in ${kind}.`) : invalid('UNKNOWN_USER', '/userId', `Not in ${kind}.`);
  }
  world.tick(ctx.now);
  world.setAgentMembership(partner, target, kind, add);
  world.membershipChanges.add(`${partner.id}/${target.id}`);
  return allow(['AGENT-GROUPS', 'AGENT-MEMBERSHIP-LIVE'], [{ type: add ? 'agentGroup.memberAdded' : 'agentGroup.memberRemoved', group: kind, userId: target.id }]);
}

export function setOfferSwitch(ctx: Ctx, actor: User, p: Params): Decision {
  const { world } = ctx;
  const partner = world.partnerOf(actor);
  if (partner === undefined) return invalid('NOT_A_PARTNER_USER', '/actor', 'The switch is a partner user setting.');
  const target = userIn(world, partner, p['userId'], 'userId');
  if (failed(target)) return target;
  const on = bool(p['on'], 'on');
  if (failed(on)) return on;
  const denied = notPartnerAdmin(ctx, actor, partner, 'AGENT-OFFER-CREATORS');
  if (denied !== undefined) return denied;
  world.tick(ctx.now);
  target.offerSwitch = on;
  return allow(['AGENT-OFFER-CREATORS'], [{ type: 'offerSwitch.set', userId: target.id, on }]);
}

function notPartnerAdmin(ctx: Ctx, actor: User, partner: PartnerTenant, rule: RuleId) {
  if (ctx.world.holdsExplicitRole(actor, partner, ROLE_TEMPLATE.GlobalAdministrator)) return undefined;
  return refuse('NOT_PARTNER_GLOBAL_ADMIN', [rule], notAPartnerGlobalAdmin, actor, partner);
}
