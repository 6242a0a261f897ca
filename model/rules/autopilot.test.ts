import { describe, expect, it } from 'vitest';
import { CUSTOMER_DEVICE_SOURCES, setup, type DeviceSource, type PerformOptions, type World } from '../index.ts';
import {
  A, B, C1, C2, act, baseWorld, becomeReseller, createdId, expectAllowed, expectInvalid, expectRefused, expectUnchanged, grantDap, look, must, removeDapAsCustomer, seen,
} from '../../test/fixture.ts';

const PROPOSED: PerformOptions = { profile: 'proposed' };
const CURRENT: PerformOptions = { profile: 'current' };

/** Partner A is C1's reseller, with or without DAP. */
function resellerWorld(withDap: boolean): World {
  const world = baseWorld();
  becomeReseller(world, 'a', 'c1', withDap);
  expect(world.relationship(A, C1)).toMatchObject({ reseller: true, dap: withDap });
  return world;
}

/** A profile in C1 created at set-up, so no rule profile decides its existence. */
function givenProfile(world: World, id = 'prof-1'): string {
  return must(setup.addAutopilotProfile(world, { id, customerId: C1, name: 'Standard', createdByPartnerId: A }));
}

function partnerDevice(world: World, id: string, partnerId: string, customerId = C1): string {
  return must(setup.addDevice(world, { id, customerId, serialNumber: `SN-${id}`, source: 'partner', addedByPartnerId: partnerId }));
}

function customerDevice(world: World, id: string, source: DeviceSource): string {
  return must(setup.addDevice(world, { id, customerId: C1, serialNumber: `SN-${id}`, source }));
}

/** Every profile operation, by an Admin agent of A in C1, under the given options. */
function profileOps(world: World, options: PerformOptions) {
  const profileId = givenProfile(world, 'prof-ops');
  const deviceId = partnerDevice(world, 'dev-ops', A);
  return {
    create: () => act(world, 'a-admin', { type: 'createAutopilotProfile', customerId: C1, name: 'Kiosk' }, options),
    update: () => act(world, 'a-admin', { type: 'updateAutopilotProfile', customerId: C1, profileId, name: 'Renamed' }, options),
    apply: () => act(world, 'a-admin', { type: 'applyAutopilotProfile', customerId: C1, profileId, deviceIds: [deviceId] }, options),
    unapply: () => act(world, 'a-admin', { type: 'removeAutopilotProfile', customerId: C1, deviceIds: [deviceId] }, options),
    remove: () => act(world, 'a-admin', { type: 'deleteAutopilotProfile', customerId: C1, profileId }, options),
  };
}

describe('AUTOPILOT-NEEDS-RESELLER', () => {
  it('AUTOPILOT-NEEDS-RESELLER: with no relationship every Autopilot action is refused under both profiles, and nothing changes', () => {
    const world = baseWorld();
    for (const options of [CURRENT, PROPOSED]) {
      expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'createAutopilotProfile', customerId: C1, name: 'X' }, options)), 'NO_RESELLER_RELATIONSHIP', 'AUTOPILOT-NEEDS-RESELLER');
      expectRefused(expectUnchanged(world, () => act(world, 'a-sales', { type: 'addAutopilotDevices', customerId: C1, devices: [{ serialNumber: 'SN-1' }] }, options)), 'NO_RESELLER_RELATIONSHIP', 'AUTOPILOT-NEEDS-RESELLER');
    }
  });

  it('AUTOPILOT-NEEDS-RESELLER: DAP without a reseller relationship is not enough, even under the proposed rules', () => {
    const world = baseWorld();
    grantDap(world, 'a', 'c1');
    expect(world.relationship(A, C1)).toMatchObject({ dap: true, reseller: false });
    givenProfile(world);
    for (const options of [CURRENT, PROPOSED]) {
      expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'createAutopilotProfile', customerId: C1, name: 'X' }, options)), 'NO_RESELLER_RELATIONSHIP', 'AUTOPILOT-NEEDS-RESELLER');
      expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'deleteAutopilotProfile', customerId: C1, profileId: 'prof-1' }, options)), 'NO_RESELLER_RELATIONSHIP', 'AUTOPILOT-NEEDS-RESELLER');
      expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'addAutopilotDevices', customerId: C1, devices: [{ serialNumber: 'SN-1' }] }, options)), 'NO_RESELLER_RELATIONSHIP', 'AUTOPILOT-NEEDS-RESELLER');
    }
    expectRefused(look(world, 'a-admin', { type: 'autopilotDevices', customerId: C1 }), 'NO_RESELLER_RELATIONSHIP', 'AUTOPILOT-NEEDS-RESELLER');
    expectRefused(look(world, 'a-admin', { type: 'autopilotProfiles', customerId: C1 }), 'NO_RESELLER_RELATIONSHIP', 'AUTOPILOT-NEEDS-RESELLER');
  });

  it('AUTOPILOT-NEEDS-RESELLER: once the customer accepts a reseller request the same actions are allowed and listed', () => {
    const world = resellerWorld(false);
    const d = act(world, 'a-admin', { type: 'createAutopilotProfile', customerId: C1, name: 'Kiosk', description: 'Shared devices' });
    expectAllowed(d, 'AUTOPILOT-NEEDS-RESELLER', 'AUTOPILOT-AGENT-ROLES');
    const profileId = createdId(d, 'profileId');
    const added = act(world, 'a-sales', { type: 'addAutopilotDevices', customerId: C1, batchId: 'batch-1', devices: [{ serialNumber: 'SN-1', deviceId: 'dev-1', manufacturer: 'Contoso', model: 'Laptop 7' }] });
    expectAllowed(added, 'AUTOPILOT-NEEDS-RESELLER', 'AUTOPILOT-AGENT-ROLES');
    expect(added.outcome === 'allowed' && added.effects).toEqual([{ type: 'autopilot.devicesAdded', deviceIds: ['dev-1'] }]);
    const devices = look(world, 'a-admin', { type: 'autopilotDevices', customerId: C1 });
    expectAllowed(devices, 'AUTOPILOT-NEEDS-RESELLER', 'AUTOPILOT-AGENT-ROLES');
    expect(devices.outcome === 'allowed' && devices.result).toEqual([
      { id: 'dev-1', serialNumber: 'SN-1', source: 'partner', addedByPartnerId: A, profileId: undefined, batchId: 'batch-1', productKey: undefined, hardwareHash: undefined, manufacturer: 'Contoso', model: 'Laptop 7' },
    ]);
    expect(seen(world, 'a-admin', { type: 'autopilotProfiles', customerId: C1 })).toEqual([{ id: profileId, name: 'Kiosk', description: 'Shared devices', devicesAssigned: 0 }]);
  });

  it("AUTOPILOT-NEEDS-RESELLER: B's reseller relationship does not let A in", () => {
    const world = baseWorld();
    becomeReseller(world, 'b', 'c1', false);
    expectAllowed(act(world, 'b-admin', { type: 'createAutopilotProfile', customerId: C1, name: 'B profile' }), 'AUTOPILOT-NEEDS-RESELLER');
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'createAutopilotProfile', customerId: C1, name: 'A profile' })), 'NO_RESELLER_RELATIONSHIP', 'AUTOPILOT-NEEDS-RESELLER');
  });
});

