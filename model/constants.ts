/**
 * Well-known values of the real platform. The GUIDs are Microsoft's own (see
 * ../shared/reference/microsoft-api-surface.md §0), so that anything built on the model can be
 * compared with captured traffic.
 */

export type Cloud = 'global' | 'china-21vianet';
export const CLOUDS: readonly Cloud[] = ['global', 'china-21vianet'];

/** Entra directory role template IDs (tenant-independent). */
export const ROLE_TEMPLATE = {
  GlobalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  HelpdeskAdministrator: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  PasswordAdministrator: '966707d0-3269-4727-9be2-8c3a10f19b9d',
  UserAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
} as const;

export type RoleTemplateId = (typeof ROLE_TEMPLATE)[keyof typeof ROLE_TEMPLATE];

export const DIRECTORY_ROLES: readonly { readonly templateId: RoleTemplateId; readonly displayName: string }[] = [
  { templateId: ROLE_TEMPLATE.GlobalAdministrator, displayName: 'Global Administrator' },
  { templateId: ROLE_TEMPLATE.HelpdeskAdministrator, displayName: 'Helpdesk Administrator' },
  { templateId: ROLE_TEMPLATE.PasswordAdministrator, displayName: 'Password Administrator' },
  { templateId: ROLE_TEMPLATE.UserAdministrator, displayName: 'User Administrator' },
];

/** A bit per directory role, for the per-user mask of roles held directly (User.roleMask). */
export const ROLE_BITS: Readonly<Record<RoleTemplateId, number>> = {
  [ROLE_TEMPLATE.GlobalAdministrator]: 1,
  [ROLE_TEMPLATE.HelpdeskAdministrator]: 2,
  [ROLE_TEMPLATE.PasswordAdministrator]: 4,
  [ROLE_TEMPLATE.UserAdministrator]: 8,
};

const TEMPLATE_IDS: ReadonlySet<string> = new Set(DIRECTORY_ROLES.map((r) => r.templateId));
export function isRoleTemplateId(id: string): id is RoleTemplateId {
  return TEMPLATE_IDS.has(id);
}

/** Azure built-in RBAC role definition IDs. */
export const AZURE_ROLE = {
  Owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  Contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  Reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  UserAccessAdministrator: '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
} as const;

export type AzureRoleId = (typeof AZURE_ROLE)[keyof typeof AZURE_ROLE];

export const AZURE_ROLES: readonly { readonly id: AzureRoleId; readonly name: string }[] = [
  { id: AZURE_ROLE.Owner, name: 'Owner' },
  { id: AZURE_ROLE.Contributor, name: 'Contributor' },
  { id: AZURE_ROLE.Reader, name: 'Reader' },
  { id: AZURE_ROLE.UserAccessAdministrator, name: 'User Access Administrator' },
];

const AZURE_ROLE_IDS: ReadonlySet<string> = new Set(AZURE_ROLES.map((r) => r.id));
export function isAzureRoleId(id: string): id is AzureRoleId {
  return AZURE_ROLE_IDS.has(id);
}

/** The partner security groups of AGENT-GROUPS, plus SalesAgents (no rights in customers). */
export type AgentGroupKind = 'AdminAgents' | 'HelpdeskAgents' | 'SalesAgents';
export const AGENT_GROUP_KINDS: readonly AgentGroupKind[] = ['AdminAgents', 'HelpdeskAgents', 'SalesAgents'];
export const AGENT_BITS: Readonly<Record<AgentGroupKind, number>> = { AdminAgents: 1, HelpdeskAgents: 2, SalesAgents: 4 };

/** OFFER-NAV-100: the two places a partner finds its delegated-admin offer (seed 001, verbatim). */
export const OFFER_NAV = {
  large: 'Partner overview > Send delegated administration offers',
  small: 'Build your business > delegate admin offer',
} as const;

/** OFFER-NAV-100: the English text's boundary ("100 or more"); seed 002 says "more than 100". */
export const OFFER_NAV_THRESHOLD = 100;

/** How a device reached Windows Autopilot. */
export type DeviceSource = 'partner' | 'store-for-business' | 'store-for-education' | 'intune';
export const CUSTOMER_DEVICE_SOURCES: readonly DeviceSource[] = ['store-for-business', 'store-for-education', 'intune'];

/** What a bundle carries besides DAP (OFFER-BUNDLED). */
export type OfferKind = 'delegated-admin' | 'trial-invitation' | 'purchase-offer';
export const OFFER_KINDS: readonly OfferKind[] = ['delegated-admin', 'trial-invitation', 'purchase-offer'];
