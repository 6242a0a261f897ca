/**
 * Responses in the real services' shapes: headers, JSON bodies and error envelopes (see
 * ../shared/reference/microsoft-api-surface.md §1.8, §2.8, §3.3, §4.1). Every response also carries
 * the model's decision in `x-dapsim-*` headers, so a harness talking HTTP can tell which rules
 * decided; real clients ignore them.
 */
import type { Decision } from '../model/index.ts';
import type { MockState } from './state.ts';

/** Marks a request that arrived through `dapsim serve` (mocks/serve.ts). */
export const SERVED = Symbol.for('dapsim.served');
/** Where a light response keeps its parts (see `respond`). */
export const LIGHT = Symbol.for('dapsim.light');

/** What `dapsim serve` writes for a light response. */
export interface LightParts {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string | null;
}

/**
 * A response, in the shape handlers must return. Under msw in process it is a plain Response. For
 * a request served by `dapsim serve` it is a light response: an object that passes the handlers'
 * `instanceof Response` checks and carries its status, headers and body text plainly, which the
 * server writes directly. Constructing an undici Response (its Headers validation and body stream)
 * was the largest share of each served request's cost in Node 20. Nothing else may read a light
 * response — its Response getters throw — and the whole scenario library runs through `serve` in
 * the tests, so a handler that does would fail there.
 */
export function respond(request: Request | undefined, body: string | null, init: { status?: number; headers: Record<string, string> }): Response {
  if (request === undefined || (request as unknown as Record<symbol, unknown>)[SERVED] !== true) return new Response(body, init);
  const light = Object.create(Response.prototype) as Record<symbol, LightParts>;
  light[LIGHT] = { status: init.status ?? 200, headers: init.headers, body };
  return light as unknown as Response;
}

/** The decision as headers: outcome, stable code and rule IDs. */
export function decisionHeaders(d: Decision<unknown> | undefined): Record<string, string> {
  if (d === undefined) return {};
  const h: Record<string, string> = { 'x-dapsim-decision': d.outcome, 'x-dapsim-rules': d.rules.join(' ') };
  if (d.outcome !== 'allowed') h['x-dapsim-code'] = d.code;
  return h;
}

const AGS_DIAGNOSTIC = JSON.stringify({ ServerInfo: { DataCenter: 'dapsim', Slice: 'E', Ring: '1', ScaleUnit: '000', RoleInstance: 'dapsim' } });

function graphHeaders(state: MockState, request: Request, requestId: string): Record<string, string> {
  return {
    'content-type': 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8',
    'request-id': requestId,
    'client-request-id': request.headers.get('client-request-id') ?? requestId,
    'x-ms-ags-diagnostic': AGS_DIAGNOSTIC,
    'cache-control': 'no-cache',
    'strict-transport-security': 'max-age=31536000',
    date: new Date(state.now() * 1000).toUTCString(),
  };
}

export function graphJson(state: MockState, request: Request, status: number, body: unknown, decision?: Decision<unknown>): Response {
  const requestId = state.nextRequestId();
  return respond(request, status === 204 ? null : JSON.stringify(body), { status, headers: { ...graphHeaders(state, request, requestId), ...decisionHeaders(decision) } });
}

export function graphError(state: MockState, request: Request, status: number, code: string, message: string, decision?: Decision<unknown>, extra: Record<string, string> = {}): Response {
  const requestId = state.nextRequestId();
  const headers = graphHeaders(state, request, requestId);
  const body = {
    error: {
      code,
      message,
      innerError: { date: new Date(state.now() * 1000).toISOString().slice(0, 19), 'request-id': requestId, 'client-request-id': headers['client-request-id'] },
    },
  };
  return respond(request, JSON.stringify(body), { status, headers: { ...headers, ...decisionHeaders(decision), ...extra } });
}

/**
 * How Graph answers a decision that is not "allowed": refusals are 403 Authorization_RequestDenied;
 * a request naming something the actor cannot see is 404; any other invalid request is 400.
 */
export function graphRefusal(state: MockState, request: Request, d: Exclude<Decision<unknown>, { outcome: 'allowed' }>): Response {
  if (d.outcome === 'refused') return graphError(state, request, 403, 'Authorization_RequestDenied', `Insufficient privileges to complete the operation. ${d.message} (${d.code}; ${d.rules.join(', ')})`, d);
  if (d.code.startsWith('UNKNOWN_') || d.code === 'NOT_A_CUSTOMER' || d.code === 'NOT_A_PARTNER') {
    return graphError(state, request, 404, 'Request_ResourceNotFound', `Resource does not exist or one of its queried reference-property objects are not present. ${d.message}`, d);
  }
  return graphError(state, request, 400, 'Request_BadRequest', `${d.message}${d.path ? ` (at ${d.path})` : ''}`, d);
}

/** The token service's error body (AADSTS). */
export function tokenError(state: MockState, status: number, error: string, aadsts: number, description: string, decision?: Decision<unknown>): Response {
  const now = new Date(state.now() * 1000);
  const traceId = state.nextRequestId();
  const body = {
    error,
    error_description: `AADSTS${aadsts}: ${description}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${traceId}\r\nTimestamp: ${now.toISOString().replace('T', ' ').slice(0, 19)}Z`,
    error_codes: [aadsts],
    timestamp: `${now.toISOString().replace('T', ' ').slice(0, 19)}Z`,
    trace_id: traceId,
    correlation_id: traceId,
    error_uri: `https://login.microsoftonline.com/error?code=${aadsts}`,
  };
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store, no-cache', ...decisionHeaders(decision) } });
}
