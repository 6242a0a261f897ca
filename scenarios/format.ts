/**
 * The scenario format: what a scenario file may say, and how each step's parameters map onto the
 * model's. Scenario files name things readably ("alex", "northwind", "contoso/AdminAgents"); the
 * kind of each parameter says which names it accepts, and drives the JSON Schema
 * (`scenario.schema.json`), the resolution of names to ids, and the "did you mean" hints.
 */
import type { ActionType, QueryType } from '../model/index.ts';

/** What a parameter's value names (or is). */
export type ParamKind =
  | 'tenant' | 'customer' | 'partner'
  | 'user' | 'principal'
  | 'offer' | 'request' | 'subscription' | 'assignment' | 'device' | 'devices' | 'profile'
  | 'role' | 'azureRole' | 'agentGroup' | 'offerKind'
  | 'string' | 'boolean' | 'deviceSpecs';

export interface ParamSpec {
  /** The model's parameter this one becomes. */
  readonly key: string;
  readonly kind: ParamKind;
  readonly required?: boolean;
  readonly doc: string;
}

type Params = Readonly<Record<string, ParamSpec>>;

const customer = (required = false, doc = 'the customer (defaults to the actor’s own tenant for customer users)'): ParamSpec => ({ key: 'customerId', kind: 'customer', required, doc });
const tenant: ParamSpec = { key: 'tenantId', kind: 'tenant', required: true, doc: 'the tenant acted in' };

/** Every action's parameters, by their scenario names. */
export const ACTION_PARAMS: Readonly<Record<ActionType, Params>> = {
  createOffer: {
    kind: { key: 'kind', kind: 'offerKind', doc: 'delegated-admin (default), trial-invitation or purchase-offer' },
    includesDelegatedAdmin: { key: 'includesDelegatedAdmin', kind: 'boolean', doc: 'whether a trial invitation or purchase offer carries DAP (default true)' },
    product: { key: 'product', kind: 'string', doc: 'what a trial invitation or purchase offer sells' },
  },
  createResellerRequest: { withDap: { key: 'withDap', kind: 'boolean', doc: 'whether the request carries DAP (default true)' } },
  acceptOffer: { offer: { key: 'offerId', kind: 'offer', required: true, doc: 'the offer accepted' }, customer: customer() },
  acceptResellerRequest: {
    request: { key: 'requestId', kind: 'request', required: true, doc: 'the reseller request accepted' },
    customer: customer(),
    claimedPartner: { key: 'claimedPartnerId', kind: 'partner', doc: 'the partner the email claimed to come from (ignored: RESELLER-LINK-PARTNER)' },
  },
  selectPartnerForRemoval: { partner: { key: 'partnerId', kind: 'partner', required: true, doc: 'the partner selected on the Partner relationships page' }, customer: customer() },
  chooseRemoveDelegatedAdmin: { customer: customer() },
  confirmRemoveDelegatedAdmin: { customer: customer() },
  cancelRemoveDelegatedAdmin: { customer: customer() },
  giveUpDap: { customer: customer(true, 'the customer whose DAP the partner gives up') },
  signIn: { tenant },
  addUser: {
    tenant,
    userPrincipalName: { key: 'userPrincipalName', kind: 'string', required: true, doc: 'the new user’s UPN, on a verified domain of the tenant' },
    displayName: { key: 'displayName', kind: 'string', required: true, doc: 'the new user’s display name' },
  },
  resetPassword: { tenant, user: { key: 'userId', kind: 'user', required: true, doc: 'whose password' } },
  addDomain: { tenant, domain: { key: 'domain', kind: 'string', required: true, doc: 'the domain name to add' } },
  manageLicenses: {
    tenant,
    user: { key: 'userId', kind: 'user', required: true, doc: 'the user licensed' },
    sku: { key: 'sku', kind: 'string', required: true, doc: 'the license SKU' },
    assign: { key: 'assign', kind: 'boolean', doc: 'assign (default) or remove' },
  },
  mdmOperation: { tenant, operation: { key: 'operation', kind: 'string', doc: 'which MDM operation (informational)' } },
  addDirectoryRoleMember: {
    tenant,
    role: { key: 'roleId', kind: 'role', required: true, doc: 'the directory role, by display name or template id' },
    principal: { key: 'principalId', kind: 'principal', required: true, doc: 'the user or group made a member' },
  },
  removeDirectoryRoleMember: {
    tenant,
    role: { key: 'roleId', kind: 'role', required: true, doc: 'the directory role, by display name or template id' },
    principal: { key: 'principalId', kind: 'principal', required: true, doc: 'the explicit member removed' },
  },
  openServiceRequest: { customer: customer(true, 'the customer the request is for'), title: { key: 'title', kind: 'string', required: true, doc: 'the request’s title' } },
  provisionAzureSubscription: { customer: customer(true, 'the customer the subscription is for'), displayName: { key: 'displayName', kind: 'string', doc: 'the subscription’s name' } },
  createAzureSubscription: { customer: customer(), displayName: { key: 'displayName', kind: 'string', doc: 'the subscription’s name' } },
  addRoleAssignment: {
    subscription: { key: 'subscriptionId', kind: 'subscription', required: true, doc: 'the subscription' },
    role: { key: 'roleDefinitionId', kind: 'azureRole', required: true, doc: 'Owner, Contributor, Reader or User Access Administrator (or its GUID)' },
    principal: { key: 'principalId', kind: 'principal', required: true, doc: 'a user or group of the customer, or a partner group such as contoso/AdminAgents' },
  },
  removeRoleAssignment: {
    subscription: { key: 'subscriptionId', kind: 'subscription', required: true, doc: 'the subscription' },
    assignment: { key: 'assignmentId', kind: 'assignment', required: true, doc: 'the role assignment removed' },
  },
  manageAzureResources: { subscription: { key: 'subscriptionId', kind: 'subscription', required: true, doc: 'the subscription whose resources are managed' } },
  addAutopilotDevices: {
    customer: customer(true, 'the customer the devices are registered to'),
    batch: { key: 'batchId', kind: 'string', doc: 'the device batch name' },
    devices: { key: 'devices', kind: 'deviceSpecs', required: true, doc: 'the devices: each a name and, optionally, a serialNumber' },
  },
  removeAutopilotDevice: { customer: customer(true), device: { key: 'deviceId', kind: 'device', required: true, doc: 'the device removed' } },
  createAutopilotProfile: {
    customer: customer(true),
    displayName: { key: 'name', kind: 'string', required: true, doc: 'the profile’s name as Partner Center shows it' },
    description: { key: 'description', kind: 'string', doc: 'the profile’s description' },
  },
  updateAutopilotProfile: {
    customer: customer(true),
    profile: { key: 'profileId', kind: 'profile', required: true, doc: 'the profile changed' },
    displayName: { key: 'name', kind: 'string', doc: 'its new name' },
    description: { key: 'description', kind: 'string', doc: 'its new description' },
  },
  deleteAutopilotProfile: { customer: customer(true), profile: { key: 'profileId', kind: 'profile', required: true, doc: 'the profile deleted' } },
  applyAutopilotProfile: {
    customer: customer(true),
    profile: { key: 'profileId', kind: 'profile', required: true, doc: 'the profile applied' },
    devices: { key: 'deviceIds', kind: 'devices', required: true, doc: 'the devices it is applied to' },
  },
  removeAutopilotProfile: { customer: customer(true), devices: { key: 'deviceIds', kind: 'devices', required: true, doc: 'the devices whose profile is removed' } },
  addAgentGroupMember: {
    group: { key: 'group', kind: 'agentGroup', required: true, doc: 'AdminAgents, HelpdeskAgents or SalesAgents' },
    user: { key: 'userId', kind: 'user', required: true, doc: 'the partner user added' },
  },
  removeAgentGroupMember: {
    group: { key: 'group', kind: 'agentGroup', required: true, doc: 'AdminAgents, HelpdeskAgents or SalesAgents' },
    user: { key: 'userId', kind: 'user', required: true, doc: 'the partner user removed' },
  },
  setOfferSwitch: {
    user: { key: 'userId', kind: 'user', required: true, doc: 'the partner user' },
    on: { key: 'on', kind: 'boolean', required: true, doc: 'the switch’s new position' },
  },
};

