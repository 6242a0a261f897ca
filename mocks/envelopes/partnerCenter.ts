/**
 * Partner Center's answers (../shared/reference/microsoft-api-surface.md §2.1, §2.2, §2.8): its
 * response headers (`MS-RequestId`, `MS-CorrelationId` echoed, `MS-CV`, `MS-ServerId`), its JSON
 * bodies and collection envelope, and its error body `{code, description, data, source: "PartnerFD"}`
 * with numeric codes. Every answer also carries the model's decision in `x-dapsim-*` headers.
 */
import type { Decision, NotAllowed } from '../../model/index.ts';
import { decisionHeaders, respond } from '../responses.ts';
import type { MockState } from '../state.ts';
import { TOKEN_PROBLEM_MESSAGES, type TokenProblem } from '../tokens.ts';

/** Partner Center's `Link`: a path relative to the service root, with the headers to send along. */
export interface PcLink {
  readonly uri: string;
  readonly method: string;
  readonly headers: readonly { readonly key: string; readonly value: string }[];
}

export function pcLink(uri: string, method = 'GET', headers: PcLink['headers'] = []): PcLink {
  return { uri, method, headers };
}

/** The collection envelope: `totalCount` is the count of this page, as in Partner Center's examples. */
export function pcCollection(items: readonly unknown[], links: { readonly self?: PcLink; readonly next?: PcLink } = {}): Record<string, unknown> {
  return { totalCount: items.length, items, links, attributes: { objectType: 'Collection' } };
}

function pcHeaders(state: MockState, request: Request): Record<string, string> {
  const requestId = request.headers.get('ms-requestid') ?? state.nextRequestId();
  const correlationId = request.headers.get('ms-correlationid') ?? requestId;
  return {
    'content-type': 'application/json; charset=utf-8',
    'ms-requestid': requestId,
    'ms-correlationid': correlationId,
    'ms-cv': `${Buffer.from(correlationId).toString('base64url').slice(0, 16)}.0`,
    'ms-serverid': 'dapsim',
    date: new Date(state.now() * 1000).toUTCString(),
  };
}

/** A Partner Center answer; `body` null means no content (204, and the 202s of batch operations). */
export function pcJson(state: MockState, request: Request, status: number, body: unknown, decision?: Decision<unknown>, extra: Record<string, string> = {}): Response {
  const headers = pcHeaders(state, request);
  return respond(request, body === null ? null : JSON.stringify(body), { status, headers: { ...headers, ...decisionHeaders(decision), ...extra } });
}

/** Partner Center's error body. `code` is a number, as in every example of the service. */
export function pcError(state: MockState, request: Request, status: number, code: number, description: string, decision?: Decision<unknown>, extra: Record<string, string> = {}): Response {
  const body = { code, description: description.length > 1024 ? `${description.slice(0, 1021)}...` : description, data: [], source: 'PartnerFD' };
  return pcJson(state, request, status, body, decision, extra);
}

/**
 * 401 for a missing, malformed, forged, expired or wrong-audience token: code 800001 (partner token
 * missing) or 400 (access denied), with the `WWW-Authenticate: OAuth realm=urn:cpsvc:cpid:…` hint.
 */
export function pcUnauthorized(state: MockState, request: Request, problem: TokenProblem | 'unknown-user'): Response {
  const correlationId = request.headers.get('ms-correlationid') ?? state.nextRequestId();
  const description = problem === 'unknown-user' ? 'Access denied: the token names a user that does not exist.' : `Access denied. ${TOKEN_PROBLEM_MESSAGES[problem]}`;
  return pcError(state, request, 401, problem === 'missing' ? 800001 : 400, problem === 'missing' ? 'Partner Token missing in request context' : description, undefined, {
    'ms-correlationid': correlationId,
    'www-authenticate': `OAuth realm=urn:cpsvc:cpid:${correlationId}`,
  });
}

/** Invalid codes that name an object the actor cannot see or that does not exist: 404. */
const TENANT_NOT_FOUND: ReadonlySet<string> = new Set(['UNKNOWN_TENANT', 'NOT_A_CUSTOMER', 'NOT_A_PARTNER']);

/**
 * How Partner Center answers a decision that is not "allowed":
 * - refused: 403, code 20002 when the partner has no (reseller) relationship with the customer,
 *   2032 (access denied) otherwise;
 * - invalid naming something unknown: 404, 60003 for a tenant, 60002 for a user, 1000 otherwise;
 * - any other invalid: 400, 800002 (invalid request input) for a malformed parameter, 3000
 *   (invalid property) for the rest.
 */
export function pcRefusal(state: MockState, request: Request, d: NotAllowed): Response {
  const why = `${d.message} (${d.code}${d.rules.length > 0 ? `; ${d.rules.join(', ')}` : ''}${d.outcome === 'invalid' && d.path ? `; at ${d.path}` : ''})`;
  if (d.outcome === 'refused') {
    if (d.code === 'NO_RELATIONSHIP' || d.code === 'NO_RESELLER_RELATIONSHIP') return pcError(state, request, 403, 20002, `The partner has no commerce relationship with the customer. ${why}`, d);
    return pcError(state, request, 403, 2032, `Access denied. ${why}`, d);
  }
  if (TENANT_NOT_FOUND.has(d.code)) return pcError(state, request, 404, 60003, `Tenant not found. ${why}`, d);
  if (d.code === 'UNKNOWN_USER' || d.code === 'UNKNOWN_ACTOR') return pcError(state, request, 404, 60002, `User object ID isn't found. ${why}`, d);
  if (d.code.startsWith('UNKNOWN_')) return pcError(state, request, 404, 1000, `Not found. ${why}`, d);
  if (d.code === 'MALFORMED') return pcError(state, request, 400, 800002, `Invalid request input. ${why}`, d);
  if (d.code === 'NOT_A_PARTNER_USER') return pcError(state, request, 400, 3000, `Partner Organization could not be found for the signed-in user. ${why}`, d);
  return pcError(state, request, 400, 3000, `Invalid property. ${why}`, d);
}
