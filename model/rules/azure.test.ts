import { describe, expect, it } from 'vitest';
import { AZURE_ROLE, setup, type World } from '../index.ts';
import {
  A, B, C1, C2, act, baseWorld, becomeReseller, createdId, expectAllowed, expectInvalid, expectRefused, expectUnchanged, grantDap, look, must, removeDapAsCustomer, seen,
} from '../../test/fixture.ts';

function adminAgents(world: World, partnerId: string = A): string {
  return world.partner(partnerId)!.agentGroups.AdminAgents;
}

function helpdeskAgents(world: World, partnerId: string = A): string {
  return world.partner(partnerId)!.agentGroups.HelpdeskAgents;
}

/** The partner provisions a subscription for the customer (needs a reseller relationship). */
function provision(world: World, actor = 'a-admin', customerId = C1): string {
  return createdId(act(world, actor, { type: 'provisionAzureSubscription', customerId }), 'subscriptionId');
}

/** The customer's Global admin creates its own subscription and becomes its Owner. */
function customerSubscription(world: World, actor = 'c1-ga'): string {
  return createdId(act(world, actor, { type: 'createAzureSubscription' }), 'subscriptionId');
}

function assign(world: World, actor: string, subscriptionId: string, roleDefinitionId: string, principalId: string): string {
  return createdId(act(world, actor, { type: 'addRoleAssignment', subscriptionId, roleDefinitionId, principalId }), 'assignmentId');
}

describe('AZURE-RBAC-SEPARATE', () => {
  it('AZURE-RBAC-SEPARATE: DAP alone gives no access to a subscription, though the same agent administers the directory', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    const sub = customerSubscription(world);
    expectAllowed(act(world, 'a-admin', { type: 'signIn', tenantId: C1 }), 'GRANT-ADMINAGENTS-GLOBAL');
    const d = expectUnchanged(world, () => act(world, 'a-admin', { type: 'manageAzureResources', subscriptionId: sub }));
    expectRefused(d, 'NO_AZURE_ROLE', 'AZURE-RBAC-SEPARATE');
    // The subscription was created after the grant: nothing retroactive to explain here.
    expect(d.rules).not.toContain('AZURE-NO-RETROACTIVE');
    expectRefused(look(world, 'a-admin', { type: 'roleAssignments', subscriptionId: sub }), 'NO_AZURE_ROLE', 'AZURE-RBAC-SEPARATE');
    expect(seen(world, 'a-admin', { type: 'azureSubscriptions', customerId: C1 })).toEqual([]);
  });

  it('AZURE-RBAC-SEPARATE: a Contributor assignment for the AdminAgents group lets its members manage resources', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    const sub = customerSubscription(world);
    assign(world, 'c1-ga', sub, AZURE_ROLE.Contributor, adminAgents(world));
    const d = act(world, 'a-admin', { type: 'manageAzureResources', subscriptionId: sub });
    expectAllowed(d, 'AZURE-RBAC-SEPARATE');
    expect(d.outcome === 'allowed' && d.effects).toEqual([{ type: 'azure.resourcesManaged', subscriptionId: sub }]);
    expect(seen(world, 'a-admin', { type: 'azureSubscriptions', customerId: C1 }).map((s) => s.subscriptionId)).toEqual([sub]);
  });

  it('AZURE-RBAC-SEPARATE: a Reader can list role assignments but cannot manage resources (INSUFFICIENT_AZURE_ROLE)', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    const sub = customerSubscription(world);
    assign(world, 'c1-ga', sub, AZURE_ROLE.Reader, adminAgents(world));
    const d = expectUnchanged(world, () => act(world, 'a-admin', { type: 'manageAzureResources', subscriptionId: sub }));
    expectRefused(d, 'INSUFFICIENT_AZURE_ROLE', 'AZURE-RBAC-SEPARATE');
    expectAllowed(look(world, 'a-admin', { type: 'roleAssignments', subscriptionId: sub }), 'AZURE-RBAC-SEPARATE');
  });

  it('AZURE-RBAC-SEPARATE: each subscription has its own assignments: Owner on one gives nothing on another of the same customer', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    const mine = provision(world);
    const theirs = customerSubscription(world);
    expectAllowed(act(world, 'a-admin', { type: 'manageAzureResources', subscriptionId: mine }), 'AZURE-RBAC-SEPARATE');
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'manageAzureResources', subscriptionId: theirs })), 'NO_AZURE_ROLE', 'AZURE-RBAC-SEPARATE');
    expect(seen(world, 'a-admin', { type: 'azureSubscriptions', customerId: C1 }).map((s) => s.subscriptionId)).toEqual([mine]);
  });

  it("AZURE-RBAC-SEPARATE: another partner's DAP and assignments give it nothing on this partner's subscription", () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    becomeReseller(world, 'b', 'c1');
    const sub = provision(world);
    expectRefused(expectUnchanged(world, () => act(world, 'b-admin', { type: 'manageAzureResources', subscriptionId: sub })), 'NO_AZURE_ROLE', 'AZURE-RBAC-SEPARATE');
  });

  describe('customer-created subscriptions', () => {
    it("AZURE-RBAC-SEPARATE: the customer's Global admin creates a subscription and is listed as its Owner", () => {
      const world = baseWorld();
      const d = act(world, 'c1-ga', { type: 'createAzureSubscription', displayName: 'Dev/Test' });
      expectAllowed(d, 'AZURE-RBAC-SEPARATE');
      const sub = createdId(d, 'subscriptionId');
      expect(seen(world, 'c1-ga', { type: 'roleAssignments', subscriptionId: sub })).toEqual([
        expect.objectContaining({ subscriptionId: sub, roleDefinitionId: AZURE_ROLE.Owner, principalId: 'c1-ga', principalType: 'User', principalTenantId: C1 }),
      ]);
      expect(seen(world, 'c1-ga', { type: 'azureSubscriptions', customerId: C1 })).toEqual([
        { subscriptionId: sub, displayName: 'Dev/Test', customerId: C1, provisionedByPartnerId: undefined },
      ]);
      expectAllowed(act(world, 'c1-ga', { type: 'manageAzureResources', subscriptionId: sub }), 'AZURE-RBAC-SEPARATE');
    });

    it('AZURE-RBAC-SEPARATE: other customer users, and partner agents with implicit Global Administrator, cannot create one', () => {
      const world = baseWorld();
      grantDap(world, 'a', 'c1');
      for (const actor of ['c1-helpdesk', 'c1-useradmin', 'c1-user']) {
        expectRefused(expectUnchanged(world, () => act(world, actor, { type: 'createAzureSubscription' })), 'NOT_CUSTOMER_GLOBAL_ADMIN', 'AZURE-RBAC-SEPARATE');
      }
      expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'createAzureSubscription', customerId: C1 })), 'NOT_CUSTOMER_GLOBAL_ADMIN', 'AZURE-RBAC-SEPARATE');
      expectRefused(expectUnchanged(world, () => act(world, 'c2-ga', { type: 'createAzureSubscription', customerId: C1 })), 'NOT_CUSTOMER_GLOBAL_ADMIN');
    });

    it('a partner user must name the customer, and an id already taken is invalid', () => {
      const world = baseWorld();
      expectInvalid(expectUnchanged(world, () => act(world, 'a-admin', { type: 'createAzureSubscription' })), 'MALFORMED', '/customerId');
      must(setup.addSubscription(world, { id: 'sub-taken', customerId: C2 }));
      expectInvalid(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'createAzureSubscription', subscriptionId: 'sub-taken' })), 'ALREADY_EXISTS', '/subscriptionId');
    });
  });

  describe('role assignment permissions', () => {
    function subWithRoles() {
      const world = baseWorld();
      must(setup.addUser(world, { id: 'c1-uaa', tenantId: C1, userPrincipalName: `uaa@${world.tenant(C1)!.defaultDomain}` }));
      must(setup.addUser(world, { id: 'c1-contrib', tenantId: C1, userPrincipalName: `contrib@${world.tenant(C1)!.defaultDomain}` }));
      must(setup.addUser(world, { id: 'c1-reader', tenantId: C1, userPrincipalName: `reader@${world.tenant(C1)!.defaultDomain}` }));
      const sub = customerSubscription(world);
      assign(world, 'c1-ga', sub, AZURE_ROLE.UserAccessAdministrator, 'c1-uaa');
      assign(world, 'c1-ga', sub, AZURE_ROLE.Contributor, 'c1-contrib');
      assign(world, 'c1-ga', sub, AZURE_ROLE.Reader, 'c1-reader');
      return { world, sub };
    }

    it('AZURE-RBAC-SEPARATE: an Owner and a User Access Administrator add and remove role assignments', () => {
      const { world, sub } = subWithRoles();
      const d = act(world, 'c1-uaa', { type: 'addRoleAssignment', subscriptionId: sub, roleDefinitionId: AZURE_ROLE.Contributor, principalId: adminAgents(world) });
      expectAllowed(d, 'AZURE-RBAC-SEPARATE');
      const id = createdId(d, 'assignmentId');
      expect(d.outcome === 'allowed' && d.effects).toEqual([{ type: 'azure.roleAssigned', assignmentId: id, subscriptionId: sub, roleDefinitionId: AZURE_ROLE.Contributor, principalId: adminAgents(world) }]);
      expectAllowed(act(world, 'c1-uaa', { type: 'removeRoleAssignment', subscriptionId: sub, assignmentId: id }), 'AZURE-REMOVE-ASSIGNMENT');
      const id2 = assign(world, 'c1-ga', sub, AZURE_ROLE.Reader, 'c1-user');
      expectAllowed(act(world, 'c1-ga', { type: 'removeRoleAssignment', subscriptionId: sub, assignmentId: id2 }));
    });

    it('AZURE-RBAC-SEPARATE: a User Access Administrator may assign but not manage resources', () => {
      const { world, sub } = subWithRoles();
      expectRefused(expectUnchanged(world, () => act(world, 'c1-uaa', { type: 'manageAzureResources', subscriptionId: sub })), 'INSUFFICIENT_AZURE_ROLE', 'AZURE-RBAC-SEPARATE');
      expectAllowed(act(world, 'c1-contrib', { type: 'manageAzureResources', subscriptionId: sub }));
    });

    it('AZURE-RBAC-SEPARATE: a Contributor and a Reader cannot change assignments; a user with none is refused NO_AZURE_ROLE', () => {
      const { world, sub } = subWithRoles();
      const ownerId = seen(world, 'c1-ga', { type: 'roleAssignments', subscriptionId: sub }).find((a) => a.principalId === 'c1-ga')!.id;
      for (const actor of ['c1-contrib', 'c1-reader']) {
        expectRefused(expectUnchanged(world, () => act(world, actor, { type: 'addRoleAssignment', subscriptionId: sub, roleDefinitionId: AZURE_ROLE.Owner, principalId: actor })), 'INSUFFICIENT_AZURE_ROLE', 'AZURE-RBAC-SEPARATE');
        expectRefused(expectUnchanged(world, () => act(world, actor, { type: 'removeRoleAssignment', subscriptionId: sub, assignmentId: ownerId })), 'INSUFFICIENT_AZURE_ROLE', 'AZURE-RBAC-SEPARATE');
      }
      expectRefused(expectUnchanged(world, () => act(world, 'c1-user', { type: 'addRoleAssignment', subscriptionId: sub, roleDefinitionId: AZURE_ROLE.Reader, principalId: 'c1-user' })), 'NO_AZURE_ROLE', 'AZURE-RBAC-SEPARATE');
    });

    it("AZURE-RBAC-SEPARATE: the customer's Global admin without an assignment under the subscription cannot change it", () => {
      const world = baseWorld();
      becomeReseller(world, 'a', 'c1');
      const sub = provision(world);
      // Global Administrator in the directory is not an Azure role assignment.
      expectRefused(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'addRoleAssignment', subscriptionId: sub, roleDefinitionId: AZURE_ROLE.Owner, principalId: 'c1-ga' })), 'NO_AZURE_ROLE', 'AZURE-RBAC-SEPARATE');
      const partnerAssignment = seen(world, 'a-admin', { type: 'roleAssignments', subscriptionId: sub })[0]!;
      expectRefused(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'removeRoleAssignment', subscriptionId: sub, assignmentId: partnerAssignment.id })), 'NO_AZURE_ROLE');
    });

    it("AZURE-RBAC-SEPARATE: the partner's AdminAgents Owner can add assignments on a subscription it provisioned", () => {
      const world = baseWorld();
      becomeReseller(world, 'a', 'c1');
      const sub = provision(world);
      expectAllowed(act(world, 'a-admin', { type: 'addRoleAssignment', subscriptionId: sub, roleDefinitionId: AZURE_ROLE.Reader, principalId: helpdeskAgents(world) }), 'AZURE-RBAC-SEPARATE');
      expect(seen(world, 'a-helpdesk', { type: 'roleAssignments', subscriptionId: sub })).toHaveLength(2);
      expectRefused(expectUnchanged(world, () => act(world, 'a-helpdesk', { type: 'manageAzureResources', subscriptionId: sub })), 'INSUFFICIENT_AZURE_ROLE');
    });
  });
});

