/**
 * Azure Resource Manager (management.azure.com): subscriptions (list, get), role assignments under
 * a subscription (list with paging and `$filter`, get, create, delete), resource groups (create)
 * and subscription aliases (create). Each handler checks the bearer token and the api-version,
 * asks the model as the token's user — the subscription's customer tenant is the token's `tid` —
 * and answers in ARM's shape. No rule lives here: AZURE-RBAC-SEPARATE, AZURE-PROVISION-OWNER,
 * AZURE-PERSISTS-AFTER-REVOKE, AZURE-REMOVE-ASSIGNMENT and AZURE-NO-RETROACTIVE are the model's
 * decisions.
 *
 * Two things are the edge's own, not rules: a subscription of another tenant than the token's is
 * answered exactly as one that does not exist (ARM never reveals it), and these routes answer only
 * ARM requests — on another service's host or path (Partner Center's `/v1/customers/{C}/subscriptions`,
 * the admin center's `/dapsim/v1/subscriptions`) they fall through to that service's handlers.
 *
 * dapsim extensions a real client ignores: `properties.principalTenantId` on a role assignment (the
 * model's principalTenantId, which ARM does not return) and `properties.ownerAssignmentId` on an
 * alias (the Owner assignment the model made, so a harness can name it).
 */
import { http, type HttpResponseResolver, type RequestHandler } from 'msw';
import { isGuid, type Decision, type QueryResults, type RoleAssignment } from '../../model/index.ts';
import { ARM_API_VERSIONS, apiVersionProblem, armError, armJson, armRefusal, armUnauthorized, notFound, type ArmOperation } from '../envelopes/arm.ts';
import type { MockState } from '../state.ts';
import { verifyToken, type Claims } from '../tokens.ts';
import { effectValue } from './effects.ts';

const AUTHORIZATION = 'providers/Microsoft.Authorization';
const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;
const PRINCIPAL_TYPES: ReadonlySet<string> = new Set(['User', 'Group', 'ServicePrincipal', 'ForeignGroup', 'Device']);
const WORKLOADS: ReadonlySet<string> = new Set(['Production', 'DevTest']);

/** Hosts of the other services: their paths are never ARM's, even where they end in `/subscriptions`. */
const OTHER_HOSTS: ReadonlySet<string> = new Set(['graph.microsoft.com', 'api.partnercenter.microsoft.com', 'admin.microsoft.com', 'login.microsoftonline.com']);
/** A segment before the ARM part of a path that marks another service on a shared base URL (`dapsim serve`). */
const OTHER_SERVICE_SEGMENT = /(^|\/)(v1|v1\.0|beta|dapsim|customers|partnercenter|graph)(\/|$)/i;
const ARM_PART = /\/(subscriptions|providers)(\/|$)/i;

/** True when the request is for ARM: on its host, or on a base URL where no other service's prefix comes first. */
export function isArmRequest(url: URL): boolean {
  if (url.hostname.toLowerCase() === 'management.azure.com') return true;
  if (OTHER_HOSTS.has(url.hostname.toLowerCase())) return false;
  const at = url.pathname.search(ARM_PART);
  return at >= 0 && !OTHER_SERVICE_SEGMENT.test(url.pathname.slice(0, at));
}

type SubscriptionView = QueryResults['azureSubscriptions'][number];
/** What a role assignment answer needs: the model's listing row, or its record. */
type AssignmentRecord = QueryResults['roleAssignments'][number] | RoleAssignment;

interface Args {
  readonly request: Request;
  readonly url: URL;
  readonly params: Record<string, string>;
  readonly claims: Claims;
}
type Resolver = (args: Args) => Promise<Response> | Response;

