/**
 * Simulated paths, where Microsoft has no public API (mocks/ROUTES.md): the 2014 partner portal's
 * delegated-admin offers and their acceptance, the Microsoft 365 admin center's Partner
 * relationships page and its three-step removal, MDM for Office 365, the partner's mailbox, and
 * the "administrative access" switch. All live under `https://admin.microsoft.com/dapsim/v1`, in
 * Graph's envelope. The customer side uses Graph tokens for the customer tenant; the partner side
 * Partner Center tokens for the partner tenant. The model decides everything.
 */
import { http, type HttpResponseResolver } from 'msw';
import { type Decision } from '../../model/index.ts';
import { graphError, graphJson } from '../responses.ts';
import type { MockState } from '../state.ts';
import { TOKEN_PROBLEM_MESSAGES, verifyToken, type Claims, type Service } from '../tokens.ts';
import { effectValue } from './effects.ts';

const BASE = '*/dapsim/v1';

type Resolver = (args: { request: Request; params: Record<string, string>; claims: Claims }) => Promise<Response> | Response;

export function adminHandlers(state: MockState) {
  const authed = (service: Service, resolve: Resolver): HttpResponseResolver => async ({ request, params }) => {
    const claims = verifyToken(state, request.headers.get('authorization'), service);
    if (typeof claims === 'string') return graphError(state, request, 401, 'InvalidAuthenticationToken', TOKEN_PROBLEM_MESSAGES[claims], undefined, { 'www-authenticate': 'Bearer realm=""' });
    return resolve({ request, params: params as Record<string, string>, claims });
  };

  /** The admin center's answers: 403 Forbidden, 404 NotFound, 400 BadRequest, with the decision. */
  const answer = (request: Request, d: Decision<unknown>, status: number, body: (result: unknown) => unknown): Response => {
    if (d.outcome === 'allowed') return graphJson(state, request, status, status === 204 ? null : body(d.result), d);
    if (d.outcome === 'refused') return graphError(state, request, 403, 'Forbidden', `${d.message} (${d.code}; ${d.rules.join(', ')})`, d);
    if (d.code.startsWith('UNKNOWN_') || d.code === 'NOT_A_CUSTOMER' || d.code === 'NOT_A_PARTNER') return graphError(state, request, 404, 'NotFound', d.message, d);
    return graphError(state, request, 400, 'BadRequest', `${d.message}${d.path ? ` (at ${d.path})` : ''}`, d);
  };

  /** An optional JSON object body; an empty body counts as {}. */
  const body = async (request: Request): Promise<Record<string, unknown> | Response> => {
    const text = await request.text();
    if (text.trim() === '') return {};
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // fall through
    }
    return graphError(state, request, 400, 'BadRequest', 'The request body is not a JSON object.');
  };

  const act = (request: Request, claims: Claims, action: { type: string } & Record<string, unknown>, status: number, result: (d: Decision) => unknown = () => ({})) => {
    const d = state.perform(claims.oid, action, { now: state.isoNow() });
    return answer(request, d, status, () => result(d));
  };

  return [
    // The partner's side of the old partner portal.
    http.post(`${BASE}/partner/offers`, authed('partnerCenter', async ({ request, claims }) => {
      const b = await body(request);
      if (b instanceof Response) return b;
      const d = state.perform(claims.oid, { type: 'createOffer', ...pick(b, ['kind', 'includesDelegatedAdmin', 'product']) }, { now: state.isoNow() });
      const id = effectValue(d, 'offerId');
      const reused = d.outcome === 'allowed' && d.effects.some((e) => e.type === 'offer.reused');
      return answer(request, d, reused ? 200 : 201, () => ({ id, kind: state.world.offers.get(id ?? '')?.kind, url: `https://admin.microsoft.com/Adminportal/Home?invType=Administration&partnerId=${claims.tid}&offerId=${id}#/BillingAccounts/partner-invitation` }));
    })),
    http.get(`${BASE}/partner/mailbox`, authed('partnerCenter', ({ request, claims }) =>
      answer(request, state.query(claims.oid, { type: 'mailbox' }), 200, (value) => ({ value })))),
    http.get(`${BASE}/partner/offers/location`, authed('partnerCenter', ({ request, claims }) =>
      answer(request, state.query(claims.oid, { type: 'offerLocation' }), 200, (r) => r))),

    // The customer's side: accepting, and the Partner relationships page. The token says who acts
    // (signed in to its own tenant); the path names the customer; the model decides, as for
    // CONSENT-BY-GLOBAL-ADMIN and LIST-PAGE-GLOBAL-ADMIN.
    http.post(`${BASE}/customers/:customerId/offers/:offerId/accept`, authed('graph', ({ request, params, claims }) =>
      act(request, claims, { type: 'acceptOffer', offerId: params['offerId'], customerId: params['customerId'] }, 200, (d) => summary(d)))),
    http.post(`${BASE}/customers/:customerId/partner-invitations/:requestId/accept`, authed('graph', async ({ request, params, claims }) => {
      const b = await body(request);
      if (b instanceof Response) return b;
      return act(request, claims, { type: 'acceptResellerRequest', requestId: params['requestId'], customerId: params['customerId'], ...pick(b, ['claimedPartnerId']) }, 200, (d) => summary(d));
    })),
    http.get(`${BASE}/customers/:customerId/partnerRelationships`, authed('graph', ({ request, params, claims }) =>
      answer(request, state.query(claims.oid, { type: 'partnerRelationships', customerId: params['customerId'] }), 200, (value) => ({ value })))),
    http.post(`${BASE}/customers/:customerId/partnerRelationships/selected/removeDelegatedAdmin`, authed('graph', ({ request, params, claims }) =>
      act(request, claims, { type: 'chooseRemoveDelegatedAdmin', customerId: params['customerId'] }, 200))),
    http.post(`${BASE}/customers/:customerId/partnerRelationships/selected/removeDelegatedAdmin/confirm`, authed('graph', ({ request, params, claims }) =>
      act(request, claims, { type: 'confirmRemoveDelegatedAdmin', customerId: params['customerId'] }, 200))),
    http.post(`${BASE}/customers/:customerId/partnerRelationships/selected/removeDelegatedAdmin/cancel`, authed('graph', ({ request, params, claims }) =>
      act(request, claims, { type: 'cancelRemoveDelegatedAdmin', customerId: params['customerId'] }, 200))),
    http.post(`${BASE}/customers/:customerId/partnerRelationships/:partnerId/select`, authed('graph', ({ request, params, claims }) =>
      act(request, claims, { type: 'selectPartnerForRemoval', partnerId: params['partnerId'], customerId: params['customerId'] }, 200))),
    http.get(`${BASE}/customers/:customerId/subscriptions`, authed('graph', ({ request, params, claims }) =>
      answer(request, state.query(claims.oid, { type: 'commerceSubscriptions', customerId: params['customerId'] }), 200, (value) => ({ value })))),

    // MDM for Office 365, and the partner user's "administrative access" switch.
    http.post(`${BASE}/tenants/:tenantId/mdm/operations`, authed('graph', async ({ request, params, claims }) => {
      const b = await body(request);
      if (b instanceof Response) return b;
      return act(request, claims, { type: 'mdmOperation', tenantId: params['tenantId'], ...pick(b, ['operation']) }, 202);
    })),
    http.patch(`${BASE}/users/:userId/administrativeAccess`, authed('graph', async ({ request, params, claims }) => {
      const b = await body(request);
      if (b instanceof Response) return b;
      return act(request, claims, { type: 'setOfferSwitch', userId: params['userId'], on: b['on'] }, 204);
    })),

    http.all(`${BASE}/*`, ({ request }) => graphError(state, request, 404, 'NotFound', `No simulated admin-center route ${request.method} ${new URL(request.url).pathname}; see mocks/ROUTES.md.`)),
  ];
}

/** The listed keys of a body that are present: absent keys stay absent, so the model's defaults apply. */
function pick(b: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (b[k] !== undefined) out[k] = b[k];
  return out;
}

function summary(d: Decision): unknown {
  if (d.outcome !== 'allowed') return {};
  return { effects: d.effects };
}
