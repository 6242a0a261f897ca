import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ROLE_TEMPLATE, World } from '../model/index.ts';
import { A, B, C1, C2, baseWorld, grantDap, removeDapAsCustomer } from '../test/fixture.ts';
import { createMockServer, issueToken, type MockState } from './index.ts';

const GRAPH = 'https://graph.microsoft.com/v1.0';
const GA = ROLE_TEMPLATE.GlobalAdministrator;
let clock = 1_800_000_000;
const { server, state } = createMockServer({ now: () => clock });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  state.world = baseWorld();
  clock = 1_800_000_000;
});

function upnOf(world: World, userId: string): string {
  return world.users.get(userId)!.userPrincipalName;
}

async function tokenFor(userId: string, tenant: string, scope = 'https://graph.microsoft.com/.default'): Promise<Response> {
  return fetch(`https://login.microsoftonline.com/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'dapsim-tests', username: upnOf(state.world, userId), password: 'irrelevant', scope }),
  });
}

async function bearer(userId: string, tenant: string): Promise<string> {
  const res = await tokenFor(userId, tenant);
  expect(res.status, await res.clone().text()).toBe(200);
  return `Bearer ${((await res.json()) as { access_token: string }).access_token}`;
}

function claims(authorization: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(authorization.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

async function graph(authorization: string | undefined, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${GRAPH}${path}`, { ...init, headers: { ...(authorization ? { authorization } : {}), 'content-type': 'application/json', ...(init.headers as Record<string, string> | undefined) } });
}

