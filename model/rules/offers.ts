/**
 * Offers, reseller requests and the customer's consent (seed 001, 003, 004).
 *
 * Decisions written down here, where the seeds are silent:
 * - The standalone delegated-admin offer is one per partner (OFFER-REUSABLE): creating it again
 *   returns the same offer, the way the portal shows the same URL every time.
 * - Trial invitations and purchase offers are new objects each time; they carry the
 *   delegated-admin offer unless created with `includesDelegatedAdmin: false`, and then need no
 *   certification (OFFER-CERTIFIED concerns delegated administration only).
 * - Accepting a trial invitation or purchase offer makes the partner the customer's reseller
 *   (partner of record) and creates the trial or purchased subscription (OFFER-BUNDLED).
 * - A reseller request that carries DAP is an offer of delegated administration, so it needs the
 *   certification too; the link is one per partner and per DAP choice (RESELLER-LINK-PARTNER).
 * - Acceptance is by a Global admin of the customer, explicitly: a partner agent holding the
 *   implicit Global Administrator role cannot consent on the customer's behalf.
 * - Accepting when DAP is already held changes no privilege but still notifies the partner.
 */
import type { RuleId } from '../catalogue.ts';
import { OFFER_KINDS, ROLE_TEMPLATE, type OfferKind } from '../constants.ts';
import { allow, invalid, refuse, type Decision } from '../decision.ts';
import type { Effect } from '../effects.ts';
import type { CustomerTenant, Email, Mail, Offer, PartnerTenant, RelationshipVia, ResellerRequest, User } from '../types.ts';
import type { World } from '../world.ts';
import { otherPartnersOf, refuseByMembership } from './access.ts';
import type { Ctx } from './context.ts';
import { customerOrOwnFound, failed, newIdFor, oneOf, optBool, optStr, partnerAt, str, type Params } from './params.ts';
import { establishReseller, grantDap, relationshipFor } from './relationships.ts';
import { inOtherClouds, isNeither, mustBeCertified, notAGlobalAdminOf, switchItOn } from './details.ts';

const DEFAULT_PRODUCT = 'Office 365 E3';

export function createOffer(ctx: Ctx, actor: User, p: Params): Decision {
  const { world } = ctx;
  const partner = world.partnerOf(actor);
  if (partner === undefined) return invalid('NOT_A_PARTNER_USER', '/actor', 'Offers are created in Partner Center by partner users.');
  const kind = oneOf<OfferKind>(p['kind'], 'kind', OFFER_KINDS, 'delegated-admin');
  if (failed(kind)) return kind;
  const includes = kind === 'delegated-admin' ? true : optBool(p['includesDelegatedAdmin'], 'includesDelegatedAdmin', true);
  if (failed(includes)) return includes;
  const productParam = kind === 'delegated-admin' ? undefined : optStr(p['product'], 'product');
  if (failed(productParam)) return productParam;

  if (includes && !partner.certifiedForDap) return notCertified(partner);
  if (!actor.offerSwitch) {
    return refuse('OFFER_SWITCH_OFF', ['AGENT-OFFER-CREATORS'], switchItOn, actor);
  }
  const rules: RuleId[] = includes ? ['OFFER-CERTIFIED', 'AGENT-OFFER-CREATORS'] : ['AGENT-OFFER-CREATORS'];
  if (includes && partner.cloud === 'china-21vianet') rules.push('SCOPE-SOVEREIGN-CLOUD');

  if (kind === 'delegated-admin' && partner.delegatedAdminOfferId !== undefined) {
    rules.push('OFFER-REUSABLE');
    return allow(rules, [{ type: 'offer.reused', offerId: partner.delegatedAdminOfferId }]);
  }
  const id = newIdFor(p['offerId'], 'offerId', () => ctx.newId('offer'));
  if (failed(id)) return id;
  if (world.offers.has(id)) return invalid('ALREADY_EXISTS', '/offerId', `"${id}"`);

  world.tick(ctx.now);
  const product = kind === 'delegated-admin' ? undefined : (productParam ?? DEFAULT_PRODUCT);
  world.offers.set(id, { id, partnerId: partner.id, kind, includesDelegatedAdmin: includes, product, acceptedBy: new Set() });
  if (kind === 'delegated-admin') {
    partner.delegatedAdminOfferId = id;
    rules.push('OFFER-REUSABLE');
  } else if (includes) {
    rules.push('OFFER-BUNDLED');
  }
  return allow(rules, [{ type: 'offer.created', offerId: id }]);
}

