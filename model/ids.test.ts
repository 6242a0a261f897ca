import { describe, expect, it } from 'vitest';
import { deriveGuid, isGuid, sequenceGuid, sequenceSeed } from './ids.ts';
import { World } from './world.ts';

// The ids the model derives appear in saved reports, replays and scenario results: the same inputs
// must give the same ids, byte for byte, from one version to the next. These are pinned.

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('deriveGuid', () => {
  it('gives the pinned GUID for given parts', () => {
    expect(deriveGuid('agentGroup', 'partner-a', 'AdminAgents')).toBe('24946088-07e8-44fa-ae59-d958c889a322');
    expect(deriveGuid('')).toBe('811c9dc5-803f-48a2-8994-154dd739aba2');
    expect(deriveGuid('é✓')).toBe('6cc799f5-3014-4e36-906d-e73954b07c9a');
  });

  it('separates its parts: ("a", "b") is not ("ab")', () => {
    expect(deriveGuid('a', 'b')).toBe('10f3abd2-dbab-4022-a557-ffaaae351252');
    expect(deriveGuid('ab')).toBe('4d2505ca-150a-4132-bd65-fd228ebb8a52');
  });

  it('is version-4 shaped (lower-case hex, version 4, variant 10xx) for many inputs', () => {
    for (let i = 0; i < 200; i++) expect(deriveGuid('x', String(i))).toMatch(V4);
  });
});

describe('sequenceSeed and sequenceGuid', () => {
  it('give the pinned seeds and ids', () => {
    expect(sequenceSeed('dapsim', 'offer')).toBe(2235159087);
    expect(sequenceSeed('dapsimoffer')).toBe(399916585);
    expect(sequenceSeed('')).toBe(2166136261);
    const seed = sequenceSeed('dapsim', 'offer');
    expect(sequenceGuid(seed, 1)).toBe('754ea6c3-903c-44a9-8bd6-ccf623fe73b7');
    expect(sequenceGuid(seed, 2)).toBe('bd1c4e45-b6d0-487b-9a08-423aea4325cd');
    expect(sequenceGuid(0, 0)).toBe('00000000-92ca-4f0e-aa3e-5b61642f30e0');
    expect(sequenceGuid(0xffffffff, 123456)).toBe('4baa0bcb-0b36-4e29-8343-28b3ee2c3f99');
  });

  it('gives distinct, version-4 shaped ids along a sequence, each one flat string of 36 characters', () => {
    const seed = sequenceSeed('dapsim', 'device');
    const ids = Array.from({ length: 500 }, (_, n) => sequenceGuid(seed, n));
    expect(new Set(ids).size).toBe(500);
    for (const id of ids) {
      expect(id).toMatch(V4);
      expect(id).toHaveLength(36);
    }
  });

  it("is what a world's nextId hands out: its seed and kind, counted across kinds", () => {
    const world = new World({ idSeed: 'dapsim' });
    expect(world.nextId('offer')).toBe(sequenceGuid(sequenceSeed('dapsim', 'offer'), 1));
    expect(world.nextId('device')).toBe(sequenceGuid(sequenceSeed('dapsim', 'device'), 2));
    expect(world.nextId('offer')).toBe(sequenceGuid(sequenceSeed('dapsim', 'offer'), 3));
    expect(new World({ idSeed: 'other' }).nextId('offer')).toBe(sequenceGuid(sequenceSeed('other', 'offer'), 1));
  });
});

describe('isGuid', () => {
  it('accepts 8-4-4-4-12 hex in either case', () => {
    expect(isGuid('62e90394-69f5-4237-9190-012177145e10')).toBe(true);
    expect(isGuid('62E90394-69F5-4237-9190-012177145E10')).toBe(true);
    expect(isGuid(deriveGuid('any'))).toBe(true);
  });

  it('rejects a group of the wrong length, a non-hex digit, and anything around it', () => {
    const good = '62e90394-69f5-4237-9190-012177145e10';
    const bad = [
      '62e9039-69f5-4237-9190-012177145e10', '62e903945-69f5-4237-9190-012177145e10',
      '62e90394-69f-4237-9190-012177145e10', '62e90394-69f5-423-9190-012177145e10',
      '62e90394-69f5-4237-919-012177145e10', '62e90394-69f5-4237-9190-012177145e1',
      '62e90394-69f5-4237-9190-012177145e100',
      'g2e90394-69f5-4237-9190-012177145e10', '62e90394-g9f5-4237-9190-012177145e10',
      '62e90394-69f5-g237-9190-012177145e10', '62e90394-69f5-4237-g190-012177145e10',
      '62e90394-69f5-4237-9190-g12177145e10',
      `x${good}`, `${good}x`, ` ${good}`, '', '6-6-6-6-6', '62e9039469f542379190012177145e10',
    ];
    for (const text of bad) expect(isGuid(text), text).toBe(false);
  });
});
