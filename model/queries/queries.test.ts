import { describe, expect, it } from 'vitest';
import { AZURE_ROLE, ROLE_TEMPLATE, query, setup, type World } from '../index.ts';
import { A, B, C1, C2, act, baseWorld, becomeReseller, createdId, expectAllowed, grantDap, look, must, removeDapAsCustomer } from '../../test/fixture.ts';

// Queries answer exactly: the rules named, the rows (all their fields), and for each bad query the
// code, pointer and, where it helps the reader, the message. A query never changes the world.

describe('queries: relationships, customers, mailbox, offer location, commerce subscriptions', () => {
  it('LIST-PARTNER-RELATIONSHIPS: the page lists related partners with the DAP mark; REVOKE-KEEPS-RESELLER only after a removal that kept a reseller', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    becomeReseller(world, 'b', 'c1', false);
    const rows = [{ partnerId: A, partnerName: 'Contoso Partners', reseller: false, delegatedAdmin: true }, { partnerId: B, partnerName: 'Fabrikam Partners', reseller: true, delegatedAdmin: false }];
    expect(look(world, 'c1-ga', { type: 'partnerRelationships' })).toEqual({ outcome: 'allowed', effects: [], rules: ['LIST-PARTNER-RELATIONSHIPS', 'LIST-PAGE-GLOBAL-ADMIN'], result: rows });
    expect(look(world, 'a-admin', { type: 'partnerRelationships', customerId: C1 })).toMatchObject({ outcome: 'refused', rules: ['LIST-PAGE-GLOBAL-ADMIN'] });
    // A removal that ends a DAP-only relationship drops the partner; nothing was kept.
    removeDapAsCustomer(world, 'c1', A);
    expect(look(world, 'c1-ga', { type: 'partnerRelationships' })).toMatchObject({ rules: ['LIST-PARTNER-RELATIONSHIPS', 'LIST-PAGE-GLOBAL-ADMIN'], result: [rows[1]] });
    // A removal from a reseller that also held DAP keeps it listed, without the mark.
    const kept = baseWorld();
    becomeReseller(kept, 'a', 'c1', true);
    expect(look(kept, 'c1-ga', { type: 'partnerRelationships' }).rules).toEqual(['LIST-PARTNER-RELATIONSHIPS', 'LIST-PAGE-GLOBAL-ADMIN']);
    expect(look(kept, 'a-admin', { type: 'partnerCustomers' }).rules).toEqual(['RESELLER-CUSTOMER-LISTED']);
    removeDapAsCustomer(kept, 'c1', A);
    expect(look(kept, 'c1-ga', { type: 'partnerRelationships' })).toMatchObject({ rules: ['LIST-PARTNER-RELATIONSHIPS', 'LIST-PAGE-GLOBAL-ADMIN', 'REVOKE-KEEPS-RESELLER'], result: [{ partnerId: A, reseller: true, delegatedAdmin: false }] });
    expect(look(kept, 'a-admin', { type: 'partnerCustomers' })).toEqual({ outcome: 'allowed', effects: [], rules: ['RESELLER-CUSTOMER-LISTED', 'REVOKE-KEEPS-RESELLER'], result: [{ customerId: C1, companyName: 'Northwind Traders', defaultDomain: kept.tenant(C1)!.defaultDomain, relationshipToPartner: 'reseller', allowDelegatedAccess: false }] });
  });

  it('RESELLER-CUSTOMER-LISTED: customers and one customer as the partner’s agents see them; others are refused or invalid', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    const view = { customerId: C1, companyName: 'Northwind Traders', defaultDomain: world.tenant(C1)!.defaultDomain, relationshipToPartner: 'none', allowDelegatedAccess: true };
    for (const agent of ['a-admin', 'a-helpdesk', 'a-sales']) {
      expect(look(world, agent, { type: 'partnerCustomers' }), agent).toEqual({ outcome: 'allowed', effects: [], rules: ['RESELLER-CUSTOMER-LISTED'], result: [view] });
      expect(look(world, agent, { type: 'partnerCustomer', customerId: C1 }), agent).toEqual({ outcome: 'allowed', effects: [], rules: ['RESELLER-CUSTOMER-LISTED'], result: view });
    }
    expect(look(world, 'a-plain', { type: 'partnerCustomers' })).toMatchObject({ outcome: 'refused', code: 'NOT_AN_AGENT', rules: ['AGENT-GROUPS'], message: 'The partner user is in neither AdminAgents nor HelpdeskAgents. Partner Center shows customers to Admin, Helpdesk and Sales agents.' });
    expect(look(world, 'a-plain', { type: 'partnerCustomer', customerId: C1 })).toMatchObject({ outcome: 'refused', code: 'NOT_AN_AGENT' });
    expect(look(world, 'c1-ga', { type: 'partnerCustomers' })).toMatchObject({ outcome: 'invalid', code: 'NOT_A_PARTNER_USER', path: '/actor' });
    expect(look(world, 'c1-ga', { type: 'partnerCustomer', customerId: C1 })).toMatchObject({ outcome: 'invalid', code: 'NOT_A_PARTNER_USER', path: '/actor' });
    expect(look(world, 'a-admin', { type: 'partnerCustomer', customerId: C2 })).toMatchObject({ outcome: 'refused', code: 'NO_RELATIONSHIP', rules: ['RESELLER-CUSTOMER-LISTED'], message: 'The customer is not in this partner’s customer list. "Tailspin Toys" is not in the customer list of "Contoso Partners".' });
    expect(look(world, 'a-admin', { type: 'partnerCustomer', customerId: 'nowhere' })).toMatchObject({ outcome: 'invalid', code: 'UNKNOWN_TENANT', path: '/customerId' });
    expect(look(world, 'a-admin', { type: 'partnerCustomer', customerId: B })).toMatchObject({ outcome: 'invalid', code: 'NOT_A_CUSTOMER', path: '/customerId' });
  });

  it('CONSENT-NOTIFY: the mailbox is a copy for the partner’s users; a customer user has none', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    const d = look(world, 'a-plain', { type: 'mailbox' });
    expect(d).toMatchObject({ outcome: 'allowed', effects: [], rules: ['CONSENT-NOTIFY'], result: [{ customerId: C1, subject: 'Northwind Traders accepted your delegated administration offer' }] });
    (d as { result: { subject: string }[] }).result[0]!.subject = 'changed';
    expect((look(world, 'a-plain', { type: 'mailbox' }) as { result: { subject: string }[] }).result[0]!.subject).toBe('Northwind Traders accepted your delegated administration offer');
    expect(look(world, 'c1-ga', { type: 'mailbox' })).toMatchObject({ outcome: 'invalid', code: 'NOT_A_PARTNER_USER', path: '/actor', message: 'The actor is a customer user where a partner user is needed. The mailbox is the partner’s.' });
  });

  it('OFFER-NAV-100: the offer location names the path, the count and the offer; a customer user has none', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    expect(look(world, 'a-admin', { type: 'offerLocation' })).toEqual({ outcome: 'allowed', effects: [], rules: ['OFFER-NAV-100'], result: { path: 'Build your business > delegate admin offer', customerCount: 1, offerId: world.partner(A)!.delegatedAdminOfferId } });
    expect(look(world, 'b-admin', { type: 'offerLocation' })).toMatchObject({ result: { customerCount: 0, offerId: undefined } });
    expect(look(world, 'c1-ga', { type: 'offerLocation' })).toMatchObject({ outcome: 'invalid', code: 'NOT_A_PARTNER_USER', path: '/actor', message: 'The actor is a customer user where a partner user is needed. Only partners have a delegated-admin offer.' });
  });

  it('OFFER-BUNDLED: commerce subscriptions: the customer’s Global admin sees all, a partner only its own, others nothing', () => {
    const world = baseWorld();
    const trial = createdId(act(world, 'a-admin', { type: 'createOffer', kind: 'trial-invitation', product: 'E3 trial' }), 'offerId');
    const purchase = createdId(act(world, 'b-admin', { type: 'createOffer', kind: 'purchase-offer', product: 'E5' }), 'offerId');
    expectAllowed(act(world, 'c1-ga', { type: 'acceptOffer', offerId: trial }));
    expectAllowed(act(world, 'c1-ga', { type: 'acceptOffer', offerId: purchase }));
    const [s1, s2] = world.customer(C1)!.commerceSubscriptionIds;
    const rowA = { id: s1, partnerId: A, offerId: trial, product: 'E3 trial', trial: true };
    const rowB = { id: s2, partnerId: B, offerId: purchase, product: 'E5', trial: false };
    expect(look(world, 'c1-ga', { type: 'commerceSubscriptions' })).toEqual({ outcome: 'allowed', effects: [], rules: ['OFFER-BUNDLED'], result: [rowA, rowB] });
    expect(look(world, 'a-sales', { type: 'commerceSubscriptions', customerId: C1 })).toEqual({ outcome: 'allowed', effects: [], rules: ['OFFER-BUNDLED'], result: [rowA] });
    expect(look(world, 'b-admin', { type: 'commerceSubscriptions', customerId: C1 })).toMatchObject({ result: [rowB] });
    expect(look(world, 'a-admin', { type: 'commerceSubscriptions', customerId: C2 })).toMatchObject({ outcome: 'refused', code: 'NO_RELATIONSHIP', rules: ['RESELLER-CUSTOMER-LISTED'] });
    expect(look(world, 'c1-user', { type: 'commerceSubscriptions' })).toMatchObject({ outcome: 'refused', code: 'NOT_CUSTOMER_GLOBAL_ADMIN' });
    expect(look(world, 'a-admin', { type: 'commerceSubscriptions' })).toMatchObject({ outcome: 'invalid', code: 'MALFORMED', path: '/customerId' });
  });
});

