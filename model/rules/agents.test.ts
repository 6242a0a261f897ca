import { describe, expect, it } from 'vitest';
import { ROLE_TEMPLATE, perform, type World } from '../index.ts';
import {
  A, B, C1, C2, act, baseWorld, becomeReseller, createdId, expectAllowed, expectInvalid, expectRefused, expectUnchanged, grantDap, look, seen,
  upn, signInRoles,
} from '../../test/fixture.ts';

const GA = ROLE_TEMPLATE.GlobalAdministrator;
const HELPDESK = ROLE_TEMPLATE.HelpdeskAdministrator;



/** Partner A holds DAP in both customers: C1 through the delegated-admin offer, C2 through a reseller request. */
function aInBothCustomers(): World {
  const world = baseWorld();
  grantDap(world, 'a', 'c1');
  becomeReseller(world, 'a', 'c2');
  return world;
}

const OFFER_KINDS = [
  { type: 'createOffer' },
  { type: 'createOffer', kind: 'trial-invitation', product: 'Microsoft 365 E5' },
  { type: 'createOffer', kind: 'purchase-offer' },
] as const;

describe('AGENT-GROUPS', () => {
  it('AGENT-GROUPS: AdminAgents is Full administration (Global Administrator), HelpdeskAgents Limited (Helpdesk Administrator)', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    expect(signInRoles(world, 'a-admin', C1)).toEqual([GA]);
    expect(signInRoles(world, 'a-helpdesk', C1)).toEqual([HELPDESK]);
    expectAllowed(act(world, 'a-admin', { type: 'addDomain', tenantId: C1, domain: 'northwind.example' }), 'GRANT-FULL-ADMIN-TASKS');
    expectRefused(expectUnchanged(world, () => act(world, 'a-helpdesk', { type: 'addDomain', tenantId: C1, domain: 'other.example' })), 'INSUFFICIENT_DIRECTORY_ROLE', 'GRANT-LIMITED-ADMIN-TASKS');
  });

  it('AGENT-GROUPS: the partner has exactly these two DAP groups, besides SalesAgents, and they are groups of the partner tenant', () => {
    const world = baseWorld();
    const partner = world.partner(A)!;
    const groups = Object.entries(partner.agentGroups).map(([kind, id]) => [kind, world.groups.get(id)?.tenantId, world.groups.get(id)?.displayName]);
    expect(groups).toEqual([['AdminAgents', A, 'AdminAgents'], ['HelpdeskAgents', A, 'HelpdeskAgents'], ['SalesAgents', A, 'SalesAgents']]);
    expect(partner.agentGroups.AdminAgents).not.toBe(world.partner(B)!.agentGroups.AdminAgents);
  });

  it('AGENT-GROUPS: a Sales agent and a user in no group get nothing in the customer, and nothing changes', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    for (const actor of ['a-sales', 'a-plain']) {
      expectRefused(expectUnchanged(world, () => act(world, actor, { type: 'signIn', tenantId: C1 })), 'NOT_AN_AGENT', 'GRANT-SIGNIN');
      expectRefused(expectUnchanged(world, () => act(world, actor, { type: 'openServiceRequest', customerId: C1, title: 'x' })), 'NOT_AN_AGENT', 'AGENT-GROUPS');
    }
  });

  it('AGENT-GROUPS: the partner Global Administrator puts a user in a group, naming the rule', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    const d = act(world, 'a-ga', { type: 'addAgentGroupMember', group: 'AdminAgents', userId: 'a-plain' });
    expectAllowed(d, 'AGENT-GROUPS');
    expect(d.outcome === 'allowed' && d.effects).toEqual([{ type: 'agentGroup.memberAdded', group: 'AdminAgents', userId: 'a-plain' }]);
    expect(signInRoles(world, 'a-plain', C1)).toEqual([GA]);
  });

  it('AGENT-GROUPS: agents and plain users cannot change group membership, and nothing changes', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    for (const actor of ['a-admin', 'a-helpdesk', 'a-sales', 'a-plain']) {
      expectRefused(expectUnchanged(world, () => act(world, actor, { type: 'addAgentGroupMember', group: 'AdminAgents', userId: 'a-plain' })), 'NOT_PARTNER_GLOBAL_ADMIN', 'AGENT-GROUPS');
      expectRefused(expectUnchanged(world, () => act(world, actor, { type: 'removeAgentGroupMember', group: 'HelpdeskAgents', userId: 'a-helpdesk' })), 'NOT_PARTNER_GLOBAL_ADMIN', 'AGENT-GROUPS');
    }
    expect(signInRoles(world, 'a-helpdesk', C1)).toEqual([HELPDESK]);
  });

  it("AGENT-GROUPS: no one outside the partner touches its groups, and bad requests are invalid; nothing changes", () => {
    const world = baseWorld();
    expectInvalid(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'addAgentGroupMember', group: 'AdminAgents', userId: 'a-plain' })), 'NOT_A_PARTNER_USER', '/actor');
    expectInvalid(expectUnchanged(world, () => act(world, 'b-ga', { type: 'addAgentGroupMember', group: 'AdminAgents', userId: 'a-plain' })), 'UNKNOWN_USER', '/userId');
    expectInvalid(expectUnchanged(world, () => act(world, 'a-ga', { type: 'addAgentGroupMember', group: 'AdminAgents', userId: 'c1-user' })), 'UNKNOWN_USER', '/userId');
    expectInvalid(expectUnchanged(world, () => perform(world, 'a-ga', { type: 'addAgentGroupMember', group: 'GlobalAdmins', userId: 'a-plain' })), 'MALFORMED', '/group');
    expectInvalid(expectUnchanged(world, () => act(world, 'a-ga', { type: 'addAgentGroupMember', group: 'AdminAgents', userId: 'a-admin' })), 'ALREADY_EXISTS', '/userId');
    expectInvalid(expectUnchanged(world, () => act(world, 'a-ga', { type: 'removeAgentGroupMember', group: 'AdminAgents', userId: 'a-helpdesk' })), 'UNKNOWN_USER', '/userId');
  });

  it("AGENT-GROUPS: the partner's customer list is for its agents only", () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    expectRefused(expectUnchanged(world, () => look(world, 'a-plain', { type: 'partnerCustomers' })), 'NOT_AN_AGENT', 'AGENT-GROUPS');
    expectAllowed(act(world, 'a-ga', { type: 'addAgentGroupMember', group: 'SalesAgents', userId: 'a-plain' }), 'AGENT-GROUPS');
    expect(seen(world, 'a-plain', { type: 'partnerCustomers' }).map((c) => c.customerId)).toEqual([C1]);
  });
});

