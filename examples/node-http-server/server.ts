/**
 * A minimal server that dapsim can test, written with plain node:http — no msw, no framework —
 * in another style than the reference mocks: one table of routes, each a small function from a
 * request to an answer. It serves the protocol of docs/testing-an-implementation.md under one base
 * URL: the world set-up endpoint, a token service, and the Graph, Partner Center, ARM and
 * admin-center routes the harness calls.
 *
 * Its decisions come from dapsim's model used as a library (`decide` and `look` below): replace
 * those two calls with your own logic and `dapsim conform --target` tells you where it differs.
 *
 *   npx tsx examples/node-http-server/server.ts --port 9000
 *   npx dapsim conform --target http://127.0.0.1:9000
 *
 * With --no-decision-headers it answers as the Microsoft APIs do, by status and error body alone;
 * then hold it to outcomes only: `dapsim conform --target … --compare outcomes`.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { World, perform, query, setup, type Decision, type Effect, type Profile } from '../../model/index.ts';

// ----- the state: one world, and the tokens handed out -----

interface Grant {
  readonly userId: string;
  readonly tenantId: string;
  readonly service: Service;
}
type Service = 'graph' | 'partnercenter' | 'arm' | 'dapsim';

/** One server's world and the tokens it handed out. */
class State {
  world = new World();
  readonly tokens = new Map<string, Grant>();
}

// ----- answers -----

/** What a route returns: a status and body, and the decision behind it (sent as x-dapsim-* headers). */
interface Answer {
  readonly status: number;
  readonly body?: unknown;
  readonly decision?: Decision<unknown>;
}

/** The status a decision maps to: 403 refused, 404 something named does not exist, 400 otherwise. */
function failure(d: Decision<unknown>): Answer {
  if (d.outcome === 'allowed') throw new Error('not a failure');
  const status = d.outcome === 'refused' ? 403 : d.code.startsWith('UNKNOWN_') ? 404 : 400;
  return { status, body: { error: { code: d.code, message: d.message } }, decision: d };
}

/** The decision's answer: `ok` shapes the body of an allowed one. */
function answer<T>(d: Decision<T>, ok: (result: T, effects: readonly Effect[]) => Answer): Answer {
  if (d.outcome !== 'allowed') return failure(d);
  return { ...ok(d.result as T, d.effects), decision: d };
}

const created = (body: unknown): Answer => ({ status: 201, body });
const noContent: Answer = { status: 204 };
const list = (value: unknown[]): Answer => ({ status: 200, body: { value } });
const items = (rows: unknown[]): Answer => ({ status: 200, body: { totalCount: rows.length, items: rows } });
const effectOf = <T extends Effect['type']>(effects: readonly Effect[], type: T) => effects.find((e) => e.type === type) as Extract<Effect, { type: T }> | undefined;

// ----- the two calls into the decision engine (dapsim's model here; yours in your implementation) -----

interface Call {
  readonly state: State;
  readonly grant: Grant;
  readonly profile: Profile;
  readonly params: Readonly<Record<string, string>>;
  readonly url: URL;
  readonly body: Record<string, unknown>;
}

function decide(c: Call, action: { readonly type: string } & Record<string, unknown>): Decision {
  return perform(c.state.world, c.grant.userId, action, { profile: c.profile, now: new Date().toISOString() });
}

function look(c: Call, q: { readonly type: string } & Record<string, unknown>): Decision<unknown> {
  return query(c.state.world, c.grant.userId, q);
}

// ----- routes -----

type Handler = (c: Call) => Answer;
interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly service: Service;
  readonly handle: Handler;
}

const routes: Route[] = [];
/** `path` is relative to the service's prefix; `:name` captures one segment. */
function route(method: string, service: Service, path: string, handle: Handler): void {
  const pattern = new RegExp(`^${path.replace(/\$/g, '\\$').replace(/:(\w+)/g, '(?<$1>[^/]+)')}$`);
  routes.push({ method, pattern, service, handle });
}

