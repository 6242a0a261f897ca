/**
 * The one door into the model for actions: `perform(world, actorId, action, options)`.
 *
 * Every rule function checks everything before it changes anything, so a refused or invalid
 * action leaves the world exactly as it was (the `nothing changes` tests hold it to that).
 */
import type { ActionType } from './actions.ts';
import { invalid, type Decision } from './decision.ts';
import * as agents from './rules/agents.ts';
import * as autopilot from './rules/autopilot.ts';
import * as azure from './rules/azure.ts';
import { makeCtx, type Ctx, type PerformOptions } from './rules/context.ts';
import * as directory from './rules/directory.ts';
import * as offers from './rules/offers.ts';
import type { Params } from './rules/params.ts';
import * as removal from './rules/removal.ts';
import * as serviceRequests from './rules/serviceRequests.ts';
import type { User } from './types.ts';
import type { World } from './world.ts';

type Handler = (ctx: Ctx, actor: User, params: Params) => Decision;

const HANDLERS: Readonly<Record<ActionType, Handler>> = {
  createOffer: offers.createOffer,
  createResellerRequest: offers.createResellerRequest,
  acceptOffer: offers.acceptOffer,
  acceptResellerRequest: offers.acceptResellerRequest,
  selectPartnerForRemoval: removal.selectPartnerForRemoval,
  chooseRemoveDelegatedAdmin: removal.chooseRemoveDelegatedAdmin,
  confirmRemoveDelegatedAdmin: removal.confirmRemoveDelegatedAdmin,
  cancelRemoveDelegatedAdmin: removal.cancelRemoveDelegatedAdmin,
  giveUpDap: removal.giveUpDap,
  signIn: directory.signIn,
  addUser: directory.addUser,
  resetPassword: directory.resetPassword,
  addDomain: directory.addDomain,
  manageLicenses: directory.manageLicenses,
  mdmOperation: directory.mdmOperation,
  addDirectoryRoleMember: directory.addDirectoryRoleMember,
  removeDirectoryRoleMember: directory.removeDirectoryRoleMember,
  openServiceRequest: serviceRequests.openServiceRequest,
  provisionAzureSubscription: azure.provisionAzureSubscription,
  createAzureSubscription: azure.createAzureSubscription,
  addRoleAssignment: azure.addRoleAssignment,
  removeRoleAssignment: azure.removeRoleAssignment,
  manageAzureResources: azure.manageAzureResources,
  addAutopilotDevices: autopilot.addAutopilotDevices,
  removeAutopilotDevice: autopilot.removeAutopilotDevice,
  createAutopilotProfile: autopilot.createAutopilotProfile,
  updateAutopilotProfile: autopilot.updateAutopilotProfile,
  deleteAutopilotProfile: autopilot.deleteAutopilotProfile,
  applyAutopilotProfile: autopilot.applyAutopilotProfile,
  removeAutopilotProfile: autopilot.removeAutopilotProfile,
  addAgentGroupMember: agents.addAgentGroupMember,
  removeAgentGroupMember: agents.removeAgentGroupMember,
  setOfferSwitch: agents.setOfferSwitch,
};

/** Every action type the model knows, in catalogue order. */
export const ACTION_TYPES: readonly ActionType[] = Object.keys(HANDLERS) as ActionType[];

const BY_TYPE: ReadonlyMap<string, Handler> = new Map(Object.entries(HANDLERS));
const KNOWN_ACTIONS = ACTION_TYPES.join(', ');

export function isActionType(type: unknown): type is ActionType {
  return typeof type === 'string' && BY_TYPE.has(type);
}

/**
 * The actor tries the action. Returns the decision; when allowed, the world has already changed
 * and `effects` say how. `action` may come from untrusted input: it is checked, never trusted.
 */
export function perform(world: World, actorId: string, action: { readonly type: string } & Params, options: PerformOptions = {}): Decision {
  if (typeof action !== 'object' || action === null) return invalid('MALFORMED', '', 'An action is an object with a "type".');
  const handler = typeof action.type === 'string' ? BY_TYPE.get(action.type) : undefined;
  if (handler === undefined) return invalid('UNKNOWN_ACTION', '/type', `"${String(action.type)}" is not one of: ${KNOWN_ACTIONS}.`);
  const actor = typeof actorId === 'string' ? world.users.get(actorId) : undefined;
  if (actor === undefined) return invalid('UNKNOWN_ACTOR', '/actor', `"${String(actorId)}"`);
  return handler(makeCtx(world, options), actor, action);
}