describe('AGENT-OFFER-CREATORS', () => {
  it('AGENT-OFFER-CREATORS: a user with the switch on creates the delegated-admin offer, trial invitations and purchase offers', () => {
    const world = baseWorld();
    expect(world.users.get('a-admin')!.offerSwitch).toBe(true);
    for (const action of OFFER_KINDS) expectAllowed(act(world, 'a-admin', action), 'AGENT-OFFER-CREATORS');
    expect([...world.offers.values()].map((o) => o.kind).sort()).toEqual(['delegated-admin', 'purchase-offer', 'trial-invitation']);
  });

  it('AGENT-OFFER-CREATORS: users with the switch off cannot create any of them, whatever their group, and nothing changes', () => {
    const world = baseWorld();
    for (const actor of ['a-helpdesk', 'a-sales', 'a-plain', 'a-ga']) {
      expect(world.users.get(actor)!.offerSwitch).toBe(false);
      for (const action of OFFER_KINDS) {
        expectRefused(expectUnchanged(world, () => act(world, actor, action)), 'OFFER_SWITCH_OFF', 'AGENT-OFFER-CREATORS');
      }
    }
  });

  it('AGENT-OFFER-CREATORS: the partner Global Administrator switches it on and off, and offers follow at once', () => {
    const world = baseWorld();
    const on = act(world, 'a-ga', { type: 'setOfferSwitch', userId: 'a-helpdesk', on: true });
    expectAllowed(on, 'AGENT-OFFER-CREATORS');
    expect(on.outcome === 'allowed' && on.effects).toEqual([{ type: 'offerSwitch.set', userId: 'a-helpdesk', on: true }]);
    expectAllowed(act(world, 'a-helpdesk', { type: 'createOffer', kind: 'trial-invitation' }), 'AGENT-OFFER-CREATORS');

    expectAllowed(act(world, 'a-ga', { type: 'setOfferSwitch', userId: 'a-admin', on: false }), 'AGENT-OFFER-CREATORS');
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'createOffer' })), 'OFFER_SWITCH_OFF', 'AGENT-OFFER-CREATORS');
    expectAllowed(act(world, 'a-ga', { type: 'setOfferSwitch', userId: 'a-admin', on: true }));
    expectAllowed(act(world, 'a-admin', { type: 'createOffer' }), 'AGENT-OFFER-CREATORS', 'OFFER-CERTIFIED');
  });

  it("AGENT-OFFER-CREATORS: the partner GA may switch it on for itself; a user's switch is its own and not another's", () => {
    const world = baseWorld();
    expectAllowed(act(world, 'a-ga', { type: 'setOfferSwitch', userId: 'a-ga', on: true }));
    expectAllowed(act(world, 'a-ga', { type: 'createOffer', kind: 'purchase-offer' }), 'AGENT-OFFER-CREATORS');
    expectRefused(expectUnchanged(world, () => act(world, 'a-plain', { type: 'createOffer', kind: 'purchase-offer' })), 'OFFER_SWITCH_OFF', 'AGENT-OFFER-CREATORS');
  });

  it('AGENT-OFFER-CREATORS: users other than the partner Global Administrator cannot change the switch, and nothing changes', () => {
    const world = baseWorld();
    for (const actor of ['a-admin', 'a-helpdesk', 'a-sales', 'a-plain']) {
      expectRefused(expectUnchanged(world, () => act(world, actor, { type: 'setOfferSwitch', userId: 'a-plain', on: true })), 'NOT_PARTNER_GLOBAL_ADMIN', 'AGENT-OFFER-CREATORS');
    }
    // The Admin agent cannot switch itself off either, and a-plain's switch stayed off.
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'setOfferSwitch', userId: 'a-admin', on: false })), 'NOT_PARTNER_GLOBAL_ADMIN', 'AGENT-OFFER-CREATORS');
    expectRefused(expectUnchanged(world, () => act(world, 'a-plain', { type: 'createOffer' })), 'OFFER_SWITCH_OFF');
  });

  it('AGENT-OFFER-CREATORS: the switch is a partner setting: other tenants and bad values are invalid, and nothing changes', () => {
    const world = baseWorld();
    expectInvalid(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'setOfferSwitch', userId: 'c1-user', on: true })), 'NOT_A_PARTNER_USER', '/actor');
    expectInvalid(expectUnchanged(world, () => act(world, 'b-ga', { type: 'setOfferSwitch', userId: 'a-plain', on: true })), 'UNKNOWN_USER', '/userId');
    expectInvalid(expectUnchanged(world, () => perform(world, 'a-ga', { type: 'setOfferSwitch', userId: 'a-plain', on: 'yes' })), 'MALFORMED', '/on');
  });

  it('AGENT-OFFER-CREATORS: the switch lets a user create offers but gives no rights in customers', () => {
    const world = baseWorld();
    expectAllowed(act(world, 'a-ga', { type: 'setOfferSwitch', userId: 'a-plain', on: true }));
    const offerId = createdId(act(world, 'a-plain', { type: 'createOffer' }), 'offerId');
    expectAllowed(act(world, 'c1-ga', { type: 'acceptOffer', offerId }), 'GRANT-ADMINAGENTS-GLOBAL');
    expectRefused(expectUnchanged(world, () => act(world, 'a-plain', { type: 'signIn', tenantId: C1 })), 'NOT_AN_AGENT', 'GRANT-SIGNIN');
    expect(signInRoles(world, 'a-admin', C1)).toEqual([GA]);
  });
});