const PREFIX: Readonly<Record<Service, string>> = { graph: '/graph/v1.0', partnercenter: '/partnercenter/v1', arm: '/arm', dapsim: '/dapsim/v1' };
const tid = (c: Call) => c.grant.tenantId;
const roleId = (ref: string) => ref.replace(/^roleTemplateId=/, '');
const lastSegment = (ref: unknown) => String(ref ?? '').split('/').pop() ?? '';

// Admin-center paths (offers, the customer's Partner relationships page, removal, MDM, mailbox).
route('POST', 'dapsim', '/partner/offers', (c) => {
  const d = decide(c, { type: 'createOffer', ...pick(c.body, ['kind', 'includesDelegatedAdmin', 'product']) });
  return answer(d, (_, fx) => (effectOf(fx, 'offer.reused') ? { status: 200, body: { id: effectOf(fx, 'offer.reused')!.offerId } } : created({ id: effectOf(fx, 'offer.created')?.offerId })));
});
route('GET', 'dapsim', '/partner/offers/location', (c) => answer(look(c, { type: 'offerLocation' }), (r) => ({ status: 200, body: r })));
route('GET', 'dapsim', '/partner/mailbox', (c) => answer(look(c, { type: 'mailbox' }), (r) => list(r as unknown[])));
route('POST', 'dapsim', '/customers/:customerId/offers/:offerId/accept', (c) => answer(decide(c, { type: 'acceptOffer', ...c.params }), (_, fx) => ({ status: 200, body: { effects: fx } })));
route('POST', 'dapsim', '/customers/:customerId/partner-invitations/:requestId/accept', (c) =>
  answer(decide(c, { type: 'acceptResellerRequest', ...c.params, ...pick(c.body, ['claimedPartnerId']) }), (_, fx) => ({ status: 200, body: { effects: fx } })));
route('GET', 'dapsim', '/customers/:customerId/partnerRelationships', (c) => answer(look(c, { type: 'partnerRelationships', ...c.params }), (r) => list(r as unknown[])));
route('POST', 'dapsim', '/customers/:customerId/partnerRelationships/:partnerId/select', (c) => answer(decide(c, { type: 'selectPartnerForRemoval', ...c.params }), () => noContent));
for (const [step, type] of [['', 'chooseRemoveDelegatedAdmin'], ['/confirm', 'confirmRemoveDelegatedAdmin'], ['/cancel', 'cancelRemoveDelegatedAdmin']] as const) {
  route('POST', 'dapsim', `/customers/:customerId/partnerRelationships/selected/removeDelegatedAdmin${step}`, (c) => answer(decide(c, { type, ...c.params }), () => noContent));
}
route('GET', 'dapsim', '/customers/:customerId/subscriptions', (c) => answer(look(c, { type: 'commerceSubscriptions', ...c.params }), (r) => list(r as unknown[])));
route('POST', 'dapsim', '/tenants/:tenantId/mdm/operations', (c) => answer(decide(c, { type: 'mdmOperation', ...c.params, ...pick(c.body, ['operation']) }), () => created({})));
route('PATCH', 'dapsim', '/users/:userId/administrativeAccess', (c) => answer(decide(c, { type: 'setOfferSwitch', ...c.params, on: c.body['on'] }), () => noContent));

// Microsoft Graph: the directory of the token's tenant.
route('GET', 'graph', '/directoryRoles', (c) => answer(look(c, { type: 'directoryRoles', tenantId: tid(c) }), (r) => list(r as unknown[])));
route('GET', 'graph', '/directoryRoles/:role/members', (c) =>
  answer(look(c, { type: 'directoryRoleMembers', tenantId: tid(c), roleId: roleId(c.params['role']!) }), (r) =>
    list((r as { id: string; type: string; displayName: string; userPrincipalName?: string }[]).map((m) => ({ '@odata.type': `#microsoft.graph.${m.type}`, id: m.id, displayName: m.displayName, userPrincipalName: m.userPrincipalName })))));