describe('AUTOPILOT-AGENT-ROLES', () => {
  it('AUTOPILOT-AGENT-ROLES: an Admin agent creates, updates, applies and deletes profiles', () => {
    const world = resellerWorld(false);
    const ops = profileOps(world, CURRENT);
    for (const op of [ops.create, ops.update, ops.apply, ops.unapply, ops.remove]) expectAllowed(op(), 'AUTOPILOT-AGENT-ROLES');
  });

  it('AUTOPILOT-AGENT-ROLES: a Sales agent cannot touch profiles, under either profile and even with DAP', () => {
    const world = resellerWorld(true);
    const profileId = givenProfile(world);
    const deviceId = partnerDevice(world, 'dev-1', A);
    for (const options of [CURRENT, PROPOSED]) {
      expectRefused(expectUnchanged(world, () => act(world, 'a-sales', { type: 'createAutopilotProfile', customerId: C1, name: 'X' }, options)), 'NOT_ADMIN_AGENT', 'AUTOPILOT-AGENT-ROLES');
      expectRefused(expectUnchanged(world, () => act(world, 'a-sales', { type: 'updateAutopilotProfile', customerId: C1, profileId, name: 'Y' }, options)), 'NOT_ADMIN_AGENT', 'AUTOPILOT-AGENT-ROLES');
      expectRefused(expectUnchanged(world, () => act(world, 'a-sales', { type: 'applyAutopilotProfile', customerId: C1, profileId, deviceIds: [deviceId] }, options)), 'NOT_ADMIN_AGENT', 'AUTOPILOT-AGENT-ROLES');
      expectRefused(expectUnchanged(world, () => act(world, 'a-sales', { type: 'deleteAutopilotProfile', customerId: C1, profileId }, options)), 'NOT_ADMIN_AGENT', 'AUTOPILOT-AGENT-ROLES');
    }
  });

  it('AUTOPILOT-AGENT-ROLES: Admin agents and Sales agents add devices; a Sales agent may remove one too', () => {
    const world = resellerWorld(false);
    expectAllowed(act(world, 'a-admin', { type: 'addAutopilotDevices', customerId: C1, devices: [{ serialNumber: 'SN-A', deviceId: 'dev-a' }] }), 'AUTOPILOT-AGENT-ROLES');
    expectAllowed(act(world, 'a-sales', { type: 'addAutopilotDevices', customerId: C1, devices: [{ serialNumber: 'SN-S', deviceId: 'dev-s' }] }), 'AUTOPILOT-AGENT-ROLES');
    expect(seen(world, 'a-sales', { type: 'autopilotDevices', customerId: C1 }).map((d) => d.id)).toEqual(['dev-a', 'dev-s']);
    expectAllowed(act(world, 'a-sales', { type: 'removeAutopilotDevice', customerId: C1, deviceId: 'dev-a' }), 'AUTOPILOT-AGENT-ROLES');
    expect(seen(world, 'a-admin', { type: 'autopilotDevices', customerId: C1 }).map((d) => d.id)).toEqual(['dev-s']);
  });

  it('AUTOPILOT-AGENT-ROLES: a Helpdesk agent, a user in no group and the partner Global Administrator are refused, and nothing changes', () => {
    const world = resellerWorld(true);
    const deviceId = partnerDevice(world, 'dev-1', A);
    for (const actor of ['a-helpdesk', 'a-plain', 'a-ga']) {
      for (const options of [CURRENT, PROPOSED]) {
        expectRefused(expectUnchanged(world, () => act(world, actor, { type: 'addAutopilotDevices', customerId: C1, devices: [{ serialNumber: 'SN-X' }] }, options)), 'NOT_ADMIN_OR_SALES_AGENT', 'AUTOPILOT-AGENT-ROLES');
        expectRefused(expectUnchanged(world, () => act(world, actor, { type: 'removeAutopilotDevice', customerId: C1, deviceId }, options)), 'NOT_ADMIN_OR_SALES_AGENT', 'AUTOPILOT-AGENT-ROLES');
        expectRefused(expectUnchanged(world, () => act(world, actor, { type: 'createAutopilotProfile', customerId: C1, name: 'X' }, options)), 'NOT_ADMIN_AGENT', 'AUTOPILOT-AGENT-ROLES');
      }
      expectRefused(look(world, actor, { type: 'autopilotDevices', customerId: C1 }), 'NOT_ADMIN_OR_SALES_AGENT', 'AUTOPILOT-AGENT-ROLES');
    }
  });

  it('AUTOPILOT-AGENT-ROLES: the role is read at each action: a Sales agent moved out of SalesAgents is refused at once', () => {
    const world = resellerWorld(false);
    expectAllowed(act(world, 'a-sales', { type: 'addAutopilotDevices', customerId: C1, devices: [{ serialNumber: 'SN-1' }] }));
    expectAllowed(act(world, 'a-ga', { type: 'removeAgentGroupMember', group: 'SalesAgents', userId: 'a-sales' }));
    expectRefused(expectUnchanged(world, () => act(world, 'a-sales', { type: 'addAutopilotDevices', customerId: C1, devices: [{ serialNumber: 'SN-2' }] })), 'NOT_ADMIN_OR_SALES_AGENT', 'AUTOPILOT-AGENT-ROLES');
  });

  it("AUTOPILOT-AGENT-ROLES: the customer's Global admin lists its devices; other customer users cannot; a customer user cannot act from Partner Center", () => {
    const world = resellerWorld(false);
    customerDevice(world, 'dev-c', 'intune');
    const d = look(world, 'c1-ga', { type: 'autopilotDevices', customerId: C1 });
    expectAllowed(d);
    expect(d.outcome === 'allowed' && d.result.map((x) => x.id)).toEqual(['dev-c']);
    expectRefused(look(world, 'c1-user', { type: 'autopilotDevices', customerId: C1 }), 'NOT_CUSTOMER_GLOBAL_ADMIN', 'AUTOPILOT-AGENT-ROLES');
    expectRefused(look(world, 'c2-ga', { type: 'autopilotDevices', customerId: C1 }), 'NOT_CUSTOMER_GLOBAL_ADMIN');
    expectInvalid(expectUnchanged(world, () => act(world, 'c1-ga', { type: 'createAutopilotProfile', customerId: C1, name: 'X' })), 'NOT_A_PARTNER_USER', '/actor');
  });
});