describe('AZURE-NO-RETROACTIVE', () => {
  it('AZURE-NO-RETROACTIVE: a subscription that existed before the reseller and DAP acceptance stays out of reach', () => {
    const world = baseWorld();
    const sub = customerSubscription(world);
    becomeReseller(world, 'a', 'c1', true);
    expect(world.relationship(A, C1)).toMatchObject({ reseller: true, dap: true });
    const d = expectUnchanged(world, () => act(world, 'a-admin', { type: 'manageAzureResources', subscriptionId: sub }));
    expectRefused(d, 'NO_AZURE_ROLE', 'AZURE-NO-RETROACTIVE', 'AZURE-RBAC-SEPARATE');
    expectRefused(look(world, 'a-admin', { type: 'roleAssignments', subscriptionId: sub }), 'NO_AZURE_ROLE', 'AZURE-NO-RETROACTIVE');
    expect(seen(world, 'a-admin', { type: 'azureSubscriptions', customerId: C1 })).toEqual([]);
    // The acceptance added no assignment: only the customer's own Owner is listed.
    expect(seen(world, 'c1-ga', { type: 'roleAssignments', subscriptionId: sub }).map((a) => a.principalId)).toEqual(['c1-ga']);
  });

  it('AZURE-NO-RETROACTIVE: holds for a subscription given at set-up before a set-up relationship', () => {
    const world = baseWorld();
    must(setup.addSubscription(world, { id: 'sub-old', customerId: C1 }));
    must(setup.relate(world, { partnerId: A, customerId: C1 }));
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'manageAzureResources', subscriptionId: 'sub-old' })), 'NO_AZURE_ROLE', 'AZURE-NO-RETROACTIVE');
  });

  it('AZURE-NO-RETROACTIVE: without any relationship the refusal does not claim a retroactivity problem', () => {
    const world = baseWorld();
    const sub = customerSubscription(world);
    const d = expectUnchanged(world, () => act(world, 'a-admin', { type: 'manageAzureResources', subscriptionId: sub }));
    expectRefused(d, 'NO_AZURE_ROLE', 'AZURE-RBAC-SEPARATE');
    expect(d.rules).not.toContain('AZURE-NO-RETROACTIVE');
  });

  it('AZURE-NO-RETROACTIVE: the old subscription becomes manageable only once the customer adds a role assignment', () => {
    const world = baseWorld();
    const sub = customerSubscription(world);
    becomeReseller(world, 'a', 'c1', true);
    const fresh = provision(world);
    expectAllowed(act(world, 'a-admin', { type: 'manageAzureResources', subscriptionId: fresh }), 'AZURE-PROVISION-OWNER');
    expectRefused(act(world, 'a-admin', { type: 'manageAzureResources', subscriptionId: sub }), 'NO_AZURE_ROLE', 'AZURE-NO-RETROACTIVE');
    assign(world, 'c1-ga', sub, AZURE_ROLE.Owner, adminAgents(world));
    expectAllowed(act(world, 'a-admin', { type: 'manageAzureResources', subscriptionId: sub }), 'AZURE-RBAC-SEPARATE');
  });
});

