/**
 * Removing DAP: by the customer in three steps on the Partner relationships page (seed 004), or
 * by the partner giving it up through Partner Center (REVOKE-BY-PARTNER).
 *
 * Decisions written down here:
 * - The removal flow belongs to the Global admin who started it; another admin's step, or a step
 *   out of order, is refused by REVOKE-CONFIRM and changes nothing.
 * - Selecting a partner that holds no DAP is allowed (the page shows its details), but
 *   "Remove delegated admin" is then not offered: refused with DAP_NOT_HELD.
 * - Removal touches DAP only: the reseller relationship (REVOKE-KEEPS-RESELLER) and every Azure
 *   role assignment (AZURE-PERSISTS-AFTER-REVOKE) stay as they are.
 */
import type { RuleId } from '../catalogue.ts';
import { allow, invalid, refuse, type Decision, type Refused } from '../decision.ts';
import type { Effect } from '../effects.ts';
import type { CustomerTenant, PartnerTenant, Relationship, User } from '../types.ts';
import type { World } from '../world.ts';
import { otherPartnersOf, refuseByMembership } from './access.ts';
import type { Ctx } from './context.ts';
import { isCustomerGlobalAdmin } from './offers.ts';
import { customerFound, customerOrOwn, customerOrOwnFound, failed, partnerAt, type Params } from './params.ts';
import { isActive, removeDap } from './relationships.ts';
import { notAGlobalAdminOf, notInAdminAgents, notOnThePage } from './details.ts';

const STEP: readonly RuleId[] = ['REVOKE-CONFIRM'];

export function selectPartnerForRemoval(ctx: Ctx, actor: User, p: Params): Decision {
  const customerId = p['customerId'];
  // Lookups first, checks after: see tenantFound in params.ts.
  const found = ctx.world.tenants.get(customerId as string);
  const partner = partnerAt(ctx.world, p['partnerId'], 'partnerId');
  const pair = failed(partner) ? undefined : partner.relationships.get((customerId ?? actor.tenantId) as string);
  const customer = customerOrOwnFound(ctx.world, found, customerId, 'customerId', actor);
  if (failed(customer)) return customer;
  if (failed(partner)) return partner;
  const denied = pageDenied(ctx.world, actor, customer);
  if (denied !== undefined) return denied;
  if (!isActive(pair)) {
    return refuse('NO_RELATIONSHIP', ['LIST-PARTNER-RELATIONSHIPS'], notOnThePage, partner, customer);
  }
  ctx.world.tick(ctx.now);
  customer.removal = { actorId: actor.id, partnerId: partner.id, step: 'partner-selected' };
  return allow(STEP, [{ type: 'removal.partnerSelected', partnerId: partner.id }]);
}

export function chooseRemoveDelegatedAdmin(ctx: Ctx, actor: User, p: Params): Decision {
  const customer = customerOrOwn(ctx.world, p['customerId'], 'customerId', actor);
  if (failed(customer)) return customer;
  const denied = pageDenied(ctx.world, actor, customer);
  if (denied !== undefined) return denied;
  const flow = customer.removal;
  if (flow === undefined || flow.actorId !== actor.id || flow.step !== 'partner-selected') {
    return refuse('REMOVAL_STEP_OUT_OF_ORDER', STEP, 'Select the partner first.');
  }
  const r = customer.relationships.get(flow.partnerId)!;
  if (!r.dap) return refuse('DAP_NOT_HELD', ['LIST-PARTNER-RELATIONSHIPS', 'REVOKE-CONFIRM']);
  ctx.world.tick(ctx.now);
  flow.step = 'remove-chosen';
  return allow(STEP, [{ type: 'removal.removeChosen', partnerId: flow.partnerId }]);
}

