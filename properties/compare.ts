/**
 * How a target's answer is held against the model's: the outcome, the error code of a no, and
 * the rule IDs that decided it; for a listing, which items it shows (by each query's identifying
 * field, as names) and, for a single object, every field both sides return. Runs after every
 * step, so it compares first and builds the readable strings only for a difference.
 */
import type { Decision, QueryType } from '../model/index.ts';
import { QUERY_ITEM_KEY } from '../scenarios/format.ts';
import type { Compare } from '../targets/target.ts';
import type { Bindings } from '../scenarios/given.ts';
import { namesIn } from './translate.ts';

/** One side's answer as a person reads it. */
export function describeDecision(d: Decision<unknown>): string {
  const rules = [...d.rules].sort().join(', ');
  return d.outcome === 'allowed' ? `allowed [${rules}]` : `${d.outcome} ${d.code} [${rules}]`;
}

function sameRules(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (const r of a) if (!b.includes(r)) return false;
  return true;
}

/** Undefined when the two decisions agree (under `compare`, targets/target.ts); else what differs. */
export function decisionDifference(expected: Decision<unknown>, received: Decision<unknown>, compare: Compare = 'decisions'): { expected: string; received: string } | undefined {
  const same = expected.outcome === received.outcome
    && (compare === 'outcomes' || ((expected.outcome === 'allowed' || expected.code === (received as { code?: string }).code) && sameRules(expected.rules, received.rules)));
  return same ? undefined : { expected: describeDecision(expected), received: describeDecision(received) };
}

/** The identifying field of each item, as names, sorted: what a listing shows. */
function shown(key: string | undefined, items: readonly unknown[], ids: Bindings): string[] {
  const out = items.map((item) => {
    const v = key !== undefined && item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[key] : item;
    return typeof v === 'string' ? ids.names.get(v) ?? v : String(v);
  });
  return out.sort();
}

/** The fields both single objects carry, as names. */
function common(a: Record<string, unknown>, b: Record<string, unknown>, ids: Bindings): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(a).sort()) if (k in b) out[k] = namesIn(a[k], ids);
  return out;
}

/** Undefined when the two listings agree; else both, as shown (names). */
export function listingDifference(type: QueryType, expected: unknown, received: unknown, expectedIds: Bindings, receivedIds: Bindings): { expected: string; received: string } | undefined {
  if (Array.isArray(expected) && Array.isArray(received)) {
    const key = QUERY_ITEM_KEY[type];
    const e = shown(key, expected, expectedIds);
    const r = shown(key, received, receivedIds);
    if (e.length === r.length && e.every((x, i) => x === r[i])) return undefined;
    return { expected: JSON.stringify(e), received: JSON.stringify(r) };
  }
  if (expected !== null && typeof expected === 'object' && received !== null && typeof received === 'object' && !Array.isArray(expected) && !Array.isArray(received)) {
    const e = JSON.stringify(common(expected as Record<string, unknown>, received as Record<string, unknown>, expectedIds));
    const r = JSON.stringify(common(received as Record<string, unknown>, expected as Record<string, unknown>, receivedIds));
    return e === r ? undefined : { expected: e, received: r };
  }
  const e = JSON.stringify(namesIn(expected, expectedIds));
  const r = JSON.stringify(namesIn(received, receivedIds));
  return e === r ? undefined : { expected: e, received: r };
}
