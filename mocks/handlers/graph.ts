/**
 * Microsoft Graph v1.0, the directory part: directory roles and their members (by role id or by
 * `roleTemplateId=`), unified role assignments, contracts, the organization, users (list with
 * paging, get, create, password reset, licenses), domains and groups. Each
 * handler parses the request, asks the model as the token's user in the token's tenant, and
 * answers in Graph's shape. No rule lives here: LIST-IMPLICIT-HIDDEN, GRANT-* and the rest are the
 * model's decisions.
 */
import { http, type HttpResponseResolver } from 'msw';
import { deriveGuid, isGuid, type Decision } from '../../model/index.ts';
import { graphError, graphJson, graphRefusal } from '../responses.ts';
import type { MockState } from '../state.ts';
import { TOKEN_PROBLEM_MESSAGES, verifyToken, type Claims } from '../tokens.ts';

const CONTEXT = 'https://graph.microsoft.com/v1.0/$metadata';

/** A GUID's 16 bytes in .NET's order: the first three groups little-endian. */
function guidBytes(guid: string): Buffer {
  const hex = guid.replace(/-/g, '');
  const b = Buffer.from(hex, 'hex');
  return Buffer.concat([Buffer.from(b.subarray(0, 4)).reverse(), Buffer.from(b.subarray(4, 6)).reverse(), Buffer.from(b.subarray(6, 8)).reverse(), b.subarray(8)]);
}

/**
 * A unifiedRoleAssignment id as Graph shapes them (reference §1.4): base64url of the role's and the
 * principal's GUID bytes, then "-1". Principals with non-GUID ids (tests) get a readable stand-in.
 */
export function unifiedAssignmentId(roleTemplateId: string, principalId: string): string {
  if (!isGuid(principalId)) return `${Buffer.from(`${roleTemplateId}:${principalId}`).toString('base64url')}-1`;
  return `${Buffer.concat([guidBytes(roleTemplateId), guidBytes(principalId)]).toString('base64url')}-1`;
}
const DEFAULT_PAGE = 100;
const MAX_PAGE = 999;

type Resolver = (args: { request: Request; params: Record<string, string>; claims: Claims }) => Promise<Response> | Response;

