import { describe, expect, it } from 'vitest';
import { IdTable } from './idtable.ts';

interface Rec { readonly id: string }
const rec = (id: string): Rec => ({ id });

function tableOf(...ids: string[]): IdTable<Rec> {
  const t = new IdTable<Rec>();
  for (const id of ids) t.add(id, rec(id));
  return t;
}

describe('IdTable', () => {
  it('finds what was added and nothing else', () => {
    const t = tableOf('b', 'a');
    expect(t.get('a')).toEqual({ id: 'a' });
    expect(t.has('b')).toBe(true);
    expect(t.get('c')).toBeUndefined();
    expect(t.has('c')).toBe(false);
    expect(t.size).toBe(2);
  });

  it('iterates in insertion order, integer-like ids included (a plain object would list those first)', () => {
    const t = tableOf('zeta', '42', 'alpha', '7');
    expect([...t.keys()]).toEqual(['zeta', '42', 'alpha', '7']);
    expect([...t.values()].map((r) => r.id)).toEqual(['zeta', '42', 'alpha', '7']);
    expect([...t].map(([k]) => k)).toEqual(['zeta', '42', 'alpha', '7']);
    expect([...t.entries()]).toEqual([...new Map([...t]).entries()]);
    const seen: string[] = [];
    t.forEach((v, k, table) => { expect(table).toBe(t); expect(v.id).toBe(k); seen.push(k); });
    expect(seen).toEqual(['zeta', '42', 'alpha', '7']);
  });

  it('sees a record added while iterating, as a Map does', () => {
    const t = tableOf('a');
    const seen: string[] = [];
    for (const [k] of t) { seen.push(k); if (k === 'a') t.add('b', rec('b')); }
    expect(seen).toEqual(['a', 'b']);
  });

  it('refuses an id already present and changes nothing', () => {
    const t = tableOf('a');
    const before = t.get('a');
    expect(() => t.add('a', rec('a'))).toThrow(/already in the table/);
    expect(t.size).toBe(1);
    expect(t.get('a')).toBe(before);
    expect([...t.keys()]).toEqual(['a']);
  });

  it('finds nothing for a non-string key, as a Map would, where an object would convert it to "42"', () => {
    const t = tableOf('42');
    expect(t.get(42 as unknown as string)).toBeUndefined();
    expect(t.has(42 as unknown as string)).toBe(false);
    expect(() => t.add(7 as unknown as string, rec('7'))).toThrow(new TypeError("an IdTable's ids are strings, not number"));
    expect(t.size).toBe(1);
  });

  it('has no inherited keys: "__proto__", "constructor" and "toString" are ids like any other', () => {
    const t = new IdTable<Rec>();
    expect(t.get('constructor')).toBeUndefined();
    expect(t.has('toString')).toBe(false);
    t.add('__proto__', rec('__proto__'));
    expect(t.get('__proto__')).toEqual({ id: '__proto__' });
    expect(t.size).toBe(1);
  });
});
