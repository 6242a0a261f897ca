import { describe, expect, it } from 'vitest';
import { OFFER_NAV, setup } from '../index.ts';
import {
  A, B, C1, C2, act, baseWorld, becomeReseller, createdId, expectAllowed, expectInvalid, expectRefused, expectUnchanged, grantDap, look, must, removeDapAsCustomer, seen,
} from '../../test/fixture.ts';
import { emailOf } from './offers.ts';
import type { World } from '../world.ts';
import { historyOf } from './relationships.ts';

/** The partner's mailbox as its users read it: the kept records, as emails. */
const mails = (world: World, partnerId: string) => world.partner(partnerId)!.mailbox.map((m) => emailOf(world.partner(partnerId)!, m));

describe('OFFER-CERTIFIED', () => {
  it('OFFER-CERTIFIED: a certified partner creates a delegated-admin offer', () => {
    const world = baseWorld();
    expectAllowed(act(world, 'a-admin', { type: 'createOffer' }), 'OFFER-CERTIFIED', 'AGENT-OFFER-CREATORS');
  });

  it('OFFER-CERTIFIED: an uncertified partner is refused and nothing changes', () => {
    const world = baseWorld({ partnerACertified: false });
    const d = expectUnchanged(world, () => act(world, 'a-admin', { type: 'createOffer' }));
    expectRefused(d, 'PARTNER_NOT_CERTIFIED', 'OFFER-CERTIFIED');
  });

  it('OFFER-CERTIFIED: an uncertified partner cannot put DAP into a trial invitation or a reseller request either', () => {
    const world = baseWorld({ partnerACertified: false });
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'createOffer', kind: 'trial-invitation' })), 'PARTNER_NOT_CERTIFIED', 'OFFER-CERTIFIED');
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'createResellerRequest', withDap: true })), 'PARTNER_NOT_CERTIFIED', 'OFFER-CERTIFIED');
  });

  it('OFFER-CERTIFIED: without DAP in it, a trial invitation or reseller request needs no certification', () => {
    const world = baseWorld({ partnerACertified: false });
    const trial = act(world, 'a-admin', { type: 'createOffer', kind: 'trial-invitation', includesDelegatedAdmin: false });
    expectAllowed(trial, 'AGENT-OFFER-CREATORS');
    expect(trial.rules).not.toContain('OFFER-CERTIFIED');
    expectAllowed(act(world, 'a-admin', { type: 'createResellerRequest', withDap: false }), 'RESELLER-REQUEST-ROLES');
  });
});

describe('OFFER-REUSABLE', () => {
  it('OFFER-REUSABLE: the same offer link is accepted by two customers, each granting DAP for itself only', () => {
    const world = baseWorld();
    const offerId = createdId(act(world, 'a-admin', { type: 'createOffer' }), 'offerId');
    const first = act(world, 'c1-ga', { type: 'acceptOffer', offerId });
    expectAllowed(first, 'CONSENT-BY-GLOBAL-ADMIN');
    expect(first.rules).not.toContain('OFFER-REUSABLE');
    expect(world.relationship(A, C2)).toBeUndefined();
    const second = act(world, 'c2-ga', { type: 'acceptOffer', offerId });
    expectAllowed(second, 'OFFER-REUSABLE');
    expect(world.relationship(A, C1)?.dap).toBe(true);
    expect(world.relationship(A, C2)?.dap).toBe(true);
    expect(world.relationship(B, C1)).toBeUndefined();
  });

  it('OFFER-REUSABLE: creating the offer again returns the same offer, not a new one', () => {
    const world = baseWorld();
    const first = createdId(act(world, 'a-admin', { type: 'createOffer' }), 'offerId');
    const again = act(world, 'a-admin', { type: 'createOffer' });
    expectAllowed(again, 'OFFER-REUSABLE');
    expect(again.outcome === 'allowed' && again.effects).toEqual([{ type: 'offer.reused', offerId: first }]);
    expect(world.offers.size).toBe(1);
  });
});