route('POST', 'graph', '/directoryRoles/:role/members/$ref', (c) =>
  answer(decide(c, { type: 'addDirectoryRoleMember', tenantId: tid(c), roleId: roleId(c.params['role']!), principalId: lastSegment(c.body['@odata.id']) }), () => noContent));
route('DELETE', 'graph', '/directoryRoles/:role/members/:principalId/$ref', (c) =>
  answer(decide(c, { type: 'removeDirectoryRoleMember', tenantId: tid(c), roleId: roleId(c.params['role']!), principalId: c.params['principalId'] }), () => noContent));
route('GET', 'graph', '/users', (c) =>
  answer(look(c, { type: 'users', tenantId: tid(c) }), (r) =>
    list((r as { id: string; displayName: string; userPrincipalName: string; licenses: string[] }[]).map((u) => ({ id: u.id, displayName: u.displayName, userPrincipalName: u.userPrincipalName, assignedLicenses: u.licenses.map((skuId) => ({ skuId })) })))));
route('POST', 'graph', '/users', (c) =>
  answer(decide(c, { type: 'addUser', tenantId: tid(c), ...pick(c.body, ['userPrincipalName', 'displayName']) }), (_, fx) => created({ id: effectOf(fx, 'user.created')?.userId, ...pick(c.body, ['userPrincipalName', 'displayName']) })));
route('PATCH', 'graph', '/users/:userId', (c) => answer(decide(c, { type: 'resetPassword', tenantId: tid(c), ...c.params }), () => noContent));
route('POST', 'graph', '/users/:userId/assignLicense', (c) => {
  const add = (c.body['addLicenses'] as { skuId?: unknown }[] | undefined) ?? [];
  const remove = (c.body['removeLicenses'] as unknown[] | undefined) ?? [];
  const sku = add.length > 0 ? add[0]!.skuId : remove[0];
  return answer(decide(c, { type: 'manageLicenses', tenantId: tid(c), ...c.params, sku, assign: add.length > 0 }), () => ({ status: 200, body: { id: c.params['userId'] } }));
});
route('GET', 'graph', '/domains', (c) => answer(look(c, { type: 'domains', tenantId: tid(c) }), (r) => list(r as unknown[])));
route('POST', 'graph', '/domains', (c) => answer(decide(c, { type: 'addDomain', tenantId: tid(c), domain: c.body['id'] }), () => created({ id: c.body['id'] })));
route('GET', 'graph', '/groups', (c) => {
  // The harness finds a partner's agent group by name: $filter=displayName eq 'AdminAgents'.
  const named = /displayName eq '([^']*)'/.exec(c.url.searchParams.get('$filter') ?? '')?.[1];
  return answer(look(c, { type: 'groups', tenantId: tid(c) }), (r) => list((r as { displayName: string }[]).filter((g) => named === undefined || g.displayName === named)));
});
for (const [method, path] of [['POST', '/groups/:groupId/members/$ref'], ['DELETE', '/groups/:groupId/members/:userId/$ref']] as const) {
  route(method, 'graph', path, (c) => {
    const group = c.state.world.groups.get(c.params['groupId']!);
    const type = method === 'POST' ? 'addAgentGroupMember' : 'removeAgentGroupMember';
    return answer(decide(c, { type, group: group?.agentKind ?? c.params['groupId'], userId: c.params['userId'] ?? lastSegment(c.body['@odata.id']) }), () => noContent);
  });
}

// Partner Center: the partner's customers, relationship requests, service requests, orders, Autopilot.
route('GET', 'partnercenter', '/customers', (c) =>
  answer(look(c, { type: 'partnerCustomers' }), (r) => items((r as CustomerRow[]).map(customerRow))));