describe('AUTOPILOT-PROFILES-WITHOUT-DAP', () => {
  it('AUTOPILOT-PROFILES-WITHOUT-DAP: a reseller without DAP creates, updates, applies, removes and deletes profiles (current)', () => {
    const world = resellerWorld(false);
    const ops = profileOps(world, CURRENT);
    const created = ops.create();
    expectAllowed(created, 'AUTOPILOT-PROFILES-WITHOUT-DAP', 'AUTOPILOT-NEEDS-RESELLER');
    expectAllowed(ops.update(), 'AUTOPILOT-PROFILES-WITHOUT-DAP');
    expectAllowed(ops.apply(), 'AUTOPILOT-PROFILES-WITHOUT-DAP');
    expect(seen(world, 'a-admin', { type: 'autopilotProfiles', customerId: C1 })).toEqual([
      { id: 'prof-ops', name: 'Renamed', description: '', devicesAssigned: 1 },
      { id: createdId(created, 'profileId'), name: 'Kiosk', description: '', devicesAssigned: 0 },
    ]);
    expectAllowed(ops.unapply(), 'AUTOPILOT-PROFILES-WITHOUT-DAP');
    expect(seen(world, 'a-admin', { type: 'autopilotDevices', customerId: C1 })[0]?.profileId).toBeUndefined();
    expectAllowed(ops.remove(), 'AUTOPILOT-PROFILES-WITHOUT-DAP');
    expect(seen(world, 'a-admin', { type: 'autopilotProfiles', customerId: C1 }).map((p) => p.name)).toEqual(['Kiosk']);
  });

  it('AUTOPILOT-PROFILES-WITHOUT-DAP: after the customer removes DAP but keeps the reseller relationship, profiles stay manageable', () => {
    const world = resellerWorld(true);
    removeDapAsCustomer(world, 'c1', A);
    expect(world.relationship(A, C1)).toMatchObject({ reseller: true, dap: false });
    expectRefused(act(world, 'a-admin', { type: 'signIn', tenantId: C1 }), 'DAP_REMOVED');
    const ops = profileOps(world, CURRENT);
    for (const op of [ops.create, ops.update, ops.apply, ops.unapply, ops.remove]) expectAllowed(op(), 'AUTOPILOT-PROFILES-WITHOUT-DAP');
  });

  it('AUTOPILOT-PROFILES-WITHOUT-DAP: with DAP held the decision does not claim it', () => {
    const world = resellerWorld(true);
    const d = act(world, 'a-admin', { type: 'createAutopilotProfile', customerId: C1, name: 'Kiosk' });
    expectAllowed(d, 'AUTOPILOT-AGENT-ROLES');
    expect(d.rules).not.toContain('AUTOPILOT-PROFILES-WITHOUT-DAP');
    expect(d.rules).not.toContain('AUTOPILOT-PROFILES-NEED-DAP');
  });

  it('AUTOPILOT-PROFILES-WITHOUT-DAP: the same creation without DAP is allowed under current and refused NO_DAP under proposed', () => {
    const world = resellerWorld(false);
    const refused = expectUnchanged(world, () => act(world, 'a-admin', { type: 'createAutopilotProfile', customerId: C1, name: 'Kiosk' }, PROPOSED));
    expectRefused(refused, 'NO_DAP', 'AUTOPILOT-PROFILES-NEED-DAP');
    expect(refused.rules).not.toContain('AUTOPILOT-PROFILES-WITHOUT-DAP');
    expectAllowed(act(world, 'a-admin', { type: 'createAutopilotProfile', customerId: C1, name: 'Kiosk' }), 'AUTOPILOT-PROFILES-WITHOUT-DAP');
  });
});

describe('AUTOPILOT-PARTNER-DEVICES', () => {
  it('AUTOPILOT-PARTNER-DEVICES: the partner applies and removes a profile on a device it added', () => {
    const world = resellerWorld(false);
    const profileId = givenProfile(world);
    expectAllowed(act(world, 'a-admin', { type: 'addAutopilotDevices', customerId: C1, devices: [{ serialNumber: 'SN-1', deviceId: 'dev-1' }] }));
    const d = act(world, 'a-admin', { type: 'applyAutopilotProfile', customerId: C1, profileId, deviceIds: ['dev-1'] });
    expectAllowed(d, 'AUTOPILOT-PARTNER-DEVICES');
    expect(d.outcome === 'allowed' && d.effects).toEqual([{ type: 'autopilot.profileApplied', profileId, deviceIds: ['dev-1'] }]);
    expect(seen(world, 'a-admin', { type: 'autopilotDevices', customerId: C1 })[0]).toMatchObject({ id: 'dev-1', profileId });
    expectAllowed(act(world, 'a-admin', { type: 'removeAutopilotProfile', customerId: C1, deviceIds: ['dev-1'] }), 'AUTOPILOT-PARTNER-DEVICES');
  });

  it('AUTOPILOT-PARTNER-DEVICES: the partner manages, and may remove, a device another partner added, without DAP', () => {
    const world = resellerWorld(false);
    const profileId = givenProfile(world);
    const deviceId = partnerDevice(world, 'dev-b', B);
    expect(seen(world, 'a-admin', { type: 'autopilotDevices', customerId: C1 })).toEqual([expect.objectContaining({ id: deviceId, source: 'partner', addedByPartnerId: B })]);
    expectAllowed(act(world, 'a-admin', { type: 'applyAutopilotProfile', customerId: C1, profileId, deviceIds: [deviceId] }), 'AUTOPILOT-PARTNER-DEVICES', 'AUTOPILOT-PROFILES-WITHOUT-DAP');
    expectAllowed(act(world, 'a-admin', { type: 'removeAutopilotProfile', customerId: C1, deviceIds: [deviceId] }), 'AUTOPILOT-PARTNER-DEVICES');
    const removed = act(world, 'a-sales', { type: 'removeAutopilotDevice', customerId: C1, deviceId });
    expectAllowed(removed, 'AUTOPILOT-PARTNER-DEVICES');
    expect(removed.outcome === 'allowed' && removed.effects).toEqual([{ type: 'autopilot.deviceRemoved', deviceId }]);
    expect(seen(world, 'a-admin', { type: 'autopilotDevices', customerId: C1 })).toEqual([]);
    // The serial number is free again.
    expectAllowed(act(world, 'a-admin', { type: 'addAutopilotDevices', customerId: C1, devices: [{ serialNumber: 'sn-dev-b' }] }));
  });

  it('AUTOPILOT-PARTNER-DEVICES: a batch mixing a partner device with a customer device is refused whole, and nothing changes', () => {
    const world = resellerWorld(false);
    const profileId = givenProfile(world);
    const mine = partnerDevice(world, 'dev-a', A);
    const theirs = customerDevice(world, 'dev-c', 'store-for-business');
    const d = expectUnchanged(world, () => act(world, 'a-admin', { type: 'applyAutopilotProfile', customerId: C1, profileId, deviceIds: [mine, theirs] }));
    expectRefused(d, 'CUSTOMER_ADDED_DEVICE', 'AUTOPILOT-CUSTOMER-DEVICES');
    expect(d.rules).not.toContain('AUTOPILOT-PARTNER-DEVICES');
    expect(seen(world, 'a-admin', { type: 'autopilotDevices', customerId: C1 }).every((x) => x.profileId === undefined)).toBe(true);
  });

  it("AUTOPILOT-PARTNER-DEVICES: removing another partner's device without DAP is allowed under current, refused DEVICE_NOT_OWN under proposed", () => {
    const world = resellerWorld(false);
    const deviceId = partnerDevice(world, 'dev-b', B);
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'removeAutopilotDevice', customerId: C1, deviceId }, PROPOSED)), 'DEVICE_NOT_OWN', 'AUTOPILOT-REMOVE-OTHERS-NEED-DAP');
    expectAllowed(act(world, 'a-admin', { type: 'removeAutopilotDevice', customerId: C1, deviceId }, CURRENT), 'AUTOPILOT-PARTNER-DEVICES');
  });
});

