import { describe, expect, it } from 'vitest';
import { ROLE_TEMPLATE, setup, snapshot, type World } from '../index.ts';
import { historyOf } from './relationships.ts';
import {
  A, B, C1, C2, act, baseWorld, becomeReseller, createdId, expectAllowed, expectInvalid, expectRefused, expectUnchanged, grantDap, look, must, removeDapAsCustomer, seen,
  upn,
} from '../../test/fixture.ts';

const GA = ROLE_TEMPLATE.GlobalAdministrator;


/** A second Global admin of customer 1, to show that a removal flow belongs to the admin who started it. */
function withSecondGlobalAdmin(world: World): World {
  must(setup.addUser(world, { id: 'c1-ga2', tenantId: C1, userPrincipalName: upn(world, C1, 'ga2') }));
  must(setup.assignDirectoryRole(world, { tenantId: C1, role: GA, principalId: 'c1-ga2' }));
  return world;
}

/**
 * Everything in the world except the clock, the change counter and the removal flow in progress:
 * an unconfirmed or cancelled removal may move a page's UI state, but nothing else.
 */
function durableState(world: World): string {
  const s = snapshot(world) as unknown as { stores: Record<string, unknown> };
  const stores = { ...s.stores };
  delete stores['version'];
  stores['tenants'] = (stores['tenants'] as [string, Record<string, unknown>][]).map(([id, t]) => {
    const { removal: _removal, ...rest } = t;
    return [id, rest];
  });
  return JSON.stringify(stores);
}

/** Whether A's agents can act in customer 1 right now, seen from the outside. */
function aCanAct(world: World): boolean {
  return look(world, 'a-admin', { type: 'directoryRoleMembers', tenantId: C1, roleId: GA }).outcome === 'allowed';
}

