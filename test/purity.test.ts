import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './paths.ts';

const MODEL = join(REPO_ROOT, 'model');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The model is pure (design.md): no I/O, clock, randomness, HTTP, faker, nor anything above it. */
describe('model purity', () => {
  const files = sources(MODEL);

  it('finds the model sources', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  for (const file of files) {
    const name = file.slice(REPO_ROOT.length + 1);
    it(`${name} imports only model files and uses no clock or randomness`, () => {
      const code = readFileSync(file, 'utf8');
      const imports = [...code.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
      for (const spec of imports) {
        expect(spec.startsWith('.'), `${name} imports the package "${spec}"`).toBe(true);
        const target = join(file, '..', spec);
        expect(target.startsWith(MODEL), `${name} imports "${spec}" from outside model/`).toBe(true);
      }
      expect(code).not.toMatch(/\bDate\.now\(|\bnew Date\(|Math\.random\(|performance\.now\(|\bfetch\(|\bprocess\./);
    });
  }
});
