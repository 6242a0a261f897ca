import { describe, expect, it } from 'vitest';
import { AZURE_ROLE, ROLE_TEMPLATE, World, deriveGuid, setup, snapshot, query, type Invalid } from './index.ts';
import { A, B, C1, C2, baseWorld, must } from '../test/fixture.ts';
import { historyOf } from './rules/relationships.ts';

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

describe('set-up operations: what each one builds, exactly', () => {
  it('defaultDomainFor: a slug of the name (letters and digits, at most 40) and of the id (at most 8), on the cloud’s domain', () => {
    expect(setup.defaultDomainFor('Contoso Partners', 'partner-a', 'global')).toBe('contosopartnerspartnera.onmicrosoft.com');
    expect(setup.defaultDomainFor('Contoso Partners', 'partner-a', 'china-21vianet')).toBe('contosopartnerspartnera.partner.onmschina.cn');
    expect(setup.defaultDomainFor('Ünïcode & Co!', 'C-1_X', 'global')).toBe('ncodecoc1x.onmicrosoft.com');
    expect(setup.defaultDomainFor('!!!', 'x', 'global')).toBe('tenantx.onmicrosoft.com');
    expect(setup.defaultDomainFor('A'.repeat(50), 'ABCDEFGHIJ', 'global')).toBe(`${'a'.repeat(40)}abcdefgh.onmicrosoft.com`);
  });

  it('addPartner: certified and global by default, its three agent groups derived from its id, its domain registered', () => {
    const world = new World();
    expect(setup.addPartner(world, { id: 'p-1', name: 'Woodgrove' })).toBe('p-1');
    const p = world.partner('p-1')!;
    const groups = { AdminAgents: deriveGuid('agentGroup', 'p-1', 'AdminAgents'), HelpdeskAgents: deriveGuid('agentGroup', 'p-1', 'HelpdeskAgents'), SalesAgents: deriveGuid('agentGroup', 'p-1', 'SalesAgents') };
    expect(p).toMatchObject({ id: 'p-1', kind: 'partner', name: 'Woodgrove', cloud: 'global', certifiedForDap: true, defaultDomain: 'woodgrovep1.onmicrosoft.com', domains: ['woodgrovep1.onmicrosoft.com'], agentGroups: groups, groupIds: Object.values(groups), delegatedAdminOfferId: undefined, resellerRequestIds: { withDap: undefined, withoutDap: undefined }, mailbox: [] });
    for (const kind of ['AdminAgents', 'HelpdeskAgents', 'SalesAgents'] as const) expect(world.groups.get(groups[kind])).toEqual({ id: groups[kind], tenantId: 'p-1', displayName: kind, agentKind: kind, members: new Set() });
    expect(world.tenantByDomain.get('woodgrovep1.onmicrosoft.com')).toBe('p-1');
    expect(world.seq).toBe(1);
    expect(setup.addPartner(world, { id: 'p-2', name: 'X', cloud: 'china-21vianet', certifiedForDap: false, defaultDomain: 'X.Example', agentGroupIds: { SalesAgents: 'sales-2' } })).toBe('p-2');
    expect(world.partner('p-2')).toMatchObject({ cloud: 'china-21vianet', certifiedForDap: false, defaultDomain: 'x.example', agentGroups: { SalesAgents: 'sales-2' } });
    expect(world.seq).toBe(2);
  });

  it('addPartner and addCustomer: bad ids, clouds and domains are invalid, saying why', () => {
    const world = baseWorld();
    expect(setup.addPartner(world, { id: '', name: 'X' })).toMatchObject({ code: 'MALFORMED', path: '/id', message: 'A parameter is missing or has the wrong type. Expected a non-empty id.' });
    expect(setup.addCustomer(world, { id: 5 as never, name: 'X' })).toMatchObject({ code: 'MALFORMED', path: '/id' });
    expect(setup.addPartner(world, { id: A, name: 'X' })).toMatchObject({ code: 'ALREADY_EXISTS', path: '/id', message: `An object with this id or unique name already exists. "${A}"` });
    expect(setup.addPartner(world, { id: 'p-x', name: 'X', cloud: 'mars' as never })).toMatchObject({ code: 'MALFORMED', path: '/cloud', message: 'A parameter is missing or has the wrong type. Expected one of global, china-21vianet.' });
    expect(setup.addCustomer(world, { id: 'c-x', name: 'X', cloud: 'moon' as never })).toMatchObject({ code: 'MALFORMED', path: '/cloud', message: 'A parameter is missing or has the wrong type. Expected one of global, china-21vianet.' });
    expect(setup.addPartner(world, { id: 'p-x', name: 'X', defaultDomain: 'not a domain' })).toMatchObject({ code: 'MALFORMED', path: '/defaultDomain', message: 'A parameter is missing or has the wrong type. "not a domain" is not a domain name.' });
    for (const bad of ['example', 'a.', '.a.example', 'a_b.example', 'a.example x']) expect(setup.addCustomer(world, { id: 'c-x', name: 'X', defaultDomain: bad }), bad).toMatchObject({ code: 'MALFORMED', path: '/defaultDomain' });
    expect(setup.addCustomer(world, { id: 'c-x', name: 'X', defaultDomain: world.tenant(C1)!.defaultDomain.toUpperCase() })).toMatchObject({ code: 'DOMAIN_TAKEN', path: '/defaultDomain', message: `The domain is already verified in a tenant. "${world.tenant(C1)!.defaultDomain}"` });
    expect(setup.addCustomer(world, { id: 'c-x', name: 'X', defaultDomain: 'x.example', domains: ['Y.example', 'bad domain'] })).toMatchObject({ code: 'MALFORMED', path: '/domains/1' });
    expect(setup.addCustomer(world, { id: 'c-x', name: 'X', defaultDomain: 'x.example', domains: ['X.Example'] })).toMatchObject({ code: 'DOMAIN_TAKEN', path: '/domains/0', message: 'The domain is already verified in a tenant. Listed twice.' });
    expect(setup.addPartner(world, { id: 'p-x', name: 'X', agentGroupIds: { HelpdeskAgents: '' } })).toMatchObject({ code: 'MALFORMED', path: '/agentGroupIds/HelpdeskAgents' });
    expect(setup.addPartner(world, { id: 'p-x', name: 'X', agentGroupIds: { SalesAgents: 'c1-user' } })).toMatchObject({ code: 'ALREADY_EXISTS', path: '/agentGroupIds/SalesAgents' });
    expect(world.tenants.has('p-x') || world.tenants.has('c-x')).toBe(false);
  });

  it('addCustomer: global by default, its domains lower-cased and registered, no partners yet', () => {
    const world = new World();
    expect(setup.addCustomer(world, { id: 'c-1', name: 'Litware', defaultDomain: 'Litware.Example', domains: ['Mail.Litware.Example'] })).toBe('c-1');
    expect(world.customer('c-1')).toMatchObject({ id: 'c-1', kind: 'customer', name: 'Litware', cloud: 'global', defaultDomain: 'litware.example', domains: ['litware.example', 'mail.litware.example'], partnerCount: 0, removal: undefined, subscriptionIds: [], deviceIds: [], profileIds: [], serviceRequestIds: [], commerceSubscriptionIds: [], groupIds: [] });
    expect(world.tenantByDomain.get('mail.litware.example')).toBe('c-1');
    expect(world.seq).toBe(1);
    expect(setup.addCustomer(world, { id: 'c-2', name: 'Adatum', cloud: 'china-21vianet' })).toBe('c-2');
    expect(world.customer('c-2')).toMatchObject({ cloud: 'china-21vianet', defaultDomain: 'adatumc2.partner.onmschina.cn', domains: ['adatumc2.partner.onmschina.cn'] });
  });

  it('addUser: a UPN and display name by default, no offer switch unless asked, and a bad UPN says what it must be', () => {
    const world = baseWorld();
    const d = world.tenant(C1)!.defaultDomain;
    const seq = world.seq;
    expect(setup.addUser(world, { id: 'u-1', tenantId: C1 })).toBe('u-1');
    expect(world.users.get('u-1')).toMatchObject({ id: 'u-1', tenantId: C1, userPrincipalName: `user5@${d}`, displayName: 'user5', offerSwitch: false, roleMask: 0, agentMask: 0, passwordVersion: 0 });
    expect(world.seq).toBe(seq + 1);
    expect(setup.addUser(world, { id: 'u-2', tenantId: A, userPrincipalName: `pat@${world.tenant(A)!.defaultDomain}`, displayName: 'Pat P', offerSwitch: true })).toBe('u-2');
    expect(world.users.get('u-2')).toMatchObject({ displayName: 'Pat P', offerSwitch: true });
    expect(setup.addUser(world, { id: 'u-3', tenantId: 'nowhere' })).toMatchObject({ code: 'UNKNOWN_TENANT', path: '/tenantId', message: 'No tenant has this id. "nowhere"' });
    expect(setup.addUser(world, { id: 'u-3', tenantId: C1, userPrincipalName: 'x@elsewhere.example' })).toMatchObject({ code: 'UPN_DOMAIN_UNVERIFIED', path: '/userPrincipalName', message: `The user principal name's domain is not verified in the tenant. "x@elsewhere.example" must be alias@domain, unused, on one of ${d}.` });
    expect(setup.addUser(world, { id: 'u-3', tenantId: C1, userPrincipalName: 'no-at-sign' })).toMatchObject({ code: 'MALFORMED', path: '/userPrincipalName' });
    expect(setup.addUser(world, { id: 'g-taken', tenantId: C1 })).toBe('g-taken');
    must(setup.addGroup(world, { id: 'g-1', tenantId: C1, displayName: 'G' }));
    expect(setup.addUser(world, { id: 'g-1', tenantId: C1 })).toMatchObject({ code: 'ALREADY_EXISTS', path: '/id' });
    expect(setup.addGroup(world, { id: 'u-1', tenantId: C1, displayName: 'G' })).toMatchObject({ code: 'ALREADY_EXISTS', path: '/id' });
  });

  it('addGroup, addAgent, assignDirectoryRole: the records they write, and what they say when refused', () => {
    const world = baseWorld();
    const seq = world.seq;
    expect(setup.addGroup(world, { id: 'g-1', tenantId: C1, displayName: 'Staff' })).toBe('g-1');
    expect(world.groups.get('g-1')).toEqual({ id: 'g-1', tenantId: C1, displayName: 'Staff', agentKind: undefined, members: new Set() });
    expect(world.tenant(C1)!.groupIds).toEqual(['g-1']);
    expect(world.seq).toBe(seq + 1);
    expect(setup.addGroup(world, { id: 'g-2', tenantId: C1, displayName: 'G', members: ['c1-user', 'ghost'] })).toMatchObject({ code: 'UNKNOWN_USER', path: '/members/1', message: 'No user has this id in the tenant. "ghost" is not a user of "Northwind Traders".' });
    expect(setup.addGroup(world, { id: 'g-2', tenantId: 'nowhere', displayName: 'G' })).toMatchObject({ message: 'No tenant has this id. "nowhere"' });
    expect(setup.addAgent(world, { userId: 'a-plain', group: 'SalesAgents' })).toBe('a-plain');
    expect(world.seq).toBe(seq + 2);
    expect(world.inAgentGroup(world.partner(A)!, world.users.get('a-plain')!, 'SalesAgents')).toBe(true);
    expect(setup.addAgent(world, { userId: 'ghost', group: 'SalesAgents' })).toMatchObject({ message: 'No user has this id in the tenant. "ghost"' });
    expect(setup.addAgent(world, { userId: 'c1-user', group: 'SalesAgents' })).toMatchObject({ message: 'The actor is a customer user where a partner user is needed. Agent groups live in partner tenants.' });
    expect(setup.addAgent(world, { userId: 'a-plain', group: 'Everyone' as never })).toMatchObject({ message: 'The group is not one of the partner’s AdminAgents, HelpdeskAgents or SalesAgents. Expected one of AdminAgents, HelpdeskAgents, SalesAgents.' });
    expect(setup.assignDirectoryRole(world, { tenantId: C1, role: ROLE_TEMPLATE.PasswordAdministrator, principalId: 'g-1' })).toBe('g-1');
    expect(world.seq).toBe(seq + 3);
    expect(world.explicitRoleMembers(world.tenant(C1)!, ROLE_TEMPLATE.PasswordAdministrator)).toEqual(['g-1']);
    expect(setup.assignDirectoryRole(world, { tenantId: C1, role: 'Chief', principalId: 'c1-user' })).toMatchObject({ message: 'No directory role has this id or template id. "Chief"' });
    expect(setup.assignDirectoryRole(world, { tenantId: C1, role: ROLE_TEMPLATE.GlobalAdministrator, principalId: 'ghost' })).toMatchObject({ message: 'No user or group has this id. "ghost"' });
    expect(setup.assignDirectoryRole(world, { tenantId: C1, role: ROLE_TEMPLATE.GlobalAdministrator, principalId: 'a-admin' })).toMatchObject({ message: 'Only users and groups of the same tenant can be explicit directory role members. Partner access comes from DAP, never from explicit membership.' });
    expect(setup.assignDirectoryRole(world, { tenantId: 'nowhere', role: ROLE_TEMPLATE.GlobalAdministrator, principalId: 'c1-user' })).toMatchObject({ message: 'No tenant has this id. "nowhere"' });
  });

  it('setDirectoryRoleId: by template id only; the role then answers to its new object id', () => {
    const world = baseWorld();
    const c1 = world.tenant(C1)!;
    const derived = world.roleObjectId(c1, ROLE_TEMPLATE.UserAdministrator);
    expect(setup.setDirectoryRoleId(world, { tenantId: C1, roleTemplateId: derived, roleId: 'r-1' })).toMatchObject({ code: 'UNKNOWN_ROLE', path: '/roleTemplateId', message: `No directory role has this id or template id. "${derived}"` });
    const seq = world.seq;
    expect(setup.setDirectoryRoleId(world, { tenantId: C1, roleTemplateId: ROLE_TEMPLATE.UserAdministrator, roleId: 'r-1' })).toBe('r-1');
    expect(world.seq).toBe(seq + 1);
    expect(world.roleObjectId(c1, ROLE_TEMPLATE.UserAdministrator)).toBe('r-1');
    expect(world.roleObjectId(c1, ROLE_TEMPLATE.GlobalAdministrator)).toBe(deriveGuid('directoryRole', C1, ROLE_TEMPLATE.GlobalAdministrator));
    expect(setup.setDirectoryRoleId(world, { tenantId: 'nowhere', roleTemplateId: ROLE_TEMPLATE.UserAdministrator, roleId: 'r-2' })).toMatchObject({ message: 'No tenant has this id. "nowhere"' });
  });

  it('relate: reseller and DAP by default, each recorded as a set-up event at the world’s time; across clouds it is invalid', () => {
    const world = baseWorld();
    const seq = world.seq;
    expect(setup.relate(world, { partnerId: A, customerId: C1 })).toBe(C1);
    expect(world.relationship(A, C1)).toMatchObject({ dap: true, reseller: true, removals: 0, lastRemovedVia: undefined, lastAcceptSeq: seq + 2, partnerId: A, customerId: C1 });
    expect(historyOf(world.relationship(A, C1)!)).toEqual([
      { seq: seq + 1, at: world.now, type: 'reseller-established', via: 'setup', by: undefined },
      { seq: seq + 2, at: world.now, type: 'dap-granted', via: 'setup', by: undefined },
    ]);
    expect(world.customer(C1)!.partnerCount).toBe(1);
    expect(world.customer(C1)!.relationships.get(A)).toBe(world.relationship(A, C1));
    // Relating again adds nothing; DAP only, then reseller later, each once.
    expect(setup.relate(world, { partnerId: A, customerId: C1 })).toBe(C1);
    expect(historyOf(world.relationship(A, C1)!)).toHaveLength(2);
    expect(setup.relate(world, { partnerId: B, customerId: C1, reseller: false })).toBe(C1);
    expect(world.relationship(B, C1)).toMatchObject({ dap: true, reseller: false });
    expect(historyOf(world.relationship(B, C1)!)).toMatchObject([{ type: 'dap-granted' }]);
    expect(setup.relate(world, { partnerId: B, customerId: C2, dap: false })).toBe(C2);
    expect(world.relationship(B, C2)).toMatchObject({ dap: false, reseller: true });
    expect(historyOf(world.relationship(B, C2)!)).toMatchObject([{ type: 'reseller-established' }]);
    expect(world.customer(C1)!.partnerCount).toBe(2);
    const china = baseWorld({ customer1Cloud: 'china-21vianet' });
    expect(setup.relate(china, { partnerId: A, customerId: C1 })).toMatchObject({ code: 'MALFORMED', path: '/customerId', message: 'A parameter is missing or has the wrong type. SCOPE-SOVEREIGN-CLOUD: "Contoso Partners" (global) and "Northwind Traders" (china-21vianet) cannot be related.' });
    expect(setup.relate(world, { partnerId: 'nowhere', customerId: C1 })).toMatchObject({ message: 'No tenant has this id. "nowhere"' });
    expect(setup.relate(world, { partnerId: A, customerId: 'nowhere' })).toMatchObject({ message: 'No tenant has this id. "nowhere"' });
    expect(setup.relate(world, { partnerId: A, customerId: C2, reseller: false, dap: false })).toMatchObject({ message: 'A parameter is missing or has the wrong type. A relationship needs reseller, DAP or both.' });
  });

  it('setOfferSwitch, addOffer: the switch both ways; offers with their defaults, the delegated-admin one once per partner', () => {
    const world = baseWorld();
    const seq = world.seq;
    expect(setup.setOfferSwitch(world, { userId: 'a-admin', on: false })).toBe('a-admin');
    expect(world.users.get('a-admin')!.offerSwitch).toBe(false);
    expect(world.seq).toBe(seq + 1);
    expect(setup.setOfferSwitch(world, { userId: 'ghost', on: true })).toMatchObject({ message: 'No user has this id in the tenant. "ghost"' });
    expect(setup.addOffer(world, { id: 'o-1', partnerId: A })).toBe('o-1');
    expect(world.offers.get('o-1')).toEqual({ id: 'o-1', partnerId: A, kind: 'delegated-admin', includesDelegatedAdmin: true, product: undefined, acceptedBy: new Set() });
    expect(world.partner(A)!.delegatedAdminOfferId).toBe('o-1');
    expect(world.seq).toBe(seq + 2);
    expect(setup.addOffer(world, { id: 'o-2', partnerId: A, kind: 'trial-invitation' })).toBe('o-2');
    expect(world.offers.get('o-2')).toEqual({ id: 'o-2', partnerId: A, kind: 'trial-invitation', includesDelegatedAdmin: true, product: 'Office 365 E3', acceptedBy: new Set() });
    expect(setup.addOffer(world, { id: 'o-3', partnerId: A, kind: 'purchase-offer', includesDelegatedAdmin: false, product: 'E5' })).toBe('o-3');
    expect(world.offers.get('o-3')).toMatchObject({ includesDelegatedAdmin: false, product: 'E5' });
    expect(setup.addOffer(world, { id: 'o-4', partnerId: B, includesDelegatedAdmin: false, product: 'E5' })).toBe('o-4');
    expect(world.offers.get('o-4')).toMatchObject({ includesDelegatedAdmin: true, product: undefined });
    expect(world.partner(A)!.delegatedAdminOfferId).toBe('o-1');
    expect(setup.addOffer(world, { id: 'o-5', partnerId: A })).toMatchObject({ code: 'ALREADY_EXISTS', path: '/kind', message: 'An object with this id or unique name already exists. A partner has one delegated-admin offer (OFFER-REUSABLE).' });
    expect(setup.addOffer(world, { id: 'o-1', partnerId: A })).toMatchObject({ message: 'An object with this id or unique name already exists. "o-1"' });
    expect(setup.addOffer(world, { id: 'o-6', partnerId: C1 })).toMatchObject({ message: `No tenant has this id. "${C1}" is not a partner.` });
    expect(setup.addOffer(world, { id: 'o-6', partnerId: A, kind: 'coupon' as never })).toMatchObject({ message: 'A parameter is missing or has the wrong type. Expected one of delegated-admin, trial-invitation, purchase-offer.' });
  });

  it('addSubscription: a customer’s by default (Pay-As-You-Go, no owner), a partner’s as Azure plan with AdminAgents as Owner; the owner assignment id is derived unless named', () => {
    const world = baseWorld();
    const seq = world.seq;
    expect(setup.addSubscription(world, { id: 's-1', customerId: C1 })).toBe('s-1');
    expect(world.subscriptions.get('s-1')).toEqual({ id: 's-1', customerId: C1, displayName: 'Pay-As-You-Go', origin: { by: 'customer', userId: undefined }, createdSeq: seq + 1, assignments: [], removedPrincipals: undefined });
    expect(world.customer(C1)!.subscriptionIds).toEqual(['s-1']);
    expect(setup.addSubscription(world, { id: 's-2', customerId: C1, provisionedBy: A })).toBe('s-2');
    const ownerId = deriveGuid('ownerAssignment', 's-2');
    expect(world.subscriptions.get('s-2')).toMatchObject({ displayName: 'Azure plan', origin: { by: 'partner', partnerId: A }, createdSeq: seq + 2 });
    expect(world.subscriptions.get('s-2')!.assignments).toEqual([{ id: ownerId, subscriptionId: 's-2', roleDefinitionId: AZURE_ROLE.Owner, principalId: world.partner(A)!.agentGroups.AdminAgents, principalType: 'ForeignGroup', principalTenantId: A, createdSeq: seq + 3 }]);
    expect(setup.addSubscription(world, { id: 's-3', customerId: C1, ownerId: 'c1-ga', displayName: 'Dev' })).toBe('s-3');
    expect(world.subscriptions.get('s-3')).toMatchObject({ displayName: 'Dev', assignments: [{ id: deriveGuid('ownerAssignment', 's-3'), principalId: 'c1-ga', principalType: 'User', principalTenantId: C1 }] });
    expect(setup.addSubscription(world, { id: 's-4', customerId: C1, ownerId: 'ghost' })).toMatchObject({ message: `No user has this id in the tenant. "ghost" is not a user of "Northwind Traders".` });
    expect(setup.addSubscription(world, { id: 's-4', customerId: C1, provisionedBy: 'nowhere' })).toMatchObject({ message: 'No tenant has this id. "nowhere" is not a partner.' });
    expect(setup.addSubscription(world, { id: 's-4', customerId: 'nowhere' })).toMatchObject({ message: 'No tenant has this id. "nowhere" is not a customer.' });
    expect(setup.addSubscription(world, { id: 's-1', customerId: C1 })).toMatchObject({ message: 'An object with this id or unique name already exists. "s-1"' });
    expect(setup.addSubscription(world, { id: 's-4', customerId: C1, ownerId: 'c1-ga', ownerAssignmentId: ownerId })).toMatchObject({ code: 'ALREADY_EXISTS', path: '/ownerAssignmentId', message: `An object with this id or unique name already exists. "${ownerId}"` });
    // Without an owner no assignment is made, so a taken owner assignment id does not matter.
    expect(setup.addSubscription(world, { id: 's-5', customerId: C1, ownerAssignmentId: ownerId })).toBe('s-5');
    expect(setup.addSubscription(world, { id: 's-6', customerId: C1, provisionedBy: A, ownerId: 'c1-ga' })).toMatchObject({ message: 'A parameter is missing or has the wrong type. A provisioned subscription is owned by the partner’s AdminAgents; name ownerId only for customer-created ones.' });
  });

  it('addRoleAssignment: users and groups of the customer, partner groups as foreign groups; the ARM form of a role id', () => {
    const world = baseWorld();
    must(setup.addSubscription(world, { id: 's-1', customerId: C1 }));
    must(setup.addGroup(world, { id: 'g-1', tenantId: C1, displayName: 'G' }));
    must(setup.addGroup(world, { id: 'g-2', tenantId: C2, displayName: 'G2' }));
    const seq = world.seq;
    expect(setup.addRoleAssignment(world, { id: 'ra-1', subscriptionId: 's-1', roleDefinitionId: `/x/roleDefinitions/${AZURE_ROLE.Reader.toUpperCase()}`, principalId: 'c1-user' })).toBe('ra-1');
    expect(world.roleAssignments.get('ra-1')).toEqual({ id: 'ra-1', subscriptionId: 's-1', roleDefinitionId: AZURE_ROLE.Reader, principalId: 'c1-user', principalType: 'User', principalTenantId: C1, createdSeq: seq + 1 });
    expect(setup.addRoleAssignment(world, { id: 'ra-2', subscriptionId: 's-1', roleDefinitionId: AZURE_ROLE.Contributor, principalId: 'g-1' })).toBe('ra-2');
    expect(world.roleAssignments.get('ra-2')).toMatchObject({ principalType: 'Group', principalTenantId: C1 });
    const admins = world.partner(B)!.agentGroups.AdminAgents;
    expect(setup.addRoleAssignment(world, { id: 'ra-3', subscriptionId: 's-1', roleDefinitionId: AZURE_ROLE.Owner, principalId: admins })).toBe('ra-3');
    expect(world.roleAssignments.get('ra-3')).toMatchObject({ principalType: 'ForeignGroup', principalTenantId: B });
    expect(world.subscriptions.get('s-1')!.assignments.map((a) => a.id)).toEqual(['ra-1', 'ra-2', 'ra-3']);
    expect(setup.addRoleAssignment(world, { id: 'ra-4', subscriptionId: 's-1', roleDefinitionId: AZURE_ROLE.Reader, principalId: 'g-2' })).toMatchObject({ code: 'FOREIGN_PRINCIPAL', message: 'Only users and groups of the same tenant can be explicit directory role members. Only the customer’s users and groups, or a partner group, can be assigned.' });
    expect(setup.addRoleAssignment(world, { id: 'ra-4', subscriptionId: 's-1', roleDefinitionId: AZURE_ROLE.Reader, principalId: 'a-admin' })).toMatchObject({ code: 'FOREIGN_PRINCIPAL' });
    expect(setup.addRoleAssignment(world, { id: 'ra-4', subscriptionId: 's-1', roleDefinitionId: 'Reader', principalId: 'c1-user' })).toMatchObject({ message: 'The role definition is not one of Owner, Contributor, Reader, User Access Administrator. "Reader"' });
    expect(setup.addRoleAssignment(world, { id: 'ra-4', subscriptionId: 's-9', roleDefinitionId: AZURE_ROLE.Reader, principalId: 'c1-user' })).toMatchObject({ message: 'No Azure subscription has this id. "s-9"' });
    expect(setup.addRoleAssignment(world, { id: 'ra-4', subscriptionId: 's-1', roleDefinitionId: AZURE_ROLE.Reader, principalId: 'ghost' })).toMatchObject({ message: 'No user or group has this id. "ghost"' });
    expect(setup.addRoleAssignment(world, { id: 'ra-1', subscriptionId: 's-1', roleDefinitionId: AZURE_ROLE.Reader, principalId: 'c1-user' })).toMatchObject({ message: 'An object with this id or unique name already exists. "ra-1"' });
  });

  it('addDevice and addAutopilotProfile: the records they write, serials registered case-blind, and what they say when refused', () => {
    const world = baseWorld();
    const seq = world.seq;
    expect(setup.addAutopilotProfile(world, { id: 'pr-1', customerId: C1, name: 'Kiosk' })).toBe('pr-1');
    expect(world.profiles.get('pr-1')).toEqual({ id: 'pr-1', customerId: C1, name: 'Kiosk', description: '', createdByPartnerId: undefined });
    expect(world.customer(C1)!.profileIds).toEqual(['pr-1']);
    expect(setup.addAutopilotProfile(world, { id: 'pr-2', customerId: C1, name: 'Std', description: 'd', createdByPartnerId: A })).toBe('pr-2');
    expect(world.profiles.get('pr-2')).toMatchObject({ description: 'd', createdByPartnerId: A });
    expect(setup.addDevice(world, { id: 'd-1', customerId: C1, serialNumber: 'sn-1', source: 'partner', addedByPartnerId: A, profileId: 'pr-1' })).toBe('d-1');
    expect(world.devices.get('d-1')).toEqual({ id: 'd-1', customerId: C1, serialNumber: 'sn-1', source: 'partner', addedByPartnerId: A, batchId: undefined, profileId: 'pr-1', productKey: undefined, hardwareHash: undefined, manufacturer: undefined, model: undefined });
    expect(world.deviceBySerial.get('SN-1')).toBe('d-1');
    expect(world.customer(C1)!.deviceIds).toEqual(['d-1']);
    expect(world.seq).toBe(seq + 3);
    expect(setup.addDevice(world, { id: 'd-2', customerId: C1, serialNumber: 'Sn-1', source: 'intune' })).toMatchObject({ code: 'DEVICE_REGISTERED', message: 'A device with this serial number is already registered to a tenant. "Sn-1"' });
    expect(setup.addDevice(world, { id: 'd-2', customerId: C2, serialNumber: 'SN-2', source: 'intune', profileId: 'pr-1' })).toMatchObject({ code: 'UNKNOWN_PROFILE', message: 'No Autopilot profile has this id in the customer. "pr-1"' });
    expect(setup.addDevice(world, { id: 'd-2', customerId: C1, serialNumber: 'SN-2', source: 'partner', addedByPartnerId: C2 })).toMatchObject({ code: 'UNKNOWN_TENANT', message: 'No tenant has this id. A partner-added device names its partner.' });
    expect(setup.addDevice(world, { id: 'd-2', customerId: C1, serialNumber: 'SN-2', source: 'intune', addedByPartnerId: A })).toMatchObject({ message: 'A parameter is missing or has the wrong type. Only partner-added devices name a partner.' });
    expect(setup.addDevice(world, { id: 'd-2', customerId: C1, serialNumber: 'SN-2', source: 'garage' as never })).toMatchObject({ message: 'A parameter is missing or has the wrong type. Expected partner, store-for-business, store-for-education, intune.' });
    expect(setup.addDevice(world, { id: 'd-2', customerId: A, serialNumber: 'SN-2', source: 'intune' })).toMatchObject({ message: `No tenant has this id. "${A}" is not a customer.` });
    expect(setup.addDevice(world, { id: 'd-1', customerId: C1, serialNumber: 'SN-2', source: 'intune' })).toMatchObject({ message: 'An object with this id or unique name already exists. "d-1"' });
    for (const source of ['store-for-business', 'store-for-education', 'intune'] as const) expect(setup.addDevice(world, { id: `d-${source}`, customerId: C1, serialNumber: `SN-${source}`, source })).toBe(`d-${source}`);
    expect(setup.addAutopilotProfile(world, { id: 'pr-1', customerId: C1, name: 'P' })).toMatchObject({ message: 'An object with this id or unique name already exists. "pr-1"' });
    expect(setup.addAutopilotProfile(world, { id: 'pr-3', customerId: 'nowhere', name: 'P' })).toMatchObject({ message: 'No tenant has this id. "nowhere" is not a customer.' });
  });
});