describe('REVOKE-CONFIRM', () => {
  it('REVOKE-CONFIRM: select the partner, choose "Remove delegated admin", confirm "Remove": DAP is gone', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    const select = act(world, 'c1-ga', { type: 'selectPartnerForRemoval', partnerId: A });
    expectAllowed(select, 'REVOKE-CONFIRM');
    expect(select.outcome === 'allowed' && select.effects).toEqual([{ type: 'removal.partnerSelected', partnerId: A }]);
    const choose = act(world, 'c1-ga', { type: 'chooseRemoveDelegatedAdmin' });
    expectAllowed(choose, 'REVOKE-CONFIRM');
    expect(choose.outcome === 'allowed' && choose.effects).toEqual([{ type: 'removal.removeChosen', partnerId: A }]);
    expect(world.relationship(A, C1)?.dap).toBe(true);
    const confirm = act(world, 'c1-ga', { type: 'confirmRemoveDelegatedAdmin' });
    expectAllowed(confirm, 'REVOKE-CONFIRM', 'CONSENT-BY-GLOBAL-ADMIN', 'REVOKE-ROLES-REMOVED');
    expect(confirm.outcome === 'allowed' && confirm.effects).toEqual([{ type: 'relationship.dapRemoved', partnerId: A, customerId: C1 }]);
    expect(world.relationship(A, C1)?.dap).toBe(false);
    expect(aCanAct(world)).toBe(false);
  });

  it('REVOKE-CONFIRM: two steps without the confirmation change nothing but the page state', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    const before = durableState(world);
    expectAllowed(act(world, 'c1-ga', { type: 'selectPartnerForRemoval', partnerId: A }));
    expectAllowed(act(world, 'c1-ga', { type: 'chooseRemoveDelegatedAdmin' }));
    expect(durableState(world)).toBe(before);
    expect(aCanAct(world)).toBe(true);
    expect(seen(world, 'c1-ga', { type: 'partnerRelationships' })).toEqual([{ partnerId: A, partnerName: 'Contoso Partners', reseller: true, delegatedAdmin: true }]);
  });

  it('REVOKE-CONFIRM: a cancelled removal changes nothing, and the confirmation can no longer follow', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    const before = durableState(world);
    expectAllowed(act(world, 'c1-ga', { type: 'selectPartnerForRemoval', partnerId: A }));
    expectAllowed(act(world, 'c1-ga', { type: 'chooseRemoveDelegatedAdmin' }));
    const cancel = act(world, 'c1-ga', { type: 'cancelRemoveDelegatedAdmin' });
    expectAllowed(cancel, 'REVOKE-CONFIRM');
    expect(cancel.outcome === 'allowed' && cancel.effects).toEqual([{ type: 'removal.cancelled', partnerId: A }]);
    expect(durableState(world)).toBe(before);
    expectRefused(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'confirmRemoveDelegatedAdmin' })), 'REMOVAL_STEP_OUT_OF_ORDER', 'REVOKE-CONFIRM');
    expect(aCanAct(world)).toBe(true);
    expectInvalid(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'cancelRemoveDelegatedAdmin' })), 'NO_REMOVAL_IN_PROGRESS');
  });

  it('REVOKE-CONFIRM: steps out of order are refused and change nothing', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    expectRefused(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'chooseRemoveDelegatedAdmin' })), 'REMOVAL_STEP_OUT_OF_ORDER', 'REVOKE-CONFIRM');
    expectRefused(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'confirmRemoveDelegatedAdmin' })), 'REMOVAL_STEP_OUT_OF_ORDER', 'REVOKE-CONFIRM');
    expectAllowed(act(world, 'c1-ga', { type: 'selectPartnerForRemoval', partnerId: A }));
    expectRefused(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'confirmRemoveDelegatedAdmin' })), 'REMOVAL_STEP_OUT_OF_ORDER', 'REVOKE-CONFIRM');
    expectAllowed(act(world, 'c1-ga', { type: 'chooseRemoveDelegatedAdmin' }));
    expectRefused(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'chooseRemoveDelegatedAdmin' })), 'REMOVAL_STEP_OUT_OF_ORDER', 'REVOKE-CONFIRM');
    expect(world.relationship(A, C1)?.dap).toBe(true);
    expectAllowed(act(world, 'c1-ga', { type: 'confirmRemoveDelegatedAdmin' }));
    // Once done, a second confirmation has nothing to confirm.
    expectRefused(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'confirmRemoveDelegatedAdmin' })), 'REMOVAL_STEP_OUT_OF_ORDER', 'REVOKE-CONFIRM');
  });

  it('REVOKE-CONFIRM: selecting another partner restarts the flow; the confirmation removes nobody', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    becomeReseller(world, 'b', 'c1');
    expectAllowed(act(world, 'c1-ga', { type: 'selectPartnerForRemoval', partnerId: A }));
    expectAllowed(act(world, 'c1-ga', { type: 'chooseRemoveDelegatedAdmin' }));
    expectAllowed(act(world, 'c1-ga', { type: 'selectPartnerForRemoval', partnerId: B }));
    expectRefused(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'confirmRemoveDelegatedAdmin' })), 'REMOVAL_STEP_OUT_OF_ORDER', 'REVOKE-CONFIRM');
    expect(world.relationship(A, C1)?.dap).toBe(true);
    expect(world.relationship(B, C1)?.dap).toBe(true);
  });

  it("REVOKE-CONFIRM: another Global admin cannot continue someone else's removal, and nothing changes", () => {
    const world = withSecondGlobalAdmin(baseWorld());
    becomeReseller(world, 'a', 'c1');
    expectAllowed(act(world, 'c1-ga', { type: 'selectPartnerForRemoval', partnerId: A }));
    expectRefused(expectUnchanged(world, () => act(world, 'c1-ga2', { type: 'chooseRemoveDelegatedAdmin' })), 'REMOVAL_STEP_OUT_OF_ORDER', 'REVOKE-CONFIRM');
    expectAllowed(act(world, 'c1-ga', { type: 'chooseRemoveDelegatedAdmin' }));
    expectRefused(expectUnchanged(world, () => act(world, 'c1-ga2', { type: 'confirmRemoveDelegatedAdmin' })), 'REMOVAL_STEP_OUT_OF_ORDER', 'REVOKE-CONFIRM');
    expectInvalid(expectUnchanged(world, () => act(world, 'c1-ga2', { type: 'cancelRemoveDelegatedAdmin' })), 'NO_REMOVAL_IN_PROGRESS');
    expect(world.relationship(A, C1)?.dap).toBe(true);
    expectAllowed(act(world, 'c1-ga', { type: 'confirmRemoveDelegatedAdmin' }), 'REVOKE-CONFIRM');
    expect(world.relationship(A, C1)?.dap).toBe(false);
  });

  it('REVOKE-CONFIRM: "Remove delegated admin" is not offered for a partner without DAP, and nothing changes', () => {
    const world = baseWorld();
    becomeReseller(world, 'b', 'c1', false);
    expectAllowed(act(world, 'c1-ga', { type: 'selectPartnerForRemoval', partnerId: B }));
    expectRefused(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'chooseRemoveDelegatedAdmin' })), 'DAP_NOT_HELD', 'REVOKE-CONFIRM');
  });

  it('REVOKE-CONFIRM: when the partner gives DAP up between the steps, the confirmation is refused and changes nothing', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    expectAllowed(act(world, 'c1-ga', { type: 'selectPartnerForRemoval', partnerId: A }));
    expectAllowed(act(world, 'c1-ga', { type: 'chooseRemoveDelegatedAdmin' }));
    expectAllowed(act(world, 'a-admin', { type: 'giveUpDap', customerId: C1 }));
    const d = expectUnchanged(world, () => act(world, 'c1-ga', { type: 'confirmRemoveDelegatedAdmin' }));
    expect(d.outcome).toBe('refused');
    expect(d.rules).toContain('REVOKE-CONFIRM');
    expect(historyOf(world.relationship(A, C1)!).filter((e) => e.type === 'dap-removed')).toHaveLength(1);
  });
});

