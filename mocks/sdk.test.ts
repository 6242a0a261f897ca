/**
 * The official Microsoft SDKs against the mocks, in process: @microsoft/microsoft-graph-client 3
 * and @azure/arm-authorization 9, configured only (auth hook, endpoint, scopes, no retries), never
 * patched. They talk to the real hostnames, which msw intercepts; every token they carry comes
 * from the mock token service. A test here fails when a mock answers in a shape the SDK cannot
 * read, or when the model's decision does not reach the SDK's caller as the real service's would.
 */
import { AuthorizationManagementClient, getContinuationToken, type RoleAssignment } from '@azure/arm-authorization';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { Client, GraphError, PageIterator, type PageCollection } from '@microsoft/microsoft-graph-client';
import type { DirectoryObject, DirectoryRole, Domain, User } from '@microsoft/microsoft-graph-types';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AZURE_ROLE, DIRECTORY_ROLES, ROLE_TEMPLATE, perform, setup, type World } from '../model/index.ts';
import { A, C1, C2, baseWorld, becomeReseller, createdId, grantDap, must, removeDapAsCustomer } from '../test/fixture.ts';
import { createMockServer } from './index.ts';

const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
const ARM = 'https://management.azure.com';
const ARM_SCOPE = 'https://management.azure.com/.default';
/** What @azure/arm-authorization 9 hard-codes for role assignments. */
const RA_VERSION = '2022-04-01';
/** The mock's role assignment page when the request names no $top (mocks/handlers/arm.ts). */
const ARM_PAGE = 100;
const GA = ROLE_TEMPLATE.GlobalAdministrator;

let clock = 1_800_000_000;
const { server, state } = createMockServer({ now: () => clock });

/** Every request the SDKs sent, as msw saw it. */
interface Sent { readonly method: string; readonly url: URL; readonly host: string | null; readonly authorization: string | null }
let sent: Sent[] = [];
server.events.on('request:start', ({ request }) => {
  sent.push({ method: request.method, url: new URL(request.url), host: request.headers.get('host'), authorization: request.headers.get('authorization') });
});

/**
 * The path the SDK put on the wire. The ARM SDK builds `/{scope}/providers/…`, so the documented
 * scope form `/subscriptions/{id}` gives a path starting `//`. msw's node interceptor reads such a
 * path as a protocol-relative URL: the request the handlers see is `https://subscriptions/{id}/…`,
 * its Host header still management.azure.com. Undo that here, so assertions name the real path.
 */
function wirePath(s: Sent): string {
  return s.host === null || s.url.host === s.host ? s.url.pathname : `//${s.url.host}${s.url.pathname}`;
}

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  state.world = baseWorld();
  clock = 1_800_000_000;
  sent = [];
});

// ----- tokens from the mock token service, handed to the SDKs' auth hooks -----

interface Issued { readonly token: string; readonly expiresIn: number }

