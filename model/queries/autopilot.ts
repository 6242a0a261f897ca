/**
 * Autopilot devices and profiles of a customer, and the partner's service requests for it.
 * Partner users need the reseller relationship and a device role (AUTOPILOT-NEEDS-RESELLER,
 * AUTOPILOT-AGENT-ROLES); the customer's own Global admins see their devices too.
 */
import type { RuleId } from '../catalogue.ts';
import type { DeviceSource } from '../constants.ts';
import { allowResult, invalid, isNo, refuse, type Decision, type Invalid, type Refused } from '../decision.ts';
import { refuseByMembership } from '../rules/access.ts';
import { isCustomerGlobalAdmin } from '../rules/offers.ts';
import { isActive } from '../rules/relationships.ts';
import { customerAt, failed, type Params } from '../rules/params.ts';
import type { CustomerTenant, User } from '../types.ts';
import type { World } from '../world.ts';

export interface DeviceView {
  readonly id: string;
  readonly serialNumber: string;
  readonly source: DeviceSource;
  readonly addedByPartnerId: string | undefined;
  readonly profileId: string | undefined;
  readonly batchId: string | undefined;
  readonly productKey: string | undefined;
  readonly hardwareHash: string | undefined;
  readonly manufacturer: string | undefined;
  readonly model: string | undefined;
}

export interface ProfileView {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly devicesAssigned: number;
}

export interface ServiceRequestView {
  readonly id: string;
  readonly title: string;
  readonly openedBy: string;
  readonly at: string;
}

const GATE: readonly RuleId[] = ['AUTOPILOT-NEEDS-RESELLER', 'AUTOPILOT-AGENT-ROLES'];

function autopilotReader(world: World, actor: User, p: Params): { customer: CustomerTenant; rules: readonly RuleId[] } | Refused | Invalid {
  const customer = customerAt(world, p['customerId'], 'customerId');
  if (failed(customer)) return customer;
  const partner = world.partnerOf(actor);
  if (partner === undefined) {
    if (isCustomerGlobalAdmin(world, actor, customer)) return { customer, rules: ['AUTOPILOT-CUSTOMER-DEVICES'] };
    return refuse('NOT_CUSTOMER_GLOBAL_ADMIN', ['AUTOPILOT-AGENT-ROLES']);
  }
  if (!world.inAgentGroup(partner, actor, 'AdminAgents') && !world.inAgentGroup(partner, actor, 'SalesAgents')) {
    return refuseByMembership(world, partner, actor, 'NOT_ADMIN_OR_SALES_AGENT', ['AUTOPILOT-AGENT-ROLES']);
  }
  if (partner.relationships.get(customer.id)?.reseller !== true) return refuse('NO_RESELLER_RELATIONSHIP', ['AUTOPILOT-NEEDS-RESELLER']);
  return { customer, rules: GATE };
}

export function autopilotDevices(world: World, actor: User, p: Params): Decision<DeviceView[]> {
  const r = autopilotReader(world, actor, p);
  if (isNo(r)) return r;
  return allowResult(r.rules, r.customer.deviceIds.map((id) => {
    const d = world.devices.get(id)!;
    return {
      id, serialNumber: d.serialNumber, source: d.source, addedByPartnerId: d.addedByPartnerId, profileId: d.profileId, batchId: d.batchId,
      productKey: d.productKey, hardwareHash: d.hardwareHash, manufacturer: d.manufacturer, model: d.model,
    };
  }));
}

export function autopilotProfiles(world: World, actor: User, p: Params): Decision<ProfileView[]> {
  const r = autopilotReader(world, actor, p);
  if (isNo(r)) return r;
  return allowResult(r.rules, r.customer.profileIds.map((id) => {
    const profile = world.profiles.get(id)!;
    let devicesAssigned = 0;
    for (const dId of r.customer.deviceIds) if (world.devices.get(dId)!.profileId === id) devicesAssigned++;
    return { id, name: profile.name, description: profile.description, devicesAssigned };
  }));
}

/** The service requests this partner opened for the customer. */
export function serviceRequests(world: World, actor: User, p: Params): Decision<ServiceRequestView[]> {
  const partner = world.partnerOf(actor);
  if (partner === undefined) return invalid('NOT_A_PARTNER_USER', '/actor');
  const customer = customerAt(world, p['customerId'], 'customerId');
  if (failed(customer)) return customer;
  if (!isActive(partner.relationships.get(customer.id))) return refuse('NO_RELATIONSHIP', ['RESELLER-CUSTOMER-LISTED']);
  const rows: ServiceRequestView[] = [];
  for (const id of customer.serviceRequestIds) {
    const sr = world.serviceRequests.get(id)!;
    if (sr.partnerId === partner.id) rows.push({ id, title: sr.title, openedBy: sr.openedBy, at: sr.at });
  }
  return allowResult(['SCOPE-SERVICE-REQUESTS'], rows);
}
