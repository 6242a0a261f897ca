import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../test/paths.ts';

const BIN = join(REPO_ROOT, 'cli', 'dapsim.mjs');

function dapsim(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, env: { ...process.env, CI: 'true' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr, ms: Date.now() - started }));
  });
}

const tmp = () => mkdtempSync(join(tmpdir(), 'dapsim-conform-'));

describe('dapsim conform and dapsim report merge', () => {
  it('against the reference: exit 0, and the JSON run record, JUnit, Markdown and HTML reports written', async () => {
    const out = tmp();
    const r = await dapsim('conform', '--out', out);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    for (const file of ['run-record.json', 'run-record.schema.json', 'junit.xml', 'summary.md', 'report.html']) expect(existsSync(join(out, file)), file).toBe(true);
    const record = JSON.parse(readFileSync(join(out, 'run-record.json'), 'utf8')) as { summary: { verdict: string; uncovered: string[] }; target: string };
    expect(record.summary.verdict).toBe('pass');
    expect(record.summary.uncovered).toEqual([]);
    expect(r.stdout).toMatch(/model: \d+ checks, \d+ pass, 0 fail, 0 error; 43 of 43 rules exercised\./);
  }, 60_000);

  it('shards 1/2 and 2/2 merge into the verdicts of one run', async () => {
    const [a, b, whole] = [tmp(), tmp(), tmp()];
    const [s1, s2, w] = await Promise.all([dapsim('conform', '--shard', '1/2', '--out', a, '--reporter', 'json'), dapsim('conform', '--shard', '2/2', '--out', b, '--reporter', 'json'), dapsim('conform', '--out', whole, '--reporter', 'json')]);
    expect([s1.status, s2.status, w.status]).toEqual([0, 0, 0]);
    const merged = tmp();
    const m = await dapsim('report', 'merge', join(a, 'run-record.json'), join(b, 'run-record.json'), '--out', merged, '--reporter', 'json', 'markdown');
    expect(m.status, m.stderr).toBe(0);
    const read = (dir: string) => JSON.parse(readFileSync(join(dir, 'run-record.json'), 'utf8')) as { checks: { id: string; verdict: string; ruleSteps: object }[]; coverage: unknown };
    const key = (r: ReturnType<typeof read>) => r.checks.map((c) => `${c.id} ${c.verdict} ${JSON.stringify(c.ruleSteps)}`);
    expect(key(read(merged))).toEqual(key(read(whole)));
    expect(read(merged).coverage).toEqual(read(whole).coverage);
    expect(existsSync(join(merged, 'summary.md'))).toBe(true);
  }, 60_000);

  it('an unreachable target gets error verdicts, a complete report and exit 3; bad input exit 2 without a stack trace', async () => {
    const out = tmp();
    const down = await dapsim('conform', '--target', 'http://127.0.0.1:9', '--runs', '8', '--out', out, '--reporter', 'json', 'markdown');
    expect(down.status).toBe(3);
    const record = JSON.parse(readFileSync(join(out, 'run-record.json'), 'utf8')) as { summary: { verdict: string; error: number; checks: number } };
    expect(record.summary.verdict).toBe('error');
    expect(record.summary.error).toBe(record.summary.checks);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain('could not be fully tested');
    const badReporter = await dapsim('conform', '--reporter', 'pdf');
    expect(badReporter.status).toBe(2);
    expect(badReporter.stderr).toContain('unknown reporter pdf');
    const badShard = await dapsim('conform', '--shard', '3/2');
    expect(badShard.status).toBe(2);
    const badMerge = await dapsim('report', 'merge', join(REPO_ROOT, 'package.json'));
    expect(badMerge.status).toBe(2);
    expect(badMerge.stderr).toContain('not a dapsim run record');
    for (const r of [badReporter, badShard, badMerge]) expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});

/** Targets that misbehave: never answer, answer garbage, or drop the connection. */
describe('dapsim conform against a broken server: error verdicts, a complete report, exit 3, never a hang', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      const mode = (req.url ?? '').split('/')[1];
      if (mode === 'hang') return; // never answers
      if (mode === 'reset') return req.socket.destroy();
      if (mode === 'failing') return res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"maintenance"}');
      res.writeHead(200, { 'content-type': 'text/plain' }).end('<html>hello</html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  const what: Record<string, string> = { hang: 'never answers', garbage: 'answers HTML', reset: 'resets connections', failing: 'answers 503' };
  for (const mode of Object.keys(what)) {
    it(`a server that ${what[mode]}`, async () => {
      const out = tmp();
      const r = await dapsim('conform', '--target', `${base}/${mode}`, '--timeout', '300', '--runs', '8', '--out', out, '--reporter', 'json', 'junit', 'html');
      expect(r.status, r.stderr).toBe(3);
      expect(r.ms).toBeLessThan(30_000);
      const record = JSON.parse(readFileSync(join(out, 'run-record.json'), 'utf8')) as { summary: { verdict: string; error: number; checks: number }; checks: { verdict: string; message?: string }[] };
      expect(record.summary.verdict).toBe('error');
      expect(record.summary.error).toBe(record.summary.checks);
      expect(record.checks[0]!.message).toMatch(({ hang: /no answer within 300 ms/, garbage: /not JSON/, reset: /failed/, failing: /answered 503/ } as Record<string, RegExp>)[mode]!);
      expect(record.checks.at(-1)!.message).toContain('not tried');
      expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toContain('<error ');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }, 60_000);
  }
});

describe('--compare, from the command line, against a server that sends no x-dapsim-* headers', () => {
  let plain: { server: Server; url: string };
  beforeAll(async () => {
    const { startServer } = await import('../examples/node-http-server/server.ts');
    plain = await startServer({ decisionHeaders: false });
  });
  afterAll(() => new Promise<void>((done) => plain.server.close(() => done())));

  it('held to decisions: the step fails on its rule IDs, and the run says how many answers gave no reasons and what to do', async () => {
    const r = await dapsim('run', 'scenarios/grants/admin-agents-global-admin.yaml', '--target', plain.url);
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stderr).toMatch(/dapsim: \d+ answers? from the target carried no x-dapsim-decision header/);
    expect(r.stderr).toContain('--compare outcomes');
  }, 60_000);

  it('held to outcomes: the same scenario passes, and no note', async () => {
    const r = await dapsim('run', 'scenarios/grants/admin-agents-global-admin.yaml', '--target', plain.url, '--compare', 'outcomes');
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stderr).not.toContain('x-dapsim-decision');
  }, 60_000);

  it('an unknown level is bad input (exit 2), naming the choices', async () => {
    const r = await dapsim('conform', '--compare', 'vibes');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/decisions, outcomes/);
  }, 60_000);
});