describe('AZURE-PROVISION-OWNER', () => {
  it('AZURE-PROVISION-OWNER: an Admin agent provisions; AdminAgents is Owner as a ForeignGroup, listed in the role assignments', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1', false);
    const d = act(world, 'a-admin', { type: 'provisionAzureSubscription', customerId: C1, displayName: 'Azure plan 1' });
    expectAllowed(d, 'AZURE-PROVISION-OWNER', 'AZURE-RBAC-SEPARATE');
    const sub = createdId(d, 'subscriptionId');
    const assignmentId = createdId(d, 'assignmentId');
    expect(seen(world, 'a-admin', { type: 'roleAssignments', subscriptionId: sub })).toEqual([
      { id: assignmentId, subscriptionId: sub, roleDefinitionId: AZURE_ROLE.Owner, principalId: adminAgents(world), principalType: 'ForeignGroup', principalTenantId: A },
    ]);
    expect(seen(world, 'a-admin', { type: 'azureSubscriptions', customerId: C1 })).toEqual([
      { subscriptionId: sub, displayName: 'Azure plan 1', customerId: C1, provisionedByPartnerId: A },
    ]);
  });

  it('AZURE-PROVISION-OWNER: a Sales agent provisions too, and works without DAP', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1', false);
    expect(world.relationship(A, C1)?.dap).toBe(false);
    const d = act(world, 'a-sales', { type: 'provisionAzureSubscription', customerId: C1 });
    expectAllowed(d, 'AZURE-PROVISION-OWNER');
    const sub = createdId(d, 'subscriptionId');
    // Owner goes to AdminAgents, not to the Sales agent who provisioned it.
    expectAllowed(act(world, 'a-admin', { type: 'manageAzureResources', subscriptionId: sub }), 'AZURE-PROVISION-OWNER');
    expectRefused(expectUnchanged(world, () => act(world, 'a-sales', { type: 'manageAzureResources', subscriptionId: sub })), 'NO_AZURE_ROLE', 'AZURE-PROVISION-OWNER');
  });

  it('AZURE-PROVISION-OWNER: AdminAgents members manage resources; HelpdeskAgents and other partner users are refused', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    const sub = provision(world);
    expectAllowed(act(world, 'a-admin', { type: 'manageAzureResources', subscriptionId: sub }), 'AZURE-PROVISION-OWNER', 'AZURE-RBAC-SEPARATE');
    for (const actor of ['a-helpdesk', 'a-plain', 'a-ga']) {
      expectRefused(expectUnchanged(world, () => act(world, actor, { type: 'manageAzureResources', subscriptionId: sub })), 'NO_AZURE_ROLE', 'AZURE-PROVISION-OWNER', 'AZURE-RBAC-SEPARATE');
    }
    // HelpdeskAgents get no assignment at all.
    expect(seen(world, 'a-admin', { type: 'roleAssignments', subscriptionId: sub }).map((a) => a.principalId)).not.toContain(helpdeskAgents(world));
  });

  it('AZURE-PROVISION-OWNER: a Helpdesk agent or a user in no group cannot provision, and nothing changes', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    for (const actor of ['a-helpdesk', 'a-plain', 'a-ga']) {
      expectRefused(expectUnchanged(world, () => act(world, actor, { type: 'provisionAzureSubscription', customerId: C1 })), 'NOT_ADMIN_OR_SALES_AGENT', 'AZURE-PROVISION-OWNER');
    }
  });

  it('AZURE-PROVISION-OWNER: provisioning needs a reseller relationship; DAP from a delegated-admin offer alone is not one', () => {
    const world = baseWorld();
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'provisionAzureSubscription', customerId: C1 })), 'NO_RESELLER_RELATIONSHIP', 'AZURE-PROVISION-OWNER');
    grantDap(world, 'a', 'c1');
    expect(world.relationship(A, C1)).toMatchObject({ dap: true, reseller: false });
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'provisionAzureSubscription', customerId: C1 })), 'NO_RESELLER_RELATIONSHIP', 'AZURE-PROVISION-OWNER');
    becomeReseller(world, 'a', 'c1');
    expectAllowed(act(world, 'a-admin', { type: 'provisionAzureSubscription', customerId: C1 }), 'AZURE-PROVISION-OWNER');
  });

  it("AZURE-PROVISION-OWNER: being B's reseller lets B provision, not A", () => {
    const world = baseWorld();
    becomeReseller(world, 'b', 'c1');
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'provisionAzureSubscription', customerId: C1 })), 'NO_RESELLER_RELATIONSHIP');
    const sub = provision(world, 'b-admin');
    expect(seen(world, 'b-admin', { type: 'roleAssignments', subscriptionId: sub })).toEqual([
      expect.objectContaining({ principalId: adminAgents(world, B), principalType: 'ForeignGroup', principalTenantId: B }),
    ]);
  });

  it('AZURE-PROVISION-OWNER: a customer user cannot provision; unknown or partner ids are invalid', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    expectInvalid(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'provisionAzureSubscription', customerId: C1 })), 'NOT_A_PARTNER_USER', '/actor');
    expectInvalid(expectUnchanged(world, () => act(world, 'a-admin', { type: 'provisionAzureSubscription', customerId: 'nobody' })), 'UNKNOWN_TENANT', '/customerId');
    expectInvalid(expectUnchanged(world, () => act(world, 'a-admin', { type: 'provisionAzureSubscription', customerId: B })), 'NOT_A_CUSTOMER', '/customerId');
  });
});