async function issue(userId: string, tenant: string, scope: string): Promise<Issued> {
  const res = await fetch(`https://login.microsoftonline.com/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'dapsim-sdk-tests', username: state.world.users.get(userId)!.userPrincipalName, password: 'irrelevant', scope }),
  });
  const body = (await res.json()) as { access_token?: string; expires_in?: number; error_description?: string };
  if (res.status !== 200 || body.access_token === undefined) throw new Error(`no token for ${userId} in ${tenant}: ${res.status} ${body.error_description ?? ''}`);
  return { token: body.access_token, expiresIn: body.expires_in ?? 0 };
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** A Graph SDK client for the user in the tenant: its authProvider hands over a token from the mock token service. */
function graphAs(userId: string, tenant: string): Client {
  return Client.init({
    defaultVersion: 'v1.0',
    authProvider: (done) => {
      issue(userId, tenant, GRAPH_SCOPE).then((t) => done(null, t.token), (e: unknown) => done(e, null));
    },
  });
}

/** A TokenCredential that gets the user's token for the scopes the SDK asks for, and records them. */
function credentialFor(userId: string, tenant: string, scopesAsked: string[][] = []): TokenCredential {
  return {
    getToken: async (scopes): Promise<AccessToken> => {
      const list = typeof scopes === 'string' ? [scopes] : [...scopes];
      scopesAsked.push(list);
      const t = await issue(userId, tenant, list.join(' '));
      return { token: t.token, expiresOnTimestamp: Date.now() + t.expiresIn * 1000 };
    },
  };
}

function armAs(userId: string, subscriptionId: string, scopesAsked: string[][] = []): AuthorizationManagementClient {
  return new AuthorizationManagementClient(credentialFor(userId, C1, scopesAsked), subscriptionId, {
    endpoint: ARM,
    credentialScopes: [ARM_SCOPE],
    retryOptions: { maxRetries: 0 },
  });
}

/** What a rejected promise rejected with. */
async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to be rejected, and it succeeded');
}

// ----- world helpers -----

function partnerPrincipals(world: World, partnerId: string): Set<string> {
  const ids = new Set<string>(Object.values(world.partner(partnerId)!.agentGroups));
  for (const u of world.tenant(partnerId)!.users) ids.add(u.id);
  return ids;
}

function provision(world: World): string {
  return createdId(perform(world, 'a-admin', { type: 'provisionAzureSubscription', customerId: C1 }), 'subscriptionId');
}

const scopeOf = (sub: string) => `/subscriptions/${sub}`;
const roleDefinition = (sub: string, role: string) => `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${role}`;

let names = 0;
function guid(): string {
  names += 1;
  return `5d1c0000-0000-4000-8000-${names.toString(16).padStart(12, '0')}`;
}

/** The role assignment reads the SDK sent, in order. */
function assignmentReads(): Sent[] {
  return sent.filter((s) => s.method === 'GET' && s.url.hostname === 'management.azure.com' && /\/roleAssignments$/.test(s.url.pathname));
}

// ----- Microsoft Graph -----

describe('Graph JS SDK v3 against the Graph mock', () => {
  it('RESELLER-CUSTOMER-LISTED: contracts, read with the PageIterator, are the partner’s customers', async () => {
    grantDap(state.world, 'a', 'c1');
    becomeReseller(state.world, 'a', 'c2', false);
    const client = graphAs('a-admin', A);
    const first = (await client.api('/contracts').get()) as PageCollection;
    const seen: { customerId: string; contractType: string }[] = [];
    await new PageIterator(client, first, (c: { customerId: string; contractType: string }) => { seen.push(c); return true; }).iterate();
    expect(seen.map((c) => [c.customerId, c.contractType]).sort()).toEqual([[C1, 'AdvisorPartner'], [C2, 'ResellerPartner']]);
  });

  it("lists directoryRoles: every role of the tenant, with the tenant's role object ids and template ids", async () => {
    const client = graphAs('c1-ga', C1);
    const res = (await client.api('/directoryRoles').get()) as { '@odata.context': string; value: DirectoryRole[] };
    expect(res['@odata.context']).toBe('https://graph.microsoft.com/v1.0/$metadata#directoryRoles');
    const tenant = state.world.tenant(C1)!;
    expect(res.value.map((r) => ({ id: r.id, roleTemplateId: r.roleTemplateId, displayName: r.displayName }))).toEqual(
      DIRECTORY_ROLES.map((r) => ({ id: state.world.roleObjectId(tenant, r.templateId), roleTemplateId: r.templateId, displayName: r.displayName })),
    );
    // The SDK sent the mock's own token, for Graph, on the real host.
    const call = sent.find((s) => s.url.hostname === 'graph.microsoft.com')!;
    expect(call.url.pathname).toBe('/v1.0/directoryRoles');
    expect(claimsOf(call.authorization!.replace(/^Bearer /, ''))).toMatchObject({ aud: 'https://graph.microsoft.com', tid: C1, oid: 'c1-ga' });
  });

  it('LIST-IMPLICIT-HIDDEN: Global Administrator members by roleTemplateId= never include the partner holding DAP, whoever asks', async () => {
    grantDap(state.world, 'a', 'c1');
    const partner = graphAs('a-admin', C1);
    // The partner's Admin agent does hold Global Administrator in the customer: its token says so, and it can create a user.
    const issued = await issue('a-admin', C1, GRAPH_SCOPE);
    expect(claimsOf(issued.token)).toMatchObject({ tid: C1, oid: 'a-admin', wids: [GA] });
    const created = (await partner.api('/users').post({ accountEnabled: true, displayName: 'Hidden Helper', mailNickname: 'helper', userPrincipalName: `helper@${state.world.tenant(C1)!.defaultDomain}`, passwordProfile: { password: 'x' } })) as User;
    expect(created.id).toBeTruthy();

    const hidden = partnerPrincipals(state.world, A);
    expect(hidden.size).toBeGreaterThan(3);
    for (const asker of [graphAs('c1-ga', C1), partner]) {
      const res = (await asker.api(`/directoryRoles/roleTemplateId=${GA}/members`).get()) as { value: (DirectoryObject & { '@odata.type': string; userPrincipalName?: string })[]; '@odata.nextLink'?: string };
      expect(res['@odata.nextLink']).toBeUndefined();
      expect(res.value.map((m) => [m.id, m['@odata.type']])).toEqual([['c1-ga', '#microsoft.graph.user']]);
      expect(res.value.filter((m) => hidden.has(m.id!))).toEqual([]);
    }
    const rolePaths = sent.filter((s) => s.url.pathname.endsWith('/members')).map((s) => s.url.pathname);
    expect(rolePaths).toEqual([`/v1.0/directoryRoles/roleTemplateId=${GA}/members`, `/v1.0/directoryRoles/roleTemplateId=${GA}/members`]);
  });

  it('creates a user with api(/users).post: 201 body with the new id, in the directory and readable by id', async () => {
    const client = graphAs('c1-useradmin', C1);
    const upn = `new.hire@${state.world.tenant(C1)!.defaultDomain}`;
    const created = (await client.api('/users').post({ accountEnabled: true, displayName: 'New Hire', mailNickname: 'newhire', userPrincipalName: upn, passwordProfile: { forceChangePasswordNextSignIn: true, password: 'Xx-12345!' } })) as User;
    expect(created).toMatchObject({ displayName: 'New Hire', userPrincipalName: upn });
    const inWorld = state.world.userByUpn(upn);
    expect(inWorld).toMatchObject({ tenantId: C1, displayName: 'New Hire' });
    expect(created.id).toBe(inWorld!.id);
    const read = (await client.api(`/users/${created.id!}`).get()) as User;
    expect(read).toMatchObject({ id: created.id, userPrincipalName: upn });
  });

  it('pages users with $top=2: the first page holds 2 and a nextLink, and PageIterator collects every user across pages', async () => {
    const client = graphAs('c1-ga', C1);
    const domain = state.world.tenant(C1)!.defaultDomain;
    for (const alias of ['ann', 'bob', 'cid']) {
      await client.api('/users').post({ accountEnabled: true, displayName: alias, mailNickname: alias, userPrincipalName: `${alias}@${domain}`, passwordProfile: { password: 'x' } });
    }
    const expected = state.world.tenant(C1)!.users.map((u) => u.id);
    expect(expected.length).toBe(7);

    sent = [];
    const first = (await client.api('/users').top(2).get()) as PageCollection;
    expect(first.value.length).toBe(2);
    expect(first['@odata.nextLink']).toMatch(/^https:\/\/graph\.microsoft\.com\/v1\.0\/users\?/);
    const ids: string[] = [];
    const iterator = new PageIterator(client, first, (u: User) => {
      ids.push(u.id!);
      return true;
    });
    await iterator.iterate();
    expect(iterator.isComplete()).toBe(true);
    expect(ids).toEqual(expected);
    // One request per page, every one of them to Graph's host and authorised; the later ones by the nextLink's skiptoken.
    const pages = sent.filter((s) => s.url.pathname === '/v1.0/users');
    expect(pages.length).toBe(Math.ceil(expected.length / 2));
    expect(pages.every((p) => p.url.hostname === 'graph.microsoft.com' && p.url.searchParams.get('$top') === '2' && /^Bearer \S+/.test(p.authorization ?? ''))).toBe(true);
    expect(pages.slice(1).every((p) => p.url.searchParams.has('$skiptoken'))).toBe(true);
  });

  it("lists domains: the tenant's default domain, flagged isDefault, plus one the Global admin adds", async () => {
    const client = graphAs('c1-ga', C1);
    const tenant = state.world.tenant(C1)!;
    const before = (await client.api('/domains').get()) as { value: Domain[] };
    expect(before.value.map((d) => [d.id, d.isDefault])).toEqual(tenant.domains.map((d) => [d, d === tenant.defaultDomain]));
    expect(before.value.filter((d) => d.isDefault).map((d) => d.id)).toEqual([tenant.defaultDomain]);
    const added = (await client.api('/domains').post({ id: 'northwind.example' })) as Domain;
    expect(added).toMatchObject({ id: 'northwind.example', isDefault: false });
    const after = (await client.api('/domains').get()) as { value: Domain[] };
    expect(after.value.map((d) => d.id)).toEqual([...before.value.map((d) => d.id), 'northwind.example']);
  });

  it("GRANT-LIMITED-ADMIN-TASKS: a Helpdesk agent's domain is refused as the SDK's GraphError 403 Authorization_RequestDenied; the Admin agent's is not", async () => {
    grantDap(state.world, 'a', 'c1');
    const domainsBefore = [...state.world.tenant(C1)!.domains];
    const e = await rejection(graphAs('a-helpdesk', C1).api('/domains').post({ id: 'helpdesk.example' }));
    expect(e).toBeInstanceOf(GraphError);
    const err = e as GraphError;
    expect(err.statusCode).toBe(403);
    expect(err.code).toBe('Authorization_RequestDenied');
    expect(err.message).toContain('GRANT-LIMITED-ADMIN-TASKS');
    expect(err.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(state.world.tenant(C1)!.domains).toEqual(domainsBefore);

    const ok = (await graphAs('a-admin', C1).api('/domains').post({ id: 'admin.example' })) as Domain;
    expect(ok.id).toBe('admin.example');
    expect(state.world.tenant(C1)!.domains).toEqual([...domainsBefore, 'admin.example']);
  });
});

// ----- Azure RBAC -----

describe('@azure/arm-authorization 9 against the ARM mock', () => {
  it('creates more than a page of role assignments with roleAssignments.create, and lists them all with for await and .byPage(), following nextLink', async () => {
    becomeReseller(state.world, 'a', 'c1');
    const sub = provision(state.world);
    // More principals than one page holds: ARM_PAGE + 4 customer users, each made Reader through the SDK.
    const users: string[] = [];
    for (let i = 0; i < ARM_PAGE + 4; i++) users.push(must(setup.addUser(state.world, { id: `c1-bulk-${i}`, tenantId: C1, userPrincipalName: `bulk${i}@${state.world.tenant(C1)!.defaultDomain}` })));
    const scopesAsked: string[][] = [];
    const arm = armAs('a-admin', sub, scopesAsked);
    const createdNames: string[] = [];
    for (const principalId of users) {
      const name = guid();
      const ra = await arm.roleAssignments.create(scopeOf(sub), name, { roleDefinitionId: roleDefinition(sub, AZURE_ROLE.Reader), principalId, principalType: 'User' });
      expect(ra.name).toBe(name);
      createdNames.push(name);
    }
    expect(scopesAsked.length).toBeGreaterThan(0);
    expect(scopesAsked.every((s) => s.length === 1 && s[0] === ARM_SCOPE)).toBe(true);
    const puts = sent.filter((s) => s.method === 'PUT');
    expect(puts.length).toBe(users.length);
    expect(puts.every((s) => s.url.searchParams.get('api-version') === RA_VERSION)).toBe(true);

    const expected = state.world.subscriptions.get(sub)!.assignments.map((a) => a.id);
    expect(expected.length).toBe(ARM_PAGE + 5);
    expect(expected.slice(1)).toEqual(createdNames);

    sent = [];
    const all: RoleAssignment[] = [];
    for await (const ra of arm.roleAssignments.listForSubscription()) all.push(ra);
    expect(all.map((ra) => ra.name)).toEqual(expected);
    const reads = assignmentReads();
    expect(reads.length).toBe(2);
    expect(reads.every((r) => r.url.searchParams.get('api-version') === RA_VERSION && /^Bearer \S+/.test(r.authorization ?? ''))).toBe(true);
    expect(reads[0]!.url.searchParams.has('$skipToken')).toBe(false);
    expect(reads[1]!.url.searchParams.has('$skipToken')).toBe(true);

    sent = [];
    const pages: RoleAssignment[][] = [];
    for await (const page of arm.roleAssignments.listForSubscription().byPage()) pages.push(page);
    expect(pages.map((p) => p.length)).toEqual([ARM_PAGE, 5]);
    expect(pages.flat().map((ra) => ra.name)).toEqual(expected);
    expect(assignmentReads().length).toBe(2);
    // The first page's continuation token is the mock's nextLink; byPage resumes from it.
    const token = getContinuationToken(pages[0]);
    expect(token).toMatch(new RegExp(`^${ARM}/subscriptions/${sub}/providers/Microsoft\\.Authorization/roleAssignments\\?api-version=${RA_VERSION}&`));
    expect(getContinuationToken(pages[1])).toBeUndefined();
    const resumed: RoleAssignment[][] = [];
    for await (const page of arm.roleAssignments.listForSubscription().byPage({ continuationToken: token! })) resumed.push(page);
    expect(resumed.map((p) => p.map((ra) => ra.name))).toEqual([expected.slice(ARM_PAGE)]);
  });

  it('roleAssignments.create (PUT, a GUID name), get and delete round-trip in the SDK model; a duplicate is RestError 409 and a deleted one 404', async () => {
    becomeReseller(state.world, 'a', 'c1');
    const sub = provision(state.world);
    const arm = armAs('a-admin', sub);
    const name = guid();
    const created = await arm.roleAssignments.create(scopeOf(sub), name, { roleDefinitionId: roleDefinition(sub, AZURE_ROLE.Contributor), principalId: 'c1-user', principalType: 'User' });
    expect(created).toMatchObject({
      id: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleAssignments/${name}`,
      name,
      type: 'Microsoft.Authorization/roleAssignments',
      roleDefinitionId: roleDefinition(sub, AZURE_ROLE.Contributor),
      principalId: 'c1-user',
      principalType: 'User',
      scope: scopeOf(sub),
    });
    expect(state.world.roleAssignments.get(name)).toMatchObject({ subscriptionId: sub, principalId: 'c1-user', roleDefinitionId: AZURE_ROLE.Contributor });
    const put = sent.find((s) => s.method === 'PUT')!;
    expect(put.host).toBe('management.azure.com');
    expect(wirePath(put)).toBe(`//subscriptions/${sub}/providers/Microsoft.Authorization/roleAssignments/${name}`);
    expect(put.url.searchParams.get('api-version')).toBe(RA_VERSION);

    // Both scope spellings reach the same assignment: the documented '/subscriptions/{id}' and 'subscriptions/{id}'.
    sent = [];
    expect(await arm.roleAssignments.get(scopeOf(sub), name)).toEqual(created);
    expect(await arm.roleAssignments.get(`subscriptions/${sub}`, name)).toEqual(created);
    expect(sent.map(wirePath)).toEqual([`//subscriptions/${sub}/providers/Microsoft.Authorization/roleAssignments/${name}`, `/subscriptions/${sub}/providers/Microsoft.Authorization/roleAssignments/${name}`]);

    const dup = await rejection(arm.roleAssignments.create(scopeOf(sub), guid(), { roleDefinitionId: roleDefinition(sub, AZURE_ROLE.Contributor), principalId: 'c1-user' }));
    expect(dup).toMatchObject({ name: 'RestError', statusCode: 409, code: 'RoleAssignmentExists' });

    const deleted = await arm.roleAssignments.delete(scopeOf(sub), name);
    expect(deleted).toMatchObject({ name, principalId: 'c1-user', roleDefinitionId: roleDefinition(sub, AZURE_ROLE.Contributor) });
    expect(state.world.roleAssignments.has(name)).toBe(false);
    const del = sent.find((s) => s.method === 'DELETE')!;
    expect(del.url.searchParams.get('api-version')).toBe(RA_VERSION);

    const gone = await rejection(arm.roleAssignments.get(scopeOf(sub), name));
    expect(gone).toMatchObject({ name: 'RestError', statusCode: 404, code: 'RoleAssignmentNotFound' });
    const names: string[] = [];
    for await (const ra of arm.roleAssignments.listForSubscription()) names.push(ra.name!);
    expect(names).toEqual(state.world.subscriptions.get(sub)!.assignments.map((a) => a.id));
    expect(names).not.toContain(name);
  });

  it("AZURE-REMOVE-ASSIGNMENT: the customer's Owner lists the partner's ForeignGroup Owner assignment and deletes it through the SDK; the partner's next ARM call is RestError 403 AuthorizationFailed", async () => {
    becomeReseller(state.world, 'a', 'c1');
    const sub = provision(state.world);
    const adminAgents = state.world.partner(A)!.agentGroups.AdminAgents;
    const partner = armAs('a-admin', sub);
    // The partner, Owner through AdminAgents, makes the customer's Global admin an Owner (a partner-provisioned subscription has no customer Owner).
    const gaOwner = guid();
    await partner.roleAssignments.create(scopeOf(sub), gaOwner, { roleDefinitionId: roleDefinition(sub, AZURE_ROLE.Owner), principalId: 'c1-ga', principalType: 'User' });

    const customer = armAs('c1-ga', sub);
    const listed: RoleAssignment[] = [];
    for await (const ra of customer.roleAssignments.listForSubscription()) listed.push(ra);
    expect(listed.map((ra) => ra.name)).toEqual(state.world.subscriptions.get(sub)!.assignments.map((a) => a.id));
    const foreign = listed.filter((ra) => ra.principalType === 'ForeignGroup');
    expect(foreign).toEqual([expect.objectContaining({ principalId: adminAgents, roleDefinitionId: roleDefinition(sub, AZURE_ROLE.Owner), scope: scopeOf(sub) })]);
    const partnersName = foreign[0]!.name!;

    // Before the deletion the partner reads fine.
    let partnerCount = 0;
    for await (const _ of partner.roleAssignments.listForSubscription()) partnerCount++;
    expect(partnerCount).toBe(2);

    const removed = await customer.roleAssignments.delete(scopeOf(sub), partnersName);
    expect(removed).toMatchObject({ name: partnersName, principalId: adminAgents, principalType: 'ForeignGroup' });
    expect(state.world.roleAssignments.has(partnersName)).toBe(false);

    for (const call of [
      () => partner.roleAssignments.create(scopeOf(sub), guid(), { roleDefinitionId: roleDefinition(sub, AZURE_ROLE.Reader), principalId: 'c1-user', principalType: 'User' }),
      async () => {
        for await (const _ of partner.roleAssignments.listForSubscription()) { /* drain */ }
      },
    ]) {
      const e = await rejection(call());
      expect(e).toMatchObject({ name: 'RestError', statusCode: 403, code: 'AuthorizationFailed' });
      const headers = (e as { response?: { headers: { get(name: string): string | undefined } } }).response?.headers;
      expect(headers?.get('x-dapsim-rules')?.split(' ')).toContain('AZURE-REMOVE-ASSIGNMENT');
    }
    // The customer's Owner still manages its subscription.
    const left: string[] = [];
    for await (const ra of customer.roleAssignments.listForSubscription()) left.push(ra.name!);
    expect(left).toEqual([gaOwner]);
  });

  it('AZURE-PERSISTS-AFTER-REVOKE: after the customer removes DAP the partner still lists and manages role assignments through the SDK', async () => {
    becomeReseller(state.world, 'a', 'c1');
    const sub = provision(state.world);
    removeDapAsCustomer(state.world, 'c1', A);
    expect(state.world.relationship(A, C1)).toMatchObject({ dap: false, reseller: true });
    // No more Graph for the partner in this customer...
    await expect(issue('a-admin', C1, GRAPH_SCOPE)).rejects.toThrow(/^no token for a-admin in customer-1: 400/);

    // ...yet ARM still answers the Admin agent.
    const partner = armAs('a-admin', sub);
    const listed: RoleAssignment[] = [];
    for await (const ra of partner.roleAssignments.listForSubscription()) listed.push(ra);
    expect(listed.map((ra) => [ra.principalId, ra.principalType, ra.roleDefinitionId])).toEqual([[state.world.partner(A)!.agentGroups.AdminAgents, 'ForeignGroup', roleDefinition(sub, AZURE_ROLE.Owner)]]);

    const name = guid();
    const created = await partner.roleAssignments.create(scopeOf(sub), name, { roleDefinitionId: roleDefinition(sub, AZURE_ROLE.Reader), principalId: 'c1-helpdesk', principalType: 'User' });
    expect(created).toMatchObject({ name, principalId: 'c1-helpdesk' });
    expect(state.world.roleAssignments.get(name)).toMatchObject({ subscriptionId: sub, principalId: 'c1-helpdesk' });
    const put = sent.filter((s) => s.method === 'PUT').at(-1)!;
    expect(wirePath(put)).toBe(`//subscriptions/${sub}/providers/Microsoft.Authorization/roleAssignments/${name}`);

    const pages: RoleAssignment[][] = [];
    for await (const page of partner.roleAssignments.listForSubscription().byPage()) pages.push(page);
    expect(pages.map((p) => p.map((ra) => ra.name))).toEqual([[listed[0]!.name, name]]);

    const deleted = await partner.roleAssignments.delete(scopeOf(sub), name);
    expect(deleted).toMatchObject({ name, principalId: 'c1-helpdesk' });
    expect(state.world.roleAssignments.has(name)).toBe(false);
  });
});
