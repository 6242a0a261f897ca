/**
 * Deterministic GUID-shaped identifiers. The model never draws random numbers: where it needs an
 * id nobody supplied (a directory role object, an object created by an action), it derives one
 * from its inputs, so the same inputs give the same ids, byte for byte.
 */

const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** FNV-1a over the string's UTF-16 code units, started from `seed`. */
function fnv1a(text: string, seed: number): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function hex32(n: number): string {
  return HEX[(n >>> 24) & 255]! + HEX[(n >>> 16) & 255]! + HEX[(n >>> 8) & 255]! + HEX[n & 255]!;
}

/**
 * A version-4-shaped GUID derived from `parts`. Not cryptographic; collisions are as unlikely as
 * 122 well-mixed bits make them, which is plenty for simulated worlds.
 */
export function deriveGuid(...parts: readonly string[]): string {
  const text = parts.join('\u0000');
  const a = fnv1a(text, 0x811c9dc5);
  const b = fnv1a(text, 0x01234567 ^ a);
  const c = fnv1a(text, 0x89abcdef ^ b);
  const d = fnv1a(text, 0xdeadbeef ^ c);
  const ha = hex32(a);
  const hb = hex32(b);
  const hc = hex32(((c & 0x3fffffff) | 0x80000000) >>> 0);
  const hd = hex32(d);
  return `${ha}-${hb.slice(0, 4)}-4${hb.slice(5, 8)}-${hc.slice(0, 4)}-${hc.slice(4)}${hd}`;
}

/** murmur3's 32-bit finaliser: a fast, well-mixing bijection on 32-bit integers. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The seed for a sequence of ids of one kind: hash it once, then `sequenceGuid` per id is a few integer mixes. */
export function sequenceSeed(...parts: readonly string[]): number {
  return fnv1a(parts.join('\u0000'), 0x811c9dc5);
}

/**
 * The n-th GUID of a seeded sequence: distinct for distinct n (each step is a bijection of n), deterministic.
 * Joined rather than concatenated: a template literal leaves a tree of a dozen string pieces
 * (~400 bytes), and the records that keep these ids (emails, service requests, ...) kept every
 * piece, which made them most of what a long run's world grew by and the collector copied. A join
 * is one flat string of 36 characters.
 */
export function sequenceGuid(seed: number, n: number): string {
  const a = mix32(seed ^ n);
  const b = mix32(a ^ 0x9e3779b9);
  const c = mix32(b ^ seed);
  const d = mix32(c ^ Math.imul(n, 0x27d4eb2f));
  const hb = hex32(b);
  const hc = hex32(((c & 0x3fffffff) | 0x80000000) >>> 0);
  return [hex32(a), '-', hb.slice(0, 4), '-4', hb.slice(5, 8), '-', hc.slice(0, 4), '-', hc.slice(4), hex32(d)].join('');
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isGuid(text: string): boolean {
  return GUID.test(text);
}