describe('AZURE-PERSISTS-AFTER-REVOKE', () => {
  it('AZURE-PERSISTS-AFTER-REVOKE: after the customer removes DAP in three steps the partner still manages its subscription', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    const sub = provision(world);
    removeDapAsCustomer(world, 'c1', A);
    expect(world.relationship(A, C1)).toMatchObject({ dap: false, reseller: true });
    // The directory is gone (REVOKE-ROLES-REMOVED) ...
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'signIn', tenantId: C1 })), 'DAP_REMOVED', 'REVOKE-ROLES-REMOVED');
    // ... the subscription is not.
    expectAllowed(act(world, 'a-admin', { type: 'manageAzureResources', subscriptionId: sub }), 'AZURE-PERSISTS-AFTER-REVOKE', 'AZURE-RBAC-SEPARATE');
    expect(seen(world, 'a-admin', { type: 'roleAssignments', subscriptionId: sub })).toEqual([
      expect.objectContaining({ roleDefinitionId: AZURE_ROLE.Owner, principalId: adminAgents(world), principalType: 'ForeignGroup' }),
    ]);
  });

  it('AZURE-PERSISTS-AFTER-REVOKE: the confirming step of the removal names it when the partner holds assignments', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    const sub = provision(world);
    const assignmentsBefore = seen(world, 'a-admin', { type: 'roleAssignments', subscriptionId: sub });
    expectAllowed(act(world, 'c1-ga', { type: 'selectPartnerForRemoval', partnerId: A }), 'REVOKE-CONFIRM');
    expectAllowed(act(world, 'c1-ga', { type: 'chooseRemoveDelegatedAdmin' }), 'REVOKE-CONFIRM');
    const d = act(world, 'c1-ga', { type: 'confirmRemoveDelegatedAdmin' });
    expectAllowed(d, 'AZURE-PERSISTS-AFTER-REVOKE', 'REVOKE-CONFIRM', 'REVOKE-ROLES-REMOVED');
    expect(d.outcome === 'allowed' && d.effects).toEqual([{ type: 'relationship.dapRemoved', partnerId: A, customerId: C1 }]);
    expect(seen(world, 'a-admin', { type: 'roleAssignments', subscriptionId: sub })).toEqual(assignmentsBefore);
  });

  it('AZURE-PERSISTS-AFTER-REVOKE: a removal is not said to keep Azure access when the partner holds no assignment', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    const sub = customerSubscription(world);
    expectAllowed(act(world, 'c1-ga', { type: 'selectPartnerForRemoval', partnerId: A }));
    expectAllowed(act(world, 'c1-ga', { type: 'chooseRemoveDelegatedAdmin' }));
    const d = act(world, 'c1-ga', { type: 'confirmRemoveDelegatedAdmin' });
    expectAllowed(d, 'REVOKE-ROLES-REMOVED');
    expect(d.rules).not.toContain('AZURE-PERSISTS-AFTER-REVOKE');
    const refused = expectUnchanged(world, () => act(world, 'a-admin', { type: 'manageAzureResources', subscriptionId: sub }));
    expectRefused(refused, 'NO_AZURE_ROLE', 'AZURE-RBAC-SEPARATE');
    expect(refused.rules).not.toContain('AZURE-PERSISTS-AFTER-REVOKE');
  });

  it('AZURE-PERSISTS-AFTER-REVOKE: while DAP is held the grant does not claim it', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    const sub = provision(world);
    const d = act(world, 'a-admin', { type: 'manageAzureResources', subscriptionId: sub });
    expectAllowed(d, 'AZURE-PROVISION-OWNER');
    expect(d.rules).not.toContain('AZURE-PERSISTS-AFTER-REVOKE');
  });

  it('AZURE-PERSISTS-AFTER-REVOKE: the partner giving DAP up leaves its Owner assignment in force too', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    const sub = provision(world);
    expectAllowed(act(world, 'a-admin', { type: 'giveUpDap', customerId: C1 }), 'REVOKE-BY-PARTNER', 'AZURE-PERSISTS-AFTER-REVOKE');
    expectAllowed(act(world, 'a-admin', { type: 'manageAzureResources', subscriptionId: sub }), 'AZURE-PERSISTS-AFTER-REVOKE');
  });
});

describe('AZURE-REMOVE-ASSIGNMENT', () => {
  /** A provisioned subscription where the customer's Global admin was also made Owner. */
  function withCustomerOwner() {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    const sub = provision(world);
    assign(world, 'a-admin', sub, AZURE_ROLE.Owner, 'c1-ga');
    const partnerAssignment = seen(world, 'c1-ga', { type: 'roleAssignments', subscriptionId: sub }).find((a) => a.principalTenantId === A)!;
    return { world, sub, partnerAssignment };
  }

  it("AZURE-REMOVE-ASSIGNMENT: the partner's assignment is listed to the customer's Owner before removal", () => {
    const { world, sub, partnerAssignment } = withCustomerOwner();
    const d = look(world, 'c1-ga', { type: 'roleAssignments', subscriptionId: sub });
    expectAllowed(d, 'AZURE-REMOVE-ASSIGNMENT');
    expect(partnerAssignment).toMatchObject({ roleDefinitionId: AZURE_ROLE.Owner, principalId: adminAgents(world), principalType: 'ForeignGroup', principalTenantId: A });
    expect(d.outcome === 'allowed' && d.result.map((a) => a.principalId).sort()).toEqual([adminAgents(world), 'c1-ga'].sort());
  });

  it("AZURE-REMOVE-ASSIGNMENT: the customer's Owner removes it and the partner is refused, naming the removal", () => {
    const { world, sub, partnerAssignment } = withCustomerOwner();
    const d = act(world, 'c1-ga', { type: 'removeRoleAssignment', subscriptionId: sub, assignmentId: partnerAssignment.id });
    expectAllowed(d, 'AZURE-REMOVE-ASSIGNMENT');
    expect(d.outcome === 'allowed' && d.effects).toEqual([{ type: 'azure.roleAssignmentRemoved', assignmentId: partnerAssignment.id, subscriptionId: sub }]);
    expect(seen(world, 'c1-ga', { type: 'roleAssignments', subscriptionId: sub }).map((a) => a.principalId)).toEqual(['c1-ga']);
    const refused = expectUnchanged(world, () => act(world, 'a-admin', { type: 'manageAzureResources', subscriptionId: sub }));
    expectRefused(refused, 'NO_AZURE_ROLE', 'AZURE-REMOVE-ASSIGNMENT', 'AZURE-RBAC-SEPARATE');
    expectRefused(look(world, 'a-admin', { type: 'roleAssignments', subscriptionId: sub }), 'NO_AZURE_ROLE', 'AZURE-REMOVE-ASSIGNMENT');
    expect(seen(world, 'a-admin', { type: 'azureSubscriptions', customerId: C1 })).toEqual([]);
    // DAP is untouched: removing the assignment is an Azure matter only.
    expect(world.relationship(A, C1)?.dap).toBe(true);
    expectAllowed(act(world, 'a-admin', { type: 'signIn', tenantId: C1 }));
  });

  it('AZURE-REMOVE-ASSIGNMENT: after DAP removal it is the assignment removal, not the DAP removal, that stops the partner', () => {
    const { world, sub, partnerAssignment } = withCustomerOwner();
    removeDapAsCustomer(world, 'c1', A);
    expectAllowed(act(world, 'a-admin', { type: 'manageAzureResources', subscriptionId: sub }), 'AZURE-PERSISTS-AFTER-REVOKE');
    expectAllowed(act(world, 'c1-ga', { type: 'removeRoleAssignment', subscriptionId: sub, assignmentId: partnerAssignment.id }), 'AZURE-REMOVE-ASSIGNMENT');
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'manageAzureResources', subscriptionId: sub })), 'NO_AZURE_ROLE', 'AZURE-REMOVE-ASSIGNMENT');
  });

  it('AZURE-REMOVE-ASSIGNMENT: re-adding Owner for the AdminAgents ForeignGroup brings access back', () => {
    const { world, sub, partnerAssignment } = withCustomerOwner();
    expectAllowed(act(world, 'c1-ga', { type: 'removeRoleAssignment', subscriptionId: sub, assignmentId: partnerAssignment.id }));
    expectRefused(act(world, 'a-admin', { type: 'manageAzureResources', subscriptionId: sub }), 'NO_AZURE_ROLE', 'AZURE-REMOVE-ASSIGNMENT');
    const again = assign(world, 'c1-ga', sub, AZURE_ROLE.Owner, adminAgents(world));
    expect(seen(world, 'c1-ga', { type: 'roleAssignments', subscriptionId: sub })).toContainEqual(
      expect.objectContaining({ id: again, principalId: adminAgents(world), principalType: 'ForeignGroup', principalTenantId: A }),
    );
    const d = act(world, 'a-admin', { type: 'manageAzureResources', subscriptionId: sub });
    expectAllowed(d, 'AZURE-RBAC-SEPARATE');
    expect(d.rules).not.toContain('AZURE-REMOVE-ASSIGNMENT');
  });

  it('AZURE-REMOVE-ASSIGNMENT: a refusal names it only for the agents the removed assignment covered', () => {
    const { world, sub, partnerAssignment } = withCustomerOwner();
    expectAllowed(act(world, 'c1-ga', { type: 'removeRoleAssignment', subscriptionId: sub, assignmentId: partnerAssignment.id }));
    const d = expectUnchanged(world, () => act(world, 'a-helpdesk', { type: 'manageAzureResources', subscriptionId: sub }));
    expectRefused(d, 'NO_AZURE_ROLE', 'AZURE-RBAC-SEPARATE');
    expect(d.rules).not.toContain('AZURE-REMOVE-ASSIGNMENT');
  });

  it('AZURE-REMOVE-ASSIGNMENT: the partner cannot remove it as a non-owner, and an unknown or foreign assignment id is invalid', () => {
    const { world, sub, partnerAssignment } = withCustomerOwner();
    const other = customerSubscription(world);
    const otherOwner = seen(world, 'c1-ga', { type: 'roleAssignments', subscriptionId: other })[0]!;
    expectRefused(expectUnchanged(world, () => act(world, 'a-helpdesk', { type: 'removeRoleAssignment', subscriptionId: sub, assignmentId: partnerAssignment.id })), 'NO_AZURE_ROLE', 'AZURE-RBAC-SEPARATE');
    expectInvalid(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'removeRoleAssignment', subscriptionId: sub, assignmentId: 'nope' })), 'UNKNOWN_ROLE_ASSIGNMENT', '/assignmentId');
    expectInvalid(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'removeRoleAssignment', subscriptionId: sub, assignmentId: otherOwner.id })), 'UNKNOWN_ROLE_ASSIGNMENT', '/assignmentId');
    expectInvalid(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'removeRoleAssignment', subscriptionId: 'nope', assignmentId: partnerAssignment.id })), 'UNKNOWN_SUBSCRIPTION', '/subscriptionId');
  });
});

