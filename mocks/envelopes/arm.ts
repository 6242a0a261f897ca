/**
 * Azure Resource Manager's answers (../shared/reference/microsoft-api-surface.md §3.3): its
 * headers (`x-ms-request-id`, `x-ms-correlation-request-id`, the rate-limit counters), its error
 * envelope `{ error: { code, message } }`, its api-version checks, and how a model decision that is
 * not "allowed" reads in ARM's words. Every answer that carries a decision also carries it in the
 * `x-dapsim-*` headers (responses.ts), for harnesses.
 */
import { INVALID_CODES, type Decision, type Invalid, type InvalidCode, type NotAllowed } from '../../model/index.ts';
import { decisionHeaders, respond } from '../responses.ts';
import type { MockState } from '../state.ts';
import { TOKEN_PROBLEM_MESSAGES, type TokenProblem } from '../tokens.ts';

/** The api-versions each resource type accepts. The first is the one dapsim answers in the shape of; the others are older or preview versions clients still send. */
export const ARM_API_VERSIONS = {
  /** Microsoft.Resources subscriptions (list, get). */
  subscriptions: ['2022-12-01', '2016-06-01', '2018-06-01', '2019-06-01', '2019-11-01', '2020-01-01', '2021-01-01'],
  /** Microsoft.Authorization/roleAssignments; `@azure/arm-authorization` 9 hard-codes 2022-04-01. */
  roleAssignments: ['2022-04-01', '2015-07-01', '2018-01-01-preview', '2018-09-01-preview', '2020-03-01-preview', '2020-04-01-preview', '2020-08-01-preview', '2020-10-01-preview', '2022-01-01-preview'],
  /** Microsoft.Resources/resourceGroups. */
  resourceGroups: ['2021-04-01', '2019-10-01', '2020-06-01', '2020-10-01', '2021-01-01', '2022-09-01', '2023-07-01', '2024-03-01'],
  /** Microsoft.Subscription/aliases. */
  aliases: ['2021-10-01', '2020-09-01'],
} as const satisfies Record<string, readonly string[]>;

function armHeaders(state: MockState, request: Request, requestId: string): Record<string, string> {
  const write = request.method !== 'GET' && request.method !== 'HEAD';
  const date = new Date(state.now() * 1000);
  const client = request.headers.get('x-ms-client-request-id');
  return {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-cache',
    pragma: 'no-cache',
    expires: '-1',
    'x-ms-request-id': requestId,
    'x-ms-correlation-request-id': request.headers.get('x-ms-correlation-request-id') ?? requestId,
    'x-ms-routing-request-id': `DAPSIM:${date.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z:${requestId}`,
    ...(client === null ? {} : { 'x-ms-client-request-id': client }),
    ...(write ? { 'x-ms-ratelimit-remaining-subscription-writes': '1199' } : { 'x-ms-ratelimit-remaining-subscription-reads': '11999' }),
    'strict-transport-security': 'max-age=31536000; includeSubDomains',
    'x-content-type-options': 'nosniff',
    date: date.toUTCString(),
  };
}

/** A JSON answer with ARM's headers and, when given, the decision behind it. */
export function armJson(state: MockState, request: Request, status: number, body: unknown, decision?: Decision<unknown>, extra: Record<string, string> = {}): Response {
  const requestId = state.nextRequestId();
  return respond(request, status === 204 ? null : JSON.stringify(body), { status, headers: { ...armHeaders(state, request, requestId), ...decisionHeaders(decision), ...extra } });
}

/** ARM's error envelope (common-types ErrorResponse). */
export function armError(state: MockState, request: Request, status: number, code: string, message: string, decision?: Decision<unknown>, extra: Record<string, string> = {}): Response {
  return armJson(state, request, status, { error: { code, message } }, decision, extra);
}

/** What the request tried, for ARM's wording of a refusal or a not-found. */
export interface ArmOperation {
  /** The ARM action, e.g. `Microsoft.Authorization/roleAssignments/write`. */
  readonly action: string;
  /** The resource id the action was over, e.g. `/subscriptions/{s}/providers/Microsoft.Authorization/roleAssignments/{name}`. */
  readonly scope: string;
  /** The token's object id and UPN: ARM names "the client" in AuthorizationFailed. */
  readonly oid: string;
  readonly upn: string;
  /** The subscription id as the request named it, for SubscriptionNotFound. */
  readonly subscriptionId?: string;
  /** The role assignment name as the request named it, for RoleAssignmentNotFound. */
  readonly assignmentName?: string;
  /** The code a 409 carries on this route; RoleAssignmentExists unless said otherwise. */
  readonly conflictCode?: string;
}

