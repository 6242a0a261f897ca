/**
 * Windows Autopilot from Partner Center (seed 004), under two rule profiles:
 * - `current` (default): profiles need no DAP (AUTOPILOT-PROFILES-WITHOUT-DAP); partner-added
 *   devices, whichever partner added them, are manageable (AUTOPILOT-PARTNER-DEVICES);
 *   customer-added devices are not (AUTOPILOT-CUSTOMER-DEVICES).
 * - `proposed`: every profile operation, including applying or removing a profile on any device,
 *   needs DAP (AUTOPILOT-PROFILES-NEED-DAP); removing another's device needs DAP
 *   (AUTOPILOT-REMOVE-OTHERS-NEED-DAP). With DAP, customer-added devices are in reach too: the
 *   proposal speaks of "any devices".
 * Both: a reseller relationship (AUTOPILOT-NEEDS-RESELLER) and the right agent role
 * (AUTOPILOT-AGENT-ROLES: Admin agents for profiles; Admin or Sales agents for devices).
 *
 * Decisions written down here: removing a device is device management, so Admin and Sales agents
 * may do it, like adding; under `current`, updating or deleting a profile applied to a customer-added
 * device manages that device (it gets the profile at its next OOBE), so it is refused; a serial number already registered to any tenant is invalid
 * (DEVICE_REGISTERED, Partner Center's ZtdDeviceAssignedToOtherTenant).
 */
import type { RuleId } from '../catalogue.ts';
import { allow, invalid, isNo, refuse, under, type Decision, type Invalid, type Refused } from '../decision.ts';
import type { Effect } from '../effects.ts';
import type { CustomerTenant, Device, PartnerTenant, Relationship, User } from '../types.ts';
import { refuseByMembership } from './access.ts';
import type { Ctx } from './context.ts';
import { customerAt, deviceIn, failed, newIdFor, optStr, profileIn, str, strList, type Params } from './params.ts';
import { addedBySomeoneElse, cameFrom, noResellerRelationship } from './details.ts';

type Need = 'profiles' | 'devices';

interface Gate {
  readonly partner: PartnerTenant;
  readonly customer: CustomerTenant;
  readonly relationship: Relationship;
  readonly rules: RuleId[];
}

/** Partner user, customer, agent role and reseller relationship: common to every Autopilot action. */
function gate(ctx: Ctx, actor: User, p: Params, need: Need): Gate | Refused | Invalid {
  const { world } = ctx;
  const partner = world.partnerOf(actor);
  if (partner === undefined) return invalid('NOT_A_PARTNER_USER', '/actor', 'This models Autopilot management from Partner Center.');
  const customer = customerAt(world, p['customerId'], 'customerId');
  if (failed(customer)) return customer;
  const admin = world.inAgentGroup(partner, actor, 'AdminAgents');
  if (need === 'profiles' && !admin) return refuseByMembership(world, partner, actor, 'NOT_ADMIN_AGENT', ['AUTOPILOT-AGENT-ROLES'], 'Only Admin agents manage Autopilot profiles.');
  if (need === 'devices' && !admin && !world.inAgentGroup(partner, actor, 'SalesAgents')) {
    return refuseByMembership(world, partner, actor, 'NOT_ADMIN_OR_SALES_AGENT', ['AUTOPILOT-AGENT-ROLES'], 'Admin agents and Sales agents manage Autopilot devices.');
  }
  const relationship = partner.relationships.get(customer.id);
  if (relationship === undefined || !relationship.reseller) {
    return refuse('NO_RESELLER_RELATIONSHIP', ['AUTOPILOT-NEEDS-RESELLER'], noResellerRelationship, customer, partner);
  }
  return { partner, customer, relationship, rules: ['AUTOPILOT-AGENT-ROLES', 'AUTOPILOT-NEEDS-RESELLER'] };
}

function blocked(g: Gate | Refused | Invalid): g is Refused | Invalid {
  return isNo(g);
}

/** Profile work: free of DAP under `current`, DAP-bound under `proposed`. */
function profileRule(ctx: Ctx, g: Gate): Refused | undefined {
  if (ctx.profile === 'proposed') {
    if (!g.relationship.dap) return refuse('NO_DAP', ['AUTOPILOT-PROFILES-NEED-DAP'], 'Under the proposed rules, profiles need delegated administration.');
    g.rules.push('AUTOPILOT-PROFILES-NEED-DAP');
  } else if (!g.relationship.dap) {
    g.rules.push('AUTOPILOT-PROFILES-WITHOUT-DAP');
  }
  return undefined;
}

