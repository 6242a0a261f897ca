import { getResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { perform, setup, type World } from '../model/index.ts';
import { A, B, C1, C2, baseWorld, becomeReseller, createdId, grantDap, must, removeDapAsCustomer } from '../test/fixture.ts';
import { partnerCenterHandlers } from './handlers/partnerCenter.ts';
import { tokenHandlers } from './handlers/token.ts';
import { MockState } from './state.ts';
import { issueToken } from './tokens.ts';

const PC = 'https://api.partnercenter.microsoft.com/v1';
const PC_SCOPE = 'https://api.partnercenter.microsoft.com/.default';
let clock = 1_800_000_000;
const state = new MockState({ now: () => clock });
const server = setupServer(...tokenHandlers(state), ...partnerCenterHandlers(state));

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  state.world = baseWorld();
  clock = 1_800_000_000;
});

interface PcError { code: number; description: string; data: unknown[]; source: string }
interface Collection<T> { totalCount: number; items: T[]; links: { self?: Link; next?: Link }; attributes: { objectType: string } }
interface Link { uri: string; method: string; headers: { key: string; value: string }[] }
interface Customer { id: string; companyProfile: { tenantId: string; domain: string; companyName: string }; relationshipToPartner: string; allowDelegatedAccess?: boolean; attributes: { objectType: string } }
interface Device { id: string; serialNumber: string; modelName: string | null; oemManufacturerName: string | null; policies: { key: string; value: string | null }[]; addedByPartnerId: string | null }
interface Policy { id: string; name: string; description: string; category: string; devicesAssigned: number; attributes: { objectType: string } }

