import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { validateCommand } from '../cli/scenarios.ts';
import { REPO_ROOT } from '../test/paths.ts';
import { findScenarioFiles } from './files.ts';
import { loadScenario } from './load.ts';
import { formatProblem } from './problems.ts';

const LIBRARY = findScenarioFiles([join(REPO_ROOT, 'scenarios')]).files.map((f) => ({ file: relative(REPO_ROOT, f), text: readFileSync(f, 'utf8') }));

/**
 * Corruptions that always make a file invalid, so every sample must be reported:
 * deleted lines (a top-level key, or the declaration of a name a step uses), swapped types, and
 * text truncated before its steps.
 */
type Corruption = { kind: 'delete' | 'swap' | 'truncate'; pick: number };

function corrupt(text: string, c: Corruption): string | undefined {
  const lines = text.split('\n');
  if (c.kind === 'delete') {
    const candidates = lines.flatMap((l, i) => {
      if (/^(name|description|rules|given|steps):/.test(l)) return [i];
      const declared = /name: ([\w.-]+)/.exec(l)?.[1];
      // A declaration whose name a step uses as its actor.
      return declared !== undefined && /\bname: /.test(l) && text.includes(`as: ${declared}`) && !l.trimStart().startsWith('- { as:') ? [i] : [];
    });
    if (candidates.length === 0) return undefined;
    const i = candidates[c.pick % candidates.length]!;
    return [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n');
  }
  if (c.kind === 'swap') {
    const swaps: [RegExp, string][] = [[/expect: (allowed|refused|invalid)/g, 'expect: [$1]'], [/as: ([\w.-]+)/g, 'as: 42'], [/count: (\d+)/g, 'count: "$1"'], [/^rules: \[/gm, 'rules: yes\nignored: ['], [/certified: (true|false)/g, 'certified: "$1"']];
    const usable = swaps.filter(([re]) => text.search(re) >= 0);
    if (usable.length === 0) return undefined;
    const [re, to] = usable[c.pick % usable.length]!;
    const matches = [...text.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`))];
    const m = matches[c.pick % matches.length]!;
    return text.slice(0, m.index) + m[0].replace(new RegExp(re.source, re.flags.replace('g', '')), to) + text.slice(m.index! + m[0].length);
  }
  const stepsAt = text.search(/^steps:/m);
  if (stepsAt <= 0) return undefined;
  return text.slice(0, c.pick % stepsAt);
}

const corruption = fc.record({ kind: fc.constantFrom('delete' as const, 'swap' as const, 'truncate' as const), pick: fc.nat() });

describe('corrupted scenario files', () => {
  afterEach(() => vi.restoreAllMocks());

  it('the library has files to corrupt', () => {
    expect(LIBRARY.length).toBeGreaterThan(0);
  });

  it('every corruption is reported, each problem located as file:line:col and a JSON pointer', () => {
    let reported = 0;
    fc.assert(
      fc.property(fc.constantFrom(...LIBRARY), corruption, ({ file, text }, c) => {
        const broken = corrupt(text, c);
        if (broken === undefined) return;
        const { problems, scenario } = loadScenario(file, broken);
        expect(scenario, `${c.kind} #${c.pick} of ${file} was accepted:\n${broken}`).toBeUndefined();
        expect(problems.length).toBeGreaterThan(0);
        for (const p of problems) {
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.col).toBeGreaterThanOrEqual(1);
          expect(p.line).toBeLessThanOrEqual(Math.max(1, broken.split('\n').length));
          expect(formatProblem(p)).toMatch(new RegExp(`^${file.replace(/[.]/g, '\\.')}:\\d+:\\d+ /`));
        }
        reported++;
      }),
      { numRuns: 300, seed: 20261121 },
    );
    expect(reported).toBeGreaterThan(200);
  });

  it('validate exits 2 and prints located problems for corrupted files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dapsim-fuzz-'));
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => { errors.push(args.join(' ')); });
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const samples = fc.sample(fc.tuple(fc.constantFrom(...LIBRARY), corruption), { numRuns: 30, seed: 7 });
    let checked = 0;
    for (const [{ file, text }, c] of samples) {
      const broken = corrupt(text, c);
      if (broken === undefined) continue;
      const path = join(dir, `${checked}-${file.split('/').pop()}`);
      writeFileSync(path, broken);
      errors.length = 0;
      expect(validateCommand([path])).toBe(2);
      expect(errors.some((e) => e.includes(`${path}:`) && /:\d+:\d+ \//.test(e)), errors.join('\n')).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(15);
  });

  it('the command line exits 2 with located messages and no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dapsim-cli-'));
    const path = join(dir, 'broken.yaml');
    writeFileSync(path, LIBRARY[0]!.text.slice(0, Math.floor(LIBRARY[0]!.text.search(/^steps:/m) / 2)));
    const run = spawnSync(process.execPath, [join(REPO_ROOT, 'cli', 'dapsim.mjs'), 'run', path], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`${path.replace(/[.]/g, '\\.')}:\\d+:\\d+ `));
    expect(run.stderr + run.stdout).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
  });
});
