/**
 * `dapsim serve` writes light responses (mocks/responses.ts `respond`) instead of the Response
 * objects msw gets in process. The two paths must be indistinguishable on the wire: same status,
 * headers and bytes, apart from the per-request ids.
 */
import { fetch as undiciFetch } from 'undici';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_TEMPLATE } from '../model/index.ts';
import { C1, baseWorld } from '../test/fixture.ts';
import { MockState, mockHandlers } from './index.ts';
import { serveHandlers, type Served } from './serve.ts';

// Ids that differ per request, and framing only a socket has (msw in process sets no content-length).
const PER_REQUEST = new Set(['content-length', 'request-id', 'client-request-id', 'x-ms-request-id', 'x-ms-correlation-request-id', 'ms-cv', 'date', 'connection', 'keep-alive', 'transfer-encoding']);

const state = new MockState({ now: () => 1_800_000_000 });
state.world = baseWorld();
const handlers = mockHandlers(state);
const msw = setupServer(...handlers);
let served: Served;

beforeAll(async () => {
  served = await serveHandlers(handlers);
  msw.listen({ onUnhandledRequest: 'error' });
});
afterAll(async () => {
  msw.close();
  await served.close();
});

interface Seen { status: number; headers: Record<string, string>; body: string }

async function seen(res: { status: number; headers: { forEach(f: (v: string, k: string) => void): void }; text(): Promise<string> }): Promise<Seen> {
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => { if (!PER_REQUEST.has(k)) headers[k] = v; });
  // Error envelopes repeat the request id in the body.
  const body = (await res.text()).replace(/"(client-)?request-id":"[^"]*"/g, '"$1request-id":"…"');
  return { status: res.status, headers, body };
}

async function bothWays(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<[Seen, Seen]> {
  const inProcess = await seen(await fetch(`https://graph.microsoft.com${path}`, init));
  const overHttp = await seen(await undiciFetch(`${served.url}/graph${path}`, init));
  return [inProcess, overHttp];
}

async function token(upn: string, tenant: string): Promise<string> {
  const res = await fetch(`https://login.microsoftonline.com/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', username: upn, password: 'x', scope: 'https://graph.microsoft.com/.default' }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

describe('served and in-process answers are the same on the wire', () => {
  it('an allowed Graph read: role members with the decision headers', async () => {
    const upn = state.world.users.get('c1-ga')!.userPrincipalName;
    const auth = { authorization: `Bearer ${await token(upn, C1)}` };
    const [a, b] = await bothWays(`/v1.0/directoryRoles/roleTemplateId=${ROLE_TEMPLATE.GlobalAdministrator}/members`, { headers: auth });
    expect(a.status).toBe(200);
    expect(a.headers['x-dapsim-decision']).toBe('allowed');
    expect(b).toEqual(a);
  });

  it('a refusal without a token: the Graph error envelope', async () => {
    const [a, b] = await bothWays('/v1.0/users');
    expect(a.status).toBe(401);
    expect(JSON.parse(a.body)).toMatchObject({ error: { code: 'InvalidAuthenticationToken' } });
    expect(b).toEqual(a);
  });
});