/** An ARM subscription (Microsoft.Resources, 2022-12-01). A subscription a partner provisioned is a CSP one, managed by the partner's tenant. */
function subscriptionJson(s: SubscriptionView) {
  const csp = s.provisionedByPartnerId !== undefined;
  return {
    id: `/subscriptions/${s.subscriptionId}`,
    authorizationSource: 'RoleBased',
    managedByTenants: csp ? [{ tenantId: s.provisionedByPartnerId }] : [],
    subscriptionId: s.subscriptionId,
    tenantId: s.customerId,
    displayName: s.displayName,
    state: 'Enabled',
    subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: csp ? 'CSP_2015-05-01' : 'PayAsYouGo_2014-09-01', spendingLimit: 'Off' },
  };
}

/** An ARM RoleAssignment (2022-04-01); roleDefinitionId in its full resource id form. */
function roleAssignmentJson(a: AssignmentRecord) {
  const scope = `/subscriptions/${a.subscriptionId}`;
  return {
    id: `${scope}/${AUTHORIZATION}/roleAssignments/${a.id}`,
    type: 'Microsoft.Authorization/roleAssignments',
    name: a.id,
    properties: {
      roleDefinitionId: `${scope}/${AUTHORIZATION}/roleDefinitions/${a.roleDefinitionId}`,
      principalId: a.principalId,
      principalType: a.principalType,
      scope,
      condition: null,
      conditionVersion: null,
      description: null,
      delegatedManagedIdentityResourceId: null,
      principalTenantId: a.principalTenantId,
    },
  };
}

/** `atScope()`, `principalId eq '{id}'`, or both joined by `and`: every assignment dapsim models is at subscription scope. */
function parseFilter(raw: string | null): { readonly principalId: string | undefined } | string {
  if (raw === null || raw.trim() === '') return { principalId: undefined };
  let principalId: string | undefined;
  for (const term of raw.trim().split(/\s+and\s+/i)) {
    const t = term.trim();
    if (/^atScope\(\)$/i.test(t)) continue;
    const m = /^principalId\s+eq\s+'([^']+)'$/i.exec(t);
    if (m === null || principalId !== undefined) return `The filter '${raw}' is not supported. Supported filters are 'atScope()' and "principalId eq '{value}'", alone or joined by 'and'.`;
    principalId = m[1]!;
  }
  return { principalId };
}

