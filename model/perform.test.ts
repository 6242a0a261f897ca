import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTION_TYPES, AZURE_ROLE, QUERY_TYPES, ROLE_TEMPLATE, World, isActionType, isQueryType, perform, query, setup, snapshot, type ActionType, type Decision } from './index.ts';
import { A, B, C1, C2, baseWorld, becomeReseller, createdId, expectInvalid, expectUnchanged, grantDap, must } from '../test/fixture.ts';

/** A world where every kind of object exists, so every action has something valid to name. */
function richWorld(): { world: World; ids: Record<string, string> } {
  const world = baseWorld();
  becomeReseller(world, 'a', 'c1');
  grantDap(world, 'b', 'c1');
  const offerId = createdId(perform(world, 'a-admin', { type: 'createOffer', kind: 'trial-invitation' }), 'offerId');
  const requestId = createdId(perform(world, 'a-admin', { type: 'createResellerRequest', withDap: false }), 'requestId');
  const subscriptionId = createdId(perform(world, 'a-admin', { type: 'provisionAzureSubscription', customerId: C1 }), 'subscriptionId');
  const assignmentId = world.subscriptions.get(subscriptionId)!.assignments[0]!.id;
  must(setup.addDevice(world, { id: 'dev-1', customerId: C1, serialNumber: 'SN-1', source: 'partner', addedByPartnerId: A }));
  must(setup.addAutopilotProfile(world, { id: 'prof-1', customerId: C1, name: 'Kiosk' }));
  return { world, ids: { offerId, requestId, subscriptionId, assignmentId } };
}

/** A well-formed instance of every action, with the actor who would try it; `domain` is customer 1's default domain. */
function validActions(ids: Record<string, string>, domain: string): Record<ActionType, { actor: string; action: Record<string, unknown> }> {
  return {
    createOffer: { actor: 'a-admin', action: { kind: 'purchase-offer', includesDelegatedAdmin: true, product: 'E5' } },
    createResellerRequest: { actor: 'a-admin', action: { withDap: true } },
    acceptOffer: { actor: 'c2-ga', action: { offerId: ids['offerId'], customerId: C2 } },
    acceptResellerRequest: { actor: 'c2-ga', action: { requestId: ids['requestId'], customerId: C2, claimedPartnerId: B } },
    selectPartnerForRemoval: { actor: 'c1-ga', action: { partnerId: A, customerId: C1 } },
    chooseRemoveDelegatedAdmin: { actor: 'c1-ga', action: { customerId: C1 } },
    confirmRemoveDelegatedAdmin: { actor: 'c1-ga', action: { customerId: C1 } },
    cancelRemoveDelegatedAdmin: { actor: 'c1-ga', action: { customerId: C1 } },
    giveUpDap: { actor: 'a-admin', action: { customerId: C1 } },
    signIn: { actor: 'a-admin', action: { tenantId: C1 } },
    addUser: { actor: 'a-admin', action: { tenantId: C1, userPrincipalName: `new@${domain}`, displayName: 'New' } },
    resetPassword: { actor: 'a-admin', action: { tenantId: C1, userId: 'c1-user' } },
    addDomain: { actor: 'a-admin', action: { tenantId: C1, domain: 'northwind.example' } },
    manageLicenses: { actor: 'a-admin', action: { tenantId: C1, userId: 'c1-user', sku: 'ENTERPRISEPACK', assign: true } },
    mdmOperation: { actor: 'c1-ga', action: { tenantId: C1, operation: 'wipe' } },
    addDirectoryRoleMember: { actor: 'c1-ga', action: { tenantId: C1, roleId: ROLE_TEMPLATE.PasswordAdministrator, principalId: 'c1-user' } },
    removeDirectoryRoleMember: { actor: 'c1-ga', action: { tenantId: C1, roleId: ROLE_TEMPLATE.HelpdeskAdministrator, principalId: 'c1-helpdesk' } },
    openServiceRequest: { actor: 'a-admin', action: { customerId: C1, title: 'Mail flow' } },
    provisionAzureSubscription: { actor: 'a-sales', action: { customerId: C1, displayName: 'Plan 2' } },
    createAzureSubscription: { actor: 'c1-ga', action: { customerId: C1, displayName: 'PAYG' } },
    addRoleAssignment: { actor: 'a-admin', action: { subscriptionId: ids['subscriptionId'], roleDefinitionId: AZURE_ROLE.Reader, principalId: 'c1-user' } },
    removeRoleAssignment: { actor: 'a-admin', action: { subscriptionId: ids['subscriptionId'], assignmentId: ids['assignmentId'] } },
    manageAzureResources: { actor: 'a-admin', action: { subscriptionId: ids['subscriptionId'] } },
    addAutopilotDevices: { actor: 'a-sales', action: { customerId: C1, batchId: 'b1', devices: [{ serialNumber: 'SN-2' }] } },
    removeAutopilotDevice: { actor: 'a-sales', action: { customerId: C1, deviceId: 'dev-1' } },
    createAutopilotProfile: { actor: 'a-admin', action: { customerId: C1, name: 'Standard', description: 'd' } },
    updateAutopilotProfile: { actor: 'a-admin', action: { customerId: C1, profileId: 'prof-1', name: 'Kiosk 2', description: 'd' } },
    deleteAutopilotProfile: { actor: 'a-admin', action: { customerId: C1, profileId: 'prof-1' } },
    applyAutopilotProfile: { actor: 'a-admin', action: { customerId: C1, profileId: 'prof-1', deviceIds: ['dev-1'] } },
    removeAutopilotProfile: { actor: 'a-admin', action: { customerId: C1, deviceIds: ['dev-1'] } },
    addAgentGroupMember: { actor: 'a-ga', action: { group: 'HelpdeskAgents', userId: 'a-plain' } },
    removeAgentGroupMember: { actor: 'a-ga', action: { group: 'AdminAgents', userId: 'a-admin' } },
    setOfferSwitch: { actor: 'a-ga', action: { userId: 'a-plain', on: true } },
  };
}

