import type { Decision } from '../../model/index.ts';

/** The first string an allowed action's effects carry under `key`, e.g. the created offer's id. */
export function effectValue(d: Decision<unknown>, key: string): string | undefined {
  if (d.outcome !== 'allowed') return undefined;
  for (const e of d.effects as readonly Record<string, unknown>[]) if (typeof e[key] === 'string') return e[key] as string;
  return undefined;
}