describe('REVOKE-KEEPS-RESELLER', () => {
  it('REVOKE-KEEPS-RESELLER: after removal the page still lists the partner, without the DAP mark', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    expectAllowed(act(world, 'c1-ga', { type: 'selectPartnerForRemoval', partnerId: A }));
    expectAllowed(act(world, 'c1-ga', { type: 'chooseRemoveDelegatedAdmin' }));
    expectAllowed(act(world, 'c1-ga', { type: 'confirmRemoveDelegatedAdmin' }), 'REVOKE-KEEPS-RESELLER');
    const page = look(world, 'c1-ga', { type: 'partnerRelationships' });
    expectAllowed(page, 'LIST-PARTNER-RELATIONSHIPS', 'REVOKE-KEEPS-RESELLER');
    expect(page.outcome === 'allowed' && page.result).toEqual([{ partnerId: A, partnerName: 'Contoso Partners', reseller: true, delegatedAdmin: false }]);
  });

  it("REVOKE-KEEPS-RESELLER: the customer stays in the partner's customer list, with delegated access off", () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    const row = { customerId: C1, companyName: 'Northwind Traders', defaultDomain: world.tenant(C1)!.defaultDomain, relationshipToPartner: 'reseller' };
    expect(seen(world, 'a-sales', { type: 'partnerCustomers' })).toEqual([{ ...row, allowDelegatedAccess: true }]);
    removeDapAsCustomer(world, 'c1', A);
    const list = look(world, 'a-sales', { type: 'partnerCustomers' });
    expectAllowed(list, 'RESELLER-CUSTOMER-LISTED', 'REVOKE-KEEPS-RESELLER');
    expect(list.outcome === 'allowed' && list.result).toEqual([{ ...row, allowDelegatedAccess: false }]);
    expect(seen(world, 'a-admin', { type: 'partnerCustomer', customerId: C1 })).toEqual({ ...row, allowDelegatedAccess: false });
    expect(seen(world, 'a-admin', { type: 'offerLocation' }).customerCount).toBe(1);
  });

  it('REVOKE-KEEPS-RESELLER: what the reseller relationship carries survives: the partner still provisions a subscription', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    removeDapAsCustomer(world, 'c1', A);
    expectAllowed(act(world, 'a-admin', { type: 'provisionAzureSubscription', customerId: C1 }), 'RESELLER-CUSTOMER-LISTED');
  });

  it('REVOKE-KEEPS-RESELLER: the kept reseller relationship gives no directory rights, and a refusal changes nothing', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    removeDapAsCustomer(world, 'c1', A);
    expect(world.relationship(A, C1)).toMatchObject({ reseller: true, dap: false });
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'signIn', tenantId: C1 })), 'DAP_REMOVED', 'REVOKE-ROLES-REMOVED');
  });

  it('REVOKE-KEEPS-RESELLER: a partner that only ever held DAP is given no reseller relationship by the removal', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    expectAllowed(act(world, 'c1-ga', { type: 'selectPartnerForRemoval', partnerId: A }));
    expectAllowed(act(world, 'c1-ga', { type: 'chooseRemoveDelegatedAdmin' }));
    const d = act(world, 'c1-ga', { type: 'confirmRemoveDelegatedAdmin' });
    expectAllowed(d, 'REVOKE-ROLES-REMOVED');
    expect(d.rules).not.toContain('REVOKE-KEEPS-RESELLER');
    expect(world.relationship(A, C1)).toMatchObject({ reseller: false, dap: false });
    expect(seen(world, 'a-admin', { type: 'partnerCustomers' })).toEqual([]);
  });
});

describe('REVOKE-ROLES-REMOVED', () => {
  it('REVOKE-ROLES-REMOVED: after removal neither Admin nor Helpdesk agents can sign in or manage the directory, and nothing changes', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    expectAllowed(act(world, 'a-admin', { type: 'signIn', tenantId: C1 }));
    expectAllowed(act(world, 'a-helpdesk', { type: 'signIn', tenantId: C1 }));
    removeDapAsCustomer(world, 'c1', A);
    const attempts = [
      ['a-admin', { type: 'signIn', tenantId: C1 }],
      ['a-admin', { type: 'addUser', tenantId: C1, userPrincipalName: upn(world, C1, 'new'), displayName: 'New' }],
      ['a-admin', { type: 'addDomain', tenantId: C1, domain: 'northwind.example' }],
      ['a-admin', { type: 'manageLicenses', tenantId: C1, userId: 'c1-user', sku: 'ENTERPRISEPACK' }],
      ['a-admin', { type: 'addDirectoryRoleMember', tenantId: C1, roleId: GA, principalId: 'c1-user' }],
      ['a-helpdesk', { type: 'signIn', tenantId: C1 }],
      ['a-helpdesk', { type: 'resetPassword', tenantId: C1, userId: 'c1-user' }],
    ] as const;
    for (const [actor, action] of attempts) {
      expectRefused(expectUnchanged(world, () => act(world, actor, action)), 'DAP_REMOVED', 'REVOKE-ROLES-REMOVED');
    }
    for (const actor of ['a-admin', 'a-helpdesk']) {
      expectRefused(expectUnchanged(world, () => look(world, actor, { type: 'users', tenantId: C1 })), 'DAP_REMOVED', 'REVOKE-ROLES-REMOVED');
    }
  });

  it("REVOKE-ROLES-REMOVED: the removal decision names the rule; the customer's explicit role members are untouched", () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    const members = seen(world, 'c1-ga', { type: 'directoryRoleMembers', tenantId: C1, roleId: GA });
    expectAllowed(act(world, 'c1-ga', { type: 'selectPartnerForRemoval', partnerId: A }));
    expectAllowed(act(world, 'c1-ga', { type: 'chooseRemoveDelegatedAdmin' }));
    expectAllowed(act(world, 'c1-ga', { type: 'confirmRemoveDelegatedAdmin' }), 'REVOKE-ROLES-REMOVED');
    expect(seen(world, 'c1-ga', { type: 'directoryRoleMembers', tenantId: C1, roleId: GA })).toEqual(members);
    expectAllowed(act(world, 'c1-ga', { type: 'addUser', tenantId: C1, userPrincipalName: upn(world, C1, 'own'), displayName: 'Own' }));
  });

  it('REVOKE-ROLES-REMOVED: only the customer that removed DAP: the same agents keep their roles in another customer', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    grantDap(world, 'a', 'c2');
    removeDapAsCustomer(world, 'c1', A);
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'signIn', tenantId: C1 })), 'DAP_REMOVED', 'REVOKE-ROLES-REMOVED');
    expectAllowed(act(world, 'a-admin', { type: 'addUser', tenantId: C2, userPrincipalName: upn(world, C2, 'new'), displayName: 'New' }), 'GRANT-FULL-ADMIN-TASKS');
    expectAllowed(act(world, 'a-helpdesk', { type: 'resetPassword', tenantId: C2, userId: 'c2-user' }), 'GRANT-LIMITED-ADMIN-TASKS');
  });
});

