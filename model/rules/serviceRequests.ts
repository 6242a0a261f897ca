/**
 * Service requests to Microsoft on a customer's behalf (seed 004): only while the partner holds
 * DAP (SCOPE-SERVICE-REQUESTS); gone with a removal and back with a new grant
 * (REVOKE-NO-SERVICE-REQUESTS, REVOKE-REGRANT). Opened by an agent (AdminAgents or
 * HelpdeskAgents): a decision of ours, as the seed names no role.
 */
import type { RuleId } from '../catalogue.ts';
import { allow, invalid, refuse, type Decision } from '../decision.ts';
import type { User } from '../types.ts';
import { refuseByMembership } from './access.ts';
import type { Ctx } from './context.ts';
import { customerFound, failed, newIdFor, str, type Params } from './params.ts';
import { mustBeAnAgent } from './details.ts';

export function openServiceRequest(ctx: Ctx, actor: User, p: Params): Decision {
  const { world } = ctx;
  const partner = world.partnerOf(actor);
  if (partner === undefined) return invalid('NOT_A_PARTNER_USER', '/actor', 'Service requests on a customer’s behalf are opened by its partner.');
  const customerId = p['customerId'];
  // Lookups first, checks after: see tenantFound in params.ts.
  const found = world.tenants.get(customerId as string);
  const r = partner.relationships.get(customerId as string);
  const customer = customerFound(found, customerId, 'customerId');
  if (failed(customer)) return customer;
  const title = str(p['title'], 'title');
  if (failed(title)) return title;
  if (partner.cloud !== customer.cloud) return refuse('CLOUD_MISMATCH', ['SCOPE-SOVEREIGN-CLOUD', 'SCOPE-SERVICE-REQUESTS']);
  const removed = r !== undefined && r.removals > 0;
  if (r === undefined || !r.dap) {
    return removed
      ? refuse('DAP_REMOVED', ['SCOPE-SERVICE-REQUESTS', 'REVOKE-NO-SERVICE-REQUESTS'], 'Ask the customer to grant delegated administration again.')
      : refuse('NO_DAP', ['SCOPE-SERVICE-REQUESTS']);
  }
  if (!world.inAgentGroup(partner, actor, 'AdminAgents') && !world.inAgentGroup(partner, actor, 'HelpdeskAgents')) {
    return refuseByMembership(world, partner, actor, 'NOT_AN_AGENT', ['AGENT-GROUPS', 'SCOPE-SERVICE-REQUESTS'], mustBeAnAgent);
  }
  const id = newIdFor(p['serviceRequestId'], 'serviceRequestId', () => ctx.newId('serviceRequest'));
  if (failed(id)) return id;
  if (world.serviceRequests.has(id)) return invalid('ALREADY_EXISTS', '/serviceRequestId', `"${id}"`);
  world.tick(ctx.now);
  world.serviceRequests.set(id, { id, customerId: customer.id, partnerId: partner.id, openedBy: actor.id, title, at: ctx.now });
  customer.serviceRequestIds.push(id);
  const rules: readonly RuleId[] = removed ? ['SCOPE-SERVICE-REQUESTS', 'REVOKE-NO-SERVICE-REQUESTS', 'REVOKE-REGRANT'] : ['SCOPE-SERVICE-REQUESTS'];
  return allow(rules, [{ type: 'serviceRequest.opened', serviceRequestId: id }]);
}
