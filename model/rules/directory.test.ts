import { describe, expect, it } from 'vitest';
import { ROLE_TEMPLATE, setup, type Decision, type World } from '../index.ts';
import {
  A, B, C1, C2, act, baseWorld, becomeReseller, expectAllowed, expectInvalid, expectRefused, expectUnchanged, grantDap, look, must, removeDapAsCustomer, seen,
  upn, signInRoles,
} from '../../test/fixture.ts';

const GA = ROLE_TEMPLATE.GlobalAdministrator;
const HELPDESK = ROLE_TEMPLATE.HelpdeskAdministrator;
const USER_ADMIN = ROLE_TEMPLATE.UserAdministrator;



/** Ids of the members the actor sees in a role of the tenant. */
function memberIds(world: World, actor: string, tenantId: string, roleId: string): string[] {
  return seen(world, actor, { type: 'directoryRoleMembers', tenantId, roleId }).map((m) => m.id);
}

/** Every id the partner could show up under in a listing: its agent groups and all its users. */
function partnerIds(world: World, partnerId: string): string[] {
  const p = world.partner(partnerId)!;
  return [...Object.values(p.agentGroups), ...p.users.map((u) => u.id), partnerId];
}

function roleObjectId(world: World, actor: string, tenantId: string, templateId: string): string {
  const role = seen(world, actor, { type: 'directoryRoles', tenantId }).find((r) => r.roleTemplateId === templateId);
  expect(role, `role ${templateId} is listed`).toBeDefined();
  return role!.id;
}

function passwordVersion(world: World, userId: string): number {
  return world.users.get(userId)!.passwordVersion;
}

function rulesOf(d: Decision<unknown>): readonly string[] {
  return d.rules;
}

describe('GRANT-ADMINAGENTS-GLOBAL', () => {
  it('GRANT-ADMINAGENTS-GLOBAL: after the grant an Admin agent signs in to the customer holding Global Administrator', () => {
    const world = baseWorld();
    expectRefused(act(world, 'a-admin', { type: 'signIn', tenantId: C1 }), 'NO_DAP', 'CONSENT-REQUIRED');
    grantDap(world, 'a', 'c1');
    const d = act(world, 'a-admin', { type: 'signIn', tenantId: C1 });
    expectAllowed(d, 'GRANT-SIGNIN', 'GRANT-ADMINAGENTS-GLOBAL');
    expect(d.outcome === 'allowed' && d.effects).toEqual([{ type: 'signedIn', tenantId: C1, roleTemplateIds: [GA] }]);
  });

  it('GRANT-ADMINAGENTS-GLOBAL: the acceptance that grants DAP names the rule', () => {
    const world = baseWorld();
    const offer = act(world, 'a-admin', { type: 'createOffer' });
    const offerId = offer.outcome === 'allowed' ? (offer.effects[0] as { offerId: string }).offerId : '';
    expectAllowed(act(world, 'c1-ga', { type: 'acceptOffer', offerId }), 'GRANT-ADMINAGENTS-GLOBAL');
  });

  it('GRANT-ADMINAGENTS-GLOBAL: the role is held in the granting customer only; another customer refuses and nothing changes', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    expect(signInRoles(world, 'a-admin', C1)).toEqual([GA]);
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'signIn', tenantId: C2 })), 'NO_DAP', 'CONSENT-REQUIRED');
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'addUser', tenantId: C2, userPrincipalName: upn(world, C2, 'x'), displayName: 'X' })), 'NO_DAP');
  });

  it('GRANT-ADMINAGENTS-GLOBAL: the role is held by the group, so any member of AdminAgents holds it', () => {
    const world = baseWorld();
    must(setup.addAgent(world, { userId: 'a-plain', group: 'AdminAgents' }));
    grantDap(world, 'a', 'c1');
    expect(signInRoles(world, 'a-plain', C1)).toEqual([GA]);
    expectAllowed(act(world, 'a-plain', { type: 'addDomain', tenantId: C1, domain: 'northwind.example' }), 'GRANT-ADMINAGENTS-GLOBAL');
  });

  it("GRANT-ADMINAGENTS-GLOBAL: holding Global Administrator, the agent may reset a customer Global admin's password", () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    const before = passwordVersion(world, 'c1-ga');
    const d = act(world, 'a-admin', { type: 'resetPassword', tenantId: C1, userId: 'c1-ga' });
    expectAllowed(d, 'GRANT-ADMINAGENTS-GLOBAL', 'GRANT-FULL-ADMIN-TASKS');
    expect(d.outcome === 'allowed' && d.effects).toEqual([{ type: 'password.reset', userId: 'c1-ga' }]);
    expect(passwordVersion(world, 'c1-ga')).toBe(before + 1);
  });

  it('GRANT-ADMINAGENTS-GLOBAL: a reseller relationship without DAP gives AdminAgents no role', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1', false);
    const d = expectUnchanged(world, () => act(world, 'a-admin', { type: 'signIn', tenantId: C1 }));
    expectRefused(d, 'NO_DAP', 'CONSENT-REQUIRED');
    expect(rulesOf(d)).not.toContain('GRANT-ADMINAGENTS-GLOBAL');
  });
});

describe('GRANT-HELPDESK-HELPDESKADMIN', () => {
  it('GRANT-HELPDESK-HELPDESKADMIN: after the grant a Helpdesk agent signs in holding Helpdesk Administrator, not Global Administrator', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    const d = act(world, 'a-helpdesk', { type: 'signIn', tenantId: C1 });
    expectAllowed(d, 'GRANT-SIGNIN', 'GRANT-HELPDESK-HELPDESKADMIN');
    expect(d.rules).not.toContain('GRANT-ADMINAGENTS-GLOBAL');
    expect(d.outcome === 'allowed' && d.effects).toEqual([{ type: 'signedIn', tenantId: C1, roleTemplateIds: [HELPDESK] }]);
  });

  it('GRANT-HELPDESK-HELPDESKADMIN: the acceptance that grants DAP names the rule', () => {
    const world = baseWorld();
    const request = act(world, 'a-admin', { type: 'createResellerRequest' });
    const requestId = request.outcome === 'allowed' ? (request.effects[0] as { requestId: string }).requestId : '';
    expectAllowed(act(world, 'c1-ga', { type: 'acceptResellerRequest', requestId }), 'GRANT-HELPDESK-HELPDESKADMIN', 'GRANT-ADMINAGENTS-GLOBAL');
  });

  it('GRANT-HELPDESK-HELPDESKADMIN: an agent in both groups holds both roles', () => {
    const world = baseWorld();
    must(setup.addAgent(world, { userId: 'a-admin', group: 'HelpdeskAgents' }));
    grantDap(world, 'a', 'c1');
    expect([...signInRoles(world, 'a-admin', C1)].sort()).toEqual([GA, HELPDESK].sort());
  });

  it('GRANT-HELPDESK-HELPDESKADMIN: without a grant from that customer the Helpdesk agent holds nothing there, and nothing changes', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    expectRefused(expectUnchanged(world, () => act(world, 'a-helpdesk', { type: 'signIn', tenantId: C2 })), 'NO_DAP', 'CONSENT-REQUIRED');
    expectRefused(expectUnchanged(world, () => act(world, 'a-helpdesk', { type: 'resetPassword', tenantId: C2, userId: 'c2-user' })), 'NO_DAP', 'CONSENT-REQUIRED');
  });
});

describe('GRANT-SIGNIN', () => {
  it('GRANT-SIGNIN: members of AdminAgents and HelpdeskAgents sign in to the customer with their partner accounts', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    for (const actor of ['a-admin', 'a-helpdesk']) {
      const d = act(world, actor, { type: 'signIn', tenantId: C1 });
      expectAllowed(d, 'GRANT-SIGNIN');
      expect(world.users.get(actor)!.tenantId).toBe(A);
    }
  });

  it('GRANT-SIGNIN: a Sales agent, a plain user and the partner Global Administrator are refused, and nothing changes', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    for (const actor of ['a-sales', 'a-plain', 'a-ga']) {
      expectRefused(expectUnchanged(world, () => act(world, actor, { type: 'signIn', tenantId: C1 })), 'NOT_AN_AGENT', 'GRANT-SIGNIN');
      expectRefused(expectUnchanged(world, () => act(world, actor, { type: 'resetPassword', tenantId: C1, userId: 'c1-user' })), 'NOT_AN_AGENT', 'GRANT-SIGNIN');
    }
  });

  it("GRANT-SIGNIN: a user of another customer is a stranger to the tenant; a customer's own user signs in with no role", () => {
    const world = baseWorld();
    expectRefused(expectUnchanged(world, () => act(world, 'c2-ga', { type: 'signIn', tenantId: C1 })), 'NOT_A_MEMBER', 'GRANT-SIGNIN');
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'signIn', tenantId: B })), 'NOT_A_MEMBER', 'GRANT-SIGNIN');
    expect(signInRoles(world, 'c1-user', C1)).toEqual([]);
  });

  it('GRANT-SIGNIN: agents act within their role: the Helpdesk agent signs in but cannot add a user', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    expect(signInRoles(world, 'a-helpdesk', C1)).toEqual([HELPDESK]);
    expectRefused(
      expectUnchanged(world, () => act(world, 'a-helpdesk', { type: 'addUser', tenantId: C1, userPrincipalName: upn(world, C1, 'new'), displayName: 'New' })),
      'INSUFFICIENT_DIRECTORY_ROLE', 'GRANT-LIMITED-ADMIN-TASKS',
    );
  });

  it("GRANT-SIGNIN: another partner's agents cannot sign in on the strength of A's grant", () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    expectRefused(expectUnchanged(world, () => act(world, 'b-admin', { type: 'signIn', tenantId: C1 })), 'NO_DAP', 'CONSENT-REQUIRED');
  });
});