describe('role assignment input', () => {
  function ownedSub() {
    const world = baseWorld();
    const sub = customerSubscription(world);
    return { world, sub };
  }

  it('an unknown subscription is invalid for every Azure action', () => {
    const { world } = ownedSub();
    expectInvalid(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'manageAzureResources', subscriptionId: 'nope' })), 'UNKNOWN_SUBSCRIPTION', '/subscriptionId');
    expectInvalid(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'addRoleAssignment', subscriptionId: 'nope', roleDefinitionId: AZURE_ROLE.Reader, principalId: 'c1-user' })), 'UNKNOWN_SUBSCRIPTION', '/subscriptionId');
    expectInvalid(look(world, 'c1-ga', { type: 'roleAssignments', subscriptionId: 'nope' }), 'UNKNOWN_SUBSCRIPTION', '/subscriptionId');
  });

  it('an unknown role definition is invalid; the ARM resource-id form of a known one is accepted', () => {
    const { world, sub } = ownedSub();
    expectInvalid(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'addRoleAssignment', subscriptionId: sub, roleDefinitionId: '00000000-0000-0000-0000-000000000000', principalId: 'c1-user' })), 'UNKNOWN_ROLE_DEFINITION', '/roleDefinitionId');
    expectInvalid(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'addRoleAssignment', subscriptionId: sub, roleDefinitionId: 'Owner', principalId: 'c1-user' })), 'UNKNOWN_ROLE_DEFINITION', '/roleDefinitionId');
    const armId = `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${AZURE_ROLE.Reader.toUpperCase()}`;
    const d = act(world, 'c1-ga', { type: 'addRoleAssignment', subscriptionId: sub, roleDefinitionId: armId, principalId: 'c1-user' });
    expectAllowed(d);
    expect(seen(world, 'c1-ga', { type: 'roleAssignments', subscriptionId: sub })).toContainEqual(expect.objectContaining({ principalId: 'c1-user', roleDefinitionId: AZURE_ROLE.Reader }));
  });

  it("a partner's user, another customer's user or group, and an unknown id are not assignable principals", () => {
    const { world, sub } = ownedSub();
    must(setup.addGroup(world, { id: 'c2-group', tenantId: C2, displayName: 'Tailspin ops', members: ['c2-user'] }));
    expectInvalid(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'addRoleAssignment', subscriptionId: sub, roleDefinitionId: AZURE_ROLE.Owner, principalId: 'a-admin' })), 'FOREIGN_PRINCIPAL', '/principalId');
    expectInvalid(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'addRoleAssignment', subscriptionId: sub, roleDefinitionId: AZURE_ROLE.Owner, principalId: 'c2-user' })), 'FOREIGN_PRINCIPAL', '/principalId');
    expectInvalid(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'addRoleAssignment', subscriptionId: sub, roleDefinitionId: AZURE_ROLE.Owner, principalId: 'c2-group' })), 'FOREIGN_PRINCIPAL', '/principalId');
    expectInvalid(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'addRoleAssignment', subscriptionId: sub, roleDefinitionId: AZURE_ROLE.Owner, principalId: 'nobody' })), 'UNKNOWN_PRINCIPAL', '/principalId');
  });

  it('the same principal, role and subscription twice is ALREADY_EXISTS; another role for it is fine', () => {
    const { world, sub } = ownedSub();
    assign(world, 'c1-ga', sub, AZURE_ROLE.Contributor, adminAgents(world));
    expectInvalid(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'addRoleAssignment', subscriptionId: sub, roleDefinitionId: AZURE_ROLE.Contributor, principalId: adminAgents(world) })), 'ALREADY_EXISTS', '/principalId');
    expectInvalid(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'addRoleAssignment', subscriptionId: sub, roleDefinitionId: AZURE_ROLE.Owner, principalId: 'c1-ga' })), 'ALREADY_EXISTS', '/principalId');
    expectAllowed(act(world, 'c1-ga', { type: 'addRoleAssignment', subscriptionId: sub, roleDefinitionId: AZURE_ROLE.Reader, principalId: adminAgents(world) }));
  });

  it('an assignment id already in use is ALREADY_EXISTS', () => {
    const { world, sub } = ownedSub();
    expectAllowed(act(world, 'c1-ga', { type: 'addRoleAssignment', subscriptionId: sub, roleDefinitionId: AZURE_ROLE.Reader, principalId: 'c1-user', assignmentId: 'ra-1' }));
    expectInvalid(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'addRoleAssignment', subscriptionId: sub, roleDefinitionId: AZURE_ROLE.Reader, principalId: 'c1-helpdesk', assignmentId: 'ra-1' })), 'ALREADY_EXISTS', '/assignmentId');
  });
});

