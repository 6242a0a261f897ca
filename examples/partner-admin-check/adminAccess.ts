/**
 * A small MSP tool's question: "does our partner organisation have admin access to this customer?"
 * Plain fetch against the real Microsoft hosts; in tests, dapsim's msw handlers answer instead.
 *
 * Two answers, one wrong.
 */

const GRAPH = 'https://graph.microsoft.com/v1.0';
const PARTNER_CENTER = 'https://api.partnercenter.microsoft.com/v1';
/** Global Administrator's role template id: the same GUID in every tenant. */
const GLOBAL_ADMINISTRATOR = '62e90394-69f5-4237-9190-012177145e10';

/** A non-2xx answer from a Microsoft service: the client says "I don't know", never "no". */
export class ServiceError extends Error {
  constructor(readonly service: string, readonly status: number, detail: string) {
    super(`${service} answered ${status}: ${detail}`);
    this.name = 'ServiceError';
  }
}

async function failure(service: string, res: Response): Promise<ServiceError> {
  const text = await res.text().catch(() => '');
  return new ServiceError(service, res.status, text.slice(0, 300) || res.statusText);
}

/**
 * WRONG. Lists the customer's Global Administrator members and looks for the partner's
 * AdminAgents group, as you would for any other admin.
 *
 * Under DAP the partner's AdminAgents group does hold Global Administrator in the customer
 * (GRANT-ADMINAGENTS-GLOBAL), but the assignment is implicit: Graph, PowerShell and the Azure AD
 * portal never list it (LIST-IMPLICIT-HIDDEN). So this answers `false` for every DAP customer —
 * whoever's token it is given, the customer's Global admin or the partner's own agent signed in to
 * the customer — and cannot tell a customer that granted DAP from one that never did or removed it.
 *
 * @param graphToken a Graph token for the customer tenant
 * @param partnerAgentGroupId the object id of the partner's AdminAgents group
 */
export async function hasAdminAccessNaive(graphToken: string, partnerAgentGroupId: string): Promise<boolean> {
  let url: string | undefined = `${GRAPH}/directoryRoles/roleTemplateId=${GLOBAL_ADMINISTRATOR}/members`;
  while (url !== undefined) {
    const res: Response = await fetch(url, { headers: { authorization: `Bearer ${graphToken}`, accept: 'application/json' } });
    if (!res.ok) throw await failure('Microsoft Graph', res);
    const page = (await res.json()) as { value: { id: string }[]; '@odata.nextLink'?: string };
    if (page.value.some((m) => m.id === partnerAgentGroupId)) return true;
    url = page['@odata.nextLink'];
  }
  return false;
}

/**
 * RIGHT. Asks Partner Center, as the partner: `GET /v1/customers/{customerTenantId}` and its
 * `allowDelegatedAccess` flag, which is true while the partner holds DAP for that customer — and
 * holding DAP is what puts the partner's AdminAgents group in Global Administrator there
 * (GRANT-ADMINAGENTS-GLOBAL). This is what an MSP tool can do for every customer with the one
 * token it already has, without signing in to each customer.
 *
 * Why not the alternatives:
 * - the role member listing: see {@link hasAdminAccessNaive};
 * - the customer's Partner relationships page (Microsoft 365 admin center), which marks the
 *   partners holding DAP (LIST-PARTNER-RELATIONSHIPS), is the customer's view: only the customer's
 *   Global admin opens it (LIST-PAGE-GLOBAL-ADMIN), and it has no public API;
 * - the `wids` claim of an agent's token for the customer tenant: whether DAP's implicit roles
 *   appear there is not documented, so a tool should not depend on it.
 *
 * `allowDelegatedAccess` is only on get-by-id, not on the customer list. A customer the partner has
 * no relationship with (403, code 20002) means no access; any other failure throws.
 *
 * @param partnerCenterToken a Partner Center token of one of the partner's agents
 * @param customerTenantId the customer's tenant id
 */
export async function hasAdminAccess(partnerCenterToken: string, customerTenantId: string): Promise<boolean> {
  const res = await fetch(`${PARTNER_CENTER}/customers/${encodeURIComponent(customerTenantId)}`, {
    headers: { authorization: `Bearer ${partnerCenterToken}`, accept: 'application/json', 'ms-correlationid': crypto.randomUUID() },
  });
  if (res.status === 403) {
    const body = (await res.clone().json().catch(() => ({}))) as { code?: number };
    if (body.code === 20002) return false;
  }
  if (!res.ok) throw await failure('Partner Center', res);
  const customer = (await res.json()) as { allowDelegatedAccess?: boolean };
  if (typeof customer.allowDelegatedAccess !== 'boolean') throw new ServiceError('Partner Center', res.status, 'the customer has no allowDelegatedAccess');
  return customer.allowDelegatedAccess;
}