describe('GRANT-FULL-ADMIN-TASKS', () => {
  it('GRANT-FULL-ADMIN-TASKS: an Admin agent adds a user, resets a password, adds a domain and assigns a license', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    const added = act(world, 'a-admin', { type: 'addUser', tenantId: C1, userPrincipalName: upn(world, C1, 'ann'), displayName: 'Ann', userId: 'c1-ann' });
    expectAllowed(added, 'GRANT-FULL-ADMIN-TASKS', 'GRANT-ADMINAGENTS-GLOBAL');
    expect(seen(world, 'c1-ga', { type: 'users', tenantId: C1 }).map((u) => u.id)).toContain('c1-ann');
    expect(world.users.get('c1-ann')!.tenantId).toBe(C1);

    const before = passwordVersion(world, 'c1-user');
    expectAllowed(act(world, 'a-admin', { type: 'resetPassword', tenantId: C1, userId: 'c1-user' }), 'GRANT-FULL-ADMIN-TASKS');
    expect(passwordVersion(world, 'c1-user')).toBe(before + 1);

    expectAllowed(act(world, 'a-admin', { type: 'addDomain', tenantId: C1, domain: 'Northwind.Example' }), 'GRANT-FULL-ADMIN-TASKS');
    expect(seen(world, 'c1-ga', { type: 'domains', tenantId: C1 })).toContainEqual({ id: 'northwind.example', isDefault: false });

    expectAllowed(act(world, 'a-admin', { type: 'manageLicenses', tenantId: C1, userId: 'c1-ann', sku: 'ENTERPRISEPACK' }), 'GRANT-FULL-ADMIN-TASKS');
    expect(seen(world, 'c1-ga', { type: 'users', tenantId: C1 }).find((u) => u.id === 'c1-ann')?.licenses).toEqual(['ENTERPRISEPACK']);
    expectAllowed(act(world, 'a-admin', { type: 'manageLicenses', tenantId: C1, userId: 'c1-ann', sku: 'ENTERPRISEPACK', assign: false }), 'GRANT-FULL-ADMIN-TASKS');
    expect(seen(world, 'c1-ga', { type: 'users', tenantId: C1 }).find((u) => u.id === 'c1-ann')?.licenses).toEqual([]);
  });

  it('GRANT-FULL-ADMIN-TASKS: a domain the agent added can carry new users', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    expectInvalid(expectUnchanged(world, () => act(world, 'a-admin', { type: 'addUser', tenantId: C1, userPrincipalName: 'bo@northwind.example', displayName: 'Bo' })), 'UPN_DOMAIN_UNVERIFIED', '/userPrincipalName');
    expectAllowed(act(world, 'a-admin', { type: 'addDomain', tenantId: C1, domain: 'northwind.example' }));
    expectAllowed(act(world, 'a-admin', { type: 'addUser', tenantId: C1, userPrincipalName: 'bo@northwind.example', displayName: 'Bo' }), 'GRANT-FULL-ADMIN-TASKS');
  });

  it("GRANT-FULL-ADMIN-TASKS: the customer's own User Administrator cannot add a domain, nor a plain user add a user, and nothing changes", () => {
    const world = baseWorld();
    expectRefused(expectUnchanged(world, () => act(world, 'c1-useradmin', { type: 'addDomain', tenantId: C1, domain: 'northwind.example' })), 'INSUFFICIENT_DIRECTORY_ROLE', 'GRANT-FULL-ADMIN-TASKS');
    expectRefused(expectUnchanged(world, () => act(world, 'c1-user', { type: 'addUser', tenantId: C1, userPrincipalName: upn(world, C1, 'x'), displayName: 'X' })), 'INSUFFICIENT_DIRECTORY_ROLE', 'GRANT-FULL-ADMIN-TASKS');
    expectAllowed(act(world, 'c1-ga', { type: 'addDomain', tenantId: C1, domain: 'northwind.example' }), 'GRANT-FULL-ADMIN-TASKS');
  });

  it('GRANT-FULL-ADMIN-TASKS: Full administration still cannot put a user on a foreign or taken name, and nothing changes', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    expectInvalid(expectUnchanged(world, () => act(world, 'a-admin', { type: 'addUser', tenantId: C1, userPrincipalName: upn(world, A, 'sneaky'), displayName: 'S' })), 'UPN_DOMAIN_UNVERIFIED', '/userPrincipalName');
    expectInvalid(expectUnchanged(world, () => act(world, 'a-admin', { type: 'addUser', tenantId: C1, userPrincipalName: upn(world, C1, 'user'), displayName: 'Dup' })), 'UPN_TAKEN', '/userPrincipalName');
    expectInvalid(expectUnchanged(world, () => act(world, 'a-admin', { type: 'addDomain', tenantId: C1, domain: world.tenant(A)!.defaultDomain })), 'DOMAIN_TAKEN', '/domain');
    expectInvalid(expectUnchanged(world, () => act(world, 'a-admin', { type: 'addDomain', tenantId: C1, domain: 'not a domain' })), 'MALFORMED', '/domain');
  });
});

describe('GRANT-LIMITED-ADMIN-TASKS', () => {
  it('GRANT-LIMITED-ADMIN-TASKS: a Helpdesk agent resets the password of a user with no role', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    const before = passwordVersion(world, 'c1-user');
    const d = act(world, 'a-helpdesk', { type: 'resetPassword', tenantId: C1, userId: 'c1-user' });
    expectAllowed(d, 'GRANT-LIMITED-ADMIN-TASKS', 'GRANT-HELPDESK-HELPDESKADMIN');
    expect(d.rules).not.toContain('GRANT-FULL-ADMIN-TASKS');
    expect(passwordVersion(world, 'c1-user')).toBe(before + 1);
  });

  it('GRANT-LIMITED-ADMIN-TASKS: a Helpdesk agent cannot add users, add domains, manage licenses or role members, and nothing changes', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    const attempts = [
      { type: 'addUser', tenantId: C1, userPrincipalName: upn(world, C1, 'new'), displayName: 'New' },
      { type: 'addDomain', tenantId: C1, domain: 'northwind.example' },
      { type: 'manageLicenses', tenantId: C1, userId: 'c1-user', sku: 'ENTERPRISEPACK' },
      { type: 'addDirectoryRoleMember', tenantId: C1, roleId: HELPDESK, principalId: 'c1-user' },
    ] as const;
    for (const action of attempts) {
      expectRefused(expectUnchanged(world, () => act(world, 'a-helpdesk', action)), 'INSUFFICIENT_DIRECTORY_ROLE', 'GRANT-LIMITED-ADMIN-TASKS');
    }
  });

  it("GRANT-LIMITED-ADMIN-TASKS: a Helpdesk agent cannot reset a customer administrator's password, and nothing changes", () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    for (const userId of ['c1-ga', 'c1-helpdesk', 'c1-useradmin']) {
      expectRefused(expectUnchanged(world, () => act(world, 'a-helpdesk', { type: 'resetPassword', tenantId: C1, userId })), 'TARGET_IS_ADMIN', 'GRANT-LIMITED-ADMIN-TASKS');
    }
  });

  it('GRANT-LIMITED-ADMIN-TASKS: whether the target is an administrator is read at the time of the reset', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    expectAllowed(act(world, 'c1-ga', { type: 'addDirectoryRoleMember', tenantId: C1, roleId: HELPDESK, principalId: 'c1-user' }));
    expectRefused(expectUnchanged(world, () => act(world, 'a-helpdesk', { type: 'resetPassword', tenantId: C1, userId: 'c1-user' })), 'TARGET_IS_ADMIN', 'GRANT-LIMITED-ADMIN-TASKS');
    expectAllowed(act(world, 'c1-ga', { type: 'removeDirectoryRoleMember', tenantId: C1, roleId: HELPDESK, principalId: 'c1-user' }));
    expectAllowed(act(world, 'a-helpdesk', { type: 'resetPassword', tenantId: C1, userId: 'c1-user' }), 'GRANT-LIMITED-ADMIN-TASKS');
  });

  it('GRANT-LIMITED-ADMIN-TASKS: an administrator through a role-holding group is an administrator too', () => {
    const world = baseWorld();
    must(setup.addGroup(world, { id: 'c1-admins', tenantId: C1, displayName: 'Northwind admins', members: ['c1-user'] }));
    must(setup.assignDirectoryRole(world, { tenantId: C1, role: GA, principalId: 'c1-admins' }));
    grantDap(world, 'a', 'c1');
    expectRefused(expectUnchanged(world, () => act(world, 'a-helpdesk', { type: 'resetPassword', tenantId: C1, userId: 'c1-user' })), 'TARGET_IS_ADMIN', 'GRANT-LIMITED-ADMIN-TASKS');
  });

  it('GRANT-LIMITED-ADMIN-TASKS: authorisation comes before conflicts: a taken UPN is refused for the role, not reported as taken', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    expectRefused(
      expectUnchanged(world, () => act(world, 'a-helpdesk', { type: 'addUser', tenantId: C1, userPrincipalName: upn(world, C1, 'user'), displayName: 'Dup' })),
      'INSUFFICIENT_DIRECTORY_ROLE', 'GRANT-LIMITED-ADMIN-TASKS',
    );
  });
});

