import { describe, expect, it } from 'vitest';
import { setup } from '../index.ts';
import {
  A, B, C1, C2, act, baseWorld, becomeReseller, createdId, expectAllowed, expectInvalid, expectRefused, expectUnchanged, grantDap, look, seen,
} from '../../test/fixture.ts';

/** Partner A and customer 1 in Office 365 operated by 21Vianet; partner B and customer 2 global. */
function chinaWorld(partnerACertified = true) {
  return baseWorld({ partnerACloud: 'china-21vianet', customer1Cloud: 'china-21vianet', partnerACertified });
}

describe('SCOPE-SOVEREIGN-CLOUD', () => {
  it('SCOPE-SOVEREIGN-CLOUD: a certified 21Vianet partner offers DAP, and a 21Vianet customer accepts', () => {
    const world = chinaWorld();
    expect(world.tenant(A)!.defaultDomain).toMatch(/\.partner\.onmschina\.cn$/);
    const offer = act(world, 'a-admin', { type: 'createOffer' });
    expectAllowed(offer, 'SCOPE-SOVEREIGN-CLOUD', 'OFFER-CERTIFIED');
    const offerId = createdId(offer, 'offerId');
    expectAllowed(act(world, 'c1-ga', { type: 'acceptOffer', offerId }), 'CONSENT-BY-GLOBAL-ADMIN', 'GRANT-ADMINAGENTS-GLOBAL');
    expect(world.relationship(A, C1)).toMatchObject({ dap: true });
    expectAllowed(act(world, 'a-admin', { type: 'signIn', tenantId: C1 }), 'GRANT-SIGNIN');
    expect(seen(world, 'c1-ga', { type: 'partnerRelationships' })).toEqual([expect.objectContaining({ partnerId: A, delegatedAdmin: true })]);
    expect(seen(world, 'a-admin', { type: 'mailbox' })).toEqual([expect.objectContaining({ customerId: C1, response: 'accepted' })]);
  });

  it("SCOPE-SOVEREIGN-CLOUD: a 21Vianet reseller request carrying DAP is accepted within the cloud and counts as one of its offers", () => {
    const world = chinaWorld();
    const request = act(world, 'a-sales', { type: 'createResellerRequest', withDap: true });
    expectAllowed(request, 'RESELLER-REQUEST-ROLES', 'OFFER-CERTIFIED');
    expectAllowed(act(world, 'c1-ga', { type: 'acceptResellerRequest', requestId: createdId(request, 'requestId') }), 'RESELLER-CUSTOMER-LISTED');
    expect(world.relationship(A, C1)).toMatchObject({ reseller: true, dap: true });
  });

  it('SCOPE-SOVEREIGN-CLOUD: a global partner creating its offer does not invoke the sovereign cloud', () => {
    const world = baseWorld();
    const d = act(world, 'a-admin', { type: 'createOffer' });
    expectAllowed(d, 'OFFER-CERTIFIED');
    expect(d.rules).not.toContain('SCOPE-SOVEREIGN-CLOUD');
  });

  it('SCOPE-SOVEREIGN-CLOUD: an uncertified 21Vianet partner is refused PARTNER_NOT_CERTIFIED, and nothing changes', () => {
    const world = chinaWorld(false);
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'createOffer' })), 'PARTNER_NOT_CERTIFIED', 'OFFER-CERTIFIED', 'SCOPE-SOVEREIGN-CLOUD');
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'createOffer', kind: 'purchase-offer' })), 'PARTNER_NOT_CERTIFIED', 'OFFER-CERTIFIED', 'SCOPE-SOVEREIGN-CLOUD');
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'createResellerRequest', withDap: true })), 'PARTNER_NOT_CERTIFIED', 'OFFER-CERTIFIED', 'SCOPE-SOVEREIGN-CLOUD');
    expect(seen(world, 'a-admin', { type: 'offerLocation' }).offerId).toBeUndefined();
  });

  it('SCOPE-SOVEREIGN-CLOUD: an uncertified global partner is refused by OFFER-CERTIFIED alone', () => {
    const world = baseWorld({ partnerACertified: false });
    const d = expectUnchanged(world, () => act(world, 'a-admin', { type: 'createOffer' }));
    expectRefused(d, 'PARTNER_NOT_CERTIFIED', 'OFFER-CERTIFIED');
    expect(d.rules).not.toContain('SCOPE-SOVEREIGN-CLOUD');
  });

  it('SCOPE-SOVEREIGN-CLOUD: an uncertified 21Vianet partner can still resell without DAP within its cloud', () => {
    const world = chinaWorld(false);
    becomeReseller(world, 'a', 'c1', false);
    expect(world.relationship(A, C1)).toMatchObject({ reseller: true, dap: false });
    expectRefused(act(world, 'a-admin', { type: 'signIn', tenantId: C1 }), 'NO_DAP', 'CONSENT-REQUIRED');
  });

  it("SCOPE-SOVEREIGN-CLOUD: a global customer accepting a 21Vianet partner's offer is refused CLOUD_MISMATCH, and nothing changes", () => {
    const world = chinaWorld();
    const offerId = createdId(act(world, 'a-admin', { type: 'createOffer' }), 'offerId');
    const d = expectUnchanged(world, () => act(world, 'c2-ga', { type: 'acceptOffer', offerId }));
    expectRefused(d, 'CLOUD_MISMATCH', 'SCOPE-SOVEREIGN-CLOUD');
    expect(world.relationship(A, C2)).toBeUndefined();
    expect(seen(world, 'a-admin', { type: 'mailbox' })).toEqual([]);
    expect(seen(world, 'c2-ga', { type: 'partnerRelationships' })).toEqual([]);
  });

  it("SCOPE-SOVEREIGN-CLOUD: a 21Vianet customer accepting a global partner's offer is refused CLOUD_MISMATCH too", () => {
    const world = chinaWorld();
    const offerId = createdId(act(world, 'b-admin', { type: 'createOffer' }), 'offerId');
    expectRefused(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'acceptOffer', offerId })), 'CLOUD_MISMATCH', 'SCOPE-SOVEREIGN-CLOUD');
    // The same offer is fine for a customer in B's own cloud.
    expectAllowed(act(world, 'c2-ga', { type: 'acceptOffer', offerId }));
    expect(world.relationship(B, C2)?.dap).toBe(true);
  });

  it('SCOPE-SOVEREIGN-CLOUD: a bundled trial invitation across clouds is refused and creates no subscription', () => {
    const world = chinaWorld();
    const offerId = createdId(act(world, 'a-admin', { type: 'createOffer', kind: 'trial-invitation' }), 'offerId');
    expectRefused(expectUnchanged(world, () => act(world, 'c2-ga', { type: 'acceptOffer', offerId })), 'CLOUD_MISMATCH', 'SCOPE-SOVEREIGN-CLOUD');
    expect(seen(world, 'c2-ga', { type: 'commerceSubscriptions' })).toEqual([]);
  });

  it('SCOPE-SOVEREIGN-CLOUD: a reseller relationship request across clouds is refused, with or without DAP', () => {
    const world = chinaWorld();
    for (const withDap of [true, false]) {
      const requestId = createdId(act(world, 'a-admin', { type: 'createResellerRequest', withDap }), 'requestId');
      expectRefused(expectUnchanged(world, () => act(world, 'c2-ga', { type: 'acceptResellerRequest', requestId })), 'CLOUD_MISMATCH', 'SCOPE-SOVEREIGN-CLOUD');
    }
    const globalRequest = createdId(act(world, 'b-sales', { type: 'createResellerRequest', withDap: false }), 'requestId');
    expectRefused(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'acceptResellerRequest', requestId: globalRequest })), 'CLOUD_MISMATCH', 'SCOPE-SOVEREIGN-CLOUD');
    expect(seen(world, 'a-admin', { type: 'partnerCustomers' })).toEqual([]);
    expect(seen(world, 'b-admin', { type: 'partnerCustomers' })).toEqual([]);
  });

  it('SCOPE-SOVEREIGN-CLOUD: an agent of a 21Vianet partner has nothing in a global customer, and cannot provision there', () => {
    const world = chinaWorld();
    grantDap(world, 'a', 'c1');
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'signIn', tenantId: C2 })), 'CLOUD_MISMATCH', 'SCOPE-SOVEREIGN-CLOUD');
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'provisionAzureSubscription', customerId: C2 })), 'NO_RESELLER_RELATIONSHIP', 'SCOPE-SOVEREIGN-CLOUD', 'AZURE-PROVISION-OWNER');
    expectAllowed(act(world, 'a-admin', { type: 'signIn', tenantId: C1 }));
  });

  it('SCOPE-SOVEREIGN-CLOUD: a relationship across clouds cannot even be given at set-up', () => {
    const world = chinaWorld();
    const r = setup.relate(world, { partnerId: A, customerId: C2 });
    expect(typeof r).not.toBe('string');
    if (typeof r !== 'string') expectInvalid(r, 'MALFORMED', '/customerId');
    expect(world.relationship(A, C2)).toBeUndefined();
    expect(typeof setup.relate(world, { partnerId: A, customerId: C1 })).toBe('string');
  });

  it('SCOPE-SOVEREIGN-CLOUD: the refusal of a cross-cloud customer is the same whichever agent asks', () => {
    const world = chinaWorld();
    for (const actor of ['a-admin', 'a-helpdesk']) {
      expectRefused(look(world, actor, { type: 'directoryRoles', tenantId: C2 }), 'CLOUD_MISMATCH', 'SCOPE-SOVEREIGN-CLOUD');
    }
  });
});