/** Under `current`, a device is in the partner's reach only if a partner added it. */
function deviceRule(ctx: Ctx, g: Gate, devices: readonly Device[]): Refused | undefined {
  if (ctx.profile === 'proposed' || devices.length === 0) return undefined;
  const customerAdded = devices.find((d) => d.source !== 'partner');
  if (customerAdded !== undefined) {
    return refuse('CUSTOMER_ADDED_DEVICE', ['AUTOPILOT-CUSTOMER-DEVICES'], cameFrom, customerAdded);
  }
  g.rules.push('AUTOPILOT-PARTNER-DEVICES');
  return undefined;
}

/**
 * The devices a profile is applied to. Changing or deleting the profile changes what those devices
 * get at their next OOBE, so it manages them: under `current`, not allowed for customer-added ones.
 */
function devicesWithProfile(ctx: Ctx, customer: CustomerTenant, profileId: string): Device[] {
  const out: Device[] = [];
  for (const id of customer.deviceIds) {
    const d = ctx.world.devices.get(id)!;
    if (d.profileId === profileId) out.push(d);
  }
  return out;
}

export function addAutopilotDevices(ctx: Ctx, actor: User, p: Params): Decision {
  const { world } = ctx;
  const raw = p['devices'];
  if (!Array.isArray(raw) || raw.length === 0) return invalid('MALFORMED', '/devices', 'Expected a non-empty list of devices, each with a serialNumber.');
  const batchId = optStr(p['batchId'], 'batchId');
  if (failed(batchId)) return batchId;
  const g = gate(ctx, actor, p, 'devices');
  if (blocked(g)) return g;
  // Check every device before drawing any id: an invalid batch must not even advance the id source.
  const seenSerials = new Set<string>();
  const seenIds = new Set<string>();
  for (let i = 0; i < raw.length; i++) {
    const d = raw[i] as Params;
    if (typeof d !== 'object' || d === null) return invalid('MALFORMED', `/devices/${i}`, 'Each device is an object with a serialNumber.');
    const serial = str(d['serialNumber'], 'serialNumber');
    if (failed(serial)) return under(`/devices/${i}`, serial);
    const key = serial.toUpperCase();
    if (world.deviceBySerial.has(key) || seenSerials.has(key)) return invalid('DEVICE_REGISTERED', `/devices/${i}/serialNumber`, `"${serial}"`);
    seenSerials.add(key);
    const named = optStr(d['deviceId'], 'deviceId');
    if (failed(named)) return under(`/devices/${i}`, named);
    if (named !== undefined && (world.devices.has(named) || seenIds.has(named))) return invalid('ALREADY_EXISTS', `/devices/${i}/deviceId`, `"${named}"`);
    if (named !== undefined) seenIds.add(named);
  }
  const planned = raw.map((d: Params) => ({ id: (d['deviceId'] as string | undefined) ?? ctx.newId('device'), serial: d['serialNumber'] as string, d }));
  world.tick(ctx.now);
  for (const { id, serial, d } of planned) {
    world.devices.set(id, {
      id, customerId: g.customer.id, serialNumber: serial, source: 'partner', addedByPartnerId: g.partner.id, batchId: batchId ?? undefined, profileId: undefined,
      productKey: optional(d, 'productKey'), hardwareHash: optional(d, 'hardwareHash'), manufacturer: optional(d, 'manufacturer'), model: optional(d, 'model'),
    });
    world.deviceBySerial.set(serial.toUpperCase(), id);
    g.customer.deviceIds.push(id);
  }
  return allow(g.rules, [{ type: 'autopilot.devicesAdded', deviceIds: planned.map((x) => x.id) }]);
}

function optional(d: Params, key: string): string | undefined {
  const v = d[key];
  return typeof v === 'string' ? v : undefined;
}

export function removeAutopilotDevice(ctx: Ctx, actor: User, p: Params): Decision {
  const g = gate(ctx, actor, p, 'devices');
  if (blocked(g)) return g;
  const deviceId = str(p['deviceId'], 'deviceId');
  if (failed(deviceId)) return deviceId;
  const device = deviceIn(ctx.world, g.customer, deviceId, '/deviceId');
  if (failed(device)) return device;
  if (ctx.profile === 'proposed') {
    const own = device.addedByPartnerId === g.partner.id;
    if (!own && !g.relationship.dap) {
      return refuse('DEVICE_NOT_OWN', ['AUTOPILOT-REMOVE-OTHERS-NEED-DAP'], addedBySomeoneElse, device);
    }
    g.rules.push('AUTOPILOT-REMOVE-OTHERS-NEED-DAP');
  } else {
    const denied = deviceRule(ctx, g, [device]);
    if (denied !== undefined) return denied;
  }
  ctx.world.tick(ctx.now);
  ctx.world.devices.delete(device.id);
  ctx.world.deviceBySerial.delete(device.serialNumber.toUpperCase());
  g.customer.deviceIds.splice(g.customer.deviceIds.indexOf(device.id), 1);
  return allow(g.rules, [{ type: 'autopilot.deviceRemoved', deviceId: device.id }]);
}

