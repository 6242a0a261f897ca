import { describe, expect, it } from 'vitest';
import { AGENT_BITS, AGENT_GROUP_KINDS, AZURE_ROLE, AZURE_ROLES, CLOUDS, CUSTOMER_DEVICE_SOURCES, DIRECTORY_ROLES, OFFER_KINDS, OFFER_NAV, OFFER_NAV_THRESHOLD, ROLE_BITS, ROLE_TEMPLATE, isAzureRoleId, isRoleTemplateId } from './constants.ts';
import { query } from './index.ts';
import { C1, baseWorld } from '../test/fixture.ts';

// The well-known values are Microsoft's own (../shared/reference/microsoft-api-surface.md §0):
// scenarios and captured traffic name roles by these ids and display names.

describe('well-known values', () => {
  it('GRANT-ADMINAGENTS-GLOBAL: the directory roles, with their template ids and display names, one bit each', () => {
    expect(DIRECTORY_ROLES).toEqual([
      { templateId: '62e90394-69f5-4237-9190-012177145e10', displayName: 'Global Administrator' },
      { templateId: '729827e3-9c14-49f7-bb1b-9608f156bbb8', displayName: 'Helpdesk Administrator' },
      { templateId: '966707d0-3269-4727-9be2-8c3a10f19b9d', displayName: 'Password Administrator' },
      { templateId: 'fe930be7-5e62-47db-91af-98c3a49a38b1', displayName: 'User Administrator' },
    ]);
    expect(Object.values(ROLE_BITS).sort()).toEqual([1, 2, 4, 8]);
    for (const r of DIRECTORY_ROLES) expect(isRoleTemplateId(r.templateId), r.displayName).toBe(true);
    for (const id of ['', 'Global Administrator', AZURE_ROLE.Owner, ROLE_TEMPLATE.GlobalAdministrator.toUpperCase()]) expect(isRoleTemplateId(id), id).toBe(false);
  });

  it('GRANT-SIGNIN: the directory roles listing shows each role with its display name and the tenant’s role object id', () => {
    const world = baseWorld();
    const d = query(world, 'c1-user', { type: 'directoryRoles', tenantId: C1 });
    expect(d).toMatchObject({ outcome: 'allowed', rules: ['GRANT-SIGNIN'] });
    expect((d as { result: unknown }).result).toEqual(DIRECTORY_ROLES.map((r) => ({ id: world.roleObjectId(world.tenant(C1)!, r.templateId), roleTemplateId: r.templateId, displayName: r.displayName })));
  });

  it('AZURE-RBAC-SEPARATE: the Azure built-in roles, with their ids and names', () => {
    expect(AZURE_ROLES).toEqual([
      { id: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635', name: 'Owner' },
      { id: 'b24988ac-6180-42a0-ab88-20f7382dd24c', name: 'Contributor' },
      { id: 'acdd72a7-3385-48ef-bd42-f606fba81ae7', name: 'Reader' },
      { id: '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9', name: 'User Access Administrator' },
    ]);
    for (const r of AZURE_ROLES) expect(isAzureRoleId(r.id), r.name).toBe(true);
    for (const id of ['', 'Owner', ROLE_TEMPLATE.GlobalAdministrator, AZURE_ROLE.Reader.toUpperCase()]) expect(isAzureRoleId(id), id).toBe(false);
  });

  it('OFFER-NAV-100: the two places, verbatim, and the boundary of the English text', () => {
    expect(OFFER_NAV).toEqual({ large: 'Partner overview > Send delegated administration offers', small: 'Build your business > delegate admin offer' });
    expect(OFFER_NAV_THRESHOLD).toBe(100);
  });

  it('AGENT-GROUPS: the agent group kinds with a bit each; the clouds, device sources and offer kinds', () => {
    expect(AGENT_GROUP_KINDS).toEqual(['AdminAgents', 'HelpdeskAgents', 'SalesAgents']);
    expect(AGENT_BITS).toEqual({ AdminAgents: 1, HelpdeskAgents: 2, SalesAgents: 4 });
    expect(CLOUDS).toEqual(['global', 'china-21vianet']);
    expect(CUSTOMER_DEVICE_SOURCES).toEqual(['store-for-business', 'store-for-education', 'intune']);
    expect(OFFER_KINDS).toEqual(['delegated-admin', 'trial-invitation', 'purchase-offer']);
  });
});
