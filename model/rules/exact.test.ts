import { describe, expect, it } from 'vitest';
import { ROLE_TEMPLATE, setup } from '../index.ts';
import { A, B, C1, C2, act, baseWorld, becomeReseller, createdId, expectAllowed, expectUnchanged, grantDap, must, removeDapAsCustomer, upn } from '../../test/fixture.ts';
import { historyOf } from './relationships.ts';

// Whole decisions, exactly, for directory access (the rules that explain a grant or a refusal),
// DAP removal, agent groups and the offer switch, service requests, and the action context.

describe('directory access: the rules that explain it', () => {
  it('GRANT-SIGNIN: a stranger, a partner without DAP, and a partner user in no agent group are refused, saying who and where', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    expect(act(world, 'c2-ga', { type: 'signIn', tenantId: C1 })).toMatchObject({ code: 'NOT_A_MEMBER', rules: ['GRANT-SIGNIN'], message: `The user belongs to another tenant and holds no delegated role here. "${upn(world, C2, 'ga')}" is not a user of "Northwind Traders".` });
    expect(act(world, 'a-admin', { type: 'signIn', tenantId: B })).toMatchObject({ code: 'NOT_A_MEMBER', rules: ['GRANT-SIGNIN'] });
    expect(act(world, 'a-plain', { type: 'signIn', tenantId: C1 })).toMatchObject({ code: 'NOT_AN_AGENT', rules: ['GRANT-SIGNIN'], message: `The partner user is in neither AdminAgents nor HelpdeskAgents. "${upn(world, A, 'plain')}" must be in AdminAgents or HelpdeskAgents of "Contoso Partners".` });
    expect(act(world, 'a-admin', { type: 'signIn', tenantId: C2 })).toMatchObject({ code: 'NO_DAP', rules: ['CONSENT-REQUIRED'], message: 'The customer has not granted this partner delegated administration. "Tailspin Toys" has not accepted an offer from "Contoso Partners".' });
    expect(act(world, 'b-admin', { type: 'signIn', tenantId: C1 })).toMatchObject({ code: 'NO_DAP', rules: ['CONSENT-REQUIRED', 'GRANT-MULTI-PARTNER'] });
  });

  it('SCOPE-SOVEREIGN-CLOUD: a partner in another cloud is refused as such, with both clouds named', () => {
    const world = baseWorld({ customer1Cloud: 'china-21vianet' });
    expect(act(world, 'a-admin', { type: 'signIn', tenantId: C1 })).toMatchObject({ code: 'CLOUD_MISMATCH', rules: ['SCOPE-SOVEREIGN-CLOUD', 'CONSENT-REQUIRED'], message: 'The partner and the customer are in different clouds. "Contoso Partners" is in global, "Northwind Traders" in china-21vianet.' });
  });

  it('REVOKE-BY-PARTNER: a removed DAP is refused as removed, naming the partner’s giving up only when it gave it up, and other partners when there are some', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    removeDapAsCustomer(world, 'c1', A);
    expect(act(world, 'a-admin', { type: 'signIn', tenantId: C1 })).toMatchObject({ code: 'DAP_REMOVED', rules: ['REVOKE-ROLES-REMOVED'], message: "The customer removed this partner's delegated administration." });
    grantDap(world, 'b', 'c1');
    expect(act(world, 'a-admin', { type: 'signIn', tenantId: C1 })).toMatchObject({ code: 'DAP_REMOVED', rules: ['REVOKE-ROLES-REMOVED', 'GRANT-MULTI-PARTNER'] });
    expectAllowed(act(world, 'b-admin', { type: 'giveUpDap', customerId: C1 }));
    expect(act(world, 'b-admin', { type: 'signIn', tenantId: C1 })).toMatchObject({ code: 'DAP_REMOVED', rules: ['REVOKE-ROLES-REMOVED', 'REVOKE-BY-PARTNER', 'GRANT-MULTI-PARTNER'] });
  });

  it('REVOKE-REGRANT: a grant in force names why it is in force: a re-grant, other partners, a membership change', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    expect(act(world, 'a-helpdesk', { type: 'signIn', tenantId: C1 }).rules).toEqual(['GRANT-SIGNIN', 'GRANT-HELPDESK-HELPDESKADMIN', 'GRANT-LIMITED-ADMIN-TASKS']);
    removeDapAsCustomer(world, 'c1', A);
    grantDap(world, 'a', 'c1');
    expect(act(world, 'a-helpdesk', { type: 'signIn', tenantId: C1 }).rules).toEqual(['GRANT-SIGNIN', 'GRANT-HELPDESK-HELPDESKADMIN', 'GRANT-LIMITED-ADMIN-TASKS', 'REVOKE-REGRANT']);
    grantDap(world, 'b', 'c1');
    expect(act(world, 'a-helpdesk', { type: 'signIn', tenantId: C1 }).rules).toEqual(['GRANT-SIGNIN', 'GRANT-HELPDESK-HELPDESKADMIN', 'GRANT-LIMITED-ADMIN-TASKS', 'REVOKE-REGRANT', 'GRANT-MULTI-PARTNER']);
    expect(act(world, 'b-admin', { type: 'signIn', tenantId: C1 }).rules).toEqual(['GRANT-SIGNIN', 'GRANT-ADMINAGENTS-GLOBAL', 'GRANT-FULL-ADMIN-TASKS', 'GRANT-MULTI-PARTNER']);
    expectAllowed(act(world, 'b-ga', { type: 'addAgentGroupMember', group: 'HelpdeskAgents', userId: 'b-plain' }));
    expect(act(world, 'b-plain', { type: 'signIn', tenantId: C1 }).rules).toEqual(['GRANT-SIGNIN', 'GRANT-HELPDESK-HELPDESKADMIN', 'GRANT-LIMITED-ADMIN-TASKS', 'GRANT-MULTI-PARTNER', 'AGENT-MEMBERSHIP-LIVE']);
    // An Admin agent also in HelpdeskAgents acts with both implicit roles.
    expectAllowed(act(world, 'b-ga', { type: 'addAgentGroupMember', group: 'HelpdeskAgents', userId: 'b-admin' }));
    expect(act(world, 'b-admin', { type: 'signIn', tenantId: C1 })).toMatchObject({ effects: [{ type: 'signedIn', roleTemplateIds: [ROLE_TEMPLATE.GlobalAdministrator, ROLE_TEMPLATE.HelpdeskAdministrator] }] });
  });

  it('GRANT-LIMITED-ADMIN-TASKS: a customer user holds a role through a group in its own tenant', () => {
    const world = baseWorld();
    must(setup.addGroup(world, { id: 'g-pw', tenantId: C1, displayName: 'Password desk', members: ['c1-user'] }));
    must(setup.assignDirectoryRole(world, { tenantId: C1, role: ROLE_TEMPLATE.PasswordAdministrator, principalId: 'g-pw' }));
    must(setup.addUser(world, { id: 'c1-plain2', tenantId: C1 }));
    expect(act(world, 'c1-user', { type: 'resetPassword', tenantId: C1, userId: 'c1-plain2' })).toMatchObject({ outcome: 'allowed', rules: ['GRANT-LIMITED-ADMIN-TASKS'] });
    expect(act(world, 'c1-user', { type: 'signIn', tenantId: C1 })).toMatchObject({ effects: [{ type: 'signedIn', roleTemplateIds: [ROLE_TEMPLATE.PasswordAdministrator] }] });
  });
});