describe('queries: directory', () => {
  it('GRANT-SIGNIN: every directory listing needs directory access, and an unknown tenant is invalid', () => {
    const world = baseWorld();
    for (const type of ['directoryRoles', 'users', 'domains', 'groups'] as const) {
      expect(query(world, 'c2-ga', { type, tenantId: C1 }), type).toMatchObject({ outcome: 'refused', code: 'NOT_A_MEMBER', rules: ['GRANT-SIGNIN'] });
      expect(query(world, 'c1-ga', { type, tenantId: 'nowhere' }), type).toMatchObject({ outcome: 'invalid', code: 'UNKNOWN_TENANT', path: '/tenantId' });
      expect(query(world, 'c1-ga', { type } as never), type).toMatchObject({ outcome: 'invalid', code: 'MALFORMED', path: '/tenantId' });
    }
    expect(query(world, 'c1-ga', { type: 'directoryRoleMembers', tenantId: 'nowhere', roleId: ROLE_TEMPLATE.GlobalAdministrator })).toMatchObject({ outcome: 'invalid', code: 'UNKNOWN_TENANT', path: '/tenantId' });
    expect(query(world, 'c1-ga', { type: 'directoryRoleMembers', tenantId: C1, roleId: 'Global Administrator' })).toMatchObject({ outcome: 'invalid', code: 'UNKNOWN_ROLE', path: '/roleId', message: 'No directory role has this id or template id. "Global Administrator" is neither a role id nor a role template id in "Northwind Traders".' });
  });

  it('LIST-IMPLICIT-HIDDEN: role members are the explicit users and groups, with their fields; users carry their licences', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    must(setup.addGroup(world, { id: 'g-ha', tenantId: C1, displayName: 'Helpdesk team', members: ['c1-user'] }));
    must(setup.assignDirectoryRole(world, { tenantId: C1, role: ROLE_TEMPLATE.HelpdeskAdministrator, principalId: 'g-ha' }));
    expect(look(world, 'a-admin', { type: 'directoryRoleMembers', tenantId: C1, roleId: ROLE_TEMPLATE.HelpdeskAdministrator })).toEqual({
      outcome: 'allowed', effects: [], rules: ['LIST-IMPLICIT-HIDDEN', 'GRANT-ADMINAGENTS-GLOBAL', 'GRANT-FULL-ADMIN-TASKS'],
      result: [
        { id: 'c1-helpdesk', type: 'user', displayName: 'helpdesk', userPrincipalName: `helpdesk@${world.tenant(C1)!.defaultDomain}` },
        { id: 'g-ha', type: 'group', displayName: 'Helpdesk team', userPrincipalName: undefined },
      ],
    });
    expectAllowed(act(world, 'a-admin', { type: 'manageLicenses', tenantId: C1, userId: 'c1-user', sku: 'E5' }));
    const users = look(world, 'c1-ga', { type: 'users', tenantId: C1 });
    expect(users).toMatchObject({ outcome: 'allowed', rules: ['GRANT-FULL-ADMIN-TASKS'] });
    const rows = (users as { result: readonly { id: string; licenses: readonly string[] }[] }).result;
    expect(rows.map((u) => u.id)).toEqual(['c1-ga', 'c1-helpdesk', 'c1-useradmin', 'c1-user']);
    expect(rows[3]).toEqual({ id: 'c1-user', displayName: 'user', userPrincipalName: `user@${world.tenant(C1)!.defaultDomain}`, licenses: ['E5'] });
    expect(rows[0]!.licenses).toEqual([]);
  });

  it('AGENT-GROUPS: a partner’s groups are its agent groups, with their kinds and members; a customer’s groups name no rule of their own', () => {
    const world = baseWorld();
    const p = world.partner(A)!;
    expect(look(world, 'a-ga', { type: 'groups', tenantId: A })).toEqual({
      outcome: 'allowed', effects: [], rules: ['AGENT-GROUPS', 'GRANT-FULL-ADMIN-TASKS'],
      result: [
        { id: p.agentGroups.AdminAgents, displayName: 'AdminAgents', agentKind: 'AdminAgents', memberIds: ['a-admin'] },
        { id: p.agentGroups.HelpdeskAgents, displayName: 'HelpdeskAgents', agentKind: 'HelpdeskAgents', memberIds: ['a-helpdesk'] },
        { id: p.agentGroups.SalesAgents, displayName: 'SalesAgents', agentKind: 'SalesAgents', memberIds: ['a-sales'] },
      ],
    });
    must(setup.addGroup(world, { id: 'g-1', tenantId: C1, displayName: 'Finance', members: ['c1-user'] }));
    expect(look(world, 'c1-user', { type: 'groups', tenantId: C1 })).toEqual({ outcome: 'allowed', effects: [], rules: ['GRANT-SIGNIN'], result: [{ id: 'g-1', displayName: 'Finance', agentKind: undefined, memberIds: ['c1-user'] }] });
  });

  it('GRANT-SIGNIN: domains list the default one as default and the others not', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    expectAllowed(act(world, 'a-admin', { type: 'addDomain', tenantId: C1, domain: 'northwind.example' }));
    expect(look(world, 'c1-user', { type: 'domains', tenantId: C1 })).toEqual({ outcome: 'allowed', effects: [], rules: ['GRANT-SIGNIN'], result: [{ id: world.tenant(C1)!.defaultDomain, isDefault: true }, { id: 'northwind.example', isDefault: false }] });
  });
});