describe('REVOKE-NO-SERVICE-REQUESTS', () => {
  it('REVOKE-NO-SERVICE-REQUESTS: after removal the partner cannot open a service request for the customer, and nothing changes', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    expectAllowed(act(world, 'a-admin', { type: 'openServiceRequest', customerId: C1, title: 'Before' }), 'SCOPE-SERVICE-REQUESTS');
    expectAllowed(act(world, 'c1-ga', { type: 'selectPartnerForRemoval', partnerId: A }));
    expectAllowed(act(world, 'c1-ga', { type: 'chooseRemoveDelegatedAdmin' }));
    expectAllowed(act(world, 'c1-ga', { type: 'confirmRemoveDelegatedAdmin' }), 'REVOKE-NO-SERVICE-REQUESTS');
    for (const actor of ['a-admin', 'a-helpdesk']) {
      expectRefused(expectUnchanged(world, () => act(world, actor, { type: 'openServiceRequest', customerId: C1, title: 'After' })), 'DAP_REMOVED', 'REVOKE-NO-SERVICE-REQUESTS', 'SCOPE-SERVICE-REQUESTS');
    }
  });

  it('REVOKE-NO-SERVICE-REQUESTS: it comes back only with a new grant, not with a reseller-only acceptance', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    removeDapAsCustomer(world, 'c1', A);
    becomeReseller(world, 'a', 'c1', false);
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'openServiceRequest', customerId: C1, title: 'Still no' })), 'DAP_REMOVED', 'REVOKE-NO-SERVICE-REQUESTS');
    grantDap(world, 'a', 'c1');
    const d = act(world, 'a-admin', { type: 'openServiceRequest', customerId: C1, title: 'Back', serviceRequestId: 'sr-back' });
    expectAllowed(d, 'SCOPE-SERVICE-REQUESTS', 'REVOKE-NO-SERVICE-REQUESTS', 'REVOKE-REGRANT');
    expect(seen(world, 'a-admin', { type: 'serviceRequests', customerId: C1 }).map((r) => r.id)).toContain('sr-back');
  });

  it('REVOKE-NO-SERVICE-REQUESTS: removal by the partner itself has the same effect', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    expectAllowed(act(world, 'a-admin', { type: 'giveUpDap', customerId: C1 }), 'REVOKE-NO-SERVICE-REQUESTS');
    expectRefused(expectUnchanged(world, () => act(world, 'a-helpdesk', { type: 'openServiceRequest', customerId: C1, title: 'x' })), 'DAP_REMOVED', 'REVOKE-NO-SERVICE-REQUESTS');
  });
});

