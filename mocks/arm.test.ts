import { http as route, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AZURE_ROLE, perform, query, setup, snapshot, type Decision, type World } from '../model/index.ts';
import { A, B, C1, C2, baseWorld, becomeReseller, createdId, expectAllowed, must, removeDapAsCustomer } from '../test/fixture.ts';
import { armHandlers } from './handlers/arm.ts';
import { tokenHandlers } from './handlers/token.ts';
import { MockState } from './state.ts';
import { issueToken } from './tokens.ts';

const ARM = 'https://management.azure.com';
const ARM_SCOPE = 'https://management.azure.com/.default';
const RA = '2022-04-01';
const SUBS = '2022-12-01';
const RG = '2021-04-01';
const ALIAS = '2021-10-01';
const OWNER = AZURE_ROLE.Owner;

let clock = 1_800_000_000;
const state = new MockState({ now: () => clock });
// The sentinel after the ARM handlers answers whatever they let fall through (another service's paths).
const server = setupServer(...tokenHandlers(state), ...armHandlers(state), route.all('*', () => HttpResponse.json({ fellThrough: true }, { status: 418 })));

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  state.world = baseWorld();
  clock = 1_800_000_000;
});

// ----- helpers -----

async function tokenFor(userId: string, tenant: string, scope = ARM_SCOPE): Promise<Response> {
  return fetch(`https://login.microsoftonline.com/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'dapsim-tests', username: state.world.users.get(userId)!.userPrincipalName, password: 'irrelevant', scope }),
  });
}

async function bearer(userId: string, tenant: string, scope = ARM_SCOPE): Promise<string> {
  const res = await tokenFor(userId, tenant, scope);
  expect(res.status, await res.clone().text()).toBe(200);
  return `Bearer ${((await res.json()) as { access_token: string }).access_token}`;
}

async function arm(authorization: string | undefined, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(path.startsWith('http') ? path : `${ARM}${path}`, {
    ...init,
    headers: { ...(authorization ? { authorization } : {}), 'content-type': 'application/json', ...(init.headers as Record<string, string> | undefined) },
  });
}

const put = (authorization: string, path: string, body: unknown) => arm(authorization, path, { method: 'PUT', body: typeof body === 'string' ? body : JSON.stringify(body) });

interface ArmError { error: { code: string; message: string } }
interface Assignment { id: string; name: string; type: string; properties: { roleDefinitionId: string; principalId: string; principalType: string; scope: string } }

async function errorOf(res: Response): Promise<ArmError['error']> {
  const body = (await res.json()) as ArmError;
  expect(Object.keys(body)).toEqual(['error']);
  return body.error;
}

const assignments = (sub: string, q = '') => `/subscriptions/${sub}/providers/Microsoft.Authorization/roleAssignments?api-version=${RA}${q}`;
const assignment = (sub: string, name: string) => `/subscriptions/${sub}/providers/Microsoft.Authorization/roleAssignments/${name}?api-version=${RA}`;
const resourceGroup = (sub: string, rg = 'dapsim-rg') => `/subscriptions/${sub}/resourcegroups/${rg}?api-version=${RG}`;
const roleDefinition = (sub: string, guid: string) => `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;

function adminAgents(world: World, partnerId = A): string {
  return world.partner(partnerId)!.agentGroups.AdminAgents;
}

/** The partner provisions through the model (Partner Center is not under test here). */
function provision(world: World, actor = 'a-admin', customerId = C1): string {
  return createdId(perform(world, actor, { type: 'provisionAzureSubscription', customerId, displayName: 'Azure plan' }), 'subscriptionId');
}

function rules(res: Response): string[] {
  return (res.headers.get('x-dapsim-rules') ?? '').split(' ').filter(Boolean);
}

let names = 0;
/** A fresh GUID-shaped role assignment name. */
function guid(): string {
  names += 1;
  return `0000abcd-0000-4000-8000-${names.toString(16).padStart(12, '0')}`;
}

// ----- the rules, over HTTP -----

describe('AZURE-PROVISION-OWNER', () => {
  it("AZURE-PROVISION-OWNER: a provisioned subscription lists AdminAgents as Owner, a ForeignGroup, in ARM's shape; Admin agents manage it, Helpdesk agents are refused 403", async () => {
    becomeReseller(state.world, 'a', 'c1');
    const sub = provision(state.world);
    const admin = await bearer('a-admin', C1);

    const listed = await arm(admin, `/subscriptions?api-version=${SUBS}`);
    expect(listed.status).toBe(200);
    expect(listed.headers.get('x-dapsim-decision')).toBe('allowed');
    expect(await listed.json()).toEqual({
      value: [expect.objectContaining({ id: `/subscriptions/${sub}`, subscriptionId: sub, tenantId: C1, displayName: 'Azure plan', state: 'Enabled', authorizationSource: 'RoleBased' })],
      count: { type: 'Total', value: 1 },
    });
    const one = await arm(admin, `/subscriptions/${sub}?api-version=${SUBS}`);
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({ subscriptionId: sub, subscriptionPolicies: { quotaId: 'CSP_2015-05-01' }, managedByTenants: [{ tenantId: A }] });

    const ras = await arm(admin, assignments(sub));
    expect(ras.status).toBe(200);
    expect(ras.headers.get('x-ms-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(ras.headers.get('x-ms-correlation-request-id')).toBeTruthy();
    const page = (await ras.json()) as { value: Assignment[]; nextLink?: string };
    expect(page.nextLink).toBeUndefined();
    expect(page.value).toEqual([{
      id: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleAssignments/${page.value[0]!.name}`,
      type: 'Microsoft.Authorization/roleAssignments',
      name: page.value[0]!.name,
      properties: expect.objectContaining({ roleDefinitionId: roleDefinition(sub, OWNER), principalId: adminAgents(state.world), principalType: 'ForeignGroup', scope: `/subscriptions/${sub}`, principalTenantId: A }),
    }]);

    const managed = await put(admin, resourceGroup(sub), { location: 'westeurope', tags: { env: 'test' } });
    expect(managed.status).toBe(201);
    expect(rules(managed)).toEqual(expect.arrayContaining(['AZURE-PROVISION-OWNER', 'AZURE-RBAC-SEPARATE']));
    expect(await managed.json()).toEqual({ id: `/subscriptions/${sub}/resourceGroups/dapsim-rg`, name: 'dapsim-rg', type: 'Microsoft.Resources/resourceGroups', location: 'westeurope', tags: { env: 'test' }, properties: { provisioningState: 'Succeeded' } });

    const helpdesk = await put(await bearer('a-helpdesk', C1), resourceGroup(sub), { location: 'westeurope' });
    expect(helpdesk.status).toBe(403);
    expect(helpdesk.headers.get('x-dapsim-code')).toBe('NO_AZURE_ROLE');
    expect(rules(helpdesk)).toEqual(expect.arrayContaining(['AZURE-PROVISION-OWNER', 'AZURE-RBAC-SEPARATE']));
    const e = await errorOf(helpdesk);
    expect(e.code).toBe('AuthorizationFailed');
    expect(e.message).toContain("with object id 'a-helpdesk' does not have authorization to perform action 'Microsoft.Resources/subscriptions/resourceGroups/write'");
    expect(e.message).toContain('NO_AZURE_ROLE');
    expect(e.message).toContain('AZURE-PROVISION-OWNER');
  });
});

describe('AZURE-RBAC-SEPARATE', () => {
  it('AZURE-RBAC-SEPARATE: a customer creates a subscription by alias and is its Owner; DAP gives the partner nothing until a role assignment does', async () => {
    becomeReseller(state.world, 'a', 'c1');
    const ga = await bearer('c1-ga', C1);
    const created = await put(ga, `/providers/Microsoft.Subscription/aliases/northwind-dev?api-version=${ALIAS}`, { properties: { displayName: 'Dev/Test', workload: 'DevTest', billingScope: '/billingAccounts/x' } });
    expect(created.status).toBe(201);
    const alias = (await created.json()) as { id: string; name: string; type: string; properties: { subscriptionId: string; provisioningState: string; ownerAssignmentId: string } };
    expect(alias).toMatchObject({ id: '/providers/Microsoft.Subscription/aliases/northwind-dev', name: 'northwind-dev', type: 'Microsoft.Subscription/aliases', properties: { provisioningState: 'Succeeded' } });
    const sub = alias.properties.subscriptionId;
    expect(state.world.subscriptions.get(sub)).toMatchObject({ customerId: C1, displayName: 'Dev/Test' });
    expect(await (await arm(ga, assignment(sub, alias.properties.ownerAssignmentId))).json()).toMatchObject({ properties: { principalId: 'c1-ga', principalType: 'User', roleDefinitionId: roleDefinition(sub, OWNER) } });

    // The partner's agent holds implicit Global Administrator in the directory, and no Azure role.
    const admin = await bearer('a-admin', C1);
    expect(await (await arm(admin, `/subscriptions?api-version=${SUBS}`)).json()).toEqual({ value: [], count: { type: 'Total', value: 0 } });
    const refused = await put(admin, resourceGroup(sub), { location: 'westeurope' });
    expect(refused.status).toBe(403);
    expect(rules(refused)).toContain('AZURE-RBAC-SEPARATE');
    expect(rules(refused)).not.toContain('AZURE-NO-RETROACTIVE');
    expect((await errorOf(refused)).code).toBe('AuthorizationFailed');
    // A customer's plain user cannot create a subscription.
    const plain = await put(await bearer('c1-user', C1), `/providers/Microsoft.Subscription/aliases/mine?api-version=${ALIAS}`, { properties: { displayName: 'Mine' } });
    expect(plain.status).toBe(403);
    expect(plain.headers.get('x-dapsim-code')).toBe('NOT_CUSTOMER_GLOBAL_ADMIN');

    // The customer's Owner gives the AdminAgents group Contributor, as a ForeignGroup.
    const name = guid();
    const granted = await put(ga, assignment(sub, name), { properties: { roleDefinitionId: roleDefinition(sub, AZURE_ROLE.Contributor), principalId: adminAgents(state.world), principalType: 'ForeignGroup' } });
    expect(granted.status).toBe(201);
    expect(await granted.json()).toMatchObject({ name, properties: { principalType: 'ForeignGroup', roleDefinitionId: roleDefinition(sub, AZURE_ROLE.Contributor) } });
    const managed = await put(admin, resourceGroup(sub), { location: 'westeurope' });
    expect(managed.status).toBe(201);
    expect(rules(managed)).toContain('AZURE-RBAC-SEPARATE');
    expect(((await (await arm(admin, `/subscriptions?api-version=${SUBS}`)).json()) as { value: { subscriptionId: string }[] }).value.map((s) => s.subscriptionId)).toEqual([sub]);
    // A Contributor cannot change role assignments.
    const notOwner = await put(admin, assignment(sub, guid()), { properties: { roleDefinitionId: OWNER, principalId: adminAgents(state.world) } });
    expect(notOwner.status).toBe(403);
    expect(notOwner.headers.get('x-dapsim-code')).toBe('INSUFFICIENT_AZURE_ROLE');
    expect((await errorOf(notOwner)).message).toContain("'Microsoft.Authorization/roleAssignments/write'");
  });

  it('AZURE-RBAC-SEPARATE: create, get and delete a role assignment; a duplicate is 409 RoleAssignmentExists and a missing one 404', async () => {
    const sub = createdId(perform(state.world, 'c1-ga', { type: 'createAzureSubscription' }), 'subscriptionId');
    const ga = await bearer('c1-ga', C1);
    const name = guid();
    const spec = { properties: { roleDefinitionId: roleDefinition(sub, AZURE_ROLE.Reader), principalId: 'c1-user', principalType: 'User' } };
    const created = await put(ga, assignment(sub, name), spec);
    expect(created.status).toBe(201);
    const body = (await created.json()) as Assignment;
    expect(body).toMatchObject({ id: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleAssignments/${name}`, name, type: 'Microsoft.Authorization/roleAssignments', properties: { principalId: 'c1-user', principalType: 'User', scope: `/subscriptions/${sub}` } });
    expect(state.world.roleAssignments.get(name)).toMatchObject({ subscriptionId: sub, principalId: 'c1-user' });

    // The same principal and role again, under another name or the same: 409, nothing changes.
    let before = JSON.stringify(snapshot(state.world));
    for (const again of [guid(), name]) {
      const dup = await put(ga, assignment(sub, again), spec);
      expect(dup.status).toBe(409);
      expect(dup.headers.get('x-dapsim-code')).toBe('ALREADY_EXISTS');
      expect((await errorOf(dup)).code).toBe('RoleAssignmentExists');
    }
    expect(JSON.stringify(snapshot(state.world))).toBe(before);
    // An upper-case name is the same name, and comes back lower-case.
    const upper = guid().toUpperCase();
    const other = await put(ga, assignment(sub, upper), { properties: { roleDefinitionId: roleDefinition(sub, AZURE_ROLE.Reader), principalId: 'c1-helpdesk' } });
    expect(other.status).toBe(201);
    expect(((await other.json()) as Assignment).name).toBe(upper.toLowerCase());
    before = JSON.stringify(snapshot(state.world));
    expect((await put(ga, assignment(sub, upper.toLowerCase()), { properties: { roleDefinitionId: AZURE_ROLE.Contributor, principalId: 'c1-helpdesk' } })).status).toBe(409);
    // The bare GUID form is accepted too, and names the same role: still a duplicate.
    expect((await put(ga, assignment(sub, guid()), { properties: { roleDefinitionId: AZURE_ROLE.Reader, principalId: 'c1-user' } })).status).toBe(409);
    expect(JSON.stringify(snapshot(state.world))).toBe(before);

    const got = await arm(ga, assignment(sub, name.toUpperCase()));
    expect(got.status).toBe(200);
    expect(await got.json()).toEqual(body);

    const removed = await arm(ga, assignment(sub, name), { method: 'DELETE' });
    expect(removed.status).toBe(200);
    expect(rules(removed)).toContain('AZURE-REMOVE-ASSIGNMENT');
    expect(await removed.json()).toEqual(body);
    expect(state.world.roleAssignments.has(name)).toBe(false);

    for (const res of [await arm(ga, assignment(sub, name)), await arm(ga, assignment(sub, name), { method: 'DELETE' })]) {
      expect(res.status).toBe(404);
      expect(res.headers.get('x-dapsim-code')).toBe('UNKNOWN_ROLE_ASSIGNMENT');
      expect(await errorOf(res)).toMatchObject({ code: 'RoleAssignmentNotFound', message: expect.stringContaining(name) });
    }
  });

  it('rejects bad role assignment input with ARM 400s: a name that is not a GUID, an unknown role or principal, no properties', async () => {
    const sub = createdId(perform(state.world, 'c1-ga', { type: 'createAzureSubscription' }), 'subscriptionId');
    const ga = await bearer('c1-ga', C1);
    const before = JSON.stringify(snapshot(state.world));
    const cases: [string, unknown, string, string | null][] = [
      ['not-a-guid', { properties: { roleDefinitionId: OWNER, principalId: 'c1-user' } }, 'InvalidRoleAssignmentId', null],
      [guid(), { properties: { roleDefinitionId: roleDefinition(sub, '11111111-1111-4111-8111-111111111111'), principalId: 'c1-user' } }, 'RoleDefinitionDoesNotExist', 'UNKNOWN_ROLE_DEFINITION'],
      [guid(), { properties: { roleDefinitionId: OWNER, principalId: 'nobody-at-all' } }, 'PrincipalNotFound', 'UNKNOWN_PRINCIPAL'],
      [guid(), { properties: { roleDefinitionId: OWNER } }, 'InvalidRequestContent', 'MALFORMED'],
      [guid(), { properties: { roleDefinitionId: 5, principalId: 'c1-user' } }, 'InvalidRequestContent', 'MALFORMED'],
      [guid(), { properties: { roleDefinitionId: OWNER, principalId: 'c1-user', principalType: 'Robot' } }, 'InvalidRequestContent', null],
      [guid(), { roleDefinitionId: OWNER, principalId: 'c1-user' }, 'InvalidRequestContent', null],
      [guid(), { properties: null }, 'InvalidRequestContent', null],
      [guid(), [], 'InvalidRequestContent', null],
      [guid(), 'null', 'InvalidRequestContent', null],
      [guid(), '{"properties": ', 'InvalidRequestContent', null],
      [guid(), '', 'InvalidRequestContent', null],
    ];
    for (const [name, body, code, dapsimCode] of cases) {
      const res = await put(ga, assignment(sub, name), body);
      expect(res.status, `${name} ${JSON.stringify(body)}`).toBe(400);
      expect((await errorOf(res)).code).toBe(code);
      expect(res.headers.get('x-dapsim-code')).toBe(dapsimCode);
    }
    expect(JSON.stringify(snapshot(state.world))).toBe(before);
  });
});

describe('AZURE-PERSISTS-AFTER-REVOKE', () => {
  it("AZURE-PERSISTS-AFTER-REVOKE: after the customer's 3-step DAP removal the Graph token is refused, yet an ARM token is issued and the partner still manages its subscription", async () => {
    becomeReseller(state.world, 'a', 'c1');
    const sub = provision(state.world);
    removeDapAsCustomer(state.world, 'c1', A);
    expect(state.world.relationship(A, C1)).toMatchObject({ dap: false, reseller: true });

    const graph = await tokenFor('a-admin', C1, 'https://graph.microsoft.com/.default');
    expect(graph.status).toBe(400);
    expect(graph.headers.get('x-dapsim-code')).toBe('DAP_REMOVED');

    const admin = await bearer('a-admin', C1);
    const listed = (await (await arm(admin, `/subscriptions?api-version=${SUBS}`)).json()) as { value: { subscriptionId: string }[] };
    expect(listed.value.map((s) => s.subscriptionId)).toEqual([sub]);
    const managed = await put(admin, resourceGroup(sub), { location: 'westeurope' });
    expect(managed.status).toBe(201);
    expect(rules(managed)).toEqual(expect.arrayContaining(['AZURE-PERSISTS-AFTER-REVOKE', 'AZURE-RBAC-SEPARATE']));
    const ras = (await (await arm(admin, assignments(sub))).json()) as { value: Assignment[] };
    expect(ras.value.map((a) => a.properties)).toEqual([expect.objectContaining({ principalId: adminAgents(state.world), principalType: 'ForeignGroup', roleDefinitionId: roleDefinition(sub, OWNER) })]);
  });
});

describe('AZURE-REMOVE-ASSIGNMENT', () => {
  it("AZURE-REMOVE-ASSIGNMENT: the customer's Owner sees the partner's ForeignGroup assignment, deletes it, and only that stops the partner (DAP removal did not)", async () => {
    becomeReseller(state.world, 'a', 'c1');
    const sub = provision(state.world);
    const admin = await bearer('a-admin', C1);
    // The partner, as Owner, makes the customer's Global admin an Owner too.
    expect((await put(admin, assignment(sub, guid()), { properties: { roleDefinitionId: roleDefinition(sub, OWNER), principalId: 'c1-ga', principalType: 'User' } })).status).toBe(201);
    removeDapAsCustomer(state.world, 'c1', A);
    expect((await put(admin, resourceGroup(sub), { location: 'westeurope' })).status).toBe(201);

    const ga = await bearer('c1-ga', C1);
    const listed = await arm(ga, assignments(sub));
    expect(rules(listed)).toContain('AZURE-REMOVE-ASSIGNMENT');
    const partners = ((await listed.json()) as { value: Assignment[] }).value.find((a) => a.properties.principalType === 'ForeignGroup')!;
    expect(partners.properties.principalId).toBe(adminAgents(state.world));

    const removed = await arm(ga, `${partners.id}?api-version=${RA}`, { method: 'DELETE' });
    expect(removed.status).toBe(200);
    expect(rules(removed)).toEqual(expect.arrayContaining(['AZURE-REMOVE-ASSIGNMENT', 'AZURE-RBAC-SEPARATE']));
    expect(await removed.json()).toEqual(partners);

    // The token issued before still verifies; the model now refuses, naming the removal.
    const refused = await put(admin, resourceGroup(sub), { location: 'westeurope' });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('x-dapsim-code')).toBe('NO_AZURE_ROLE');
    expect(rules(refused)).toContain('AZURE-REMOVE-ASSIGNMENT');
    const read = await arm(admin, assignments(sub));
    expect(read.status).toBe(403);
    expect((await errorOf(read)).message).toContain("'Microsoft.Authorization/roleAssignments/read'");
    // A new ARM token is still issued to the related partner's agent (the token service's ARM
    // policy, mocks/ROUTES.md); ARM refuses it, naming the removal.
    const fresh = await tokenFor('a-admin', C1);
    expect(fresh.status).toBe(200);
    const again = await put(`Bearer ${((await fresh.json()) as { access_token: string }).access_token}`, resourceGroup(sub), { location: 'westeurope' });
    expect(again.status).toBe(403);
    expect(rules(again)).toContain('AZURE-REMOVE-ASSIGNMENT');
    // A user of an unrelated partner gets an ARM token too, and ARM refuses it as the model does
    // (NO_AZURE_ROLE, AZURE-RBAC-SEPARATE), not the sign-in (NO_DAP): found by `dapsim check`.
    const stranger = await tokenFor('b-admin', C1);
    expect(stranger.status).toBe(200);
    const denied = await put(`Bearer ${((await stranger.json()) as { access_token: string }).access_token}`, resourceGroup(sub), { location: 'westeurope' });
    expect(denied.status).toBe(403);
    expect(denied.headers.get('x-dapsim-code')).toBe('NO_AZURE_ROLE');
    expect(rules(denied)).toEqual(['AZURE-RBAC-SEPARATE']);
  });
});

describe('AZURE-NO-RETROACTIVE', () => {
  it('AZURE-NO-RETROACTIVE: a subscription older than the reseller and DAP acceptance is out of reach: 403 on its assignments, 404 on the subscription, absent from the list', async () => {
    const ga = await bearer('c1-ga', C1);
    const created = await put(ga, `/providers/Microsoft.Subscription/aliases/old-one?api-version=${ALIAS}`, { properties: { displayName: 'Old' } });
    const sub = ((await created.json()) as { properties: { subscriptionId: string } }).properties.subscriptionId;
    becomeReseller(state.world, 'a', 'c1');
    const admin = await bearer('a-admin', C1);

    const read = await arm(admin, assignments(sub));
    expect(read.status).toBe(403);
    expect(rules(read)).toEqual(expect.arrayContaining(['AZURE-NO-RETROACTIVE', 'AZURE-RBAC-SEPARATE']));
    expect((await errorOf(read)).message).toContain('AZURE-NO-RETROACTIVE');
    const manage = await put(admin, resourceGroup(sub), { location: 'westeurope' });
    expect(manage.status).toBe(403);
    expect(rules(manage)).toContain('AZURE-NO-RETROACTIVE');
    const one = await arm(admin, `/subscriptions/${sub}?api-version=${SUBS}`);
    expect(one.status).toBe(404);
    expect(rules(one)).toContain('AZURE-NO-RETROACTIVE');
    expect(await errorOf(one)).toMatchObject({ code: 'SubscriptionNotFound' });
    expect(await (await arm(admin, `/subscriptions?api-version=${SUBS}`)).json()).toMatchObject({ value: [] });
    // The acceptance added no assignment: the customer sees only its own Owner.
    const own = (await (await arm(ga, assignments(sub))).json()) as { value: Assignment[] };
    expect(own.value.map((a) => a.properties.principalId)).toEqual(['c1-ga']);
  });
});

// ----- the protocol -----

describe('ARM: paging', () => {
  function manyAssignments(): { sub: string; ids: string[] } {
    const sub = createdId(perform(state.world, 'c1-ga', { type: 'createAzureSubscription' }), 'subscriptionId');
    for (const principalId of ['c1-helpdesk', 'c1-useradmin', 'c1-user']) expectAllowed(perform(state.world, 'c1-ga', { type: 'addRoleAssignment', subscriptionId: sub, roleDefinitionId: AZURE_ROLE.Reader, principalId }));
    expectAllowed(perform(state.world, 'c1-ga', { type: 'addRoleAssignment', subscriptionId: sub, roleDefinitionId: AZURE_ROLE.Contributor, principalId: 'c1-user' }));
    expectAllowed(perform(state.world, 'c1-ga', { type: 'addRoleAssignment', subscriptionId: sub, roleDefinitionId: AZURE_ROLE.Reader, principalId: adminAgents(state.world) }));
    const d = query(state.world, 'c1-ga', { type: 'roleAssignments', subscriptionId: sub }) as Decision<{ id: string }[]>;
    return { sub, ids: d.outcome === 'allowed' ? d.result.map((a) => a.id) : [] };
  }

  async function follow(authorization: string, first: string): Promise<{ names: string[]; links: string[] }> {
    const names: string[] = [];
    const links: string[] = [];
    let url: string | undefined = first;
    while (url !== undefined) {
      const res = await arm(authorization, url);
      expect(res.status, url).toBe(200);
      const page = (await res.json()) as { value: Assignment[]; nextLink?: string };
      expect(page.value.length).toBeLessThanOrEqual(2);
      names.push(...page.value.map((a) => a.name));
      url = page.nextLink;
      if (url !== undefined) links.push(url);
    }
    return { names, links };
  }

  it('follows absolute nextLinks verbatim, each carrying api-version, to every assignment in order', async () => {
    const { sub, ids } = manyAssignments();
    expect(ids).toHaveLength(6);
    const ga = await bearer('c1-ga', C1);
    const { names, links } = await follow(ga, `${ARM}${assignments(sub, '&$top=2')}`);
    expect(names).toEqual(ids);
    expect(links).toHaveLength(2);
    for (const link of links) {
      expect(link.startsWith(`${ARM}/subscriptions/${sub}/providers/Microsoft.Authorization/roleAssignments?`)).toBe(true);
      expect(new URL(link).searchParams.get('api-version')).toBe(RA);
    }
    // Without $top everything fits one page.
    const all = (await (await arm(ga, assignments(sub))).json()) as { value: Assignment[]; nextLink?: string };
    expect(all.value.map((a) => a.name)).toEqual(ids);
    expect(all.nextLink).toBeUndefined();
  });

  it("filters by atScope() and principalId eq '…', keeping the filter in nextLink; refuses other filters and bad $top or $skipToken with 400", async () => {
    const { sub, ids } = manyAssignments();
    const ga = await bearer('c1-ga', C1);
    const atScope = (await (await arm(ga, assignments(sub, `&$filter=${encodeURIComponent('atScope()')}`))).json()) as { value: Assignment[] };
    expect(atScope.value.map((a) => a.name)).toEqual(ids);
    const user = await follow(ga, `${ARM}${assignments(sub, `&$filter=${encodeURIComponent("atScope() and principalId eq 'c1-user'")}&$top=1`)}`);
    expect(user.names).toHaveLength(2);
    expect(user.links).toHaveLength(1);
    expect(new URL(user.links[0]!).searchParams.get('$filter')).toBe("atScope() and principalId eq 'c1-user'");
    for (const [q, code] of [
      [`&$filter=${encodeURIComponent("roleDefinitionId eq 'x'")}`, 'UnsupportedQuery'],
      ['&$top=0', 'InvalidQueryParameterValue'],
      ['&$top=abc', 'InvalidQueryParameterValue'],
      ['&$skipToken=not-ours', 'InvalidQueryParameterValue'],
    ] as const) {
      const res = await arm(ga, assignments(sub, q));
      expect(res.status, q).toBe(400);
      expect((await errorOf(res)).code).toBe(code);
    }
  });
});

describe('ARM: tokens', () => {
  it('no token, a malformed one, a forged signature, an expired token and a Graph token are 401 InvalidAuthenticationToken with a Bearer challenge', async () => {
    const sub = provision((becomeReseller(state.world, 'a', 'c1'), state.world));
    const good = await bearer('a-admin', C1);
    const [head, body] = good.slice('Bearer '.length).split('.');
    const graph = await bearer('c1-ga', C1, 'https://graph.microsoft.com/.default');
    const otherServer = issueToken(new MockState({ now: () => clock }), { aud: 'https://management.azure.com/', iss: 'x', tid: C1, oid: 'a-admin', upn: 'x', name: 'x', scp: 'x', wids: [], iat: clock, nbf: clock, exp: clock + 60, ver: '1.0' });
    const cases: [string | undefined, string][] = [
      [undefined, "'Authorization' header is missing"],
      ['Basic abc', "'Authorization' header is missing"],
      ['Bearer not-a-token', 'invalid format'],
      [`Bearer ${head}.${body}.AAAA`, 'signature'],
      [`Bearer ${otherServer}`, 'signature'],
      [graph, 'wrong audience'],
    ];
    for (const path of [`/subscriptions?api-version=${SUBS}`, assignments(sub), resourceGroup(sub)]) {
      for (const [authorization, message] of cases) {
        const res = await arm(authorization, path, path.includes('resourcegroups') ? { method: 'PUT', body: '{"location":"westeurope"}' } : {});
        expect(res.status, `${path} ${authorization}`).toBe(401);
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer authorization_uri=".+", error="invalid_token"/);
        expect(res.headers.get('x-ms-request-id')).toBeTruthy();
        expect(await errorOf(res)).toMatchObject({ code: 'InvalidAuthenticationToken', message: expect.stringContaining(message) });
      }
    }
    expect((await arm(good, assignments(sub))).status).toBe(200);
    clock += 3600;
    const expired = await arm(good, assignments(sub));
    expect(expired.status).toBe(401);
    expect((await errorOf(expired)).message).toContain('expired');
    // Nothing was managed along the way.
    expect(state.world.subscriptions.get(sub)!.assignments).toHaveLength(1);
  });

  it('the token carries the customer tenant and the actor: an ARM token for a user of the customer with no assignment lists nothing', async () => {
    const sub = createdId(perform(state.world, 'c1-ga', { type: 'createAzureSubscription' }), 'subscriptionId');
    const user = await bearer('c1-user', C1);
    expect(await (await arm(user, `/subscriptions?api-version=${SUBS}`)).json()).toEqual({ value: [], count: { type: 'Total', value: 0 } });
    const res = await arm(user, assignments(sub));
    expect(res.status).toBe(403);
    expect((await errorOf(res)).message).toContain("with object id 'c1-user'");
  });
});

describe('ARM: tenants', () => {
  it("a subscription of another tenant than the token's is 404 SubscriptionNotFound, exactly as one that does not exist, even where the model would allow", async () => {
    becomeReseller(state.world, 'a', 'c1');
    becomeReseller(state.world, 'a', 'c2');
    provision(state.world, 'a-admin', C1);
    const theirs = provision(state.world, 'a-admin', C2);
    const inC1 = await bearer('a-admin', C1);
    const before = JSON.stringify(snapshot(state.world));
    const requests: [string, RequestInit][] = [
      [`/subscriptions/{s}?api-version=${SUBS}`, {}],
      [assignments('{s}'), {}],
      [assignment('{s}', guid()), {}],
      [assignment('{s}', guid()), { method: 'PUT', body: JSON.stringify({ properties: { roleDefinitionId: OWNER, principalId: adminAgents(state.world) } }) }],
      [assignment('{s}', guid()), { method: 'DELETE' }],
      [resourceGroup('{s}'), { method: 'PUT', body: '{"location":"westeurope"}' }],
    ];
    for (const [path, init] of requests) {
      const cross = await arm(inC1, path.replace('{s}', theirs), init);
      const missing = await arm(inC1, path.replace('{s}', 'ffffffff-0000-4000-8000-000000000000'), init);
      for (const res of [cross, missing]) {
        expect(res.status, path).toBe(404);
        expect(res.headers.get('x-dapsim-code')).toBe('UNKNOWN_SUBSCRIPTION');
        expect(await errorOf(res)).toMatchObject({ code: 'SubscriptionNotFound' });
      }
    }
    expect(JSON.stringify(snapshot(state.world))).toBe(before);
    // The same partner, with a token for the subscription's own tenant, manages it.
    expect((await put(await bearer('a-admin', C2), resourceGroup(theirs), { location: 'westeurope' })).status).toBe(201);
    expect(state.world.relationship(B, C2)).toBeUndefined();
  });

  it("a partner's token for its own tenant lists no subscriptions; the headers say why", async () => {
    const res = await arm(await bearer('a-ga', A), `/subscriptions?api-version=${SUBS}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ value: [], count: { type: 'Total', value: 0 } });
    expect(res.headers.get('x-dapsim-code')).toBe('NOT_A_CUSTOMER');
  });
});

describe('ARM: api-version, bad input and unknown routes', () => {
  it('a missing api-version is 400 MissingApiVersionParameter; an unsupported one 400 InvalidApiVersionParameter naming the supported ones', async () => {
    const sub = createdId(perform(state.world, 'c1-ga', { type: 'createAzureSubscription' }), 'subscriptionId');
    const ga = await bearer('c1-ga', C1);
    const base = `/subscriptions/${sub}/providers/Microsoft.Authorization/roleAssignments`;
    const missing = await arm(ga, base);
    expect(missing.status).toBe(400);
    expect(await errorOf(missing)).toMatchObject({ code: 'MissingApiVersionParameter' });
    for (const [path, init] of [
      [`${base}?api-version=2099-01-01`, {}],
      [`/subscriptions?api-version=${RA}`, {}],
      [`/subscriptions/${sub}/resourcegroups/rg?api-version=${RA}`, { method: 'PUT', body: '{"location":"westeurope"}' }],
      [`/providers/Microsoft.Subscription/aliases/x?api-version=${SUBS}`, { method: 'PUT', body: '{"properties":{}}' }],
    ] as [string, RequestInit][]) {
      const res = await arm(ga, path, init);
      expect(res.status, path).toBe(400);
      const e = await errorOf(res);
      expect(e.code).toBe('InvalidApiVersionParameter');
      expect(e.message).toMatch(/The supported versions are '[0-9a-z,-]+'/);
    }
    // Older versions clients still send are accepted and answered in the 2022-04-01 shape.
    expect((await arm(ga, `${base}?api-version=2015-07-01`)).status).toBe(200);
    expect(state.world.subscriptions.size).toBe(1);
  });

  it('malformed JSON is 400 InvalidRequestContent; a resource group needs a location; the SDK casing resourceGroups routes the same', async () => {
    const sub = createdId(perform(state.world, 'c1-ga', { type: 'createAzureSubscription' }), 'subscriptionId');
    const ga = await bearer('c1-ga', C1);
    for (const path of [resourceGroup(sub), `/providers/Microsoft.Subscription/aliases/x?api-version=${ALIAS}`, assignment(sub, guid())]) {
      const res = await put(ga, path, '{"location": ');
      expect(res.status, path).toBe(400);
      expect(await errorOf(res)).toMatchObject({ code: 'InvalidRequestContent', message: expect.stringContaining('could not be deserialized') });
    }
    const noLocation = await put(ga, resourceGroup(sub), { tags: {} });
    expect(noLocation.status).toBe(400);
    expect((await errorOf(noLocation)).code).toBe('LocationRequired');
    expect((await put(ga, `/providers/Microsoft.Subscription/aliases/x?api-version=${ALIAS}`, { properties: { displayName: 'x', workload: 'Fun' } })).status).toBe(400);
    expect((await put(ga, `/providers/Microsoft.Subscription/aliases/x?api-version=${ALIAS}`, { properties: { displayName: 42 } })).status).toBe(400);
    expect(state.world.subscriptions.size).toBe(1);
    const sdkCasing = await put(ga, `/subscriptions/${sub.toUpperCase()}/resourceGroups/rg1?api-version=${RG}`, { location: 'westeurope' });
    expect(sdkCasing.status).toBe(201);
    expect(await sdkCasing.json()).toMatchObject({ id: `/subscriptions/${sub}/resourceGroups/rg1` });
  });

  it("unknown routes under ARM's paths answer ARM's envelope, 404 or 400, and nothing is ever a 500", async () => {
    const sub = createdId(perform(state.world, 'c1-ga', { type: 'createAzureSubscription' }), 'subscriptionId');
    const ga = await bearer('c1-ga', C1);
    const cases: [string, RequestInit, number, string][] = [
      [`/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines?api-version=2024-03-01`, {}, 404, 'InvalidResourceType'],
      [`/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines`, {}, 400, 'MissingApiVersionParameter'],
      [`/providers/Microsoft.Foo/bars?api-version=2020-01-01`, {}, 404, 'InvalidResourceType'],
      [`/providers/Microsoft.Subscription/aliases/x?api-version=${ALIAS}`, {}, 404, 'InvalidResourceType'],
      [`/subscriptions?api-version=${SUBS}`, { method: 'POST', body: '{}' }, 404, 'InvalidResourceType'],
      [`/subscriptions/${sub}/providers/Microsoft.Authorization/roleAssignments?api-version=${RA}`, { method: 'DELETE' }, 404, 'InvalidResourceType'],
      [`/subscriptions/${sub}/providers/Microsoft.Authorization/roleAssignments/${guid()}?api-version=${RA}`, { method: 'PATCH', body: '{}' }, 404, 'InvalidResourceType'],
    ];
    for (const [path, init, status, code] of cases) {
      const res = await arm(ga, path, init);
      expect(res.status, path).toBe(status);
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(await errorOf(res)).toMatchObject({ code });
    }
    // A malformed %-escape in the path would make msw's own route matching throw (a 500): ARM's 400 instead.
    const malformed = await arm(ga, `/subscriptions/%ZZ/providers/Microsoft.Authorization/roleAssignments?api-version=${RA}`);
    expect(malformed.status).toBe(400);
    expect(await errorOf(malformed)).toMatchObject({ code: 'BadRequest' });
    // Odd input everywhere: never a 500.
    const odd = [`/subscriptions/%ZZ?api-version=${SUBS}`, `/subscriptions/${'x'.repeat(500)}?api-version=${SUBS}`, `${assignments(sub)}&$skipToken=${'%FF'.repeat(4)}`, `${assignments(sub)}&$filter=`, assignment(sub, '%20')];
    for (const path of odd) {
      for (const method of ['GET', 'PUT', 'DELETE']) {
        const res = await arm(ga, path, method === 'PUT' ? { method, body: '{}' } : { method });
        expect(res.status, `${method} ${path}`).toBeLessThan(500);
        expect(res.status, `${method} ${path}`).not.toBe(418);
      }
    }
  });

  it("answers on a served base URL's /arm prefix, and lets another service's /subscriptions paths fall through", async () => {
    const sub = createdId(perform(state.world, 'c1-ga', { type: 'createAzureSubscription' }), 'subscriptionId');
    const ga = await bearer('c1-ga', C1);
    const served = await arm(ga, `http://127.0.0.1:7071/arm/subscriptions?api-version=${SUBS}`);
    expect(served.status).toBe(200);
    expect(((await served.json()) as { value: { subscriptionId: string }[] }).value.map((s) => s.subscriptionId)).toEqual([sub]);
    for (const url of [
      `https://api.partnercenter.microsoft.com/v1/customers/${C1}/subscriptions`,
      'https://admin.microsoft.com/dapsim/v1/subscriptions',
      'https://graph.microsoft.com/v1.0/subscriptions',
      `http://127.0.0.1:7071/partnercenter/v1/customers/${C1}/subscriptions`,
      'http://127.0.0.1:7071/dapsim/v1/subscriptions',
    ]) {
      const res = await arm(ga, url);
      expect(res.status, url).toBe(418);
    }
  });
});

describe('ARM: headers', () => {
  it('echoes the client and correlation request ids and counts reads and writes', async () => {
    must(setup.addSubscription(state.world, { id: 'sub-set-up', customerId: C1 }));
    const ga = await bearer('c1-ga', C1);
    const res = await arm(ga, `/subscriptions?api-version=${SUBS}`, { headers: { 'x-ms-client-request-id': 'client-1', 'x-ms-correlation-request-id': 'corr-1' } });
    expect(res.headers.get('x-ms-client-request-id')).toBe('client-1');
    expect(res.headers.get('x-ms-correlation-request-id')).toBe('corr-1');
    expect(res.headers.get('x-ms-ratelimit-remaining-subscription-reads')).toBeTruthy();
    expect(res.headers.get('x-dapsim-rules')).toContain('AZURE-RBAC-SEPARATE');
    const write = await put(ga, `/providers/Microsoft.Subscription/aliases/y?api-version=${ALIAS}`, { properties: {} });
    expect(write.status).toBe(201);
    expect(write.headers.get('x-ms-ratelimit-remaining-subscription-writes')).toBeTruthy();
  });
});