describe('set-up operations: the edges', () => {
  it('set-up happens at the world’s time and leaves it; a bad UPN lists every verified domain; ids must be strings', () => {
    const world = baseWorld();
    const now = world.now;
    must(setup.addSubscription(world, { id: 's-1', customerId: C1, provisionedBy: A }));
    must(setup.addSubscription(world, { id: 's-2', customerId: C1, ownerId: 'c1-ga' }));
    must(setup.addRoleAssignment(world, { id: 'ra-1', subscriptionId: 's-2', roleDefinitionId: AZURE_ROLE.Reader, principalId: 'c1-user' }));
    expect(world.now).toBe(now);
    must(setup.addCustomer(world, { id: 'c-3', name: 'Two Domains', defaultDomain: 'one.example', domains: ['two.example'] }));
    expect(setup.addUser(world, { id: 'u-x', tenantId: 'c-3', userPrincipalName: 'x@three.example' })).toMatchObject({ message: `The user principal name's domain is not verified in the tenant. "x@three.example" must be alias@domain, unused, on one of one.example, two.example.` });
    expect(setup.addSubscription(world, { id: 5 as never, customerId: C1 })).toMatchObject({ code: 'MALFORMED', path: '/id' });
  });

  it('a partner’s users are found by UPN, in any case, like a customer’s', () => {
    const world = baseWorld();
    const d = world.tenant(A)!.defaultDomain;
    expect(world.userByUpn(`admin@${d}`)?.id).toBe('a-admin');
    expect(world.userByUpn(`GA@${d.toUpperCase()}`)?.id).toBe('a-ga');
    expect(world.tenant(A)!.upnKeys).toEqual(['admin', 'helpdesk', 'sales', 'plain', 'ga'].map((u) => `${u}@${d}`));
  });
});