describe('OFFER-BUNDLED', () => {
  it('OFFER-BUNDLED: accepting a trial invitation with the offer grants DAP and the trial subscription', () => {
    const world = baseWorld();
    const offerId = createdId(act(world, 'a-admin', { type: 'createOffer', kind: 'trial-invitation', product: 'Microsoft 365 E5' }), 'offerId');
    const d = act(world, 'c1-ga', { type: 'acceptOffer', offerId });
    expectAllowed(d, 'OFFER-BUNDLED', 'GRANT-ADMINAGENTS-GLOBAL');
    expect(world.relationship(A, C1)).toMatchObject({ dap: true, reseller: true });
    expect(seen(world, 'c1-ga', { type: 'commerceSubscriptions' })).toEqual([expect.objectContaining({ product: 'Microsoft 365 E5', trial: true, partnerId: A })]);
  });

  it('OFFER-BUNDLED: a purchase offer carries a paid subscription besides DAP', () => {
    const world = baseWorld();
    const offerId = createdId(act(world, 'a-admin', { type: 'createOffer', kind: 'purchase-offer' }), 'offerId');
    expectAllowed(act(world, 'c1-ga', { type: 'acceptOffer', offerId }), 'OFFER-BUNDLED');
    expect(seen(world, 'a-admin', { type: 'commerceSubscriptions', customerId: C1 })).toEqual([expect.objectContaining({ trial: false })]);
  });

  it('OFFER-BUNDLED: a bundle without the offer carries its subscription but grants no DAP', () => {
    const world = baseWorld();
    const offerId = createdId(act(world, 'a-admin', { type: 'createOffer', kind: 'trial-invitation', includesDelegatedAdmin: false }), 'offerId');
    const d = act(world, 'c1-ga', { type: 'acceptOffer', offerId });
    expectAllowed(d);
    expect(d.rules).not.toContain('OFFER-BUNDLED');
    expect(world.relationship(A, C1)).toMatchObject({ dap: false, reseller: true });
    expectRefused(act(world, 'a-admin', { type: 'addUser', tenantId: C1, userPrincipalName: `x@${world.tenant(C1)!.defaultDomain}`, displayName: 'X' }), 'NO_DAP', 'CONSENT-REQUIRED');
  });
});

describe('OFFER-NAV-100', () => {
  function partnerWithCustomers(n: number) {
    const world = baseWorld();
    for (let i = 0; i < n; i++) {
      const id = must(setup.addCustomer(world, { id: `nav-${i}`, name: `Nav ${i}` }));
      must(setup.relate(world, { partnerId: B, customerId: id, reseller: true, dap: i % 2 === 0 }));
    }
    return world;
  }

  it('OFFER-NAV-100: with 99 customers the partner goes to "Build your business > delegate admin offer"', () => {
    const d = look(partnerWithCustomers(99), 'b-admin', { type: 'offerLocation' });
    expectAllowed(d, 'OFFER-NAV-100');
    expect(d.outcome === 'allowed' && d.result).toMatchObject({ path: OFFER_NAV.small, customerCount: 99 });
  });

  it('OFFER-NAV-100: with exactly 100 customers the English text ("100 or more") sends it to Partner overview, not the French "more than 100"', () => {
    const d = look(partnerWithCustomers(100), 'b-admin', { type: 'offerLocation' });
    expect(d.outcome === 'allowed' && d.result).toMatchObject({ path: OFFER_NAV.large, customerCount: 100 });
  });

  it('OFFER-NAV-100: with 101 customers the partner goes to "Partner overview > Send delegated administration offers"', () => {
    const d = look(partnerWithCustomers(101), 'b-admin', { type: 'offerLocation' });
    expect(d.outcome === 'allowed' && d.result).toMatchObject({ path: OFFER_NAV.large, customerCount: 101 });
  });

  it('OFFER-NAV-100: the count follows acceptances made through actions, crossing the boundary at the 100th', () => {
    const world = partnerWithCustomers(99);
    expect(seen(world, 'b-admin', { type: 'offerLocation' }).path).toBe(OFFER_NAV.small);
    grantDap(world, 'b', 'c1');
    expect(seen(world, 'b-admin', { type: 'offerLocation' })).toMatchObject({ path: OFFER_NAV.large, customerCount: 100 });
  });
});

describe('CONSENT-REQUIRED', () => {
  it('CONSENT-REQUIRED: agents in AdminAgents can do nothing in a customer that has not accepted', () => {
    const world = baseWorld();
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'signIn', tenantId: C1 })), 'NO_DAP', 'CONSENT-REQUIRED');
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'resetPassword', tenantId: C1, userId: 'c1-user' })), 'NO_DAP', 'CONSENT-REQUIRED');
  });

  it('CONSENT-REQUIRED: a reseller relationship without DAP grants no directory rights either', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1', false);
    expectRefused(act(world, 'a-admin', { type: 'signIn', tenantId: C1 }), 'NO_DAP', 'CONSENT-REQUIRED');
  });

  it('CONSENT-REQUIRED: after acceptance the same agent can act', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    expectAllowed(act(world, 'a-admin', { type: 'signIn', tenantId: C1 }), 'GRANT-SIGNIN');
  });
});

