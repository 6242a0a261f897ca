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

/** Char codes of the hex digits, and the buffer `sequenceGuid` writes an id's 36 characters into. */
const HEX_CODES: readonly number[] = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const GUID_CODES: number[] = Array.from({ length: 36 }, () => 0x2d);

/** Writes `digits` hex digits of n (its lowest ones) into GUID_CODES at `at`. */
function putHex(at: number, n: number, digits: number): void {
  for (let i = at + digits - 1; i >= at; i--) {
    GUID_CODES[i] = HEX_CODES[n & 15]!;
    n >>>= 4;
  }
}

/**
 * The n-th GUID of a seeded sequence: distinct for distinct n (each step is a bijection of n), deterministic.
 * Written as char codes into one buffer and made into one flat string of 36 characters: a template
 * literal left a tree of a dozen string pieces (~400 bytes) that the records keeping these ids
 * (emails, service requests, ...) kept, and hex pairs, slices and a join still made some twenty
 * short-lived strings per id (~600 bytes, ~2x the time). Same ids, byte for byte: a, b's first
 * four digits, "4" and b's last three, c's (variant bits set) in two groups, then d.
 */
export function sequenceGuid(seed: number, n: number): string {
  const a = mix32(seed ^ n);
  const b = mix32(a ^ 0x9e3779b9);
  const c = mix32(b ^ seed);
  const d = mix32(c ^ Math.imul(n, 0x27d4eb2f));
  const hc = ((c & 0x3fffffff) | 0x80000000) >>> 0;
  putHex(0, a, 8);
  putHex(9, b >>> 16, 4);
  GUID_CODES[14] = 0x34; // '4'
  putHex(15, b & 0xfff, 3);
  putHex(19, hc >>> 16, 4);
  putHex(24, hc & 0xffff, 4);
  putHex(28, d, 8);
  return String.fromCharCode.apply(null, GUID_CODES);
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isGuid(text: string): boolean {
  return GUID.test(text);
}