describe('queries: Azure and Autopilot', () => {
  function resellerWorld(): World {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    return world;
  }

  it('AZURE-RBAC-SEPARATE: subscriptions listed are those the actor holds a role under, saying who provisioned them', () => {
    const world = resellerWorld();
    const provisioned = createdId(act(world, 'a-admin', { type: 'provisionAzureSubscription', customerId: C1, displayName: 'Plan' }), 'subscriptionId');
    const own = createdId(act(world, 'c1-ga', { type: 'createAzureSubscription', displayName: 'Own' }), 'subscriptionId');
    expect(look(world, 'a-admin', { type: 'azureSubscriptions', customerId: C1 })).toEqual({ outcome: 'allowed', effects: [], rules: ['AZURE-RBAC-SEPARATE'], result: [{ subscriptionId: provisioned, displayName: 'Plan', customerId: C1, provisionedByPartnerId: A }] });
    expect(look(world, 'c1-ga', { type: 'azureSubscriptions', customerId: C1 })).toEqual({ outcome: 'allowed', effects: [], rules: ['AZURE-RBAC-SEPARATE'], result: [{ subscriptionId: own, displayName: 'Own', customerId: C1, provisionedByPartnerId: undefined }] });
    expect(look(world, 'a-admin', { type: 'azureSubscriptions', customerId: 'nowhere' })).toMatchObject({ outcome: 'invalid', code: 'UNKNOWN_TENANT', path: '/customerId' });
    const assignment = world.subscriptions.get(provisioned)!.assignments[0]!;
    expect(look(world, 'a-admin', { type: 'roleAssignments', subscriptionId: provisioned })).toEqual({ outcome: 'allowed', effects: [], rules: ['AZURE-RBAC-SEPARATE', 'AZURE-REMOVE-ASSIGNMENT'], result: [{ id: assignment.id, subscriptionId: provisioned, roleDefinitionId: AZURE_ROLE.Owner, principalId: world.partner(A)!.agentGroups.AdminAgents, principalType: 'ForeignGroup', principalTenantId: A }] });
  });

  it('AUTOPILOT-AGENT-ROLES: devices and profiles are read by Admin and Sales agents of a reseller, and by the customer’s Global admin', () => {
    const world = resellerWorld();
    must(setup.addAutopilotProfile(world, { id: 'prof-1', customerId: C1, name: 'Kiosk', description: 'd' }));
    must(setup.addAutopilotProfile(world, { id: 'prof-2', customerId: C1, name: 'Empty' }));
    must(setup.addDevice(world, { id: 'dev-1', customerId: C1, serialNumber: 'SN-1', source: 'partner', addedByPartnerId: A, profileId: 'prof-1' }));
    must(setup.addDevice(world, { id: 'dev-2', customerId: C1, serialNumber: 'SN-2', source: 'intune' }));
    const devices = [
      { id: 'dev-1', serialNumber: 'SN-1', source: 'partner', addedByPartnerId: A, profileId: 'prof-1', batchId: undefined, productKey: undefined, hardwareHash: undefined, manufacturer: undefined, model: undefined },
      { id: 'dev-2', serialNumber: 'SN-2', source: 'intune', addedByPartnerId: undefined, profileId: undefined, batchId: undefined, productKey: undefined, hardwareHash: undefined, manufacturer: undefined, model: undefined },
    ];
    const profiles = [{ id: 'prof-1', name: 'Kiosk', description: 'd', devicesAssigned: 1 }, { id: 'prof-2', name: 'Empty', description: '', devicesAssigned: 0 }];
    expect(look(world, 'a-sales', { type: 'autopilotDevices', customerId: C1 })).toEqual({ outcome: 'allowed', effects: [], rules: ['AUTOPILOT-NEEDS-RESELLER', 'AUTOPILOT-AGENT-ROLES'], result: devices });
    expect(look(world, 'a-admin', { type: 'autopilotProfiles', customerId: C1 })).toEqual({ outcome: 'allowed', effects: [], rules: ['AUTOPILOT-NEEDS-RESELLER', 'AUTOPILOT-AGENT-ROLES'], result: profiles });
    expect(look(world, 'c1-ga', { type: 'autopilotDevices', customerId: C1 })).toMatchObject({ outcome: 'allowed', rules: ['AUTOPILOT-CUSTOMER-DEVICES'], result: devices });
    expect(look(world, 'c1-user', { type: 'autopilotProfiles', customerId: C1 })).toMatchObject({ outcome: 'refused', code: 'NOT_CUSTOMER_GLOBAL_ADMIN', rules: ['AUTOPILOT-AGENT-ROLES'] });
    expect(look(world, 'a-helpdesk', { type: 'autopilotDevices', customerId: C1 })).toMatchObject({ outcome: 'refused', code: 'NOT_ADMIN_OR_SALES_AGENT', rules: ['AUTOPILOT-AGENT-ROLES'] });
    expect(look(world, 'a-admin', { type: 'autopilotDevices', customerId: C2 })).toMatchObject({ outcome: 'refused', code: 'NO_RESELLER_RELATIONSHIP', rules: ['AUTOPILOT-NEEDS-RESELLER'] });
    expect(look(world, 'a-admin', { type: 'autopilotDevices', customerId: 'nowhere' })).toMatchObject({ outcome: 'invalid', code: 'UNKNOWN_TENANT', path: '/customerId' });
    expect(look(world, 'a-admin', { type: 'autopilotProfiles' } as never)).toMatchObject({ outcome: 'invalid', code: 'MALFORMED', path: '/customerId' });
  });

  it('SCOPE-SERVICE-REQUESTS: a partner sees the service requests it opened for a related customer, and only those', () => {
    const world = resellerWorld();
    grantDap(world, 'b', 'c1');
    expectAllowed(act(world, 'a-admin', { type: 'openServiceRequest', customerId: C1, title: 'Mail flow' }, { now: '2026-05-05T00:00:00.000Z' }));
    expectAllowed(act(world, 'b-admin', { type: 'openServiceRequest', customerId: C1, title: 'Other' }));
    const d = look(world, 'a-helpdesk', { type: 'serviceRequests', customerId: C1 });
    expect(d).toMatchObject({ outcome: 'allowed', effects: [], rules: ['SCOPE-SERVICE-REQUESTS'] });
    expect((d as { result: unknown[] }).result).toEqual([{ id: expect.any(String), title: 'Mail flow', openedBy: 'a-admin', at: '2026-05-05T00:00:00.000Z' }]);
    expect(look(world, 'c1-ga', { type: 'serviceRequests', customerId: C1 })).toMatchObject({ outcome: 'invalid', code: 'NOT_A_PARTNER_USER', path: '/actor' });
    expect(look(world, 'a-admin', { type: 'serviceRequests', customerId: C2 })).toMatchObject({ outcome: 'refused', code: 'NO_RELATIONSHIP', rules: ['RESELLER-CUSTOMER-LISTED'] });
    expect(look(world, 'a-admin', { type: 'serviceRequests', customerId: 'nowhere' })).toMatchObject({ outcome: 'invalid', code: 'UNKNOWN_TENANT', path: '/customerId' });
  });
});

