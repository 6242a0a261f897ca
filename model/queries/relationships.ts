/**
 * Where relationships are visible: the customer's Partner relationships page
 * (LIST-PARTNER-RELATIONSHIPS, LIST-PAGE-GLOBAL-ADMIN), the partner's customer list
 * (RESELLER-CUSTOMER-LISTED, REVOKE-KEEPS-RESELLER), the partner's mailbox (CONSENT-NOTIFY), where
 * the partner finds its offer (OFFER-NAV-100), and the bundles' subscriptions (OFFER-BUNDLED).
 */
import type { RuleId } from '../catalogue.ts';
import { OFFER_NAV, OFFER_NAV_THRESHOLD } from '../constants.ts';
import { allowResult, invalid, isNo, refuse, type Decision } from '../decision.ts';
import { refuseByMembership } from '../rules/access.ts';
import { pageDenied } from '../rules/removal.ts';
import { isActive } from '../rules/relationships.ts';
import { emailOf } from '../rules/offers.ts';
import { customerAt, customerOrOwn, failed, type Params } from '../rules/params.ts';
import type { Email, PartnerTenant, User } from '../types.ts';
import type { World } from '../world.ts';

export interface PartnerRelationshipView {
  readonly partnerId: string;
  readonly partnerName: string;
  readonly reseller: boolean;
  /** The DAP mark of the page. */
  readonly delegatedAdmin: boolean;
}

export interface CustomerView {
  readonly customerId: string;
  readonly companyName: string;
  readonly defaultDomain: string;
  readonly relationshipToPartner: 'reseller' | 'none';
  readonly allowDelegatedAccess: boolean;
}

export interface OfferLocationView {
  readonly path: string;
  readonly customerCount: number;
  readonly offerId: string | undefined;
}

export function partnerRelationships(world: World, actor: User, p: Params): Decision<PartnerRelationshipView[]> {
  const customer = customerOrOwn(world, p['customerId'], 'customerId', actor);
  if (failed(customer)) return customer;
  const denied = pageDenied(world, actor, customer);
  if (denied !== undefined) return { ...denied, rules: ['LIST-PAGE-GLOBAL-ADMIN'] };
  const rows: PartnerRelationshipView[] = [];
  let keptReseller = false;
  for (const r of customer.relationships.values()) {
    if (!isActive(r)) continue;
    if (r.reseller && !r.dap && r.removals > 0) keptReseller = true;
    rows.push({ partnerId: r.partnerId, partnerName: world.tenants.get(r.partnerId)!.name, reseller: r.reseller, delegatedAdmin: r.dap });
  }
  const rules: RuleId[] = ['LIST-PARTNER-RELATIONSHIPS', 'LIST-PAGE-GLOBAL-ADMIN'];
  if (keptReseller) rules.push('REVOKE-KEEPS-RESELLER');
  return allowResult(rules, rows);
}

/** A partner user in any of the three agent groups sees the partner's customers. */
function partnerAgent(world: World, actor: User): PartnerTenant | ReturnType<typeof refuse> | ReturnType<typeof invalid> {
  const partner = world.partnerOf(actor);
  if (partner === undefined) return invalid('NOT_A_PARTNER_USER', '/actor');
  if (world.inAgentGroup(partner, actor, 'AdminAgents') || world.inAgentGroup(partner, actor, 'HelpdeskAgents') || world.inAgentGroup(partner, actor, 'SalesAgents')) return partner;
  return refuseByMembership(world, partner, actor, 'NOT_AN_AGENT', ['AGENT-GROUPS'], 'Partner Center shows customers to Admin, Helpdesk and Sales agents.');
}

function customerView(world: World, partner: PartnerTenant, customerId: string): CustomerView {
  const c = world.customer(customerId)!;
  const r = partner.relationships.get(customerId)!;
  return { customerId, companyName: c.name, defaultDomain: c.defaultDomain, relationshipToPartner: r.reseller ? 'reseller' : 'none', allowDelegatedAccess: r.dap };
}

export function partnerCustomers(world: World, actor: User, _p: Params): Decision<CustomerView[]> {
  const partner = partnerAgent(world, actor);
  if (isNo(partner)) return partner;
  const rows: CustomerView[] = [];
  let keptReseller = false;
  for (const r of partner.relationships.values()) {
    if (!isActive(r)) continue;
    if (r.reseller && !r.dap && r.removals > 0) keptReseller = true;
    rows.push(customerView(world, partner, r.customerId));
  }
  return allowResult(keptReseller ? ['RESELLER-CUSTOMER-LISTED', 'REVOKE-KEEPS-RESELLER'] : ['RESELLER-CUSTOMER-LISTED'], rows);
}

/** One customer, as Partner Center's get-by-id shows it (with allowDelegatedAccess). */
export function partnerCustomer(world: World, actor: User, p: Params): Decision<CustomerView> {
  const partner = partnerAgent(world, actor);
  if (isNo(partner)) return partner;
  const customer = customerAt(world, p['customerId'], 'customerId');
  if (failed(customer)) return customer;
  const r = partner.relationships.get(customer.id);
  if (!isActive(r)) return refuse('NO_RELATIONSHIP', ['RESELLER-CUSTOMER-LISTED'], `"${customer.name}" is not in the customer list of "${partner.name}".`);
  return allowResult(['RESELLER-CUSTOMER-LISTED'], customerView(world, partner, customer.id));
}

export function mailbox(world: World, actor: User, _p: Params): Decision<Email[]> {
  const partner = world.partnerOf(actor);
  if (partner === undefined) return invalid('NOT_A_PARTNER_USER', '/actor', 'The mailbox is the partner’s.');
  return allowResult(['CONSENT-NOTIFY'], partner.mailbox.map((m) => emailOf(partner, m)));
}

export function offerLocation(world: World, actor: User, _p: Params): Decision<OfferLocationView> {
  const partner = world.partnerOf(actor);
  if (partner === undefined) return invalid('NOT_A_PARTNER_USER', '/actor', 'Only partners have a delegated-admin offer.');
  const customerCount = world.listedCustomerCount(partner);
  const path = customerCount >= OFFER_NAV_THRESHOLD ? OFFER_NAV.large : OFFER_NAV.small;
  return allowResult(['OFFER-NAV-100'], { path, customerCount, offerId: partner.delegatedAdminOfferId });
}

export interface CommerceSubscriptionView {
  readonly id: string;
  readonly partnerId: string;
  readonly offerId: string;
  readonly product: string;
  readonly trial: boolean;
}

/** The trial or purchased subscriptions bundles gave the customer; seen by its Global admins and its partners. */
export function commerceSubscriptions(world: World, actor: User, p: Params): Decision<CommerceSubscriptionView[]> {
  const customer = customerOrOwn(world, p['customerId'], 'customerId', actor);
  if (failed(customer)) return customer;
  const partner = world.partnerOf(actor);
  if (partner === undefined) {
    const denied = pageDenied(world, actor, customer);
    if (denied !== undefined) return denied;
  } else if (!isActive(partner.relationships.get(customer.id))) {
    return refuse('NO_RELATIONSHIP', ['RESELLER-CUSTOMER-LISTED']);
  }
  const rows = customer.commerceSubscriptionIds.map((id) => world.commerceSubscriptions.get(id)!)
    .filter((s) => partner === undefined || s.partnerId === partner.id)
    .map((s) => ({ id: s.id, partnerId: s.partnerId, offerId: s.offerId, product: s.product, trial: s.trial }));
  return allowResult(['OFFER-BUNDLED'], rows);
}