describe('REVOKE-BY-PARTNER', () => {
  it('REVOKE-BY-PARTNER: an Admin agent gives up DAP; agents lose their roles and the reseller relationship stays', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    const d = act(world, 'a-admin', { type: 'giveUpDap', customerId: C1 });
    expectAllowed(d, 'REVOKE-BY-PARTNER', 'REVOKE-ROLES-REMOVED', 'REVOKE-KEEPS-RESELLER');
    expect(d.outcome === 'allowed' && d.effects).toEqual([{ type: 'relationship.dapRemoved', partnerId: A, customerId: C1 }]);
    expect(world.relationship(A, C1)).toMatchObject({ reseller: true, dap: false });
    for (const actor of ['a-admin', 'a-helpdesk']) {
      expectRefused(expectUnchanged(world, () => act(world, actor, { type: 'signIn', tenantId: C1 })), 'DAP_REMOVED', 'REVOKE-ROLES-REMOVED', 'REVOKE-BY-PARTNER');
    }
    expect(seen(world, 'c1-ga', { type: 'partnerRelationships' })).toEqual([{ partnerId: A, partnerName: 'Contoso Partners', reseller: true, delegatedAdmin: false }]);
    expect(seen(world, 'a-sales', { type: 'partnerCustomers' })).toEqual([expect.objectContaining({ customerId: C1, relationshipToPartner: 'reseller', allowDelegatedAccess: false })]);
  });

  it("REVOKE-BY-PARTNER: a Helpdesk agent, a Sales agent and the partner's Global Administrator cannot give it up, and nothing changes", () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    for (const actor of ['a-helpdesk', 'a-sales', 'a-ga', 'a-plain']) {
      expectRefused(expectUnchanged(world, () => act(world, actor, { type: 'giveUpDap', customerId: C1 })), 'NOT_ADMIN_AGENT', 'REVOKE-BY-PARTNER');
    }
    expect(world.relationship(A, C1)?.dap).toBe(true);
  });

  it('REVOKE-BY-PARTNER: DAP the partner does not hold cannot be given up, and nothing changes', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1', false);
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'giveUpDap', customerId: C1 })), 'DAP_NOT_HELD', 'REVOKE-BY-PARTNER');
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'giveUpDap', customerId: C2 })), 'DAP_NOT_HELD', 'REVOKE-BY-PARTNER');
    grantDap(world, 'a', 'c1');
    expectAllowed(act(world, 'a-admin', { type: 'giveUpDap', customerId: C1 }));
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'giveUpDap', customerId: C1 })), 'DAP_NOT_HELD', 'REVOKE-BY-PARTNER');
  });

  it('REVOKE-BY-PARTNER: only partners give up DAP; a customer user or a partner naming no customer is invalid', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    expectInvalid(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'giveUpDap', customerId: C1 })), 'NOT_A_PARTNER_USER', '/actor');
    expectInvalid(expectUnchanged(world, () => act(world, 'a-admin', { type: 'giveUpDap', customerId: B })), 'NOT_A_CUSTOMER', '/customerId');
  });

  it('REVOKE-BY-PARTNER: what everyone sees afterwards is what a removal by the customer leaves', () => {
    function after(remove: (w: World) => void) {
      const world = baseWorld();
      becomeReseller(world, 'a', 'c1');
      remove(world);
      const outcome = (actor: string, action: Parameters<typeof act>[2]) => {
        const d = act(world, actor, action);
        return d.outcome === 'allowed' ? 'allowed' : d.code;
      };
      return {
        relationship: { reseller: world.relationship(A, C1)?.reseller, dap: world.relationship(A, C1)?.dap },
        page: seen(world, 'c1-ga', { type: 'partnerRelationships' }),
        customers: seen(world, 'a-sales', { type: 'partnerCustomers' }),
        roles: seen(world, 'c1-ga', { type: 'directoryRoleMembers', tenantId: C1, roleId: GA }),
        signInAdmin: outcome('a-admin', { type: 'signIn', tenantId: C1 }),
        resetHelpdesk: outcome('a-helpdesk', { type: 'resetPassword', tenantId: C1, userId: 'c1-user' }),
        serviceRequest: outcome('a-admin', { type: 'openServiceRequest', customerId: C1, title: 'x' }),
        provision: outcome('a-admin', { type: 'provisionAzureSubscription', customerId: C1, subscriptionId: 'sub-1' }),
      };
    }
    const byPartner = after((w) => expectAllowed(act(w, 'a-admin', { type: 'giveUpDap', customerId: C1 })));
    const byCustomer = after((w) => removeDapAsCustomer(w, 'c1', A));
    expect(byPartner).toEqual(byCustomer);
    expect(byPartner.signInAdmin).toBe('DAP_REMOVED');
    expect(byPartner.provision).toBe('allowed');
  });
});

