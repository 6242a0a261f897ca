/**
 * The HTTP target: the target contract over the Microsoft-shaped endpoints of mocks/ROUTES.md, for
 * any base URL — the reference mocks in process (msw on the real hosts), `dapsim serve`, or another
 * implementation serving the same routes.
 *
 * Each action and query becomes the request ROUTES.md names, with a bearer token for the actor from
 * the token service; the answer becomes a Decision again: outcome, code and rules from the
 * `x-dapsim-*` headers when the server sends them (the reference does), else from the status and
 * the service's error envelope. Ids the server creates are read back from the response, so a
 * scenario's `save` names them as it does against the model.
 */
import { createHash } from 'node:crypto';
import type { Decision, Effect, PerformOptions, RuleId } from '../model/index.ts';
import type { SetupFailure, SetupOp, Target } from './target.ts';

type Service = 'graph' | 'partnerCenter' | 'arm';

export interface ServiceUrls {
  readonly login: string;
  readonly graph: string;
  readonly partnerCenter: string;
  readonly arm: string;
  /** The simulated admin-center paths and the world set-up endpoint. */
  readonly dapsim: string;
}

/** The real hosts: what msw intercepts in process. */
export const REAL_HOSTS: ServiceUrls = {
  login: 'https://login.microsoftonline.com',
  graph: 'https://graph.microsoft.com/v1.0',
  partnerCenter: 'https://api.partnercenter.microsoft.com/v1',
  arm: 'https://management.azure.com',
  dapsim: 'https://admin.microsoft.com/dapsim/v1',
};

/** The layout `dapsim serve` uses on one base URL. */
export function servedUrls(base: string): ServiceUrls {
  const b = base.replace(/\/$/, '');
  return { login: `${b}/login`, graph: `${b}/graph/v1.0`, partnerCenter: `${b}/partnercenter/v1`, arm: `${b}/arm`, dapsim: `${b}/dapsim/v1` };
}

const SCOPES: Readonly<Record<Service, string>> = {
  graph: 'https://graph.microsoft.com/.default',
  partnerCenter: 'https://api.partnercenter.microsoft.com/.default',
  arm: 'https://management.azure.com/.default',
};

const API = { roleAssignments: '2022-04-01', subscriptions: '2022-12-01', resourceGroups: '2021-04-01', aliases: '2021-10-01' } as const;

/**
 * Actions and queries whose customer defaults to the actor's own tenant. Every route names the
 * customer in its path, so a partner user who names none makes a request that cannot be sent:
 * it is invalid before it leaves, as the model says (MALFORMED at /customerId).
 */
const OWN_CUSTOMER = new Set(['acceptOffer', 'acceptResellerRequest', 'selectPartnerForRemoval', 'chooseRemoveDelegatedAdmin', 'confirmRemoveDelegatedAdmin', 'cancelRemoveDelegatedAdmin', 'createAzureSubscription', 'partnerRelationships', 'commerceSubscriptions']);

function noCustomerNamed(): Decision {
  return invalidDecision('MALFORMED', '/customerId', 'A partner user must name the customer at "customerId".');
}

/** The target could not be reached, or broke the protocol: the runner reports it as an error (exit 3). */
export class TargetUnreachable extends Error {}

interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

export class HttpTarget implements Target {
  readonly name: string;
  private readonly urls: ServiceUrls;
  /** What the target learns of the world as it is set up and changed: who is who, and where things live. */
  private upns = new Map<string, string>();
  private homeTenant = new Map<string, string>();
  private subscriptionTenant = new Map<string, string>();
  private agentGroupIds = new Map<string, string>();
  private tokens = new Map<string, string>();
  private assignmentNames = 0;

  /** How long one request may take, answer included, before the target counts as unreachable. */
  readonly timeoutMs: number;

  /** Answers without an x-dapsim-decision header: decided by status alone, naming no rules. */
  headerlessAnswers = 0;