export function graphHandlers(state: MockState) {
  /** Every Graph route checks the bearer token first: 401 InvalidAuthenticationToken otherwise. */
  const authed = (resolve: Resolver): HttpResponseResolver => async ({ request, params }) => {
    const claims = verifyToken(state, request.headers.get('authorization'), 'graph');
    if (typeof claims === 'string') {
      return graphError(state, request, 401, 'InvalidAuthenticationToken', TOKEN_PROBLEM_MESSAGES[claims], undefined, { 'www-authenticate': 'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"' });
    }
    return resolve({ request, params: params as Record<string, string>, claims });
  };

  const answer = (request: Request, d: Decision<unknown>, ok: (result: unknown) => Response): Response => (d.outcome === 'allowed' ? ok(d.result) : graphRefusal(state, request, d));

  /** A JSON body, or a 400 the way Graph words it. */
  const body = async (request: Request): Promise<Record<string, unknown> | Response> => {
    try {
      const parsed: unknown = await request.json();
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // fall through
    }
    return graphError(state, request, 400, 'BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
  };

  /** `roleTemplateId=<guid>` or a role object id, as both Graph addressing forms allow. */
  const roleRef = (ref: string) => (ref.startsWith('roleTemplateId=') ? ref.slice('roleTemplateId='.length) : ref);

  /** A directory object in Graph's polymorphic shape: SDKs pick the model by @odata.type. */
  const member = (m: { id: string; type: 'user' | 'group'; displayName: string; userPrincipalName: string | undefined }) => ({
    '@odata.type': m.type === 'user' ? '#microsoft.graph.user' : '#microsoft.graph.group',
    id: m.id,
    displayName: m.displayName,
    ...(m.type === 'user' ? { userPrincipalName: m.userPrincipalName, mail: null, businessPhones: [], givenName: null, surname: null, jobTitle: null } : { securityEnabled: true, mailEnabled: false }),
  });

  /** Agent group membership, decided by the model (AGENT-GROUPS): only a partner's agent groups change through here. */
  const groupMembership = (request: Request, claims: Claims, groupId: string, userId: string, add: boolean): Response => {
    const kind = state.world.groups.get(groupId)?.agentKind;
    // A customer's user has no agent groups to manage: the model says so (NOT_A_PARTNER_USER), whichever group is named.
    if (state.world.partner(claims.tid) === undefined) {
      const d = state.perform(claims.oid, { type: add ? 'addAgentGroupMember' : 'removeAgentGroupMember', group: kind ?? 'AdminAgents', userId }, { now: state.isoNow() });
      return answer(request, d, () => graphJson(state, request, 204, null, d));
    }
    if (kind === undefined || state.world.groups.get(groupId)!.tenantId !== claims.tid) {
      return graphError(state, request, 404, 'Request_ResourceNotFound', `Resource '${groupId}' does not exist or is not an agent group of this tenant.`);
    }
    const d = state.perform(claims.oid, { type: add ? 'addAgentGroupMember' : 'removeAgentGroupMember', group: kind, userId }, { now: state.isoNow() });
    return answer(request, d, () => graphJson(state, request, 204, null, d));
  };

  const userJson = (u: { id: string; displayName: string; userPrincipalName: string; licenses?: readonly string[] | Set<string> | undefined }) => ({
    id: u.id, displayName: u.displayName, userPrincipalName: u.userPrincipalName, mail: null, businessPhones: [], givenName: null, surname: null,
    jobTitle: null, mobilePhone: null, officeLocation: null, preferredLanguage: null,
    assignedLicenses: [...(u.licenses ?? [])].map((skuId) => ({ skuId, disabledPlans: [] })),
  });

  return [
    http.get('*/v1.0/directoryRoles', authed(({ request, claims }) => {
      const d = state.query(claims.oid, { type: 'directoryRoles', tenantId: claims.tid });
      return answer(request, d, (roles) =>
        graphJson(state, request, 200, { '@odata.context': `${CONTEXT}#directoryRoles`, value: (roles as { id: string; roleTemplateId: string; displayName: string }[]).map((r) => ({ id: r.id, deletedDateTime: null, description: null, displayName: r.displayName, roleTemplateId: r.roleTemplateId })) }, d));
    })),

    // Role members: no paging, as Graph (paging concept page: directoryRoles do not page).
    http.get('*/v1.0/directoryRoles/:role/members', authed(({ request, params, claims }) => {
      const d = state.query(claims.oid, { type: 'directoryRoleMembers', tenantId: claims.tid, roleId: roleRef(params['role']!) });
      return answer(request, d, (list) => graphJson(state, request, 200, { '@odata.context': `${CONTEXT}#directoryObjects`, value: (list as Parameters<typeof member>[0][]).map(member) }, d));
    })),

    http.post('*/v1.0/directoryRoles/:role/members/$ref', authed(async ({ request, params, claims }) => {
      const b = await body(request);
      if (b instanceof Response) return b;
      const ref = typeof b['@odata.id'] === 'string' ? (b['@odata.id'] as string) : '';
      const principalId = ref.slice(ref.lastIndexOf('/') + 1);
      if (!principalId) return graphError(state, request, 400, 'Request_BadRequest', 'The request body must have an "@odata.id" reference to a directory object.');
      const d = state.perform(claims.oid, { type: 'addDirectoryRoleMember', tenantId: claims.tid, roleId: roleRef(params['role']!), principalId }, { now: state.isoNow() });
      return answer(request, d, () => graphJson(state, request, 204, null, d));
    })),

    http.delete('*/v1.0/directoryRoles/:role/members/:member/$ref', authed(({ request, params, claims }) => {
      const d = state.perform(claims.oid, { type: 'removeDirectoryRoleMember', tenantId: claims.tid, roleId: roleRef(params['role']!), principalId: params['member']! }, { now: state.isoNow() });
      return answer(request, d, () => graphJson(state, request, 204, null, d));
    })),

    // Users, paged with $top and an opaque $skiptoken, links absolute and pointing back at this server.
    http.get('*/v1.0/users', authed(({ request, claims }) => {
      const url = new URL(request.url);
      const top = url.searchParams.get('$top');
      const size = top === null ? DEFAULT_PAGE : Number(top);
      if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) return graphError(state, request, 400, 'Request_UnsupportedQuery', `Invalid page size specified: '${top}'. Must be between 1 and ${MAX_PAGE} inclusive.`);
      const skip = url.searchParams.get('$skiptoken');
      const offset = skip === null ? 0 : Number.parseInt(Buffer.from(skip, 'base64url').toString('utf8').replace(/^offset:/, ''), 10);
      if (!Number.isInteger(offset) || offset < 0) return graphError(state, request, 400, 'Request_BadRequest', 'The $skiptoken is not valid; use the @odata.nextLink as given.');
      const d = state.query(claims.oid, { type: 'users', tenantId: claims.tid });
      return answer(request, d, (all) => {
        const users = all as { id: string; displayName: string; userPrincipalName: string }[];
        const page = users.slice(offset, offset + size).map(userJson);
        const next = offset + size < users.length ? (() => {
          const link = new URL(url.origin + url.pathname);
          link.searchParams.set('$top', String(size));
          link.searchParams.set('$skiptoken', Buffer.from(`offset:${offset + size}`).toString('base64url'));
          return link.toString();
        })() : undefined;
        return graphJson(state, request, 200, { '@odata.context': `${CONTEXT}#users`, value: page, ...(next ? { '@odata.nextLink': next } : {}) }, d);
      });
    })),

    http.get('*/v1.0/users/:id', authed(({ request, params, claims }) => {
      const d = state.query(claims.oid, { type: 'users', tenantId: claims.tid });
      return answer(request, d, (all) => {
        const key = params['id']!.toLowerCase();
        const u = (all as { id: string; displayName: string; userPrincipalName: string }[]).find((x) => x.id === params['id'] || x.userPrincipalName.toLowerCase() === key);
        return u ? graphJson(state, request, 200, { '@odata.context': `${CONTEXT}#users/$entity`, ...userJson(u) }, d) : graphError(state, request, 404, 'Request_ResourceNotFound', `Resource '${params['id']}' does not exist or one of its queried reference-property objects are not present.`);
      });
    })),

    http.post('*/v1.0/users', authed(async ({ request, claims }) => {
      const b = await body(request);
      if (b instanceof Response) return b;
      const d = state.perform(claims.oid, { type: 'addUser', tenantId: claims.tid, userPrincipalName: b['userPrincipalName'], displayName: b['displayName'] }, { now: state.isoNow() });
      if (d.outcome !== 'allowed') return graphRefusal(state, request, d);
      const created = d.effects.find((e) => e.type === 'user.created');
      const user = created?.type === 'user.created' ? state.world.users.get(created.userId)! : undefined;
      return graphJson(state, request, 201, { '@odata.context': `${CONTEXT}#users/$entity`, ...userJson(user!) }, d);
    })),

    // Password reset, Graph's classic route: PATCH the user with a passwordProfile.
    http.patch('*/v1.0/users/:id', authed(async ({ request, params, claims }) => {
      const b = await body(request);
      if (b instanceof Response) return b;
      if (typeof b['passwordProfile'] !== 'object' || b['passwordProfile'] === null) return graphError(state, request, 400, 'Request_BadRequest', 'dapsim supports PATCH /users/{id} for password reset only: send a passwordProfile.');
      const target = state.world.userByUpn(params['id']!)?.id ?? params['id']!;
      const d = state.perform(claims.oid, { type: 'resetPassword', tenantId: claims.tid, userId: target }, { now: state.isoNow() });
      return answer(request, d, () => graphJson(state, request, 204, null, d));
    })),

    http.get('*/v1.0/domains', authed(({ request, claims }) => {
      const d = state.query(claims.oid, { type: 'domains', tenantId: claims.tid });
      return answer(request, d, (list) => graphJson(state, request, 200, { '@odata.context': `${CONTEXT}#domains`, value: (list as { id: string; isDefault: boolean }[]).map((x) => ({ id: x.id, authenticationType: 'Managed', isDefault: x.isDefault, isInitial: x.isDefault, isRoot: true, isVerified: true, supportedServices: [] })) }, d));
    })),

    http.post('*/v1.0/domains', authed(async ({ request, claims }) => {
      const b = await body(request);
      if (b instanceof Response) return b;
      const d = state.perform(claims.oid, { type: 'addDomain', tenantId: claims.tid, domain: b['id'] }, { now: state.isoNow() });
      return answer(request, d, () => graphJson(state, request, 201, { '@odata.context': `${CONTEXT}#domains/$entity`, id: String(b['id']).toLowerCase(), authenticationType: 'Managed', isDefault: false, isInitial: false, isRoot: true, isVerified: false, supportedServices: [] }, d));
    })),
    // Groups: listing (with a displayName eq filter), and membership by $ref — for a partner, its agent groups.
    http.get('*/v1.0/groups', authed(({ request, claims }) => {
      const filter = new URL(request.url).searchParams.get('$filter');
      const wanted = filter === null ? undefined : /^displayName eq '(.*)'$/.exec(filter)?.[1];
      if (filter !== null && wanted === undefined) return graphError(state, request, 400, 'Request_UnsupportedQuery', `Unsupported $filter '${filter}'; dapsim supports displayName eq '…'.`);
      const d = state.query(claims.oid, { type: 'groups', tenantId: claims.tid });
      return answer(request, d, (list) => graphJson(state, request, 200, {
        '@odata.context': `${CONTEXT}#groups`,
        value: (list as { id: string; displayName: string }[]).filter((g) => wanted === undefined || g.displayName === wanted).map((g) => ({ id: g.id, displayName: g.displayName, securityEnabled: true, mailEnabled: false, groupTypes: [] })),
      }, d));
    })),
    http.post('*/v1.0/groups/:group/members/$ref', authed(async ({ request, params, claims }) => {
      const b = await body(request);
      if (b instanceof Response) return b;
      const ref = typeof b['@odata.id'] === 'string' ? (b['@odata.id'] as string) : '';
      return groupMembership(request, claims, params['group']!, ref.slice(ref.lastIndexOf('/') + 1), true);
    })),
    http.delete('*/v1.0/groups/:group/members/:member/$ref', authed(({ request, params, claims }) => groupMembership(request, claims, params['group']!, params['member']!, false))),

    http.post('*/v1.0/users/:id/assignLicense', authed(async ({ request, params, claims }) => {
      const b = await body(request);
      if (b instanceof Response) return b;
      const add = Array.isArray(b['addLicenses']) ? (b['addLicenses'] as { skuId?: unknown }[]) : [];
      const remove = Array.isArray(b['removeLicenses']) ? (b['removeLicenses'] as unknown[]) : [];
      const sku = add.length > 0 ? add[0]?.skuId : remove[0];
      if (add.length + remove.length !== 1) return graphError(state, request, 400, 'Request_BadRequest', 'dapsim assigns or removes one license per call: one entry in addLicenses or removeLicenses.');
      const target = state.world.userByUpn(params['id']!)?.id ?? params['id']!;
      const d = state.perform(claims.oid, { type: 'manageLicenses', tenantId: claims.tid, userId: target, sku, assign: add.length > 0 }, { now: state.isoNow() });
      return answer(request, d, () => {
        const u = state.world.users.get(target)!;
        return graphJson(state, request, 200, { '@odata.context': `${CONTEXT}#users/$entity`, ...userJson(u) }, d);
      });
    })),

    // Unified role assignments: the explicit members of every role, as Graph lists them. The
    // partner's implicit assignments are not among them (LIST-IMPLICIT-HIDDEN): the model lists
    // explicit members only.
    http.get('*/v1.0/roleManagement/directory/roleAssignments', authed(({ request, claims }) => {
      const filter = new URL(request.url).searchParams.get('$filter');
      const clauses = filter === null ? [] : filter.split(/\s+and\s+/i).map((c) => /^(roleDefinitionId|principalId) eq '([^']*)'$/.exec(c.trim()));
      if (clauses.some((c) => c === null)) return graphError(state, request, 400, 'BadRequest', `Unsupported $filter '${filter}'; dapsim supports roleDefinitionId eq '…' and principalId eq '…'.`);
      const roles = state.query(claims.oid, { type: 'directoryRoles', tenantId: claims.tid });
      if (roles.outcome !== 'allowed') return graphRefusal(state, request, roles);
      const value: Record<string, unknown>[] = [];
      let last: Decision<unknown> = roles;
      for (const role of roles.result) {
        const d = state.query(claims.oid, { type: 'directoryRoleMembers', tenantId: claims.tid, roleId: role.roleTemplateId });
        if (d.outcome !== 'allowed') return graphRefusal(state, request, d);
        last = d;
        for (const m of d.result) value.push({ id: unifiedAssignmentId(role.roleTemplateId, m.id), principalId: m.id, roleDefinitionId: role.roleTemplateId, directoryScopeId: '/' });
      }
      const matches = value.filter((a) => clauses.every((c) => a[c![1]!] === c![2]));
      return graphJson(state, request, 200, { '@odata.context': `${CONTEXT}#roleManagement/directory/roleAssignments`, value: matches }, last);
    })),

    // Contracts: one per customer of the partner, in the partner's tenant; empty elsewhere.
    http.get('*/v1.0/contracts', authed(({ request, claims }) => {
      if (state.world.partner(claims.tid) === undefined) return graphJson(state, request, 200, { '@odata.context': `${CONTEXT}#contracts`, value: [] });
      const d = state.query(claims.oid, { type: 'partnerCustomers' });
      return answer(request, d, (list) => graphJson(state, request, 200, {
        '@odata.context': `${CONTEXT}#contracts`,
        value: (list as { customerId: string; companyName: string; defaultDomain: string; relationshipToPartner: string }[]).map((c) => ({
          id: deriveGuid('contract', claims.tid, c.customerId), deletedDateTime: null, contractType: c.relationshipToPartner === 'reseller' ? 'ResellerPartner' : 'AdvisorPartner',
          customerId: c.customerId, defaultDomainName: c.defaultDomain, displayName: c.companyName,
        })),
      }, d));
    })),

    http.get('*/v1.0/organization', authed(({ request, claims }) => {
      const d = state.query(claims.oid, { type: 'domains', tenantId: claims.tid });
      return answer(request, d, (list) => graphJson(state, request, 200, {
        '@odata.context': `${CONTEXT}#organization`,
        value: [{
          id: claims.tid, deletedDateTime: null, displayName: state.world.tenant(claims.tid)?.name ?? null, tenantType: 'AAD',
          verifiedDomains: (list as { id: string; isDefault: boolean }[]).map((x) => ({ name: x.id, isDefault: x.isDefault, isInitial: x.isDefault, type: 'Managed', capabilities: 'Email, OfficeCommunicationsOnline' })),
        }],
      }, d));
    })),

    // Anything else under /v1.0 is a segment Graph does not know: its 400, never an unhandled request.
    http.all('*/v1.0/*', ({ request }) => {
      const segment = new URL(request.url).pathname.split('/').filter(Boolean).slice(1).join('/');
      return graphError(state, request, 400, 'BadRequest', `Resource not found for the segment '${segment}'. dapsim serves directoryRoles, users and domains here.`);
    }),
  ];
}