describe('AUTOPILOT-CUSTOMER-DEVICES', () => {
  it('AUTOPILOT-CUSTOMER-DEVICES: under current, a profile applied to a customer-added device cannot be updated or deleted (that would manage the device); under proposed with DAP it can', () => {
    const world = baseWorld();
    becomeReseller(world, 'a', 'c1');
    must(setup.addAutopilotProfile(world, { id: 'shared-profile', customerId: C1, name: 'Shared' }));
    must(setup.addDevice(world, { id: 'intune-device', customerId: C1, serialNumber: 'INT-1', source: 'intune', profileId: 'shared-profile' }));
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'updateAutopilotProfile', customerId: C1, profileId: 'shared-profile', name: 'Renamed' })), 'CUSTOMER_ADDED_DEVICE', 'AUTOPILOT-CUSTOMER-DEVICES');
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'deleteAutopilotProfile', customerId: C1, profileId: 'shared-profile' })), 'CUSTOMER_ADDED_DEVICE', 'AUTOPILOT-CUSTOMER-DEVICES');
    expect(world.devices.get('intune-device')!.profileId).toBe('shared-profile');
    expectAllowed(act(world, 'a-admin', { type: 'deleteAutopilotProfile', customerId: C1, profileId: 'shared-profile' }, { profile: 'proposed' }), 'AUTOPILOT-PROFILES-NEED-DAP');
    expect(world.devices.get('intune-device')!.profileId).toBeUndefined();
  });

  it('AUTOPILOT-CUSTOMER-DEVICES: the three customer sources are listed with their source', () => {
    const world = resellerWorld(false);
    for (const source of CUSTOMER_DEVICE_SOURCES) customerDevice(world, `dev-${source}`, source);
    const rows = seen(world, 'a-admin', { type: 'autopilotDevices', customerId: C1 });
    expect(rows.map((r) => [r.source, r.addedByPartnerId])).toEqual([
      ['store-for-business', undefined],
      ['store-for-education', undefined],
      ['intune', undefined],
    ]);
    const own = look(world, 'c1-ga', { type: 'autopilotDevices', customerId: C1 });
    expectAllowed(own, 'AUTOPILOT-CUSTOMER-DEVICES');
  });

  for (const source of CUSTOMER_DEVICE_SOURCES) {
    it(`AUTOPILOT-CUSTOMER-DEVICES: a device added through ${source} cannot be managed (current), even with DAP, and nothing changes`, () => {
      const world = resellerWorld(true);
      const profileId = givenProfile(world);
      const deviceId = customerDevice(world, 'dev-c', source);
      expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'applyAutopilotProfile', customerId: C1, profileId, deviceIds: [deviceId] })), 'CUSTOMER_ADDED_DEVICE', 'AUTOPILOT-CUSTOMER-DEVICES');
      expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'removeAutopilotProfile', customerId: C1, deviceIds: [deviceId] })), 'CUSTOMER_ADDED_DEVICE', 'AUTOPILOT-CUSTOMER-DEVICES');
      expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'removeAutopilotDevice', customerId: C1, deviceId })), 'CUSTOMER_ADDED_DEVICE', 'AUTOPILOT-CUSTOMER-DEVICES');
      expectRefused(expectUnchanged(world, () => act(world, 'a-sales', { type: 'removeAutopilotDevice', customerId: C1, deviceId })), 'CUSTOMER_ADDED_DEVICE', 'AUTOPILOT-CUSTOMER-DEVICES');
    });

    it(`AUTOPILOT-CUSTOMER-DEVICES: a device added through ${source} is refused without DAP too, while a partner device beside it is manageable`, () => {
      const world = resellerWorld(false);
      const profileId = givenProfile(world);
      const deviceId = customerDevice(world, 'dev-c', source);
      const mine = partnerDevice(world, 'dev-a', A);
      expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'applyAutopilotProfile', customerId: C1, profileId, deviceIds: [deviceId] })), 'CUSTOMER_ADDED_DEVICE', 'AUTOPILOT-CUSTOMER-DEVICES');
      expectAllowed(act(world, 'a-admin', { type: 'applyAutopilotProfile', customerId: C1, profileId, deviceIds: [mine] }), 'AUTOPILOT-PARTNER-DEVICES');
    });
  }

  it('AUTOPILOT-CUSTOMER-DEVICES: under proposed with DAP, customer-added devices are in reach ("any devices")', () => {
    const world = resellerWorld(true);
    const profileId = givenProfile(world);
    const deviceId = customerDevice(world, 'dev-c', 'intune');
    expectRefused(act(world, 'a-admin', { type: 'applyAutopilotProfile', customerId: C1, profileId, deviceIds: [deviceId] }, CURRENT), 'CUSTOMER_ADDED_DEVICE', 'AUTOPILOT-CUSTOMER-DEVICES');
    const d = act(world, 'a-admin', { type: 'applyAutopilotProfile', customerId: C1, profileId, deviceIds: [deviceId] }, PROPOSED);
    expectAllowed(d, 'AUTOPILOT-PROFILES-NEED-DAP');
    expect(d.rules).not.toContain('AUTOPILOT-CUSTOMER-DEVICES');
    expect(seen(world, 'c1-ga', { type: 'autopilotDevices', customerId: C1 })[0]).toMatchObject({ id: deviceId, profileId });
  });
});

