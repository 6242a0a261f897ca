/**
 * The admin-access check of adminAccess.ts against dapsim's mocked Microsoft endpoints, using only
 * dapsim's public testing API. Each test gets a fresh world from world.yaml: Contoso (an MSP,
 * with Admin agent alex) holds DAP for Northwind (whose Global admin is grace).
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dapsimHandlers, perform, setup, tokenFor, worldFromScenario, type World } from '../../testing/index.ts';
import { ServiceError, hasAdminAccess, hasAdminAccessNaive } from './adminAccess.ts';

const SCENARIO = new URL('./world.yaml', import.meta.url);

// The same file and seed give the same ids every time, so the names can be looked up once.
let { world, ids } = worldFromScenario(SCENARIO);
const server = setupServer(...dapsimHandlers(world));

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  // A fresh world for each test: tests change it (a new user, DAP removed).
  ({ world, ids } = worldFromScenario(SCENARIO));
  server.resetHandlers(...dapsimHandlers(world));
});
// Drops whatever a test added with server.use(…).
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const adminAgents = () => ids('contoso/AdminAgents');

/** Alex, Contoso's Admin agent, creates a user in Northwind: a Global Administrator's task. */
async function createUserInNorthwindAsAlex(): Promise<Response> {
  const token = await tokenFor(ids('alex'), ids('northwind'), 'graph');
  return fetch('https://graph.microsoft.com/v1.0/users', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ accountEnabled: true, displayName: 'Avery Park', mailNickname: 'avery', userPrincipalName: 'avery@northwind.example', passwordProfile: { password: 'Str0ng!Passw0rd' } }),
  });
}

describe('does Contoso have admin access to Northwind?', () => {
  it('LIST-IMPLICIT-HIDDEN: the naive client, reading role members, wrongly says the partner has no admin access', async () => {
    // Whoever asks — the customer's Global admin, or the partner's agent signed in to the customer —
    // the Global Administrator listing never shows the partner's AdminAgents group.
    const asCustomer = await tokenFor(ids('grace'), ids('northwind'), 'graph');
    const asPartnerAgent = await tokenFor(ids('alex'), ids('northwind'), 'graph');
    expect(await hasAdminAccessNaive(asCustomer, adminAgents())).toBe(false);
    expect(await hasAdminAccessNaive(asPartnerAgent, adminAgents())).toBe(false);

    // Yet the partner does have it: its Admin agent adds a user to Northwind.
    const created = await createUserInNorthwindAsAlex();
    expect(created.status, await created.clone().text()).toBe(201);
    expect(created.headers.get('x-dapsim-rules')).toContain('GRANT-ADMINAGENTS-GLOBAL');
  });

  it('LIST-IMPLICIT-HIDDEN: the correct client, asking Partner Center, says the partner has admin access', async () => {
    const token = await tokenFor(ids('alex'), ids('contoso'), 'partnerCenter');
    expect(await hasAdminAccess(token, ids('northwind'))).toBe(true);
    expect((await createUserInNorthwindAsAlex()).status).toBe(201);
  });

  it('REVOKE-CONFIRM, REVOKE-ROLES-REMOVED: once Northwind removes DAP in three steps, the correct client says no', async () => {
    const grace = ids('grace');
    const northwind = ids('northwind');
    // The customer's three steps on its Partner relationships page, performed on the model.
    for (const action of [
      { type: 'selectPartnerForRemoval', partnerId: ids('contoso'), customerId: northwind },
      { type: 'chooseRemoveDelegatedAdmin', customerId: northwind },
      { type: 'confirmRemoveDelegatedAdmin', customerId: northwind },
    ] as const) {
      expect(perform(world, grace, action)).toMatchObject({ outcome: 'allowed' });
    }

    const token = await tokenFor(ids('alex'), ids('contoso'), 'partnerCenter');
    expect(await hasAdminAccess(token, northwind)).toBe(false);
    // And it is right: the agent cannot even sign in to Northwind any more.
    await expect(tokenFor(ids('alex'), northwind, 'graph')).rejects.toThrow(/AADSTS50020/);
    // The naive client says "no" too — as it did while the partner held DAP: it cannot tell.
    expect(await hasAdminAccessNaive(await tokenFor(grace, northwind, 'graph'), adminAgents())).toBe(false);
  });

  it("a customer Contoso never related to: no admin access (Partner Center's 403, code 20002)", async () => {
    // Worlds can be changed in code too: a customer added with setup has no partner at all.
    expect(setup.addCustomer(world, { id: 'c0ffee00-0000-4000-8000-000000000001', name: 'Tailspin Toys' })).toBe('c0ffee00-0000-4000-8000-000000000001');
    const token = await tokenFor(ids('alex'), ids('contoso'), 'partnerCenter');
    expect(await hasAdminAccess(token, 'c0ffee00-0000-4000-8000-000000000001')).toBe(false);
    // A tenant that does not exist is an error, not a "no": a typo should not pass for an answer.
    await expect(hasAdminAccess(token, 'c0ffee00-0000-4000-8000-00000000dead')).rejects.toMatchObject({ status: 404 });
  });

  it('server.use: a 503 from Graph or Partner Center surfaces as an error, never as "no access"', async () => {
    server.use(
      http.get('https://graph.microsoft.com/v1.0/directoryRoles/*', () =>
        HttpResponse.json({ error: { code: 'serviceNotAvailable', message: 'Service unavailable.' } }, { status: 503, headers: { 'retry-after': '5' } })),
      http.get('https://api.partnercenter.microsoft.com/v1/customers/:customerId', () =>
        HttpResponse.json({ code: 503, description: 'Service unavailable', data: [], source: 'PartnerFD' }, { status: 503 })),
    );
    const graphToken = await tokenFor(ids('grace'), ids('northwind'), 'graph');
    await expect(hasAdminAccessNaive(graphToken, adminAgents())).rejects.toThrow(ServiceError);
    await expect(hasAdminAccessNaive(graphToken, adminAgents())).rejects.toMatchObject({ status: 503, service: 'Microsoft Graph' });
    const pcToken = await tokenFor(ids('alex'), ids('contoso'), 'partnerCenter');
    await expect(hasAdminAccess(pcToken, ids('northwind'))).rejects.toMatchObject({ status: 503, service: 'Partner Center' });
  });

  it('after a test that used server.use, the real handlers answer again', async () => {
    const token = await tokenFor(ids('alex'), ids('contoso'), 'partnerCenter');
    expect(await hasAdminAccess(token, ids('northwind'))).toBe(true);
  });
});
