/**
 * The one door into the model for queries: `query(world, actorId, q)`. A query changes nothing;
 * it can still be refused (the Partner relationships page is for Global admins only) or invalid.
 */
import { invalid, type Decision } from '../decision.ts';
import type { Params } from '../rules/params.ts';
import type { User } from '../types.ts';
import type { World } from '../world.ts';
import * as autopilot from './autopilot.ts';
import * as azure from './azure.ts';
import * as directory from './directory.ts';
import * as relationships from './relationships.ts';

export interface QueryParams {
  directoryRoles: { tenantId: string };
  /** `roleId` is the role's object id or its template id. */
  directoryRoleMembers: { tenantId: string; roleId: string };
  users: { tenantId: string };
  domains: { tenantId: string };
  groups: { tenantId: string };
  roleAssignments: { subscriptionId: string };
  azureSubscriptions: { customerId: string };
  partnerRelationships: { customerId?: string };
  partnerCustomers: Record<never, never>;
  partnerCustomer: { customerId: string };
  mailbox: Record<never, never>;
  offerLocation: Record<never, never>;
  commerceSubscriptions: { customerId?: string };
  autopilotDevices: { customerId: string };
  autopilotProfiles: { customerId: string };
  serviceRequests: { customerId: string };
}

export interface QueryResults {
  directoryRoles: directory.DirectoryRoleView[];
  directoryRoleMembers: directory.DirectoryObjectView[];
  users: directory.UserView[];
  domains: { readonly id: string; readonly isDefault: boolean }[];
  groups: directory.GroupView[];
  roleAssignments: azure.RoleAssignmentView[];
  azureSubscriptions: azure.SubscriptionView[];
  partnerRelationships: relationships.PartnerRelationshipView[];
  partnerCustomers: relationships.CustomerView[];
  partnerCustomer: relationships.CustomerView;
  mailbox: import('../types.ts').Email[];
  offerLocation: relationships.OfferLocationView;
  commerceSubscriptions: relationships.CommerceSubscriptionView[];
  autopilotDevices: autopilot.DeviceView[];
  autopilotProfiles: autopilot.ProfileView[];
  serviceRequests: autopilot.ServiceRequestView[];
}

export type QueryType = keyof QueryParams;
export type Query = { [K in QueryType]: { readonly type: K } & Readonly<QueryParams[K]> }[QueryType];

type QueryHandler = (world: World, actor: User, p: Params) => Decision<unknown>;

const HANDLERS: Readonly<Record<QueryType, QueryHandler>> = {
  directoryRoles: directory.directoryRoles,
  directoryRoleMembers: directory.directoryRoleMembers,
  users: directory.users,
  domains: directory.domains,
  groups: directory.groups,
  roleAssignments: azure.roleAssignments,
  azureSubscriptions: azure.azureSubscriptions,
  partnerRelationships: relationships.partnerRelationships,
  partnerCustomers: relationships.partnerCustomers,
  partnerCustomer: relationships.partnerCustomer,
  mailbox: relationships.mailbox,
  offerLocation: relationships.offerLocation,
  commerceSubscriptions: relationships.commerceSubscriptions,
  autopilotDevices: autopilot.autopilotDevices,
  autopilotProfiles: autopilot.autopilotProfiles,
  serviceRequests: autopilot.serviceRequests,
};

export const QUERY_TYPES: readonly QueryType[] = Object.keys(HANDLERS) as QueryType[];

export function isQueryType(type: unknown): type is QueryType {
  return typeof type === 'string' && Object.hasOwn(HANDLERS, type);
}

/** The actor looks. The result is a copy: changing it changes nothing in the world. */
export function query<T extends QueryType>(world: World, actorId: string, q: { readonly type: T } & Params): Decision<QueryResults[T]>;
export function query(world: World, actorId: string, q: { readonly type: string } & Params): Decision<unknown>;
export function query(world: World, actorId: string, q: { readonly type: string } & Params): Decision<unknown> {
  if (typeof q !== 'object' || q === null) return invalid('MALFORMED', '', 'A query is an object with a "type".');
  if (!isQueryType(q.type)) return invalid('UNKNOWN_QUERY', '/type', `"${String(q.type)}" is not one of: ${QUERY_TYPES.join(', ')}.`);
  const actor = typeof actorId === 'string' ? world.users.get(actorId) : undefined;
  if (actor === undefined) return invalid('UNKNOWN_ACTOR', '/actor', `"${String(actorId)}"`);
  return HANDLERS[q.type](world, actor, q);
}