  constructor(options: { readonly urls?: ServiceUrls; readonly name?: string; readonly fetch?: typeof fetch; readonly timeoutMs?: number } = {}) {
    this.urls = options.urls ?? REAL_HOSTS;
    this.name = options.name ?? this.urls.graph.replace(/\/v1\.0$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    if (options.fetch) this.fetchImpl = options.fetch;
  }

  /** A failed or timed-out request, as the error that ends the check (an error verdict, exit 3). */
  private unreachable(method: string, url: string, e: unknown): TargetUnreachable {
    const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
    return new TargetUnreachable(timedOut ? `${method} ${url} got no answer within ${this.timeoutMs} ms (--timeout)` : `${method} ${url} failed: ${e instanceof Error ? e.message : String(e)}${e instanceof Error && e.cause instanceof Error ? ` (${e.cause.message})` : ''}`);
  }

  private fetchImpl: typeof fetch = (...args) => fetch(...args);

  async setup(ops: readonly SetupOp[]): Promise<SetupFailure | undefined> {
    for (const { op, spec } of ops) this.learn(op, spec as Record<string, unknown>);
    const r = await this.send('POST', `${this.urls.dapsim}/world`, undefined, { ops });
    if (r.status === 201) return undefined;
    const e = (r.body as { error?: { code?: string; message?: string; path?: string; index?: number } }).error ?? {};
    return { index: e.index ?? -1, code: e.code ?? String(r.status), path: e.path ?? '', message: e.message ?? 'the target refused the world' };
  }

  async reset(): Promise<void> {
    // A turn of the event loop between worlds. In process (msw), a long run is one unbroken chain of
    // promises; Node frees finished fetch bodies from a macrotask (its cleanup queue), which then
    // never ran, and a `check --target mocks` of 1,500 sequences ran out of a 160 MB heap.
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.upns.clear();
    this.homeTenant.clear();
    this.subscriptionTenant.clear();
    this.agentGroupIds.clear();
    this.tokens.clear();
    const r = await this.send('DELETE', `${this.urls.dapsim}/world`);
    if (r.status !== 204 && r.status !== 200) throw new TargetUnreachable(`resetting the world answered ${r.status}`);
  }

  /** Set-up operations tell the target the UPNs, home tenants and subscriptions it needs for tokens. */
  private learn(op: string, s: Record<string, unknown>): void {
    if (op === 'addUser') {
      this.upns.set(String(s['id']), String(s['userPrincipalName']));
      this.homeTenant.set(String(s['id']), String(s['tenantId']));
    } else if (op === 'addSubscription') {
      this.subscriptionTenant.set(String(s['id']), String(s['customerId']));
    } else if (op === 'addPartner') {
      for (const [kind, id] of Object.entries((s['agentGroupIds'] as Record<string, string> | undefined) ?? {})) this.agentGroupIds.set(`${String(s['id'])}/${kind}`, id);
    }
  }

  // ----- transport -----

  /** The Autopilot rule profile of the action being performed, sent to the server (x-dapsim-profile). */
  private profile: string = 'current';

  private async send(method: string, url: string, token?: string, body?: unknown): Promise<Reply> {
    let res: Response;
    let text: string;
    try {
      res = await this.fetchImpl(url, {
        method,
        headers: { 'x-dapsim-profile': this.profile, ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': typeof body === 'string' ? 'application/x-www-form-urlencoded' : 'application/json' }) },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await res.text();
    } catch (e) {
      throw this.unreachable(method, url, e);
    }
    let parsed: unknown = undefined;
    if (text.length > 0) {
      try {
        parsed = JSON.parse(text);
      } catch {
        if (res.status < 500) throw new TargetUnreachable(`${method} ${url} answered ${res.status} with a body that is not JSON`);
      }
    }
    if (res.status >= 500) throw new TargetUnreachable(`${method} ${url} answered ${res.status}: ${text.slice(0, 200)}`);
    return { status: res.status, headers: res.headers, body: parsed };
  }

  /** A token for the actor in the tenant for the service, or the token service's refusal as a Decision. */
  private async token(actor: string, tenant: string, service: Service, fresh = false): Promise<string | Decision> {
    const key = `${actor}|${tenant}|${service}`;
    if (!fresh) {
      const cached = this.tokens.get(key);
      if (cached) return cached;
    }
    const upn = this.upns.get(actor);
    if (upn === undefined) return invalidDecision('UNKNOWN_ACTOR', '/actor', `the HTTP target knows no user "${actor}"`);
    const r = await this.send('POST', `${this.urls.login}/${tenant}/oauth2/v2.0/token`, undefined, new URLSearchParams({ grant_type: 'password', client_id: 'dapsim', username: upn, password: 'dapsim', scope: SCOPES[service] }).toString());
    if (r.status === 200) {
      const t = (r.body as { access_token: string }).access_token;
      this.tokens.set(key, t);
      return t;
    }
    return decisionOf(this.counted(r), []);
  }

  /** Sends a request as the actor; a refused token comes back as the decision. */
  private async as(actor: string, tenant: string, service: Service, method: string, url: string, body?: unknown): Promise<Reply | Decision> {
    const token = await this.token(actor, tenant, service);
    if (typeof token !== 'string') return token;
    return this.counted(await this.send(method, url, token, body));
  }

  /** An answer that stands for a decision: counted when it does not say how it was decided. */
  private counted(r: Reply): Reply {
    if (!r.headers.has('x-dapsim-decision')) this.headerlessAnswers++;
    return r;
  }

  private home(actor: string): string {
    return this.homeTenant.get(actor) ?? '';
  }

  private async agentGroup(actor: string, kind: string, userId: string): Promise<string | Decision> {
    const partner = this.home(actor);
    const known = this.agentGroupIds.get(`${partner}/${kind}`);
    if (known) return known;
    // A customer's user has no agent groups: name the target user's partner group and let the server refuse.
    if (!this.homeIsPartner(actor)) return this.agentGroupIds.get(`${this.home(userId)}/${kind}`) ?? kind;
    const r = await this.as(actor, partner, 'graph', 'GET', `${this.urls.graph}/groups?$filter=${encodeURIComponent(`displayName eq '${kind}'`)}`);
    if (!isReply(r)) return r;
    const id = (r.body as { value?: { id: string }[] }).value?.[0]?.id;
    if (id === undefined) return r.status < 300 ? invalidDecision('UNKNOWN_GROUP', '/group', `the partner has no ${kind} group`) : decisionOf(r, []);
    this.agentGroupIds.set(`${partner}/${kind}`, id);
    return id;
  }

  // ----- actions -----

  async perform(actor: string, action: { readonly type: string } & Record<string, unknown>, options: PerformOptions): Promise<Decision> {
    this.profile = options.profile ?? 'current';
    const a = action;
    const u = this.urls;
    const s = (k: string) => encodeURIComponent(String(a[k] ?? ''));
    const customerOf = (k = 'customerId') => (a[k] === undefined ? this.home(actor) : String(a[k]));
    const done = (r: Reply | Decision, effects: (body: unknown) => Effect[] = () => []): Decision => (isReply(r) ? decisionOf(r, r.status < 300 ? effects(r.body) : []) : r);
    if (OWN_CUSTOMER.has(a.type) && a['customerId'] === undefined && this.homeIsPartner(actor)) return noCustomerNamed();
    switch (a.type) {
      case 'createOffer': {
        const r = await this.as(actor, this.home(actor), 'partnerCenter', 'POST', `${u.dapsim}/partner/offers`, pick(a, ['kind', 'includesDelegatedAdmin', 'product']));
        return done(r, (b) => [{ type: isReply(r) && r.status === 200 ? 'offer.reused' : 'offer.created', offerId: String((b as { id: string }).id) }]);
      }
      case 'createResellerRequest': {
        const r = await this.as(actor, this.home(actor), 'partnerCenter', 'GET', `${u.partnerCenter}/customers/relationshiprequests?dap=${a['withDap'] === false ? 'false' : 'true'}`);
        return done(r, (b) => [{ type: 'resellerRequest.created', requestId: String((b as { id: string }).id) }]);
      }
      case 'acceptOffer':
        return done(await this.as(actor, this.home(actor), 'graph', 'POST', `${u.dapsim}/customers/${enc(customerOf())}/offers/${s('offerId')}/accept`), effectsIn);
      case 'acceptResellerRequest':
        return done(await this.as(actor, this.home(actor), 'graph', 'POST', `${u.dapsim}/customers/${enc(customerOf())}/partner-invitations/${s('requestId')}/accept`, pick(a, ['claimedPartnerId'])), effectsIn);
      case 'selectPartnerForRemoval':
        return done(await this.as(actor, this.home(actor), 'graph', 'POST', `${u.dapsim}/customers/${enc(customerOf())}/partnerRelationships/${s('partnerId')}/select`));
      case 'chooseRemoveDelegatedAdmin':
        return done(await this.as(actor, this.home(actor), 'graph', 'POST', `${u.dapsim}/customers/${enc(customerOf())}/partnerRelationships/selected/removeDelegatedAdmin`));
      case 'confirmRemoveDelegatedAdmin':
        return done(await this.as(actor, this.home(actor), 'graph', 'POST', `${u.dapsim}/customers/${enc(customerOf())}/partnerRelationships/selected/removeDelegatedAdmin/confirm`));
      case 'cancelRemoveDelegatedAdmin':
        return done(await this.as(actor, this.home(actor), 'graph', 'POST', `${u.dapsim}/customers/${enc(customerOf())}/partnerRelationships/selected/removeDelegatedAdmin/cancel`));
      case 'giveUpDap':
        return done(await this.as(actor, this.home(actor), 'partnerCenter', 'PATCH', `${u.partnerCenter}/customers/${s('customerId')}`, { allowDelegatedAccess: false, attributes: { objectType: 'Customer' } }));
      case 'signIn': {
        const upn = this.upns.get(actor);
        if (upn === undefined) return invalidDecision('UNKNOWN_ACTOR', '/actor', `the HTTP target knows no user "${actor}"`);
        const r = await this.send('POST', `${u.login}/${s('tenantId')}/oauth2/v2.0/token`, undefined, new URLSearchParams({ grant_type: 'password', client_id: 'dapsim', username: upn, password: 'dapsim', scope: SCOPES.graph }).toString());
        return decisionOf(this.counted(r), []);
      }
      case 'addUser': {
        const r = await this.as(actor, String(a['tenantId']), 'graph', 'POST', `${u.graph}/users`, { accountEnabled: true, displayName: a['displayName'], mailNickname: String(a['userPrincipalName']).split('@')[0], userPrincipalName: a['userPrincipalName'], passwordProfile: { forceChangePasswordNextSignIn: true, password: 'Dapsim-1!' } });
        return done(r, (b) => {
          const id = String((b as { id: string }).id);
          this.upns.set(id, String(a['userPrincipalName']));
          this.homeTenant.set(id, String(a['tenantId']));
          return [{ type: 'user.created', userId: id }];
        });
      }
      case 'resetPassword':
        return done(await this.as(actor, String(a['tenantId']), 'graph', 'PATCH', `${u.graph}/users/${s('userId')}`, { passwordProfile: { forceChangePasswordNextSignIn: true, password: 'Dapsim-2!' } }));
      case 'addDomain':
        return done(await this.as(actor, String(a['tenantId']), 'graph', 'POST', `${u.graph}/domains`, { id: a['domain'] }));
      case 'manageLicenses':
        return done(await this.as(actor, String(a['tenantId']), 'graph', 'POST', `${u.graph}/users/${s('userId')}/assignLicense`, a['assign'] === false ? { addLicenses: [], removeLicenses: [a['sku']] } : { addLicenses: [{ skuId: a['sku'] }], removeLicenses: [] }));
      case 'mdmOperation':
        return done(await this.as(actor, this.home(actor), 'graph', 'POST', `${u.dapsim}/tenants/${s('tenantId')}/mdm/operations`, pick(a, ['operation'])));
      case 'addDirectoryRoleMember':
        return done(await this.as(actor, String(a['tenantId']), 'graph', 'POST', `${u.graph}/directoryRoles/${roleRef(String(a['roleId']))}/members/$ref`, { '@odata.id': `${u.graph}/directoryObjects/${String(a['principalId'])}` }));
      case 'removeDirectoryRoleMember':
        return done(await this.as(actor, String(a['tenantId']), 'graph', 'DELETE', `${u.graph}/directoryRoles/${roleRef(String(a['roleId']))}/members/${s('principalId')}/$ref`));
      case 'addAgentGroupMember':
      case 'removeAgentGroupMember': {
        const group = await this.agentGroup(actor, String(a['group']), String(a['userId']));
        if (typeof group !== 'string') return group;
        const url = a.type === 'addAgentGroupMember' ? `${u.graph}/groups/${group}/members/$ref` : `${u.graph}/groups/${group}/members/${s('userId')}/$ref`;
        return done(await this.as(actor, this.home(actor), 'graph', a.type === 'addAgentGroupMember' ? 'POST' : 'DELETE', url, a.type === 'addAgentGroupMember' ? { '@odata.id': `${u.graph}/directoryObjects/${String(a['userId'])}` } : undefined));
      }
      case 'setOfferSwitch':
        return done(await this.as(actor, this.home(actor), 'graph', 'PATCH', `${u.dapsim}/users/${s('userId')}/administrativeAccess`, { on: a['on'] }));
      case 'openServiceRequest': {
        const r = await this.as(actor, this.home(actor), 'partnerCenter', 'POST', `${u.partnerCenter}/customers/${s('customerId')}/servicerequests`, { title: a['title'] });
        return done(r, (b) => [{ type: 'serviceRequest.opened', serviceRequestId: String((b as { id: string }).id) }]);
      }
      case 'provisionAzureSubscription': {
        const r = await this.as(actor, this.home(actor), 'partnerCenter', 'POST', `${u.partnerCenter}/customers/${s('customerId')}/orders`, { referenceCustomerId: a['customerId'], lineItems: [{ lineItemNumber: 0, offerId: 'DZH318Z0BCZC:0001', friendlyName: a['displayName'] ?? 'Azure plan', quantity: 1 }], attributes: { objectType: 'Order' } });
        return done(r, (b) => {
          const line = (b as { lineItems?: { subscriptionId?: string; roleAssignmentId?: string }[] }).lineItems?.[0] ?? {};
          if (line.subscriptionId) this.subscriptionTenant.set(line.subscriptionId, String(a['customerId']));
          const out: Effect[] = [{ type: 'azure.subscriptionCreated', subscriptionId: String(line.subscriptionId) }];
          const owner = line.roleAssignmentId ?? ownerAssignmentOf(b);
          if (owner) out.push({ type: 'azure.roleAssigned', assignmentId: owner, subscriptionId: String(line.subscriptionId), roleDefinitionId: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635', principalId: '' });
          return out;
        });
      }
      case 'createAzureSubscription': {
        const customer = customerOf();
        const alias = `dapsim-${++this.assignmentNames}`;
        const r = await this.as(actor, customer, 'arm', 'PUT', `${u.arm}/providers/Microsoft.Subscription/aliases/${alias}?api-version=${API.aliases}`, { properties: { displayName: a['displayName'] ?? 'Pay-As-You-Go', workload: 'Production' } });
        return done(r, (b) => {
          const id = String((b as { properties?: { subscriptionId?: string } }).properties?.subscriptionId);
          this.subscriptionTenant.set(id, customer);
          const out: Effect[] = [{ type: 'azure.subscriptionCreated', subscriptionId: id }];
          const owner = ownerAssignmentOf(b);
          if (owner) out.push({ type: 'azure.roleAssigned', assignmentId: owner, subscriptionId: id, roleDefinitionId: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635', principalId: actor });
          return out;
        });
      }
      case 'addRoleAssignment': {
        const sub = String(a['subscriptionId']);
        const name = a['assignmentId'] === undefined ? uuidLike(sub, ++this.assignmentNames) : String(a['assignmentId']);
        const r = await this.as(actor, this.subscriptionTenant.get(sub) ?? this.home(actor), 'arm', 'PUT', `${u.arm}/subscriptions/${encodeURIComponent(sub)}/providers/Microsoft.Authorization/roleAssignments/${name}?api-version=${API.roleAssignments}`, {
          properties: { roleDefinitionId: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${String(a['roleDefinitionId']).split('/').pop()}`, principalId: a['principalId'] },
        });
        return done(r, (b) => [{ type: 'azure.roleAssigned', assignmentId: String((b as { name?: string }).name ?? name), subscriptionId: sub, roleDefinitionId: String(a['roleDefinitionId']) as never, principalId: String(a['principalId']) }]);
      }
      case 'removeRoleAssignment': {
        const sub = String(a['subscriptionId']);
        return done(await this.as(actor, this.subscriptionTenant.get(sub) ?? this.home(actor), 'arm', 'DELETE', `${u.arm}/subscriptions/${encodeURIComponent(sub)}/providers/Microsoft.Authorization/roleAssignments/${s('assignmentId')}?api-version=${API.roleAssignments}`));
      }
      case 'manageAzureResources': {
        const sub = String(a['subscriptionId']);
        return done(await this.as(actor, this.subscriptionTenant.get(sub) ?? this.home(actor), 'arm', 'PUT', `${u.arm}/subscriptions/${encodeURIComponent(sub)}/resourcegroups/dapsim-rg?api-version=${API.resourceGroups}`, { location: 'westeurope' }));
      }
      case 'addAutopilotDevices':
        return done(await this.as(actor, this.home(actor), 'partnerCenter', 'POST', `${u.partnerCenter}/customers/${s('customerId')}/deviceBatches`, { batchId: a['batchId'] ?? 'dapsim', devices: a['devices'], attributes: { objectType: 'DeviceBatchCreationRequest' } }));
      case 'removeAutopilotDevice':
        return done(await this.as(actor, this.home(actor), 'partnerCenter', 'DELETE', `${u.partnerCenter}/customers/${s('customerId')}/devices/${s('deviceId')}`));
      case 'createAutopilotProfile': {
        const r = await this.as(actor, this.home(actor), 'partnerCenter', 'POST', `${u.partnerCenter}/customers/${s('customerId')}/policies`, { name: a['name'], category: 'o_o_b_e', ...pick(a, ['description']), policySettings: [], attributes: { objectType: 'ConfigurationPolicy' } });
        return done(r, (b) => [{ type: 'autopilot.profileCreated', profileId: String((b as { id: string }).id) }]);
      }
      case 'updateAutopilotProfile':
        return done(await this.as(actor, this.home(actor), 'partnerCenter', 'PUT', `${u.partnerCenter}/customers/${s('customerId')}/policies/${s('profileId')}`, { id: a['profileId'], ...pick(a, ['name', 'description']), category: 'o_o_b_e', attributes: { objectType: 'ConfigurationPolicy' } }));
      case 'deleteAutopilotProfile':
        return done(await this.as(actor, this.home(actor), 'partnerCenter', 'DELETE', `${u.partnerCenter}/customers/${s('customerId')}/policies/${s('profileId')}`));
      case 'applyAutopilotProfile':
      case 'removeAutopilotProfile': {
        const value = a.type === 'applyAutopilotProfile' ? a['profileId'] : null;
        const ids = Array.isArray(a['deviceIds']) ? (a['deviceIds'] as unknown[]) : a['deviceIds'];
        const devices = Array.isArray(ids) ? ids.map((id) => ({ id, policies: [{ key: 'o_o_b_e', value }] })) : ids;
        return done(await this.as(actor, this.home(actor), 'partnerCenter', 'PATCH', `${u.partnerCenter}/customers/${s('customerId')}/DevicePolicyUpdates`, { devices, attributes: { objectType: 'DevicePolicyUpdateRequest' } }));
      }
      default:
        return invalidDecision('UNKNOWN_ACTION', '/type', `the HTTP target does not know the action "${a.type}"`);
    }
  }

  // ----- queries -----

  async query(actor: string, q: { readonly type: string } & Record<string, unknown>): Promise<Decision<unknown>> {
    const u = this.urls;
    const s = (k: string) => encodeURIComponent(String(q[k] ?? ''));
    const customerOf = () => (q['customerId'] === undefined ? this.home(actor) : String(q['customerId']));
    if (OWN_CUSTOMER.has(q.type) && q['customerId'] === undefined && this.homeIsPartner(actor)) return noCustomerNamed();
    const read = async (r: Reply | Decision, shape: (b: unknown) => unknown): Promise<Decision<unknown>> => (isReply(r) ? (r.status < 300 ? { ...decisionOf(r, []), result: shape(r.body) } as Decision<unknown> : decisionOf(r, [])) : r);
    switch (q.type) {
      case 'directoryRoles':
        return read(await this.as(actor, String(q['tenantId']), 'graph', 'GET', `${u.graph}/directoryRoles`), (b) => values(b).map((r) => ({ id: r['id'], roleTemplateId: r['roleTemplateId'], displayName: r['displayName'] })));
      case 'directoryRoleMembers':
        return read(await this.as(actor, String(q['tenantId']), 'graph', 'GET', `${u.graph}/directoryRoles/${roleRef(String(q['roleId']))}/members`), (b) => values(b).map((m) => ({ id: m['id'], type: String(m['@odata.type']).endsWith('group') ? 'group' : 'user', displayName: m['displayName'], userPrincipalName: m['userPrincipalName'] })));
      case 'users':
        return this.pagedUsers(actor, String(q['tenantId']));
      case 'domains':
        return read(await this.as(actor, String(q['tenantId']), 'graph', 'GET', `${u.graph}/domains`), (b) => values(b).map((d) => ({ id: d['id'], isDefault: d['isDefault'] })));
      case 'groups':
        return read(await this.as(actor, String(q['tenantId']), 'graph', 'GET', `${u.graph}/groups`), (b) => values(b).map((g) => ({ id: g['id'], displayName: g['displayName'] })));
      case 'roleAssignments':
        return this.pagedAssignments(actor, String(q['subscriptionId']));
      case 'azureSubscriptions':
        return read(await this.as(actor, customerOf(), 'arm', 'GET', `${u.arm}/subscriptions?api-version=${API.subscriptions}`), (b) => values(b).map((x) => ({ subscriptionId: x['subscriptionId'], displayName: x['displayName'], customerId: x['tenantId'], provisionedByPartnerId: ((x['managedByTenants'] ?? []) as { tenantId?: string }[])[0]?.tenantId })));
      case 'partnerRelationships':
        return read(await this.as(actor, this.home(actor), 'graph', 'GET', `${u.dapsim}/customers/${enc(customerOf())}/partnerRelationships`), (b) => values(b));
      case 'partnerCustomers':
        return this.pagedCustomers(actor);
      case 'partnerCustomer':
        return read(await this.as(actor, this.home(actor), 'partnerCenter', 'GET', `${u.partnerCenter}/customers/${s('customerId')}`), (b) => customerView(b as Record<string, unknown>));
      case 'mailbox':
        return read(await this.as(actor, this.home(actor), 'partnerCenter', 'GET', `${u.dapsim}/partner/mailbox`), (b) => values(b));
      case 'offerLocation':
        return read(await this.as(actor, this.home(actor), 'partnerCenter', 'GET', `${u.dapsim}/partner/offers/location`), (b) => b);
      case 'commerceSubscriptions':
        return this.homeIsPartner(actor)
          ? read(await this.as(actor, this.home(actor), 'partnerCenter', 'GET', `${u.partnerCenter}/customers/${encodeURIComponent(customerOf())}/subscriptions`), (b) => items(b).map(commerceView))
          : read(await this.as(actor, this.home(actor), 'graph', 'GET', `${u.dapsim}/customers/${encodeURIComponent(customerOf())}/subscriptions`), (b) => values(b));
      case 'autopilotDevices':
        return read(await this.as(actor, this.home(actor), 'partnerCenter', 'GET', `${u.partnerCenter}/customers/${s('customerId')}/devices`), (b) => items(b).map(deviceView));
      case 'autopilotProfiles':
        return read(await this.as(actor, this.home(actor), 'partnerCenter', 'GET', `${u.partnerCenter}/customers/${s('customerId')}/policies`), (b) => items(b).map((p) => ({ id: p['id'], name: p['name'], description: p['description'], devicesAssigned: p['devicesAssigned'] ?? p['devicesAssignedCount'] })));
      case 'serviceRequests':
        return read(await this.as(actor, this.home(actor), 'partnerCenter', 'GET', `${u.partnerCenter}/customers/${s('customerId')}/servicerequests`), (b) => items(b).map((x) => ({ id: x['id'], title: x['title'] })));
      default:
        return invalidDecision('UNKNOWN_QUERY', '/type', `the HTTP target does not know the query "${q.type}"`);
    }
  }

  private homeIsPartner(actor: string): boolean {
    // A partner's users have Partner Center tokens; the set-up told us whose tenant is a partner by its agent groups.
    const home = this.home(actor);
    return [...this.agentGroupIds.keys()].some((k) => k.startsWith(`${home}/`));
  }

  private async pagedUsers(actor: string, tenant: string): Promise<Decision<unknown>> {
    const all: unknown[] = [];
    let url: string | undefined = `${this.urls.graph}/users?$top=999`;
    let first: Reply | undefined;
    while (url !== undefined) {
      const r = await this.as(actor, tenant, 'graph', 'GET', url);
      if (!isReply(r)) return r;
      if (r.status >= 300) return decisionOf(r, []);
      first ??= r;
      all.push(...values(r.body).map((x) => ({ id: x['id'], displayName: x['displayName'], userPrincipalName: x['userPrincipalName'], licenses: ((x['assignedLicenses'] ?? []) as { skuId: string }[]).map((l) => l.skuId) })));
      url = (r.body as { '@odata.nextLink'?: string })['@odata.nextLink'];
    }
    return { ...decisionOf(first!, []), result: all } as Decision<unknown>;
  }

  private async pagedAssignments(actor: string, sub: string): Promise<Decision<unknown>> {
    const all: unknown[] = [];
    let url: string | undefined = `${this.urls.arm}/subscriptions/${encodeURIComponent(sub)}/providers/Microsoft.Authorization/roleAssignments?api-version=${API.roleAssignments}`;
    let first: Reply | undefined;
    while (url !== undefined) {
      const r = await this.as(actor, this.subscriptionTenant.get(sub) ?? this.home(actor), 'arm', 'GET', url);
      if (!isReply(r)) return r;
      if (r.status >= 300) return decisionOf(r, []);
      first ??= r;
      all.push(...values(r.body).map((x) => {
        const p = (x['properties'] ?? {}) as Record<string, unknown>;
        return { id: x['name'], subscriptionId: sub, roleDefinitionId: String(p['roleDefinitionId']).split('/').pop(), principalId: p['principalId'], principalType: p['principalType'], principalTenantId: p['principalTenantId'] ?? p['tenantId'] };
      }));
      url = (r.body as { nextLink?: string }).nextLink;
    }
    return { ...decisionOf(first!, []), result: all } as Decision<unknown>;
  }

  private async pagedCustomers(actor: string): Promise<Decision<unknown>> {
    const all: unknown[] = [];
    let url: string | undefined = `${this.urls.partnerCenter}/customers?size=500`;
    let first: Reply | undefined;
    let continuation: string | undefined;
    const token = await this.token(actor, this.home(actor), 'partnerCenter');
    if (typeof token !== 'string') return token;
    while (url !== undefined) {
      const r: Reply = continuation === undefined ? await this.send('GET', url, token) : await this.sendWithHeader('GET', url, token, 'MS-ContinuationToken', continuation);
      if (r.status >= 300) return decisionOf(r, []);
      first ??= r;
      all.push(...items(r.body).map(customerView));
      // Partner Center's continuation: links.next carries the uri and the MS-ContinuationToken header to send.
      const next: { uri?: string; headers?: { key: string; value: string }[] } | undefined = (r.body as { links?: { next?: { uri?: string; headers?: { key: string; value: string }[] } } }).links?.next;
      continuation = next?.headers?.find((h) => h.key.toLowerCase() === 'ms-continuationtoken')?.value;
      url = next === undefined ? undefined : resolvePcLink(this.urls.partnerCenter, next.uri ?? '/customers');
    }
    // The list has no allowDelegatedAccess (Partner Center returns it only by id): read each customer, as an MSP tool must.
    for (const c of all as Record<string, unknown>[]) {
      const r = await this.send('GET', `${this.urls.partnerCenter}/customers/${encodeURIComponent(String(c['customerId']))}`, token as string);
      if (r.status < 300) c['allowDelegatedAccess'] = (r.body as { allowDelegatedAccess?: boolean }).allowDelegatedAccess;
    }
    return { ...decisionOf(first!, []), result: all } as Decision<unknown>;
  }

  private async sendWithHeader(method: string, url: string, token: string, header: string, value: string): Promise<Reply> {
    let res: Response;
    let text: string;
    try {
      res = await this.fetchImpl(url, { method, headers: { authorization: `Bearer ${token}`, [header]: value }, signal: AbortSignal.timeout(this.timeoutMs) });
      text = await res.text();
    } catch (e) {
      throw this.unreachable(method, url, e);
    }
    if (res.status >= 500) throw new TargetUnreachable(`${method} ${url} answered ${res.status}`);
    try {
      return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
    } catch {
      throw new TargetUnreachable(`${method} ${url} answered ${res.status} with a body that is not JSON`);
    }
  }
}

// ----- reading answers -----

function isReply(x: Reply | Decision<unknown>): x is Reply {
  return (x as Reply).status !== undefined && (x as Reply).headers !== undefined;
}

const STATUS_CODES: Readonly<Record<number, string>> = { 400: 'MALFORMED', 404: 'UNKNOWN_TENANT', 409: 'ALREADY_EXISTS' };

/** The decision a response carries: from the x-dapsim headers when present, from the status otherwise. */
function decisionOf(r: Reply, effects: Effect[]): Decision {
  const outcome = r.headers.get('x-dapsim-decision');
  const rules = (r.headers.get('x-dapsim-rules') ?? '').split(' ').filter(Boolean) as RuleId[];
  const code = r.headers.get('x-dapsim-code');
  const message = errorMessage(r.body);
  if (outcome === 'allowed' || (outcome === null && r.status < 300)) return { outcome: 'allowed', rules, effects, result: undefined };
  if (outcome === 'refused' || (outcome === null && (r.status === 403 || signInRefused(r.body)))) return { outcome: 'refused', code: (code ?? 'NO_DAP') as never, rules, message };
  return { outcome: 'invalid', code: (code ?? STATUS_CODES[r.status] ?? 'MALFORMED') as never, rules, message, path: '' };
}

/**
 * Without headers, a token service's `invalid_grant` is a refused sign-in (AADSTS50020: the user
 * has no access to that tenant), unless the user does not exist at all (AADSTS50034: invalid).
 */
function signInRefused(body: unknown): boolean {
  const b = body as { error?: unknown; error_codes?: unknown; error_description?: unknown } | undefined;
  if (b?.error !== 'invalid_grant') return false;
  const codes = Array.isArray(b.error_codes) ? b.error_codes : [];
  return !codes.includes(50034) && !String(b.error_description ?? '').startsWith('AADSTS50034');
}

function invalidDecision(code: string, path: string, message: string): Decision {
  return { outcome: 'invalid', code: code as never, rules: [], message, path };
}

function errorMessage(body: unknown): string {
  const b = body as { error?: { message?: string } | string; description?: string; error_description?: string } | undefined;
  if (b === undefined) return '';
  if (typeof b.error === 'object' && b.error?.message) return b.error.message;
  return b.error_description ?? b.description ?? (typeof b.error === 'string' ? b.error : '');
}

function values(body: unknown): Record<string, unknown>[] {
  return ((body as { value?: Record<string, unknown>[] })?.value ?? []) as Record<string, unknown>[];
}

function items(body: unknown): Record<string, unknown>[] {
  const b = body as { items?: Record<string, unknown>[]; value?: Record<string, unknown>[] } | undefined;
  return (b?.items ?? b?.value ?? []) as Record<string, unknown>[];
}

/** Effects the admin-center routes return in their bodies (acceptances), for ids a scenario may save. */
function effectsIn(body: unknown): Effect[] {
  return ((body as { effects?: Effect[] })?.effects ?? []) as Effect[];
}

function ownerAssignmentOf(body: unknown): string | undefined {
  const b = body as { ownerAssignmentId?: string; properties?: { ownerAssignmentId?: string } } | undefined;
  return b?.ownerAssignmentId ?? b?.properties?.ownerAssignmentId;
}

function customerView(c: Record<string, unknown>): unknown {
  const profile = (c['companyProfile'] ?? {}) as Record<string, unknown>;
  return {
    customerId: c['id'], companyName: profile['companyName'], defaultDomain: profile['domain'],
    relationshipToPartner: c['relationshipToPartner'], ...(c['allowDelegatedAccess'] === undefined ? {} : { allowDelegatedAccess: c['allowDelegatedAccess'] }),
  };
}

function commerceView(s: Record<string, unknown>): unknown {
  return { id: s['id'], partnerId: s['partnerId'], offerId: s['offerId'], product: s['offerName'] ?? s['product'] ?? s['friendlyName'], trial: s['isTrial'] ?? s['trial'] };
}

function deviceView(d: Record<string, unknown>): unknown {
  const policies = (d['policies'] ?? []) as { key: string; value: string | null }[];
  return { id: d['id'], serialNumber: d['serialNumber'], profileId: policies.find((p) => p.key === 'o_o_b_e')?.value ?? undefined, source: d['source'], addedByPartnerId: d['addedByPartnerId'] };
}

function roleRef(roleId: string): string {
  return /^[0-9a-f-]{36}$/i.test(roleId) && TEMPLATE_IDS.has(roleId.toLowerCase()) ? `roleTemplateId=${roleId}` : encodeURIComponent(roleId);
}

const TEMPLATE_IDS = new Set(['62e90394-69f5-4237-9190-012177145e10', '729827e3-9c14-49f7-bb1b-9608f156bbb8', '966707d0-3269-4727-9be2-8c3a10f19b9d', 'fe930be7-5e62-47db-91af-98c3a49a38b1']);

const enc = (v: string) => encodeURIComponent(v);

/** A Partner Center link: absolute, or relative to the API root (with or without its /v1). */
function resolvePcLink(base: string, uri: string): string {
  if (/^https?:/.test(uri)) return uri;
  const root = base.replace(/\/v1$/, '');
  return uri.startsWith('/v1/') ? `${root}${uri}` : `${base}/${uri.replace(/^\//, '')}`;
}

function pick(a: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (a[k] !== undefined) out[k] = a[k];
  return out;
}

/** A GUID-shaped role assignment name, as ARM requires, derived from the subscription and a counter. */
/** A GUID-shaped role assignment name, different for every (subscription, n). */
function uuidLike(seed: string, n: number): string {
  // A digest, not the text's own hex: 32 hex digits of `${subscriptionId}:${n}` never reached n, so
  // the second assignment on a subscription collided with the first (409; found by `dapsim check`).
  const hex = createHash('sha256').update(`${seed}:${n}`).digest('hex').slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