describe('AGENT-MEMBERSHIP-LIVE', () => {
  it("AGENT-MEMBERSHIP-LIVE: a user added to AdminAgents manages the partner's subscription at once; removed, it is refused at once", () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    const sub = provision(world);
    expectRefused(act(world, 'a-plain', { type: 'manageAzureResources', subscriptionId: sub }), 'NO_AZURE_ROLE');
    expectAllowed(act(world, 'a-ga', { type: 'addAgentGroupMember', group: 'AdminAgents', userId: 'a-plain' }));
    expectAllowed(act(world, 'a-plain', { type: 'manageAzureResources', subscriptionId: sub }), 'AZURE-PROVISION-OWNER', 'AGENT-MEMBERSHIP-LIVE');
    expectAllowed(act(world, 'a-ga', { type: 'removeAgentGroupMember', group: 'AdminAgents', userId: 'a-admin' }));
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'manageAzureResources', subscriptionId: sub })), 'NO_AZURE_ROLE', 'AZURE-RBAC-SEPARATE');
    expect(seen(world, 'a-admin', { type: 'azureSubscriptions', customerId: C1 })).toEqual([]);
  });

  it("AGENT-MEMBERSHIP-LIVE: a customer group's Contributor assignment covers its members and no one else", () => {
    const world = baseWorld();
    must(setup.addGroup(world, { id: 'c1-ops', tenantId: C1, displayName: 'Ops', members: ['c1-user'] }));
    const sub = customerSubscription(world);
    expectAllowed(act(world, 'c1-ga', { type: 'addRoleAssignment', subscriptionId: sub, roleDefinitionId: AZURE_ROLE.Contributor, principalId: 'c1-ops' }));
    expect(seen(world, 'c1-ga', { type: 'roleAssignments', subscriptionId: sub })).toContainEqual(expect.objectContaining({ principalId: 'c1-ops', principalType: 'Group', principalTenantId: C1 }));
    expectAllowed(act(world, 'c1-user', { type: 'manageAzureResources', subscriptionId: sub }), 'AZURE-RBAC-SEPARATE');
    expectRefused(expectUnchanged(world, () => act(world, 'c1-helpdesk', { type: 'manageAzureResources', subscriptionId: sub })), 'NO_AZURE_ROLE', 'AZURE-RBAC-SEPARATE');
  });

  it("AGENT-MEMBERSHIP-LIVE: a customer group's membership is read at each action", () => {
    const world = baseWorld();
    must(setup.addGroup(world, { id: 'c1-ops', tenantId: C1, displayName: 'Ops', members: ['c1-user'] }));
    const sub = customerSubscription(world);
    assign(world, 'c1-ga', sub, AZURE_ROLE.Contributor, 'c1-ops');
    expectAllowed(act(world, 'c1-user', { type: 'manageAzureResources', subscriptionId: sub }));
    // No action changes a customer group's members; the live read is what is under test.
    world.groups.get('c1-ops')!.members.delete('c1-user');
    world.groups.get('c1-ops')!.members.add('c1-helpdesk');
    expectRefused(act(world, 'c1-user', { type: 'manageAzureResources', subscriptionId: sub }), 'NO_AZURE_ROLE');
    expectAllowed(act(world, 'c1-helpdesk', { type: 'manageAzureResources', subscriptionId: sub }));
  });
});