describe('CONSENT-NOTIFY', () => {
  it("CONSENT-NOTIFY: the partner's mailbox gets an email naming the customer when it accepts", () => {
    const world = baseWorld();
    expect(seen(world, 'a-admin', { type: 'mailbox' })).toEqual([]);
    const offerId = createdId(act(world, 'a-admin', { type: 'createOffer' }), 'offerId');
    const d = act(world, 'c1-ga', { type: 'acceptOffer', offerId }, { now: '2026-03-04T05:06:07.000Z' });
    expectAllowed(d, 'CONSENT-NOTIFY');
    const mails = seen(world, 'a-plain', { type: 'mailbox' });
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ customerId: C1, customerName: 'Northwind Traders', response: 'accepted', offerId, at: '2026-03-04T05:06:07.000Z' });
    expect(seen(world, 'b-admin', { type: 'mailbox' })).toEqual([]);
  });

  it('CONSENT-NOTIFY: a refused acceptance sends no email', () => {
    const world = baseWorld();
    const offerId = createdId(act(world, 'a-admin', { type: 'createOffer' }), 'offerId');
    expectRefused(act(world, 'c1-user', { type: 'acceptOffer', offerId }), 'NOT_CUSTOMER_GLOBAL_ADMIN', 'CONSENT-BY-GLOBAL-ADMIN');
    expect(seen(world, 'a-admin', { type: 'mailbox' })).toEqual([]);
  });
});

describe('CONSENT-BY-GLOBAL-ADMIN', () => {
  it('CONSENT-BY-GLOBAL-ADMIN: a Global admin of the customer accepts', () => {
    const world = baseWorld();
    const offerId = createdId(act(world, 'a-admin', { type: 'createOffer' }), 'offerId');
    expectAllowed(act(world, 'c1-ga', { type: 'acceptOffer', offerId }), 'CONSENT-BY-GLOBAL-ADMIN');
  });

  it('CONSENT-BY-GLOBAL-ADMIN: a Helpdesk Administrator, a User Administrator and a plain user cannot accept, and nothing changes', () => {
    const world = baseWorld();
    const offerId = createdId(act(world, 'a-admin', { type: 'createOffer' }), 'offerId');
    for (const actor of ['c1-helpdesk', 'c1-useradmin', 'c1-user']) {
      expectRefused(expectUnchanged(world, () => act(world, actor, { type: 'acceptOffer', offerId })), 'NOT_CUSTOMER_GLOBAL_ADMIN', 'CONSENT-BY-GLOBAL-ADMIN');
    }
  });

  it("CONSENT-BY-GLOBAL-ADMIN: another partner's Admin agent holding implicit Global Administrator cannot consent for the customer", () => {
    const world = baseWorld();
    grantDap(world, 'b', 'c1');
    const offerId = createdId(act(world, 'a-admin', { type: 'createOffer' }), 'offerId');
    expectRefused(expectUnchanged(world, () => act(world, 'b-admin', { type: 'acceptOffer', offerId, customerId: C1 })), 'NOT_CUSTOMER_GLOBAL_ADMIN', 'CONSENT-BY-GLOBAL-ADMIN');
  });

  it("CONSENT-BY-GLOBAL-ADMIN: a customer's Global admin cannot accept for another customer", () => {
    const world = baseWorld();
    const offerId = createdId(act(world, 'a-admin', { type: 'createOffer' }), 'offerId');
    expectRefused(expectUnchanged(world, () => act(world, 'c2-ga', { type: 'acceptOffer', offerId, customerId: C1 })), 'NOT_CUSTOMER_GLOBAL_ADMIN');
  });
});

describe('RESELLER-REQUEST-ROLES', () => {
  it('RESELLER-REQUEST-ROLES: an Admin agent and a Sales agent create a reseller request', () => {
    const world = baseWorld();
    expectAllowed(act(world, 'a-admin', { type: 'createResellerRequest' }), 'RESELLER-REQUEST-ROLES');
    expectAllowed(act(world, 'a-sales', { type: 'createResellerRequest', withDap: false }), 'RESELLER-REQUEST-ROLES');
  });

  it('RESELLER-REQUEST-ROLES: a Helpdesk agent and a user in no group are refused, and nothing changes', () => {
    const world = baseWorld();
    for (const actor of ['a-helpdesk', 'a-plain', 'a-ga']) {
      expectRefused(expectUnchanged(world, () => act(world, actor, { type: 'createResellerRequest' })), 'NOT_ADMIN_OR_SALES_AGENT', 'RESELLER-REQUEST-ROLES');
    }
  });
});

