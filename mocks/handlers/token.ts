/**
 * The token service (login.microsoftonline.com): v2 `/{tenant}/oauth2/v2.0/token` and v1
 * `/{tenant}/oauth2/token`, resource owner password grant. A user of the world gets a token for a
 * tenant it may sign in to — the model's signIn decides (GRANT-SIGNIN for partner agents in a
 * customer). The password is not checked: the world has none.
 */
import { http } from 'msw';
import { isGuid } from '../../model/index.ts';
import { decisionHeaders, tokenError } from '../responses.ts';
import type { MockState } from '../state.ts';
import { AUDIENCES, issueToken, type Service } from '../tokens.ts';

function serviceFor(resource: string): Service | undefined {
  const r = resource.replace(/\/\.default$/, '').replace(/\/user_impersonation$/, '').replace(/\/$/, '');
  for (const [service, aud] of Object.entries(AUDIENCES) as [Service, string][]) if (aud.replace(/\/$/, '') === r) return service;
  return undefined;
}

export function tokenHandlers(state: MockState) {
  const token = async (request: Request, tenantRef: string, v1: boolean): Promise<Response> => {
    let form: URLSearchParams;
    try {
      form = new URLSearchParams(await request.text());
    } catch {
      return tokenError(state, 400, 'invalid_request', 900144, "The request body must contain the following parameter: 'grant_type'.");
    }
    const grant = form.get('grant_type');
    if (grant === null) return tokenError(state, 400, 'invalid_request', 900144, "The request body must contain the following parameter: 'grant_type'.");
    if (grant !== 'password') return tokenError(state, 400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grant}'. dapsim issues tokens for users: use grant_type=password with username.`);
    const resource = v1 ? form.get('resource') : form.get('scope')?.split(' ').find((s) => s.includes('://'));
    const service = resource ? serviceFor(resource) : undefined;
    if (service === undefined) return tokenError(state, 400, 'invalid_scope', 70011, `The provided value for the input parameter '${v1 ? 'resource' : 'scope'}' is not valid. Use ${Object.values(AUDIENCES).map((a) => (v1 ? a : `${a.replace(/\/$/, '')}/.default`)).join(', ')}.`);
    const upn = form.get('username') ?? '';
    const user = state.world.userByUpn(upn);
    if (user === undefined || !form.get('password')) return tokenError(state, 400, 'invalid_grant', 50034, `The user account ${upn || '(none)'} does not exist in the directory, or no password was given.`);
    const world = state.world;
    const tenant = tenantRef === 'common' || tenantRef === 'organizations' ? world.tenant(user.tenantId) : isGuid(tenantRef) || world.tenants.has(tenantRef) ? world.tenant(tenantRef) : world.tenant(world.tenantByDomain.get(tenantRef.toLowerCase()) ?? '');
    if (tenant === undefined) return tokenError(state, 400, 'invalid_request', 90002, `Tenant '${tenantRef}' not found. Check to make sure you have the correct tenant ID.`);
    const decision = state.perform(user.id, { type: 'signIn', tenantId: tenant.id }, { now: state.isoNow() });
    // Azure access does not need DAP (AZURE-RBAC-SEPARATE, AZURE-PERSISTS-AFTER-REVOKE). The token
    // service's policy for ARM: a customer tenant's ARM token goes to any user, so that ARM — the
    // model — decides each request (NO_AZURE_ROLE and the rules that explain it) instead of the
    // sign-in. (An earlier policy issued it only to users holding an assignment or of a related
    // partner; `dapsim check` showed an unrelated partner's agent then got the sign-in's NO_DAP
    // where the model answers NO_AZURE_ROLE.)
    const viaAzure = service === 'arm' && tenant.kind === 'customer';
    const azure = viaAzure && decision.outcome !== 'allowed' ? state.query(user.id, { type: 'azureSubscriptions', customerId: tenant.id }) : undefined;
    if (decision.outcome !== 'allowed' && !viaAzure) {
      const home = world.tenant(user.tenantId)!;
      return tokenError(state, 400, 'invalid_grant', 50020, `User account '${user.userPrincipalName}' from identity provider 'https://sts.windows.net/${home.id}/' does not exist in tenant '${tenant.name}' and cannot access the application in that tenant. ${decision.message} (${decision.code}; ${decision.rules.join(', ')})`, decision);
    }
    const signedIn = decision.outcome === 'allowed' ? decision.effects.find((e) => e.type === 'signedIn') : undefined;
    const iat = state.now();
    const access = issueToken(state, {
      aud: AUDIENCES[service], iss: `https://sts.windows.net/${tenant.id}/`, ...(user.tenantId === tenant.id ? {} : { idp: `https://sts.windows.net/${user.tenantId}/` }),
      tid: tenant.id, oid: user.id, upn: user.userPrincipalName, name: user.displayName, scp: 'user_impersonation',
      wids: signedIn?.type === 'signedIn' ? [...signedIn.roleTemplateIds] : [], iat, nbf: iat, exp: iat + state.tokenLifetime, ver: '1.0',
    });
    const body = v1
      ? { token_type: 'Bearer', expires_in: String(state.tokenLifetime), ext_expires_in: String(state.tokenLifetime), expires_on: String(iat + state.tokenLifetime), not_before: String(iat), resource: AUDIENCES[service], access_token: access }
      : { token_type: 'Bearer', scope: `${AUDIENCES[service].replace(/\/$/, '')}/.default`, expires_in: state.tokenLifetime, ext_expires_in: state.tokenLifetime, access_token: access };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store, no-cache', ...decisionHeaders(decision.outcome === 'allowed' ? decision : azure) } });
  };
  return [
    http.post('*/:tenant/oauth2/v2.0/token', ({ request, params }) => token(request, String(params['tenant']), false)),
    http.post('*/:tenant/oauth2/token', ({ request, params }) => token(request, String(params['tenant']), true)),
  ];
}
