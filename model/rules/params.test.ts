import { describe as group, expect, it } from 'vitest';
import { bool, customerAt, customerOrOwn, deviceIn, describe, newIdFor, oneOf, optBool, optStr, partnerAt, profileIn, str, strList, subscriptionAt, tenantAt, userIn } from './params.ts';
import { setup } from '../index.ts';
import { A, C1, C2, baseWorld, must } from '../../test/fixture.ts';

// Parameter checks: every bad parameter is MALFORMED or UNKNOWN_* at its JSON pointer, and the
// message says what was expected and what came (scenario authors and HTTP clients read these).

group('parameter readers', () => {
  it('describe names what came: nothing, null, a list, a string (quoted, long ones cut at 57 characters), or its type', () => {
    expect(describe(undefined)).toBe('nothing');
    expect(describe(null)).toBe('null');
    expect(describe([])).toBe('a list');
    expect(describe(['x'])).toBe('a list');
    expect(describe('')).toBe('an empty string');
    expect(describe('abc')).toBe('"abc"');
    expect(describe('x'.repeat(60))).toBe(`"${'x'.repeat(60)}"`);
    expect(describe('y'.repeat(61))).toBe(`"${'y'.repeat(57)}..."`);
    expect(describe(42)).toBe('a number');
    expect(describe(true)).toBe('a boolean');
    expect(describe({})).toBe('a object');
  });

  it('str takes a non-empty string, else MALFORMED at /key saying what came', () => {
    expect(str('t-1', 'tenantId')).toBe('t-1');
    expect(str('', 'tenantId')).toMatchObject({ outcome: 'invalid', code: 'MALFORMED', path: '/tenantId', message: 'A parameter is missing or has the wrong type. Expected a non-empty string at "tenantId", got an empty string.' });
    expect(str(7, 'userId')).toMatchObject({ code: 'MALFORMED', path: '/userId', message: expect.stringContaining('Expected a non-empty string at "userId", got a number.') });
    expect(optStr(undefined, 'x')).toBeUndefined();
    expect(optStr('v', 'x')).toBe('v');
    expect(optStr(null, 'x')).toMatchObject({ code: 'MALFORMED', path: '/x', message: expect.stringContaining('got null.') });
  });

  it('bool and optBool take true or false only', () => {
    expect(bool(true, 'on')).toBe(true);
    expect(bool(false, 'on')).toBe(false);
    expect(bool('true', 'on')).toMatchObject({ code: 'MALFORMED', path: '/on', message: 'A parameter is missing or has the wrong type. Expected true or false at "on", got "true".' });
    expect(optBool(undefined, 'withDap', true)).toBe(true);
    expect(optBool(undefined, 'withDap', false)).toBe(false);
    expect(optBool(false, 'withDap', true)).toBe(false);
    expect(optBool(0, 'withDap', true)).toMatchObject({ code: 'MALFORMED', path: '/withDap' });
  });

  it('strList takes a non-empty list of non-empty strings, pointing at the bad item', () => {
    expect(strList(['a', 'b'], 'deviceIds')).toEqual(['a', 'b']);
    expect(strList([], 'deviceIds')).toMatchObject({ code: 'MALFORMED', path: '/deviceIds', message: 'A parameter is missing or has the wrong type. Expected a non-empty list of ids at "deviceIds", got a list.' });
    expect(strList('a', 'deviceIds')).toMatchObject({ code: 'MALFORMED', path: '/deviceIds', message: expect.stringContaining('got "a".') });
    expect(strList(['a', ''], 'deviceIds')).toMatchObject({ code: 'MALFORMED', path: '/deviceIds/1', message: 'A parameter is missing or has the wrong type. Expected a non-empty string, got an empty string.' });
    expect(strList(['a', 'b', 3], 'deviceIds')).toMatchObject({ code: 'MALFORMED', path: '/deviceIds/2', message: expect.stringContaining('got a number.') });
    expect(strList([null, 'a'], 'deviceIds')).toMatchObject({ code: 'MALFORMED', path: '/deviceIds/0' });
  });

  it('oneOf takes one of the allowed strings, the fallback when absent, else lists what is allowed', () => {
    const kinds = ['delegated-admin', 'trial-invitation'] as const;
    expect(oneOf('trial-invitation', 'kind', kinds)).toBe('trial-invitation');
    expect(oneOf(undefined, 'kind', kinds, 'delegated-admin')).toBe('delegated-admin');
    expect(oneOf(undefined, 'kind', kinds)).toMatchObject({ code: 'MALFORMED', path: '/kind', message: 'A parameter is missing or has the wrong type. Expected one of "delegated-admin", "trial-invitation" at "kind", got nothing.' });
    expect(oneOf('coupon', 'kind', kinds, 'delegated-admin')).toMatchObject({ code: 'MALFORMED', path: '/kind', message: expect.stringContaining('got "coupon".') });
    expect(oneOf(['delegated-admin'], 'kind', kinds)).toMatchObject({ code: 'MALFORMED', path: '/kind' });
  });

  it('tenants, customers and partners: UNKNOWN_TENANT, NOT_A_CUSTOMER and NOT_A_PARTNER name the id and tenant', () => {
    const world = baseWorld();
    expect(tenantAt(world, C1, 'tenantId')).toBe(world.tenant(C1));
    expect(tenantAt(world, 'nowhere', 'tenantId')).toMatchObject({ code: 'UNKNOWN_TENANT', path: '/tenantId', message: 'No tenant has this id. "nowhere"' });
    expect(tenantAt(world, 5, 'tenantId')).toMatchObject({ code: 'MALFORMED', path: '/tenantId' });
    expect(customerAt(world, C1, 'customerId')).toBe(world.tenant(C1));
    expect(customerAt(world, A, 'customerId')).toMatchObject({ code: 'NOT_A_CUSTOMER', path: '/customerId', message: `The tenant is a partner where a customer is needed. "${A}" is the partner "Contoso Partners".` });
    expect(partnerAt(world, A, 'partnerId')).toBe(world.tenant(A));
    expect(partnerAt(world, C2, 'partnerId')).toMatchObject({ code: 'NOT_A_PARTNER', path: '/partnerId', message: `The tenant is a customer where a partner is needed. "${C2}" is the customer "Tailspin Toys".` });
    expect(partnerAt(world, 'nowhere', 'partnerId')).toMatchObject({ code: 'UNKNOWN_TENANT', path: '/partnerId' });
  });

  it("customerOrOwn: the named customer, or a customer user's own tenant; a partner user must name one", () => {
    const world = baseWorld();
    const c1ga = world.users.get('c1-ga')!;
    const aAdmin = world.users.get('a-admin')!;
    expect(customerOrOwn(world, undefined, 'customerId', c1ga)).toBe(world.tenant(C1));
    expect(customerOrOwn(world, C2, 'customerId', c1ga)).toBe(world.tenant(C2));
    expect(customerOrOwn(world, C2, 'customerId', aAdmin)).toBe(world.tenant(C2));
    expect(customerOrOwn(world, undefined, 'customerId', aAdmin)).toMatchObject({ code: 'MALFORMED', path: '/customerId', message: 'A parameter is missing or has the wrong type. A partner user must name the customer at "customerId".' });
    expect(customerOrOwn(world, A, 'customerId', c1ga)).toMatchObject({ code: 'NOT_A_CUSTOMER' });
  });

  it('users, subscriptions, devices and profiles are looked up within their tenant, else UNKNOWN_* naming the id', () => {
    const world = baseWorld();
    const c1 = world.customer(C1)!;
    expect(userIn(world, c1, 'c1-user', 'userId')).toBe(world.users.get('c1-user'));
    expect(userIn(world, c1, 'c2-user', 'userId')).toMatchObject({ code: 'UNKNOWN_USER', path: '/userId', message: 'No user has this id in the tenant. "c2-user" is not a user of "Northwind Traders".' });
    expect(userIn(world, c1, 'ghost', 'userId')).toMatchObject({ code: 'UNKNOWN_USER', path: '/userId' });
    expect(userIn(world, c1, '', 'userId')).toMatchObject({ code: 'MALFORMED', path: '/userId' });
    must(setup.addSubscription(world, { id: 'sub-1', customerId: C1 }));
    expect(subscriptionAt(world, 'sub-1', 'subscriptionId')).toBe(world.subscriptions.get('sub-1'));
    expect(subscriptionAt(world, 'sub-9', 'subscriptionId')).toMatchObject({ code: 'UNKNOWN_SUBSCRIPTION', path: '/subscriptionId', message: 'No Azure subscription has this id. "sub-9"' });
    expect(subscriptionAt(world, 9, 'subscriptionId')).toMatchObject({ code: 'MALFORMED' });
    must(setup.addDevice(world, { id: 'dev-1', customerId: C1, serialNumber: 'SN-1', source: 'intune' }));
    expect(deviceIn(world, c1, 'dev-1', '/deviceIds/0')).toBe(world.devices.get('dev-1'));
    expect(deviceIn(world, world.customer(C2)!, 'dev-1', '/deviceIds/0')).toMatchObject({ code: 'UNKNOWN_DEVICE', path: '/deviceIds/0', message: 'No Autopilot device has this id in the customer. "dev-1"' });
    expect(deviceIn(world, c1, 'dev-9', '/deviceId')).toMatchObject({ code: 'UNKNOWN_DEVICE', path: '/deviceId' });
    must(setup.addAutopilotProfile(world, { id: 'prof-1', customerId: C1, name: 'Kiosk' }));
    expect(profileIn(world, c1, 'prof-1', 'profileId')).toBe(world.profiles.get('prof-1'));
    expect(profileIn(world, world.customer(C2)!, 'prof-1', 'profileId')).toMatchObject({ code: 'UNKNOWN_PROFILE', path: '/profileId', message: 'No Autopilot profile has this id in the customer. "prof-1"' });
    expect(profileIn(world, c1, 'prof-9', 'profileId')).toMatchObject({ code: 'UNKNOWN_PROFILE', path: '/profileId' });
    expect(profileIn(world, c1, [], 'profileId')).toMatchObject({ code: 'MALFORMED', path: '/profileId' });
  });

  it('newIdFor: the id given, or a fresh one when none is', () => {
    expect(newIdFor(undefined, 'offerId', () => 'fresh')).toBe('fresh');
    expect(newIdFor('mine', 'offerId', () => 'fresh')).toBe('mine');
    expect(newIdFor('', 'offerId', () => 'fresh')).toMatchObject({ code: 'MALFORMED', path: '/offerId' });
  });
});