/**
 * How ARM answers a decision that is not "allowed": a refusal is 403 AuthorizationFailed in ARM's
 * words, naming the model's code and rules; an unknown subscription or role assignment is 404; an
 * assignment that already exists is 409 RoleAssignmentExists; an unknown role definition or
 * principal is ARM's own 400; any other invalid request is 400 InvalidRequestContent.
 */
export function armRefusal(state: MockState, request: Request, d: NotAllowed, op: ArmOperation): Response {
  const why = `(${d.code}${d.rules.length > 0 ? `; ${d.rules.join(', ')}` : ''}: ${d.message})`;
  if (d.outcome === 'refused') {
    return armError(state, request, 403, 'AuthorizationFailed',
      `The client '${op.upn}' with object id '${op.oid}' does not have authorization to perform action '${op.action}' over scope '${op.scope}' or the scope is invalid. If access was recently granted, please refresh your credentials. ${why}`,
      d, { 'x-ms-failure-cause': 'gateway' });
  }
  switch (d.code) {
    case 'UNKNOWN_SUBSCRIPTION':
      return armError(state, request, 404, 'SubscriptionNotFound', `The subscription '${op.subscriptionId ?? ''}' could not be found.`, d);
    case 'UNKNOWN_ROLE_ASSIGNMENT':
      return armError(state, request, 404, 'RoleAssignmentNotFound', `The role assignment '${op.assignmentName ?? ''}' is not found. ${why}`, d);
    case 'ALREADY_EXISTS':
      return armError(state, request, 409, op.conflictCode ?? 'RoleAssignmentExists', `${op.conflictCode === undefined ? 'The role assignment already exists.' : 'The resource already exists.'} ${why}`, d);
    case 'UNKNOWN_ROLE_DEFINITION':
      return armError(state, request, 400, 'RoleDefinitionDoesNotExist', `The specified role definition does not exist. ${why}`, d);
    case 'UNKNOWN_PRINCIPAL':
      return armError(state, request, 400, 'PrincipalNotFound', `The principal does not exist in the directory. ${why}`, d);
    default:
      return armError(state, request, 400, 'InvalidRequestContent', `The request content was invalid: ${d.message}${d.path ? ` (at ${d.path})` : ''} (${d.code})`, d);
  }
}

/**
 * An invalid decision in the model's own form, for what the model was not asked: a subscription of
 * another tenant reads exactly as one that does not exist, and a name missing from a listing the
 * model gave is not found.
 */
export function notFound(code: Extract<InvalidCode, 'UNKNOWN_SUBSCRIPTION' | 'UNKNOWN_ROLE_ASSIGNMENT'>, path: string, id: string): Invalid {
  return { outcome: 'invalid', code, rules: [], message: `${INVALID_CODES[code]} "${id}"`, path };
}

const UNAUTHORIZED: Readonly<Record<TokenProblem, string>> = {
  missing: "Authentication failed. The 'Authorization' header is missing.",
  malformed: "Authentication failed. The 'Authorization' header is provided in an invalid format.",
  'bad-signature': 'The access token is invalid: its signature does not verify.',
  expired: 'The access token has expired. Get a new token and try again.',
  'wrong-audience': "The access token has been obtained for wrong audience or resource. It should exactly match with one of the allowed audiences 'https://management.core.windows.net/','https://management.core.windows.net','https://management.azure.com/','https://management.azure.com'.",
};

/** 401 for a missing, malformed, forged, expired or wrong-audience token, with ARM's WWW-Authenticate challenge. */
export function armUnauthorized(state: MockState, request: Request, problem: TokenProblem): Response {
  const description = UNAUTHORIZED[problem];
  return armError(state, request, 401, 'InvalidAuthenticationToken', `${description} ${TOKEN_PROBLEM_MESSAGES[problem]}`, undefined, {
    'www-authenticate': `Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", error_description="${description.replace(/"/g, "'")}"`,
    'x-ms-failure-cause': 'gateway',
  });
}

/** 400 when the request names no api-version or one this resource type does not have; undefined when it is fine. */
export function apiVersionProblem(state: MockState, request: Request, supported: readonly string[]): Response | undefined {
  const version = new URL(request.url).searchParams.get('api-version');
  if (version === null || version === '') {
    return armError(state, request, 400, 'MissingApiVersionParameter', 'The api-version query parameter (?api-version=) is required for all requests.');
  }
  if (!supported.includes(version)) {
    return armError(state, request, 400, 'InvalidApiVersionParameter', `The api-version '${version}' is invalid. The supported versions are '${supported.join(',')}'.`);
  }
  return undefined;
}