route('GET', 'partnercenter', '/customers/relationshiprequests', (c) =>
  answer(decide(c, { type: 'createResellerRequest', withDap: c.url.searchParams.get('dap') !== 'false' }), (_, fx) => ({ status: 200, body: { id: (effectOf(fx, 'resellerRequest.created') ?? effectOf(fx, 'resellerRequest.reused'))?.requestId } })));
route('GET', 'partnercenter', '/customers/:customerId', (c) => answer(look(c, { type: 'partnerCustomer', ...c.params }), (r) => ({ status: 200, body: { ...customerRow(r as CustomerRow), allowDelegatedAccess: (r as CustomerRow).allowDelegatedAccess } })));
route('PATCH', 'partnercenter', '/customers/:customerId', (c) =>
  c.body['allowDelegatedAccess'] === false ? answer(decide(c, { type: 'giveUpDap', ...c.params }), () => ({ status: 200, body: { id: c.params['customerId'], allowDelegatedAccess: false } })) : { status: 400, body: { error: { code: 'MALFORMED', message: 'Only { "allowDelegatedAccess": false } is supported.' } } });
route('GET', 'partnercenter', '/customers/:customerId/servicerequests', (c) => answer(look(c, { type: 'serviceRequests', ...c.params }), (r) => items(r as unknown[])));
route('POST', 'partnercenter', '/customers/:customerId/servicerequests', (c) =>
  answer(decide(c, { type: 'openServiceRequest', ...c.params, title: c.body['title'] }), (_, fx) => created({ id: effectOf(fx, 'serviceRequest.opened')?.serviceRequestId, title: c.body['title'] })));
route('POST', 'partnercenter', '/customers/:customerId/orders', (c) => {
  const line = ((c.body['lineItems'] as Record<string, unknown>[] | undefined) ?? [])[0] ?? {};
  return answer(decide(c, { type: 'provisionAzureSubscription', ...c.params, ...(line['friendlyName'] === undefined ? {} : { displayName: line['friendlyName'] }) }), (_, fx) =>
    created({ lineItems: [{ lineItemNumber: 0, subscriptionId: effectOf(fx, 'azure.subscriptionCreated')?.subscriptionId, roleAssignmentId: effectOf(fx, 'azure.roleAssigned')?.assignmentId }] }));
});
route('GET', 'partnercenter', '/customers/:customerId/subscriptions', (c) =>
  answer(look(c, { type: 'commerceSubscriptions', ...c.params }), (r) => items((r as { id: string; partnerId: string; offerId: string; product: string; trial: boolean }[]).map((s) => ({ id: s.id, partnerId: s.partnerId, offerId: s.offerId, offerName: s.product, isTrial: s.trial })))));
route('GET', 'partnercenter', '/customers/:customerId/devices', (c) =>
  answer(look(c, { type: 'autopilotDevices', ...c.params }), (r) =>
    items((r as { id: string; serialNumber: string; profileId?: string; source: string; addedByPartnerId?: string }[]).map((d) => ({ id: d.id, serialNumber: d.serialNumber, source: d.source, addedByPartnerId: d.addedByPartnerId, policies: d.profileId === undefined ? [] : [{ key: 'o_o_b_e', value: d.profileId }] })))));
route('POST', 'partnercenter', '/customers/:customerId/deviceBatches', (c) => answer(decide(c, { type: 'addAutopilotDevices', ...c.params, ...pick(c.body, ['batchId', 'devices']) }), () => created({})));
route('DELETE', 'partnercenter', '/customers/:customerId/devices/:deviceId', (c) => answer(decide(c, { type: 'removeAutopilotDevice', ...c.params }), () => noContent));
route('GET', 'partnercenter', '/customers/:customerId/policies', (c) => answer(look(c, { type: 'autopilotProfiles', ...c.params }), (r) => items(r as unknown[])));
route('POST', 'partnercenter', '/customers/:customerId/policies', (c) =>
  answer(decide(c, { type: 'createAutopilotProfile', ...c.params, ...pick(c.body, ['name', 'description']) }), (_, fx) => created({ id: effectOf(fx, 'autopilot.profileCreated')?.profileId })));