describe('token service', () => {
  it("GRANT-SIGNIN: a customer's Global admin gets a Graph token for its own tenant, with its roles", async () => {
    const t = await bearer('c1-ga', C1);
    expect(claims(t)).toMatchObject({ aud: 'https://graph.microsoft.com', tid: C1, oid: 'c1-ga', wids: [GA], ver: '1.0', iss: `https://sts.windows.net/${C1}/` });
    expect(claims(t)['idp']).toBeUndefined();
  });

  it('GRANT-SIGNIN: a partner agent without DAP gets invalid_grant AADSTS50020, naming the deciding rule', async () => {
    const res = await tokenFor('a-admin', C1);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; error_codes: number[]; error_description: string };
    expect(body).toMatchObject({ error: 'invalid_grant', error_codes: [50020] });
    expect(body.error_description).toContain('CONSENT-REQUIRED');
    expect(res.headers.get('x-dapsim-code')).toBe('NO_DAP');
  });

  it('GRANT-ADMINAGENTS-GLOBAL: with DAP the Admin agent gets a customer token carrying Global Administrator and its home issuer', async () => {
    grantDap(state.world, 'a', 'c1');
    const t = await bearer('a-admin', C1);
    expect(claims(t)).toMatchObject({ tid: C1, oid: 'a-admin', wids: [GA], idp: `https://sts.windows.net/${A}/` });
  });

  it('accepts the tenant by verified domain, and refuses unknown tenants, users and grants with the AADSTS envelope', async () => {
    const byDomain = await tokenFor('c1-ga', state.world.tenant(C1)!.defaultDomain);
    expect(byDomain.status).toBe(200);
    const unknownTenant = await tokenFor('c1-ga', 'nowhere.example');
    expect(unknownTenant.status).toBe(400);
    expect(await unknownTenant.json()).toMatchObject({ error: 'invalid_request', error_codes: [90002] });
    const grant = await fetch(`https://login.microsoftonline.com/${C1}/oauth2/v2.0/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'https://graph.microsoft.com/.default' }) });
    expect(await grant.json()).toMatchObject({ error: 'unsupported_grant_type', error_codes: [70003] });
    const nobody = await fetch(`https://login.microsoftonline.com/${C1}/oauth2/v2.0/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'password', username: 'ghost@nowhere.example', password: 'x', scope: 'https://graph.microsoft.com/.default' }) });
    expect(await nobody.json()).toMatchObject({ error: 'invalid_grant', error_codes: [50034] });
  });

  it('the v1 endpoint takes a resource and answers with string numbers', async () => {
    const res = await fetch(`https://login.microsoftonline.com/${C1}/oauth2/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'password', username: upnOf(state.world, 'c1-ga'), password: 'x', resource: 'https://management.azure.com/' }) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, string>;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: '3599', resource: 'https://management.azure.com/' });
    expect(claims(`Bearer ${body['access_token']}`)['aud']).toBe('https://management.azure.com/');
  });
});

describe('Graph: bad tokens get 401 InvalidAuthenticationToken, never a 500', () => {
  it('no token, a forged signature, an expired token and a token for another service', async () => {
    const good = await bearer('c1-ga', C1);
    const [head, body] = good.slice('Bearer '.length).split('.');
    const arm = await (await tokenFor('c1-ga', C1, 'https://management.azure.com/.default')).json() as { access_token: string };
    const cases: [string | undefined, string][] = [
      [undefined, 'Access token is empty.'],
      [`Bearer ${head}.${body}.AAAA`, 'Invalid signature'],
      ['Bearer not-a-token', 'CompactToken parsing failed'],
      [`Bearer ${arm.access_token}`, 'Invalid audience'],
    ];
    for (const [authorization, message] of cases) {
      const res = await graph(authorization, '/directoryRoles');
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
      expect(await res.json()).toMatchObject({ error: { code: 'InvalidAuthenticationToken', message: expect.stringContaining(message), innerError: { 'request-id': expect.any(String) } } });
    }
    clock += 3600;
    const expired = await graph(good, '/directoryRoles');
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { error: { message: string } }).error.message).toContain('expired');
  });

  it('a token signed by another mock server is refused', async () => {
    const other: MockState = createMockServer({ now: () => clock }).state;
    const forged = issueToken(other, { aud: 'https://graph.microsoft.com', iss: 'x', tid: C1, oid: 'c1-ga', upn: 'x', name: 'x', scp: 'x', wids: [], iat: clock, nbf: clock, exp: clock + 60, ver: '1.0' });
    expect((await graph(`Bearer ${forged}`, '/directoryRoles')).status).toBe(401);
  });
});

describe('Graph: directory roles and their members', () => {
  it('LIST-IMPLICIT-HIDDEN: members by template id and by role id list the explicit Global admin only, never the partner acting with DAP', async () => {
    grantDap(state.world, 'a', 'c1');
    const partnerToken = await bearer('a-admin', C1);
    const created = await graph(partnerToken, '/users', { method: 'POST', body: JSON.stringify({ accountEnabled: true, displayName: 'New Hire', mailNickname: 'newhire', userPrincipalName: `new.hire@${state.world.tenant(C1)!.defaultDomain}`, passwordProfile: { password: 'x' } }) });
    expect(created.status).toBe(201);
    expect(created.headers.get('x-dapsim-rules')).toContain('GRANT-ADMINAGENTS-GLOBAL');
    const roles = (await (await graph(partnerToken, '/directoryRoles')).json()) as { value: { id: string; roleTemplateId: string }[] };
    const gaRoleId = roles.value.find((r) => r.roleTemplateId === GA)!.id;
    for (const who of [await bearer('c1-ga', C1), partnerToken]) {
      for (const path of [`/directoryRoles/roleTemplateId=${GA}/members`, `/directoryRoles/${gaRoleId}/members`]) {
        const res = await graph(who, path);
        expect(res.status).toBe(200);
        expect(res.headers.get('x-dapsim-rules')).toContain('LIST-IMPLICIT-HIDDEN');
        const page = (await res.json()) as { '@odata.context': string; value: { id: string; '@odata.type': string }[]; '@odata.nextLink'?: string };
        expect(page['@odata.context']).toBe('https://graph.microsoft.com/v1.0/$metadata#directoryObjects');
        expect(page.value).toEqual([expect.objectContaining({ id: 'c1-ga', '@odata.type': '#microsoft.graph.user' })]);
        expect(page['@odata.nextLink']).toBeUndefined();
      }
    }
  });

  it('adds and removes an explicit member with $ref, and a partner group cannot be made one', async () => {
    const t = await bearer('c1-ga', C1);
    const add = await graph(t, `/directoryRoles/roleTemplateId=${ROLE_TEMPLATE.PasswordAdministrator}/members/$ref`, { method: 'POST', body: JSON.stringify({ '@odata.id': `${GRAPH}/directoryObjects/c1-user` }) });
    expect(add.status).toBe(204);
    const listed = (await (await graph(t, `/directoryRoles/roleTemplateId=${ROLE_TEMPLATE.PasswordAdministrator}/members`)).json()) as { value: { id: string }[] };
    expect(listed.value.map((m) => m.id)).toEqual(['c1-user']);
    const foreign = await graph(t, `/directoryRoles/roleTemplateId=${GA}/members/$ref`, { method: 'POST', body: JSON.stringify({ '@odata.id': `${GRAPH}/directoryObjects/${state.world.partner(A)!.agentGroups.AdminAgents}` }) });
    expect(foreign.status).toBe(400);
    expect(foreign.headers.get('x-dapsim-code')).toBe('FOREIGN_PRINCIPAL');
    expect((await graph(t, `/directoryRoles/roleTemplateId=${ROLE_TEMPLATE.PasswordAdministrator}/members/c1-user/$ref`, { method: 'DELETE' })).status).toBe(204);
  });
});

describe('Graph: the model decides every request, with the token it was given', () => {
  it('REVOKE-ROLES-REMOVED: a token issued under DAP stops working for directory work once DAP is removed', async () => {
    grantDap(state.world, 'a', 'c1');
    const t = await bearer('a-helpdesk', C1);
    const reset = () => graph(t, '/users/c1-user', { method: 'PATCH', body: JSON.stringify({ passwordProfile: { forceChangePasswordNextSignIn: true, password: 'N3w!' } }) });
    expect((await reset()).status).toBe(204);
    removeDapAsCustomer(state.world, 'c1', A);
    const after = await reset();
    expect(after.status).toBe(403);
    expect(await after.json()).toMatchObject({ error: { code: 'Authorization_RequestDenied', message: expect.stringContaining('REVOKE-ROLES-REMOVED') } });
    expect(after.headers.get('x-dapsim-code')).toBe('DAP_REMOVED');
  });

  it("GRANT-LIMITED-ADMIN-TASKS: the Helpdesk agent's domain is refused 403, with Graph's envelope and headers", async () => {
    grantDap(state.world, 'a', 'c1');
    const res = await graph(await bearer('a-helpdesk', C1), '/domains', { method: 'POST', body: JSON.stringify({ id: 'northwind.example' }) });
    expect(res.status).toBe(403);
    expect(res.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('x-ms-ags-diagnostic')).toContain('ServerInfo');
    expect(res.headers.get('x-dapsim-rules')).toContain('GRANT-LIMITED-ADMIN-TASKS');
  });

  it('GRANT-MULTI-PARTNER: a cross-tenant id is not found, not a 500', async () => {
    grantDap(state.world, 'a', 'c1');
    const res = await graph(await bearer('a-admin', C1), `/users/c2-user`, { method: 'PATCH', body: JSON.stringify({ passwordProfile: { password: 'x' } }) });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'Request_ResourceNotFound' } });
    expect(state.world.relationship(B, C2)).toBeUndefined();
  });

  it('malformed JSON is 400 BadRequest, and an unknown route is 400 for the segment', async () => {
    const t = await bearer('c1-ga', C1);
    const bad = await graph(t, '/users', { method: 'POST', body: '{"displayName": ' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'BadRequest' } });
    const unknown = await graph(t, '/contractz');
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: { code: 'BadRequest', message: expect.stringContaining("segment 'contractz'") } });
  });
});

describe('Graph: users, paged', () => {
  it('follows absolute @odata.nextLink pages to every user, each page at most $top', async () => {
    const t = await bearer('c1-ga', C1);
    const seen: string[] = [];
    let url: string | undefined = `${GRAPH}/users?$top=3`;
    let pages = 0;
    while (url !== undefined) {
      const res = await fetch(url, { headers: { authorization: t } });
      expect(res.status).toBe(200);
      const page = (await res.json()) as { value: { id: string }[]; '@odata.nextLink'?: string };
      expect(page.value.length).toBeLessThanOrEqual(3);
      seen.push(...page.value.map((u) => u.id));
      url = page['@odata.nextLink'];
      if (url !== undefined) expect(url.startsWith(`${GRAPH}/users?`)).toBe(true);
      pages++;
    }
    expect(seen).toEqual(state.world.tenant(C1)!.users.map((u) => u.id));
    expect(pages).toBe(Math.ceil(seen.length / 3));
    expect((await graph(t, '/users?$top=1000')).status).toBe(400);
    expect((await graph(t, '/users?$top=0')).status).toBe(400);
  });
});

describe('Graph: unified role assignments, contracts, organization', () => {
  it('unifiedRoleAssignment ids have the captured shape: base64url of the two GUIDs little-endian, then -1', async () => {
    const { unifiedAssignmentId } = await import('./handlers/graph.ts');
    expect(unifiedAssignmentId(GA, 'ace08ec9-aa11-4ada-9145-addf0398233e')).toBe('lAPpYvVpN0KRkAEhdxReEMmO4KwRqtpKkUWt3wOYIz4-1');
  });

  it("LIST-IMPLICIT-HIDDEN: roleManagement/directory/roleAssignments lists the explicit assignments, never the partner's, even to the partner", async () => {
    grantDap(state.world, 'a', 'c1');
    for (const who of [await bearer('c1-ga', C1), await bearer('a-admin', C1)]) {
      const res = await graph(who, '/roleManagement/directory/roleAssignments');
      expect(res.status).toBe(200);
      const body = (await res.json()) as { '@odata.context': string; value: { principalId: string; roleDefinitionId: string; directoryScopeId: string; id: string }[] };
      expect(body['@odata.context']).toBe('https://graph.microsoft.com/v1.0/$metadata#roleManagement/directory/roleAssignments');
      expect(body.value.map((a) => [a.roleDefinitionId, a.principalId]).sort()).toEqual([
        [GA, 'c1-ga'], [ROLE_TEMPLATE.HelpdeskAdministrator, 'c1-helpdesk'], [ROLE_TEMPLATE.UserAdministrator, 'c1-useradmin'],
      ].sort());
      expect(body.value.every((a) => a.directoryScopeId === '/' && a.id.endsWith('-1'))).toBe(true);
      const partnerIds = [...Object.values(state.world.partner(A)!.agentGroups), ...state.world.tenant(A)!.users.map((u) => u.id)];
      expect(body.value.filter((a) => partnerIds.includes(a.principalId))).toEqual([]);
    }
    const filtered = await graph(await bearer('c1-ga', C1), `/roleManagement/directory/roleAssignments?$filter=${encodeURIComponent(`roleDefinitionId eq '${GA}'`)}`);
    expect(((await filtered.json()) as { value: { principalId: string }[] }).value.map((a) => a.principalId)).toEqual(['c1-ga']);
    expect((await graph(await bearer('c1-ga', C1), `/roleManagement/directory/roleAssignments?$filter=${encodeURIComponent('startswith(x)')}`)).status).toBe(400);
  });

  it('RESELLER-CUSTOMER-LISTED: contracts list the partner’s customers; a customer tenant has none', async () => {
    grantDap(state.world, 'a', 'c1');
    const partnerToken = await bearer('a-admin', A);
    const res = await graph(partnerToken, '/contracts');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { value: { customerId: string; defaultDomainName: string; displayName: string; contractType: string }[] }).value).toEqual([
      expect.objectContaining({ customerId: C1, defaultDomainName: state.world.tenant(C1)!.defaultDomain, displayName: 'Northwind Traders', contractType: 'AdvisorPartner' }),
    ]);
    const customer = await graph(await bearer('c1-ga', C1), '/contracts');
    expect(((await customer.json()) as { value: unknown[] }).value).toEqual([]);
  });

  it("the organization is the token's tenant, with its verified domains", async () => {
    const res = await graph(await bearer('c1-ga', C1), '/organization');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { value: unknown[] }).value).toEqual([
      expect.objectContaining({ id: C1, displayName: 'Northwind Traders', verifiedDomains: [expect.objectContaining({ name: state.world.tenant(C1)!.defaultDomain, isDefault: true })] }),
    ]);
  });
});