describe('GRANT-MULTI-PARTNER', () => {
  function twoPartners(): World {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    grantDap(world, 'b', 'c1');
    return world;
  }

  function bView(world: World) {
    return {
      relationship: JSON.stringify(world.relationship(B, C1)),
      customers: seen(world, 'b-admin', { type: 'partnerCustomers' }),
      one: seen(world, 'b-sales', { type: 'partnerCustomer', customerId: C1 }),
      gaMembers: memberIds(world, 'b-admin', C1, GA),
      helpdeskMembers: memberIds(world, 'b-helpdesk', C1, HELPDESK),
      pageRow: seen(world, 'c1-ga', { type: 'partnerRelationships' }).find((r) => r.partnerId === B),
      requests: seen(world, 'b-admin', { type: 'serviceRequests', customerId: C1 }),
    };
  }

  it("GRANT-MULTI-PARTNER: a customer grants two partners; the second grant leaves the first partner's relationship as it was", () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    const aBefore = JSON.stringify(world.relationship(A, C1));
    const offer = act(world, 'b-admin', { type: 'createOffer' });
    const offerId = offer.outcome === 'allowed' ? (offer.effects[0] as { offerId: string }).offerId : '';
    const d = act(world, 'c1-ga', { type: 'acceptOffer', offerId });
    expectAllowed(d, 'GRANT-MULTI-PARTNER', 'GRANT-ADMINAGENTS-GLOBAL');
    expect(JSON.stringify(world.relationship(A, C1))).toBe(aBefore);
    expect(signInRoles(world, 'a-admin', C1)).toEqual([GA]);
    expect(signInRoles(world, 'b-admin', C1)).toEqual([GA]);
    expectAllowed(act(world, 'a-helpdesk', { type: 'signIn', tenantId: C1 }), 'GRANT-MULTI-PARTNER');
  });

  it("GRANT-MULTI-PARTNER: removing A's DAP leaves B's rights and listings intact; A's agents are refused, B's act", () => {
    const world = twoPartners();
    expectAllowed(act(world, 'b-admin', { type: 'openServiceRequest', customerId: C1, title: 'Mailbox quota', serviceRequestId: 'sr-b-1' }));
    const before = bView(world);
    expectAllowed(act(world, 'c1-ga', { type: 'selectPartnerForRemoval', partnerId: A }));
    expectAllowed(act(world, 'c1-ga', { type: 'chooseRemoveDelegatedAdmin' }));
    const removal = act(world, 'c1-ga', { type: 'confirmRemoveDelegatedAdmin' });
    expectAllowed(removal, 'GRANT-MULTI-PARTNER', 'REVOKE-ROLES-REMOVED');
    expect(removal.outcome === 'allowed' && removal.effects).toEqual([{ type: 'relationship.dapRemoved', partnerId: A, customerId: C1 }]);

    expect(bView(world)).toEqual(before);
    expect(world.relationship(B, C1)?.dap).toBe(true);
    for (const actor of ['a-admin', 'a-helpdesk']) {
      expectRefused(expectUnchanged(world, () => act(world, actor, { type: 'signIn', tenantId: C1 })), 'DAP_REMOVED', 'REVOKE-ROLES-REMOVED', 'GRANT-MULTI-PARTNER');
    }
    expectRefused(expectUnchanged(world, () => act(world, 'a-helpdesk', { type: 'resetPassword', tenantId: C1, userId: 'c1-user' })), 'DAP_REMOVED', 'GRANT-MULTI-PARTNER');
    expectAllowed(act(world, 'b-admin', { type: 'addUser', tenantId: C1, userPrincipalName: upn(world, C1, 'fromb'), displayName: 'From B' }), 'GRANT-FULL-ADMIN-TASKS', 'GRANT-MULTI-PARTNER');
    expectAllowed(act(world, 'b-helpdesk', { type: 'resetPassword', tenantId: C1, userId: 'c1-user' }), 'GRANT-LIMITED-ADMIN-TASKS', 'GRANT-MULTI-PARTNER');
    expectAllowed(act(world, 'b-admin', { type: 'openServiceRequest', customerId: C1, title: 'Another' }), 'SCOPE-SERVICE-REQUESTS');
  });

  it("GRANT-MULTI-PARTNER: nothing A's agents do in the customer changes B's relationship or what B sees", () => {
    const world = twoPartners();
    const before = bView(world);
    expectAllowed(act(world, 'a-admin', { type: 'addUser', tenantId: C1, userPrincipalName: upn(world, C1, 'froma'), displayName: 'From A', userId: 'c1-froma' }));
    expectAllowed(act(world, 'a-admin', { type: 'resetPassword', tenantId: C1, userId: 'c1-ga' }));
    expectAllowed(act(world, 'a-admin', { type: 'addDomain', tenantId: C1, domain: 'froma.example' }));
    expectAllowed(act(world, 'a-helpdesk', { type: 'resetPassword', tenantId: C1, userId: 'c1-user' }));
    expectAllowed(act(world, 'a-admin', { type: 'openServiceRequest', customerId: C1, title: 'From A' }));
    expectAllowed(act(world, 'a-ga', { type: 'removeAgentGroupMember', group: 'HelpdeskAgents', userId: 'a-helpdesk' }));
    const giveUp = act(world, 'a-admin', { type: 'giveUpDap', customerId: C1 });
    expectAllowed(giveUp, 'REVOKE-BY-PARTNER', 'GRANT-MULTI-PARTNER');
    expect(giveUp.outcome === 'allowed' && giveUp.effects).toEqual([{ type: 'relationship.dapRemoved', partnerId: A, customerId: C1 }]);
    expect(bView(world)).toEqual(before);
    expect(world.relationship(A, C1)?.dap).toBe(false);
  });

  it("GRANT-MULTI-PARTNER: B's agents cannot remove A's DAP, and nothing changes", () => {
    const world = twoPartners();
    expectRefused(expectUnchanged(world, () => act(world, 'b-admin', { type: 'selectPartnerForRemoval', partnerId: A, customerId: C1 })), 'NOT_CUSTOMER_GLOBAL_ADMIN', 'LIST-PAGE-GLOBAL-ADMIN');
    // giveUpDap only ever concerns the actor's own partner: B giving up leaves A's DAP.
    expectAllowed(act(world, 'b-admin', { type: 'giveUpDap', customerId: C1 }), 'REVOKE-BY-PARTNER');
    expect(world.relationship(A, C1)?.dap).toBe(true);
    expect(world.relationship(B, C1)?.dap).toBe(false);
    expect(signInRoles(world, 'a-admin', C1)).toEqual([GA]);
  });

  it("GRANT-MULTI-PARTNER: a grant to B gives A nothing; A's agents are refused, naming both rules, and nothing changes", () => {
    const world = baseWorld();
    grantDap(world, 'b', 'c1');
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'signIn', tenantId: C1 })), 'NO_DAP', 'CONSENT-REQUIRED', 'GRANT-MULTI-PARTNER');
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'openServiceRequest', customerId: C1, title: 'x' })), 'NO_DAP', 'SCOPE-SERVICE-REQUESTS');
  });
});

describe('SCOPE-NO-MDM', () => {
  it('SCOPE-NO-MDM: an Admin agent with DAP and Full administration is refused MDM, and nothing changes', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    expect(signInRoles(world, 'a-admin', C1)).toEqual([GA]);
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'mdmOperation', tenantId: C1, operation: 'wipe' })), 'MDM_NOT_SUPPORTED', 'SCOPE-NO-MDM');
    // The same agent keeps its other Full administration rights.
    expectAllowed(act(world, 'a-admin', { type: 'addUser', tenantId: C1, userPrincipalName: upn(world, C1, 'new'), displayName: 'New' }), 'GRANT-FULL-ADMIN-TASKS');
  });

  it('SCOPE-NO-MDM: a Helpdesk agent, and an agent of a partner without DAP, are refused the same way', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    expectRefused(expectUnchanged(world, () => act(world, 'a-helpdesk', { type: 'mdmOperation', tenantId: C1 })), 'MDM_NOT_SUPPORTED', 'SCOPE-NO-MDM');
    expectRefused(expectUnchanged(world, () => act(world, 'b-admin', { type: 'mdmOperation', tenantId: C1 })), 'MDM_NOT_SUPPORTED', 'SCOPE-NO-MDM');
  });

  it("SCOPE-NO-MDM: the customer's own Global Administrator performs MDM; its Helpdesk Administrator cannot", () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    const d = act(world, 'c1-ga', { type: 'mdmOperation', tenantId: C1, operation: 'wipe' });
    expectAllowed(d, 'SCOPE-NO-MDM');
    expect(d.outcome === 'allowed' && d.effects).toEqual([{ type: 'mdm.performed', tenantId: C1 }]);
    expectRefused(expectUnchanged(world, () => act(world, 'c1-helpdesk', { type: 'mdmOperation', tenantId: C1 })), 'INSUFFICIENT_DIRECTORY_ROLE', 'GRANT-LIMITED-ADMIN-TASKS');
  });
});

