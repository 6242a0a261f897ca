/**
 * Between the names a generated step uses and the ids one side of the comparison knows. The model
 * and the target each bind names to their own ids (a target may create objects with ids of its
 * own), so a step is translated once per side, and answers are compared as names.
 */
import { deriveGuid } from '../model/index.ts';
import { ACTION_PARAMS, QUERY_PARAMS, type ParamSpec } from '../scenarios/format.ts';
import { paramValue, type Bindings } from '../scenarios/given.ts';
import type { GeneratedStep } from './steps.ts';

/** The model's action or query for a generated step, with this side's ids. */
export function toRequest(step: GeneratedStep, ids: Bindings): { readonly type: string } & Record<string, unknown> {
  const specs = step.do !== undefined ? ACTION_PARAMS[step.do] : QUERY_PARAMS[step.query!];
  const out: Record<string, unknown> = { type: step.do ?? step.query! };
  for (const [key, value] of Object.entries(step.with)) {
    const spec = specs[key];
    if (spec === undefined) throw new Error(`generated step ${out['type'] as string} has no parameter "${key}"`);
    out[spec.key] = valueFor(spec, value, ids);
  }
  return out as { readonly type: string } & Record<string, unknown>;
}

function idOf(ids: Bindings, name: string): string {
  // A name that was never bound is passed as it is: the target then answers for an unknown id.
  return ids.id(name) ?? name;
}

/** The id a generated device gets on both sides: the action names it, so both sides agree. */
export function deviceIdFor(name: string): string {
  return deriveGuid('device', name);
}

function valueFor(spec: ParamSpec, value: unknown, ids: Bindings): unknown {
  return paramValue(spec, value, { id: (name) => idOf(ids, name), device: ({ name, serialNumber }) => ({ serialNumber, deviceId: deviceIdFor(name) }) });
}

/** A copy of an answer with every id this side has a name for replaced by the name. */
export function namesIn(value: unknown, ids: Bindings): unknown {
  if (typeof value === 'string') return ids.names.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => namesIn(v, ids));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, namesIn(v, ids)]));
  return value;
}