describe('queries: REVOKE-KEEPS-RESELLER is named for a kept reseller only', () => {
  it('REVOKE-KEEPS-RESELLER: not after a re-grant, not for a reseller that never lost DAP', () => {
    // DAP only, removed, then granted again: nothing was kept by a removal.
    const dapOnly = baseWorld();
    grantDap(dapOnly, 'a', 'c1');
    removeDapAsCustomer(dapOnly, 'c1', A);
    grantDap(dapOnly, 'a', 'c1');
    expect(look(dapOnly, 'c1-ga', { type: 'partnerRelationships' }).rules).toEqual(['LIST-PARTNER-RELATIONSHIPS', 'LIST-PAGE-GLOBAL-ADMIN']);
    expect(look(dapOnly, 'a-admin', { type: 'partnerCustomers' }).rules).toEqual(['RESELLER-CUSTOMER-LISTED']);
    // Reseller with DAP, removed, then granted again: DAP is back.
    const regranted = baseWorld();
    becomeReseller(regranted, 'a', 'c1', true);
    removeDapAsCustomer(regranted, 'c1', A);
    grantDap(regranted, 'a', 'c1');
    expect(look(regranted, 'c1-ga', { type: 'partnerRelationships' }).rules).toEqual(['LIST-PARTNER-RELATIONSHIPS', 'LIST-PAGE-GLOBAL-ADMIN']);
    expect(look(regranted, 'a-admin', { type: 'partnerCustomers' }).rules).toEqual(['RESELLER-CUSTOMER-LISTED']);
    // A reseller never given DAP: nothing removed.
    const plain = baseWorld();
    becomeReseller(plain, 'a', 'c1', false);
    expect(look(plain, 'c1-ga', { type: 'partnerRelationships' }).rules).toEqual(['LIST-PARTNER-RELATIONSHIPS', 'LIST-PAGE-GLOBAL-ADMIN']);
    expect(look(plain, 'a-admin', { type: 'partnerCustomers' })).toMatchObject({ rules: ['RESELLER-CUSTOMER-LISTED'], result: [{ customerId: C1, relationshipToPartner: 'reseller', allowDelegatedAccess: false }] });
  });
});