export function confirmRemoveDelegatedAdmin(ctx: Ctx, actor: User, p: Params): Decision {
  const { world } = ctx;
  const customer = customerOrOwn(world, p['customerId'], 'customerId', actor);
  if (failed(customer)) return customer;
  const denied = pageDenied(world, actor, customer);
  if (denied !== undefined) return denied;
  const flow = customer.removal;
  if (flow === undefined || flow.actorId !== actor.id || flow.step !== 'remove-chosen') {
    return refuse('REMOVAL_STEP_OUT_OF_ORDER', STEP, "Choose 'Remove delegated admin' first.");
  }
  const r = customer.relationships.get(flow.partnerId)!;
  // The partner may have given DAP up between the steps (REVOKE-BY-PARTNER leaves the customer's flow alone).
  if (!r.dap) return refuse('DAP_NOT_HELD', ['REVOKE-CONFIRM', 'REVOKE-BY-PARTNER']);
  const rules = removalRules(world, ['CONSENT-BY-GLOBAL-ADMIN', 'REVOKE-CONFIRM'], r, customer);
  const effects: Effect[] = [];
  removeDap(ctx, r, actor.id, 'customer-removal', effects);
  customer.removal = undefined;
  return allow(rules, effects);
}

export function cancelRemoveDelegatedAdmin(ctx: Ctx, actor: User, p: Params): Decision {
  const customer = customerOrOwn(ctx.world, p['customerId'], 'customerId', actor);
  if (failed(customer)) return customer;
  const denied = pageDenied(ctx.world, actor, customer);
  if (denied !== undefined) return denied;
  const flow = customer.removal;
  if (flow === undefined || flow.actorId !== actor.id) return invalid('NO_REMOVAL_IN_PROGRESS', '/customerId');
  ctx.world.tick(ctx.now);
  customer.removal = undefined;
  return allow(STEP, [{ type: 'removal.cancelled', partnerId: flow.partnerId }]);
}

/** REVOKE-BY-PARTNER: Partner Center's customer update with delegated access switched off. */
export function giveUpDap(ctx: Ctx, actor: User, p: Params): Decision {
  const { world } = ctx;
  const partner = world.partnerOf(actor);
  if (partner === undefined) return invalid('NOT_A_PARTNER_USER', '/actor', 'Only the partner gives up its own DAP.');
  const customerId = p['customerId'];
  // Lookups first, checks after: see tenantFound in params.ts.
  const found = world.tenants.get(customerId as string);
  const r = partner.relationships.get(customerId as string);
  const customer = customerFound(found, customerId, 'customerId');
  if (failed(customer)) return customer;
  if (!world.inAgentGroup(partner, actor, 'AdminAgents')) {
    return refuseByMembership(world, partner, actor, 'NOT_ADMIN_AGENT', ['REVOKE-BY-PARTNER'], notInAdminAgents);
  }
  if (r === undefined || !r.dap) return refuse('DAP_NOT_HELD', ['REVOKE-BY-PARTNER']);
  const rules = removalRules(world, ['REVOKE-BY-PARTNER'], r, customer);
  const effects: Effect[] = [];
  removeDap(ctx, r, actor.id, 'partner-gave-up', effects);
  return allow(rules, effects);
}

/** The rules that describe what a removal does to this relationship. */
function removalRules(world: World, first: readonly RuleId[], r: Relationship, customer: CustomerTenant): RuleId[] {
  const rules: RuleId[] = [...first, 'REVOKE-ROLES-REMOVED', 'REVOKE-NO-SERVICE-REQUESTS'];
  if (r.reseller) rules.push('REVOKE-KEEPS-RESELLER');
  if (partnerHoldsAzureAssignments(world, world.partner(r.partnerId)!, customer)) rules.push('AZURE-PERSISTS-AFTER-REVOKE');
  if (otherPartnersOf(customer, r)) rules.push('GRANT-MULTI-PARTNER');
  return rules;
}

export function partnerHoldsAzureAssignments(world: World, partner: PartnerTenant, customer: CustomerTenant): boolean {
  for (const subId of customer.subscriptionIds) {
    for (const a of world.subscriptions.get(subId)!.assignments) {
      if (a.principalTenantId === partner.id) return true;
    }
  }
  return false;
}

/** LIST-PAGE-GLOBAL-ADMIN: the Partner relationships page opens for the customer's Global admins only. */
export function pageDenied(world: World, actor: User, customer: CustomerTenant): Refused | undefined {
  if (isCustomerGlobalAdmin(world, actor, customer)) return undefined;
  return refuse('NOT_CUSTOMER_GLOBAL_ADMIN', ['LIST-PAGE-GLOBAL-ADMIN', 'CONSENT-BY-GLOBAL-ADMIN'], notAGlobalAdminOf, actor, customer);
}
