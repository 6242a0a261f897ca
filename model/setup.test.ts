import { describe, expect, it } from 'vitest';
import { AZURE_ROLE, ROLE_TEMPLATE, setup, snapshot, query, type Invalid, type World } from './index.ts';
import { A, B, C1, C2, baseWorld, must } from '../test/fixture.ts';

type Op = (w: World) => string | Invalid;

/** Each bad set-up operation: the typed error it must give, where, and that the world is unchanged. */
const BAD: readonly [string, Op, string, string][] = [
  ['addPartner: a taken id', (w) => setup.addPartner(w, { id: A, name: 'Again' }), 'ALREADY_EXISTS', '/id'],
  ['addPartner: an unknown cloud', (w) => setup.addPartner(w, { id: 'p-x', name: 'X', cloud: 'mars' as never }), 'MALFORMED', '/cloud'],
  ['addPartner: a domain another tenant holds', (w) => setup.addPartner(w, { id: 'p-x', name: 'X', defaultDomain: w.tenant(C1)!.defaultDomain }), 'DOMAIN_TAKEN', '/defaultDomain'],
  ['addPartner: an agent group id already used', (w) => setup.addPartner(w, { id: 'p-x', name: 'X', agentGroupIds: { AdminAgents: w.partner(A)!.agentGroups.AdminAgents } }), 'ALREADY_EXISTS', '/agentGroupIds/AdminAgents'],
  ['addCustomer: a taken id', (w) => setup.addCustomer(w, { id: C1, name: 'Again' }), 'ALREADY_EXISTS', '/id'],
  ['addCustomer: an unknown cloud', (w) => setup.addCustomer(w, { id: 'c-x', name: 'X', cloud: 'moon' as never }), 'MALFORMED', '/cloud'],
  ['addCustomer: a domain listed twice', (w) => setup.addCustomer(w, { id: 'c-x', name: 'X', defaultDomain: 'x.example', domains: ['y.example', 'y.example'] }), 'DOMAIN_TAKEN', '/domains/1'],
  ['addCustomer: a domain another tenant holds', (w) => setup.addCustomer(w, { id: 'c-x', name: 'X', domains: [w.tenant(C2)!.defaultDomain] }), 'DOMAIN_TAKEN', '/domains/0'],
  ['addUser: an unknown tenant', (w) => setup.addUser(w, { id: 'u-x', tenantId: 'nowhere' }), 'UNKNOWN_TENANT', '/tenantId'],
  ['addUser: a taken id', (w) => setup.addUser(w, { id: 'c1-ga', tenantId: C1 }), 'ALREADY_EXISTS', '/id'],
  ['addUser: a UPN on a domain the tenant does not hold', (w) => setup.addUser(w, { id: 'u-x', tenantId: C1, userPrincipalName: 'x@elsewhere.example' }), 'UPN_DOMAIN_UNVERIFIED', '/userPrincipalName'],
  ['addUser: a UPN already used', (w) => setup.addUser(w, { id: 'u-x', tenantId: C1, userPrincipalName: w.users.get('c1-ga')!.userPrincipalName }), 'UPN_TAKEN', '/userPrincipalName'],
  ['addGroup: an unknown tenant', (w) => setup.addGroup(w, { id: 'g-x', tenantId: 'nowhere', displayName: 'G' }), 'UNKNOWN_TENANT', '/tenantId'],
  ['addGroup: a member of another tenant', (w) => setup.addGroup(w, { id: 'g-x', tenantId: C1, displayName: 'G', members: ['c1-user', 'c2-user'] }), 'UNKNOWN_USER', '/members/1'],
  ['addAgent: an unknown user', (w) => setup.addAgent(w, { userId: 'nobody', group: 'AdminAgents' }), 'UNKNOWN_USER', '/userId'],
  ['addAgent: a customer user', (w) => setup.addAgent(w, { userId: 'c1-user', group: 'AdminAgents' }), 'NOT_A_PARTNER_USER', '/userId'],
  ['addAgent: not an agent group', (w) => setup.addAgent(w, { userId: 'a-plain', group: 'Everyone' as never }), 'NOT_AN_AGENT_GROUP', '/group'],
  ['assignDirectoryRole: an unknown tenant', (w) => setup.assignDirectoryRole(w, { tenantId: 'nowhere', role: ROLE_TEMPLATE.GlobalAdministrator, principalId: 'c1-user' }), 'UNKNOWN_TENANT', '/tenantId'],
  ['assignDirectoryRole: an unknown role', (w) => setup.assignDirectoryRole(w, { tenantId: C1, role: 'Chief Wizard', principalId: 'c1-user' }), 'UNKNOWN_ROLE', '/role'],
  ['assignDirectoryRole: an unknown principal', (w) => setup.assignDirectoryRole(w, { tenantId: C1, role: ROLE_TEMPLATE.GlobalAdministrator, principalId: 'nobody' }), 'UNKNOWN_PRINCIPAL', '/principalId'],
  ['assignDirectoryRole: a partner user as an explicit member', (w) => setup.assignDirectoryRole(w, { tenantId: C1, role: ROLE_TEMPLATE.GlobalAdministrator, principalId: 'a-admin' }), 'FOREIGN_PRINCIPAL', '/principalId'],
  ['setDirectoryRoleId: an unknown tenant', (w) => setup.setDirectoryRoleId(w, { tenantId: 'nowhere', roleTemplateId: ROLE_TEMPLATE.GlobalAdministrator, roleId: 'r-1' }), 'UNKNOWN_TENANT', '/tenantId'],
  ['setDirectoryRoleId: an unknown template', (w) => setup.setDirectoryRoleId(w, { tenantId: C1, roleTemplateId: 'not-a-template', roleId: 'r-1' }), 'UNKNOWN_ROLE', '/roleTemplateId'],
  ['relate: a customer where a partner is needed', (w) => setup.relate(w, { partnerId: C2, customerId: C1 }), 'NOT_A_PARTNER', '/partnerId'],
  ['relate: an unknown partner', (w) => setup.relate(w, { partnerId: 'nowhere', customerId: C1 }), 'UNKNOWN_TENANT', '/partnerId'],
  ['relate: a partner where a customer is needed', (w) => setup.relate(w, { partnerId: A, customerId: B }), 'NOT_A_CUSTOMER', '/customerId'],
  ['relate: an unknown customer', (w) => setup.relate(w, { partnerId: A, customerId: 'nowhere' }), 'UNKNOWN_TENANT', '/customerId'],
  ['relate: neither reseller nor DAP', (w) => setup.relate(w, { partnerId: A, customerId: C1, reseller: false, dap: false }), 'MALFORMED', '/reseller'],
  ['setOfferSwitch: an unknown user', (w) => setup.setOfferSwitch(w, { userId: 'nobody', on: true }), 'UNKNOWN_USER', '/userId'],
  ['setOfferSwitch: a customer user', (w) => setup.setOfferSwitch(w, { userId: 'c1-user', on: true }), 'NOT_A_PARTNER_USER', '/userId'],
  ['addOffer: an unknown partner', (w) => setup.addOffer(w, { id: 'o-x', partnerId: C1 }), 'UNKNOWN_TENANT', '/partnerId'],
  ['addOffer: an unknown kind', (w) => setup.addOffer(w, { id: 'o-x', partnerId: A, kind: 'coupon' as never }), 'MALFORMED', '/kind'],
  ['addSubscription: an empty id', (w) => setup.addSubscription(w, { id: '', customerId: C1 }), 'MALFORMED', '/id'],
  ['addSubscription: not a customer', (w) => setup.addSubscription(w, { id: 's-x', customerId: A }), 'UNKNOWN_TENANT', '/customerId'],
  ['addSubscription: provisioned by a customer', (w) => setup.addSubscription(w, { id: 's-x', customerId: C1, provisionedBy: C2 }), 'UNKNOWN_TENANT', '/provisionedBy'],
  ['addSubscription: owned by another tenant\'s user', (w) => setup.addSubscription(w, { id: 's-x', customerId: C1, ownerId: 'c2-ga' }), 'UNKNOWN_USER', '/ownerId'],
  ['addSubscription: provisioned and owned by a user at once', (w) => setup.addSubscription(w, { id: 's-x', customerId: C1, provisionedBy: A, ownerId: 'c1-ga' }), 'MALFORMED', '/ownerId'],
  ['addRoleAssignment: an unknown subscription', (w) => setup.addRoleAssignment(w, { id: 'ra-x', subscriptionId: 'nowhere', roleDefinitionId: AZURE_ROLE.Reader, principalId: 'c1-user' }), 'UNKNOWN_SUBSCRIPTION', '/subscriptionId'],
  ['addDevice: not a customer', (w) => setup.addDevice(w, { id: 'd-x', customerId: A, serialNumber: 'SN-X', source: 'intune' }), 'UNKNOWN_TENANT', '/customerId'],
  ['addDevice: an unknown source', (w) => setup.addDevice(w, { id: 'd-x', customerId: C1, serialNumber: 'SN-X', source: 'garage' as never }), 'MALFORMED', '/source'],
  ['addDevice: a partner-added device naming no partner', (w) => setup.addDevice(w, { id: 'd-x', customerId: C1, serialNumber: 'SN-X', source: 'partner' }), 'UNKNOWN_TENANT', '/addedByPartnerId'],
  ['addDevice: a customer-added device naming a partner', (w) => setup.addDevice(w, { id: 'd-x', customerId: C1, serialNumber: 'SN-X', source: 'intune', addedByPartnerId: A }), 'MALFORMED', '/addedByPartnerId'],
  ['addDevice: a profile of another customer', (w) => setup.addDevice(w, { id: 'd-x', customerId: C1, serialNumber: 'SN-X', source: 'intune', profileId: 'nowhere' }), 'UNKNOWN_PROFILE', '/profileId'],
  ['addAutopilotProfile: not a customer', (w) => setup.addAutopilotProfile(w, { id: 'pr-x', customerId: B, name: 'P' }), 'UNKNOWN_TENANT', '/customerId'],
];