/**
 * Each action's type, actor and parameter names, which the tests below are generated from. Without a
 * world: model code run while the file loads is outside every test, and the mutation run would then
 * try each mutant of that code on every test.
 */
const ACTION_SHAPES = Object.entries(validActions({}, 'shape.example'));

describe('invalid actions are typed errors and change nothing', () => {
  it('an unknown action type is UNKNOWN_ACTION at /type', () => {
    const world = baseWorld();
    expectInvalid(expectUnchanged(world, () => perform(world, 'a-admin', { type: 'grantEverything' })), 'UNKNOWN_ACTION', '/type');
  });

  it('an unknown actor is UNKNOWN_ACTOR at /actor', () => {
    const world = baseWorld();
    expectInvalid(expectUnchanged(world, () => perform(world, 'nobody', { type: 'signIn', tenantId: C1 })), 'UNKNOWN_ACTOR', '/actor');
  });

  it('a customer where a partner is needed, and a partner where a customer is needed, are typed errors', () => {
    const world = baseWorld();
    expectInvalid(expectUnchanged(world, () => perform(world, 'c1-ga', { type: 'selectPartnerForRemoval', partnerId: C2 })), 'NOT_A_PARTNER', '/partnerId');
    expectInvalid(expectUnchanged(world, () => perform(world, 'a-admin', { type: 'giveUpDap', customerId: B })), 'NOT_A_CUSTOMER', '/customerId');
    expectInvalid(expectUnchanged(world, () => perform(world, 'c1-ga', { type: 'createOffer' })), 'NOT_A_PARTNER_USER', '/actor');
  });

  it('the well-formed action list covers every action type', () => {
    const { world, ids } = richWorld();
    expect(Object.keys(validActions(ids, world.tenant(C1)!.defaultDomain)).sort()).toEqual([...ACTION_TYPES].sort());
  });

  // Every parameter of every action, given the wrong type, is MALFORMED at its JSON pointer.
  for (const [type, { actor, action }] of ACTION_SHAPES) {
    for (const key of Object.keys(action)) {
      it(`${type}: a number at /${key} is MALFORMED there, and nothing changes`, () => {
        const { world, ids } = richWorld();
        const base = validActions(ids, world.tenant(C1)!.defaultDomain)[type as ActionType];
        const d = expectUnchanged(world, () => perform(world, actor, { ...base.action, [key]: 42, type }));
        expect(d).toMatchObject({ outcome: 'invalid', code: 'MALFORMED' });
        expect((d as { path: string }).path.startsWith(`/${key}`)).toBe(true);
      });
    }
  }

  it('ids that name nothing are UNKNOWN_* at their pointer', () => {
    const { world, ids } = richWorld();
    const cases: [ActionType, string, string][] = [
      ['acceptOffer', 'offerId', 'UNKNOWN_OFFER'], ['acceptResellerRequest', 'requestId', 'UNKNOWN_REQUEST'], ['signIn', 'tenantId', 'UNKNOWN_TENANT'],
      ['resetPassword', 'userId', 'UNKNOWN_USER'], ['manageAzureResources', 'subscriptionId', 'UNKNOWN_SUBSCRIPTION'],
      ['removeRoleAssignment', 'assignmentId', 'UNKNOWN_ROLE_ASSIGNMENT'], ['removeAutopilotDevice', 'deviceId', 'UNKNOWN_DEVICE'],
      ['updateAutopilotProfile', 'profileId', 'UNKNOWN_PROFILE'], ['addDirectoryRoleMember', 'roleId', 'UNKNOWN_ROLE'],
      ['addDirectoryRoleMember', 'principalId', 'UNKNOWN_PRINCIPAL'], ['addRoleAssignment', 'roleDefinitionId', 'UNKNOWN_ROLE_DEFINITION'],
    ];
    for (const [type, key, code] of cases) {
      const base = validActions(ids, world.tenant(C1)!.defaultDomain)[type];
      expectInvalid(expectUnchanged(world, () => perform(world, base.actor, { ...base.action, [key]: 'does-not-exist', type })), code as never, `/${key}`);
    }
  });

  it('queries: unknown type, unknown actor and malformed parameters are typed errors', () => {
    const world = baseWorld();
    expectInvalid(query(world, 'a-admin', { type: 'everything' }), 'UNKNOWN_QUERY', '/type');
    expectInvalid(query(world, 'ghost', { type: 'mailbox' }), 'UNKNOWN_ACTOR', '/actor');
    expectInvalid(query(world, 'c1-ga', { type: 'directoryRoleMembers', tenantId: C1, roleId: 7 }), 'MALFORMED', '/roleId');
    expect(QUERY_TYPES.length).toBeGreaterThanOrEqual(15);
  });
});