export function createResellerRequest(ctx: Ctx, actor: User, p: Params): Decision {
  const { world } = ctx;
  const partner = world.partnerOf(actor);
  if (partner === undefined) return invalid('NOT_A_PARTNER_USER', '/actor', 'Reseller requests are created in Partner Center by partner users.');
  const withDap = optBool(p['withDap'], 'withDap', true);
  if (failed(withDap)) return withDap;
  if (!world.inAgentGroup(partner, actor, 'AdminAgents') && !world.inAgentGroup(partner, actor, 'SalesAgents')) {
    return refuseByMembership(world, partner, actor, 'NOT_ADMIN_OR_SALES_AGENT', ['RESELLER-REQUEST-ROLES'], isNeither);
  }
  if (withDap && !partner.certifiedForDap) return notCertified(partner);
  const rules: RuleId[] = withDap ? ['RESELLER-REQUEST-ROLES', 'RESELLER-LINK-PARTNER', 'OFFER-CERTIFIED'] : ['RESELLER-REQUEST-ROLES', 'RESELLER-LINK-PARTNER'];
  const existing = withDap ? partner.resellerRequestIds.withDap : partner.resellerRequestIds.withoutDap;
  if (existing !== undefined) return allow(rules, [{ type: 'resellerRequest.reused', requestId: existing }]);
  const id = newIdFor(p['requestId'], 'requestId', () => ctx.newId('resellerRequest'));
  if (failed(id)) return id;
  if (world.resellerRequests.has(id)) return invalid('ALREADY_EXISTS', '/requestId', `"${id}"`);

  world.tick(ctx.now);
  world.resellerRequests.set(id, { id, partnerId: partner.id, withDap, acceptedBy: new Set() });
  if (withDap) partner.resellerRequestIds.withDap = id;
  else partner.resellerRequestIds.withoutDap = id;
  return allow(rules, [{ type: 'resellerRequest.created', requestId: id }]);
}

export function acceptOffer(ctx: Ctx, actor: User, p: Params): Decision {
  const offerId = str(p['offerId'], 'offerId');
  if (failed(offerId)) return offerId;
  const offer = ctx.world.offers.get(offerId);
  if (offer === undefined) return invalid('UNKNOWN_OFFER', '/offerId', `"${offerId}"`);
  return accept(ctx, actor, p, offer, undefined);
}

export function acceptResellerRequest(ctx: Ctx, actor: User, p: Params): Decision {
  const requestId = str(p['requestId'], 'requestId');
  if (failed(requestId)) return requestId;
  const request = ctx.world.resellerRequests.get(requestId);
  if (request === undefined) return invalid('UNKNOWN_REQUEST', '/requestId', `"${requestId}"`);
  // RESELLER-LINK-PARTNER: what the email claimed is checked for sense, then ignored.
  if (p['claimedPartnerId'] !== undefined) {
    const claimed = partnerAt(ctx.world, p['claimedPartnerId'], 'claimedPartnerId');
    if (failed(claimed)) return claimed;
  }
  return accept(ctx, actor, p, undefined, request);
}