describe('LIST-IMPLICIT-HIDDEN', () => {
  it('LIST-IMPLICIT-HIDDEN: by template id, Global Administrator lists the explicit Global admin only, while the Admin agent holds the role and adds a user', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    expect(signInRoles(world, 'a-admin', C1)).toEqual([GA]);
    expectAllowed(act(world, 'a-admin', { type: 'addUser', tenantId: C1, userPrincipalName: upn(world, C1, 'byagent'), displayName: 'By agent' }), 'GRANT-FULL-ADMIN-TASKS');
    for (const viewer of ['c1-ga', 'c1-user', 'a-admin', 'a-helpdesk']) {
      const d = look(world, viewer, { type: 'directoryRoleMembers', tenantId: C1, roleId: GA });
      expectAllowed(d, 'LIST-IMPLICIT-HIDDEN');
      expect(d.outcome === 'allowed' && d.result).toEqual([
        { id: 'c1-ga', type: 'user', displayName: 'ga', userPrincipalName: upn(world, C1, 'ga') },
      ]);
    }
  });

  it('LIST-IMPLICIT-HIDDEN: by role object id the same: Global and Helpdesk Administrator never list the partner, its groups or its agents', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    const gaId = roleObjectId(world, 'c1-ga', C1, GA);
    const helpdeskId = roleObjectId(world, 'c1-ga', C1, HELPDESK);
    expect(gaId).not.toBe(GA);
    expect(memberIds(world, 'c1-ga', C1, gaId)).toEqual(['c1-ga']);
    expect(memberIds(world, 'c1-ga', C1, helpdeskId)).toEqual(['c1-helpdesk']);
    expect(memberIds(world, 'a-helpdesk', C1, helpdeskId)).toEqual(['c1-helpdesk']);
    const hidden = partnerIds(world, A);
    for (const role of [gaId, helpdeskId, GA, HELPDESK, USER_ADMIN, ROLE_TEMPLATE.PasswordAdministrator]) {
      for (const id of memberIds(world, 'c1-ga', C1, role)) expect(hidden).not.toContain(id);
    }
  });

  it('LIST-IMPLICIT-HIDDEN: a role object id set for the tenant addresses the role as well as its template id', () => {
    const world = baseWorld();
    must(setup.setDirectoryRoleId(world, { tenantId: C1, roleTemplateId: GA, roleId: 'c1-role-ga' }));
    grantDap(world, 'a', 'c1');
    expect(roleObjectId(world, 'c1-ga', C1, GA)).toBe('c1-role-ga');
    expect(memberIds(world, 'a-admin', C1, 'c1-role-ga')).toEqual(['c1-ga']);
  });

  it('LIST-IMPLICIT-HIDDEN: explicit members are listed as usual, users and groups alike', () => {
    const world = baseWorld();
    must(setup.addGroup(world, { id: 'c1-desk', tenantId: C1, displayName: 'Service desk', members: ['c1-user'] }));
    grantDap(world, 'a', 'c1');
    const helpdeskId = roleObjectId(world, 'c1-ga', C1, HELPDESK);
    expectAllowed(act(world, 'c1-ga', { type: 'addDirectoryRoleMember', tenantId: C1, roleId: helpdeskId, principalId: 'c1-desk' }));
    expectAllowed(act(world, 'a-admin', { type: 'addDirectoryRoleMember', tenantId: C1, roleId: GA, principalId: 'c1-useradmin' }), 'GRANT-FULL-ADMIN-TASKS');
    expect(seen(world, 'c1-ga', { type: 'directoryRoleMembers', tenantId: C1, roleId: HELPDESK })).toEqual([
      { id: 'c1-helpdesk', type: 'user', displayName: 'helpdesk', userPrincipalName: upn(world, C1, 'helpdesk') },
      { id: 'c1-desk', type: 'group', displayName: 'Service desk', userPrincipalName: undefined },
    ]);
    expect(memberIds(world, 'a-admin', C1, GA)).toEqual(['c1-ga', 'c1-useradmin']);
  });

  it('LIST-IMPLICIT-HIDDEN: with two partners granted, neither partner is listed', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    grantDap(world, 'b', 'c1');
    const hidden = [...partnerIds(world, A), ...partnerIds(world, B)];
    for (const viewer of ['c1-ga', 'a-admin', 'b-admin']) {
      const ids = memberIds(world, viewer, C1, GA);
      expect(ids).toEqual(['c1-ga']);
      for (const id of ids) expect(hidden).not.toContain(id);
    }
  });

  it("LIST-IMPLICIT-HIDDEN: the partner's agents and groups cannot be made explicit members, and nothing changes", () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    const adminAgents = world.partner(A)!.agentGroups.AdminAgents;
    for (const principalId of ['a-admin', adminAgents]) {
      expectInvalid(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'addDirectoryRoleMember', tenantId: C1, roleId: GA, principalId })), 'FOREIGN_PRINCIPAL', '/principalId');
      expectInvalid(expectUnchanged(world, () => act(world, 'a-admin', { type: 'addDirectoryRoleMember', tenantId: C1, roleId: GA, principalId })), 'FOREIGN_PRINCIPAL', '/principalId');
    }
  });

  it("LIST-IMPLICIT-HIDDEN: a role id from another tenant or no role at all is invalid; a partner user outside the groups cannot list", () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    const c2Ga = roleObjectId(world, 'c2-ga', C2, GA);
    expectInvalid(expectUnchanged(world, () => look(world, 'c1-ga', { type: 'directoryRoleMembers', tenantId: C1, roleId: c2Ga })), 'UNKNOWN_ROLE', '/roleId');
    expectInvalid(expectUnchanged(world, () => look(world, 'c1-ga', { type: 'directoryRoleMembers', tenantId: C1, roleId: 'no-such-role' })), 'UNKNOWN_ROLE', '/roleId');
    expectRefused(expectUnchanged(world, () => look(world, 'a-plain', { type: 'directoryRoleMembers', tenantId: C1, roleId: GA })), 'NOT_AN_AGENT', 'GRANT-SIGNIN');
    expectRefused(expectUnchanged(world, () => look(world, 'b-admin', { type: 'directoryRoleMembers', tenantId: C1, roleId: GA })), 'NO_DAP', 'CONSENT-REQUIRED');
  });

  it('LIST-IMPLICIT-HIDDEN: removing DAP does not change the listing, because the partner was never in it', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    const before = seen(world, 'c1-ga', { type: 'directoryRoleMembers', tenantId: C1, roleId: GA });
    removeDapAsCustomer(world, 'c1', A);
    expect(seen(world, 'c1-ga', { type: 'directoryRoleMembers', tenantId: C1, roleId: GA })).toEqual(before);
    expectRefused(look(world, 'a-admin', { type: 'directoryRoleMembers', tenantId: C1, roleId: GA }), 'DAP_REMOVED', 'REVOKE-ROLES-REMOVED');
  });
});

describe("the customer's own directory roles", () => {
  it('a User Administrator adds users, manages licenses and resets passwords of users and limited administrators', () => {
    const world = baseWorld();
    expectAllowed(act(world, 'c1-useradmin', { type: 'addUser', tenantId: C1, userPrincipalName: upn(world, C1, 'new'), displayName: 'New', userId: 'c1-new' }), 'GRANT-LIMITED-ADMIN-TASKS');
    expectAllowed(act(world, 'c1-useradmin', { type: 'manageLicenses', tenantId: C1, userId: 'c1-new', sku: 'ENTERPRISEPACK' }));
    expect(seen(world, 'c1-user', { type: 'users', tenantId: C1 }).find((u) => u.id === 'c1-new')?.licenses).toEqual(['ENTERPRISEPACK']);
    for (const userId of ['c1-user', 'c1-helpdesk']) {
      const before = passwordVersion(world, userId);
      expectAllowed(act(world, 'c1-useradmin', { type: 'resetPassword', tenantId: C1, userId }));
      expect(passwordVersion(world, userId)).toBe(before + 1);
    }
  });

  it("a User Administrator cannot reset a Global admin's password, add a domain or manage role members, and nothing changes", () => {
    const world = baseWorld();
    expectRefused(expectUnchanged(world, () => act(world, 'c1-useradmin', { type: 'resetPassword', tenantId: C1, userId: 'c1-ga' })), 'TARGET_IS_ADMIN', 'GRANT-FULL-ADMIN-TASKS');
    expectRefused(expectUnchanged(world, () => act(world, 'c1-useradmin', { type: 'addDomain', tenantId: C1, domain: 'northwind.example' })), 'INSUFFICIENT_DIRECTORY_ROLE', 'GRANT-FULL-ADMIN-TASKS');
    expectRefused(expectUnchanged(world, () => act(world, 'c1-useradmin', { type: 'addDirectoryRoleMember', tenantId: C1, roleId: USER_ADMIN, principalId: 'c1-user' })), 'INSUFFICIENT_DIRECTORY_ROLE', 'GRANT-FULL-ADMIN-TASKS');
  });

  it('a Helpdesk Administrator resets the password of users with no role only, and cannot add users', () => {
    const world = baseWorld();
    expectAllowed(act(world, 'c1-helpdesk', { type: 'resetPassword', tenantId: C1, userId: 'c1-user' }), 'GRANT-LIMITED-ADMIN-TASKS');
    for (const userId of ['c1-ga', 'c1-useradmin']) {
      expectRefused(expectUnchanged(world, () => act(world, 'c1-helpdesk', { type: 'resetPassword', tenantId: C1, userId })), 'TARGET_IS_ADMIN', 'GRANT-LIMITED-ADMIN-TASKS');
    }
    expectRefused(expectUnchanged(world, () => act(world, 'c1-helpdesk', { type: 'addUser', tenantId: C1, userPrincipalName: upn(world, C1, 'x'), displayName: 'X' })), 'INSUFFICIENT_DIRECTORY_ROLE', 'GRANT-LIMITED-ADMIN-TASKS');
  });

  it("a customer's administrators have no power in another customer, and nothing changes", () => {
    const world = baseWorld();
    expectRefused(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'resetPassword', tenantId: C2, userId: 'c2-user' })), 'NOT_A_MEMBER', 'GRANT-SIGNIN');
    expectInvalid(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'resetPassword', tenantId: C1, userId: 'c2-user' })), 'UNKNOWN_USER', '/userId');
  });
});