route('PUT', 'partnercenter', '/customers/:customerId/policies/:profileId', (c) => answer(decide(c, { type: 'updateAutopilotProfile', ...c.params, ...pick(c.body, ['name', 'description']) }), () => ({ status: 200, body: { id: c.params['profileId'] } })));
route('DELETE', 'partnercenter', '/customers/:customerId/policies/:profileId', (c) => answer(decide(c, { type: 'deleteAutopilotProfile', ...c.params }), () => noContent));
route('PATCH', 'partnercenter', '/customers/:customerId/DevicePolicyUpdates', (c) => {
  // One profile (or none: null) for the devices named; anything else goes to the engine as sent, which calls it malformed.
  const devices = c.body['devices'];
  const rows = Array.isArray(devices) ? (devices as { id?: unknown; policies?: { key?: string; value?: unknown }[] }[]) : undefined;
  const value = rows?.[0]?.policies?.find((p) => p.key === 'o_o_b_e')?.value;
  const deviceIds = rows === undefined ? devices : rows.map((d) => d.id);
  const action = rows !== undefined && rows.length > 0 && (value === null || value === undefined) ? { type: 'removeAutopilotProfile', ...c.params, deviceIds } : { type: 'applyAutopilotProfile', ...c.params, profileId: value, deviceIds };
  return answer(decide(c, action), () => ({ status: 200, body: {} }));
});

// Azure Resource Manager: subscriptions, role assignments, resources.
route('GET', 'arm', '/subscriptions', (c) =>
  answer(look(c, { type: 'azureSubscriptions', customerId: tid(c) }), (r) =>
    list((r as { subscriptionId: string; displayName: string; customerId: string; provisionedByPartnerId?: string }[]).map((s) => ({ subscriptionId: s.subscriptionId, displayName: s.displayName, tenantId: s.customerId, managedByTenants: s.provisionedByPartnerId === undefined ? [] : [{ tenantId: s.provisionedByPartnerId }] })))));
route('PUT', 'arm', '/providers/Microsoft.Subscription/aliases/:alias', (c) => {
  const displayName = (c.body['properties'] as { displayName?: unknown } | undefined)?.displayName;
  return answer(decide(c, { type: 'createAzureSubscription', customerId: tid(c), ...(displayName === undefined ? {} : { displayName }) }), (_, fx) =>
    created({ name: c.params['alias'], properties: { subscriptionId: effectOf(fx, 'azure.subscriptionCreated')?.subscriptionId, ownerAssignmentId: effectOf(fx, 'azure.roleAssigned')?.assignmentId } }));
});
route('GET', 'arm', '/subscriptions/:subscriptionId/providers/Microsoft.Authorization/roleAssignments', (c) =>
  answer(look(c, { type: 'roleAssignments', ...c.params }), (r) =>
    list((r as { id: string; subscriptionId: string; roleDefinitionId: string; principalId: string; principalType: string; principalTenantId: string }[]).map((a) => ({
      name: a.id, properties: { roleDefinitionId: `/subscriptions/${a.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${a.roleDefinitionId}`, principalId: a.principalId, principalType: a.principalType, principalTenantId: a.principalTenantId },
    })))));
route('PUT', 'arm', '/subscriptions/:subscriptionId/providers/Microsoft.Authorization/roleAssignments/:assignmentId', (c) => {
  const p = (c.body['properties'] ?? {}) as Record<string, unknown>;
  return answer(decide(c, { type: 'addRoleAssignment', ...c.params, roleDefinitionId: lastSegment(p['roleDefinitionId']), principalId: p['principalId'] }), (_, fx) => created({ name: effectOf(fx, 'azure.roleAssigned')?.assignmentId }));
});
route('DELETE', 'arm', '/subscriptions/:subscriptionId/providers/Microsoft.Authorization/roleAssignments/:assignmentId', (c) => answer(decide(c, { type: 'removeRoleAssignment', ...c.params }), () => ({ status: 200, body: {} })));
route('PUT', 'arm', '/subscriptions/:subscriptionId/resourcegroups/:name', (c) => answer(decide(c, { type: 'manageAzureResources', subscriptionId: c.params['subscriptionId'] }), () => created({ name: c.params['name'] })));

