/**
 * How a target's answer is held against the model's: the outcome, the error code of a no, and
 * the rule IDs that decided it; for a listing, which items it shows (by each query's identifying
 * field, as names) and, for a single object, every field both sides return.
 */
import type { Decision, QueryType } from '../model/index.ts';
import { QUERY_ITEM_KEY } from '../scenarios/format.ts';

/** One side's answer in a form two sides can be compared in, and a person can read. */
export function describeDecision(d: Decision<unknown>): string {
  const rules = [...d.rules].sort().join(', ');
  return d.outcome === 'allowed' ? `allowed [${rules}]` : `${d.outcome} ${d.code} [${rules}]`;
}

/** Undefined when the two decisions agree; else what differs. */
export function decisionDifference(expected: Decision<unknown>, received: Decision<unknown>): { expected: string; received: string } | undefined {
  const e = describeDecision(expected);
  const r = describeDecision(received);
  return e === r ? undefined : { expected: e, received: r };
}

/** What a listing shows, as a stable string: identifying fields sorted, or a single object's fields. */
export function listingView(type: QueryType, result: unknown, fieldsOf?: unknown): unknown {
  const key = QUERY_ITEM_KEY[type];
  if (Array.isArray(result)) {
    return result.map((item) => (key !== undefined && item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[key] : item)).map(String).sort();
  }
  if (result !== null && typeof result === 'object') {
    // A single object: the fields both sides return (a target may add fields of its own).
    const other = fieldsOf !== null && typeof fieldsOf === 'object' ? (fieldsOf as Record<string, unknown>) : {};
    return Object.fromEntries(Object.entries(result as Record<string, unknown>).filter(([k]) => k in other).sort(([a], [b]) => a.localeCompare(b)));
  }
  return result;
}

/** Undefined when the two listings agree; else both, as shown. */
export function listingDifference(type: QueryType, expected: unknown, received: unknown): { expected: string; received: string } | undefined {
  const e = JSON.stringify(listingView(type, expected, received));
  const r = JSON.stringify(listingView(type, received, expected));
  return e === r ? undefined : { expected: e, received: r };
}