describe('REVOKE-REGRANT', () => {
  /** What the grant gives, seen from outside; ids and titles are fixed so two worlds compare equal. */
  function granted(world: World) {
    const outcome = (actor: string, action: Parameters<typeof act>[2]) => {
      const d = act(world, actor, action);
      return d.outcome === 'allowed' ? { outcome: d.outcome, effects: d.effects } : { outcome: d.outcome, code: d.code };
    };
    return {
      signInAdmin: outcome('a-admin', { type: 'signIn', tenantId: C1 }),
      signInHelpdesk: outcome('a-helpdesk', { type: 'signIn', tenantId: C1 }),
      signInSales: outcome('a-sales', { type: 'signIn', tenantId: C1 }),
      addUserAdmin: outcome('a-admin', { type: 'addUser', tenantId: C1, userPrincipalName: upn(world, C1, 'new'), displayName: 'New', userId: 'c1-new' }),
      addUserHelpdesk: outcome('a-helpdesk', { type: 'addUser', tenantId: C1, userPrincipalName: upn(world, C1, 'other'), displayName: 'Other' }),
      resetHelpdesk: outcome('a-helpdesk', { type: 'resetPassword', tenantId: C1, userId: 'c1-user' }),
      resetAdminByHelpdesk: outcome('a-helpdesk', { type: 'resetPassword', tenantId: C1, userId: 'c1-ga' }),
      serviceRequest: outcome('a-admin', { type: 'openServiceRequest', customerId: C1, title: 'Help', serviceRequestId: 'sr-1' }),
      mdm: outcome('a-admin', { type: 'mdmOperation', tenantId: C1 }),
      page: seen(world, 'c1-ga', { type: 'partnerRelationships' }),
      customers: seen(world, 'a-sales', { type: 'partnerCustomers' }),
      roles: seen(world, 'c1-ga', { type: 'directoryRoleMembers', tenantId: C1, roleId: GA }),
    };
  }

  it('REVOKE-REGRANT: grant, remove, grant again: the second grant has the effects of the first', () => {
    const first = baseWorld();
    becomeReseller(first, 'a', 'c1');
    const again = baseWorld();
    becomeReseller(again, 'a', 'c1');
    removeDapAsCustomer(again, 'c1', A);
    becomeReseller(again, 'a', 'c1');
    expect(granted(again)).toEqual(granted(first));
  });

  it('REVOKE-REGRANT: the new grant and what the agents then do name the rule; a first grant does not', () => {
    const world = baseWorld();
    const offerId = createdId(act(world, 'a-admin', { type: 'createOffer' }), 'offerId');
    const first = act(world, 'c1-ga', { type: 'acceptOffer', offerId });
    expectAllowed(first, 'GRANT-ADMINAGENTS-GLOBAL', 'GRANT-HELPDESK-HELPDESKADMIN');
    expect(first.rules).not.toContain('REVOKE-REGRANT');
    expect(act(world, 'a-admin', { type: 'signIn', tenantId: C1 }).rules).not.toContain('REVOKE-REGRANT');
    removeDapAsCustomer(world, 'c1', A);
    const regrant = act(world, 'c1-ga', { type: 'acceptOffer', offerId });
    expectAllowed(regrant, 'REVOKE-REGRANT', 'GRANT-ADMINAGENTS-GLOBAL', 'GRANT-HELPDESK-HELPDESKADMIN', 'CONSENT-NOTIFY');
    for (const r of first.rules) expect(regrant.rules).toContain(r);
    expect(regrant.outcome === 'allowed' && regrant.effects.map((e) => e.type)).toEqual(first.outcome === 'allowed' && first.effects.map((e) => e.type));
    expectAllowed(act(world, 'a-admin', { type: 'signIn', tenantId: C1 }), 'GRANT-ADMINAGENTS-GLOBAL', 'REVOKE-REGRANT');
    expectAllowed(act(world, 'a-helpdesk', { type: 'resetPassword', tenantId: C1, userId: 'c1-user' }), 'GRANT-LIMITED-ADMIN-TASKS', 'REVOKE-REGRANT');
    expect(seen(world, 'a-admin', { type: 'mailbox' })).toHaveLength(2);
  });

  it('REVOKE-REGRANT: accepting again while DAP is still held is no re-grant', () => {
    const world = baseWorld();
    const offerId = createdId(act(world, 'a-admin', { type: 'createOffer' }), 'offerId');
    expectAllowed(act(world, 'c1-ga', { type: 'acceptOffer', offerId }));
    const again = act(world, 'c1-ga', { type: 'acceptOffer', offerId });
    expectAllowed(again);
    expect(again.rules).not.toContain('REVOKE-REGRANT');
    expect(again.outcome === 'allowed' && again.effects.map((e) => e.type)).not.toContain('relationship.dapGranted');
  });

  it('REVOKE-REGRANT: only a Global admin grants again; until then the agents stay refused, and nothing changes', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    removeDapAsCustomer(world, 'c1', A);
    const requestId = createdId(act(world, 'a-admin', { type: 'createResellerRequest' }), 'requestId');
    for (const actor of ['c1-helpdesk', 'c1-useradmin', 'c1-user']) {
      expectRefused(expectUnchanged(world, () => act(world, actor, { type: 'acceptResellerRequest', requestId })), 'NOT_CUSTOMER_GLOBAL_ADMIN', 'CONSENT-BY-GLOBAL-ADMIN');
    }
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'signIn', tenantId: C1 })), 'DAP_REMOVED', 'REVOKE-ROLES-REMOVED');
    expectAllowed(act(world, 'c1-ga', { type: 'acceptResellerRequest', requestId }), 'REVOKE-REGRANT');
    expectAllowed(act(world, 'a-admin', { type: 'signIn', tenantId: C1 }), 'REVOKE-REGRANT');
  });

  it('REVOKE-REGRANT: after the partner gave DAP up, the customer can grant it again', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    expectAllowed(act(world, 'a-admin', { type: 'giveUpDap', customerId: C1 }));
    grantDap(world, 'a', 'c1');
    expect(world.relationship(A, C1)?.dap).toBe(true);
    expectAllowed(act(world, 'a-admin', { type: 'addDomain', tenantId: C1, domain: 'northwind.example' }), 'GRANT-FULL-ADMIN-TASKS', 'REVOKE-REGRANT');
  });
});

