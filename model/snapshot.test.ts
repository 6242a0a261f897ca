import { describe, expect, it } from 'vitest';
import { World, setup, snapshot } from './index.ts';
import { A, C1, baseWorld, grantDap, must } from '../test/fixture.ts';
import { historyOf } from './rules/relationships.ts';

type Pairs = [string, Record<string, unknown>][];
const entry = (pairs: unknown, id: string) => (pairs as Pairs).find(([k]) => k === id)?.[1];

describe('snapshot', () => {
  it('is plain JSON: maps become [key, value] pairs, sets become arrays, strings and numbers stay as they are', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    must(setup.addGroup(world, { id: 'g-1', tenantId: C1, displayName: 'Finance', members: ['c1-user', 'c1-ga'] }));
    const s = snapshot(world);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    expect(s.seq).toBe(world.seq);
    expect(s.now).toBe(world.now);
    expect(s.stores['version']).toBe(world.version);
    expect(entry(s.stores['groups'], 'g-1')).toEqual({ id: 'g-1', tenantId: C1, displayName: 'Finance', members: ['c1-user', 'c1-ga'] });
    const offerId = world.partner(A)!.delegatedAdminOfferId!;
    expect(entry(s.stores['offers'], offerId)).toEqual({ id: offerId, partnerId: A, kind: 'delegated-admin', includesDelegatedAdmin: true, acceptedBy: [C1] });
    expect(entry(s.stores['users'], 'a-admin')).toMatchObject({ id: 'a-admin', tenantId: A, agentMask: 1, offerSwitch: true, userPrincipalName: `admin@${world.tenant(A)!.defaultDomain}` });
    expect((s.stores['tenantByDomain'] as Pairs).length).toBe(world.tenantByDomain.size);
    expect(Object.keys(s.stores).sort()).toEqual(['commerceSubscriptions', 'deviceBySerial', 'devices', 'groups', 'membershipChanges', 'offers', 'profiles', 'resellerRequests', 'roleAssignments', 'serviceRequests', 'subscriptions', 'tenantByDomain', 'tenants', 'users', 'version'].sort());
  });

  it('writes a relationship once, from the partner side, and a tenant’s users as ids', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    const s = snapshot(world);
    const customer = entry(s.stores['tenants'], C1)!;
    const partner = entry(s.stores['tenants'], A)!;
    expect(customer['relationships']).toEqual([A]);
    expect(customer['users']).toEqual(['c1-ga', 'c1-helpdesk', 'c1-useradmin', 'c1-user']);
    expect(partner['users']).toEqual(['a-admin', 'a-helpdesk', 'a-sales', 'a-plain', 'a-ga']);
    const [customerId, relationship] = (partner['relationships'] as Pairs)[0]!;
    expect(customerId).toBe(C1);
    expect(relationship).toMatchObject({ partnerId: A, customerId: C1, dap: true, reseller: false, log: world.relationship(A, C1)!.log });
    expect(historyOf(world.relationship(A, C1)!)).toMatchObject([{ type: 'dap-granted', by: 'c1-ga' }]);
    expect(partner['agentGroups']).toEqual(world.partner(A)!.agentGroups);
  });

  it('is equal for equal worlds and differs when anything changes', () => {
    expect(snapshot(baseWorld())).toEqual(snapshot(baseWorld()));
    const world = baseWorld();
    const before = JSON.stringify(snapshot(world));
    must(setup.addGroup(world, { id: 'g-2', tenantId: C1, displayName: 'G', members: [] }));
    expect(JSON.stringify(snapshot(world))).not.toBe(before);
    const other = baseWorld();
    must(setup.addGroup(other, { id: 'g-2', tenantId: C1, displayName: 'G', members: ['c1-user'] }));
    expect(JSON.stringify(snapshot(other))).not.toBe(JSON.stringify(snapshot(world)));
  });

  it('an empty world is empty stores at its start time', () => {
    const s = snapshot(new World({ now: '2026-03-01T00:00:00.000Z' }));
    expect(s.now).toBe('2026-03-01T00:00:00.000Z');
    expect(s.stores['tenants']).toEqual([]);
    expect(s.stores['users']).toEqual([]);
  });
});
