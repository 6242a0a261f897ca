/**
 * The things a world is made of. These records are the model's own state: mutable inside
 * `model/`, handed out only as copies (queries, snapshots), so nothing outside can change a
 * world except through `perform` and the set-up operations.
 */
import type { AgentGroupKind, AzureRoleId, Cloud, DeviceSource, OfferKind, RoleTemplateId } from './constants.ts';
import type { IdTable } from './idtable.ts';

export type TenantKind = 'partner' | 'customer';

interface TenantBase {
  readonly id: string;
  readonly kind: TenantKind;
  /** Never changes once the tenant exists: refusal messages composed late quote it (rules/details.ts). */
  readonly name: string;
  readonly cloud: Cloud;
  /** The tenant's initial domain, e.g. contoso.onmicrosoft.com. */
  readonly defaultDomain: string;
  /** Every verified domain, the default one first. */
  readonly domains: string[];
  /** The tenant's users, in the order added (the same records World.users indexes by id). */
  readonly users: User[];
  readonly groupIds: string[];
  /**
   * Explicit directory role members as flat pairs [roleTemplateId, principalId, ...], created on
   * first use. Roles have few explicit members; pairs cost two heap objects per tenant where a map
   * of sets cost six, which matters in worlds of 100,000 tenants. Read through World's methods.
   */
  roleMembers: string[] | undefined;
  /** Lower-cased UPNs, parallel to users: a scan of these finds a taken UPN without touching user records. */
  readonly upnKeys: string[];
  /** Lower-cased UPN → user id, built once the tenant has enough users for a scan to cost more. */
  upnIndex: Map<string, string> | undefined;
  /** Directory role object ids given at set-up; others are derived from tenant and template. */
  roleIds: Map<RoleTemplateId, string> | undefined;
}

export interface PartnerTenant extends TenantBase {
  readonly kind: 'partner';
  /** Certified to offer delegated administration in its own cloud (OFFER-CERTIFIED, SCOPE-SOVEREIGN-CLOUD). */
  certifiedForDap: boolean;
  /** Group ids of AdminAgents, HelpdeskAgents and SalesAgents (AGENT-GROUPS). */
  readonly agentGroups: Readonly<Record<AgentGroupKind, string>>;
  /** The one reusable standalone delegated-admin offer, once created (OFFER-REUSABLE). */
  delegatedAdminOfferId: string | undefined;
  /** The personalised reseller request links, one with DAP and one without (RESELLER-LINK-PARTNER). */
  resellerRequestIds: { withDap: string | undefined; withoutDap: string | undefined };
  /** Relationships keyed by customer id, in the order they were formed. */
  readonly relationships: IdTable<Relationship>;
  /** Its mail, oldest first, as `Mail` records (the mailbox query hands them out as `Email`s). */
  readonly mailbox: Mail[];
}

export interface CustomerTenant extends TenantBase {
  readonly kind: 'customer';
  /** Relationships keyed by partner id; the same objects as on the partner side. */
  readonly relationships: Map<string, Relationship>;
  /**
   * How many partners it has, or has had, a relationship with (records, kept by relationshipFor).
   * GRANT-MULTI-PARTNER provenance asks it on every decision: the rule is named whenever another
   * partner is or was in the picture, because the independence of pairs is then what keeps this
   * decision as it is (e.g. B still acting after A's DAP-only relationship ended).
   */
  partnerCount: number;
  readonly subscriptionIds: string[];
  readonly deviceIds: string[];
  readonly profileIds: string[];
  readonly serviceRequestIds: string[];
  readonly commerceSubscriptionIds: string[];
  /** The DAP removal in progress on the Partner relationships page (REVOKE-CONFIRM). */
  removal: RemovalFlow | undefined;
}

export type Tenant = PartnerTenant | CustomerTenant;

export interface User {
  readonly id: string;
  readonly tenantId: string;
  /**
   * The tenant itself (the record `tenantId` names): every decision asks whether its actor is a
   * partner's user, and a map lookup by id costs cache misses in a big world where this costs at
   * most one. Snapshots leave it out (it is `tenantId` again).
   */
  readonly home: Tenant;
  displayName: string;
  readonly userPrincipalName: string;
  /** Partner side: "administrative access to companies you support" (AGENT-OFFER-CREATORS). */
  offerSwitch: boolean;
  /** Licenses (SKU part numbers) assigned to the user; created on first use. */
  licenses: Set<string> | undefined;
  /** Bumped on every password reset, so a reset is observable. */
  passwordVersion: number;
  /**
   * Partner users: the agent groups the user is in, as bits (see AGENT_BITS). An index kept by
   * World.setAgentMembership beside the groups' member sets, which stay the source of truth for
   * listings: every partner decision asks it, so it must not cost a map lookup.
   */
  agentMask: number;
  /**
   * The directory roles the user holds directly in its own tenant, as bits (see ROLE_BITS). An
   * index kept by World.addExplicitMember/removeExplicitMember beside the tenant's member pairs,
   * which stay the source of truth (and the only record of membership through groups).
   */
  roleMask: number;
}

export interface Group {
  readonly id: string;
  readonly tenantId: string;
  readonly displayName: string;
  /** Set for the partner's agent groups. */
  readonly agentKind: AgentGroupKind | undefined;
  readonly members: Set<string>;
}

export type RelationshipVia =
  | 'delegated-admin-offer'
  | 'trial-invitation'
  | 'purchase-offer'
  | 'reseller-request'
  | 'customer-removal'
  | 'partner-gave-up'
  | 'setup';

