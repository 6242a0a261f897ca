import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findScenarioFiles } from '../scenarios/files.ts';
import { loadScenario } from '../scenarios/load.ts';
import { runScenario, type ScenarioResult } from '../scenarios/run.ts';
import { HttpTarget, servedUrls } from '../targets/http.ts';
import { REPO_ROOT } from '../test/paths.ts';
import { MockState, mockHandlers } from './index.ts';
import { serveHandlers, throwawayCertificate, type Served } from './serve.ts';

const LIBRARY = findScenarioFiles([join(REPO_ROOT, 'scenarios')]).files.map((f) => loadScenario(relative(REPO_ROOT, f), readFileSync(f, 'utf8')));

async function runLibrary(target: HttpTarget): Promise<string[]> {
  const failures: string[] = [];
  for (const l of LIBRARY) {
    const r: ScenarioResult = await runScenario(l.file, l.scenario!, target);
    if (r.verdict !== 'pass') {
      const s = r.steps.find((x) => x.verdict !== 'pass' && x.verdict !== 'skipped')!;
      failures.push(`${r.file} step ${s.index + 1} (${s.title}): ${s.verdict} ${s.message ?? ''} expected ${s.expected} received ${s.received}`);
    }
  }
  return failures;
}

describe('the mocks served on loopback ports', () => {
  const state = new MockState();
  let plain: Served;
  let secure: Served;
  let cert: string;

  beforeAll(async () => {
    const handlers = mockHandlers(state);
    const tls = await throwawayCertificate();
    cert = tls.cert;
    plain = await serveHandlers(handlers);
    secure = await serveHandlers(handlers, { tls });
  });
  afterAll(async () => {
    await plain.close();
    await secure.close();
  });

  it('the whole scenario library passes over plain http', async () => {
    expect(LIBRARY.every((l) => l.scenario !== undefined)).toBe(true);
    expect(await runLibrary(new HttpTarget({ urls: servedUrls(plain.url) }))).toEqual([]);
  }, 60_000);

  it('the whole scenario library passes over https, trusting the throwaway certificate', async () => {
    const dispatcher = new Agent({ connect: { ca: cert } });
    const trusted = ((url: string, init?: RequestInit) => undiciFetch(url, { ...(init as object), dispatcher })) as unknown as typeof fetch;
    expect(secure.url.startsWith('https://127.0.0.1:')).toBe(true);
    expect(await runLibrary(new HttpTarget({ urls: servedUrls(secure.url), fetch: trusted }))).toEqual([]);
    await dispatcher.close();
  }, 60_000);

  it('refuses a client that does not trust the certificate', async () => {
    await expect(fetch(`${secure.url}/dapsim/v1/world`, { method: 'DELETE' })).rejects.toThrow();
  });

  it('answers an unknown route with 501 in a JSON envelope, never silently', async () => {
    const res = await fetch(`${plain.url}/nothing/here`);
    expect(res.status).toBe(501);
    expect(await res.json()).toMatchObject({ error: { code: 'NoRoute' } });
  });
});

describe('dapsim serve and dapsim run --target <url>', () => {
  it('serves a scenario world that dapsim run can drive over http', async () => {
    const bin = join(REPO_ROOT, 'cli', 'dapsim.mjs');
    const serve = spawn(process.execPath, [bin, 'serve', '--port', '0', '--http-port', '0', '--world', 'scenarios/journeys/offer-accept-remove.yaml'], { cwd: REPO_ROOT });
    try {
      let out = '';
      const httpUrl = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 20_000);
        serve.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = /^http {2}(http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
          if (m && out.includes('ready')) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
        serve.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
      });
      expect(out).toContain('NODE_EXTRA_CA_CERTS=');
      expect(out).toMatch(/grace\s+grace@/);
      const run = spawnSync(process.execPath, [bin, 'run', 'scenarios/journeys', '--target', httpUrl], { cwd: REPO_ROOT, encoding: 'utf8' });
      expect(run.status, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toMatch(/1 of 1 scenarios passed against http:\/\/127\.0\.0\.1:\d+/);
    } finally {
      serve.kill('SIGTERM');
    }
  }, 40_000);

  it('exits 2 with located problems for a broken --world, before listening', () => {
    const r = spawnSync(process.execPath, [join(REPO_ROOT, 'cli', 'dapsim.mjs'), 'serve', '--port', '0', '--http-port', '0', '--world', 'package.json'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/package\.json:\d+:\d+ /);
  });
});