// Whole decisions, exactly: the rules named (no more, no fewer), effects, records and messages.
// Derived ids are checked against a twin world built the same way.
describe('Azure decisions, exactly', () => {
  function resellerWorld(): World {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    return world;
  }

  it('AZURE-PROVISION-OWNER: provisioning creates the subscription and makes AdminAgents its Owner as a ForeignGroup', () => {
    const world = resellerWorld();
    const twin = resellerWorld();
    const d = act(world, 'a-sales', { type: 'provisionAzureSubscription', customerId: C1 }, { now: '2026-04-01T00:00:00.000Z' });
    const subscriptionId = twin.nextId('subscription');
    const assignmentId = twin.nextId('roleAssignment');
    expect(d).toEqual({
      outcome: 'allowed', result: undefined,
      rules: ['AZURE-PROVISION-OWNER', 'RESELLER-CUSTOMER-LISTED', 'AZURE-RBAC-SEPARATE'],
      effects: [
        { type: 'azure.subscriptionCreated', subscriptionId },
        { type: 'azure.roleAssigned', assignmentId, subscriptionId, roleDefinitionId: AZURE_ROLE.Owner, principalId: adminAgents(world) },
      ],
    });
    const sub = world.subscriptions.get(subscriptionId)!;
    expect(sub).toMatchObject({ id: subscriptionId, customerId: C1, displayName: 'Azure plan', origin: { by: 'partner', partnerId: A }, removedPrincipals: undefined });
    expect(sub.assignments).toEqual([{ id: assignmentId, subscriptionId, roleDefinitionId: AZURE_ROLE.Owner, principalId: adminAgents(world), principalType: 'ForeignGroup', principalTenantId: A, createdSeq: sub.createdSeq + 1 }]);
    expect(world.roleAssignments.get(assignmentId)).toBe(sub.assignments[0]);
    expect(world.customer(C1)!.subscriptionIds).toEqual([subscriptionId]);
    expect(act(world, 'a-admin', { type: 'provisionAzureSubscription', customerId: C1, displayName: 'Plan 2', subscriptionId: 'sub-x' })).toMatchObject({ outcome: 'allowed', effects: [{ type: 'azure.subscriptionCreated', subscriptionId: 'sub-x' }, { type: 'azure.roleAssigned' }] });
    expect(world.subscriptions.get('sub-x')!.displayName).toBe('Plan 2');
  });

  it('AZURE-PROVISION-OWNER: refusals and invalid provisioning say why, and change nothing', () => {
    const world = resellerWorld();
    expect(expectUnchanged(world, () => act(world, 'a-admin', { type: 'provisionAzureSubscription', customerId: C2 }))).toMatchObject({ code: 'NO_RESELLER_RELATIONSHIP', rules: ['AZURE-PROVISION-OWNER'], message: 'The partner has no reseller relationship with the customer. "Tailspin Toys" must accept a reseller relationship request first.' });
    const china = baseWorld({ customer1Cloud: 'china-21vianet' });
    expect(expectUnchanged(china, () => act(china, 'a-admin', { type: 'provisionAzureSubscription', customerId: C1 }))).toMatchObject({ code: 'NO_RESELLER_RELATIONSHIP', rules: ['AZURE-PROVISION-OWNER', 'SCOPE-SOVEREIGN-CLOUD'] });
    expect(expectUnchanged(world, () => act(world, 'a-helpdesk', { type: 'provisionAzureSubscription', customerId: C1 }))).toMatchObject({ code: 'NOT_ADMIN_OR_SALES_AGENT', rules: ['AZURE-PROVISION-OWNER'], message: `Only an Admin agent or a Sales agent of the partner may do this. "helpdesk@${world.tenant(A)!.defaultDomain}" is neither.` });
    expect(act(world, 'c1-ga', { type: 'provisionAzureSubscription', customerId: C1 })).toMatchObject({ code: 'NOT_A_PARTNER_USER', path: '/actor', message: 'The actor is a customer user where a partner user is needed. Partners provision subscriptions; a customer uses createAzureSubscription.' });
    expectAllowed(act(world, 'a-admin', { type: 'provisionAzureSubscription', customerId: C1, subscriptionId: 'sub-1' }));
    expect(expectUnchanged(world, () => act(world, 'a-admin', { type: 'provisionAzureSubscription', customerId: C1, subscriptionId: 'sub-1' }))).toMatchObject({ code: 'ALREADY_EXISTS', path: '/subscriptionId', message: 'An object with this id or unique name already exists. "sub-1"' });
    expectInvalid(expectUnchanged(world, () => act(world, 'a-admin', { type: 'provisionAzureSubscription', customerId: C1, subscriptionId: '' })), 'MALFORMED', '/subscriptionId');
    expectInvalid(expectUnchanged(world, () => act(world, 'a-admin', { type: 'provisionAzureSubscription', customerId: C1, displayName: 3 } as never)), 'MALFORMED', '/displayName');
  });

  it("AZURE-RBAC-SEPARATE: the customer's Global admin creates a Pay-As-You-Go subscription and is its Owner as a User", () => {
    const world = baseWorld();
    const twin = baseWorld();
    const d = act(world, 'c1-ga', { type: 'createAzureSubscription' });
    const subscriptionId = twin.nextId('subscription');
    const assignmentId = twin.nextId('roleAssignment');
    expect(d).toEqual({
      outcome: 'allowed', result: undefined, rules: ['AZURE-RBAC-SEPARATE'],
      effects: [{ type: 'azure.subscriptionCreated', subscriptionId }, { type: 'azure.roleAssigned', assignmentId, subscriptionId, roleDefinitionId: AZURE_ROLE.Owner, principalId: 'c1-ga' }],
    });
    expect(world.subscriptions.get(subscriptionId)).toMatchObject({ displayName: 'Pay-As-You-Go', origin: { by: 'customer', userId: 'c1-ga' }, assignments: [{ principalType: 'User', principalTenantId: C1, principalId: 'c1-ga' }] });
    expect(expectUnchanged(world, () => act(world, 'c1-user', { type: 'createAzureSubscription' }))).toMatchObject({ code: 'NOT_CUSTOMER_GLOBAL_ADMIN', rules: ['AZURE-RBAC-SEPARATE'], message: 'Only a Global admin of the customer tenant may do this. A customer subscription is created by the customer’s Global admin; a partner provisions instead.' });
    expectAllowed(act(world, 'c1-ga', { type: 'createAzureSubscription', subscriptionId: 'own-1', displayName: 'Dev' }));
    expect(world.subscriptions.get('own-1')!.displayName).toBe('Dev');
    expect(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'createAzureSubscription', subscriptionId: 'own-1' }))).toMatchObject({ code: 'ALREADY_EXISTS', path: '/subscriptionId', message: 'An object with this id or unique name already exists. "own-1"' });
    expectInvalid(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'createAzureSubscription', subscriptionId: '' })), 'MALFORMED', '/subscriptionId');
  });

  it('AZURE-PROVISION-OWNER: managing through the AdminAgents Owner names it; the customer’s own Owner names only AZURE-RBAC-SEPARATE', () => {
    const world = resellerWorld();
    const sub = provision(world);
    expect(act(world, 'a-admin', { type: 'manageAzureResources', subscriptionId: sub })).toEqual({ outcome: 'allowed', result: undefined, rules: ['AZURE-RBAC-SEPARATE', 'AZURE-PROVISION-OWNER'], effects: [{ type: 'azure.resourcesManaged', subscriptionId: sub }] });
    const own = customerSubscription(world);
    expect(act(world, 'c1-ga', { type: 'manageAzureResources', subscriptionId: own })).toEqual({ outcome: 'allowed', result: undefined, rules: ['AZURE-RBAC-SEPARATE'], effects: [{ type: 'azure.resourcesManaged', subscriptionId: own }] });
    // AdminAgents as Owner of a subscription the customer created: not a provisioning owner.
    assign(world, 'c1-ga', own, AZURE_ROLE.Owner, adminAgents(world));
    expect(act(world, 'a-admin', { type: 'manageAzureResources', subscriptionId: own }).rules).toEqual(['AZURE-RBAC-SEPARATE']);
    // HelpdeskAgents as Contributor of the partner's own subscription: not through AdminAgents.
    assign(world, 'a-admin', sub, AZURE_ROLE.Contributor, helpdeskAgents(world));
    expect(act(world, 'a-helpdesk', { type: 'manageAzureResources', subscriptionId: sub }).rules).toEqual(['AZURE-RBAC-SEPARATE']);
    // B's AdminAgents as Contributor on A's subscription: B did not provision it.
    assign(world, 'a-admin', sub, AZURE_ROLE.Contributor, adminAgents(world, B));
    expect(act(world, 'b-admin', { type: 'manageAzureResources', subscriptionId: sub }).rules).toEqual(['AZURE-RBAC-SEPARATE']);
  });

  it('AZURE-PERSISTS-AFTER-REVOKE: named in the grant only when the DAP was removed; a reseller never given DAP does not get it', () => {
    const world = resellerWorld();
    const sub = provision(world);
    removeDapAsCustomer(world, 'c1', A);
    expect(act(world, 'a-admin', { type: 'manageAzureResources', subscriptionId: sub }).rules).toEqual(['AZURE-RBAC-SEPARATE', 'AZURE-PROVISION-OWNER', 'AZURE-PERSISTS-AFTER-REVOKE']);
    const plain = baseWorld();
    becomeReseller(plain, 'a', 'c1', false);
    const sub2 = provision(plain);
    expect(act(plain, 'a-admin', { type: 'manageAzureResources', subscriptionId: sub2 }).rules).toEqual(['AZURE-RBAC-SEPARATE', 'AZURE-PROVISION-OWNER']);
  });

  it('AGENT-MEMBERSHIP-LIVE: named when group membership that changed is what grants or refuses, and not otherwise', () => {
    const world = resellerWorld();
    const sub = provision(world);
    expectAllowed(act(world, 'a-ga', { type: 'addAgentGroupMember', group: 'AdminAgents', userId: 'a-plain' }));
    expect(act(world, 'a-plain', { type: 'manageAzureResources', subscriptionId: sub }).rules).toEqual(['AZURE-RBAC-SEPARATE', 'AZURE-PROVISION-OWNER', 'AGENT-MEMBERSHIP-LIVE']);
    expect(act(world, 'a-admin', { type: 'manageAzureResources', subscriptionId: sub }).rules).toEqual(['AZURE-RBAC-SEPARATE', 'AZURE-PROVISION-OWNER']);
    expectAllowed(act(world, 'a-ga', { type: 'removeAgentGroupMember', group: 'AdminAgents', userId: 'a-admin' }));
    expect(expectUnchanged(world, () => act(world, 'a-admin', { type: 'manageAzureResources', subscriptionId: sub }))).toMatchObject({ code: 'NO_AZURE_ROLE', rules: ['AZURE-RBAC-SEPARATE', 'AZURE-PROVISION-OWNER', 'AGENT-MEMBERSHIP-LIVE'], message: `The actor holds no role assignment under this Azure subscription. Ask an Owner of subscription "${sub}" for a role assignment.` });
    // B's agent whose membership changed, on a subscription no B group is assigned to.
    expectAllowed(act(world, 'b-ga', { type: 'addAgentGroupMember', group: 'AdminAgents', userId: 'b-plain' }));
    expect(act(world, 'b-plain', { type: 'manageAzureResources', subscriptionId: sub }).rules).toEqual(['AZURE-RBAC-SEPARATE']);
    // A customer subscription only a customer user holds: membership changes of A's agents do not explain it.
    const own = customerSubscription(world);
    expect(act(world, 'a-admin', { type: 'manageAzureResources', subscriptionId: own }).rules).toEqual(['AZURE-RBAC-SEPARATE']);
  });

  it('AZURE-NO-RETROACTIVE: named for a subscription older than the acceptance, for the accepting partner only', () => {
    const world = baseWorld();
    const old = customerSubscription(world);
    becomeReseller(world, 'a', 'c1');
    expect(act(world, 'a-admin', { type: 'manageAzureResources', subscriptionId: old }).rules).toEqual(['AZURE-RBAC-SEPARATE', 'AZURE-NO-RETROACTIVE']);
    expect(act(world, 'b-admin', { type: 'manageAzureResources', subscriptionId: old }).rules).toEqual(['AZURE-RBAC-SEPARATE']);
    expect(act(world, 'c1-user', { type: 'manageAzureResources', subscriptionId: old })).toMatchObject({ code: 'NO_AZURE_ROLE', rules: ['AZURE-RBAC-SEPARATE'] });
  });

  it('AZURE-REMOVE-ASSIGNMENT: named for the agents a removed assignment covered, and no longer once it is back', () => {
    const world = resellerWorld();
    const sub = provision(world);
    const ownerAssignment = world.subscriptions.get(sub)!.assignments[0]!.id;
    const helper = assign(world, 'a-admin', sub, AZURE_ROLE.Reader, helpdeskAgents(world));
    expect(act(world, 'a-admin', { type: 'removeRoleAssignment', subscriptionId: sub, assignmentId: helper })).toEqual({ outcome: 'allowed', result: undefined, rules: ['AZURE-REMOVE-ASSIGNMENT', 'AZURE-RBAC-SEPARATE'], effects: [{ type: 'azure.roleAssignmentRemoved', assignmentId: helper, subscriptionId: sub }] });
    expect(world.roleAssignments.has(helper)).toBe(false);
    expect(act(world, 'a-helpdesk', { type: 'manageAzureResources', subscriptionId: sub }).rules).toEqual(['AZURE-RBAC-SEPARATE', 'AZURE-PROVISION-OWNER', 'AZURE-REMOVE-ASSIGNMENT']);
    expect(act(world, 'a-sales', { type: 'manageAzureResources', subscriptionId: sub }).rules).toEqual(['AZURE-RBAC-SEPARATE', 'AZURE-PROVISION-OWNER']);
    assign(world, 'a-admin', sub, AZURE_ROLE.Reader, helpdeskAgents(world));
    // Back again: the Reader is insufficient, and the removal is no longer the story.
    expect(act(world, 'a-helpdesk', { type: 'manageAzureResources', subscriptionId: sub })).toMatchObject({ code: 'INSUFFICIENT_AZURE_ROLE', rules: ['AZURE-RBAC-SEPARATE'], message: "The actor's role assignments under this subscription do not allow this. Its role here does not allow it to manage resources." });
    expect(act(world, 'a-helpdesk', { type: 'addRoleAssignment', subscriptionId: sub, roleDefinitionId: AZURE_ROLE.Reader, principalId: 'c1-user' })).toMatchObject({ code: 'INSUFFICIENT_AZURE_ROLE', message: expect.stringContaining('Its role here does not allow it to change role assignments.') });
    expect(act(world, 'a-sales', { type: 'removeRoleAssignment', subscriptionId: sub, assignmentId: ownerAssignment }).rules).toEqual(['AZURE-RBAC-SEPARATE', 'AZURE-PROVISION-OWNER']);
    // Re-added after its removal, no removal remains recorded for the group.
    expectAllowed(act(world, 'c1-ga', { type: 'signIn', tenantId: C1 }));
  });

  it('role assignments: the effect and record, the ARM form of a role id, and each invalid case naming what is wrong', () => {
    const world = baseWorld();
    const twin = baseWorld();
    const sub = customerSubscription(world);
    twin.nextId('subscription');
    twin.nextId('roleAssignment');
    must(setup.addGroup(world, { id: 'g-ops', tenantId: C1, displayName: 'Ops', members: ['c1-user'] }));
    const d = act(world, 'c1-ga', { type: 'addRoleAssignment', subscriptionId: sub, roleDefinitionId: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${AZURE_ROLE.Contributor.toUpperCase()}`, principalId: 'g-ops' });
    const assignmentId = twin.nextId('roleAssignment');
    expect(d).toEqual({ outcome: 'allowed', result: undefined, rules: ['AZURE-RBAC-SEPARATE'], effects: [{ type: 'azure.roleAssigned', assignmentId, subscriptionId: sub, roleDefinitionId: AZURE_ROLE.Contributor, principalId: 'g-ops' }] });
    expect(world.roleAssignments.get(assignmentId)).toMatchObject({ principalType: 'Group', principalTenantId: C1, roleDefinitionId: AZURE_ROLE.Contributor });
    expectAllowed(act(world, 'c1-user', { type: 'manageAzureResources', subscriptionId: sub }));
    expect(act(world, 'c1-helpdesk', { type: 'manageAzureResources', subscriptionId: sub })).toMatchObject({ code: 'NO_AZURE_ROLE' });
    const add = (extra: Record<string, unknown>) => expectUnchanged(world, () => act(world, 'c1-ga', { type: 'addRoleAssignment', subscriptionId: sub, roleDefinitionId: AZURE_ROLE.Reader, principalId: 'c1-user', ...extra } as never));
    expect(add({ roleDefinitionId: 'roleDefinitions/Owner' })).toMatchObject({ code: 'UNKNOWN_ROLE_DEFINITION', path: '/roleDefinitionId', message: 'The role definition is not one of Owner, Contributor, Reader, User Access Administrator. "roleDefinitions/Owner"' });
    expect(add({ principalId: 'a-admin' })).toMatchObject({ code: 'FOREIGN_PRINCIPAL', path: '/principalId', message: 'Only users and groups of the same tenant can be explicit directory role members. Users of other tenants are not modelled as guests; assign a partner group instead.' });
    expect(add({ principalId: 'ghost' })).toMatchObject({ code: 'UNKNOWN_PRINCIPAL', path: '/principalId', message: 'No user or group has this id. "ghost"' });
    must(setup.addGroup(world, { id: 'g-c2', tenantId: C2, displayName: 'Other', members: [] }));
    expect(add({ principalId: 'g-c2' })).toMatchObject({ code: 'FOREIGN_PRINCIPAL', path: '/principalId', message: 'Only users and groups of the same tenant can be explicit directory role members. Only partner groups can be assigned across tenants.' });
    expect(add({ roleDefinitionId: AZURE_ROLE.Contributor, principalId: 'g-ops' })).toMatchObject({ code: 'ALREADY_EXISTS', path: '/principalId', message: `An object with this id or unique name already exists. Role assignment "${assignmentId}" already gives it this role.` });
    expect(add({ assignmentId })).toMatchObject({ code: 'ALREADY_EXISTS', path: '/assignmentId', message: `An object with this id or unique name already exists. "${assignmentId}"` });
    expectInvalid(add({ assignmentId: '' }), 'MALFORMED', '/assignmentId');
    expect(act(world, 'c1-ga', { type: 'addRoleAssignment', subscriptionId: sub, roleDefinitionId: AZURE_ROLE.Reader, principalId: adminAgents(world) })).toMatchObject({ outcome: 'allowed' });
    expect([...world.roleAssignments.values()].at(-1)).toMatchObject({ principalType: 'ForeignGroup', principalTenantId: A });
    const other = customerSubscription(world);
    expect(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'removeRoleAssignment', subscriptionId: other, assignmentId }))).toMatchObject({ code: 'UNKNOWN_ROLE_ASSIGNMENT', path: '/assignmentId', message: `No role assignment has this id under the subscription. "${assignmentId}"` });
  });
});

describe('Azure rules, the edges', () => {
  it('AGENT-MEMBERSHIP-LIVE: named when a partner group is among several assignments of the subscription', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    const sub = provision(world);
    assign(world, 'a-admin', sub, AZURE_ROLE.Reader, 'c1-user');
    expect(world.roleAssignments.get([...world.roleAssignments.keys()].at(-1)!)).toMatchObject({ principalId: 'c1-user', principalType: 'User', principalTenantId: C1 });
    expectAllowed(act(world, 'a-ga', { type: 'removeAgentGroupMember', group: 'AdminAgents', userId: 'a-admin' }));
    expect(act(world, 'a-admin', { type: 'manageAzureResources', subscriptionId: sub }).rules).toEqual(['AZURE-RBAC-SEPARATE', 'AZURE-PROVISION-OWNER', 'AGENT-MEMBERSHIP-LIVE']);
  });

  it('AZURE-PROVISION-OWNER: named when AdminAgents is among the assignments that grant, not only when it is the only one', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    const sub = provision(world);
    assign(world, 'a-admin', sub, AZURE_ROLE.Contributor, helpdeskAgents(world));
    must(setup.addAgent(world, { userId: 'a-admin', group: 'HelpdeskAgents' }));
    expect(act(world, 'a-admin', { type: 'manageAzureResources', subscriptionId: sub }).rules).toEqual(['AZURE-RBAC-SEPARATE', 'AZURE-PROVISION-OWNER']);
  });
});