export function armHandlers(state: MockState): RequestHandler[] {
  /**
   * Every ARM route: not ARM's request → fall through; then the bearer token (401
   * InvalidAuthenticationToken), then the api-version (400), then the route.
   */
  const arm = (versions: readonly string[], resolve: Resolver): HttpResponseResolver => async ({ request, params }) => {
    const url = new URL(request.url);
    if (!isArmRequest(url)) return undefined;
    const claims = verifyToken(state, request.headers.get('authorization'), 'arm');
    if (typeof claims === 'string') return armUnauthorized(state, request, claims);
    const badVersion = apiVersionProblem(state, request, versions);
    if (badVersion !== undefined) return badVersion;
    return resolve({ request, url, params: params as Record<string, string>, claims });
  };

  const op = (claims: Claims, action: string, scope: string, extra: Partial<Pick<ArmOperation, 'subscriptionId' | 'assignmentName' | 'conflictCode'>> = {}): ArmOperation => ({
    action, scope, oid: claims.oid, upn: claims.upn, ...extra,
  });

  /**
   * The subscription the path names, as the model spells its id (ARM ids are case-insensitive). One
   * of another tenant than the token's is answered 404 as if it did not exist; one that does not
   * exist is passed on for the model to say so.
   */
  const subscriptionIn = (request: Request, raw: string, claims: Claims, action: string): string | Response => {
    const subs = state.world.subscriptions;
    let id: string | undefined = subs.has(raw) ? raw : undefined;
    if (id === undefined) {
      const lower = raw.toLowerCase();
      for (const key of subs.keys()) {
        if (key.toLowerCase() === lower) {
          id = key;
          break;
        }
      }
    }
    if (id === undefined) return raw;
    if (subs.get(id)!.customerId !== claims.tid) {
      return armRefusal(state, request, notFound('UNKNOWN_SUBSCRIPTION', '/subscriptionId', raw), op(claims, action, `/subscriptions/${raw}`, { subscriptionId: raw }));
    }
    return id;
  };

  /** A JSON object body, or ARM's 400 InvalidRequestContent. */
  const body = async (request: Request): Promise<Record<string, unknown> | Response> => {
    let problem = 'the body is empty or not an object';
    try {
      const parsed: unknown = await request.json();
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch (e) {
      problem = e instanceof Error ? e.message : String(e);
    }
    return armError(state, request, 400, 'InvalidRequestContent', `The request content was invalid and could not be deserialized: '${problem}'.`);
  };

  /** The `properties` object of a body, or 400. */
  const propertiesOf = (request: Request, b: Record<string, unknown>): Record<string, unknown> | Response => {
    const p = b['properties'];
    if (p !== null && typeof p === 'object' && !Array.isArray(p)) return p as Record<string, unknown>;
    return armError(state, request, 400, 'InvalidRequestContent', "The request content was invalid and could not be deserialized: 'Required property 'properties' not found in JSON.'.");
  };

  const notAllowed = (request: Request, d: Decision<unknown>, o: ArmOperation): Response | undefined => (d.outcome === 'allowed' ? undefined : armRefusal(state, request, d, o));

  const assignmentsPath = (subscriptionId: string) => `/subscriptions/${subscriptionId}/${AUTHORIZATION}/roleAssignments`;

  const unknownRoute: HttpResponseResolver = ({ request }) => {
    const url = new URL(request.url);
    if (!isArmRequest(url)) return undefined;
    const version = url.searchParams.get('api-version');
    if (version === null || version === '') return armError(state, request, 400, 'MissingApiVersionParameter', 'The api-version query parameter (?api-version=) is required for all requests.');
    const path = url.pathname.slice(url.pathname.search(ARM_PART));
    return armError(state, request, 404, 'InvalidResourceType',
      `The resource type could not be found for '${request.method} ${path}' and api version '${version}'. dapsim serves GET /subscriptions, GET /subscriptions/{id}, GET /subscriptions/{id}/providers/Microsoft.Authorization/roleAssignments, GET|PUT|DELETE …/roleAssignments/{name}, PUT /subscriptions/{id}/resourcegroups/{name} and PUT /providers/Microsoft.Subscription/aliases/{name}.`);
  };

  return [
    // A path msw cannot decode (a malformed %-escape) would throw in msw's own matching of the
    // routes below, a 500: this first handler matches without decoding anything (a RegExp with no
    // capturing group) and answers ARM's 400 instead. Every other request falls through.
    http.all(/\/(?:subscriptions|providers)(?:\/|$)/i, ({ request }) => {
      const url = new URL(request.url);
      if (!isArmRequest(url)) return undefined;
      try {
        decodeURIComponent(url.pathname);
        return undefined;
      } catch {
        return armError(state, request, 400, 'BadRequest', `The request URI '${url.pathname}' is not valid: it holds a malformed percent-encoded character.`);
      }
    }),

    // Subscriptions the token's user holds a role assignment on, in the token's tenant.
    http.get('*/subscriptions', arm(ARM_API_VERSIONS.subscriptions, ({ request, claims }) => {
      const d = state.query(claims.oid, { type: 'azureSubscriptions', customerId: claims.tid });
      // A token for a partner's own tenant: no customer subscriptions live there, so the list is empty (the headers say why).
      if (d.outcome === 'invalid' && d.code === 'NOT_A_CUSTOMER') return armJson(state, request, 200, { value: [], count: { type: 'Total', value: 0 } }, d);
      const refused = notAllowed(request, d, op(claims, 'Microsoft.Resources/subscriptions/read', '/subscriptions'));
      if (refused !== undefined) return refused;
      const list = (d as { result: SubscriptionView[] }).result;
      return armJson(state, request, 200, { value: list.map(subscriptionJson), count: { type: 'Total', value: list.length } }, d);
    })),

    // One subscription: visible when listed; otherwise 404 SubscriptionNotFound, with the model's reason from a read of its role assignments.
    http.get('*/subscriptions/:subscriptionId', arm(ARM_API_VERSIONS.subscriptions, ({ request, params, claims }) => {
      const raw = params['subscriptionId']!;
      const action = 'Microsoft.Resources/subscriptions/read';
      const id = subscriptionIn(request, raw, claims, action);
      if (id instanceof Response) return id;
      const d = state.query(claims.oid, { type: 'azureSubscriptions', customerId: claims.tid });
      const found = d.outcome === 'allowed' ? d.result.find((s) => s.subscriptionId === id) : undefined;
      if (found !== undefined) return armJson(state, request, 200, subscriptionJson(found), d);
      const why = state.query(claims.oid, { type: 'roleAssignments', subscriptionId: id });
      return armError(state, request, 404, 'SubscriptionNotFound', `The subscription '${raw}' could not be found.`, why.outcome === 'allowed' ? d : why);
    })),

    // Role assignments under the subscription, paged: `$top` and an opaque `$skipToken`, the nextLink absolute and carrying api-version and $filter.
    http.get(`*/subscriptions/:subscriptionId/${AUTHORIZATION}/roleAssignments`, arm(ARM_API_VERSIONS.roleAssignments, ({ request, url, params, claims }) => {
      const action = 'Microsoft.Authorization/roleAssignments/read';
      const id = subscriptionIn(request, params['subscriptionId']!, claims, action);
      if (id instanceof Response) return id;
      const rawFilter = url.searchParams.get('$filter');
      const filter = parseFilter(rawFilter);
      if (typeof filter === 'string') return armError(state, request, 400, 'UnsupportedQuery', filter);
      const top = url.searchParams.get('$top');
      const size = top === null ? DEFAULT_PAGE : Number(top);
      if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) return armError(state, request, 400, 'InvalidQueryParameterValue', `Invalid value '${top}' for query parameter '$top': give a whole number from 1 to ${MAX_PAGE}.`);
      const skip = url.searchParams.get('$skipToken') ?? url.searchParams.get('$skiptoken');
      const decoded = skip === null ? 'offset:0' : Buffer.from(skip, 'base64url').toString('utf8');
      const offset = /^offset:\d{1,9}$/.test(decoded) ? Number(decoded.slice('offset:'.length)) : NaN;
      if (!Number.isInteger(offset)) return armError(state, request, 400, 'InvalidQueryParameterValue', "Invalid value for query parameter '$skipToken': use the nextLink as given.");
      const d = state.query(claims.oid, { type: 'roleAssignments', subscriptionId: id });
      if (d.outcome !== 'allowed') return armRefusal(state, request, d, op(claims, action, assignmentsPath(id), { subscriptionId: params['subscriptionId']! }));
      const all = filter.principalId === undefined ? d.result : d.result.filter((a) => a.principalId.toLowerCase() === filter.principalId!.toLowerCase());
      const page = all.slice(offset, offset + size).map((a) => roleAssignmentJson(a));
      let nextLink: string | undefined;
      if (offset + size < all.length) {
        const query = [`api-version=${encodeURIComponent(url.searchParams.get('api-version')!)}`];
        if (rawFilter !== null) query.push(`$filter=${encodeURIComponent(rawFilter)}`);
        if (top !== null) query.push(`$top=${size}`);
        query.push(`$skipToken=${Buffer.from(`offset:${offset + size}`).toString('base64url')}`);
        nextLink = `${url.origin}${url.pathname}?${query.join('&')}`;
      }
      return armJson(state, request, 200, { value: page, ...(nextLink === undefined ? {} : { nextLink }) }, d);
    })),

    http.get(`*/subscriptions/:subscriptionId/${AUTHORIZATION}/roleAssignments/:name`, arm(ARM_API_VERSIONS.roleAssignments, ({ request, params, claims }) => {
      const action = 'Microsoft.Authorization/roleAssignments/read';
      const name = params['name']!;
      const id = subscriptionIn(request, params['subscriptionId']!, claims, action);
      if (id instanceof Response) return id;
      const at = `${assignmentsPath(id)}/${name}`;
      const d = state.query(claims.oid, { type: 'roleAssignments', subscriptionId: id });
      if (d.outcome !== 'allowed') return armRefusal(state, request, d, op(claims, action, at, { subscriptionId: params['subscriptionId']! }));
      const found = d.result.find((a) => a.id.toLowerCase() === name.toLowerCase());
      if (found === undefined) return armRefusal(state, request, notFound('UNKNOWN_ROLE_ASSIGNMENT', '/assignmentId', name), op(claims, action, at, { assignmentName: name }));
      return armJson(state, request, 200, roleAssignmentJson(found), d);
    })),

    // Create: the name in the path is the assignment's id; the role definition in either id form.
    http.put(`*/subscriptions/:subscriptionId/${AUTHORIZATION}/roleAssignments/:name`, arm(ARM_API_VERSIONS.roleAssignments, async ({ request, params, claims }) => {
      const action = 'Microsoft.Authorization/roleAssignments/write';
      // ARM names are case-insensitive GUIDs and come back lower-case.
      const name = params['name']!.toLowerCase();
      const id = subscriptionIn(request, params['subscriptionId']!, claims, action);
      if (id instanceof Response) return id;
      if (!isGuid(name)) return armError(state, request, 400, 'InvalidRoleAssignmentId', `The role assignment ID '${name}' is not valid. The role assignment ID must be a GUID.`);
      const b = await body(request);
      if (b instanceof Response) return b;
      const props = propertiesOf(request, b);
      if (props instanceof Response) return props;
      const principalType = props['principalType'];
      if (principalType !== undefined && (typeof principalType !== 'string' || !PRINCIPAL_TYPES.has(principalType))) {
        return armError(state, request, 400, 'InvalidRequestContent', `The request content was invalid: principalType must be one of ${[...PRINCIPAL_TYPES].join(', ')}.`);
      }
      const d = state.perform(claims.oid, { type: 'addRoleAssignment', subscriptionId: id, roleDefinitionId: props['roleDefinitionId'], principalId: props['principalId'], assignmentId: name }, { now: state.isoNow() });
      const refused = notAllowed(request, d, op(claims, action, `${assignmentsPath(id)}/${name}`, { subscriptionId: params['subscriptionId']!, assignmentName: name }));
      if (refused !== undefined) return refused;
      const record = state.world.roleAssignments.get(effectValue(d, 'assignmentId')!)!;
      return armJson(state, request, 201, roleAssignmentJson(record), d);
    })),

    // Delete: 200 with the assignment removed (read before the model removes it).
    http.delete(`*/subscriptions/:subscriptionId/${AUTHORIZATION}/roleAssignments/:name`, arm(ARM_API_VERSIONS.roleAssignments, ({ request, params, claims }) => {
      const action = 'Microsoft.Authorization/roleAssignments/delete';
      const name = params['name']!;
      const id = subscriptionIn(request, params['subscriptionId']!, claims, action);
      if (id instanceof Response) return id;
      const before: AssignmentRecord | undefined = state.world.subscriptions.get(id)?.assignments.find((a) => a.id.toLowerCase() === name.toLowerCase());
      const record = before === undefined ? undefined : { ...before };
      const d = state.perform(claims.oid, { type: 'removeRoleAssignment', subscriptionId: id, assignmentId: record?.id ?? name }, { now: state.isoNow() });
      const refused = notAllowed(request, d, op(claims, action, `${assignmentsPath(id)}/${name}`, { subscriptionId: params['subscriptionId']!, assignmentName: name }));
      if (refused !== undefined) return refused;
      return armJson(state, request, 200, roleAssignmentJson(record!), d);
    })),

    // A resource group: the model's manageAzureResources (Owner or Contributor under the subscription).
    http.put('*/subscriptions/:subscriptionId/resourcegroups/:resourceGroup', arm(ARM_API_VERSIONS.resourceGroups, async ({ request, params, claims }) => {
      const action = 'Microsoft.Resources/subscriptions/resourceGroups/write';
      const rg = params['resourceGroup']!;
      const id = subscriptionIn(request, params['subscriptionId']!, claims, action);
      if (id instanceof Response) return id;
      const b = await body(request);
      if (b instanceof Response) return b;
      const location = b['location'];
      if (typeof location !== 'string' || location.trim() === '') return armError(state, request, 400, 'LocationRequired', 'The location property is required for this definition.');
      const tags = b['tags'];
      const d = state.perform(claims.oid, { type: 'manageAzureResources', subscriptionId: id }, { now: state.isoNow() });
      const refused = notAllowed(request, d, op(claims, action, `/subscriptions/${id}/resourcegroups/${rg}`, { subscriptionId: params['subscriptionId']! }));
      if (refused !== undefined) return refused;
      return armJson(state, request, 201, {
        id: `/subscriptions/${id}/resourceGroups/${rg}`, name: rg, type: 'Microsoft.Resources/resourceGroups', location,
        ...(tags !== null && typeof tags === 'object' && !Array.isArray(tags) ? { tags } : {}), properties: { provisioningState: 'Succeeded' },
      }, d);
    })),

    // A new subscription in the token's tenant: the model's createAzureSubscription, whose creator becomes Owner.
    http.put('*/providers/Microsoft.Subscription/aliases/:alias', arm(ARM_API_VERSIONS.aliases, async ({ request, params, claims }) => {
      const alias = params['alias']!;
      const b = await body(request);
      if (b instanceof Response) return b;
      const props = propertiesOf(request, b);
      if (props instanceof Response) return props;
      const workload = props['workload'];
      if (workload !== undefined && (typeof workload !== 'string' || !WORKLOADS.has(workload))) {
        return armError(state, request, 400, 'InvalidRequestContent', `The request content was invalid: workload must be one of ${[...WORKLOADS].join(', ')}.`);
      }
      const d = state.perform(claims.oid, { type: 'createAzureSubscription', customerId: claims.tid, ...(props['displayName'] === undefined ? {} : { displayName: props['displayName'] }) }, { now: state.isoNow() });
      const scope = `/providers/Microsoft.Subscription/aliases/${alias}`;
      const refused = notAllowed(request, d, op(claims, 'Microsoft.Subscription/aliases/write', scope, { conflictCode: 'Conflict' }));
      if (refused !== undefined) return refused;
      const effects = d.outcome === 'allowed' ? d.effects : [];
      const created = effects.find((e) => e.type === 'azure.subscriptionCreated');
      const owner = effects.find((e) => e.type === 'azure.roleAssigned');
      return armJson(state, request, 201, {
        id: scope, name: alias, type: 'Microsoft.Subscription/aliases',
        properties: {
          subscriptionId: created?.type === 'azure.subscriptionCreated' ? created.subscriptionId : undefined,
          provisioningState: 'Succeeded',
          ...(workload === undefined ? {} : { workload }),
          ...(owner?.type === 'azure.roleAssigned' ? { ownerAssignmentId: owner.assignmentId } : {}),
        },
      }, d);
    })),

    // Anything else under ARM's paths: ARM's 400 (no api-version) or 404, never an unhandled request.
    http.all('*/subscriptions', unknownRoute),
    http.all('*/subscriptions/*', unknownRoute),
    http.all('*/providers/*', unknownRoute),
  ];
}
