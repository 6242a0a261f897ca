/**
 * Problems found in a scenario file, in one voice: where (file:line:col and the JSON pointer),
 * what is wrong, and how to fix it.
 */
import { LineCounter, isNode, type Document } from 'yaml';

export interface Problem {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  /** JSON pointer into the document, "" for the whole document. */
  readonly pointer: string;
  readonly message: string;
  /** How to fix it, when we can tell. */
  readonly hint?: string | undefined;
}

export function formatProblem(p: Problem): string {
  const where = `${p.file}:${p.line}:${p.col}`;
  return `${where} ${p.pointer || '/'}: ${p.message}${p.hint ? ` ${p.hint}` : ''}`;
}

/**
 * The line and column of the node a JSON pointer names, or of its nearest existing ancestor; with
 * `atKey`, of the map key the pointer ends in.
 */
export function locate(doc: Document, lines: LineCounter, pointer: string, atKey = false): { line: number; col: number } {
  const path = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  if (atKey && path.length > 0) {
    const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
    const pair = isNode(parent) && 'items' in parent ? (parent.items as { key?: { value?: unknown; range?: [number, number, number] } }[]).find((it) => it.key?.value === path[path.length - 1]) : undefined;
    if (pair?.key?.range) return lines.linePos(pair.key.range[0]);
  }
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]);
    // A key whose value is missing: point at the key itself.
    if (n > 0) {
      const parent = n === 1 ? doc.contents : doc.getIn(path.slice(0, n - 1), true);
      const pair = isNode(parent) && 'items' in parent ? (parent.items as { key?: { value?: unknown; range?: [number, number, number] } }[]).find((it) => it.key?.value === path[n - 1]) : undefined;
      if (pair?.key?.range) return lines.linePos(pair.key.range[0]);
    }
  }
  return { line: 1, col: 1 };
}

/** "did you mean …?" for a near miss among candidates, or undefined. */
export function didYouMean(value: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const v = value.toLowerCase();
  for (const c of candidates) {
    const d = distance(v, c.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(2, Math.floor(value.length / 3));
  return bestDistance <= limit ? `Did you mean "${best}"?` : undefined;
}

/** Levenshtein distance, with a transposition counted as one edit. */
function distance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}