describe('AUTOPILOT-PROFILES-NEED-DAP', () => {
  it('AUTOPILOT-PROFILES-NEED-DAP: without DAP every profile operation is refused NO_DAP under proposed, and nothing changes', () => {
    const world = resellerWorld(false);
    const ops = profileOps(world, PROPOSED);
    for (const op of [ops.create, ops.update, ops.apply, ops.unapply, ops.remove]) {
      expectRefused(expectUnchanged(world, op), 'NO_DAP', 'AUTOPILOT-PROFILES-NEED-DAP');
    }
  });

  it('AUTOPILOT-PROFILES-NEED-DAP: with DAP every profile operation is allowed under proposed and names the rule', () => {
    const world = resellerWorld(true);
    const ops = profileOps(world, PROPOSED);
    for (const op of [ops.create, ops.update, ops.apply, ops.unapply, ops.remove]) {
      const d = op();
      expectAllowed(d, 'AUTOPILOT-PROFILES-NEED-DAP', 'AUTOPILOT-NEEDS-RESELLER');
      expect(d.rules).not.toContain('AUTOPILOT-PROFILES-WITHOUT-DAP');
    }
  });

  it('AUTOPILOT-PROFILES-NEED-DAP: after the customer removes DAP, the same update is allowed under current and refused under proposed', () => {
    const world = resellerWorld(true);
    const profileId = givenProfile(world);
    const update = (options: PerformOptions) => act(world, 'a-admin', { type: 'updateAutopilotProfile', customerId: C1, profileId, description: 'v2' }, options);
    expectAllowed(update(PROPOSED), 'AUTOPILOT-PROFILES-NEED-DAP');
    removeDapAsCustomer(world, 'c1', A);
    expectRefused(expectUnchanged(world, () => update(PROPOSED)), 'NO_DAP', 'AUTOPILOT-PROFILES-NEED-DAP');
    expectAllowed(update(CURRENT), 'AUTOPILOT-PROFILES-WITHOUT-DAP');
    expect(seen(world, 'a-admin', { type: 'autopilotProfiles', customerId: C1 })[0]).toMatchObject({ description: 'v2' });
  });

  it('AUTOPILOT-PROFILES-NEED-DAP: a re-grant brings profile work back under proposed', () => {
    const world = resellerWorld(true);
    removeDapAsCustomer(world, 'c1', A);
    expectRefused(act(world, 'a-admin', { type: 'createAutopilotProfile', customerId: C1, name: 'X' }, PROPOSED), 'NO_DAP');
    grantDap(world, 'a', 'c1');
    expectAllowed(act(world, 'a-admin', { type: 'createAutopilotProfile', customerId: C1, name: 'X' }, PROPOSED), 'AUTOPILOT-PROFILES-NEED-DAP');
  });

  it('AUTOPILOT-PROFILES-NEED-DAP: deleting a profile under proposed with DAP unassigns its devices', () => {
    const world = resellerWorld(true);
    const profileId = givenProfile(world);
    const deviceId = must(setup.addDevice(world, { id: 'dev-1', customerId: C1, serialNumber: 'SN-1', source: 'partner', addedByPartnerId: A, profileId }));
    expect(seen(world, 'a-admin', { type: 'autopilotProfiles', customerId: C1 })[0]?.devicesAssigned).toBe(1);
    const d = act(world, 'a-admin', { type: 'deleteAutopilotProfile', customerId: C1, profileId }, PROPOSED);
    expectAllowed(d, 'AUTOPILOT-PROFILES-NEED-DAP');
    expect(d.outcome === 'allowed' && d.effects).toEqual([{ type: 'autopilot.profileDeleted', profileId, unassignedDeviceIds: [deviceId] }]);
    expect(seen(world, 'a-admin', { type: 'autopilotDevices', customerId: C1 })[0]?.profileId).toBeUndefined();
  });

  it('AUTOPILOT-PROFILES-NEED-DAP: adding devices is not a profile operation: allowed without DAP under proposed', () => {
    const world = resellerWorld(false);
    const d = act(world, 'a-sales', { type: 'addAutopilotDevices', customerId: C1, devices: [{ serialNumber: 'SN-1' }] }, PROPOSED);
    expectAllowed(d, 'AUTOPILOT-AGENT-ROLES');
    expect(d.rules).not.toContain('AUTOPILOT-PROFILES-NEED-DAP');
  });
});

describe('AUTOPILOT-REMOVE-OTHERS-NEED-DAP', () => {
  it('AUTOPILOT-REMOVE-OTHERS-NEED-DAP: without DAP the partner removes a device it added itself', () => {
    const world = resellerWorld(false);
    expectAllowed(act(world, 'a-sales', { type: 'addAutopilotDevices', customerId: C1, devices: [{ serialNumber: 'SN-1', deviceId: 'dev-1' }] }, PROPOSED));
    expectAllowed(act(world, 'a-admin', { type: 'removeAutopilotDevice', customerId: C1, deviceId: 'dev-1' }, PROPOSED), 'AUTOPILOT-REMOVE-OTHERS-NEED-DAP');
    expect(seen(world, 'a-admin', { type: 'autopilotDevices', customerId: C1 })).toEqual([]);
  });

  it("AUTOPILOT-REMOVE-OTHERS-NEED-DAP: without DAP another partner's device and each customer-added device are refused DEVICE_NOT_OWN", () => {
    const world = resellerWorld(false);
    const others = [partnerDevice(world, 'dev-b', B), ...CUSTOMER_DEVICE_SOURCES.map((s) => customerDevice(world, `dev-${s}`, s))];
    for (const deviceId of others) {
      expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'removeAutopilotDevice', customerId: C1, deviceId }, PROPOSED)), 'DEVICE_NOT_OWN', 'AUTOPILOT-REMOVE-OTHERS-NEED-DAP');
    }
    expect(seen(world, 'a-admin', { type: 'autopilotDevices', customerId: C1 })).toHaveLength(4);
  });

  it("AUTOPILOT-REMOVE-OTHERS-NEED-DAP: with DAP another partner's device and customer-added devices are removable", () => {
    const world = resellerWorld(true);
    const others = [partnerDevice(world, 'dev-b', B), ...CUSTOMER_DEVICE_SOURCES.map((s) => customerDevice(world, `dev-${s}`, s))];
    for (const deviceId of others) {
      expectAllowed(act(world, 'a-admin', { type: 'removeAutopilotDevice', customerId: C1, deviceId }, PROPOSED), 'AUTOPILOT-REMOVE-OTHERS-NEED-DAP');
    }
    expect(seen(world, 'a-admin', { type: 'autopilotDevices', customerId: C1 })).toEqual([]);
  });

  it('AUTOPILOT-REMOVE-OTHERS-NEED-DAP: a customer-added device with DAP is removable under proposed but not under current', () => {
    const world = resellerWorld(true);
    const deviceId = customerDevice(world, 'dev-c', 'store-for-education');
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'removeAutopilotDevice', customerId: C1, deviceId }, CURRENT)), 'CUSTOMER_ADDED_DEVICE', 'AUTOPILOT-CUSTOMER-DEVICES');
    expectAllowed(act(world, 'a-admin', { type: 'removeAutopilotDevice', customerId: C1, deviceId }, PROPOSED), 'AUTOPILOT-REMOVE-OTHERS-NEED-DAP');
  });

  it('AUTOPILOT-REMOVE-OTHERS-NEED-DAP: losing DAP takes away removal of others’ devices, not of its own', () => {
    const world = resellerWorld(true);
    const mine = partnerDevice(world, 'dev-a', A);
    const theirs = partnerDevice(world, 'dev-b', B);
    removeDapAsCustomer(world, 'c1', A);
    expectRefused(expectUnchanged(world, () => act(world, 'a-admin', { type: 'removeAutopilotDevice', customerId: C1, deviceId: theirs }, PROPOSED)), 'DEVICE_NOT_OWN', 'AUTOPILOT-REMOVE-OTHERS-NEED-DAP');
    expectAllowed(act(world, 'a-admin', { type: 'removeAutopilotDevice', customerId: C1, deviceId: mine }, PROPOSED), 'AUTOPILOT-REMOVE-OTHERS-NEED-DAP');
  });
});

