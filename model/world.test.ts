import { describe, expect, it } from 'vitest';
import { DEFAULT_NOW, ROLE_TEMPLATE, World, deriveGuid, perform, setup } from './index.ts';
import { sequenceGuid, sequenceSeed } from './ids.ts';
import { A, B, C1, C2, baseWorld, grantDap, must, removeDapAsCustomer } from '../test/fixture.ts';

const GA = ROLE_TEMPLATE.GlobalAdministrator;
const HELPDESK = ROLE_TEMPLATE.HelpdeskAdministrator;
const PASSWORD = ROLE_TEMPLATE.PasswordAdministrator;
const USER_ADMIN = ROLE_TEMPLATE.UserAdministrator;

/** A customer with no directory role members and no groups, and one plain user. */
function bare(world: World, id = 'c-bare'): void {
  must(setup.addCustomer(world, { id, name: 'Bare Ltd', defaultDomain: `${id}.example` }));
  must(setup.addUser(world, { id: `${id}-user`, tenantId: id, userPrincipalName: `user@${id}.example` }));
}

describe('World', () => {
  it('starts at DEFAULT_NOW with the default id seed, version 0:0', () => {
    const world = new World();
    expect(DEFAULT_NOW).toBe('2026-01-01T00:00:00.000Z');
    expect(world.now).toBe(DEFAULT_NOW);
    expect(world.seq).toBe(0);
    expect(world.version).toBe('0:0');
    expect(world.nextId('offer')).toBe(sequenceGuid(sequenceSeed('dapsim', 'offer'), 1));
    expect(new World({ now: '2027-05-05T00:00:00.000Z' }).now).toBe('2027-05-05T00:00:00.000Z');
  });

  it('version counts applied changes and derived ids: seq:idCounter', () => {
    const world = new World();
    world.nextId('x');
    world.nextId('y');
    expect(world.version).toBe('0:2');
    expect(world.tick('2026-02-02T00:00:00.000Z')).toBe(1);
    expect(world.now).toBe('2026-02-02T00:00:00.000Z');
    expect(world.version).toBe('1:2');
  });

  it('partner and customer find only tenants of their kind', () => {
    const world = baseWorld();
    expect(world.partner(A)?.id).toBe(A);
    expect(world.partner(C1)).toBeUndefined();
    expect(world.partner('nowhere')).toBeUndefined();
    expect(world.customer(C1)?.id).toBe(C1);
    expect(world.customer(A)).toBeUndefined();
    expect(world.customer('nowhere')).toBeUndefined();
    expect(world.relationship('nowhere', C1)).toBeUndefined();
    expect(world.relationship(A, C1)).toBeUndefined();
    grantDap(world, 'a', 'c1');
    expect(world.relationship(A, C1)).toMatchObject({ partnerId: A, customerId: C1, dap: true });
    expect(world.relationship(C1, A)).toBeUndefined();
  });

  it("a role's object id is derived per tenant unless set, and a role resolves by either id within its tenant only", () => {
    const world = baseWorld();
    const c1 = world.tenant(C1)!;
    const c2 = world.tenant(C2)!;
    expect(world.roleObjectId(c1, GA)).toBe(deriveGuid('directoryRole', C1, GA));
    expect(world.roleObjectId(c1, GA)).not.toBe(world.roleObjectId(c2, GA));
    must(setup.setDirectoryRoleId(world, { tenantId: C1, roleTemplateId: HELPDESK, roleId: 'role-helpdesk-c1' }));
    expect(world.roleObjectId(c1, HELPDESK)).toBe('role-helpdesk-c1');
    expect(world.resolveRole(c1, GA)).toBe(GA);
    expect(world.resolveRole(c1, USER_ADMIN)).toBe(USER_ADMIN);
    expect(world.resolveRole(c1, world.roleObjectId(c1, GA))).toBe(GA);
    expect(world.resolveRole(c1, 'role-helpdesk-c1')).toBe(HELPDESK);
    expect(world.resolveRole(c1, world.roleObjectId(c2, GA))).toBeUndefined();
    expect(world.resolveRole(c1, 'Global Administrator')).toBeUndefined();
  });

  it('explicit role members: listed per role in the order added, once each, removed one pair at a time', () => {
    const world = baseWorld();
    bare(world);
    const t = world.tenant('c-bare')!;
    expect(world.explicitRoleMembers(t, GA)).toEqual([]);
    expect(world.isExplicitMember(t, GA, 'c-bare-user')).toBe(false);
    world.removeExplicitMember(t, GA, 'c-bare-user');
    world.removeExplicitMember(t, GA, 'not-a-user');
    expect(world.explicitRoleMembers(t, GA)).toEqual([]);

    const c1 = world.tenant(C1)!;
    world.addExplicitMember(c1, GA, 'c1-user');
    world.addExplicitMember(c1, GA, 'c1-user');
    world.addExplicitMember(c1, PASSWORD, 'c1-user');
    expect(world.explicitRoleMembers(c1, GA)).toEqual(['c1-ga', 'c1-user']);
    expect(world.explicitRoleMembers(c1, PASSWORD)).toEqual(['c1-user']);
    expect(world.users.get('c1-user')!.roleMask).toBe(1 | 4);
    world.removeExplicitMember(c1, PASSWORD, 'c1-user');
    expect(world.explicitRoleMembers(c1, PASSWORD)).toEqual([]);
    expect(world.explicitRoleMembers(c1, GA)).toEqual(['c1-ga', 'c1-user']);
    expect(world.isExplicitMember(c1, GA, 'c1-user')).toBe(true);
    expect(world.isExplicitMember(c1, PASSWORD, 'c1-user')).toBe(false);
    expect(world.isExplicitMember(c1, HELPDESK, 'c1-ga')).toBe(false);
    expect(world.users.get('c1-user')!.roleMask).toBe(1);
    world.removeExplicitMember(c1, HELPDESK, 'c1-ga');
    expect(world.explicitRoleMembers(c1, HELPDESK)).toEqual(['c1-helpdesk']);
  });

  it('a group can be an explicit member: its users hold the role, other roles are not implied, and removing it leaves users alone', () => {
    const world = baseWorld();
    const c1 = world.tenant(C1)!;
    must(setup.addGroup(world, { id: 'g-pw', tenantId: C1, displayName: 'Password desk', members: ['c1-user'] }));
    must(setup.assignDirectoryRole(world, { tenantId: C1, role: PASSWORD, principalId: 'g-pw' }));
    const user = world.users.get('c1-user')!;
    expect(user.roleMask).toBe(0);
    expect(world.holdsExplicitRole(user, c1, PASSWORD)).toBe(true);
    expect(world.holdsExplicitRole(user, c1, GA)).toBe(false);
    expect(world.holdsExplicitRole(user, c1, HELPDESK)).toBe(false);
    expect(world.rolesHeld(user, c1)).toEqual([PASSWORD]);
    expect(world.isAdministrator(user)).toBe(true);
    world.removeExplicitMember(c1, PASSWORD, 'g-pw');
    expect(world.holdsExplicitRole(user, c1, PASSWORD)).toBe(false);
    expect(world.isAdministrator(user)).toBe(false);
  });

  it('holdsExplicitRole is about the user’s own tenant; a user outside every role-holding group is no administrator', () => {
    const world = baseWorld();
    const c1 = world.tenant(C1)!;
    const c2ga = world.users.get('c2-ga')!;
    expect(world.holdsExplicitRole(c2ga, world.tenant(C2)!, GA)).toBe(true);
    expect(world.holdsExplicitRole(c2ga, c1, GA)).toBe(false);
    expect(world.rolesHeld(world.users.get('c1-useradmin')!, c1)).toEqual([USER_ADMIN]);
    expect(world.isAdministrator(world.users.get('c1-ga')!)).toBe(true);
    // A group that holds a role, with someone else in it.
    must(setup.addGroup(world, { id: 'g-ha', tenantId: C1, displayName: 'Helpdesk', members: ['c1-helpdesk'] }));
    must(setup.assignDirectoryRole(world, { tenantId: C1, role: HELPDESK, principalId: 'g-ha' }));
    const plain = world.users.get('c1-user')!;
    expect(world.isAdministrator(plain)).toBe(false);
    expect(world.holdsExplicitRole(plain, c1, HELPDESK)).toBe(false);
    expect(world.rolesHeld(plain, c1)).toEqual([]);
    // A tenant with groups but no role members, and one with role members but no groups.
    bare(world);
    must(setup.addGroup(world, { id: 'g-bare', tenantId: 'c-bare', displayName: 'All', members: ['c-bare-user'] }));
    const bareUser = world.users.get('c-bare-user')!;
    expect(world.holdsExplicitRole(bareUser, world.tenant('c-bare')!, GA)).toBe(false);
    expect(world.isAdministrator(bareUser)).toBe(false);
    bare(world, 'c-bare2');
    expect(world.isAdministrator(world.users.get('c-bare2-user')!)).toBe(false);
  });

  it('inAgentGroup: only the partner’s own users, by the group of that kind', () => {
    const world = baseWorld();
    const a = world.partner(A)!;
    expect(world.inAgentGroup(a, world.users.get('a-admin')!, 'AdminAgents')).toBe(true);
    expect(world.inAgentGroup(a, world.users.get('a-admin')!, 'HelpdeskAgents')).toBe(false);
    expect(world.inAgentGroup(a, world.users.get('b-admin')!, 'AdminAgents')).toBe(false);
    world.setAgentMembership(a, world.users.get('a-plain')!, 'SalesAgents', true);
    expect(world.inAgentGroup(a, world.users.get('a-plain')!, 'SalesAgents')).toBe(true);
    expect(world.groups.get(a.agentGroups.SalesAgents)!.members.has('a-plain')).toBe(true);
    world.setAgentMembership(a, world.users.get('a-plain')!, 'SalesAgents', false);
    expect(world.inAgentGroup(a, world.users.get('a-plain')!, 'SalesAgents')).toBe(false);
    expect(world.groups.get(a.agentGroups.SalesAgents)!.members.has('a-plain')).toBe(false);
  });

  it('listedCustomerCount counts related customers only: a DAP-only relationship whose DAP was removed is not listed', () => {
    const world = baseWorld();
    const a = world.partner(A)!;
    expect(world.listedCustomerCount(a)).toBe(0);
    grantDap(world, 'a', 'c1');
    grantDap(world, 'a', 'c2');
    expect(world.listedCustomerCount(a)).toBe(2);
    removeDapAsCustomer(world, 'c1', A);
    expect(world.relationship(A, C1)).toBeDefined();
    expect(world.listedCustomerCount(a)).toBe(1);
    expect(world.listedCustomerCount(world.partner(B)!)).toBe(0);
  });

  it('upnProblem: one @ with something either side, a domain the tenant holds exactly, and no user with it yet (any case)', () => {
    const world = baseWorld();
    const c1 = world.tenant(C1)!;
    const d = c1.defaultDomain;
    expect(world.upnProblem(c1, `new@${d}`)).toBeUndefined();
    for (const bad of [`@${d}`, `a@@${d}`, `a@b@${d}`, 'a@', `new${d}`, '']) expect(world.upnProblem(c1, bad), bad).toBe('MALFORMED');
    expect(world.upnProblem(c1, `a@x${d}`)).toBe('UPN_DOMAIN_UNVERIFIED');
    expect(world.upnProblem(c1, `a@${d.slice(0, -1)}x`)).toBe('UPN_DOMAIN_UNVERIFIED');
    expect(world.upnProblem(c1, `a@${world.tenant(C2)!.defaultDomain}`)).toBe('UPN_DOMAIN_UNVERIFIED');
    expect(world.upnProblem(c1, `GA@${d.toUpperCase()}`)).toBe('UPN_TAKEN');
    expect(world.upnProblem(c1, `user@${d}`)).toBe('UPN_TAKEN');
  });

  it('UPNs stay unique and findable, in any case, in a tenant past the size where it indexes them', () => {
    const world = baseWorld();
    const c1 = world.tenant(C1)!;
    const d = c1.defaultDomain;
    expect(world.userByUpn(`GA@${d.toUpperCase()}`)?.id).toBe('c1-ga');
    for (let i = 0; i < 40; i++) {
      must(setup.addUser(world, { id: `bulk-${i}`, tenantId: C1, userPrincipalName: `bulk${i}@${d}` }));
      expect(world.upnProblem(c1, `bulk${i}@${d}`), `bulk${i}`).toBe('UPN_TAKEN');
      expect(world.userByUpn(`Bulk${i}@${d}`)?.id, `bulk${i}`).toBe(`bulk-${i}`);
    }
    for (let i = 0; i < 40; i++) expect(world.upnProblem(c1, `BULK${i}@${d}`), `bulk${i}`).toBe('UPN_TAKEN');
    expect(world.upnProblem(c1, `bulk40@${d}`)).toBeUndefined();
    expect(world.userByUpn(`ga@${d}`)?.id).toBe('c1-ga');
    expect(world.userByUpn(`user@${d}`)?.id).toBe('c1-user');
    expect(world.userByUpn(`bulk40@${d}`)).toBeUndefined();
    expect(world.userByUpn(`nobody@${d}`)).toBeUndefined();
    expect(world.userByUpn(`ga@unknown.example`)).toBeUndefined();
    expect(world.userByUpn(`@${d}`)).toBeUndefined();
    expect(world.userByUpn('ga')).toBeUndefined();
    expect(world.userByUpn(`nobody@${world.tenant(C2)!.defaultDomain}`)).toBeUndefined();
    expect(world.userByUpn(`user@${world.tenant(C2)!.defaultDomain}`)?.id).toBe('c2-user');
    // Through the actions too: an agent adding a taken UPN in the big tenant is refused as taken.
    grantDap(world, 'a', 'c1');
    expect(perform(world, 'a-admin', { type: 'addUser', tenantId: C1, userPrincipalName: `BULK7@${d}`, displayName: 'Again' })).toMatchObject({ outcome: 'invalid', code: 'UPN_TAKEN' });
  });
});