describe('DAP removal, exactly', () => {
  it('REVOKE-CONFIRM: each step’s effect, and the confirmation’s rules for a DAP-only partner among others', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    grantDap(world, 'b', 'c1');
    expect(act(world, 'c1-ga', { type: 'selectPartnerForRemoval', partnerId: A })).toEqual({ outcome: 'allowed', result: undefined, rules: ['REVOKE-CONFIRM'], effects: [{ type: 'removal.partnerSelected', partnerId: A }] });
    expect(act(world, 'c1-ga', { type: 'chooseRemoveDelegatedAdmin' })).toEqual({ outcome: 'allowed', result: undefined, rules: ['REVOKE-CONFIRM'], effects: [{ type: 'removal.removeChosen', partnerId: A }] });
    expect(act(world, 'c1-ga', { type: 'confirmRemoveDelegatedAdmin' })).toEqual({ outcome: 'allowed', result: undefined, rules: ['CONSENT-BY-GLOBAL-ADMIN', 'REVOKE-CONFIRM', 'REVOKE-ROLES-REMOVED', 'REVOKE-NO-SERVICE-REQUESTS', 'GRANT-MULTI-PARTNER'], effects: [{ type: 'relationship.dapRemoved', partnerId: A, customerId: C1 }] });
    expect(historyOf(world.relationship(A, C1)!).at(-1)).toMatchObject({ type: 'dap-removed', via: 'customer-removal', by: 'c1-ga' });
    expect(world.customer(C1)!.removal).toBeUndefined();
  });

  it('REVOKE-CONFIRM: a step out of order says which step comes first; a partner without DAP cannot be removed', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1', false);
    expect(act(world, 'c1-ga', { type: 'chooseRemoveDelegatedAdmin' })).toMatchObject({ code: 'REMOVAL_STEP_OUT_OF_ORDER', rules: ['REVOKE-CONFIRM'], message: "DAP removal is three steps in order: select the partner, choose 'Remove delegated admin', confirm 'Remove'. Select the partner first." });
    expect(act(world, 'c1-ga', { type: 'confirmRemoveDelegatedAdmin' })).toMatchObject({ code: 'REMOVAL_STEP_OUT_OF_ORDER', message: "DAP removal is three steps in order: select the partner, choose 'Remove delegated admin', confirm 'Remove'. Choose 'Remove delegated admin' first." });
    expect(act(world, 'c1-ga', { type: 'selectPartnerForRemoval', partnerId: B })).toMatchObject({ code: 'NO_RELATIONSHIP', rules: ['LIST-PARTNER-RELATIONSHIPS'], message: 'The customer is not in this partner’s customer list. "Fabrikam Partners" is not on the Partner relationships page of "Northwind Traders".' });
    expectAllowed(act(world, 'c1-ga', { type: 'selectPartnerForRemoval', partnerId: A }));
    expect(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'chooseRemoveDelegatedAdmin' }))).toMatchObject({ code: 'DAP_NOT_HELD', rules: ['LIST-PARTNER-RELATIONSHIPS', 'REVOKE-CONFIRM'] });
    expect(act(world, 'c1-ga', { type: 'cancelRemoveDelegatedAdmin' })).toEqual({ outcome: 'allowed', result: undefined, rules: ['REVOKE-CONFIRM'], effects: [{ type: 'removal.cancelled', partnerId: A }] });
    expect(act(world, 'c1-ga', { type: 'cancelRemoveDelegatedAdmin' })).toMatchObject({ outcome: 'invalid', code: 'NO_REMOVAL_IN_PROGRESS', path: '/customerId', message: 'No DAP removal is in progress for this customer.' });
  });

  it('LIST-PAGE-GLOBAL-ADMIN: every removal step is for the customer’s Global admin, and names who was refused', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    for (const type of ['selectPartnerForRemoval', 'chooseRemoveDelegatedAdmin', 'confirmRemoveDelegatedAdmin', 'cancelRemoveDelegatedAdmin']) {
      expect(expectUnchanged(world, () => act(world, 'c1-useradmin', { type, partnerId: A, customerId: C1 } as never)), type).toMatchObject({ code: 'NOT_CUSTOMER_GLOBAL_ADMIN', rules: ['LIST-PAGE-GLOBAL-ADMIN', 'CONSENT-BY-GLOBAL-ADMIN'], message: `Only a Global admin of the customer tenant may do this. "${upn(world, C1, 'useradmin')}" is not a Global admin of "Northwind Traders".` });
    }
  });

  it('REVOKE-BY-PARTNER: the partner gives DAP up: exact rules for a reseller, and who may', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1', true);
    expect(act(world, 'a-admin', { type: 'giveUpDap', customerId: C1 })).toEqual({ outcome: 'allowed', result: undefined, rules: ['REVOKE-BY-PARTNER', 'REVOKE-ROLES-REMOVED', 'REVOKE-NO-SERVICE-REQUESTS', 'REVOKE-KEEPS-RESELLER'], effects: [{ type: 'relationship.dapRemoved', partnerId: A, customerId: C1 }] });
    expect(world.relationship(A, C1)).toMatchObject({ dap: false, reseller: true, removals: 1, lastRemovedVia: 'partner-gave-up' });
    expect(act(world, 'a-admin', { type: 'giveUpDap', customerId: C1 })).toMatchObject({ code: 'DAP_NOT_HELD', rules: ['REVOKE-BY-PARTNER'] });
    expect(act(world, 'a-helpdesk', { type: 'giveUpDap', customerId: C1 })).toMatchObject({ code: 'NOT_ADMIN_AGENT', rules: ['REVOKE-BY-PARTNER'], message: `Only an Admin agent of the partner may do this. "${upn(world, A, 'helpdesk')}" is not in AdminAgents.` });
    expect(act(world, 'c1-ga', { type: 'giveUpDap', customerId: C1 })).toMatchObject({ outcome: 'invalid', code: 'NOT_A_PARTNER_USER', path: '/actor', message: 'The actor is a customer user where a partner user is needed. Only the partner gives up its own DAP.' });
  });
});

