import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../model/index.ts';
import { PLANTED_BUGS } from './bugs.ts';

describe('the planted bugs themselves', () => {
  it('at least 20, each breaking a known rule, at least one in every area, with unique ids', () => {
    expect(PLANTED_BUGS.length).toBeGreaterThanOrEqual(20);
    for (const b of PLANTED_BUGS) expect(RULE_IDS).toContain(b.rule);
    expect(new Set(PLANTED_BUGS.map((b) => b.area))).toEqual(new Set(['offers and consent', 'agents', 'grants', 'listings', 'removal', 'azure', 'autopilot', 'scope']));
    expect(new Set(PLANTED_BUGS.map((b) => b.id)).size).toBe(PLANTED_BUGS.length);
  });
});