describe('autopilot input', () => {
  it('a device or profile of another customer, or an unknown one, is invalid', () => {
    const world = resellerWorld(true);
    becomeReseller(world, 'a', 'c2', true);
    const elsewhere = partnerDevice(world, 'dev-c2', A, C2);
    const profileId = givenProfile(world);
    expectInvalid(expectUnchanged(world, () => act(world, 'a-admin', { type: 'removeAutopilotDevice', customerId: C1, deviceId: elsewhere })), 'UNKNOWN_DEVICE', '/deviceId');
    expectInvalid(expectUnchanged(world, () => act(world, 'a-admin', { type: 'applyAutopilotProfile', customerId: C1, profileId, deviceIds: ['nope'] })), 'UNKNOWN_DEVICE', '/deviceIds/0');
    expectInvalid(expectUnchanged(world, () => act(world, 'a-admin', { type: 'applyAutopilotProfile', customerId: C2, profileId, deviceIds: [elsewhere] })), 'UNKNOWN_PROFILE', '/profileId');
    expectInvalid(expectUnchanged(world, () => act(world, 'a-admin', { type: 'updateAutopilotProfile', customerId: C1, profileId: 'nope', name: 'X' })), 'UNKNOWN_PROFILE', '/profileId');
  });

  it('a serial number already registered in any tenant, whatever its case, is DEVICE_REGISTERED', () => {
    const world = resellerWorld(false);
    partnerDevice(world, 'dev-1', B, C2);
    expectInvalid(expectUnchanged(world, () => act(world, 'a-admin', { type: 'addAutopilotDevices', customerId: C1, devices: [{ serialNumber: 'sn-dev-1' }] })), 'DEVICE_REGISTERED', '/devices/0/serialNumber');
  });

  it('a serial number twice in one batch is DEVICE_REGISTERED, and the refused batch adds nothing', () => {
    const world = resellerWorld(false);
    const d = act(world, 'a-admin', { type: 'addAutopilotDevices', customerId: C1, devices: [{ serialNumber: 'X1' }, { serialNumber: 'x1' }] });
    expectInvalid(d, 'DEVICE_REGISTERED', '/devices/1/serialNumber');
    expect(seen(world, 'a-admin', { type: 'autopilotDevices', customerId: C1 })).toEqual([]);
  });

  it('an invalid batch changes nothing, not even the id counter: the world is as before, byte for byte', () => {
    // perform.ts and decision.ts: an invalid action leaves the world exactly as it was. The batch
    // below draws an id for its first device before the second device's serial number is found
    // to be registered; the snapshot's version (seq:idCounter) then differs.
    const world = resellerWorld(false);
    partnerDevice(world, 'dev-1', B, C2);
    expectInvalid(expectUnchanged(world, () => act(world, 'a-admin', { type: 'addAutopilotDevices', customerId: C1, devices: [{ serialNumber: 'NEW-1' }, { serialNumber: 'SN-dev-1' }] })), 'DEVICE_REGISTERED', '/devices/1/serialNumber');
  });

  it('an empty device list, a missing serial number or an empty deviceIds list is malformed', () => {
    const world = resellerWorld(false);
    const profileId = givenProfile(world);
    expectInvalid(expectUnchanged(world, () => act(world, 'a-admin', { type: 'addAutopilotDevices', customerId: C1, devices: [] })), 'MALFORMED', '/devices');
    expectInvalid(expectUnchanged(world, () => act(world, 'a-admin', { type: 'addAutopilotDevices', customerId: C1, devices: [{ serialNumber: '' }] })), 'MALFORMED', '/devices/0/serialNumber');
    expectInvalid(expectUnchanged(world, () => act(world, 'a-admin', { type: 'applyAutopilotProfile', customerId: C1, profileId, deviceIds: [] })), 'MALFORMED', '/deviceIds');
  });
});