describe('LIST-PARTNER-RELATIONSHIPS', () => {
  it('LIST-PARTNER-RELATIONSHIPS: a partner whose DAP-only relationship ended leaves the page, cannot be selected, and sees none of the customer’s records', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1'); // the offer alone: DAP, no reseller relationship
    expectAllowed(act(world, 'a-admin', { type: 'openServiceRequest', customerId: C1, title: 'before' }));
    removeDapAsCustomer(world, 'c1', A);
    expect(seen(world, 'c1-ga', { type: 'partnerRelationships' })).toEqual([]);
    expectRefused(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'selectPartnerForRemoval', partnerId: A })), 'NO_RELATIONSHIP', 'LIST-PARTNER-RELATIONSHIPS');
    expectRefused(look(world, 'a-admin', { type: 'serviceRequests', customerId: C1 }), 'NO_RELATIONSHIP', 'RESELLER-CUSTOMER-LISTED');
    expectRefused(look(world, 'a-admin', { type: 'commerceSubscriptions', customerId: C1 }), 'NO_RELATIONSHIP', 'RESELLER-CUSTOMER-LISTED');
  });

  it('LIST-PARTNER-RELATIONSHIPS: the page lists every related partner and marks those holding DAP', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    becomeReseller(world, 'b', 'c1', false);
    const page = look(world, 'c1-ga', { type: 'partnerRelationships' });
    expectAllowed(page, 'LIST-PARTNER-RELATIONSHIPS');
    expect(page.outcome === 'allowed' && page.result).toEqual([
      { partnerId: A, partnerName: 'Contoso Partners', reseller: true, delegatedAdmin: true },
      { partnerId: B, partnerName: 'Fabrikam Partners', reseller: true, delegatedAdmin: false },
    ]);
  });

  it("LIST-PARTNER-RELATIONSHIPS: a DAP-only grant is listed with the mark; another customer's partners are not listed", () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    grantDap(world, 'b', 'c2');
    expect(seen(world, 'c1-ga', { type: 'partnerRelationships' })).toEqual([{ partnerId: A, partnerName: 'Contoso Partners', reseller: false, delegatedAdmin: true }]);
    expect(seen(world, 'c2-ga', { type: 'partnerRelationships', customerId: C2 })).toEqual([{ partnerId: B, partnerName: 'Fabrikam Partners', reseller: false, delegatedAdmin: true }]);
  });

  it('LIST-PARTNER-RELATIONSHIPS: the page, unlike the role listings, shows the grant', () => {
    const world = baseWorld();
    const before = seen(world, 'c1-ga', { type: 'directoryRoleMembers', tenantId: C1, roleId: GA });
    expect(seen(world, 'c1-ga', { type: 'partnerRelationships' })).toEqual([]);
    grantDap(world, 'a', 'c1');
    expect(seen(world, 'c1-ga', { type: 'directoryRoleMembers', tenantId: C1, roleId: GA })).toEqual(before);
    expect(seen(world, 'c1-ga', { type: 'partnerRelationships' }).map((r) => [r.partnerId, r.delegatedAdmin])).toEqual([[A, true]]);
  });

  it('LIST-PARTNER-RELATIONSHIPS: the mark follows removal and re-grant', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    becomeReseller(world, 'b', 'c1');
    const marks = () => seen(world, 'c1-ga', { type: 'partnerRelationships' }).map((r) => [r.partnerId, r.delegatedAdmin]);
    expect(marks()).toEqual([[A, true], [B, true]]);
    removeDapAsCustomer(world, 'c1', A);
    expect(marks()).toEqual([[A, false], [B, true]]);
    becomeReseller(world, 'a', 'c1');
    expect(marks()).toEqual([[A, true], [B, true]]);
  });

  it('LIST-PARTNER-RELATIONSHIPS: a partner not on the page cannot be selected for removal, and nothing changes', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    expectRefused(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'selectPartnerForRemoval', partnerId: B })), 'NO_RELATIONSHIP', 'LIST-PARTNER-RELATIONSHIPS');
    expectInvalid(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'selectPartnerForRemoval', partnerId: C2 })), 'NOT_A_PARTNER', '/partnerId');
  });
});