/** Every query's parameters, by their scenario names. */
export const QUERY_PARAMS: Readonly<Record<QueryType, Params>> = {
  directoryRoles: { tenant },
  directoryRoleMembers: { tenant, role: { key: 'roleId', kind: 'role', required: true, doc: 'the directory role, by display name or template id' } },
  users: { tenant },
  domains: { tenant },
  groups: { tenant },
  roleAssignments: { subscription: { key: 'subscriptionId', kind: 'subscription', required: true, doc: 'the subscription' } },
  azureSubscriptions: { customer: customer(true) },
  partnerRelationships: { customer: customer() },
  partnerCustomers: {},
  partnerCustomer: { customer: customer(true) },
  mailbox: {},
  offerLocation: {},
  commerceSubscriptions: { customer: customer() },
  autopilotDevices: { customer: customer(true) },
  autopilotProfiles: { customer: customer(true) },
  serviceRequests: { customer: customer(true) },
};

/**
 * The field of a query's result items that identifies an item in `contains`, `excludes` and
 * `equals` (after ids are turned back into names). Single-object results use `result` instead.
 */
export const QUERY_ITEM_KEY: Readonly<Record<QueryType, string | undefined>> = {
  directoryRoles: 'displayName',
  directoryRoleMembers: 'id',
  users: 'id',
  domains: 'id',
  groups: 'id',
  roleAssignments: 'principalId',
  azureSubscriptions: 'subscriptionId',
  partnerRelationships: 'partnerId',
  partnerCustomers: 'customerId',
  partnerCustomer: undefined,
  mailbox: 'customerId',
  offerLocation: undefined,
  commerceSubscriptions: 'product',
  autopilotDevices: 'id',
  autopilotProfiles: 'id',
  serviceRequests: 'id',
};

