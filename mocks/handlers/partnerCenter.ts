/**
 * Partner Center REST v1 (api.partnercenter.microsoft.com/v1), the parts DAP touches: customers
 * (list with continuation paging, get with allowDelegatedAccess, PATCH allowDelegatedAccess:false),
 * the reseller relationship request link, service requests, Azure plan orders, commerce
 * subscriptions and Windows Autopilot (device batches, devices, configuration policies, device
 * policy updates). Each handler verifies the Partner Center token, asks the model as the token's
 * user, and answers in Partner Center's shape (../../shared/reference/microsoft-api-surface.md §2).
 * No rule lives here: RESELLER-CUSTOMER-LISTED, REVOKE-BY-PARTNER, AUTOPILOT-* and the rest are the
 * model's decisions.
 *
 * Bodies are read case-insensitively (the .NET SDK sends PascalCase) and answered in camelCase.
 *
 * dapsim extensions, ignored by real clients:
 * - `x-dapsim-profile: current|proposed` on a request picks the Autopilot rule profile (default current);
 * - a device in a batch may carry its `id` and a new policy or service request its `id`, so a
 *   harness can name what it creates (Partner Center would assign them);
 * - devices list `batchId`, `source` and `addedByPartnerId`; an order's line item lists, besides its
 *   `subscriptionId`, the `roleAssignmentId` of the Owner assignment given to the partner's AdminAgents.
 */
import { http, type HttpResponseResolver, type RequestHandler } from 'msw';
import { deriveGuid, type Decision, type PerformOptions, type QueryResults, type World } from '../../model/index.ts';
import { pcCollection, pcError, pcJson, pcLink, pcRefusal, pcUnauthorized } from '../envelopes/partnerCenter.ts';
import type { MockState } from '../state.ts';
import { effectValue } from './effects.ts';
import { verifyToken, type Claims } from '../tokens.ts';

const DEFAULT_PAGE = 100;
const MAX_PAGE = 500;
/** The Azure plan's product id: the one offer dapsim sells through orders. */
const AZURE_PLAN = 'DZH318Z0BCZC';
const OOBE = 'o_o_b_e';

type Json = Record<string, unknown>;
type Resolver = (args: { request: Request; params: Record<string, string>; claims: Claims; options: PerformOptions }) => Promise<Response> | Response;

type CustomerView = QueryResults['partnerCustomer'];
type DeviceView = QueryResults['autopilotDevices'][number];
type ProfileView = QueryResults['autopilotProfiles'][number];
type ServiceRequestView = QueryResults['serviceRequests'][number];
type CommerceSubscriptionView = QueryResults['commerceSubscriptions'][number];

/** A batch upload or policy update, as `GET …/batchJobStatus/{id}` shows it afterwards. */
interface Job {
  readonly partnerId: string;
  readonly customerId: string;
  readonly details: Json;
}

/** A property read the way Partner Center binds bodies: exact name first, then case-insensitively. */
function prop(o: Json, key: string): unknown {
  if (Object.hasOwn(o, key)) return o[key];
  const lower = key.toLowerCase();
  for (const k of Object.keys(o)) if (k.toLowerCase() === lower) return o[k];
  return undefined;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Only the properties that are present: absent and null both mean "not given". */
function given(entries: Record<string, unknown>): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(entries)) if (v !== undefined && v !== null) out[k] = v;
  return out;
}

const continuation = (offset: number) => Buffer.from(`customers:${offset}`).toString('base64url');

function fromContinuation(token: string): number | undefined {
  const m = /^customers:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : undefined;
}

