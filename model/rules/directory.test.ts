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
