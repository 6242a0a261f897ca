/**
 * What an allowed action did, as data (the way xstate's `transition` returns actions instead of
 * running them). Effects are already applied to the world when they are returned; they exist so
 * callers (scenario runners, mocks, reports) can see what changed and bind the ids of created
 * objects without diffing the world.
 */
import type { AgentGroupKind, AzureRoleId, RoleTemplateId } from './constants.ts';

export type Effect =
  | { readonly type: 'offer.created'; readonly offerId: string }
  | { readonly type: 'offer.reused'; readonly offerId: string }
  | { readonly type: 'resellerRequest.created'; readonly requestId: string }
  | { readonly type: 'resellerRequest.reused'; readonly requestId: string }
  | { readonly type: 'relationship.resellerEstablished'; readonly partnerId: string; readonly customerId: string }
  | { readonly type: 'relationship.dapGranted'; readonly partnerId: string; readonly customerId: string }
  | { readonly type: 'relationship.dapRemoved'; readonly partnerId: string; readonly customerId: string }
  | { readonly type: 'commerceSubscription.created'; readonly subscriptionId: string; readonly product: string; readonly trial: boolean }
  | { readonly type: 'mail.sent'; readonly emailId: string; readonly partnerId: string; readonly customerId: string }
  | { readonly type: 'removal.partnerSelected'; readonly partnerId: string }
  | { readonly type: 'removal.removeChosen'; readonly partnerId: string }
  | { readonly type: 'removal.cancelled'; readonly partnerId: string }
  | { readonly type: 'signedIn'; readonly tenantId: string; readonly roleTemplateIds: readonly RoleTemplateId[] }
  | { readonly type: 'user.created'; readonly userId: string }
  | { readonly type: 'password.reset'; readonly userId: string }
  | { readonly type: 'domain.added'; readonly tenantId: string; readonly domain: string }
  | { readonly type: 'license.assigned'; readonly userId: string; readonly sku: string }
  | { readonly type: 'license.removed'; readonly userId: string; readonly sku: string }
  | { readonly type: 'mdm.performed'; readonly tenantId: string }
  | { readonly type: 'directoryRole.memberAdded'; readonly tenantId: string; readonly roleTemplateId: RoleTemplateId; readonly principalId: string }
  | { readonly type: 'directoryRole.memberRemoved'; readonly tenantId: string; readonly roleTemplateId: RoleTemplateId; readonly principalId: string }
  | { readonly type: 'serviceRequest.opened'; readonly serviceRequestId: string }
  | { readonly type: 'azure.subscriptionCreated'; readonly subscriptionId: string }
  | { readonly type: 'azure.roleAssigned'; readonly assignmentId: string; readonly subscriptionId: string; readonly roleDefinitionId: AzureRoleId; readonly principalId: string }
  | { readonly type: 'azure.roleAssignmentRemoved'; readonly assignmentId: string; readonly subscriptionId: string }
  | { readonly type: 'azure.resourcesManaged'; readonly subscriptionId: string }
  | { readonly type: 'autopilot.devicesAdded'; readonly deviceIds: readonly string[] }
  | { readonly type: 'autopilot.deviceRemoved'; readonly deviceId: string }
  | { readonly type: 'autopilot.profileCreated'; readonly profileId: string }
  | { readonly type: 'autopilot.profileUpdated'; readonly profileId: string }
  | { readonly type: 'autopilot.profileDeleted'; readonly profileId: string; readonly unassignedDeviceIds: readonly string[] }
  | { readonly type: 'autopilot.profileApplied'; readonly profileId: string; readonly deviceIds: readonly string[] }
  | { readonly type: 'autopilot.profileRemoved'; readonly deviceIds: readonly string[] }
  | { readonly type: 'agentGroup.memberAdded'; readonly group: AgentGroupKind; readonly userId: string }
  | { readonly type: 'agentGroup.memberRemoved'; readonly group: AgentGroupKind; readonly userId: string }
  | { readonly type: 'offerSwitch.set'; readonly userId: string; readonly on: boolean };

export type EffectType = Effect['type'];