describe('set-up operations: a bad one is a typed error at its pointer, and changes nothing', () => {
  for (const [title, op, code, path] of BAD) {
    it(title, () => {
      const world = baseWorld();
      const before = JSON.stringify(snapshot(world));
      const r = op(world);
      expect(r).toMatchObject({ outcome: 'invalid', code, path });
      expect(JSON.stringify(snapshot(world))).toBe(before);
    });
  }

  it('ids, serial numbers and the one delegated-admin offer are unique', () => {
    const world = baseWorld();
    must(setup.addSubscription(world, { id: 's-1', customerId: C1, provisionedBy: A, ownerAssignmentId: 'ra-1' }));
    expect(setup.addSubscription(world, { id: 's-1', customerId: C1 })).toMatchObject({ code: 'ALREADY_EXISTS', path: '/id' });
    expect(setup.addSubscription(world, { id: 's-2', customerId: C1, provisionedBy: A, ownerAssignmentId: 'ra-1' })).toMatchObject({ code: 'ALREADY_EXISTS', path: '/ownerAssignmentId' });
    expect(setup.addRoleAssignment(world, { id: 'ra-1', subscriptionId: 's-1', roleDefinitionId: AZURE_ROLE.Reader, principalId: 'c1-user' })).toMatchObject({ code: 'ALREADY_EXISTS', path: '/id' });
    expect(setup.addRoleAssignment(world, { id: 'ra-2', subscriptionId: 's-1', roleDefinitionId: 'not-a-role', principalId: 'c1-user' })).toMatchObject({ code: 'UNKNOWN_ROLE_DEFINITION', path: '/roleDefinitionId' });
    expect(setup.addRoleAssignment(world, { id: 'ra-2', subscriptionId: 's-1', roleDefinitionId: AZURE_ROLE.Reader, principalId: 'nobody' })).toMatchObject({ code: 'UNKNOWN_PRINCIPAL', path: '/principalId' });
    expect(setup.addRoleAssignment(world, { id: 'ra-2', subscriptionId: 's-1', roleDefinitionId: AZURE_ROLE.Reader, principalId: 'c2-user' })).toMatchObject({ code: 'FOREIGN_PRINCIPAL', path: '/principalId' });
    must(setup.addDevice(world, { id: 'd-1', customerId: C1, serialNumber: 'sn-1', source: 'partner', addedByPartnerId: A }));
    expect(setup.addDevice(world, { id: 'd-1', customerId: C1, serialNumber: 'SN-2', source: 'intune' })).toMatchObject({ code: 'ALREADY_EXISTS', path: '/id' });
    expect(setup.addDevice(world, { id: 'd-2', customerId: C2, serialNumber: 'SN-1', source: 'intune' })).toMatchObject({ code: 'DEVICE_REGISTERED', path: '/serialNumber' });
    must(setup.addAutopilotProfile(world, { id: 'pr-1', customerId: C1, name: 'P' }));
    expect(setup.addAutopilotProfile(world, { id: 'pr-1', customerId: C1, name: 'P' })).toMatchObject({ code: 'ALREADY_EXISTS', path: '/id' });
    must(setup.addOffer(world, { id: 'o-1', partnerId: A }));
    expect(setup.addOffer(world, { id: 'o-1', partnerId: B })).toMatchObject({ code: 'ALREADY_EXISTS', path: '/id' });
    expect(setup.addOffer(world, { id: 'o-2', partnerId: A })).toMatchObject({ code: 'ALREADY_EXISTS', path: '/kind' });
    expect(setup.addOffer(world, { id: 'o-3', partnerId: A, kind: 'trial-invitation' })).toBe('o-3');
  });

  it('a good world: what each operation sets up is what the queries then show', () => {
    const world = baseWorld();
    must(setup.relate(world, { partnerId: A, customerId: C1, reseller: true, dap: true }));
    const page = query(world, 'c1-ga', { type: 'partnerRelationships' });
    expect(page).toMatchObject({ outcome: 'allowed', result: [{ partnerId: A, reseller: true, delegatedAdmin: true }] });
    must(setup.addSubscription(world, { id: 's-1', customerId: C1, provisionedBy: A, ownerAssignmentId: 'ra-1' }));
    expect(world.roleAssignments.get('ra-1')).toMatchObject({ principalId: world.partner(A)!.agentGroups.AdminAgents, principalType: 'ForeignGroup', roleDefinitionId: AZURE_ROLE.Owner });
    must(setup.addSubscription(world, { id: 's-2', customerId: C1, ownerId: 'c1-ga', ownerAssignmentId: 'ra-2' }));
    expect(world.roleAssignments.get('ra-2')).toMatchObject({ principalId: 'c1-ga', principalType: 'User' });
    must(setup.addGroup(world, { id: 'g-1', tenantId: C1, displayName: 'Staff', members: ['c1-user'] }));
    must(setup.assignDirectoryRole(world, { tenantId: C1, role: ROLE_TEMPLATE.PasswordAdministrator, principalId: 'g-1' }));
    expect(query(world, 'c1-ga', { type: 'directoryRoleMembers', tenantId: C1, roleId: ROLE_TEMPLATE.PasswordAdministrator })).toMatchObject({ outcome: 'allowed', result: [{ id: 'g-1' }] });
    must(setup.setDirectoryRoleId(world, { tenantId: C1, roleTemplateId: ROLE_TEMPLATE.PasswordAdministrator, roleId: 'role-obj-1' }));
    expect(query(world, 'c1-ga', { type: 'directoryRoleMembers', tenantId: C1, roleId: 'role-obj-1' })).toMatchObject({ outcome: 'allowed', result: [{ id: 'g-1' }] });
    must(setup.setOfferSwitch(world, { userId: 'a-plain', on: true }));
    expect(world.users.get('a-plain')!.offerSwitch).toBe(true);
    must(setup.addAgent(world, { userId: 'a-plain', group: 'HelpdeskAgents' }));
    expect(world.inAgentGroup(world.partner(A)!, world.users.get('a-plain')!, 'HelpdeskAgents')).toBe(true);
  });
});