interface CustomerRow {
  readonly customerId: string;
  readonly companyName: string;
  readonly defaultDomain: string;
  readonly relationshipToPartner: string;
  readonly allowDelegatedAccess: boolean;
}
function customerRow(r: CustomerRow) {
  return { id: r.customerId, companyProfile: { companyName: r.companyName, domain: r.defaultDomain }, relationshipToPartner: r.relationshipToPartner };
}

function pick(body: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => body[k] !== undefined).map((k) => [k, body[k]]));
}

// ----- the protocol routes: world set-up and tokens (no token needed) -----

const SETUP_OPS = new Set(Object.keys(setup).filter((k) => k !== 'defaultDomainFor'));

function putWorld(state: State, body: unknown): Answer {
  const ops = (body as { ops?: unknown } | undefined)?.ops;
  if (!Array.isArray(ops)) return { status: 400, body: { error: { code: 'MALFORMED', message: 'send { "ops": [ … ] }', path: '/ops', index: -1 } } };
  // Build a fresh world and keep it only when every op applied: nothing half-applied.
  const next = new World({ now: new Date().toISOString() });
  for (let index = 0; index < ops.length; index++) {
    const { op, spec } = (ops[index] ?? {}) as { op?: string; spec?: unknown };
    if (op === undefined || !SETUP_OPS.has(op)) return { status: 400, body: { error: { code: 'MALFORMED', message: `unknown set-up operation "${String(op)}"`, path: `/ops/${index}/op`, index } } };
    const result = (setup[op as keyof typeof setup] as (w: World, s: unknown) => string | { code: string; path: string; message: string })(next, spec ?? {});
    if (typeof result !== 'string') return { status: 400, body: { error: { ...result, path: `/ops/${index}/spec${result.path}`, index } } };
  }
  state.world = next;
  state.tokens.clear();
  return created({ applied: ops.length });
}

const AUDIENCE: Readonly<Record<string, Service>> = { 'https://graph.microsoft.com': 'graph', 'https://api.partnercenter.microsoft.com': 'partnercenter', 'https://management.azure.com': 'arm' };

/** The password grant: the user signs in to the tenant, as the engine decides. ARM tokens for a customer go to anyone: ARM decides each request. */
function issueToken(state: State, tenantRef: string, form: URLSearchParams): Answer {
  const world = state.world;
  const service = AUDIENCE[(form.get('scope') ?? '').split(' ')[0]!.replace(/\/\.default$/, '')];
  if (service === undefined) return { status: 400, body: { error: 'invalid_scope', error_description: 'use a Graph, Partner Center or ARM /.default scope' } };
  const user = world.userByUpn(form.get('username') ?? '');
  if (user === undefined) return { status: 400, body: { error: 'invalid_grant', error_description: 'AADSTS50034: The user account does not exist in the directory.', error_codes: [50034] } };
  const tenantId = world.tenant(tenantRef) ? tenantRef : world.tenantByDomain.get(tenantRef.toLowerCase()) ?? tenantRef;
  const signIn = perform(world, user.id, { type: 'signIn', tenantId }, { now: new Date().toISOString() });
  const armInCustomer = service === 'arm' && world.customer(tenantId) !== undefined;
  if (signIn.outcome !== 'allowed' && !armInCustomer) return { status: 400, body: { error: 'invalid_grant', error_description: `AADSTS50020: ${signIn.message}`, error_codes: [50020] }, decision: signIn };
  const token = randomUUID();
  state.tokens.set(token, { userId: user.id, tenantId, service });
  return { status: 200, body: { token_type: 'Bearer', expires_in: 3599, access_token: token }, ...(signIn.outcome === 'allowed' ? { decision: signIn } : {}) };
}