describe('AGENT-MEMBERSHIP-LIVE', () => {
  it('AGENT-MEMBERSHIP-LIVE: removed from AdminAgents, a user loses its rights at once in every customer', () => {
    const world = aInBothCustomers();
    for (const c of [C1, C2]) expect(signInRoles(world, 'a-admin', c)).toEqual([GA]);
    const d = act(world, 'a-ga', { type: 'removeAgentGroupMember', group: 'AdminAgents', userId: 'a-admin' });
    expectAllowed(d, 'AGENT-GROUPS', 'AGENT-MEMBERSHIP-LIVE');
    expect(d.outcome === 'allowed' && d.effects).toEqual([{ type: 'agentGroup.memberRemoved', group: 'AdminAgents', userId: 'a-admin' }]);
    for (const c of [C1, C2]) {
      expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'signIn', tenantId: c })), 'NOT_AN_AGENT', 'AGENT-MEMBERSHIP-LIVE', 'GRANT-SIGNIN');
      expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'addUser', tenantId: c, userPrincipalName: upn(world, c, 'new'), displayName: 'New' })), 'NOT_AN_AGENT', 'AGENT-MEMBERSHIP-LIVE');
      expectRefused(expectUnchanged(world, () => look(world, 'a-admin', { type: 'users', tenantId: c })), 'NOT_AN_AGENT', 'AGENT-MEMBERSHIP-LIVE');
    }
    // The grant itself is untouched: the partner's other agents still act.
    expect(world.relationship(A, C1)?.dap).toBe(true);
    expect(world.relationship(A, C2)?.dap).toBe(true);
    expectAllowed(act(world, 'a-helpdesk', { type: 'resetPassword', tenantId: C2, userId: 'c2-user' }), 'GRANT-LIMITED-ADMIN-TASKS');
  });

  it('AGENT-MEMBERSHIP-LIVE: everything held through AdminAgents ends with the membership: service requests, Azure Owner, Autopilot profiles, giving up DAP', () => {
    const world = aInBothCustomers();
    const subscriptionId = createdId(act(world, 'a-admin', { type: 'provisionAzureSubscription', customerId: C2 }), 'subscriptionId');
    expectAllowed(act(world, 'a-admin', { type: 'manageAzureResources', subscriptionId }), 'AZURE-PROVISION-OWNER');
    expectAllowed(act(world, 'a-admin', { type: 'openServiceRequest', customerId: C1, title: 'before' }));
    expectAllowed(act(world, 'a-ga', { type: 'removeAgentGroupMember', group: 'AdminAgents', userId: 'a-admin' }));
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'openServiceRequest', customerId: C1, title: 'after' })), 'NOT_AN_AGENT', 'SCOPE-SERVICE-REQUESTS');
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'openServiceRequest', customerId: C2, title: 'after' })), 'NOT_AN_AGENT', 'SCOPE-SERVICE-REQUESTS');
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'manageAzureResources', subscriptionId })), 'NO_AZURE_ROLE', 'AZURE-RBAC-SEPARATE');
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'createAutopilotProfile', customerId: C2, name: 'Kiosk' })), 'NOT_ADMIN_AGENT', 'AUTOPILOT-AGENT-ROLES');
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'giveUpDap', customerId: C1 })), 'NOT_ADMIN_AGENT', 'REVOKE-BY-PARTNER');
  });

  it('AGENT-MEMBERSHIP-LIVE: the refusals that follow a removal from AdminAgents name the rule outside the directory too (service requests)', () => {
    const world = aInBothCustomers();
    expectAllowed(act(world, 'a-ga', { type: 'removeAgentGroupMember', group: 'AdminAgents', userId: 'a-admin' }));
    // The directory refusal names AGENT-MEMBERSHIP-LIVE; the same loss of agent status here should too.
    expectRefused(act(world, 'a-admin', { type: 'openServiceRequest', customerId: C1, title: 'after' }), 'NOT_AN_AGENT', 'AGENT-MEMBERSHIP-LIVE');
  });

  it("AGENT-MEMBERSHIP-LIVE: the refusals that follow a removal from AdminAgents name the rule outside the directory too (the AdminAgents group's Azure Owner)", () => {
    const world = aInBothCustomers();
    const subscriptionId = createdId(act(world, 'a-admin', { type: 'provisionAzureSubscription', customerId: C2 }), 'subscriptionId');
    expectAllowed(act(world, 'a-ga', { type: 'removeAgentGroupMember', group: 'AdminAgents', userId: 'a-admin' }));
    expectRefused(act(world, 'a-admin', { type: 'manageAzureResources', subscriptionId }), 'NO_AZURE_ROLE', 'AGENT-MEMBERSHIP-LIVE');
  });

  it('AGENT-MEMBERSHIP-LIVE: added to HelpdeskAgents, a user gets limited rights at once in every customer', () => {
    const world = aInBothCustomers();
    for (const c of [C1, C2]) expectRefused(act(world, 'a-plain', { type: 'signIn', tenantId: c }), 'NOT_AN_AGENT');
    expectAllowed(act(world, 'a-ga', { type: 'addAgentGroupMember', group: 'HelpdeskAgents', userId: 'a-plain' }), 'AGENT-GROUPS', 'AGENT-MEMBERSHIP-LIVE');
    for (const c of [C1, C2]) {
      expect(signInRoles(world, 'a-plain', c)).toEqual([HELPDESK]);
      const userId = c === C1 ? 'c1-user' : 'c2-user';
      expectAllowed(act(world, 'a-plain', { type: 'resetPassword', tenantId: c, userId }), 'GRANT-LIMITED-ADMIN-TASKS', 'GRANT-HELPDESK-HELPDESKADMIN', 'AGENT-MEMBERSHIP-LIVE');
      expectRefused(expectUnchanged(world, () => act(world, 'a-plain', { type: 'addUser', tenantId: c, userPrincipalName: upn(world, c, 'new'), displayName: 'New' })), 'INSUFFICIENT_DIRECTORY_ROLE', 'GRANT-LIMITED-ADMIN-TASKS', 'AGENT-MEMBERSHIP-LIVE');
    }
  });

  it('AGENT-MEMBERSHIP-LIVE: moved from AdminAgents to HelpdeskAgents, an agent drops to limited rights; moved back, it has full rights again', () => {
    const world = aInBothCustomers();
    expectAllowed(act(world, 'a-ga', { type: 'addAgentGroupMember', group: 'HelpdeskAgents', userId: 'a-admin' }));
    expect([...signInRoles(world, 'a-admin', C1)].sort()).toEqual([GA, HELPDESK].sort());
    expectAllowed(act(world, 'a-ga', { type: 'removeAgentGroupMember', group: 'AdminAgents', userId: 'a-admin' }));
    expect(signInRoles(world, 'a-admin', C1)).toEqual([HELPDESK]);
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'addDomain', tenantId: C2, domain: 'tailspin.example' })), 'INSUFFICIENT_DIRECTORY_ROLE', 'AGENT-MEMBERSHIP-LIVE');
    expectAllowed(act(world, 'a-admin', { type: 'resetPassword', tenantId: C2, userId: 'c2-user' }), 'AGENT-MEMBERSHIP-LIVE');
    expectAllowed(act(world, 'a-ga', { type: 'addAgentGroupMember', group: 'AdminAgents', userId: 'a-admin' }));
    expectAllowed(act(world, 'a-admin', { type: 'addDomain', tenantId: C2, domain: 'tailspin.example' }), 'GRANT-FULL-ADMIN-TASKS', 'AGENT-MEMBERSHIP-LIVE');
  });

  it('AGENT-MEMBERSHIP-LIVE: removed from HelpdeskAgents, the Helpdesk agent can no longer reset passwords anywhere', () => {
    const world = aInBothCustomers();
    expectAllowed(act(world, 'a-ga', { type: 'removeAgentGroupMember', group: 'HelpdeskAgents', userId: 'a-helpdesk' }), 'AGENT-MEMBERSHIP-LIVE');
    expectRefused(expectUnchanged(world, () => act(world, 'a-helpdesk', { type: 'resetPassword', tenantId: C1, userId: 'c1-user' })), 'NOT_AN_AGENT', 'AGENT-MEMBERSHIP-LIVE');
    expectRefused(expectUnchanged(world, () => act(world, 'a-helpdesk', { type: 'resetPassword', tenantId: C2, userId: 'c2-user' })), 'NOT_AN_AGENT', 'AGENT-MEMBERSHIP-LIVE');
  });

  it('AGENT-MEMBERSHIP-LIVE: only the changed user is affected, and decisions name the rule only for it', () => {
    const world = aInBothCustomers();
    expect(act(world, 'a-admin', { type: 'signIn', tenantId: C1 }).rules).not.toContain('AGENT-MEMBERSHIP-LIVE');
    expectAllowed(act(world, 'a-ga', { type: 'removeAgentGroupMember', group: 'AdminAgents', userId: 'a-admin' }));
    const other = act(world, 'a-helpdesk', { type: 'signIn', tenantId: C1 });
    expectAllowed(other, 'GRANT-HELPDESK-HELPDESKADMIN');
    expect(other.rules).not.toContain('AGENT-MEMBERSHIP-LIVE');
  });

  it('AGENT-MEMBERSHIP-LIVE: joining AdminAgents gives nothing in a customer that has not granted DAP', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    expectAllowed(act(world, 'a-ga', { type: 'addAgentGroupMember', group: 'AdminAgents', userId: 'a-plain' }));
    expect(signInRoles(world, 'a-plain', C1)).toEqual([GA]);
    expectRefused(expectUnchanged(world, () => act(world, 'a-plain', { type: 'signIn', tenantId: C2 })), 'NO_DAP', 'CONSENT-REQUIRED');
  });

  it('AGENT-MEMBERSHIP-LIVE: a refused membership change leaves the agent its rights, and nothing changes', () => {
    const world = aInBothCustomers();
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'removeAgentGroupMember', group: 'HelpdeskAgents', userId: 'a-helpdesk' })), 'NOT_PARTNER_GLOBAL_ADMIN', 'AGENT-GROUPS');
    const d = act(world, 'a-helpdesk', { type: 'resetPassword', tenantId: C1, userId: 'c1-user' });
    expectAllowed(d, 'GRANT-LIMITED-ADMIN-TASKS');
    expect(d.rules).not.toContain('AGENT-MEMBERSHIP-LIVE');
  });
});