async function tokenFor(userId: string, tenant: string, scope = PC_SCOPE): Promise<Response> {
  return fetch(`https://login.microsoftonline.com/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'dapsim-tests', username: state.world.users.get(userId)!.userPrincipalName, password: 'irrelevant', scope }),
  });
}

/** A Partner Center token for the user, in its own tenant, from the real token endpoint. */
async function bearer(userId: string, tenant = state.world.users.get(userId)!.tenantId, scope = PC_SCOPE): Promise<string> {
  const res = await tokenFor(userId, tenant, scope);
  expect(res.status, await res.clone().text()).toBe(200);
  return `Bearer ${((await res.json()) as { access_token: string }).access_token}`;
}

async function pc(authorization: string | undefined, path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  const { json, ...rest } = init;
  const headers = { ...(authorization ? { authorization } : {}), accept: 'application/json', ...(rest.body !== undefined || json !== undefined ? { 'content-type': 'application/json' } : {}), ...(rest.headers as Record<string, string> | undefined) };
  return fetch(path.startsWith('http') ? path : `${PC}${path}`, { ...rest, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
}

/** A Partner Center error: the status, the PartnerFD envelope with its numeric code, and the model's code header. */
async function expectPcError(res: Response, status: number, code: number, dapsimCode?: string): Promise<PcError> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  const body = JSON.parse(text) as PcError;
  expect(body).toMatchObject({ code, source: 'PartnerFD', data: [], description: expect.any(String) });
  expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(res.headers.get('ms-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  if (dapsimCode !== undefined) expect(res.headers.get('x-dapsim-code')).toBe(dapsimCode);
  return body;
}

async function ok<T>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get('x-dapsim-decision')).toBe('allowed');
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

/** Customers 3..n of partner A, related by set-up (reseller and DAP). */
function moreCustomers(world: World, count: number): string[] {
  const ids: string[] = [];
  for (let i = 3; i < 3 + count; i++) {
    const id = must(setup.addCustomer(world, { id: `customer-${i}`, name: `Customer ${i}` }));
    must(setup.relate(world, { partnerId: A, customerId: id }));
    ids.push(id);
  }
  return ids;
}

describe('Partner Center: bad tokens get 401 with the PartnerFD envelope, never a 500', () => {
  it('no token, a malformed or forged token, a token for another service, an expired token', async () => {
    becomeReseller(state.world, 'a', 'c1');
    const good = await bearer('a-admin');
    const [head, body] = good.slice('Bearer '.length).split('.');
    const graph = await bearer('a-admin', A, 'https://graph.microsoft.com/.default');
    const cases: [string | undefined, number][] = [
      [undefined, 800001],
      ['Bearer not-a-token', 400],
      [`Bearer ${head}.${body}.AAAA`, 400],
      [graph, 400],
    ];
    for (const [authorization, code] of cases) {
      const res = await pc(authorization, '/customers', { headers: { 'ms-correlationid': '11111111-2222-4333-8444-555555555555' } });
      await expectPcError(res, 401, code);
      expect(res.headers.get('www-authenticate')).toBe('OAuth realm=urn:cpsvc:cpid:11111111-2222-4333-8444-555555555555');
      expect(res.headers.get('ms-correlationid')).toBe('11111111-2222-4333-8444-555555555555');
    }
    expect((await pc(good, '/customers')).status).toBe(200);
    clock += 3600;
    const expired = await expectPcError(await pc(good, `/customers/${C1}`), 401, 400);
    expect(expired.description).toContain('expired');
  });

  it('a token signed by another mock, or naming a user who is gone, is 401', async () => {
    const other = new MockState({ now: () => clock });
    const forged = issueToken(other, { aud: 'https://api.partnercenter.microsoft.com', iss: 'x', tid: A, oid: 'a-admin', upn: 'x', name: 'x', scp: 'x', wids: [], iat: clock, nbf: clock, exp: clock + 60, ver: '1.0' });
    await expectPcError(await pc(`Bearer ${forged}`, '/customers'), 401, 400);
    const ghost = issueToken(state, { aud: 'https://api.partnercenter.microsoft.com', iss: 'x', tid: A, oid: 'nobody', upn: 'x', name: 'x', scp: 'x', wids: [], iat: clock, nbf: clock, exp: clock + 60, ver: '1.0' });
    await expectPcError(await pc(`Bearer ${ghost}`, '/customers'), 401, 400);
  });

  it("GRANT-SIGNIN: an agent's token for a customer tenant (issued under DAP) is no partner organisation to Partner Center", async () => {
    grantDap(state.world, 'a', 'c1');
    const res = await pc(await bearer('a-admin', C1), '/customers');
    const body = await expectPcError(res, 400, 3000);
    expect(body.description).toContain('Partner Organization');
  });
});

describe('Partner Center: customers', () => {
  it('RESELLER-CUSTOMER-LISTED: the list is a collection of Customers without allowDelegatedAccess; get-by-id carries it', async () => {
    grantDap(state.world, 'a', 'c1');
    becomeReseller(state.world, 'a', 'c2', false);
    const t = await bearer('a-sales');
    const res = await pc(t, '/customers?size=40');
    expect(res.headers.get('x-dapsim-rules')).toContain('RESELLER-CUSTOMER-LISTED');
    expect(res.headers.get('ms-cv')).toMatch(/\.0$/);
    const list = await ok<Collection<Customer>>(res);
    expect(list).toMatchObject({ totalCount: 2, attributes: { objectType: 'Collection' } });
    expect(list.links.next).toBeUndefined();
    expect(list.items.map((c) => c.id)).toEqual([C1, C2]);
    for (const c of list.items) {
      expect(c).not.toHaveProperty('allowDelegatedAccess');
      expect(c).toMatchObject({ attributes: { objectType: 'Customer' }, companyProfile: { tenantId: c.id, domain: state.world.tenant(c.id)!.defaultDomain } });
    }
    expect(await ok<Customer>(await pc(t, `/customers/${C1}`))).toMatchObject({ id: C1, relationshipToPartner: 'none', allowDelegatedAccess: true, companyProfile: { companyName: 'Northwind Traders' } });
    expect(await ok<Customer>(await pc(t, `/customers/${C2}`))).toMatchObject({ id: C2, relationshipToPartner: 'reseller', allowDelegatedAccess: false });
  });

  it('RESELLER-CUSTOMER-LISTED: a customer of another partner is 403 20002; an unknown tenant or a partner id is 404 60003', async () => {
    grantDap(state.world, 'b', 'c1');
    const t = await bearer('a-admin');
    const other = await expectPcError(await pc(t, `/customers/${C1}`), 403, 20002, 'NO_RELATIONSHIP');
    expect(other.description).toContain('RESELLER-CUSTOMER-LISTED');
    await expectPcError(await pc(t, '/customers/no-such-tenant'), 404, 60003, 'UNKNOWN_TENANT');
    await expectPcError(await pc(t, `/customers/${B}`), 404, 60003, 'NOT_A_CUSTOMER');
  });

  it('AGENT-GROUPS: a partner user in no agent group is refused 403 2032; a customer user is no partner organisation', async () => {
    const res = await pc(await bearer('a-plain'), '/customers');
    await expectPcError(res, 403, 2032, 'NOT_AN_AGENT');
    expect(res.headers.get('x-dapsim-decision')).toBe('refused');
    expect(res.headers.get('x-dapsim-rules')).toContain('AGENT-GROUPS');
    const customer = await pc(await bearer('c1-ga'), '/customers');
    await expectPcError(customer, 400, 3000, 'NOT_A_PARTNER_USER');
    expect(customer.headers.get('x-dapsim-decision')).toBe('invalid');
  });

  it('pages the customer list over 3 pages with size, links.next and its MS-ContinuationToken header', async () => {
    grantDap(state.world, 'a', 'c1');
    const all = [C1, ...moreCustomers(state.world, 6)];
    const t = await bearer('a-admin');
    const seen: string[] = [];
    let link: Link | undefined = { uri: '/v1/customers?size=3', method: 'GET', headers: [] };
    let pages = 0;
    while (link !== undefined) {
      const res = await pc(t, new URL(link.uri, 'https://api.partnercenter.microsoft.com').toString(), { method: link.method, headers: Object.fromEntries(link.headers.map((h) => [h.key, h.value])) });
      const page = await ok<Collection<Customer>>(res);
      expect(page.items.length).toBeLessThanOrEqual(3);
      expect(page.totalCount).toBe(page.items.length);
      seen.push(...page.items.map((c) => c.id));
      link = page.links.next;
      if (link !== undefined) {
        expect(link.uri).toBe('/v1/customers?size=3&seekOperation=Next');
        expect(link.headers.map((h) => h.key)).toEqual(['MS-ContinuationToken']);
      }
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(all);
    // Under another base (dapsim serve), links stay relative to the API root, /v1 included.
    const served = await ok<Collection<Customer>>(await pc(t, 'http://127.0.0.1:7000/partnercenter/v1/customers?size=3'));
    expect(served.links.next?.uri).toBe('/v1/customers?size=3&seekOperation=Next');
    expect(served.links.self?.uri).toBe('/v1/customers?size=3');
    for (const q of ['size=0', 'size=501', 'size=abc', 'offset=-1']) await expectPcError(await pc(t, `/customers?${q}`), 400, 800002);
    await expectPcError(await pc(t, '/customers?size=3&seekOperation=Next'), 400, 800002);
    await expectPcError(await pc(t, '/customers?size=3&seekOperation=Next', { headers: { 'MS-ContinuationToken': 'garbage!' } }), 400, 800002);
    await expectPcError(await pc(t, '/customers?size=3&seekOperation=Previous'), 400, 800002);
  });
});

describe('Partner Center: giving DAP up', () => {
  it('REVOKE-BY-PARTNER: PATCH allowDelegatedAccess:false removes DAP and keeps the reseller relationship', async () => {
    becomeReseller(state.world, 'a', 'c1');
    const t = await bearer('a-admin');
    const res = await pc(t, `/customers/${C1}`, { method: 'PATCH', json: { AllowDelegatedAccess: false, Attributes: { ObjectType: 'Customer' } } });
    const rules = res.headers.get('x-dapsim-rules')!.split(' ');
    expect(rules).toEqual(expect.arrayContaining(['REVOKE-BY-PARTNER', 'REVOKE-KEEPS-RESELLER']));
    expect(await ok<Customer>(res)).toMatchObject({ id: C1, relationshipToPartner: 'reseller', allowDelegatedAccess: false, attributes: { objectType: 'Customer' } });
    expect(state.world.relationship(A, C1)).toMatchObject({ reseller: true, dap: false });
    expect(await ok<Customer>(await pc(t, `/customers/${C1}`))).toMatchObject({ allowDelegatedAccess: false });
    const again = await pc(t, `/customers/${C1}`, { method: 'PATCH', json: { allowDelegatedAccess: false } });
    await expectPcError(again, 403, 2032, 'DAP_NOT_HELD');
  });

  it('REVOKE-BY-PARTNER: a DAP-only customer leaves the list; a Helpdesk agent may not give DAP up; only false is accepted', async () => {
    grantDap(state.world, 'a', 'c1');
    await expectPcError(await pc(await bearer('a-helpdesk'), `/customers/${C1}`, { method: 'PATCH', json: { allowDelegatedAccess: false } }), 403, 2032, 'NOT_ADMIN_AGENT');
    const t = await bearer('a-admin');
    await expectPcError(await pc(t, `/customers/${C1}`, { method: 'PATCH', json: { allowDelegatedAccess: true } }), 400, 800002);
    await expectPcError(await pc(t, `/customers/${C1}`, { method: 'PATCH', json: { relationshipToPartner: 'none' } }), 400, 800002);
    await expectPcError(await pc(t, `/customers/${C1}`, { method: 'PATCH', body: '{"allowDelegatedAccess": fal' }), 400, 800002);
    expect(state.world.relationship(A, C1)!.dap).toBe(true);
    const gaveUp = await ok<Customer>(await pc(t, `/customers/${C1}`, { method: 'PATCH', json: { allowDelegatedAccess: false } }));
    expect(gaveUp).toMatchObject({ id: C1, relationshipToPartner: 'none', allowDelegatedAccess: false });
    expect((await ok<Collection<Customer>>(await pc(t, '/customers'))).items).toEqual([]);
    await expectPcError(await pc(t, `/customers/${C1}`), 403, 20002, 'NO_RELATIONSHIP');
  });
});

describe('Partner Center: the reseller relationship request link', () => {
  it('RESELLER-LINK-PARTNER: the admin-center link names the partner, msppId=0, DAP and the request; accepting it lists the customer', async () => {
    const t = await bearer('a-admin');
    const res = await pc(t, '/customers/relationshiprequests?dap=true');
    expect(res.headers.get('x-dapsim-rules')).toContain('RESELLER-LINK-PARTNER');
    const link = await ok<{ url: string; id: string; attributes: { objectType: string } }>(res);
    expect(link.attributes).toEqual({ objectType: 'RelationshipRequest' });
    const url = new URL(link.url);
    expect(`${url.origin}${url.pathname}`).toBe('https://admin.microsoft.com/Adminportal/Home');
    expect(url.hash).toBe('#/BillingAccounts/partner-invitation');
    expect(Object.fromEntries(url.searchParams)).toEqual({ invType: 'ResellerRelationship', partnerId: A, msppId: '0', DAP: 'true', requestId: link.id });
    const reused = await ok<{ id: string }>(await pc(t, '/customers/relationshiprequests?dap=true'));
    expect(reused.id).toBe(link.id);
    const plain = await ok<{ url: string; id: string }>(await pc(t, '/customers/relationshiprequests?dap=False'));
    expect(plain.id).not.toBe(link.id);
    expect(new URL(plain.url).searchParams.get('DAP')).toBe('false');
    expect(perform(state.world, 'c1-ga', { type: 'acceptResellerRequest', requestId: link.id }).outcome).toBe('allowed');
    expect(await ok<Customer>(await pc(t, `/customers/${C1}`))).toMatchObject({ relationshipToPartner: 'reseller', allowDelegatedAccess: true });
  });

  it('RESELLER-REQUEST-ROLES: a Helpdesk agent is refused 403 2032; dap=maybe is 400', async () => {
    await expectPcError(await pc(await bearer('a-helpdesk'), '/customers/relationshiprequests'), 403, 2032, 'NOT_ADMIN_OR_SALES_AGENT');
    await expectPcError(await pc(await bearer('a-sales'), '/customers/relationshiprequests?dap=maybe'), 400, 800002, 'MALFORMED');
  });

  it('OFFER-CERTIFIED: an uncertified partner gets a link without DAP only', async () => {
    state.world = baseWorld({ partnerACertified: false });
    const t = await bearer('a-admin');
    await expectPcError(await pc(t, '/customers/relationshiprequests?dap=true'), 403, 2032, 'PARTNER_NOT_CERTIFIED');
    const plain = await ok<{ url: string }>(await pc(t, '/customers/relationshiprequests?dap=false'));
    expect(new URL(plain.url).searchParams.get('DAP')).toBe('false');
  });
});

describe('Partner Center: service requests', () => {
  it('SCOPE-SERVICE-REQUESTS: with DAP an agent opens a service request (201) and lists it', async () => {
    grantDap(state.world, 'a', 'c1');
    const t = await bearer('a-helpdesk');
    const res = await pc(t, `/customers/${C1}/servicerequests`, { method: 'POST', json: { Title: 'Mailbox quota', Description: 'Full', Severity: 'minimal' } });
    const sr = await ok<{ id: string; title: string; status: string; primaryContact: { contactId: string }; attributes: { objectType: string } }>(res, 201);
    expect(sr).toMatchObject({ title: 'Mailbox quota', status: 'open', primaryContact: { contactId: 'a-helpdesk' }, attributes: { objectType: 'ServiceRequest' } });
    expect(res.headers.get('x-dapsim-rules')).toContain('SCOPE-SERVICE-REQUESTS');
    const list = await ok<Collection<{ id: string }>>(await pc(t, `/customers/${C1}/servicerequests`));
    expect(list).toMatchObject({ totalCount: 1, attributes: { objectType: 'Collection' } });
    expect(list.items.map((x) => x.id)).toEqual([sr.id]);
    await expectPcError(await pc(t, `/customers/${C1}/servicerequests`, { method: 'POST', json: { description: 'no title' } }), 400, 800002, 'MALFORMED');
    await expectPcError(await pc(t, `/customers/${C2}/servicerequests`), 403, 20002, 'NO_RELATIONSHIP');
  });

  it('REVOKE-NO-SERVICE-REQUESTS: once the customer removes DAP, opening one is 403 DAP_REMOVED', async () => {
    becomeReseller(state.world, 'a', 'c1');
    removeDapAsCustomer(state.world, 'c1', A);
    const res = await pc(await bearer('a-admin'), `/customers/${C1}/servicerequests`, { method: 'POST', json: { title: 'Exchange outage' } });
    const body = await expectPcError(res, 403, 2032, 'DAP_REMOVED');
    expect(body.description).toContain('REVOKE-NO-SERVICE-REQUESTS');
    expect(state.world.serviceRequests.size).toBe(0);
  });
});

describe('Partner Center: orders and subscriptions', () => {
  it('AZURE-PROVISION-OWNER: an Azure plan order creates the subscription; the line item names it and the Owner assignment of AdminAgents', async () => {
    becomeReseller(state.world, 'a', 'c1', false);
    const res = await pc(await bearer('a-sales'), `/customers/${C1}/orders`, { method: 'POST', json: { referenceCustomerId: C1, billingCycle: 'monthly', lineItems: [{ lineItemNumber: 0, offerId: 'DZH318Z0BCZC:0001', friendlyName: 'Contoso Azure plan' }] } });
    expect(res.headers.get('x-dapsim-rules')).toContain('AZURE-PROVISION-OWNER');
    const order = await ok<{ id: string; referenceCustomerId: string; lineItems: { subscriptionId: string; roleAssignmentId: string; friendlyName: string }[]; attributes: { objectType: string } }>(res, 201);
    expect(order).toMatchObject({ referenceCustomerId: C1, attributes: { objectType: 'Order' } });
    const [line] = order.lineItems;
    expect(state.world.subscriptions.get(line!.subscriptionId)).toMatchObject({ customerId: C1, displayName: 'Contoso Azure plan' });
    expect(line!.friendlyName).toBe('Contoso Azure plan');
    expect(state.world.roleAssignments.get(line!.roleAssignmentId)).toMatchObject({ subscriptionId: line!.subscriptionId, principalId: state.world.partner(A)!.agentGroups.AdminAgents, principalType: 'ForeignGroup' });
  });

  it('AZURE-PROVISION-OWNER: no reseller relationship is 403 20002; another offer, two lines and bad JSON are 400', async () => {
    grantDap(state.world, 'a', 'c1');
    const t = await bearer('a-admin');
    const line = { offerId: 'DZH318Z0BCZC:0001', friendlyName: 'Plan' };
    await expectPcError(await pc(t, `/customers/${C1}/orders`, { method: 'POST', json: { lineItems: [line] } }), 403, 20002, 'NO_RESELLER_RELATIONSHIP');
    await expectPcError(await pc(t, `/customers/${C1}/orders`, { method: 'POST', json: { lineItems: [{ offerId: 'CFQ7TTC0LH18:0001' }] } }), 400, 800004);
    await expectPcError(await pc(t, `/customers/${C1}/orders`, { method: 'POST', json: { lineItems: [line, line] } }), 400, 800002);
    await expectPcError(await pc(t, `/customers/${C1}/orders`, { method: 'POST', body: '{"lineItems": [' }), 400, 800002);
    expect(state.world.subscriptions.size).toBe(0);
  });

  it('OFFER-BUNDLED: the customer subscriptions list the trial a bundle gave; another partner is 403 20002', async () => {
    const offerId = createdId(perform(state.world, 'a-admin', { type: 'createOffer', kind: 'trial-invitation', product: 'Office 365 E3' }), 'offerId');
    expect(perform(state.world, 'c1-ga', { type: 'acceptOffer', offerId }).outcome).toBe('allowed');
    const res = await pc(await bearer('a-admin'), `/customers/${C1}/subscriptions`);
    expect(res.headers.get('x-dapsim-rules')).toContain('OFFER-BUNDLED');
    const list = await ok<Collection<{ offerName: string; isTrial: boolean; partnerId: string; attributes: { objectType: string } }>>(res);
    expect(list.items).toEqual([expect.objectContaining({ offerName: 'Office 365 E3', isTrial: true, partnerId: A, attributes: { objectType: 'Subscription' } })]);
    await expectPcError(await pc(await bearer('b-admin'), `/customers/${C1}/subscriptions`), 403, 20002, 'NO_RELATIONSHIP');
  });
});

describe('Partner Center: Windows Autopilot', () => {
  const batch = (devices: unknown[], batchId = 'Batch 1') => ({ method: 'POST', json: { batchId, devices, attributes: { objectType: 'DeviceBatchCreationRequest' } } });

  it('AUTOPILOT-NEEDS-RESELLER: DAP alone is not enough to upload devices (403 20002)', async () => {
    grantDap(state.world, 'a', 'c1');
    const res = await pc(await bearer('a-admin'), `/customers/${C1}/deviceBatches`, batch([{ serialNumber: 'SN-1' }]));
    const body = await expectPcError(res, 403, 20002, 'NO_RESELLER_RELATIONSHIP');
    expect(body.description).toContain('AUTOPILOT-NEEDS-RESELLER');
    await expectPcError(await pc(await bearer('a-admin'), `/customers/${C1}/devices`), 403, 20002, 'NO_RESELLER_RELATIONSHIP');
  });

  it('AUTOPILOT-AGENT-ROLES: a Sales agent uploads a batch (202, Location batchJobStatus, the created ids); the Helpdesk agent is refused', async () => {
    becomeReseller(state.world, 'a', 'c1', false);
    const t = await bearer('a-sales');
    const res = await pc(t, `/customers/${C1}/deviceBatches`, batch([{ serialNumber: 'SN-1', productKey: 'PK-1' }, { serialNumber: 'SN-2', oemManufacturerName: 'Contoso', modelName: 'Laptop 7' }]));
    expect(res.headers.get('x-dapsim-rules')).toContain('AUTOPILOT-AGENT-ROLES');
    const location = res.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^/customers/${C1}/batchJobStatus/[0-9a-f-]{36}$`));
    const status = await ok<{ batchTrackingId: string; status: string; devicesStatus: { deviceId: string; serialNumber: string; status: string }[] }>(res, 202);
    expect(status.status).toBe('finished');
    expect(status.devicesStatus.map((d) => d.serialNumber)).toEqual(['SN-1', 'SN-2']);
    const ids = status.devicesStatus.map((d) => d.deviceId);
    expect(ids.every((id) => state.world.devices.get(id)?.customerId === C1)).toBe(true);
    expect(await ok<unknown>(await pc(t, `${PC}${location}`))).toEqual(status);
    await expectPcError(await pc(await bearer('b-admin'), `${PC}${location}`), 403, 20002);
    const devices = await ok<Collection<Device>>(await pc(t, `/customers/${C1}/devices`));
    expect(devices.items.map((d) => d.id)).toEqual(ids);
    expect(devices.items[1]).toMatchObject({ serialNumber: 'SN-2', oemManufacturerName: 'Contoso', modelName: 'Laptop 7', policies: [{ key: 'o_o_b_e', value: null }], addedByPartnerId: A });
    await expectPcError(await pc(await bearer('a-helpdesk'), `/customers/${C1}/deviceBatches`, batch([{ serialNumber: 'SN-3' }])), 403, 2032, 'NOT_ADMIN_OR_SALES_AGENT');
    // The .NET SDK's PascalCase body binds too; a serial already registered is invalid, not a 500.
    expect((await pc(t, `/customers/${C1}/deviceBatches`, { method: 'POST', json: { BatchId: 'B2', Devices: [{ SerialNumber: 'SN-4', Id: 'named-device' }] } })).status).toBe(202);
    expect(state.world.devices.get('named-device')?.batchId).toBe('B2');
    await expectPcError(await pc(t, `/customers/${C1}/deviceBatches`, batch([{ serialNumber: 'sn-1' }])), 400, 3000, 'DEVICE_REGISTERED');
    await expectPcError(await pc(t, `/customers/${C1}/deviceBatches`, batch([{ productKey: 'no serial' }])), 400, 800002, 'MALFORMED');
    await expectPcError(await pc(t, `/customers/${C1}/deviceBatches`, batch([])), 400, 800002, 'MALFORMED');
  });

  it('AUTOPILOT-PROFILES-WITHOUT-DAP: an Admin agent creates, gets, updates, lists and deletes a profile without DAP', async () => {
    becomeReseller(state.world, 'a', 'c1', false);
    const t = await bearer('a-admin');
    const res = await pc(t, `/customers/${C1}/policies`, { method: 'POST', json: { name: 'Kiosk', category: 'o_o_b_e', description: 'Shared devices', policySettings: ['skip_eula'] } });
    expect(res.headers.get('x-dapsim-rules')).toContain('AUTOPILOT-PROFILES-WITHOUT-DAP');
    const created = await ok<Policy>(res);
    expect(created).toMatchObject({ name: 'Kiosk', description: 'Shared devices', category: 'o_o_b_e', devicesAssigned: 0, attributes: { objectType: 'ConfigurationPolicy' } });
    expect(await ok<Policy>(await pc(t, `/customers/${C1}/policies/${created.id}`))).toEqual(created);
    const updated = await ok<Policy>(await pc(t, `/customers/${C1}/policies/${created.id}`, { method: 'PUT', json: { ...created, name: 'Kiosk v2' } }));
    expect(updated).toMatchObject({ id: created.id, name: 'Kiosk v2', description: 'Shared devices' });
    expect((await ok<Collection<Policy>>(await pc(t, `/customers/${C1}/policies`))).items).toEqual([updated]);
    await expectPcError(await pc(t, `/customers/${C1}/policies/${created.id}`, { method: 'PUT', json: { id: 'another', name: 'x' } }), 400, 800002);
    await expectPcError(await pc(t, `/customers/${C1}/policies`, { method: 'POST', json: { name: 'x', category: 'not_oobe' } }), 400, 800002);
    expect(await ok<undefined>(await pc(t, `/customers/${C1}/policies/${created.id}`, { method: 'DELETE' }), 204)).toBeUndefined();
    expect((await ok<Collection<Policy>>(await pc(t, `/customers/${C1}/policies`))).items).toEqual([]);
    await expectPcError(await pc(t, `/customers/${C1}/policies/${created.id}`), 404, 1000);
    await expectPcError(await pc(t, `/customers/${C1}/policies/${created.id}`, { method: 'DELETE' }), 404, 1000, 'UNKNOWN_PROFILE');
    await expectPcError(await pc(await bearer('a-sales'), `/customers/${C1}/policies`, { method: 'POST', json: { name: 'Sales profile' } }), 403, 2032, 'NOT_ADMIN_AGENT');
  });

  it('AUTOPILOT-PROFILES-NEED-DAP: under the proposed rules (x-dapsim-profile) a profile needs DAP', async () => {
    becomeReseller(state.world, 'a', 'c1', false);
    const t = await bearer('a-admin');
    const refused = await pc(t, `/customers/${C1}/policies`, { method: 'POST', json: { name: 'Kiosk' }, headers: { 'x-dapsim-profile': 'proposed' } });
    expect((await expectPcError(refused, 403, 2032, 'NO_DAP')).description).toContain('AUTOPILOT-PROFILES-NEED-DAP');
    await expectPcError(await pc(t, `/customers/${C1}/policies`, { method: 'POST', json: { name: 'Kiosk' }, headers: { 'x-dapsim-profile': 'future' } }), 400, 800002);
    expect((await pc(t, `/customers/${C1}/policies`, { method: 'POST', json: { name: 'Kiosk' }, headers: { 'x-dapsim-profile': 'current' } })).status).toBe(200);
  });

  it('AUTOPILOT-PARTNER-DEVICES: DevicePolicyUpdates applies a profile (202 + Location), value null removes it', async () => {
    becomeReseller(state.world, 'a', 'c1', false);
    becomeReseller(state.world, 'b', 'c1', false);
    const a = await bearer('a-admin');
    expect((await pc(await bearer('b-sales'), `/customers/${C1}/deviceBatches`, batch([{ id: 'fabrikam-laptop', serialNumber: 'SN-F' }]))).status).toBe(202);
    expect((await pc(a, `/customers/${C1}/deviceBatches`, batch([{ id: 'contoso-laptop', serialNumber: 'SN-C' }]))).status).toBe(202);
    const profile = await ok<Policy>(await pc(a, `/customers/${C1}/policies`, { method: 'POST', json: { name: 'Standard' } }));
    const update = (value: string | null, ids = ['contoso-laptop', 'fabrikam-laptop']) => pc(a, `/customers/${C1}/DevicePolicyUpdates`, { method: 'PATCH', json: { devices: ids.map((id) => ({ id, policies: [{ key: 'o_o_b_e', value }] })), attributes: { objectType: 'DevicePolicyUpdateRequest' } } });
    const applied = await update(profile.id);
    expect(applied.headers.get('x-dapsim-rules')).toContain('AUTOPILOT-PARTNER-DEVICES');
    expect(applied.headers.get('location')).toMatch(new RegExp(`^/customers/${C1}/batchJobStatus/`));
    await ok<undefined>(applied, 202);
    const values = async () => (await ok<Collection<Device>>(await pc(a, `/customers/${C1}/devices`))).items.map((d) => [d.id, d.policies[0]!.value]);
    expect(await values()).toEqual([['fabrikam-laptop', profile.id], ['contoso-laptop', profile.id]]);
    expect((await ok<Collection<Policy>>(await pc(a, `/customers/${C1}/policies`))).items[0]!.devicesAssigned).toBe(2);
    await ok<undefined>(await update(null, ['fabrikam-laptop']), 202);
    expect(await values()).toEqual([['fabrikam-laptop', null], ['contoso-laptop', profile.id]]);
    const mixed = await pc(a, `/customers/${C1}/DevicePolicyUpdates`, { method: 'PATCH', json: { devices: [{ id: 'contoso-laptop', policies: [{ key: 'o_o_b_e', value: null }] }, { id: 'fabrikam-laptop', policies: [{ key: 'o_o_b_e', value: profile.id }] }] } });
    await expectPcError(mixed, 400, 800002);
    await expectPcError(await pc(a, `/customers/${C1}/DevicePolicyUpdates`, { method: 'PATCH', json: { devices: [{ id: 'contoso-laptop', policies: [] }] } }), 400, 800002);
    await expectPcError(await update('no-such-profile'), 404, 1000, 'UNKNOWN_PROFILE');
    await expectPcError(await update(profile.id, ['no-such-device']), 404, 1000, 'UNKNOWN_DEVICE');
  });

  it('AUTOPILOT-CUSTOMER-DEVICES: a device the customer added through Intune cannot be deleted or given a profile', async () => {
    becomeReseller(state.world, 'a', 'c1');
    must(setup.addDevice(state.world, { id: 'intune-pc', customerId: C1, serialNumber: 'SN-I', source: 'intune' }));
    const t = await bearer('a-admin');
    const del = await pc(t, `/customers/${C1}/devices/intune-pc`, { method: 'DELETE' });
    expect((await expectPcError(del, 403, 2032, 'CUSTOMER_ADDED_DEVICE')).description).toContain('AUTOPILOT-CUSTOMER-DEVICES');
    const profile = await ok<Policy>(await pc(t, `/customers/${C1}/policies`, { method: 'POST', json: { name: 'Standard' } }));
    await expectPcError(await pc(t, `/customers/${C1}/DevicePolicyUpdates`, { method: 'PATCH', json: { devices: [{ id: 'intune-pc', policies: [{ key: 'o_o_b_e', value: profile.id }] }] } }), 403, 2032, 'CUSTOMER_ADDED_DEVICE');
    expect(state.world.devices.get('intune-pc')).toMatchObject({ profileId: undefined });
  });

  it('AUTOPILOT-PARTNER-DEVICES: a partner-added device is deleted (204); another customer\'s device or profile is 404', async () => {
    becomeReseller(state.world, 'a', 'c1', false);
    becomeReseller(state.world, 'a', 'c2', false);
    const t = await bearer('a-admin');
    expect((await pc(t, `/customers/${C1}/deviceBatches`, batch([{ id: 'c1-laptop', serialNumber: 'SN-1' }]))).status).toBe(202);
    const profile = await ok<Policy>(await pc(t, `/customers/${C1}/policies`, { method: 'POST', json: { name: 'Standard' } }));
    await expectPcError(await pc(t, `/customers/${C2}/devices/c1-laptop`, { method: 'DELETE' }), 404, 1000, 'UNKNOWN_DEVICE');
    await expectPcError(await pc(t, `/customers/${C2}/policies/${profile.id}`, { method: 'PUT', json: { name: 'Hijack' } }), 404, 1000, 'UNKNOWN_PROFILE');
    const del = await pc(t, `/customers/${C1}/devices/c1-laptop`, { method: 'DELETE' });
    expect(del.headers.get('x-dapsim-rules')).toContain('AUTOPILOT-PARTNER-DEVICES');
    expect(await ok<undefined>(del, 204)).toBeUndefined();
    await expectPcError(await pc(t, `/customers/${C1}/devices/c1-laptop`, { method: 'DELETE' }), 404, 1000, 'UNKNOWN_DEVICE');
    await expectPcError(await pc(t, `/customers/${C1}/batchJobStatus/00000000-0000-4000-8000-000000000000`), 404, 1000);
  });

  it("AUTOPILOT-REMOVE-OTHERS-NEED-DAP: under the proposed rules, without DAP a partner deletes only the devices it added", async () => {
    becomeReseller(state.world, 'a', 'c1', false);
    becomeReseller(state.world, 'b', 'c1', false);
    expect((await pc(await bearer('b-admin'), `/customers/${C1}/deviceBatches`, batch([{ id: 'fabrikam-laptop', serialNumber: 'SN-F' }]))).status).toBe(202);
    const res = await pc(await bearer('a-admin'), `/customers/${C1}/devices/fabrikam-laptop`, { method: 'DELETE', headers: { 'x-dapsim-profile': 'proposed' } });
    await expectPcError(res, 403, 2032, 'DEVICE_NOT_OWN');
    expect(res.headers.get('x-dapsim-rules')).toContain('AUTOPILOT-REMOVE-OTHERS-NEED-DAP');
  });
});