export function createAutopilotProfile(ctx: Ctx, actor: User, p: Params): Decision {
  const name = str(p['name'], 'name');
  if (failed(name)) return name;
  const description = optStr(p['description'], 'description');
  if (failed(description)) return description;
  const g = gate(ctx, actor, p, 'profiles');
  if (blocked(g)) return g;
  const denied = profileRule(ctx, g);
  if (denied !== undefined) return denied;
  const id = newIdFor(p['profileId'], 'profileId', () => ctx.newId('autopilotProfile'));
  if (failed(id)) return id;
  if (ctx.world.profiles.has(id)) return invalid('ALREADY_EXISTS', '/profileId', `"${id}"`);
  ctx.world.tick(ctx.now);
  ctx.world.profiles.set(id, { id, customerId: g.customer.id, name, description: description ?? '', createdByPartnerId: g.partner.id });
  g.customer.profileIds.push(id);
  return allow(g.rules, [{ type: 'autopilot.profileCreated', profileId: id }]);
}

export function updateAutopilotProfile(ctx: Ctx, actor: User, p: Params): Decision {
  const name = optStr(p['name'], 'name');
  if (failed(name)) return name;
  const description = optStr(p['description'], 'description');
  if (failed(description)) return description;
  const g = gate(ctx, actor, p, 'profiles');
  if (blocked(g)) return g;
  const profile = profileIn(ctx.world, g.customer, p['profileId'], 'profileId');
  if (failed(profile)) return profile;
  const denied = profileRule(ctx, g) ?? deviceRule(ctx, g, devicesWithProfile(ctx, g.customer, profile.id));
  if (denied !== undefined) return denied;
  ctx.world.tick(ctx.now);
  if (name !== undefined) profile.name = name;
  if (description !== undefined) profile.description = description;
  return allow(g.rules, [{ type: 'autopilot.profileUpdated', profileId: profile.id }]);
}

export function deleteAutopilotProfile(ctx: Ctx, actor: User, p: Params): Decision {
  const g = gate(ctx, actor, p, 'profiles');
  if (blocked(g)) return g;
  const profile = profileIn(ctx.world, g.customer, p['profileId'], 'profileId');
  if (failed(profile)) return profile;
  const denied = profileRule(ctx, g) ?? deviceRule(ctx, g, devicesWithProfile(ctx, g.customer, profile.id));
  if (denied !== undefined) return denied;
  const { world } = ctx;
  world.tick(ctx.now);
  const unassigned: string[] = [];
  for (const dId of g.customer.deviceIds) {
    const d = world.devices.get(dId)!;
    if (d.profileId === profile.id) {
      d.profileId = undefined;
      unassigned.push(d.id);
    }
  }
  world.profiles.delete(profile.id);
  g.customer.profileIds.splice(g.customer.profileIds.indexOf(profile.id), 1);
  return allow(g.rules, [{ type: 'autopilot.profileDeleted', profileId: profile.id, unassignedDeviceIds: unassigned }]);
}

export function applyAutopilotProfile(ctx: Ctx, actor: User, p: Params): Decision {
  return assignProfile(ctx, actor, p, true);
}

export function removeAutopilotProfile(ctx: Ctx, actor: User, p: Params): Decision {
  return assignProfile(ctx, actor, p, false);
}

function assignProfile(ctx: Ctx, actor: User, p: Params, apply: boolean): Decision {
  const ids = strList(p['deviceIds'], 'deviceIds');
  if (failed(ids)) return ids;
  const g = gate(ctx, actor, p, 'profiles');
  if (blocked(g)) return g;
  const profile = apply ? profileIn(ctx.world, g.customer, p['profileId'], 'profileId') : undefined;
  if (failed(profile)) return profile;
  const devices: Device[] = [];
  for (let i = 0; i < ids.length; i++) {
    const d = deviceIn(ctx.world, g.customer, ids[i]!, `/deviceIds/${i}`);
    if (failed(d)) return d;
    devices.push(d);
  }
  const denied = profileRule(ctx, g) ?? deviceRule(ctx, g, devices);
  if (denied !== undefined) return denied;
  ctx.world.tick(ctx.now);
  for (const d of devices) d.profileId = profile?.id;
  const effect: Effect = profile !== undefined
    ? { type: 'autopilot.profileApplied', profileId: profile.id, deviceIds: devices.map((d) => d.id) }
    : { type: 'autopilot.profileRemoved', deviceIds: devices.map((d) => d.id) };
  return allow(g.rules, [effect]);
}