describe('agent groups and the offer switch, exactly', () => {
  it('AGENT-GROUPS: adding and removing a member, with its effect; the same change twice is invalid, saying so', () => {
    const world = baseWorld();
    expect(act(world, 'a-ga', { type: 'addAgentGroupMember', group: 'SalesAgents', userId: 'a-plain' })).toEqual({ outcome: 'allowed', result: undefined, rules: ['AGENT-GROUPS', 'AGENT-MEMBERSHIP-LIVE'], effects: [{ type: 'agentGroup.memberAdded', group: 'SalesAgents', userId: 'a-plain' }] });
    expect(world.membershipChanges.has(`${A}/a-plain`)).toBe(true);
    expect(act(world, 'a-ga', { type: 'addAgentGroupMember', group: 'SalesAgents', userId: 'a-plain' })).toMatchObject({ outcome: 'invalid', code: 'ALREADY_EXISTS', path: '/userId', message: 'An object with this id or unique name already exists. Already in SalesAgents.' });
    expect(act(world, 'a-ga', { type: 'removeAgentGroupMember', group: 'SalesAgents', userId: 'a-plain' })).toEqual({ outcome: 'allowed', result: undefined, rules: ['AGENT-GROUPS', 'AGENT-MEMBERSHIP-LIVE'], effects: [{ type: 'agentGroup.memberRemoved', group: 'SalesAgents', userId: 'a-plain' }] });
    expect(act(world, 'a-ga', { type: 'removeAgentGroupMember', group: 'SalesAgents', userId: 'a-plain' })).toMatchObject({ outcome: 'invalid', code: 'UNKNOWN_USER', path: '/userId', message: 'No user has this id in the tenant. Not in SalesAgents.' });
    expect(act(world, 'c1-ga', { type: 'addAgentGroupMember', group: 'SalesAgents', userId: 'c1-user' })).toMatchObject({ outcome: 'invalid', code: 'NOT_A_PARTNER_USER', path: '/actor', message: 'The actor is a customer user where a partner user is needed. Agent groups live in the partner tenant.' });
    expect(act(world, 'a-admin', { type: 'addAgentGroupMember', group: 'SalesAgents', userId: 'a-plain' })).toMatchObject({ outcome: 'refused', code: 'NOT_PARTNER_GLOBAL_ADMIN', rules: ['AGENT-GROUPS'], message: `Only a Global Administrator of the partner tenant manages its users and agent groups. "${upn(world, A, 'admin')}" is not a Global Administrator of "Contoso Partners".` });
  });

  it('AGENT-OFFER-CREATORS: the switch is set with its effect, by the partner’s Global Administrator only', () => {
    const world = baseWorld();
    expect(act(world, 'a-ga', { type: 'setOfferSwitch', userId: 'a-plain', on: true })).toEqual({ outcome: 'allowed', result: undefined, rules: ['AGENT-OFFER-CREATORS'], effects: [{ type: 'offerSwitch.set', userId: 'a-plain', on: true }] });
    expect(world.users.get('a-plain')!.offerSwitch).toBe(true);
    expect(act(world, 'c1-ga', { type: 'setOfferSwitch', userId: 'c1-user', on: true })).toMatchObject({ outcome: 'invalid', code: 'NOT_A_PARTNER_USER', message: 'The actor is a customer user where a partner user is needed. The switch is a partner user setting.' });
    expect(act(world, 'a-admin', { type: 'setOfferSwitch', userId: 'a-plain', on: false })).toMatchObject({ outcome: 'refused', code: 'NOT_PARTNER_GLOBAL_ADMIN', rules: ['AGENT-OFFER-CREATORS'] });
  });
});