// ----- node:http -----

function send(res: ServerResponse, a: Answer, decisionHeaders: boolean): void {
  const headers: Record<string, string> = {};
  if (a.body !== undefined) headers['content-type'] = 'application/json';
  if (a.decision !== undefined && decisionHeaders) {
    headers['x-dapsim-decision'] = a.decision.outcome;
    headers['x-dapsim-rules'] = a.decision.rules.join(' ');
    if (a.decision.outcome !== 'allowed') headers['x-dapsim-code'] = a.decision.code;
  }
  res.writeHead(a.status, headers).end(a.body === undefined ? undefined : JSON.stringify(a.body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function serviceOf(path: string): [Service, string] | undefined {
  for (const [service, prefix] of Object.entries(PREFIX) as [Service, string][]) if (path.startsWith(`${prefix}/`) || path === prefix) return [service, path.slice(prefix.length) || '/'];
  return undefined;
}

async function handle(state: State, req: IncomingMessage): Promise<Answer> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = decodeURI(url.pathname);
  const text = await readBody(req);
  let body: Record<string, unknown> = {};
  if (text.length > 0 && !(req.headers['content-type'] ?? '').includes('x-www-form-urlencoded')) {
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return { status: 400, body: { error: { code: 'MALFORMED', message: 'the body is not JSON' } } };
    }
  }
  if (path === '/dapsim/v1/world') {
    if (req.method !== 'DELETE') return putWorld(state, body);
    state.world = new World();
    state.tokens.clear();
    return noContent;
  }
  const login = /^\/login\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path);
  if (login && req.method === 'POST') return issueToken(state, login[1]!, new URLSearchParams(text));

  const where = serviceOf(path);
  if (where === undefined) return { status: 404, body: { error: { code: 'NotFound', message: `nothing is served at ${path}` } } };
  const grant = state.tokens.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
  if (grant === undefined) return { status: 401, body: { error: { code: 'InvalidAuthenticationToken', message: 'send a bearer token from /login' } } };
  const [service, rest] = where;
  for (const r of routes) {
    if (r.method !== req.method || r.service !== service) continue;
    const m = r.pattern.exec(rest);
    if (m === null) continue;
    const profile = req.headers['x-dapsim-profile'] === 'proposed' ? 'proposed' : 'current';
    return r.handle({ state, grant, profile, params: { ...m.groups }, url, body });
  }
  return { status: 404, body: { error: { code: 'NotFound', message: `no route for ${req.method} ${path}` } } };
}

export interface ServerOptions {
  /** 0 picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /**
   * Send x-dapsim-decision, x-dapsim-code and x-dapsim-rules (default). Without them the server
   * answers as the Microsoft APIs do, by status and error body only; test it with --compare outcomes.
   */
  readonly decisionHeaders?: boolean;
}

/** Starts the server. */
export function startServer(options: ServerOptions = {}): Promise<{ server: Server; url: string }> {
  const { port = 0, host = '127.0.0.1', decisionHeaders = true } = options;
  const state = new State();
  const server = createServer((req, res) => {
    handle(state, req).then((a) => send(res, a, decisionHeaders), (e: unknown) => send(res, { status: 500, body: { error: { code: 'InternalError', message: String(e) } } }, decisionHeaders));
  });
  return new Promise((resolve) => server.listen(port, host, () => {
    const address = server.address();
    resolve({ server, url: `http://${host}:${typeof address === 'object' && address !== null ? address.port : port}` });
  }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--port');
  const decisionHeaders = !process.argv.includes('--no-decision-headers');
  const { url } = await startServer({ port: at > 0 ? Number(process.argv[at + 1]) : 9000, decisionHeaders });
  console.log(`example server on ${url} — test it with: npx dapsim conform --target ${url}${decisionHeaders ? '' : ' --compare outcomes'}`);
}