describe('explicit directory role members', () => {
  it('the Global admin makes a user User Administrator, who can then add users, and removes it again', () => {
    const world = baseWorld();
    const addX = { type: 'addUser', tenantId: C1, userPrincipalName: upn(world, C1, 'x'), displayName: 'X' } as const;
    expectRefused(expectUnchanged(world, () => act(world, 'c1-user', addX)), 'INSUFFICIENT_DIRECTORY_ROLE');
    const added = act(world, 'c1-ga', { type: 'addDirectoryRoleMember', tenantId: C1, roleId: USER_ADMIN, principalId: 'c1-user' });
    expectAllowed(added, 'GRANT-FULL-ADMIN-TASKS');
    expect(added.outcome === 'allowed' && added.effects).toEqual([{ type: 'directoryRole.memberAdded', tenantId: C1, roleTemplateId: USER_ADMIN, principalId: 'c1-user' }]);
    expect(memberIds(world, 'c1-ga', C1, USER_ADMIN)).toEqual(['c1-useradmin', 'c1-user']);
    expectAllowed(act(world, 'c1-user', addX));

    const removed = act(world, 'c1-ga', { type: 'removeDirectoryRoleMember', tenantId: C1, roleId: roleObjectId(world, 'c1-ga', C1, USER_ADMIN), principalId: 'c1-user' });
    expectAllowed(removed);
    expect(removed.outcome === 'allowed' && removed.effects).toEqual([{ type: 'directoryRole.memberRemoved', tenantId: C1, roleTemplateId: USER_ADMIN, principalId: 'c1-user' }]);
    expect(memberIds(world, 'c1-ga', C1, USER_ADMIN)).toEqual(['c1-useradmin']);
    expectRefused(expectUnchanged(world, () => act(world, 'c1-user', { ...addX, userPrincipalName: upn(world, C1, 'y') })), 'INSUFFICIENT_DIRECTORY_ROLE');
  });

  it("an Admin agent, holding Global Administrator through DAP, manages the customer's explicit members too", () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    expectAllowed(act(world, 'a-admin', { type: 'removeDirectoryRoleMember', tenantId: C1, roleId: HELPDESK, principalId: 'c1-helpdesk' }), 'GRANT-ADMINAGENTS-GLOBAL');
    expect(memberIds(world, 'c1-ga', C1, HELPDESK)).toEqual([]);
    // c1-helpdesk is no longer an administrator: a Helpdesk agent may now reset its password.
    expectAllowed(act(world, 'a-helpdesk', { type: 'resetPassword', tenantId: C1, userId: 'c1-helpdesk' }), 'GRANT-LIMITED-ADMIN-TASKS');
  });

  it('adding a member twice, removing a non-member or naming nobody is invalid, and nothing changes', () => {
    const world = baseWorld();
    expectInvalid(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'addDirectoryRoleMember', tenantId: C1, roleId: GA, principalId: 'c1-ga' })), 'ALREADY_EXISTS', '/principalId');
    expectInvalid(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'removeDirectoryRoleMember', tenantId: C1, roleId: GA, principalId: 'c1-user' })), 'UNKNOWN_PRINCIPAL', '/principalId');
    expectInvalid(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'addDirectoryRoleMember', tenantId: C1, roleId: GA, principalId: 'nobody' })), 'UNKNOWN_PRINCIPAL', '/principalId');
    expectInvalid(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'addDirectoryRoleMember', tenantId: C1, roleId: 'nope', principalId: 'c1-user' })), 'UNKNOWN_ROLE', '/roleId');
  });

  it('a Helpdesk Administrator cannot change role members, and nothing changes', () => {
    const world = baseWorld();
    expectRefused(expectUnchanged(world, () => act(world, 'c1-helpdesk', { type: 'addDirectoryRoleMember', tenantId: C1, roleId: HELPDESK, principalId: 'c1-user' })), 'INSUFFICIENT_DIRECTORY_ROLE', 'GRANT-LIMITED-ADMIN-TASKS');
    expectRefused(expectUnchanged(world, () => act(world, 'c1-helpdesk', { type: 'removeDirectoryRoleMember', tenantId: C1, roleId: GA, principalId: 'c1-ga' })), 'INSUFFICIENT_DIRECTORY_ROLE', 'GRANT-LIMITED-ADMIN-TASKS');
  });
});