describe('service requests, exactly', () => {
  it('SCOPE-SERVICE-REQUESTS: opened under DAP with a derived or named id; each refusal names its rules', () => {
    const world = baseWorld();
    const twin = baseWorld();
    grantDap(world, 'a', 'c1');
    grantDap(twin, 'a', 'c1');
    const d = act(world, 'a-helpdesk', { type: 'openServiceRequest', customerId: C1, title: 'Mail flow' }, { now: '2026-06-01T00:00:00.000Z' });
    const id = twin.nextId('serviceRequest');
    expect(d).toEqual({ outcome: 'allowed', result: undefined, rules: ['SCOPE-SERVICE-REQUESTS'], effects: [{ type: 'serviceRequest.opened', serviceRequestId: id }] });
    expect(world.serviceRequests.get(id)).toEqual({ id, customerId: C1, partnerId: A, openedBy: 'a-helpdesk', title: 'Mail flow', at: '2026-06-01T00:00:00.000Z' });
    expect(world.customer(C1)!.serviceRequestIds).toEqual([id]);
    expectAllowed(act(world, 'a-admin', { type: 'openServiceRequest', customerId: C1, title: 'Again', serviceRequestId: 'sr-1' }));
    expect(expectUnchanged(world, () => act(world, 'a-admin', { type: 'openServiceRequest', customerId: C1, title: 'Again', serviceRequestId: 'sr-1' }))).toMatchObject({ code: 'ALREADY_EXISTS', path: '/serviceRequestId', message: 'An object with this id or unique name already exists. "sr-1"' });
    expect(expectUnchanged(world, () => act(world, 'a-admin', { type: 'openServiceRequest', customerId: C1, title: 'Again', serviceRequestId: '' }))).toMatchObject({ code: 'MALFORMED', path: '/serviceRequestId' });
    expect(act(world, 'a-sales', { type: 'openServiceRequest', customerId: C1, title: 'T' })).toMatchObject({ code: 'NOT_AN_AGENT', rules: ['AGENT-GROUPS', 'SCOPE-SERVICE-REQUESTS'], message: `The partner user is in neither AdminAgents nor HelpdeskAgents. "${upn(world, A, 'sales')}" must be in AdminAgents or HelpdeskAgents.` });
    expect(act(world, 'a-admin', { type: 'openServiceRequest', customerId: C2, title: 'T' })).toMatchObject({ code: 'NO_DAP', rules: ['SCOPE-SERVICE-REQUESTS'] });
    expect(act(world, 'c1-ga', { type: 'openServiceRequest', customerId: C1, title: 'T' })).toMatchObject({ outcome: 'invalid', code: 'NOT_A_PARTNER_USER', message: 'The actor is a customer user where a partner user is needed. Service requests on a customer’s behalf are opened by its partner.' });
  });

  it('REVOKE-NO-SERVICE-REQUESTS: after a removal the partner is refused until DAP is granted again, which then names the re-grant', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    removeDapAsCustomer(world, 'c1', A);
    expect(act(world, 'a-admin', { type: 'openServiceRequest', customerId: C1, title: 'T' })).toMatchObject({ code: 'DAP_REMOVED', rules: ['SCOPE-SERVICE-REQUESTS', 'REVOKE-NO-SERVICE-REQUESTS'], message: "The customer removed this partner's delegated administration. Ask the customer to grant delegated administration again." });
    grantDap(world, 'a', 'c1');
    expect(act(world, 'a-admin', { type: 'openServiceRequest', customerId: C1, title: 'T' }).rules).toEqual(['SCOPE-SERVICE-REQUESTS', 'REVOKE-NO-SERVICE-REQUESTS', 'REVOKE-REGRANT']);
  });

  it('SCOPE-SOVEREIGN-CLOUD: a service request across clouds is refused before anything else', () => {
    const world = baseWorld({ customer1Cloud: 'china-21vianet' });
    expect(act(world, 'a-admin', { type: 'openServiceRequest', customerId: C1, title: 'T' })).toMatchObject({ outcome: 'refused', code: 'CLOUD_MISMATCH', rules: ['SCOPE-SOVEREIGN-CLOUD', 'SCOPE-SERVICE-REQUESTS'], message: 'The partner and the customer are in different clouds.' });
  });
});