function accept(ctx: Ctx, actor: User, p: Params, offer: Offer | undefined, request: ResellerRequest | undefined): Decision {
  const { world } = ctx;
  const customerId = p['customerId'];
  const partner = world.partner((offer ?? request)!.partnerId)!;
  // Lookups first, checks after: see tenantFound in params.ts.
  const found = world.tenants.get(customerId as string);
  const pair = partner.relationships.get((customerId ?? actor.tenantId) as string);
  const customer = customerOrOwnFound(world, found, customerId, 'customerId', actor);
  if (failed(customer)) return customer;
  if (!isCustomerGlobalAdmin(world, actor, customer)) {
    return refuse('NOT_CUSTOMER_GLOBAL_ADMIN', ['CONSENT-BY-GLOBAL-ADMIN'], notAGlobalAdminOf, actor, customer);
  }
  if (partner.cloud !== customer.cloud) {
    return refuse('CLOUD_MISMATCH', ['SCOPE-SOVEREIGN-CLOUD'], inOtherClouds, partner, customer);
  }

  const effects: Effect[] = [];
  const rules: RuleId[] = ['CONSENT-BY-GLOBAL-ADMIN'];
  const others = otherPartnersOf(customer, pair);
  const r = relationshipFor(partner, customer);
  const hadRemoval = r.removals > 0;
  const withDap = offer !== undefined ? offer.includesDelegatedAdmin : request!.withDap;
  const resells = request !== undefined || offer!.kind !== 'delegated-admin';
  const via: RelationshipVia = request !== undefined ? 'reseller-request' : offer!.kind === 'delegated-admin' ? 'delegated-admin-offer' : offer!.kind;

  if (request !== undefined) rules.push('RESELLER-LINK-PARTNER');
  if (resells) {
    establishReseller(ctx, r, actor.id, via, effects);
    rules.push('RESELLER-CUSTOMER-LISTED');
  }
  if (withDap) {
    const before = effects.length;
    grantDap(ctx, r, actor.id, via, effects);
    rules.push('GRANT-ADMINAGENTS-GLOBAL', 'GRANT-HELPDESK-HELPDESKADMIN');
    if (effects.length > before && hadRemoval) rules.push('REVOKE-REGRANT');
  }
  if (offer !== undefined) {
    if (offer.acceptedBy.size > (offer.acceptedBy.has(customer.id) ? 1 : 0)) rules.push('OFFER-REUSABLE');
    offer.acceptedBy.add(customer.id);
    if (offer.kind !== 'delegated-admin') {
      if (withDap) rules.push('OFFER-BUNDLED');
      addCommerceSubscription(ctx, offer, customer, effects);
    }
  } else {
    request!.acceptedBy.add(customer.id);
  }
  if (others) rules.push('GRANT-MULTI-PARTNER');
  notifyPartner(ctx, partner, customer, offer, request, effects);
  rules.push('CONSENT-NOTIFY');
  return allow(rules, effects);
}

function addCommerceSubscription(ctx: Ctx, offer: Offer, customer: CustomerTenant, effects: Effect[]): void {
  const id = ctx.newId('commerceSubscription');
  const product = offer.product ?? DEFAULT_PRODUCT;
  const trial = offer.kind === 'trial-invitation';
  ctx.world.tick(ctx.now);
  ctx.world.commerceSubscriptions.set(id, { id, customerId: customer.id, partnerId: offer.partnerId, offerId: offer.id, product, trial });
  customer.commerceSubscriptionIds.push(id);
  effects.push({ type: 'commerceSubscription.created', subscriptionId: id, product, trial });
}

/** What an accepted offer is called in the subject of the email, by kind. */
const OFFER_WHAT: Readonly<Record<OfferKind, string>> = { 'delegated-admin': 'delegated administration offer', 'trial-invitation': 'trial invitation', 'purchase-offer': 'purchase offer' };

/** CONSENT-NOTIFY: the partner receives the customer's response by email (see `Mail` for what is kept, `emailOf` for what is shown). */
function notifyPartner(ctx: Ctx, partner: PartnerTenant, customer: CustomerTenant, offer: Offer | undefined, request: ResellerRequest | undefined, effects: Effect[]): void {
  const id = ctx.newId('email');
  const what = request !== undefined ? 'reseller relationship request' : OFFER_WHAT[offer!.kind];
  ctx.world.tick(ctx.now);
  partner.mailbox.push({ id, at: ctx.now, customerId: customer.id, customerName: customer.name, offerId: offer?.id, requestId: request?.id, what });
  effects.push({ type: 'mail.sent', emailId: id, partnerId: partner.id, customerId: customer.id });
}

/** The email a kept `Mail` stands for. */
export function emailOf(partner: PartnerTenant, m: Mail): Email {
  return {
    id: m.id, partnerId: partner.id, at: m.at, customerId: m.customerId, customerName: m.customerName, response: 'accepted',
    subject: `${m.customerName} accepted your ${m.what}`, offerId: m.offerId, requestId: m.requestId,
  };
}

function notCertified(partner: PartnerTenant) {
  const rules: RuleId[] = partner.cloud === 'china-21vianet' ? ['OFFER-CERTIFIED', 'SCOPE-SOVEREIGN-CLOUD'] : ['OFFER-CERTIFIED'];
  return refuse('PARTNER_NOT_CERTIFIED', rules, mustBeCertified, partner);
}

/** CONSENT-BY-GLOBAL-ADMIN: a user of the customer tenant holding Global Administrator explicitly. */
export function isCustomerGlobalAdmin(world: World, actor: User, customer: CustomerTenant): boolean {
  return actor.home === customer && world.holdsExplicitRole(actor, customer, ROLE_TEMPLATE.GlobalAdministrator);
}
