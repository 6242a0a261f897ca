/**
 * The only code that changes a partner-customer relationship. One record per pair, shared by
 * both tenants' maps, with a history that answers "removed, then granted again" (REVOKE-REGRANT).
 */
import type { Effect } from '../effects.ts';
import type { CustomerTenant, PartnerTenant, Relationship, RelationshipEvent, RelationshipVia } from '../types.ts';
import type { Ctx } from './context.ts';
import { isActive } from '../world.ts';

export { isActive };

export function relationshipFor(partner: PartnerTenant, customer: CustomerTenant): Relationship {
  let r = partner.relationships.get(customer.id);
  if (r === undefined) {
    // Field order is memory layout (see LAYOUT in records.ts): the summary decisions read comes first.
    r = { dap: false, reseller: false, removals: 0, lastRemovedVia: undefined, lastAcceptSeq: 0, partnerId: partner.id, customerId: customer.id, history: [] };
    partner.relationships.set(customer.id, r);
    customer.relationships.set(partner.id, r);
    customer.partnerCount += 1;
  }
  return r;
}


/** Appends to a relationship's history and keeps its summary fields in step: the only writer of either. */
export function record(r: Relationship, event: RelationshipEvent): void {
  r.history.push(event);
  if (event.type === 'dap-removed') {
    r.removals += 1;
    r.lastRemovedVia = event.via;
  } else {
    r.lastAcceptSeq = event.seq;
  }
}

export function grantDap(ctx: Ctx, r: Relationship, by: string | undefined, via: RelationshipVia, effects: Effect[]): void {
  if (r.dap) return;
  r.dap = true;
  record(r, { seq: ctx.world.tick(ctx.now), at: ctx.now, type: 'dap-granted', via, by });
  effects.push({ type: 'relationship.dapGranted', partnerId: r.partnerId, customerId: r.customerId });
}

export function establishReseller(ctx: Ctx, r: Relationship, by: string | undefined, via: RelationshipVia, effects: Effect[]): void {
  if (r.reseller) return;
  r.reseller = true;
  record(r, { seq: ctx.world.tick(ctx.now), at: ctx.now, type: 'reseller-established', via, by });
  effects.push({ type: 'relationship.resellerEstablished', partnerId: r.partnerId, customerId: r.customerId });
}

/** Removes DAP and nothing else: the reseller relationship and Azure role assignments stay. */
export function removeDap(ctx: Ctx, r: Relationship, by: string, via: RelationshipVia, effects: Effect[]): void {
  r.dap = false;
  record(r, { seq: ctx.world.tick(ctx.now), at: ctx.now, type: 'dap-removed', via, by });
  effects.push({ type: 'relationship.dapRemoved', partnerId: r.partnerId, customerId: r.customerId });
}
