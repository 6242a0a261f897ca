import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../model/index.ts';
import { REPO_ROOT } from '../test/paths.ts';

const BIN = join(REPO_ROOT, 'cli', 'dapsim.mjs');

function dapsim(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('dapsim check', () => {
  it('--seed 1 exits 0 against the mocked endpoints, prints a count for every rule ID, and prints the same thing every time', async () => {
    const [a, b] = await Promise.all([dapsim('check', '--seed', '1'), dapsim('check', '--seed', '1')]);
    expect(a.status, a.stdout + a.stderr).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toMatch(/^100 sequences, \d+ steps: \d+ allowed, \d+ refused, \d+ invalid$/m);
    for (const id of RULE_IDS) expect(a.stdout).toMatch(new RegExp(`^  ${id} +[1-9]\\d*$`, 'm'));
    expect(a.stdout).toContain('the target agreed with the model on every step');
  }, 60_000);

  it('a run too small to reach every rule fails (exit 2) and says which rules never decided a step, unless narrowed on purpose', async () => {
    const small = await dapsim('check', '--target', 'model', '--seed', '1', '--runs', '2');
    expect(small.status).toBe(2);
    expect(small.stderr).toMatch(/never decided a step: [A-Z]/);
    expect(small.stderr).not.toMatch(/\n\s+at /);
    const narrowed = await dapsim('check', '--target', 'model', '--seed', '1', '--runs', '2', '--rules', 'OFFER-NAV-100');
    expect(narrowed.status, narrowed.stderr).toBe(0);
    expect(narrowed.stdout).toContain('narrowed to 1 rules');
  }, 30_000);

  it('bad input is exit 2 with a clear message, an unreachable target exit 3', async () => {
    const badRule = await dapsim('check', '--target', 'model', '--rules', 'NOT-A-RULE');
    expect(badRule.status).toBe(2);
    expect(badRule.stderr).toContain('unknown rule IDs: NOT-A-RULE');
    const badRuns = await dapsim('check', '--runs', 'many');
    expect(badRuns.status).toBe(2);
    const down = await dapsim('check', '--target', 'http://127.0.0.1:9', '--runs', '3');
    expect(down.status).toBe(3);
    expect(down.stderr).toContain('could not be');
    expect(down.stderr).not.toMatch(/\n\s+at /);
  }, 30_000);
});
