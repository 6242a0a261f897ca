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
    partner.relationships.add(customer.id, r);
    customer.relationships.set(partner.id, r);
    customer.partnerCount += 1;
  }
  return r;
}


type EventType = RelationshipEvent['type'];
// Each event's type and way share one slot as codes: the record types make both lists complete,
// so a new kind of event or way in types.ts fails to compile here until it has a code.
const TYPE_CODE: Readonly<Record<EventType, number>> = { 'reseller-established': 0, 'dap-granted': 1, 'dap-removed': 2 };
const VIA_CODE: Readonly<Record<RelationshipVia, number>> = {
  'delegated-admin-offer': 0, 'trial-invitation': 1, 'purchase-offer': 2, 'reseller-request': 3, 'customer-removal': 4, 'partner-gave-up': 5, setup: 6,
};
/** Every event type and every way a relationship changes, in code order. */
export const RELATIONSHIP_EVENT_TYPES = Object.keys(TYPE_CODE) as readonly EventType[];
export const RELATIONSHIP_VIAS = Object.keys(VIA_CODE) as readonly RelationshipVia[];
const SLOTS = 4;

/** Appends to a relationship's history and keeps its summary fields in step: the only writer of either. */
export function record(r: Relationship, seq: number, at: string, type: EventType, via: RelationshipVia, by: string | undefined): void {
  r.log.push(seq, at, TYPE_CODE[type] * 8 + VIA_CODE[via], by);
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
    out.push({ seq: r.log[i] as number, at: r.log[i + 1] as string, type: RELATIONSHIP_EVENT_TYPES[code >> 3]!, via: RELATIONSHIP_VIAS[code & 7]!, by: r.log[i + 3] as string | undefined });
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