describe('random sequences of actions', () => {
  const ACTORS = ['a-admin', 'a-helpdesk', 'a-sales', 'a-plain', 'a-ga', 'b-admin', 'b-helpdesk', 'b-sales', 'c1-ga', 'c1-helpdesk', 'c1-useradmin', 'c1-user', 'c2-ga', 'c2-user'];

  /** An action built from random choices among the world's real ids and some junk. */
  const step = fc.record({
    actor: fc.constantFrom(...ACTORS),
    type: fc.constantFrom(...ACTION_TYPES),
    pick: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
    profile: fc.constantFrom('current' as const, 'proposed' as const),
  });

  function materialise(world: World, s: { type: ActionType; pick: number[] }): Record<string, unknown> {
    const from = <T>(xs: readonly T[], i: number): T | undefined => (xs.length === 0 ? undefined : xs[s.pick[i]! % xs.length]);
    const tenants = [C1, C1, C2, ...world.tenants.keys(), 'junk'];
    const customers = [C1, C2];
    const users = [...world.users.keys()].filter((u) => world.users.get(u)!.tenantId === from(tenants, 0) || s.pick[2]! % 3 === 0);
    const subs = [...world.subscriptions.keys()];
    const devices = [...world.devices.keys()];
    const profiles = [...world.profiles.keys()];
    const assignments = [...world.roleAssignments.keys()];
    const offers = [...world.offers.keys()];
    const requests = [...world.resellerRequests.keys()];
    return {
      type: s.type,
      tenantId: from(tenants, 0), customerId: from(customers, 1), partnerId: from([A, B], 1), userId: from(users, 2), principalId: from(users, 3),
      subscriptionId: from(subs, 4), assignmentId: from(assignments, 5), deviceId: from(devices, 6), deviceIds: devices.length ? [from(devices, 6)] : undefined,
      profileId: from(profiles, 7), offerId: from(offers, 1), requestId: from(requests, 2), withDap: s.pick[3]! % 2 === 0,
      kind: from(['delegated-admin', 'trial-invitation', 'purchase-offer'], 4), roleId: from(Object.values(ROLE_TEMPLATE), 5),
      roleDefinitionId: from(Object.values(AZURE_ROLE), 6), group: from(['AdminAgents', 'HelpdeskAgents', 'SalesAgents'], 7), on: s.pick[0]! % 2 === 0,
      title: 'help', name: 'p', sku: 'SKU', domain: `d${s.pick[1]! % 5}.example`, displayName: 'N',
      userPrincipalName: `u${s.pick[2]! % 7}@${world.tenant(from(tenants, 0)!)?.defaultDomain ?? 'x.example'}`,
      devices: [{ serialNumber: `SN-${s.pick[3]! % 9}` }],
    };
  }

  // Most steps go to an actor who could plausibly succeed, so both outcomes are well exercised.
  const PLAUSIBLE = Object.fromEntries(ACTION_SHAPES.map(([t, v]) => [t, v.actor])) as Record<ActionType, string>;

  function run(steps: readonly { actor: string; type: ActionType; pick: number[]; profile: 'current' | 'proposed' }[]): { decisions: Decision[]; final: string } {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    grantDap(world, 'b', 'c2');
    const decisions: Decision[] = [];
    steps.forEach((s, i) => {
      const before = JSON.stringify(snapshot(world));
      const actor = s.pick[7]! % 4 === 0 ? s.actor : PLAUSIBLE[s.type];
      const d = perform(world, actor, materialise(world, s) as { type: string }, { profile: s.profile, now: `2026-02-01T00:00:${String(i % 60).padStart(2, '0')}.000Z` });
      decisions.push(d);
      if (d.outcome !== 'allowed') {
        expect(JSON.stringify(snapshot(world)), `${actor} ${s.type} was ${d.outcome} ${d.code} yet changed the world`).toBe(before);
        expect(d.code.length).toBeGreaterThan(0);
        if (d.outcome === 'refused') expect(d.rules.length).toBeGreaterThan(0);
      } else {
        expect(d.rules.length, `${actor} ${s.type} allowed without naming a rule`).toBeGreaterThan(0);
      }
    });
    return { decisions, final: JSON.stringify(snapshot(world)) };
  }

  it('a refused or invalid action never changes the world; an allowed one always names its rules', () => {
    let allowed = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
        for (const d of run(steps).decisions) d.outcome === 'allowed' ? allowed++ : d.outcome === 'refused' ? refused++ : 0;
      }),
      { numRuns: 150, seed: 20261121 },
    );
    // The generator must exercise both sides, or the property proves nothing.
    expect(allowed, `allowed ${allowed}, refused ${refused}`).toBeGreaterThan(150);
    expect(refused, `allowed ${allowed}, refused ${refused}`).toBeGreaterThan(300);
  });

  it('the same steps give the same decisions and the same world, byte for byte', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 30 }), (steps) => {
        const first = run(steps);
        const second = run(steps);
        expect(JSON.stringify(second.decisions)).toBe(JSON.stringify(first.decisions));
        expect(second.final).toBe(first.final);
      }),
      { numRuns: 40, seed: 7 },
    );
  });
});

