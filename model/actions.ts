/**
 * Every action an actor can try, with its parameters. The types document the shape for
 * TypeScript callers; `perform` still checks every parameter at run time, because actions also
 * arrive from scenario files and HTTP bodies.
 *
 * Objects an action creates get the id named in the action (`offerId`, `userId`, ...) or, when
 * none is named, one from the caller's id source: ids are inputs, never random.
 */
import type { AgentGroupKind, OfferKind } from './constants.ts';

export interface ActionParams {
  // Offers and consent
  createOffer: { kind?: OfferKind; includesDelegatedAdmin?: boolean; product?: string; offerId?: string };
  createResellerRequest: { withDap?: boolean; requestId?: string };
  acceptOffer: { offerId: string; customerId?: string };
  acceptResellerRequest: { requestId: string; customerId?: string; claimedPartnerId?: string };
  // Removing DAP: the customer's three steps, or the partner giving it up
  selectPartnerForRemoval: { partnerId: string; customerId?: string };
  chooseRemoveDelegatedAdmin: { customerId?: string };
  confirmRemoveDelegatedAdmin: { customerId?: string };
  cancelRemoveDelegatedAdmin: { customerId?: string };
  giveUpDap: { customerId: string };
  // Directory work in a tenant
  signIn: { tenantId: string };
  addUser: { tenantId: string; userPrincipalName: string; displayName: string; userId?: string };
  resetPassword: { tenantId: string; userId: string };
  addDomain: { tenantId: string; domain: string };
  manageLicenses: { tenantId: string; userId: string; sku: string; assign?: boolean };
  mdmOperation: { tenantId: string; operation?: string };
  addDirectoryRoleMember: { tenantId: string; roleId: string; principalId: string };
  removeDirectoryRoleMember: { tenantId: string; roleId: string; principalId: string };
  // Service requests
  openServiceRequest: { customerId: string; title: string; serviceRequestId?: string };
  // Azure
  provisionAzureSubscription: { customerId: string; displayName?: string; subscriptionId?: string };
  createAzureSubscription: { customerId?: string; displayName?: string; subscriptionId?: string };
  addRoleAssignment: { subscriptionId: string; roleDefinitionId: string; principalId: string; assignmentId?: string };
  removeRoleAssignment: { subscriptionId: string; assignmentId: string };
  manageAzureResources: { subscriptionId: string };
  // Windows Autopilot
  addAutopilotDevices: {
    customerId: string;
    batchId?: string;
    devices: { serialNumber: string; deviceId?: string; productKey?: string; hardwareHash?: string; manufacturer?: string; model?: string }[];
  };
  removeAutopilotDevice: { customerId: string; deviceId: string };
  createAutopilotProfile: { customerId: string; name: string; description?: string; profileId?: string };
  updateAutopilotProfile: { customerId: string; profileId: string; name?: string; description?: string };
  deleteAutopilotProfile: { customerId: string; profileId: string };
  applyAutopilotProfile: { customerId: string; profileId: string; deviceIds: string[] };
  removeAutopilotProfile: { customerId: string; deviceIds: string[] };
  // The partner's own users
  addAgentGroupMember: { group: AgentGroupKind; userId: string };
  removeAgentGroupMember: { group: AgentGroupKind; userId: string };
  setOfferSwitch: { userId: string; on: boolean };
}

export type ActionType = keyof ActionParams;
export type Action = { [K in ActionType]: { readonly type: K } & Readonly<ActionParams[K]> }[ActionType];
