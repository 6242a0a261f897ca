import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conform } from '../../conform/run.ts';
import { loadLibrary } from '../../conform/selfcheck.ts';
import { recordProblems } from '../../reports/index.ts';
import { HttpTarget, servedUrls } from '../../targets/http.ts';
import { startServer } from './server.ts';

let server: Server;
let url: string;
beforeAll(async () => ({ server, url } = await startServer()));
afterAll(() => new Promise<void>((done) => server.close(() => done())));

describe('examples/node-http-server: a plain node:http server that serves the protocol of docs/testing-an-implementation.md', () => {
  it('conforms: every scenario of the library and every property batch passes over real HTTP, and all 43 rules are exercised', async () => {
    const { record } = await conform({
      target: new HttpTarget({ urls: servedUrls(url), name: url }), targetSpec: url, scenarios: loadLibrary(),
      seed: 1, runs: 12, batches: 2, shard: { index: 1, count: 1 }, version: 'test',
    });
    const notPassed = record.checks.filter((c) => c.verdict !== 'pass').map((c) => `${c.id}: ${c.verdict} ${c.message ?? ''} ${c.expected ?? ''} / ${c.received ?? ''}`);
    expect(notPassed).toEqual([]);
    expect(record.summary).toMatchObject({ verdict: 'pass', uncovered: [] });
    expect(record.summary.checks).toBeGreaterThan(50);
    expect(recordProblems(record)).toBeUndefined();
  }, 120_000);

  it('without its x-dapsim-* headers (answering as the Microsoft APIs do) it conforms on outcomes only, and a full comparison fails on the rules it cannot name', async () => {
    const plain = await startServer({ decisionHeaders: false });
    try {
      const target = () => new HttpTarget({ urls: servedUrls(plain.url), name: plain.url });
      const options = { targetSpec: plain.url, seed: 1, shard: { index: 1, count: 1 }, version: 'test' };
      const lenient = await conform({ ...options, target: target(), scenarios: loadLibrary(), runs: 12, batches: 2, compare: 'outcomes' });
      expect(lenient.record.checks.filter((c) => c.verdict !== 'pass').map((c) => `${c.id}: ${c.expected} / ${c.received}`)).toEqual([]);
      expect(lenient.record.compare).toBe('outcomes');
      const strictTarget = target();
      const strict = await conform({ ...options, target: strictTarget, scenarios: loadLibrary().slice(0, 3), runs: 2, batches: 1 });
      expect(strict.record.summary.fail).toBeGreaterThan(0);
      expect(strict.record.checks.find((c) => c.verdict === 'fail')!.received).toMatch(/\(missing [A-Z-]+/);
      expect(strictTarget.headerlessAnswers).toBeGreaterThan(0);
    } finally {
      await new Promise<void>((done) => plain.server.close(() => done()));
    }
  }, 120_000);

  it('answers the protocol itself: the set-up endpoint, a token, and a decision with its x-dapsim headers', async () => {
    const setupOps = [
      { op: 'addPartner', spec: { id: 'p1', name: 'Contoso Partner', defaultDomain: 'contosopartner.onmicrosoft.com' } },
      { op: 'addCustomer', spec: { id: 'c1', name: 'Fabrikam', defaultDomain: 'fabrikam.onmicrosoft.com' } },
      { op: 'addUser', spec: { id: 'u1', tenantId: 'p1', userPrincipalName: 'ann@contosopartner.onmicrosoft.com', displayName: 'Ann' } },
    ];
    expect((await fetch(`${url}/dapsim/v1/world`, { method: 'DELETE' })).status).toBe(204);
    const put = await fetch(`${url}/dapsim/v1/world`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ops: setupOps }) });
    expect(put.status).toBe(201);
    const bad = await fetch(`${url}/dapsim/v1/world`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ops: [{ op: 'addWizard', spec: {} }] }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { path: string } }).error.path).toBe('/ops/0/op');
    const token = (scope: string, tenant: string) => fetch(`${url}/login/${tenant}/oauth2/v2.0/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'password', username: 'ann@contosopartner.onmicrosoft.com', password: 'x', scope }).toString() });
    // No relationship with Fabrikam: the sign-in is refused, and the headers say why.
    const refused = await token('https://graph.microsoft.com/.default', 'c1');
    expect(refused.status).toBe(400);
    expect(refused.headers.get('x-dapsim-decision')).toBe('refused');
    expect(refused.headers.get('x-dapsim-rules')).toContain('CONSENT-REQUIRED');
    const own = await token('https://graph.microsoft.com/.default', 'p1');
    expect(own.status).toBe(200);
    const access = ((await own.json()) as { access_token: string }).access_token;
    const users = await fetch(`${url}/graph/v1.0/users`, { headers: { authorization: `Bearer ${access}` } });
    expect(users.status).toBe(200);
    expect(users.headers.get('x-dapsim-decision')).toBe('allowed');
    expect(((await users.json()) as { value: { userPrincipalName: string }[] }).value.map((u) => u.userPrincipalName)).toEqual(['ann@contosopartner.onmicrosoft.com']);
    expect((await fetch(`${url}/graph/v1.0/users`)).status).toBe(401);
  });
});