/**
 * A relationship's history as written: four slots an event (seq, at, type and via as one code,
 * by), read back as events with `historyOf` (rules/relationships.ts). Events used to be objects of
 * their own; every grant and removal made one that lived as long as the world, and in the
 * decision benchmark keeping them cost about 5% of all decisions (A/B in one process), more than
 * everything else a grant writes.
 */
export type RelationshipLog = (number | string | undefined)[];

export interface RelationshipEvent {
  /** The world's change counter when it happened: orders events across the whole world. */
  readonly seq: number;
  readonly at: string;
  readonly type: 'reseller-established' | 'dap-granted' | 'dap-removed';
  readonly via: RelationshipVia;
  /** The user who caused it; undefined for set-up. */
  readonly by: string | undefined;
}

/** One per partner-customer pair. */
export interface Relationship {
  readonly partnerId: string;
  readonly customerId: string;
  reseller: boolean;
  dap: boolean;
  readonly log: RelationshipLog;
  /**
   * A summary of the history, kept by the one function that appends to it (rules/relationships.ts):
   * decisions ask "was DAP ever removed?" on every call, and walking the history cost cache misses
   * that dominated big worlds.
   */
  removals: number;
  /** How the last removal happened (REVOKE-BY-PARTNER names the partner's own). */
  lastRemovedVia: RelationshipVia | undefined;
  /** The sequence number of the latest acceptance or grant (AZURE-NO-RETROACTIVE compares subscriptions with it). */
  lastAcceptSeq: number;
}

export interface Offer {
  readonly id: string;
  readonly partnerId: string;
  readonly kind: OfferKind;
  /** A trial invitation or purchase offer may carry the delegated-admin offer (OFFER-BUNDLED). */
  readonly includesDelegatedAdmin: boolean;
  /** What a trial invitation or purchase offer sells, e.g. "Office 365 E3". */
  readonly product: string | undefined;
  /** Customers that accepted it, in order: a set, as one offer may serve thousands (OFFER-REUSABLE). */
  readonly acceptedBy: Set<string>;
}

export interface ResellerRequest {
  readonly id: string;
  readonly partnerId: string;
  readonly withDap: boolean;
  /** Customers that accepted it, in order: a set, as one offer may serve thousands (OFFER-REUSABLE). */
  readonly acceptedBy: Set<string>;
}

/** What a trial invitation or purchase offer gave the customer. */
export interface CommerceSubscription {
  readonly id: string;
  readonly customerId: string;
  readonly partnerId: string;
  readonly offerId: string;
  readonly product: string;
  readonly trial: boolean;
}

export type SubscriptionOrigin = { readonly by: 'partner'; readonly partnerId: string } | { readonly by: 'customer'; readonly userId: string | undefined };

export interface AzureSubscription {
  readonly id: string;
  readonly customerId: string;
  readonly displayName: string;
  readonly origin: SubscriptionOrigin;
  readonly createdSeq: number;
  /** Its role assignments, in the order made (the same records World.roleAssignments indexes by id). */
  readonly assignments: RoleAssignment[];
  /** Principals whose assignment here was removed (explains a refusal by AZURE-REMOVE-ASSIGNMENT); created on first removal. */
  removedPrincipals: Set<string> | undefined;
}

export type PrincipalType = 'User' | 'Group' | 'ForeignGroup';

export interface RoleAssignment {
  readonly id: string;
  readonly subscriptionId: string;
  readonly roleDefinitionId: AzureRoleId;
  readonly principalId: string;
  readonly principalType: PrincipalType;
  /** The tenant the principal lives in: a partner tenant for a ForeignGroup. */
  readonly principalTenantId: string;
  readonly createdSeq: number;
}

export interface Device {
  readonly id: string;
  readonly customerId: string;
  readonly serialNumber: string;
  readonly productKey: string | undefined;
  readonly hardwareHash: string | undefined;
  readonly manufacturer: string | undefined;
  readonly model: string | undefined;
  readonly source: DeviceSource;
  /** The partner that uploaded it, when source is 'partner'. */
  readonly addedByPartnerId: string | undefined;
  readonly batchId: string | undefined;
  profileId: string | undefined;
}

export interface AutopilotProfile {
  readonly id: string;
  readonly customerId: string;
  name: string;
  description: string;
  readonly createdByPartnerId: string | undefined;
}

export interface ServiceRequest {
  readonly id: string;
  readonly customerId: string;
  readonly partnerId: string;
  readonly openedBy: string;
  readonly title: string;
  readonly at: string;
}

/**
 * What the model keeps of one email: the `Email` less what follows from it (the partner is the
 * mailbox's owner, the response is always 'accepted', the subject follows from the customer's name
 * and what was accepted). A partner's mailbox grows by one for every acceptance, for good: a
 * smaller record, with no subject string built (a read of the customer's name, a cold line in a
 * big world) nor kept, is less for the collector to copy and promote.
 */
export interface Mail {
  readonly id: string;
  readonly at: string;
  readonly customerId: string;
  readonly customerName: string;
  /** What was accepted: one of the two ids, and its description for the subject. */
  readonly offerId: string | undefined;
  readonly requestId: string | undefined;
  readonly what: string;
}

export interface Email {
  readonly id: string;
  readonly partnerId: string;
  readonly at: string;
  readonly subject: string;
  readonly customerId: string;
  readonly customerName: string;
  readonly response: 'accepted';
  /** What was accepted. */
  readonly offerId: string | undefined;
  readonly requestId: string | undefined;
}

/** REVOKE-CONFIRM: the removal flow a Global admin has started on the Partner relationships page. */
export interface RemovalFlow {
  readonly actorId: string;
  readonly partnerId: string;
  step: 'partner-selected' | 'remove-chosen';
}
