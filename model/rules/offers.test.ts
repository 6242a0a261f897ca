import { describe, expect, it } from 'vitest';
import { OFFER_NAV, setup } from '../index.ts';
import {
  A, B, C1, C2, act, baseWorld, becomeReseller, createdId, expectAllowed, expectInvalid, expectRefused, expectUnchanged, grantDap, look, must, seen,
} from '../../test/fixture.ts';

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