// The directory task table: each actor tries each task in customer 1 (partner A holds DAP there,
// partner B does not), on a fresh world each time. Exactly the rules named, in order.
describe('directory tasks, who may do what', () => {
  const UPN = 'new@northwindtraderscustomer.onmicrosoft.com';
  const ACTIONS: Record<string, Record<string, unknown>> = {
    signIn: { type: 'signIn', tenantId: C1 },
    addUser: { type: 'addUser', tenantId: C1, userPrincipalName: UPN, displayName: 'New' },
    'reset user': { type: 'resetPassword', tenantId: C1, userId: 'c1-user' },
    'reset helpdesk': { type: 'resetPassword', tenantId: C1, userId: 'c1-helpdesk' },
    'reset useradmin': { type: 'resetPassword', tenantId: C1, userId: 'c1-useradmin' },
    'reset ga': { type: 'resetPassword', tenantId: C1, userId: 'c1-ga' },
    addDomain: { type: 'addDomain', tenantId: C1, domain: 'northwind.example' },
    license: { type: 'manageLicenses', tenantId: C1, userId: 'c1-user', sku: 'E3' },
    mdm: { type: 'mdmOperation', tenantId: C1, operation: 'wipe' },
    addRole: { type: 'addDirectoryRoleMember', tenantId: C1, roleId: ROLE_TEMPLATE.PasswordAdministrator, principalId: 'c1-user' },
  };
  const TABLE: readonly [string, string, string][] = [
    ['a-admin', 'signIn', 'allowed GRANT-SIGNIN GRANT-ADMINAGENTS-GLOBAL GRANT-FULL-ADMIN-TASKS'],
    ['a-helpdesk', 'signIn', 'allowed GRANT-SIGNIN GRANT-HELPDESK-HELPDESKADMIN GRANT-LIMITED-ADMIN-TASKS'],
    ['a-sales', 'signIn', 'refused NOT_AN_AGENT GRANT-SIGNIN'],
    ['b-admin', 'signIn', 'refused NO_DAP CONSENT-REQUIRED GRANT-MULTI-PARTNER'],
    ['c1-ga', 'signIn', 'allowed GRANT-SIGNIN GRANT-FULL-ADMIN-TASKS'],
    ['c1-useradmin', 'signIn', 'allowed GRANT-SIGNIN GRANT-LIMITED-ADMIN-TASKS'],
    ['c1-helpdesk', 'signIn', 'allowed GRANT-SIGNIN GRANT-LIMITED-ADMIN-TASKS'],
    ['c1-user', 'signIn', 'allowed GRANT-SIGNIN'],
    ['c2-ga', 'signIn', 'refused NOT_A_MEMBER GRANT-SIGNIN'],
    ['a-admin', 'addUser', 'allowed GRANT-ADMINAGENTS-GLOBAL GRANT-FULL-ADMIN-TASKS'],
    ['a-helpdesk', 'addUser', 'refused INSUFFICIENT_DIRECTORY_ROLE GRANT-HELPDESK-HELPDESKADMIN GRANT-LIMITED-ADMIN-TASKS'],
    ['a-sales', 'addUser', 'refused NOT_AN_AGENT GRANT-SIGNIN'],
    ['b-admin', 'addUser', 'refused NO_DAP CONSENT-REQUIRED GRANT-MULTI-PARTNER'],
    ['c1-ga', 'addUser', 'allowed GRANT-FULL-ADMIN-TASKS'],
    ['c1-useradmin', 'addUser', 'allowed GRANT-LIMITED-ADMIN-TASKS'],
    ['c1-helpdesk', 'addUser', 'refused INSUFFICIENT_DIRECTORY_ROLE GRANT-LIMITED-ADMIN-TASKS'],
    ['c1-user', 'addUser', 'refused INSUFFICIENT_DIRECTORY_ROLE GRANT-FULL-ADMIN-TASKS'],
    ['c2-ga', 'addUser', 'refused NOT_A_MEMBER GRANT-SIGNIN'],
    ['a-admin', 'reset user', 'allowed GRANT-ADMINAGENTS-GLOBAL GRANT-FULL-ADMIN-TASKS'],
    ['a-helpdesk', 'reset user', 'allowed GRANT-HELPDESK-HELPDESKADMIN GRANT-LIMITED-ADMIN-TASKS'],
    ['a-sales', 'reset user', 'refused NOT_AN_AGENT GRANT-SIGNIN'],
    ['b-admin', 'reset user', 'refused NO_DAP CONSENT-REQUIRED GRANT-MULTI-PARTNER'],
    ['c1-ga', 'reset user', 'allowed GRANT-FULL-ADMIN-TASKS'],
    ['c1-useradmin', 'reset user', 'allowed GRANT-LIMITED-ADMIN-TASKS'],
    ['c1-helpdesk', 'reset user', 'allowed GRANT-LIMITED-ADMIN-TASKS'],
    ['c1-user', 'reset user', 'refused INSUFFICIENT_DIRECTORY_ROLE GRANT-FULL-ADMIN-TASKS'],
    ['c2-ga', 'reset user', 'refused NOT_A_MEMBER GRANT-SIGNIN'],
    ['a-admin', 'reset helpdesk', 'allowed GRANT-ADMINAGENTS-GLOBAL GRANT-FULL-ADMIN-TASKS'],
    ['a-helpdesk', 'reset helpdesk', 'refused TARGET_IS_ADMIN GRANT-HELPDESK-HELPDESKADMIN GRANT-LIMITED-ADMIN-TASKS'],
    ['a-sales', 'reset helpdesk', 'refused NOT_AN_AGENT GRANT-SIGNIN'],
    ['b-admin', 'reset helpdesk', 'refused NO_DAP CONSENT-REQUIRED GRANT-MULTI-PARTNER'],
    ['c1-ga', 'reset helpdesk', 'allowed GRANT-FULL-ADMIN-TASKS'],
    ['c1-useradmin', 'reset helpdesk', 'allowed GRANT-LIMITED-ADMIN-TASKS'],
    ['c1-helpdesk', 'reset helpdesk', 'refused TARGET_IS_ADMIN GRANT-LIMITED-ADMIN-TASKS'],
    ['c1-user', 'reset helpdesk', 'refused INSUFFICIENT_DIRECTORY_ROLE GRANT-FULL-ADMIN-TASKS'],
    ['c2-ga', 'reset helpdesk', 'refused NOT_A_MEMBER GRANT-SIGNIN'],
    ['a-admin', 'reset useradmin', 'allowed GRANT-ADMINAGENTS-GLOBAL GRANT-FULL-ADMIN-TASKS'],
    ['a-helpdesk', 'reset useradmin', 'refused TARGET_IS_ADMIN GRANT-HELPDESK-HELPDESKADMIN GRANT-LIMITED-ADMIN-TASKS'],
    ['a-sales', 'reset useradmin', 'refused NOT_AN_AGENT GRANT-SIGNIN'],
    ['b-admin', 'reset useradmin', 'refused NO_DAP CONSENT-REQUIRED GRANT-MULTI-PARTNER'],
    ['c1-ga', 'reset useradmin', 'allowed GRANT-FULL-ADMIN-TASKS'],
    ['c1-useradmin', 'reset useradmin', 'allowed GRANT-LIMITED-ADMIN-TASKS'],
    ['c1-helpdesk', 'reset useradmin', 'refused TARGET_IS_ADMIN GRANT-LIMITED-ADMIN-TASKS'],
    ['c1-user', 'reset useradmin', 'refused INSUFFICIENT_DIRECTORY_ROLE GRANT-FULL-ADMIN-TASKS'],
    ['c2-ga', 'reset useradmin', 'refused NOT_A_MEMBER GRANT-SIGNIN'],
    ['a-admin', 'reset ga', 'allowed GRANT-ADMINAGENTS-GLOBAL GRANT-FULL-ADMIN-TASKS'],
    ['a-helpdesk', 'reset ga', 'refused TARGET_IS_ADMIN GRANT-HELPDESK-HELPDESKADMIN GRANT-LIMITED-ADMIN-TASKS'],
    ['a-sales', 'reset ga', 'refused NOT_AN_AGENT GRANT-SIGNIN'],
    ['b-admin', 'reset ga', 'refused NO_DAP CONSENT-REQUIRED GRANT-MULTI-PARTNER'],
    ['c1-ga', 'reset ga', 'allowed GRANT-FULL-ADMIN-TASKS'],
    ['c1-useradmin', 'reset ga', 'refused TARGET_IS_ADMIN GRANT-FULL-ADMIN-TASKS'],
    ['c1-helpdesk', 'reset ga', 'refused TARGET_IS_ADMIN GRANT-LIMITED-ADMIN-TASKS'],
    ['c1-user', 'reset ga', 'refused INSUFFICIENT_DIRECTORY_ROLE GRANT-FULL-ADMIN-TASKS'],
    ['c2-ga', 'reset ga', 'refused NOT_A_MEMBER GRANT-SIGNIN'],
    ['a-admin', 'addDomain', 'allowed GRANT-ADMINAGENTS-GLOBAL GRANT-FULL-ADMIN-TASKS'],
    ['a-helpdesk', 'addDomain', 'refused INSUFFICIENT_DIRECTORY_ROLE GRANT-HELPDESK-HELPDESKADMIN GRANT-LIMITED-ADMIN-TASKS'],
    ['a-sales', 'addDomain', 'refused NOT_AN_AGENT GRANT-SIGNIN'],
    ['b-admin', 'addDomain', 'refused NO_DAP CONSENT-REQUIRED GRANT-MULTI-PARTNER'],
    ['c1-ga', 'addDomain', 'allowed GRANT-FULL-ADMIN-TASKS'],
    ['c1-useradmin', 'addDomain', 'refused INSUFFICIENT_DIRECTORY_ROLE GRANT-FULL-ADMIN-TASKS'],
    ['c1-helpdesk', 'addDomain', 'refused INSUFFICIENT_DIRECTORY_ROLE GRANT-LIMITED-ADMIN-TASKS'],
    ['c1-user', 'addDomain', 'refused INSUFFICIENT_DIRECTORY_ROLE GRANT-FULL-ADMIN-TASKS'],
    ['c2-ga', 'addDomain', 'refused NOT_A_MEMBER GRANT-SIGNIN'],
    ['a-admin', 'license', 'allowed GRANT-ADMINAGENTS-GLOBAL GRANT-FULL-ADMIN-TASKS'],
    ['a-helpdesk', 'license', 'refused INSUFFICIENT_DIRECTORY_ROLE GRANT-HELPDESK-HELPDESKADMIN GRANT-LIMITED-ADMIN-TASKS'],
    ['a-sales', 'license', 'refused NOT_AN_AGENT GRANT-SIGNIN'],
    ['b-admin', 'license', 'refused NO_DAP CONSENT-REQUIRED GRANT-MULTI-PARTNER'],
    ['c1-ga', 'license', 'allowed GRANT-FULL-ADMIN-TASKS'],
    ['c1-useradmin', 'license', 'allowed GRANT-LIMITED-ADMIN-TASKS'],
    ['c1-helpdesk', 'license', 'refused INSUFFICIENT_DIRECTORY_ROLE GRANT-LIMITED-ADMIN-TASKS'],
    ['c1-user', 'license', 'refused INSUFFICIENT_DIRECTORY_ROLE GRANT-FULL-ADMIN-TASKS'],
    ['c2-ga', 'license', 'refused NOT_A_MEMBER GRANT-SIGNIN'],
    ['a-admin', 'mdm', 'refused MDM_NOT_SUPPORTED SCOPE-NO-MDM'],
    ['a-helpdesk', 'mdm', 'refused MDM_NOT_SUPPORTED SCOPE-NO-MDM'],
    ['a-sales', 'mdm', 'refused MDM_NOT_SUPPORTED SCOPE-NO-MDM'],
    ['b-admin', 'mdm', 'refused MDM_NOT_SUPPORTED SCOPE-NO-MDM'],
    ['c1-ga', 'mdm', 'allowed SCOPE-NO-MDM GRANT-FULL-ADMIN-TASKS'],
    ['c1-useradmin', 'mdm', 'refused INSUFFICIENT_DIRECTORY_ROLE GRANT-FULL-ADMIN-TASKS'],
    ['c1-helpdesk', 'mdm', 'refused INSUFFICIENT_DIRECTORY_ROLE GRANT-LIMITED-ADMIN-TASKS'],
    ['c1-user', 'mdm', 'refused INSUFFICIENT_DIRECTORY_ROLE GRANT-FULL-ADMIN-TASKS'],
    ['c2-ga', 'mdm', 'refused NOT_A_MEMBER GRANT-SIGNIN'],
    ['a-admin', 'addRole', 'allowed GRANT-ADMINAGENTS-GLOBAL GRANT-FULL-ADMIN-TASKS'],
    ['a-helpdesk', 'addRole', 'refused INSUFFICIENT_DIRECTORY_ROLE GRANT-HELPDESK-HELPDESKADMIN GRANT-LIMITED-ADMIN-TASKS'],
    ['a-sales', 'addRole', 'refused NOT_AN_AGENT GRANT-SIGNIN'],
    ['b-admin', 'addRole', 'refused NO_DAP CONSENT-REQUIRED GRANT-MULTI-PARTNER'],
    ['c1-ga', 'addRole', 'allowed GRANT-FULL-ADMIN-TASKS'],
    ['c1-useradmin', 'addRole', 'refused INSUFFICIENT_DIRECTORY_ROLE GRANT-FULL-ADMIN-TASKS'],
    ['c1-helpdesk', 'addRole', 'refused INSUFFICIENT_DIRECTORY_ROLE GRANT-LIMITED-ADMIN-TASKS'],
    ['c1-user', 'addRole', 'refused INSUFFICIENT_DIRECTORY_ROLE GRANT-FULL-ADMIN-TASKS'],
    ['c2-ga', 'addRole', 'refused NOT_A_MEMBER GRANT-SIGNIN'],
  ];

  it('GRANT-LIMITED-ADMIN-TASKS: each actor, each task: the outcome and exactly the rules named (GRANT-FULL-ADMIN-TASKS, GRANT-SIGNIN, SCOPE-NO-MDM, CONSENT-REQUIRED)', () => {
    expect(TABLE).toHaveLength(90);
    const world0 = baseWorld();
    expect(world0.tenant(C1)!.defaultDomain).toBe(UPN.split('@')[1]);
    for (const [actor, task, expected] of TABLE) {
      const world = baseWorld();
      grantDap(world, 'a', 'c1');
      const d = act(world, actor, ACTIONS[task] as never);
      const shown = d.outcome === 'allowed' ? `allowed ${d.rules.join(' ')}` : `${d.outcome} ${d.code} ${d.rules.join(' ')}`;
      expect(shown, `${actor} ${task}`).toBe(expected);
    }
  });
});

