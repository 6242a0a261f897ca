import { describe, expect, it } from 'vitest';
import type { Relationship, RelationshipEvent } from '../types.ts';
import { RELATIONSHIP_EVENT_TYPES as TYPES, RELATIONSHIP_VIAS as VIAS, historyOf, record } from './relationships.ts';

function blank(): Relationship {
  return { dap: false, reseller: false, removals: 0, lastRemovedVia: undefined, lastAcceptSeq: 0, partnerId: 'p', customerId: 'c', log: [] };
}

describe('relationship history', () => {
  it('gives back every event it recorded, of every type and way, in order', () => {
    expect(TYPES).toHaveLength(3);
    expect(VIAS).toHaveLength(7);
    const r = blank();
    const written: RelationshipEvent[] = [];
    let seq = 0;
    for (const type of TYPES) {
      for (const via of VIAS) {
        const e: RelationshipEvent = { seq: ++seq, at: `2026-01-01T00:00:${String(seq).padStart(2, '0')}.000Z`, type, via, by: seq % 3 === 0 ? undefined : `user-${seq}` };
        record(r, e.seq, e.at, e.type, e.via, e.by);
        written.push(e);
      }
    }
    expect(historyOf(r)).toEqual(written);
  });

  it('keeps the summary decisions read in step with the history: removals, the last removal, the last acceptance', () => {
    const r = blank();
    record(r, 4, 'a', 'dap-granted', 'delegated-admin-offer', 'ga');
    expect(r).toMatchObject({ removals: 0, lastRemovedVia: undefined, lastAcceptSeq: 4 });
    record(r, 7, 'b', 'dap-removed', 'partner-gave-up', 'agent');
    record(r, 9, 'c', 'dap-removed', 'customer-removal', 'ga');
    expect(r).toMatchObject({ removals: 2, lastRemovedVia: 'customer-removal', lastAcceptSeq: 4 });
    record(r, 12, 'd', 'reseller-established', 'reseller-request', 'ga');
    expect(r).toMatchObject({ removals: 2, lastAcceptSeq: 12 });
    expect(historyOf(r).map((e) => e.seq)).toEqual([4, 7, 9, 12]);
  });
});