describe('the doors: perform and query check what they are given', () => {
  it('an action or query that is not an object is MALFORMED at the root, with what one should be', () => {
    const world = baseWorld();
    for (const bad of [null, undefined, 'signIn', 42]) {
      const d = expectUnchanged(world, () => perform(world, 'a-admin', bad as never));
      expect(d).toMatchObject({ outcome: 'invalid', code: 'MALFORMED', path: '', message: 'A parameter is missing or has the wrong type. An action is an object with a "type".' });
      expect(query(world, 'a-admin', bad as never)).toMatchObject({ outcome: 'invalid', code: 'MALFORMED', path: '', message: 'A parameter is missing or has the wrong type. A query is an object with a "type".' });
    }
  });

  it('an unknown type is named in the message, with the types there are', () => {
    const world = baseWorld();
    const d = perform(world, 'a-admin', { type: 'grantEverything' });
    expect(d).toMatchObject({ outcome: 'invalid', code: 'UNKNOWN_ACTION', path: '/type' });
    expect((d as { message: string }).message).toBe(`The action type is not one the model knows. "grantEverything" is not one of: ${ACTION_TYPES.join(', ')}.`);
    expect(perform(world, 'a-admin', { type: 7 } as never)).toMatchObject({ code: 'UNKNOWN_ACTION', message: expect.stringContaining('"7" is not one of: createOffer, createResellerRequest, ') });
    const q = query(world, 'a-admin', { type: 'everything' });
    expect(q).toMatchObject({ outcome: 'invalid', code: 'UNKNOWN_QUERY', path: '/type' });
    expect((q as { message: string }).message).toBe(`The query type is not one the model knows. "everything" is not one of: ${QUERY_TYPES.join(', ')}.`);
    expect(QUERY_TYPES.join(', ')).toContain('directoryRoles, directoryRoleMembers, ');
    for (const inherited of ['toString', 'constructor', 'hasOwnProperty']) {
      expect(perform(world, 'a-admin', { type: inherited }), inherited).toMatchObject({ code: 'UNKNOWN_ACTION' });
      expect(query(world, 'a-admin', { type: inherited } as never), inherited).toMatchObject({ code: 'UNKNOWN_QUERY' });
    }
  });

  it('an unknown actor is named in the message', () => {
    const world = baseWorld();
    expect(perform(world, 'ghost', { type: 'signIn', tenantId: C1 })).toMatchObject({ outcome: 'invalid', code: 'UNKNOWN_ACTOR', path: '/actor', message: 'The actor is not a user of this world. "ghost"' });
    expect(query(world, 'ghost', { type: 'mailbox' })).toMatchObject({ outcome: 'invalid', code: 'UNKNOWN_ACTOR', path: '/actor', message: 'The actor is not a user of this world. "ghost"' });
    expect(perform(world, 42 as never, { type: 'signIn', tenantId: C1 })).toMatchObject({ code: 'UNKNOWN_ACTOR', message: 'The actor is not a user of this world. "42"' });
  });

  it('isActionType and isQueryType know exactly the listed types, and only strings', () => {
    for (const t of ACTION_TYPES) expect(isActionType(t), t).toBe(true);
    for (const t of QUERY_TYPES) expect(isQueryType(t), t).toBe(true);
    for (const t of ['', 'toString', 'hasOwnProperty', 'mailbox ', 42, null, undefined]) expect(isActionType(t), String(t)).toBe(false);
    for (const t of ['', 'toString', 'hasOwnProperty', 'signIn', 42, null, undefined]) expect(isQueryType(t), String(t)).toBe(false);
    // A key that is not a string is not looked up by what it turns into.
    const disguised = { toString: () => 'mailbox' };
    expect(isQueryType(disguised)).toBe(false);
    expect(isActionType({ toString: () => 'signIn' })).toBe(false);
    expect(isQueryType('mailbox')).toBe(true);
    expect(ACTION_TYPES).toHaveLength(33);
    expect(QUERY_TYPES).toHaveLength(16);
  });
});