describe('directory tasks, exactly', () => {
  function dapWorld(): World {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    return world;
  }

  it('GRANT-SIGNIN: signing in shows the roles the actor acts with', () => {
    const world = dapWorld();
    expect(act(world, 'a-admin', { type: 'signIn', tenantId: C1 })).toEqual({ outcome: 'allowed', result: undefined, rules: ['GRANT-SIGNIN', 'GRANT-ADMINAGENTS-GLOBAL', 'GRANT-FULL-ADMIN-TASKS'], effects: [{ type: 'signedIn', tenantId: C1, roleTemplateIds: [GA] }] });
    expect(act(world, 'c1-useradmin', { type: 'signIn', tenantId: C1 })).toMatchObject({ effects: [{ type: 'signedIn', tenantId: C1, roleTemplateIds: [USER_ADMIN] }] });
    expect(act(world, 'c1-user', { type: 'signIn', tenantId: C1 })).toMatchObject({ effects: [{ type: 'signedIn', tenantId: C1, roleTemplateIds: [] }] });
    expect(act(world, 'a-plain', { type: 'signIn', tenantId: A })).toEqual({ outcome: 'allowed', result: undefined, rules: ['GRANT-SIGNIN'], effects: [{ type: 'signedIn', tenantId: A, roleTemplateIds: [] }] });
  });

  it('GRANT-FULL-ADMIN-TASKS: adding a user creates it with a derived id, no offer switch, and a user.created effect', () => {
    const world = dapWorld();
    const twin = dapWorld();
    const d = act(world, 'a-admin', { type: 'addUser', tenantId: C1, userPrincipalName: upn(world, C1, 'Pat'), displayName: 'Pat' });
    const userId = twin.nextId('user');
    expect(d).toEqual({ outcome: 'allowed', result: undefined, rules: ['GRANT-ADMINAGENTS-GLOBAL', 'GRANT-FULL-ADMIN-TASKS'], effects: [{ type: 'user.created', userId }] });
    expect(world.users.get(userId)).toMatchObject({ id: userId, tenantId: C1, displayName: 'Pat', userPrincipalName: upn(world, C1, 'Pat'), offerSwitch: false, roleMask: 0 });
    expect(world.tenant(C1)!.users.at(-1)!.id).toBe(userId);
    expectAllowed(act(world, 'c1-ga', { type: 'addUser', tenantId: C1, userPrincipalName: upn(world, C1, 'sam'), displayName: 'Sam', userId: 'u-sam' }));
    expect(world.users.get('u-sam')!.tenantId).toBe(C1);
  });

  it('GRANT-FULL-ADMIN-TASKS: a bad UPN or id when adding a user is invalid, saying what is wrong, and changes nothing', () => {
    const world = dapWorld();
    must(setup.addGroup(world, { id: 'g-1', tenantId: C1, displayName: 'G' }));
    const add = (extra: Record<string, unknown>, actor = 'a-admin') => expectUnchanged(world, () => act(world, actor, { type: 'addUser', tenantId: C1, userPrincipalName: upn(world, C1, 'pat'), displayName: 'Pat', ...extra } as never));
    expect(add({ userPrincipalName: 'pat' })).toMatchObject({ code: 'MALFORMED', path: '/userPrincipalName', message: 'A parameter is missing or has the wrong type. "pat" must look like alias@domain.' });
    // A malformed UPN is invalid whoever asks; a domain or taken UPN is checked only for one who may add users.
    expect(add({ userPrincipalName: 'pat' }, 'c1-user')).toMatchObject({ code: 'MALFORMED', path: '/userPrincipalName' });
    expect(add({ userPrincipalName: 'pat@elsewhere.example' }, 'c1-user')).toMatchObject({ outcome: 'refused', code: 'INSUFFICIENT_DIRECTORY_ROLE' });
    expect(add({ userPrincipalName: 'pat@elsewhere.example' })).toMatchObject({ code: 'UPN_DOMAIN_UNVERIFIED', path: '/userPrincipalName', message: `The user principal name's domain is not verified in the tenant. Use one of: ${world.tenant(C1)!.defaultDomain}.` });
    expect(add({ userPrincipalName: upn(world, C1, 'user') })).toMatchObject({ code: 'UPN_TAKEN', path: '/userPrincipalName', message: `Another user already has this user principal name. "${upn(world, C1, 'user')}"` });
    expect(add({ userId: 'c2-user' })).toMatchObject({ code: 'ALREADY_EXISTS', path: '/userId', message: 'An object with this id or unique name already exists. "c2-user"' });
    expect(add({ userId: 'g-1' })).toMatchObject({ code: 'ALREADY_EXISTS', path: '/userId' });
    expectInvalid(add({ userId: '' }), 'MALFORMED', '/userId');
    expectInvalid(add({ displayName: '' }), 'MALFORMED', '/displayName');
  });

  it('GRANT-LIMITED-ADMIN-TASKS: a password reset bumps the password version; an admin target is refused naming it', () => {
    const world = dapWorld();
    expect(act(world, 'a-helpdesk', { type: 'resetPassword', tenantId: C1, userId: 'c1-user' })).toEqual({ outcome: 'allowed', result: undefined, rules: ['GRANT-HELPDESK-HELPDESKADMIN', 'GRANT-LIMITED-ADMIN-TASKS'], effects: [{ type: 'password.reset', userId: 'c1-user' }] });
    expect(world.users.get('c1-user')!.passwordVersion).toBe(1);
    expect(expectUnchanged(world, () => act(world, 'a-helpdesk', { type: 'resetPassword', tenantId: C1, userId: 'c1-ga' }))).toMatchObject({ message: `A Helpdesk or Password Administrator cannot reset an administrator's password. "${upn(world, C1, 'ga')}" holds a directory role.` });
  });

  it('GRANT-LIMITED-ADMIN-TASKS: a User Administrator resets a user holding only limited roles, not one who also holds Global Administrator', () => {
    const world = dapWorld();
    must(setup.assignDirectoryRole(world, { tenantId: C1, role: ROLE_TEMPLATE.PasswordAdministrator, principalId: 'c1-helpdesk' }));
    expectAllowed(act(world, 'c1-useradmin', { type: 'resetPassword', tenantId: C1, userId: 'c1-helpdesk' }), 'GRANT-LIMITED-ADMIN-TASKS');
    must(setup.assignDirectoryRole(world, { tenantId: C1, role: GA, principalId: 'c1-helpdesk' }));
    expectRefused(expectUnchanged(world, () => act(world, 'c1-useradmin', { type: 'resetPassword', tenantId: C1, userId: 'c1-helpdesk' })), 'TARGET_IS_ADMIN', 'GRANT-FULL-ADMIN-TASKS');
  });

  it('GRANT-FULL-ADMIN-TASKS: adding a domain verifies it, lower-cased, in the tenant; bad or taken domains are invalid', () => {
    const world = dapWorld();
    expect(act(world, 'a-admin', { type: 'addDomain', tenantId: C1, domain: 'Sales.Northwind.Example' })).toEqual({ outcome: 'allowed', result: undefined, rules: ['GRANT-ADMINAGENTS-GLOBAL', 'GRANT-FULL-ADMIN-TASKS'], effects: [{ type: 'domain.added', tenantId: C1, domain: 'sales.northwind.example' }] });
    expect(world.tenant(C1)!.domains).toContain('sales.northwind.example');
    expect(world.tenantByDomain.get('sales.northwind.example')).toBe(C1);
    const add = (domain: string) => expectUnchanged(world, () => act(world, 'a-admin', { type: 'addDomain', tenantId: C1, domain }));
    expect(add('sales.northwind.example')).toMatchObject({ code: 'DOMAIN_TAKEN', path: '/domain', message: 'The domain is already verified in a tenant. "sales.northwind.example"' });
    expect(add('Bad_Domain')).toMatchObject({ code: 'MALFORMED', path: '/domain', message: 'A parameter is missing or has the wrong type. "Bad_Domain" is not a domain name like contoso.com.' });
    for (const bad of ['x.c', 'a.b', '-a.example', 'a-.example', 'a..example', 'example', 'a.example.', ' a.example', 'a.example x', 'a.123', `${'a'.repeat(64)}.example`, `${'abcdefghij.'.repeat(23)}com`]) expect(add(bad), bad).toMatchObject({ code: 'MALFORMED', path: '/domain' });
    for (const good of ['ab.io', 'a.example', 'a-b.example', `${'a'.repeat(63)}.example`, 'x1.y2.example']) expectAllowed(act(world, 'a-admin', { type: 'addDomain', tenantId: C1, domain: good }));
  });

  it('GRANT-FULL-ADMIN-TASKS: licences are assigned and removed with their effects; removing one never held is fine', () => {
    const world = dapWorld();
    expect(act(world, 'c1-useradmin', { type: 'manageLicenses', tenantId: C1, userId: 'c1-user', sku: 'E3', assign: false })).toEqual({ outcome: 'allowed', result: undefined, rules: ['GRANT-LIMITED-ADMIN-TASKS'], effects: [{ type: 'license.removed', userId: 'c1-user', sku: 'E3' }] });
    expect(world.users.get('c1-user')!.licenses).toBeUndefined();
    expect(act(world, 'a-admin', { type: 'manageLicenses', tenantId: C1, userId: 'c1-user', sku: 'E3' })).toEqual({ outcome: 'allowed', result: undefined, rules: ['GRANT-ADMINAGENTS-GLOBAL', 'GRANT-FULL-ADMIN-TASKS'], effects: [{ type: 'license.assigned', userId: 'c1-user', sku: 'E3' }] });
    expectAllowed(act(world, 'a-admin', { type: 'manageLicenses', tenantId: C1, userId: 'c1-user', sku: 'E5', assign: true }));
    expect(world.users.get('c1-user')!.licenses).toEqual(new Set(['E3', 'E5']));
    expectAllowed(act(world, 'a-admin', { type: 'manageLicenses', tenantId: C1, userId: 'c1-user', sku: 'E3', assign: false }));
    expect(world.users.get('c1-user')!.licenses).toEqual(new Set(['E5']));
    expectInvalid(expectUnchanged(world, () => act(world, 'a-admin', { type: 'manageLicenses', tenantId: C1, userId: 'c1-user', sku: 'E3', assign: 'no' } as never)), 'MALFORMED', '/assign');
  });

  it('SCOPE-NO-MDM: a partner user is refused in a customer whatever its access, saying what to do; in its own tenant it is a directory question', () => {
    const world = dapWorld();
    expect(expectUnchanged(world, () => act(world, 'a-admin', { type: 'mdmOperation', tenantId: C1 }))).toEqual(expect.objectContaining({ outcome: 'refused', code: 'MDM_NOT_SUPPORTED', rules: ['SCOPE-NO-MDM'], message: 'Delegated access to Mobile Device Management for Office 365 is not supported. Ask the customer to perform MDM operations itself.' }));
    expect(act(world, 'a-ga', { type: 'mdmOperation', tenantId: A })).toEqual({ outcome: 'allowed', result: undefined, rules: ['SCOPE-NO-MDM', 'GRANT-FULL-ADMIN-TASKS'], effects: [{ type: 'mdm.performed', tenantId: A }] });
    expect(act(world, 'a-admin', { type: 'mdmOperation', tenantId: A })).toMatchObject({ outcome: 'refused', code: 'INSUFFICIENT_DIRECTORY_ROLE' });
    expect(act(world, 'a-admin', { type: 'mdmOperation', tenantId: B })).toMatchObject({ outcome: 'refused', code: 'NOT_A_MEMBER', rules: ['GRANT-SIGNIN'] });
    expect(act(world, 'c2-ga', { type: 'mdmOperation', tenantId: C1 })).toMatchObject({ outcome: 'refused', code: 'NOT_A_MEMBER' });
    expectInvalid(act(world, 'c1-ga', { type: 'mdmOperation', tenantId: C1, operation: 5 } as never), 'MALFORMED', '/operation');
  });

  it('GRANT-FULL-ADMIN-TASKS: role members are added and removed with their effects; each invalid case says why', () => {
    const world = dapWorld();
    const PASSWORD = ROLE_TEMPLATE.PasswordAdministrator;
    expect(act(world, 'a-admin', { type: 'addDirectoryRoleMember', tenantId: C1, roleId: PASSWORD, principalId: 'c1-user' })).toEqual({ outcome: 'allowed', result: undefined, rules: ['GRANT-ADMINAGENTS-GLOBAL', 'GRANT-FULL-ADMIN-TASKS'], effects: [{ type: 'directoryRole.memberAdded', tenantId: C1, roleTemplateId: PASSWORD, principalId: 'c1-user' }] });
    expect(world.explicitRoleMembers(world.tenant(C1)!, PASSWORD)).toEqual(['c1-user']);
    const change = (type: string, extra: Record<string, unknown>) => expectUnchanged(world, () => act(world, 'c1-ga', { type, tenantId: C1, roleId: PASSWORD, principalId: 'c1-user', ...extra } as never));
    expect(change('addDirectoryRoleMember', {})).toMatchObject({ code: 'ALREADY_EXISTS', path: '/principalId', message: 'An object with this id or unique name already exists. It is already an explicit member of the role.' });
    expect(change('removeDirectoryRoleMember', { principalId: 'c1-helpdesk' })).toMatchObject({ code: 'UNKNOWN_PRINCIPAL', path: '/principalId', message: 'No user or group has this id. It is not an explicit member of the role.' });
    expect(change('addDirectoryRoleMember', { roleId: 'Password Administrator' })).toMatchObject({ code: 'UNKNOWN_ROLE', path: '/roleId', message: 'No directory role has this id or template id. "Password Administrator"' });
    expect(change('addDirectoryRoleMember', { principalId: 'ghost' })).toMatchObject({ code: 'UNKNOWN_PRINCIPAL', path: '/principalId', message: 'No user or group has this id. "ghost"' });
    expect(change('addDirectoryRoleMember', { principalId: 'c2-user' })).toMatchObject({ code: 'FOREIGN_PRINCIPAL', path: '/principalId', message: 'Only users and groups of the same tenant can be explicit directory role members. "c2-user" belongs to another tenant.' });
    expect(act(world, 'c1-ga', { type: 'removeDirectoryRoleMember', tenantId: C1, roleId: PASSWORD, principalId: 'c1-user' })).toEqual({ outcome: 'allowed', result: undefined, rules: ['GRANT-FULL-ADMIN-TASKS'], effects: [{ type: 'directoryRole.memberRemoved', tenantId: C1, roleTemplateId: PASSWORD, principalId: 'c1-user' }] });
    expect(world.explicitRoleMembers(world.tenant(C1)!, PASSWORD)).toEqual([]);
  });
});

describe('directory messages', () => {
  it('GRANT-FULL-ADMIN-TASKS: a refusal for lack of Full administration names the task; a UPN on an unverified domain lists every verified one', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    expect(act(world, 'c1-useradmin', { type: 'addDomain', tenantId: C1, domain: 'x.example' })).toMatchObject({ code: 'INSUFFICIENT_DIRECTORY_ROLE', message: `The actor's directory role does not allow this task. "addDomain" needs Full administration (Global Administrator).` });
    expectAllowed(act(world, 'a-admin', { type: 'addDomain', tenantId: C1, domain: 'northwind.example' }));
    const d = world.tenant(C1)!.defaultDomain;
    expect(act(world, 'a-admin', { type: 'addUser', tenantId: C1, userPrincipalName: 'pat@elsewhere.example', displayName: 'Pat' })).toMatchObject({ code: 'UPN_DOMAIN_UNVERIFIED', message: `The user principal name's domain is not verified in the tenant. Use one of: ${d}, northwind.example.` });
  });
});