export function partnerCenterHandlers(state: MockState): RequestHandler[] {
  /** Jobs per world, so a new world forgets them. */
  const jobs = new WeakMap<World, Map<string, Job>>();
  const jobsOf = (): Map<string, Job> => {
    let m = jobs.get(state.world);
    if (m === undefined) {
      m = new Map();
      jobs.set(state.world, m);
    }
    return m;
  };

  /**
   * Every Partner Center route checks the bearer token first (401 otherwise). The token's tenant
   * is the partner's own: a token for another tenant (a customer's, under DAP) is not a partner
   * organisation to Partner Center.
   */
  const authed = (resolve: Resolver): HttpResponseResolver => async ({ request, params }) => {
    const claims = verifyToken(state, request.headers.get('authorization'), 'partnerCenter');
    if (typeof claims === 'string') return pcUnauthorized(state, request, claims);
    const user = state.world.users.get(claims.oid);
    if (user === undefined) return pcUnauthorized(state, request, 'unknown-user');
    if (user.tenantId !== claims.tid) {
      return pcError(state, request, 400, 3000, `Partner Organization with tenant id ${claims.tid} could not be found. Partner Center acts for the signed-in user's own tenant (${user.tenantId}): request the token for it.`);
    }
    const profile = request.headers.get('x-dapsim-profile');
    if (profile !== null && profile !== 'current' && profile !== 'proposed') {
      return pcError(state, request, 400, 800002, `Invalid request input: x-dapsim-profile is "current" or "proposed", not "${profile}".`);
    }
    const options: PerformOptions = profile === null ? { now: state.isoNow() } : { now: state.isoNow(), profile };
    return resolve({ request, params: params as Record<string, string>, claims, options });
  };

  const answer = <R>(request: Request, d: Decision<R>, ok: (result: R) => Response): Response => (d.outcome === 'allowed' ? ok(d.result) : pcRefusal(state, request, d));

  /** A JSON object body, or Partner Center's 400 invalid request input. */
  const body = async (request: Request): Promise<Json | Response> => {
    try {
      const parsed: unknown = JSON.parse((await request.text()).replace(/^\uFEFF/, ''));
      if (isObject(parsed)) return parsed;
    } catch {
      // fall through
    }
    return pcError(state, request, 400, 800002, 'Invalid request input: the request body must be a JSON object.');
  };

  const badInput = (request: Request, description: string) => pcError(state, request, 400, 800002, `Invalid request input: ${description}`);

  const track = (partnerId: string, customerId: string, devicesStatus: Json[]): string => {
    const m = jobsOf();
    const id = deriveGuid('batchJob', partnerId, customerId, String(m.size));
    const now = state.isoNow();
    m.set(id, { partnerId, customerId, details: { batchTrackingId: id, status: 'finished', startedTime: now, completedTime: now, devicesStatus, attributes: { objectType: 'BatchUploadDetails' } } });
    return id;
  };

  // --- shapes -------------------------------------------------------------------------------

  /** A Customer; `allowDelegatedAccess` only on get-by-id (and PATCH), as Partner Center. */
  const customerJson = (c: CustomerView, withDap: boolean): Json => ({
    id: c.customerId,
    companyProfile: {
      tenantId: c.customerId, domain: c.defaultDomain, companyName: c.companyName,
      links: { self: pcLink(`/customers/${c.customerId}/profiles/company`) }, attributes: { objectType: 'CustomerCompanyProfile' },
    },
    relationshipToPartner: c.relationshipToPartner,
    ...(withDap ? { allowDelegatedAccess: c.allowDelegatedAccess } : {}),
    links: { self: pcLink(`/customers/${c.customerId}`) },
    attributes: { objectType: 'Customer' },
  });

  const contact = (userId: string): Json => ({
    contactId: userId, firstName: null, lastName: null, email: state.world.users.get(userId)?.userPrincipalName ?? null, phoneNumber: null,
  });

  const serviceRequestJson = (customerId: string, sr: ServiceRequestView): Json => ({
    id: sr.id, title: sr.title, description: null, severity: 'minimal', supportTopicId: null, supportTopicName: null, status: 'open',
    organization: { id: customerId, name: null, phoneNumber: null }, primaryContact: contact(sr.openedBy), lastUpdatedBy: contact(sr.openedBy),
    productName: null, productId: null, createdDate: sr.at, lastModifiedDate: sr.at, lastClosedDate: null, fileLinks: [], newNote: null, notes: [], countryCode: null,
    links: { self: pcLink(`/customers/${customerId}/servicerequests/${sr.id}`) },
    attributes: { objectType: 'ServiceRequest' },
  });

  const subscriptionJson = (customerId: string, s: CommerceSubscriptionView): Json => ({
    id: s.id, offerId: s.offerId, offerName: s.product, friendlyName: s.product, quantity: 1, unitType: 'Licenses', status: 'active',
    isTrial: s.trial, autoRenewEnabled: !s.trial, billingType: 'license', billingCycle: 'monthly', contractType: 'subscription', partnerId: s.partnerId,
    links: { self: pcLink(`/customers/${customerId}/subscriptions/${s.id}`) },
    attributes: { objectType: 'Subscription' },
  });

  const deviceJson = (d: DeviceView): Json => ({
    id: d.id, serialNumber: d.serialNumber, productKey: d.productKey ?? null, hardwareHash: d.hardwareHash ?? null,
    modelName: d.model ?? null, oemManufacturerName: d.manufacturer ?? null,
    policies: [{ key: OOBE, value: d.profileId ?? null }],
    allowedOperations: ['GET', 'PATCH', 'DELETE'],
    batchId: d.batchId ?? null, source: d.source, addedByPartnerId: d.addedByPartnerId ?? null,
    attributes: { objectType: 'Device' },
  });

  const policyJson = (p: ProfileView): Json => ({
    id: p.id, name: p.name, category: OOBE, description: p.description, devicesAssigned: p.devicesAssigned, devicesAssignedCount: p.devicesAssigned,
    policySettings: [], attributes: { objectType: 'ConfigurationPolicy' },
  });

  /** The profile as the model now shows it to the actor, after an allowed create or update. */
  const profileAfter = (claims: Claims, customerId: string, profileId: string): ProfileView | undefined => {
    const d = state.query(claims.oid, { type: 'autopilotProfiles', customerId });
    return d.outcome === 'allowed' ? d.result.find((p) => p.id === profileId) : undefined;
  };

  // --- routes -------------------------------------------------------------------------------

  return [
    // Customers, paged: `size`, then `links.next.uri` (seekOperation=Next) with its MS-ContinuationToken header.
    http.get('*/v1/customers', authed(({ request, claims }) => {
      const url = new URL(request.url);
      const sizeRaw = url.searchParams.get('size');
      const size = sizeRaw === null ? DEFAULT_PAGE : Number(sizeRaw);
      if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) return badInput(request, `size must be an integer from 1 to ${MAX_PAGE}, not "${sizeRaw}".`);
      const offsetRaw = url.searchParams.get('offset');
      let offset = offsetRaw === null ? 0 : Number(offsetRaw);
      if (!Number.isInteger(offset) || offset < 0) return badInput(request, `offset must be a non-negative integer, not "${offsetRaw}".`);
      const seek = url.searchParams.get('seekOperation');
      if (seek !== null) {
        if (seek.toLowerCase() !== 'next') return badInput(request, `seekOperation "${seek}" is not supported; follow links.next.`);
        const token = request.headers.get('ms-continuationtoken');
        const from = token === null ? undefined : fromContinuation(token);
        if (from === undefined) return badInput(request, 'seekOperation=Next needs the MS-ContinuationToken header given in links.next.headers.');
        offset = from;
      }
      const d = state.query(claims.oid, { type: 'partnerCustomers' });
      return answer(request, d, (all) => {
        const page = all.slice(offset, offset + size).map((c) => customerJson(c, false));
        // Links are relative to the service root, /v1 included (whatever base the mock is served under).
        const next = offset + size < all.length ? pcLink(`/v1/customers?size=${size}&seekOperation=Next`, 'GET', [{ key: 'MS-ContinuationToken', value: continuation(offset + size) }]) : undefined;
        return pcJson(state, request, 200, pcCollection(page, { self: pcLink(`/v1/customers${url.search}`), ...(next ? { next } : {}) }), d);
      });
    })),

    // The reseller relationship request link (before customers/{id}, which would take the segment as an id).
    http.get('*/v1/customers/relationshiprequests', authed(({ request, claims, options }) => {
      const raw = new URL(request.url).searchParams.get('dap');
      const withDap = raw === null ? undefined : /^true$/i.test(raw) ? true : /^false$/i.test(raw) ? false : raw;
      const d = state.perform(claims.oid, withDap === undefined ? { type: 'createResellerRequest' } : { type: 'createResellerRequest', withDap }, options);
      return answer(request, d, () => {
        const id = effectValue(d, 'requestId')!;
        const rr = state.world.resellerRequests.get(id)!;
        const url = `https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=${encodeURIComponent(rr.partnerId)}&msppId=0&DAP=${rr.withDap}&requestId=${encodeURIComponent(id)}#/BillingAccounts/partner-invitation`;
        return pcJson(state, request, 200, { url, id, attributes: { objectType: 'RelationshipRequest' } }, d);
      });
    })),

    http.get('*/v1/customers/:customerId', authed(({ request, params, claims }) => {
      const d = state.query(claims.oid, { type: 'partnerCustomer', customerId: params['customerId']! });
      return answer(request, d, (c) => pcJson(state, request, 200, customerJson(c, true), d));
    })),

    // Remove DAP, keep the reseller relationship: {allowDelegatedAccess: false}.
    http.patch('*/v1/customers/:customerId', authed(async ({ request, params, claims, options }) => {
      const b = await body(request);
      if (b instanceof Response) return b;
      const customerId = params['customerId']!;
      if (prop(b, 'relationshipToPartner') !== undefined) return badInput(request, 'dapsim does not remove reseller relationships; PATCH a customer with {"allowDelegatedAccess": false} to give up delegated administration.');
      if (prop(b, 'allowDelegatedAccess') !== false) return badInput(request, 'PATCH a customer with {"allowDelegatedAccess": false}: a partner gives delegated administration up; only the customer grants it.');
      const d = state.perform(claims.oid, { type: 'giveUpDap', customerId }, options);
      if (d.outcome !== 'allowed') return pcRefusal(state, request, d);
      const after = state.query(claims.oid, { type: 'partnerCustomer', customerId });
      // A DAP-only relationship ends with its DAP: the customer leaves the list, and the echo is mostly null.
      const echo = after.outcome === 'allowed'
        ? customerJson(after.result, true)
        : { id: customerId, commerceId: null, companyProfile: null, billingProfile: null, relationshipToPartner: 'none', allowDelegatedAccess: false, customDomains: null, attributes: { objectType: 'Customer' } };
      return pcJson(state, request, 200, echo, d);
    })),

    // Service requests on the customer's behalf.
    http.get('*/v1/customers/:customerId/servicerequests', authed(({ request, params, claims }) => {
      const customerId = params['customerId']!;
      const d = state.query(claims.oid, { type: 'serviceRequests', customerId });
      return answer(request, d, (list) => pcJson(state, request, 200, pcCollection(list.map((sr) => serviceRequestJson(customerId, sr))), d));
    })),

    http.post('*/v1/customers/:customerId/servicerequests', authed(async ({ request, params, claims, options }) => {
      const b = await body(request);
      if (b instanceof Response) return b;
      const customerId = params['customerId']!;
      const id = prop(b, 'id');
      const d = state.perform(claims.oid, { type: 'openServiceRequest', customerId, title: prop(b, 'title'), ...given({ serviceRequestId: id }) }, options);
      return answer(request, d, () => {
        const sr = state.world.serviceRequests.get(effectValue(d, 'serviceRequestId')!)!;
        return pcJson(state, request, 201, serviceRequestJson(customerId, sr), d);
      });
    })),

    // An Azure plan order: the subscription, with Owner for the partner's AdminAgents.
    http.post('*/v1/customers/:customerId/orders', authed(async ({ request, params, claims, options }) => {
      const b = await body(request);
      if (b instanceof Response) return b;
      const customerId = params['customerId']!;
      const items = prop(b, 'lineItems');
      if (!Array.isArray(items) || items.length !== 1 || !isObject(items[0])) return badInput(request, 'an order holds lineItems with one line item: dapsim orders one Azure plan at a time.');
      const line = items[0];
      const offerId = prop(line, 'offerId');
      if (typeof offerId !== 'string' || !offerId.toUpperCase().startsWith(AZURE_PLAN)) {
        return pcError(state, request, 400, 800004, `Invalid offer ID "${String(offerId)}": dapsim sells the Azure plan (${AZURE_PLAN}:0001) only.`);
      }
      const d = state.perform(claims.oid, { type: 'provisionAzureSubscription', customerId, ...given({ displayName: prop(line, 'friendlyName') }) }, options);
      return answer(request, d, () => {
        const subscriptionId = effectValue(d, 'subscriptionId')!;
        const orderId = deriveGuid('order', subscriptionId);
        const lineItem = {
          lineItemNumber: 0, offerId, subscriptionId, friendlyName: state.world.subscriptions.get(subscriptionId)?.displayName ?? null, quantity: 1,
          roleAssignmentId: effectValue(d, 'assignmentId') ?? null,
        };
        return pcJson(state, request, 201, {
          id: orderId, referenceCustomerId: customerId, billingCycle: 'monthly', currencyCode: 'USD', currencySymbol: '$', lineItems: [lineItem],
          status: 'completed', creationDate: state.isoNow(), transactionType: 'UserPurchase',
          links: { self: pcLink(`/customers/${customerId}/orders/${orderId}`) }, attributes: { objectType: 'Order' },
        }, d);
      });
    })),

    http.get('*/v1/customers/:customerId/subscriptions', authed(({ request, params, claims }) => {
      const customerId = params['customerId']!;
      const d = state.query(claims.oid, { type: 'commerceSubscriptions', customerId });
      return answer(request, d, (list) => pcJson(state, request, 200, pcCollection(list.map((s) => subscriptionJson(customerId, s))), d));
    })),

    // Windows Autopilot: a batch upload is 202 with Location batchJobStatus; the body lists the devices created.
    http.post('*/v1/customers/:customerId/deviceBatches', authed(async ({ request, params, claims, options }) => {
      const b = await body(request);
      if (b instanceof Response) return b;
      const customerId = params['customerId']!;
      const raw = prop(b, 'devices');
      const devices = Array.isArray(raw)
        ? raw.map((x: unknown) => (isObject(x)
          ? given({
            serialNumber: prop(x, 'serialNumber'), productKey: prop(x, 'productKey'), hardwareHash: prop(x, 'hardwareHash'),
            manufacturer: prop(x, 'oemManufacturerName') ?? prop(x, 'manufacturer'), model: prop(x, 'modelName') ?? prop(x, 'model'),
            deviceId: prop(x, 'id') ?? prop(x, 'deviceId'),
          })
          : x))
        : raw;
      const d = state.perform(claims.oid, { type: 'addAutopilotDevices', customerId, devices, ...given({ batchId: prop(b, 'batchId') }) }, options);
      return answer(request, d, () => {
        const created = d.outcome === 'allowed' ? d.effects.flatMap((e) => (e.type === 'autopilot.devicesAdded' ? e.deviceIds : [])) : [];
        const devicesStatus = created.map((id) => {
          const dev = state.world.devices.get(id);
          return { deviceId: id, serialNumber: dev?.serialNumber ?? null, productKey: dev?.productKey ?? null, status: 'finished', errorCode: null, errorDescription: null };
        });
        const trackingId = track(claims.tid, customerId, devicesStatus);
        return pcJson(state, request, 202, jobsOf().get(trackingId)!.details, d, { location: `/customers/${customerId}/batchJobStatus/${trackingId}` });
      });
    })),

    http.get('*/v1/customers/:customerId/batchJobStatus/:trackingId', authed(({ request, params, claims }) => {
      const customerId = params['customerId']!;
      const d = state.query(claims.oid, { type: 'autopilotDevices', customerId });
      return answer(request, d, () => {
        const job = jobsOf().get(params['trackingId']!);
        if (job === undefined || job.customerId !== customerId || job.partnerId !== claims.tid) return pcError(state, request, 404, 1000, `Not found: no batch job "${params['trackingId']}" for this customer.`, d);
        return pcJson(state, request, 200, job.details, d);
      });
    })),

    http.get('*/v1/customers/:customerId/devices', authed(({ request, params, claims }) => {
      const d = state.query(claims.oid, { type: 'autopilotDevices', customerId: params['customerId']! });
      return answer(request, d, (list) => pcJson(state, request, 200, pcCollection(list.map(deviceJson)), d));
    })),

    http.delete('*/v1/customers/:customerId/devices/:deviceId', authed(({ request, params, claims, options }) => {
      const d = state.perform(claims.oid, { type: 'removeAutopilotDevice', customerId: params['customerId']!, deviceId: params['deviceId']! }, options);
      return answer(request, d, () => pcJson(state, request, 204, null, d));
    })),

    // Autopilot profiles: Partner Center's ConfigurationPolicy (category o_o_b_e).
    http.get('*/v1/customers/:customerId/policies', authed(({ request, params, claims }) => {
      const d = state.query(claims.oid, { type: 'autopilotProfiles', customerId: params['customerId']! });
      return answer(request, d, (list) => pcJson(state, request, 200, pcCollection(list.map(policyJson)), d));
    })),

    http.get('*/v1/customers/:customerId/policies/:policyId', authed(({ request, params, claims }) => {
      const d = state.query(claims.oid, { type: 'autopilotProfiles', customerId: params['customerId']! });
      return answer(request, d, (list) => {
        const p = list.find((x) => x.id === params['policyId']);
        return p ? pcJson(state, request, 200, policyJson(p), d) : pcError(state, request, 404, 1000, `Not found: no configuration policy "${params['policyId']}" for this customer.`, d);
      });
    })),

    http.post('*/v1/customers/:customerId/policies', authed(async ({ request, params, claims, options }) => {
      const b = await body(request);
      if (b instanceof Response) return b;
      const customerId = params['customerId']!;
      const category = prop(b, 'category');
      if (category !== undefined && category !== null && String(category).toLowerCase() !== OOBE) return badInput(request, `category is "${OOBE}" (Autopilot profiles), not "${String(category)}".`);
      const d = state.perform(claims.oid, { type: 'createAutopilotProfile', customerId, name: prop(b, 'name'), ...given({ description: prop(b, 'description'), profileId: prop(b, 'id') }) }, options);
      return answer(request, d, () => {
        const id = effectValue(d, 'profileId')!;
        const p = profileAfter(claims, customerId, id) ?? { id, name: String(prop(b, 'name')), description: String(prop(b, 'description') ?? ''), devicesAssigned: 0 };
        return pcJson(state, request, 200, policyJson(p), d);
      });
    })),

    http.put('*/v1/customers/:customerId/policies/:policyId', authed(async ({ request, params, claims, options }) => {
      const b = await body(request);
      if (b instanceof Response) return b;
      const customerId = params['customerId']!;
      const profileId = params['policyId']!;
      const id = prop(b, 'id');
      if (id !== undefined && id !== null && id !== profileId) return badInput(request, `the body's id "${String(id)}" is not the policy "${profileId}" of the path.`);
      const d = state.perform(claims.oid, { type: 'updateAutopilotProfile', customerId, profileId, ...given({ name: prop(b, 'name'), description: prop(b, 'description') }) }, options);
      return answer(request, d, () => {
        const p = profileAfter(claims, customerId, profileId);
        return p ? pcJson(state, request, 200, policyJson(p), d) : pcJson(state, request, 200, { id: profileId, attributes: { objectType: 'ConfigurationPolicy' } }, d);
      });
    })),

    http.delete('*/v1/customers/:customerId/policies/:policyId', authed(({ request, params, claims, options }) => {
      const d = state.perform(claims.oid, { type: 'deleteAutopilotProfile', customerId: params['customerId']!, profileId: params['policyId']! }, options);
      return answer(request, d, () => pcJson(state, request, 204, null, d));
    })),

    // Apply a profile to devices ({key:"o_o_b_e", value: policyId}) or remove it (value null): 202 + Location.
    http.patch('*/v1/customers/:customerId/DevicePolicyUpdates', authed(async ({ request, params, claims, options }) => {
      const b = await body(request);
      if (b instanceof Response) return b;
      const customerId = params['customerId']!;
      const list = prop(b, 'devices');
      if (!Array.isArray(list) || list.length === 0) return badInput(request, 'devices must be a non-empty list of {id, policies:[{key:"o_o_b_e", value}]}.');
      const deviceIds: unknown[] = [];
      const values = new Set<string | null>();
      for (let i = 0; i < list.length; i++) {
        const item: unknown = list[i];
        if (!isObject(item)) return badInput(request, `devices[${i}] is not an object.`);
        deviceIds.push(prop(item, 'id'));
        const policies = prop(item, 'policies');
        const oobe = Array.isArray(policies) ? policies.find((p: unknown) => isObject(p) && String(prop(p, 'key')).toLowerCase() === OOBE) as Json | undefined : undefined;
        if (oobe === undefined) return badInput(request, `devices[${i}].policies must hold {"key": "${OOBE}", "value": policyId or null}.`);
        const value = prop(oobe, 'value');
        if (value !== undefined && value !== null && typeof value !== 'string') return badInput(request, `devices[${i}]: the ${OOBE} value is a policy id or null.`);
        values.add(typeof value === 'string' && value !== '' ? value : null);
      }
      if (values.size !== 1) return badInput(request, 'every device of one request gets the same profile (or none): send one request per profile.');
      const [profileId] = [...values];
      const d = profileId === null || profileId === undefined
        ? state.perform(claims.oid, { type: 'removeAutopilotProfile', customerId, deviceIds }, options)
        : state.perform(claims.oid, { type: 'applyAutopilotProfile', customerId, profileId, deviceIds }, options);
      return answer(request, d, () => {
        const trackingId = track(claims.tid, customerId, deviceIds.map((id) => ({ deviceId: id, serialNumber: state.world.devices.get(String(id))?.serialNumber ?? null, productKey: null, status: 'finished', errorCode: null, errorDescription: null })));
        return pcJson(state, request, 202, null, d, { location: `/customers/${customerId}/batchJobStatus/${trackingId}` });
      });
    })),

    // Anything else under /v1 is a resource Partner Center does not have here: its 404, never an unhandled
    // request. The simulated admin-center paths (…/dapsim/v1/…) are not Partner Center's: fall through.
    http.all('*/v1/*', ({ request }) => {
      const path = new URL(request.url).pathname;
      if (path.includes('/dapsim/')) return undefined;
      return pcError(state, request, 404, 1000, `Not found: ${request.method} ${path}. dapsim serves customers, relationshiprequests, servicerequests, orders, subscriptions, deviceBatches, devices, policies and DevicePolicyUpdates here.`);
    }),
  ];
}
