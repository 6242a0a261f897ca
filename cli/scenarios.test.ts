import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../test/paths.ts';

const BIN = join(REPO_ROOT, 'cli', 'dapsim.mjs');
const dapsim = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, encoding: 'utf8' });

describe('dapsim validate and run', () => {
  it('validate scenarios exits 0 on the library', () => {
    const r = dapsim('validate', 'scenarios');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\d+ scenario files? valid\.$/m);
  });

  it('run scenarios exits 0 on the library, every scenario passing against the model', () => {
    const r = dapsim('run', 'scenarios');
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^(\d+) of \1 scenarios passed against model; steps: \d+ passed, 0 failed, 0 errors, 0 skipped\.$/m);
  });

  it('run with a seed is reproducible', () => {
    const a = dapsim('run', 'scenarios/journeys', '--seed', '11');
    const b = dapsim('run', 'scenarios/journeys', '--seed', '11');
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });

  it('exits 2 when nothing is found, or the target is unknown, without a stack trace', () => {
    const none = dapsim('run', 'no-such-folder');
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('no-such-folder: no such file or folder');
    const target = dapsim('run', 'scenarios/journeys', '--target', 'gopher');
    expect(target.status).toBe(2);
    expect(target.stderr).toContain('--target must be model, mocks, or a base URL');
    expect(none.stderr + target.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 3 when the target cannot be reached', () => {
    const r = dapsim('run', 'scenarios/journeys', '--target', 'http://127.0.0.1:9');
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('could not be reached');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for a malformed --seed', () => {
    const r = dapsim('run', 'scenarios', '--seed', 'many');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('expected a whole number');
  });
});
