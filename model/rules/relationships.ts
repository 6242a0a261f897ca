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
    r = { dap: false, reseller: false, removals: 0, lastRemovedVia: undefined, lastAcceptSeq: 0, partnerId: partner.id, customerId: customer.id, log: [] };
    partner.relationships.set(customer.id, r);
    customer.relationships.set(partner.id, r);
    customer.partnerCount += 1;
  }
  return r;
}


type EventType = RelationshipEvent['type'];
const TYPES: readonly EventType[] = ['reseller-established', 'dap-granted', 'dap-removed'];
const VIAS: readonly RelationshipVia[] = ['delegated-admin-offer', 'trial-invitation', 'purchase-offer', 'reseller-request', 'customer-removal', 'partner-gave-up', 'setup'];
const SLOTS = 4;

/** Appends to a relationship's history and keeps its summary fields in step: the only writer of either. */
export function record(r: Relationship, seq: number, at: string, type: EventType, via: RelationshipVia, by: string | undefined): void {
  r.log.push(seq, at, TYPES.indexOf(type) * 8 + VIAS.indexOf(via), by);
  if (type === 'dap-removed') {
    r.removals += 1;
    r.lastRemovedVia = via;
  } else {
    r.lastAcceptSeq = seq;
  }
}

/** The relationship's history, oldest first. */
export function historyOf(r: Relationship): RelationshipEvent[] {
  const out: RelationshipEvent[] = [];
  for (let i = 0; i < r.log.length; i += SLOTS) {
    const code = r.log[i + 2] as number;
    out.push({ seq: r.log[i] as number, at: r.log[i + 1] as string, type: TYPES[code >> 3]!, via: VIAS[code & 7]!, by: r.log[i + 3] as string | undefined });
  }
  return out;
}

export function grantDap(ctx: Ctx, r: Relationship, by: string | undefined, via: RelationshipVia, effects: Effect[]): void {
  if (r.dap) return;
  r.dap = true;
  record(r, ctx.world.tick(ctx.now), ctx.now, 'dap-granted', via, by);
  effects.push({ type: 'relationship.dapGranted', partnerId: r.partnerId, customerId: r.customerId });
}

export function establishReseller(ctx: Ctx, r: Relationship, by: string | undefined, via: RelationshipVia, effects: Effect[]): void {
  if (r.reseller) return;
  r.reseller = true;
  record(r, ctx.world.tick(ctx.now), ctx.now, 'reseller-established', via, by);
  effects.push({ type: 'relationship.resellerEstablished', partnerId: r.partnerId, customerId: r.customerId });
}

/** Removes DAP and nothing else: the reseller relationship and Azure role assignments stay. */
export function removeDap(ctx: Ctx, r: Relationship, by: string, via: RelationshipVia, effects: Effect[]): void {
  r.dap = false;
  record(r, ctx.world.tick(ctx.now), ctx.now, 'dap-removed', via, by);
  effects.push({ type: 'relationship.dapRemoved', partnerId: r.partnerId, customerId: r.customerId });
}