describe('RESELLER-LINK-PARTNER', () => {
  it("RESELLER-LINK-PARTNER: accepting A's link relates the customer to A even when the email claimed to be from B", () => {
    const world = baseWorld();
    const requestId = createdId(act(world, 'a-admin', { type: 'createResellerRequest' }), 'requestId');
    const d = act(world, 'c1-ga', { type: 'acceptResellerRequest', requestId, claimedPartnerId: B });
    expectAllowed(d, 'RESELLER-LINK-PARTNER');
    expect(world.relationship(A, C1)).toMatchObject({ reseller: true, dap: true });
    expect(world.relationship(B, C1)).toBeUndefined();
    expect(seen(world, 'c1-ga', { type: 'partnerRelationships' }).map((r) => r.partnerId)).toEqual([A]);
  });

  it('RESELLER-LINK-PARTNER: the link is one per partner and DAP choice', () => {
    const world = baseWorld();
    const first = createdId(act(world, 'a-admin', { type: 'createResellerRequest' }), 'requestId');
    const again = act(world, 'a-sales', { type: 'createResellerRequest' });
    expect(again.outcome === 'allowed' && again.effects).toEqual([{ type: 'resellerRequest.reused', requestId: first }]);
    expect(createdId(act(world, 'a-sales', { type: 'createResellerRequest', withDap: false }), 'requestId')).not.toBe(first);
  });
});

describe('RESELLER-CUSTOMER-LISTED', () => {
  it("RESELLER-CUSTOMER-LISTED: the accepting customer appears in the partner's customer list, and only then", () => {
    const world = baseWorld();
    expect(seen(world, 'a-sales', { type: 'partnerCustomers' })).toEqual([]);
    becomeReseller(world, 'a', 'c1', false);
    const list = look(world, 'a-sales', { type: 'partnerCustomers' });
    expectAllowed(list, 'RESELLER-CUSTOMER-LISTED');
    expect(list.outcome === 'allowed' && list.result).toEqual([
      { customerId: C1, companyName: 'Northwind Traders', defaultDomain: world.tenant(C1)!.defaultDomain, relationshipToPartner: 'reseller', allowDelegatedAccess: false },
    ]);
    expect(seen(world, 'b-sales', { type: 'partnerCustomers' })).toEqual([]);
  });

  it('RESELLER-CUSTOMER-LISTED: once listed, the partner can provision a service for it; before, it cannot', () => {
    const world = baseWorld();
    expectRefused(act(world, 'a-admin', { type: 'provisionAzureSubscription', customerId: C1 }), 'NO_RESELLER_RELATIONSHIP');
    becomeReseller(world, 'a', 'c1', false);
    expectAllowed(act(world, 'a-admin', { type: 'provisionAzureSubscription', customerId: C1 }), 'RESELLER-CUSTOMER-LISTED');
  });

  it('RESELLER-CUSTOMER-LISTED: a customer outside the list is refused by get-by-id', () => {
    const world = baseWorld();
    expectRefused(look(world, 'a-admin', { type: 'partnerCustomer', customerId: C2 }), 'NO_RELATIONSHIP', 'RESELLER-CUSTOMER-LISTED');
  });
});

describe('acceptance input', () => {
  it('an unknown offer id is invalid and changes nothing', () => {
    const world = baseWorld();
    expectInvalid(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'acceptOffer', offerId: 'nope' })), 'UNKNOWN_OFFER', '/offerId');
  });

  it('a partner user must name the customer', () => {
    const world = baseWorld();
    const offerId = createdId(act(world, 'a-admin', { type: 'createOffer' }), 'offerId');
    expectInvalid(expectUnchanged(world, () => act(world, 'b-admin', { type: 'acceptOffer', offerId })), 'MALFORMED', '/customerId');
  });
});

