/**
 * The words after a refusal's stable text, as composers: `refuse(code, rules, composer, a, b)`
 * keeps the records and the message is composed only when someone reads it (see `Detail` in
 * decision.ts for why). Each composer reads only what never changes once a record exists: names,
 * UPNs, ids, clouds, a device's serial number and origin, so a message read late still says what
 * it said when the decision was made.
 */
import type { AzureSubscription, CustomerTenant, Device, PartnerTenant, Tenant, User } from '../types.ts';

// Who the actor is not.
export const notAUserOf = (actor: User, tenant: Tenant): string => `"${actor.userPrincipalName}" is not a user of "${tenant.name}".`;
export const notAGlobalAdminOf = (actor: User, customer: CustomerTenant): string => `"${actor.userPrincipalName}" is not a Global admin of "${customer.name}".`;
export const notAPartnerGlobalAdmin = (actor: User, partner: PartnerTenant): string => `"${actor.userPrincipalName}" is not a Global Administrator of "${partner.name}".`;
export const holdsARole = (target: User): string => `"${target.userPrincipalName}" holds a directory role.`;
export const needsFullAdministration = (task: string): string => `"${task}" needs Full administration (Global Administrator).`;
export const switchItOn = (actor: User): string => `Switch it on for "${actor.userPrincipalName}" first.`;

// Agent groups: the actor and its partner (as refuseByMembership passes them).
export const mustBeAnAgentOf = (actor: User, partner: PartnerTenant): string => `"${actor.userPrincipalName}" must be in AdminAgents or HelpdeskAgents of "${partner.name}".`;
export const mustBeAnAgent = (actor: User): string => `"${actor.userPrincipalName}" must be in AdminAgents or HelpdeskAgents.`;
export const notInAdminAgents = (actor: User): string => `"${actor.userPrincipalName}" is not in AdminAgents.`;
export const isNeither = (actor: User): string => `"${actor.userPrincipalName}" is neither.`;

// The partner and the customer.
export const inOtherClouds = (partner: PartnerTenant, customer: CustomerTenant): string => `"${partner.name}" is in ${partner.cloud}, "${customer.name}" in ${customer.cloud}.`;
export const notAccepted = (customer: CustomerTenant, partner: PartnerTenant): string => `"${customer.name}" has not accepted an offer from "${partner.name}".`;
export const notOnThePage = (partner: PartnerTenant, customer: CustomerTenant): string => `"${partner.name}" is not on the Partner relationships page of "${customer.name}".`;
export const noResellerRelationship = (customer: CustomerTenant, partner: PartnerTenant): string => `"${customer.name}" has no reseller relationship with "${partner.name}".`;
export const mustAcceptAResellerRequest = (customer: CustomerTenant): string => `"${customer.name}" must accept a reseller relationship request first.`;
export const mustBeCertified = (partner: PartnerTenant): string => `"${partner.name}" (${partner.cloud}) must be certified first.`;

// Azure and Autopilot.
export const roleDoesNotAllow = (what: string): string => `Its role here does not allow it to ${what}.`;
export const askAnOwner = (sub: AzureSubscription): string => `Ask an Owner of subscription "${sub.id}" for a role assignment.`;
export const cameFrom = (device: Device): string => `Device "${device.serialNumber}" came from ${device.source}.`;
export const addedBySomeoneElse = (device: Device): string =>
  `Device "${device.serialNumber}" was added by ${device.addedByPartnerId === undefined ? `the customer (${device.source})` : 'another partner'}.`;