// Whole decisions, exactly: rules named, effects, records, and what each refusal or invalid answer says.
describe('Autopilot decisions, exactly', () => {
  it('AUTOPILOT-PARTNER-DEVICES: a batch is added with derived or named ids, its details kept when they are strings', () => {
    const world = resellerWorld(false);
    const twin = resellerWorld(false);
    const d = act(world, 'a-sales', { type: 'addAutopilotDevices', customerId: C1, batchId: 'b-1', devices: [{ serialNumber: 'sn-a', productKey: 'PK-1', hardwareHash: 'HH', manufacturer: 'Contoso', model: 'M1' }, { serialNumber: 'SN-B', deviceId: 'dev-b', productKey: 5, model: null }] } as never, CURRENT);
    const first = twin.nextId('device');
    expect(d).toEqual({ outcome: 'allowed', result: undefined, rules: ['AUTOPILOT-AGENT-ROLES', 'AUTOPILOT-NEEDS-RESELLER'], effects: [{ type: 'autopilot.devicesAdded', deviceIds: [first, 'dev-b'] }] });
    expect(world.devices.get(first)).toEqual({ id: first, customerId: C1, serialNumber: 'sn-a', source: 'partner', addedByPartnerId: A, batchId: 'b-1', profileId: undefined, productKey: 'PK-1', hardwareHash: 'HH', manufacturer: 'Contoso', model: 'M1' });
    expect(world.devices.get('dev-b')).toEqual({ id: 'dev-b', customerId: C1, serialNumber: 'SN-B', source: 'partner', addedByPartnerId: A, batchId: 'b-1', profileId: undefined, productKey: undefined, hardwareHash: undefined, manufacturer: undefined, model: undefined });
    expect(world.customer(C1)!.deviceIds).toEqual([first, 'dev-b']);
    // Serial numbers are unique whatever their case.
    expect(expectUnchanged(world, () => act(world, 'a-sales', { type: 'addAutopilotDevices', customerId: C1, devices: [{ serialNumber: 'SN-A' }] }))).toMatchObject({ code: 'DEVICE_REGISTERED', path: '/devices/0/serialNumber', message: 'A device with this serial number is already registered to a tenant. "SN-A"' });
    expectAllowed(act(world, 'a-sales', { type: 'removeAutopilotDevice', customerId: C1, deviceId: first }));
    expectAllowed(act(world, 'a-sales', { type: 'addAutopilotDevices', customerId: C1, devices: [{ serialNumber: 'Sn-A' }] }));
  });

  it('AUTOPILOT-PARTNER-DEVICES: each bad device of a batch is invalid at its pointer, and nothing is added', () => {
    const world = resellerWorld(false);
    partnerDevice(world, 'dev-1', A);
    const add = (devices: unknown) => expectUnchanged(world, () => act(world, 'a-admin', { type: 'addAutopilotDevices', customerId: C1, devices } as never));
    expect(add([])).toMatchObject({ code: 'MALFORMED', path: '/devices', message: 'A parameter is missing or has the wrong type. Expected a non-empty list of devices, each with a serialNumber.' });
    expect(add([{ serialNumber: 'X-1' }, 'X-2'])).toMatchObject({ code: 'MALFORMED', path: '/devices/1', message: 'A parameter is missing or has the wrong type. Each device is an object with a serialNumber.' });
    expect(add([null])).toMatchObject({ code: 'MALFORMED', path: '/devices/0' });
    expect(add([{ serialNumber: '' }])).toMatchObject({ code: 'MALFORMED', path: '/devices/0/serialNumber' });
    expect(add([{ serialNumber: 'X-1' }, { serialNumber: 'x-1' }])).toMatchObject({ code: 'DEVICE_REGISTERED', path: '/devices/1/serialNumber', message: 'A device with this serial number is already registered to a tenant. "x-1"' });
    expect(add([{ serialNumber: 'X-1', deviceId: 5 }])).toMatchObject({ code: 'MALFORMED', path: '/devices/0/deviceId', message: expect.stringContaining('at "deviceId", got a number.') });
    expect(add([{ serialNumber: 'X-1', deviceId: 'dev-1' }])).toMatchObject({ code: 'ALREADY_EXISTS', path: '/devices/0/deviceId', message: 'An object with this id or unique name already exists. "dev-1"' });
    expect(add([{ serialNumber: 'X-1', deviceId: 'dev-9' }, { serialNumber: 'X-2', deviceId: 'dev-9' }])).toMatchObject({ code: 'ALREADY_EXISTS', path: '/devices/1/deviceId' });
    expectAllowed(act(world, 'a-admin', { type: 'addAutopilotDevices', customerId: C1, devices: [{ serialNumber: 'X-1' }, { serialNumber: 'X-2' }] }));
  });

  it('AUTOPILOT-AGENT-ROLES: the gate refuses with what it needs: a partner user, an agent of the right group, a reseller relationship', () => {
    const world = resellerWorld(false);
    expect(act(world, 'c1-ga', { type: 'createAutopilotProfile', customerId: C1, name: 'P' })).toMatchObject({ outcome: 'invalid', code: 'NOT_A_PARTNER_USER', path: '/actor', message: 'The actor is a customer user where a partner user is needed. This models Autopilot management from Partner Center.' });
    expect(act(world, 'a-sales', { type: 'createAutopilotProfile', customerId: C1, name: 'P' })).toMatchObject({ outcome: 'refused', code: 'NOT_ADMIN_AGENT', rules: ['AUTOPILOT-AGENT-ROLES'], message: 'Only an Admin agent of the partner may do this. Only Admin agents manage Autopilot profiles.' });
    expect(act(world, 'a-helpdesk', { type: 'addAutopilotDevices', customerId: C1, devices: [{ serialNumber: 'X' }] })).toMatchObject({ outcome: 'refused', code: 'NOT_ADMIN_OR_SALES_AGENT', rules: ['AUTOPILOT-AGENT-ROLES'], message: 'Only an Admin agent or a Sales agent of the partner may do this. Admin agents and Sales agents manage Autopilot devices.' });
    expect(act(world, 'a-admin', { type: 'addAutopilotDevices', customerId: C2, devices: [{ serialNumber: 'X' }] })).toMatchObject({ outcome: 'refused', code: 'NO_RESELLER_RELATIONSHIP', rules: ['AUTOPILOT-NEEDS-RESELLER'], message: 'The partner has no reseller relationship with the customer. "Tailspin Toys" has no reseller relationship with "Contoso Partners".' });
    expect(act(world, 'a-admin', { type: 'createAutopilotProfile', customerId: C1, name: 'P' }, PROPOSED)).toMatchObject({ outcome: 'refused', code: 'NO_DAP', rules: ['AUTOPILOT-PROFILES-NEED-DAP'], message: 'The customer has not granted this partner delegated administration. Under the proposed rules, profiles need delegated administration.' });
  });

  it('AUTOPILOT-PROFILES-WITHOUT-DAP: a profile is created with a derived or named id and an empty description by default', () => {
    const world = resellerWorld(false);
    const twin = resellerWorld(false);
    const d = act(world, 'a-admin', { type: 'createAutopilotProfile', customerId: C1, name: 'Kiosk' }, CURRENT);
    const profileId = twin.nextId('autopilotProfile');
    expect(d).toEqual({ outcome: 'allowed', result: undefined, rules: ['AUTOPILOT-AGENT-ROLES', 'AUTOPILOT-NEEDS-RESELLER', 'AUTOPILOT-PROFILES-WITHOUT-DAP'], effects: [{ type: 'autopilot.profileCreated', profileId }] });
    expect(world.profiles.get(profileId)).toEqual({ id: profileId, customerId: C1, name: 'Kiosk', description: '', createdByPartnerId: A });
    expect(world.customer(C1)!.profileIds).toEqual([profileId]);
    expect(act(world, 'a-admin', { type: 'createAutopilotProfile', customerId: C1, name: 'Std', description: 'd', profileId: 'p-std' })).toMatchObject({ effects: [{ type: 'autopilot.profileCreated', profileId: 'p-std' }] });
    expect(expectUnchanged(world, () => act(world, 'a-admin', { type: 'createAutopilotProfile', customerId: C1, name: 'Again', profileId: 'p-std' }))).toMatchObject({ code: 'ALREADY_EXISTS', path: '/profileId', message: 'An object with this id or unique name already exists. "p-std"' });
    expectInvalid(expectUnchanged(world, () => act(world, 'a-admin', { type: 'createAutopilotProfile', customerId: C1, name: 'Again', profileId: '' })), 'MALFORMED', '/profileId');
    const withDap = resellerWorld(true);
    expect(act(withDap, 'a-admin', { type: 'createAutopilotProfile', customerId: C1, name: 'Kiosk' }, CURRENT).rules).toEqual(['AUTOPILOT-AGENT-ROLES', 'AUTOPILOT-NEEDS-RESELLER']);
    expect(act(withDap, 'a-admin', { type: 'createAutopilotProfile', customerId: C1, name: 'Kiosk 2' }, PROPOSED).rules).toEqual(['AUTOPILOT-AGENT-ROLES', 'AUTOPILOT-NEEDS-RESELLER', 'AUTOPILOT-PROFILES-NEED-DAP']);
  });

  it('AUTOPILOT-CUSTOMER-DEVICES: updating a profile touches only the devices holding it; what is not given stays', () => {
    const world = resellerWorld(false);
    const profileId = givenProfile(world, 'prof-1');
    must(setup.addAutopilotProfile(world, { id: 'prof-2', customerId: C1, name: 'Other', description: 'keep' }));
    const mine = partnerDevice(world, 'dev-mine', A);
    customerDevice(world, 'dev-theirs', 'intune');
    // A profile no device holds: no device rule to name.
    expect(act(world, 'a-admin', { type: 'updateAutopilotProfile', customerId: C1, profileId: 'prof-2', name: 'Other 2' }, CURRENT)).toEqual({ outcome: 'allowed', result: undefined, rules: ['AUTOPILOT-AGENT-ROLES', 'AUTOPILOT-NEEDS-RESELLER', 'AUTOPILOT-PROFILES-WITHOUT-DAP'], effects: [{ type: 'autopilot.profileUpdated', profileId: 'prof-2' }] });
    expect(world.profiles.get('prof-2')).toMatchObject({ name: 'Other 2', description: 'keep' });
    expectAllowed(act(world, 'a-admin', { type: 'applyAutopilotProfile', customerId: C1, profileId, deviceIds: [mine] }, CURRENT));
    const d = act(world, 'a-admin', { type: 'updateAutopilotProfile', customerId: C1, profileId, description: 'new' }, CURRENT);
    expect(d.rules).toEqual(['AUTOPILOT-AGENT-ROLES', 'AUTOPILOT-NEEDS-RESELLER', 'AUTOPILOT-PROFILES-WITHOUT-DAP', 'AUTOPILOT-PARTNER-DEVICES']);
    expect(world.profiles.get(profileId)).toMatchObject({ name: 'Standard', description: 'new' });
    expect(act(world, 'a-admin', { type: 'deleteAutopilotProfile', customerId: C1, profileId }, CURRENT)).toEqual({ outcome: 'allowed', result: undefined, rules: ['AUTOPILOT-AGENT-ROLES', 'AUTOPILOT-NEEDS-RESELLER', 'AUTOPILOT-PROFILES-WITHOUT-DAP', 'AUTOPILOT-PARTNER-DEVICES'], effects: [{ type: 'autopilot.profileDeleted', profileId, unassignedDeviceIds: [mine] }] });
    expect(world.devices.get(mine)!.profileId).toBeUndefined();
    expect(world.customer(C1)!.profileIds).toEqual(['prof-2']);
  });

  it('AUTOPILOT-CUSTOMER-DEVICES: the refusal names the device and where it came from', () => {
    const world = resellerWorld(false);
    const profileId = givenProfile(world);
    const theirs = customerDevice(world, 'dev-theirs', 'store-for-business');
    expect(expectUnchanged(world, () => act(world, 'a-admin', { type: 'applyAutopilotProfile', customerId: C1, profileId, deviceIds: [theirs] }, CURRENT))).toMatchObject({ code: 'CUSTOMER_ADDED_DEVICE', rules: ['AUTOPILOT-CUSTOMER-DEVICES'], message: 'The customer added this device through Store for Business, Store for Education or Intune. Device "SN-dev-theirs" came from store-for-business.' });
  });

  it('AUTOPILOT-REMOVE-OTHERS-NEED-DAP: the refusal says who added the device: the customer (and how) or another partner', () => {
    const world = resellerWorld(false);
    becomeReseller(world, 'b', 'c1', false);
    const theirs = customerDevice(world, 'dev-theirs', 'intune');
    const bs = partnerDevice(world, 'dev-b', B);
    const mine = partnerDevice(world, 'dev-a', A);
    expect(expectUnchanged(world, () => act(world, 'a-admin', { type: 'removeAutopilotDevice', customerId: C1, deviceId: theirs }, PROPOSED))).toMatchObject({ code: 'DEVICE_NOT_OWN', rules: ['AUTOPILOT-REMOVE-OTHERS-NEED-DAP'], message: 'Without DAP a partner removes only the devices it added itself. Device "SN-dev-theirs" was added by the customer (intune).' });
    expect(expectUnchanged(world, () => act(world, 'a-admin', { type: 'removeAutopilotDevice', customerId: C1, deviceId: bs }, PROPOSED))).toMatchObject({ code: 'DEVICE_NOT_OWN', message: 'Without DAP a partner removes only the devices it added itself. Device "SN-dev-b" was added by another partner.' });
    expect(act(world, 'a-admin', { type: 'removeAutopilotDevice', customerId: C1, deviceId: mine }, PROPOSED)).toEqual({ outcome: 'allowed', result: undefined, rules: ['AUTOPILOT-AGENT-ROLES', 'AUTOPILOT-NEEDS-RESELLER', 'AUTOPILOT-REMOVE-OTHERS-NEED-DAP'], effects: [{ type: 'autopilot.deviceRemoved', deviceId: mine }] });
    expect(world.deviceBySerial.has('SN-DEV-A')).toBe(false);
    expect(world.customer(C1)!.deviceIds).toEqual([theirs, bs]);
  });

  it('AUTOPILOT-PARTNER-DEVICES: applying and removing a profile, exactly', () => {
    const world = resellerWorld(false);
    const profileId = givenProfile(world);
    const one = partnerDevice(world, 'dev-1', A);
    const two = partnerDevice(world, 'dev-2', A);
    const rules = ['AUTOPILOT-AGENT-ROLES', 'AUTOPILOT-NEEDS-RESELLER', 'AUTOPILOT-PROFILES-WITHOUT-DAP', 'AUTOPILOT-PARTNER-DEVICES'];
    expect(act(world, 'a-admin', { type: 'applyAutopilotProfile', customerId: C1, profileId, deviceIds: [one, two] }, CURRENT)).toEqual({ outcome: 'allowed', result: undefined, rules, effects: [{ type: 'autopilot.profileApplied', profileId, deviceIds: [one, two] }] });
    expect(act(world, 'a-admin', { type: 'removeAutopilotProfile', customerId: C1, deviceIds: [two] }, CURRENT)).toEqual({ outcome: 'allowed', result: undefined, rules, effects: [{ type: 'autopilot.profileRemoved', deviceIds: [two] }] });
    expect([world.devices.get(one)!.profileId, world.devices.get(two)!.profileId]).toEqual([profileId, undefined]);
    expect(expectUnchanged(world, () => act(world, 'a-admin', { type: 'applyAutopilotProfile', customerId: C1, profileId, deviceIds: [one, 'dev-9'] }, CURRENT))).toMatchObject({ code: 'UNKNOWN_DEVICE', path: '/deviceIds/1' });
  });
});