describe('relationships, exactly', () => {
  it('RESELLER-CUSTOMER-LISTED: accepting a reseller request again establishes nothing new: only the mail', () => {
    const world = baseWorld();
    const requestId = createdId(act(world, 'a-admin', { type: 'createResellerRequest', withDap: false }), 'requestId');
    expect(act(world, 'c1-ga', { type: 'acceptResellerRequest', requestId })).toMatchObject({ effects: [{ type: 'relationship.resellerEstablished', partnerId: A, customerId: C1 }, { type: 'mail.sent' }] });
    const again = act(world, 'c1-ga', { type: 'acceptResellerRequest', requestId });
    expect(again).toMatchObject({ outcome: 'allowed', effects: [{ type: 'mail.sent' }] });
    expect((again as { effects: readonly unknown[] }).effects).toHaveLength(1);
    expect(historyOf(world.relationship(A, C1)!)).toEqual([expect.objectContaining({ type: 'reseller-established', via: 'reseller-request', by: 'c1-ga' })]);
    expect(world.customer(C1)!.partnerCount).toBe(1);
  });
});

describe('the action context', () => {
  it('CONSENT-NOTIFY: an action runs at the time it is given, else the world’s; ids come from the caller’s source when it gives one', () => {
    const world = baseWorld();
    const offerId = createdId(act(world, 'a-admin', { type: 'createOffer' }, { newId: (kind) => `mine-${kind}` }), 'offerId');
    expect(offerId).toBe('mine-offer');
    expectAllowed(act(world, 'c1-ga', { type: 'acceptOffer', offerId }));
    expect(world.partner(A)!.mailbox[0]!.at).toBe(world.now);
    expectAllowed(act(world, 'c2-ga', { type: 'acceptOffer', offerId }, { now: '2026-07-01T00:00:00.000Z' }));
    expect(world.partner(A)!.mailbox[1]!.at).toBe('2026-07-01T00:00:00.000Z');
    expect(world.now).toBe('2026-07-01T00:00:00.000Z');
  });

  it('AUTOPILOT-PROFILES-WITHOUT-DAP: without a profile given, the current rules apply', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1', false);
    expect(act(world, 'a-admin', { type: 'createAutopilotProfile', customerId: C1, name: 'P' }).rules).toContain('AUTOPILOT-PROFILES-WITHOUT-DAP');
  });
});