describe('LIST-PAGE-GLOBAL-ADMIN', () => {
  it('LIST-PAGE-GLOBAL-ADMIN: a Global admin of the customer opens the page, also when Global admin through a group', () => {
    const world = baseWorld();
    must(setup.addGroup(world, { id: 'c1-admins', tenantId: C1, displayName: 'Admins', members: ['c1-user'] }));
    must(setup.assignDirectoryRole(world, { tenantId: C1, role: GA, principalId: 'c1-admins' }));
    becomeReseller(world, 'a', 'c1');
    expectAllowed(look(world, 'c1-ga', { type: 'partnerRelationships' }), 'LIST-PAGE-GLOBAL-ADMIN');
    expectAllowed(look(world, 'c1-user', { type: 'partnerRelationships', customerId: C1 }), 'LIST-PAGE-GLOBAL-ADMIN');
  });

  it("LIST-PAGE-GLOBAL-ADMIN: the customer's other administrators and users cannot open it, and nothing changes", () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    for (const actor of ['c1-helpdesk', 'c1-useradmin', 'c1-user']) {
      expectRefused(expectUnchanged(world, () => look(world, actor, { type: 'partnerRelationships' })), 'NOT_CUSTOMER_GLOBAL_ADMIN', 'LIST-PAGE-GLOBAL-ADMIN');
    }
  });

  it("LIST-PAGE-GLOBAL-ADMIN: a partner's Admin agent holding implicit Global Administrator, and another customer's Global admin, cannot open it", () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    expectRefused(expectUnchanged(world, () => look(world, 'a-admin', { type: 'partnerRelationships', customerId: C1 })), 'NOT_CUSTOMER_GLOBAL_ADMIN', 'LIST-PAGE-GLOBAL-ADMIN');
    expectRefused(expectUnchanged(world, () => look(world, 'c2-ga', { type: 'partnerRelationships', customerId: C1 })), 'NOT_CUSTOMER_GLOBAL_ADMIN', 'LIST-PAGE-GLOBAL-ADMIN');
    expectInvalid(expectUnchanged(world, () => look(world, 'a-admin', { type: 'partnerRelationships' })), 'MALFORMED', '/customerId');
  });

  it('LIST-PAGE-GLOBAL-ADMIN: the removal steps happen on the page, so they need a Global admin too, and nothing changes', () => {
    const world = withSecondGlobalAdmin(baseWorld());
    becomeReseller(world, 'a', 'c1');
    expectRefused(expectUnchanged(world, () => act(world, 'c1-helpdesk', { type: 'selectPartnerForRemoval', partnerId: A })), 'NOT_CUSTOMER_GLOBAL_ADMIN', 'LIST-PAGE-GLOBAL-ADMIN', 'CONSENT-BY-GLOBAL-ADMIN');
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'selectPartnerForRemoval', partnerId: A, customerId: C1 })), 'NOT_CUSTOMER_GLOBAL_ADMIN', 'LIST-PAGE-GLOBAL-ADMIN');
    // A Global admin who loses the role mid-flow cannot finish it.
    expectAllowed(act(world, 'c1-ga', { type: 'selectPartnerForRemoval', partnerId: A }));
    expectAllowed(act(world, 'c1-ga', { type: 'chooseRemoveDelegatedAdmin' }));
    expectAllowed(act(world, 'c1-ga2', { type: 'removeDirectoryRoleMember', tenantId: C1, roleId: GA, principalId: 'c1-ga' }));
    expectRefused(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'confirmRemoveDelegatedAdmin' })), 'NOT_CUSTOMER_GLOBAL_ADMIN', 'LIST-PAGE-GLOBAL-ADMIN');
    expect(world.relationship(A, C1)?.dap).toBe(true);
  });
});

describe('SCOPE-SERVICE-REQUESTS', () => {
  it('SCOPE-SERVICE-REQUESTS: while it holds DAP, the partner opens service requests through its Admin and Helpdesk agents', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    const d = act(world, 'a-admin', { type: 'openServiceRequest', customerId: C1, title: 'Exchange outage', serviceRequestId: 'sr-1' }, { now: '2026-02-03T04:05:06.000Z' });
    expectAllowed(d, 'SCOPE-SERVICE-REQUESTS');
    expect(d.outcome === 'allowed' && d.effects).toEqual([{ type: 'serviceRequest.opened', serviceRequestId: 'sr-1' }]);
    expectAllowed(act(world, 'a-helpdesk', { type: 'openServiceRequest', customerId: C1, title: 'Password sync', serviceRequestId: 'sr-2' }), 'SCOPE-SERVICE-REQUESTS');
    const list = look(world, 'a-sales', { type: 'serviceRequests', customerId: C1 });
    expectAllowed(list, 'SCOPE-SERVICE-REQUESTS');
    expect(list.outcome === 'allowed' && list.result).toEqual([
      { id: 'sr-1', title: 'Exchange outage', openedBy: 'a-admin', at: '2026-02-03T04:05:06.000Z' },
      { id: 'sr-2', title: 'Password sync', openedBy: 'a-helpdesk', at: '2026-02-03T04:05:06.000Z' },
    ]);
  });

  it('SCOPE-SERVICE-REQUESTS: without DAP (no relationship, or reseller only) the partner is refused, and nothing changes', () => {
    const world = baseWorld();
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'openServiceRequest', customerId: C1, title: 'x' })), 'NO_DAP', 'SCOPE-SERVICE-REQUESTS');
    becomeReseller(world, 'a', 'c1', false);
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'openServiceRequest', customerId: C1, title: 'x' })), 'NO_DAP', 'SCOPE-SERVICE-REQUESTS');
  });

  it('SCOPE-SERVICE-REQUESTS: DAP is per customer and per partner', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'openServiceRequest', customerId: C2, title: 'x' })), 'NO_DAP', 'SCOPE-SERVICE-REQUESTS');
    expectRefused(expectUnchanged(world, () => act(world, 'b-admin', { type: 'openServiceRequest', customerId: C1, title: 'x' })), 'NO_DAP', 'SCOPE-SERVICE-REQUESTS');
  });

  it('SCOPE-SERVICE-REQUESTS: a Sales agent or a user in no agent group cannot open one even with DAP, and nothing changes', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    for (const actor of ['a-sales', 'a-plain', 'a-ga']) {
      expectRefused(expectUnchanged(world, () => act(world, actor, { type: 'openServiceRequest', customerId: C1, title: 'x' })), 'NOT_AN_AGENT', 'SCOPE-SERVICE-REQUESTS');
    }
  });

  it('SCOPE-SERVICE-REQUESTS: customer users do not open them this way; a title is required', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    expectInvalid(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'openServiceRequest', customerId: C1, title: 'x' })), 'NOT_A_PARTNER_USER', '/actor');
    expectInvalid(expectUnchanged(world, () => act(world, 'a-admin', { type: 'openServiceRequest', customerId: C1, title: '' })), 'MALFORMED', '/title');
  });
});