// Whole decisions, exactly: the rules named, the effects and the records written. The ids the world
// derives are checked against a twin world built the same way (same steps, same derived ids).
describe('offers and acceptances, exactly', () => {
  it('OFFER-REUSABLE: the first delegated-admin offer is created with a derived offer id, and the record says what it is', () => {
    const world = baseWorld();
    const twin = baseWorld();
    const d = act(world, 'a-admin', { type: 'createOffer', includesDelegatedAdmin: false, product: 42 } as never);
    const offerId = twin.nextId('offer');
    expect(d).toEqual({ outcome: 'allowed', rules: ['OFFER-CERTIFIED', 'AGENT-OFFER-CREATORS', 'OFFER-REUSABLE'], effects: [{ type: 'offer.created', offerId }], result: undefined });
    expect(world.offers.get(offerId)).toEqual({ id: offerId, partnerId: A, kind: 'delegated-admin', includesDelegatedAdmin: true, product: undefined, acceptedBy: new Set() });
    expect(world.partner(A)!.delegatedAdminOfferId).toBe(offerId);
    expect(act(world, 'a-admin', { type: 'createOffer' })).toEqual({ outcome: 'allowed', rules: ['OFFER-CERTIFIED', 'AGENT-OFFER-CREATORS', 'OFFER-REUSABLE'], effects: [{ type: 'offer.reused', offerId }], result: undefined });
  });

  it('OFFER-BUNDLED: a trial invitation carries DAP by default and Office 365 E3 unless a product is named; without DAP it names no bundle', () => {
    const world = baseWorld({ partnerACertified: false });
    const twin = baseWorld({ partnerACertified: false });
    expectRefused(act(world, 'a-admin', { type: 'createOffer', kind: 'trial-invitation' }), 'PARTNER_NOT_CERTIFIED', 'OFFER-CERTIFIED');
    const plain = act(world, 'a-admin', { type: 'createOffer', kind: 'trial-invitation', includesDelegatedAdmin: false });
    const plainId = twin.nextId('offer');
    expect(plain).toEqual({ outcome: 'allowed', rules: ['AGENT-OFFER-CREATORS'], effects: [{ type: 'offer.created', offerId: plainId }], result: undefined });
    expect(world.offers.get(plainId)).toMatchObject({ kind: 'trial-invitation', includesDelegatedAdmin: false, product: 'Office 365 E3' });
    expect(world.partner(A)!.delegatedAdminOfferId).toBeUndefined();

    const certified = baseWorld();
    const bundled = act(certified, 'b-admin', { type: 'createOffer', kind: 'purchase-offer', product: 'Microsoft 365 E5', offerId: 'po-1' });
    expect(bundled).toEqual({ outcome: 'allowed', rules: ['OFFER-CERTIFIED', 'AGENT-OFFER-CREATORS', 'OFFER-BUNDLED'], effects: [{ type: 'offer.created', offerId: 'po-1' }], result: undefined });
    expect(certified.offers.get('po-1')).toEqual({ id: 'po-1', partnerId: B, kind: 'purchase-offer', includesDelegatedAdmin: true, product: 'Microsoft 365 E5', acceptedBy: new Set() });
    expect(certified.partner(B)!.delegatedAdminOfferId).toBeUndefined();
  });

  it('an offer id already used is ALREADY_EXISTS, an empty one MALFORMED, a bad product MALFORMED; nothing changes', () => {
    const world = baseWorld();
    expectAllowed(act(world, 'a-admin', { type: 'createOffer', kind: 'trial-invitation', offerId: 'o-1' }));
    expect(expectUnchanged(world, () => act(world, 'a-admin', { type: 'createOffer', kind: 'purchase-offer', offerId: 'o-1' }))).toMatchObject({ outcome: 'invalid', code: 'ALREADY_EXISTS', path: '/offerId', message: 'An object with this id or unique name already exists. "o-1"' });
    expectInvalid(expectUnchanged(world, () => act(world, 'a-admin', { type: 'createOffer', kind: 'purchase-offer', offerId: '' })), 'MALFORMED', '/offerId');
    expectInvalid(expectUnchanged(world, () => act(world, 'a-admin', { type: 'createOffer', kind: 'purchase-offer', product: 7 } as never)), 'MALFORMED', '/product');
    expectInvalid(expectUnchanged(world, () => act(world, 'a-admin', { type: 'createOffer', kind: 'purchase-offer', includesDelegatedAdmin: 'yes' } as never)), 'MALFORMED', '/includesDelegatedAdmin');
    // A delegated-admin offer takes neither: they are ignored.
    expectAllowed(act(world, 'a-admin', { type: 'createOffer', kind: 'delegated-admin', product: 7, includesDelegatedAdmin: 'yes' } as never), 'OFFER-REUSABLE');
  });

  it('AGENT-OFFER-CREATORS: the refusal names the user whose switch is off; a customer user is no partner user at all', () => {
    const world = baseWorld();
    const d = expectUnchanged(world, () => act(world, 'a-helpdesk', { type: 'createOffer' }));
    expect(d).toEqual(expect.objectContaining({ outcome: 'refused', code: 'OFFER_SWITCH_OFF', rules: ['AGENT-OFFER-CREATORS'], message: `The user does not have 'administrative access to companies you support' switched on. Switch it on for "helpdesk@${world.tenant(A)!.defaultDomain}" first.` }));
    expect(act(world, 'c1-ga', { type: 'createOffer' })).toMatchObject({ outcome: 'invalid', code: 'NOT_A_PARTNER_USER', path: '/actor', message: 'The actor is a customer user where a partner user is needed. Offers are created in Partner Center by partner users.' });
    expect(act(world, 'c1-ga', { type: 'createResellerRequest' })).toMatchObject({ outcome: 'invalid', code: 'NOT_A_PARTNER_USER', path: '/actor', message: 'The actor is a customer user where a partner user is needed. Reseller requests are created in Partner Center by partner users.' });
    expect(act(baseWorld({ partnerACertified: false }), 'a-admin', { type: 'createOffer' })).toMatchObject({ code: 'PARTNER_NOT_CERTIFIED', rules: ['OFFER-CERTIFIED'], message: 'The partner is not certified to offer delegated administration in its cloud. "Contoso Partners" (global) must be certified first.' });
  });

  it('RESELLER-LINK-PARTNER: one request per partner and DAP choice, each created once with a derived id, then reused', () => {
    const world = baseWorld();
    const twin = baseWorld();
    const without = act(world, 'a-sales', { type: 'createResellerRequest', withDap: false });
    const withoutId = twin.nextId('resellerRequest');
    expect(without).toEqual({ outcome: 'allowed', rules: ['RESELLER-REQUEST-ROLES', 'RESELLER-LINK-PARTNER'], effects: [{ type: 'resellerRequest.created', requestId: withoutId }], result: undefined });
    const withDap = act(world, 'a-admin', { type: 'createResellerRequest' });
    const withId = twin.nextId('resellerRequest');
    expect(withDap).toEqual({ outcome: 'allowed', rules: ['RESELLER-REQUEST-ROLES', 'RESELLER-LINK-PARTNER', 'OFFER-CERTIFIED'], effects: [{ type: 'resellerRequest.created', requestId: withId }], result: undefined });
    expect(world.resellerRequests.get(withoutId)).toEqual({ id: withoutId, partnerId: A, withDap: false, acceptedBy: new Set() });
    expect(world.resellerRequests.get(withId)).toEqual({ id: withId, partnerId: A, withDap: true, acceptedBy: new Set() });
    expect(world.partner(A)!.resellerRequestIds).toEqual({ withDap: withId, withoutDap: withoutId });
    expect(act(world, 'a-admin', { type: 'createResellerRequest', withDap: false })).toMatchObject({ effects: [{ type: 'resellerRequest.reused', requestId: withoutId }] });
    expect(act(world, 'a-admin', { type: 'createResellerRequest', withDap: true })).toMatchObject({ effects: [{ type: 'resellerRequest.reused', requestId: withId }] });
  });

  it('RESELLER-REQUEST-ROLES: a named request id is used; one already taken is ALREADY_EXISTS; the refusal names the user', () => {
    const world = baseWorld();
    expect(act(world, 'a-admin', { type: 'createResellerRequest', requestId: 'rr-1' })).toMatchObject({ effects: [{ type: 'resellerRequest.created', requestId: 'rr-1' }] });
    expect(expectUnchanged(world, () => act(world, 'b-admin', { type: 'createResellerRequest', requestId: 'rr-1' }))).toMatchObject({ outcome: 'invalid', code: 'ALREADY_EXISTS', path: '/requestId', message: 'An object with this id or unique name already exists. "rr-1"' });
    expectInvalid(expectUnchanged(world, () => act(world, 'b-admin', { type: 'createResellerRequest', requestId: '' })), 'MALFORMED', '/requestId');
    expect(expectUnchanged(world, () => act(world, 'a-plain', { type: 'createResellerRequest' }))).toMatchObject({ outcome: 'refused', code: 'NOT_ADMIN_OR_SALES_AGENT', rules: ['RESELLER-REQUEST-ROLES'], message: `Only an Admin agent or a Sales agent of the partner may do this. "plain@${world.tenant(A)!.defaultDomain}" is neither.` });
  });

  it('CONSENT-NOTIFY: accepting the delegated-admin offer grants DAP and mails the partner, exactly', () => {
    const world = baseWorld();
    const twin = baseWorld();
    const offerId = createdId(act(world, 'a-admin', { type: 'createOffer' }), 'offerId');
    twin.nextId('offer');
    const d = act(world, 'c1-ga', { type: 'acceptOffer', offerId }, { now: '2026-03-04T05:06:07.000Z' });
    const emailId = twin.nextId('email');
    expect(d).toEqual({
      outcome: 'allowed', result: undefined,
      rules: ['CONSENT-BY-GLOBAL-ADMIN', 'GRANT-ADMINAGENTS-GLOBAL', 'GRANT-HELPDESK-HELPDESKADMIN', 'CONSENT-NOTIFY'],
      effects: [{ type: 'relationship.dapGranted', partnerId: A, customerId: C1 }, { type: 'mail.sent', emailId, partnerId: A, customerId: C1 }],
    });
    expect(mails(world, A)).toEqual([{ id: emailId, partnerId: A, at: '2026-03-04T05:06:07.000Z', customerId: C1, customerName: 'Northwind Traders', response: 'accepted', subject: 'Northwind Traders accepted your delegated administration offer', offerId, requestId: undefined }]);
    expect(historyOf(world.relationship(A, C1)!)).toEqual([expect.objectContaining({ type: 'dap-granted', via: 'delegated-admin-offer', by: 'c1-ga' })]);
    expect(world.commerceSubscriptions.size).toBe(0);
    expect(world.offers.get(offerId)!.acceptedBy).toEqual(new Set([C1]));
  });

  it('OFFER-BUNDLED: accepting a trial invitation lists the customer, grants DAP, adds the trial subscription and mails the partner, exactly', () => {
    const world = baseWorld();
    const twin = baseWorld();
    grantDap(world, 'a', 'c1');
    grantDap(twin, 'a', 'c1');
    const offerId = createdId(act(world, 'b-admin', { type: 'createOffer', kind: 'trial-invitation' }), 'offerId');
    twin.nextId('offer');
    const d = act(world, 'c1-ga', { type: 'acceptOffer', offerId });
    const subscriptionId = twin.nextId('commerceSubscription');
    const emailId = twin.nextId('email');
    expect(d).toEqual({
      outcome: 'allowed', result: undefined,
      rules: ['CONSENT-BY-GLOBAL-ADMIN', 'RESELLER-CUSTOMER-LISTED', 'GRANT-ADMINAGENTS-GLOBAL', 'GRANT-HELPDESK-HELPDESKADMIN', 'OFFER-BUNDLED', 'GRANT-MULTI-PARTNER', 'CONSENT-NOTIFY'],
      effects: [
        { type: 'relationship.resellerEstablished', partnerId: B, customerId: C1 },
        { type: 'relationship.dapGranted', partnerId: B, customerId: C1 },
        { type: 'commerceSubscription.created', subscriptionId, product: 'Office 365 E3', trial: true },
        { type: 'mail.sent', emailId, partnerId: B, customerId: C1 },
      ],
    });
    expect(world.commerceSubscriptions.get(subscriptionId)).toEqual({ id: subscriptionId, customerId: C1, partnerId: B, offerId, product: 'Office 365 E3', trial: true });
    expect(world.customer(C1)!.commerceSubscriptionIds).toEqual([subscriptionId]);
    expect(mails(world, B).at(-1)!.subject).toBe('Northwind Traders accepted your trial invitation');
    expect(historyOf(world.relationship(B, C1)!).map((e) => e.via)).toEqual(['trial-invitation', 'trial-invitation']);
  });

  it('OFFER-BUNDLED: a purchase offer without DAP only resells: a paid subscription, no grant, no bundle rule', () => {
    const world = baseWorld();
    const offerId = createdId(act(world, 'a-admin', { type: 'createOffer', kind: 'purchase-offer', includesDelegatedAdmin: false, product: 'Dynamics 365' }), 'offerId');
    const d = act(world, 'c2-ga', { type: 'acceptOffer', offerId });
    expect(d.rules).toEqual(['CONSENT-BY-GLOBAL-ADMIN', 'RESELLER-CUSTOMER-LISTED', 'CONSENT-NOTIFY']);
    expect(d).toMatchObject({ effects: [{ type: 'relationship.resellerEstablished' }, { type: 'commerceSubscription.created', product: 'Dynamics 365', trial: false }, { type: 'mail.sent' }] });
    expect(mails(world, A).at(-1)!.subject).toBe('Tailspin Toys accepted your purchase offer');
    expect(world.relationship(A, C2)).toMatchObject({ reseller: true, dap: false });
    expect(historyOf(world.relationship(A, C2)!)).toMatchObject([{ via: 'purchase-offer' }]);
  });

  it('RESELLER-LINK-PARTNER: accepting a reseller request without DAP relates and lists the customer and mails the partner, exactly', () => {
    const world = baseWorld();
    const twin = baseWorld();
    const requestId = createdId(act(world, 'b-sales', { type: 'createResellerRequest', withDap: false }), 'requestId');
    twin.nextId('resellerRequest');
    const d = act(world, 'c2-ga', { type: 'acceptResellerRequest', requestId, claimedPartnerId: A });
    const emailId = twin.nextId('email');
    expect(d).toEqual({
      outcome: 'allowed', result: undefined,
      rules: ['CONSENT-BY-GLOBAL-ADMIN', 'RESELLER-LINK-PARTNER', 'RESELLER-CUSTOMER-LISTED', 'CONSENT-NOTIFY'],
      effects: [{ type: 'relationship.resellerEstablished', partnerId: B, customerId: C2 }, { type: 'mail.sent', emailId, partnerId: B, customerId: C2 }],
    });
    expect(mails(world, B)).toEqual([expect.objectContaining({ subject: 'Tailspin Toys accepted your reseller relationship request', requestId, offerId: undefined })]);
    expect(world.resellerRequests.get(requestId)!.acceptedBy).toEqual(new Set([C2]));
    expect(world.relationship(B, C2)).toMatchObject({ reseller: true, dap: false });
    expect(historyOf(world.relationship(B, C2)!)).toMatchObject([{ type: 'reseller-established', via: 'reseller-request', by: 'c2-ga' }]);
    expect(world.relationship(A, C2)).toBeUndefined();
  });

  it('REVOKE-REGRANT: named when an acceptance grants DAP again after a removal, and not when the DAP is already held', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    const offerId = world.partner(A)!.delegatedAdminOfferId!;
    removeDapAsCustomer(world, 'c1', A);
    expect(act(world, 'c1-ga', { type: 'acceptOffer', offerId }).rules).toContain('REVOKE-REGRANT');
    const again = act(world, 'c1-ga', { type: 'acceptOffer', offerId });
    expectAllowed(again);
    expect(again.rules).not.toContain('REVOKE-REGRANT');
  });

  it('UNKNOWN_OFFER and UNKNOWN_REQUEST name the id; CONSENT-BY-GLOBAL-ADMIN and SCOPE-SOVEREIGN-CLOUD refusals name who and where', () => {
    const world = baseWorld({ customer1Cloud: 'china-21vianet' });
    expect(act(world, 'c1-ga', { type: 'acceptOffer', offerId: 'o-9' })).toMatchObject({ outcome: 'invalid', code: 'UNKNOWN_OFFER', path: '/offerId', message: 'No offer has this id. "o-9"' });
    expect(act(world, 'c1-ga', { type: 'acceptResellerRequest', requestId: 'r-9' })).toMatchObject({ outcome: 'invalid', code: 'UNKNOWN_REQUEST', path: '/requestId', message: 'No reseller relationship request has this id. "r-9"' });
    const offerId = createdId(act(world, 'a-admin', { type: 'createOffer' }), 'offerId');
    expect(expectUnchanged(world, () => act(world, 'c2-user', { type: 'acceptOffer', offerId }))).toMatchObject({ code: 'NOT_CUSTOMER_GLOBAL_ADMIN', rules: ['CONSENT-BY-GLOBAL-ADMIN'], message: `Only a Global admin of the customer tenant may do this. "user@${world.tenant(C2)!.defaultDomain}" is not a Global admin of "Tailspin Toys".` });
    expect(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'acceptOffer', offerId }))).toMatchObject({ code: 'CLOUD_MISMATCH', rules: ['SCOPE-SOVEREIGN-CLOUD'], message: 'The partner and the customer are in different clouds. "Contoso Partners" is in global, "Northwind Traders" in china-21vianet.' });
  });
});