describe('Partner Center: never unhandled, never a 500', () => {
  it('an unknown route or method is the Partner Center 404 envelope, even without a token', async () => {
    const t = await bearer('a-admin');
    for (const [method, path] of [['GET', '/invoices'], ['GET', `/customers/${C1}/nothing/here`], ['DELETE', `/customers/${C1}`], ['POST', '/customers/relationshiprequests']] as const) {
      for (const auth of [t, undefined]) {
        const body = await expectPcError(await pc(auth, path, { method }), 404, 1000);
        expect(body.description).toContain(path.split('?')[0]!);
      }
    }
  });

  it('leaves the simulated admin-center paths (…/dapsim/v1/…) to their own handlers', async () => {
    const handlers = [...partnerCenterHandlers(state), http.all('*/dapsim/v1/*', () => new Response('admin center'))];
    const res = await getResponse(handlers, new Request('https://admin.microsoft.com/dapsim/v1/partner/offers', { method: 'POST' }));
    expect(await res?.text()).toBe('admin center');
    const pcRes = await getResponse(handlers, new Request(`${PC}/unknown`));
    expect(pcRes?.status).toBe(404);
  });

  it('malformed JSON and wrong-shaped bodies are 400 on every route that takes a body', async () => {
    becomeReseller(state.world, 'a', 'c1');
    const t = await bearer('a-admin');
    const routes: [string, string][] = [
      ['PATCH', `/customers/${C1}`], ['POST', `/customers/${C1}/servicerequests`], ['POST', `/customers/${C1}/orders`], ['POST', `/customers/${C1}/deviceBatches`],
      ['POST', `/customers/${C1}/policies`], ['PUT', `/customers/${C1}/policies/p`], ['PATCH', `/customers/${C1}/DevicePolicyUpdates`],
    ];
    const bodies = ['{"broken": ', '', '[]', 'null', '42', '"text"', '{"devices": 5, "lineItems": {}, "name": 7, "title": [], "allowDelegatedAccess": "false"}', '{"devices": [null, 3], "lineItems": [null]}', '{"devices": [{"policies": [{"key": "o_o_b_e", "value": 5}]}]}'];
    for (const [method, path] of routes) {
      for (const body of bodies) {
        const res = await pc(t, path, { method, body });
        const text = await res.text();
        expect(res.status, `${method} ${path} ${body}: ${text}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${method} ${path} ${body}: ${text}`).toBeLessThan(500);
        expect(JSON.parse(text)).toMatchObject({ source: 'PartnerFD', code: expect.any(Number) });
      }
    }
  });

  it('garbage path ids and query values are 4xx with the PartnerFD envelope', async () => {
    const t = await bearer('a-admin');
    const paths = [
      '/customers/%20', `/customers/${encodeURIComponent('../../etc')}`, '/customers/customer-1/devices', '/customers/customer-1/policies/%00',
      '/customers/customer-1/servicerequests', '/customers/customer-1/subscriptions', '/customers?size=1e3', '/customers?size=%20',
    ];
    for (const path of paths) {
      const res = await pc(t, path);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
      expect(await res.json()).toMatchObject({ source: 'PartnerFD' });
    }
  });
});