// ----- The document -----

export type Outcome = 'allowed' | 'refused' | 'invalid';

export interface UserSpec {
  readonly name: string;
  readonly displayName?: string;
  readonly userPrincipalName?: string;
  /** Explicit directory roles in the user's own tenant (display names or template ids). */
  readonly roles?: readonly string[];
  /** Partner users: agent groups. */
  readonly groups?: readonly ('AdminAgents' | 'HelpdeskAgents' | 'SalesAgents')[];
  /** Partner users: "administrative access to companies you support". */
  readonly offerSwitch?: boolean;
}

export interface PartnerSpec {
  readonly name: string;
  readonly displayName?: string;
  readonly cloud?: 'global' | 'china-21vianet';
  readonly certified?: boolean;
  readonly domain?: string;
  readonly users?: readonly UserSpec[];
}

export interface AssignmentSpec {
  readonly name?: string;
  readonly role: string;
  readonly principal: string;
}

export interface SubscriptionSpec {
  readonly name: string;
  readonly displayName?: string;
  /** A partner that provisioned it: its AdminAgents hold Owner (the assignment is named "<name>/owner"). */
  readonly provisionedBy?: string;
  /** A user of the customer who created it and holds Owner (the assignment is named "<name>/owner"). */
  readonly owner?: string;
  readonly assignments?: readonly AssignmentSpec[];
}

export interface DeviceSpec {
  readonly name: string;
  readonly serialNumber?: string;
  readonly source: 'partner' | 'store-for-business' | 'store-for-education' | 'intune';
  readonly addedBy?: string;
  readonly profile?: string;
}

export interface CustomerSpec {
  readonly name: string;
  readonly displayName?: string;
  readonly cloud?: 'global' | 'china-21vianet';
  readonly domain?: string;
  readonly domains?: readonly string[];
  readonly users?: readonly UserSpec[];
  readonly groups?: readonly { readonly name: string; readonly members?: readonly string[]; readonly roles?: readonly string[] }[];
  readonly partners?: readonly { readonly partner: string; readonly reseller?: boolean; readonly dap?: boolean }[];
  readonly subscriptions?: readonly SubscriptionSpec[];
  readonly profiles?: readonly { readonly name: string; readonly displayName?: string }[];
  readonly devices?: readonly DeviceSpec[];
}

export interface Given {
  readonly partners?: readonly PartnerSpec[];
  readonly customers?: readonly CustomerSpec[];
  readonly offers?: readonly { readonly name: string; readonly partner: string; readonly kind?: 'delegated-admin' | 'trial-invitation' | 'purchase-offer'; readonly includesDelegatedAdmin?: boolean; readonly product?: string }[];
  /** Many anonymous customers of one partner (e.g. 99, 100, 101 for OFFER-NAV-100). */
  readonly bulkCustomers?: readonly { readonly partner: string; readonly count: number; readonly reseller?: boolean; readonly dap?: boolean }[];
}

export interface ActionStep {
  readonly as: string;
  readonly do: ActionType;
  readonly with?: Readonly<Record<string, unknown>>;
  readonly title?: string;
  readonly expect: Outcome;
  readonly code?: string;
  readonly rules?: readonly string[];
  /** Names for the objects the action creates: { name: effect key }, e.g. { contoso-offer: offerId }. */
  readonly save?: Readonly<Record<string, string>>;
  /** Overrides the scenario's profile for this step. */
  readonly profile?: 'current' | 'proposed';
}

export type ItemMatcher = string | Readonly<Record<string, unknown>>;

export interface QueryStep {
  readonly as: string;
  readonly query: QueryType;
  readonly with?: Readonly<Record<string, unknown>>;
  readonly title?: string;
  readonly expect?: Outcome;
  readonly code?: string;
  readonly rules?: readonly string[];
  readonly contains?: readonly ItemMatcher[];
  readonly excludes?: readonly ItemMatcher[];
  readonly equals?: readonly ItemMatcher[];
  readonly count?: number;
  /** For single-object results (offerLocation, partnerCustomer): fields that must match. */
  readonly result?: Readonly<Record<string, unknown>>;
}

/** A check of a partner's mailbox: shorthand for a mailbox query by one of its users. */
export interface MailboxStep {
  readonly mailbox: string;
  readonly title?: string;
  readonly contains?: readonly ItemMatcher[];
  readonly excludes?: readonly ItemMatcher[];
  readonly count?: number;
}

export type Step = ActionStep | QueryStep | MailboxStep;

export interface Scenario {
  readonly $schema?: string;
  readonly name: string;
  readonly description: string;
  /** The rule IDs the scenario covers. */
  readonly rules: readonly string[];
  readonly profile?: 'current' | 'proposed';
  /** Seeds faker for everything the scenario leaves unspecified; defaults to a hash of the name. */
  readonly seed?: number;
  readonly given: Given;
  readonly steps: readonly Step[];
}

export function isActionStep(s: Step): s is ActionStep {
  return 'do' in s;
}

export function isQueryStep(s: Step): s is QueryStep {
  return 'query' in s;
}
