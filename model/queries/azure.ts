/**
 * Azure listings. Role assignments are explicit, so a partner's assignment is listed like any
 * other, with its ForeignGroup principal (AZURE-REMOVE-ASSIGNMENT) — the opposite of the implicit
 * directory roles of LIST-IMPLICIT-HIDDEN.
 */
import type { RuleId } from '../catalogue.ts';
import { allowResult, type Decision } from '../decision.ts';
import { effectiveAssignments, readAccess } from '../rules/azure.ts';
import { customerAt, failed, subscriptionAt, type Params } from '../rules/params.ts';
import type { PrincipalType, User } from '../types.ts';
import type { World } from '../world.ts';

export interface RoleAssignmentView {
  readonly id: string;
  readonly subscriptionId: string;
  readonly roleDefinitionId: string;
  readonly principalId: string;
  readonly principalType: PrincipalType;
  readonly principalTenantId: string;
}

export interface SubscriptionView {
  readonly subscriptionId: string;
  readonly displayName: string;
  readonly customerId: string;
  readonly provisionedByPartnerId: string | undefined;
}

const LISTED: readonly RuleId[] = ['AZURE-RBAC-SEPARATE', 'AZURE-REMOVE-ASSIGNMENT'];

export function roleAssignments(world: World, actor: User, p: Params): Decision<RoleAssignmentView[]> {
  const sub = subscriptionAt(world, p['subscriptionId'], 'subscriptionId');
  if (failed(sub)) return sub;
  const denied = readAccess(world, actor, sub);
  if (denied !== undefined) return denied;
  return allowResult(LISTED, sub.assignments.map((a) => {
    return { id: a.id, subscriptionId: a.subscriptionId, roleDefinitionId: a.roleDefinitionId, principalId: a.principalId, principalType: a.principalType, principalTenantId: a.principalTenantId };
  }));
}

/** The customer's subscriptions the actor can see: those where it holds any role assignment. */
export function azureSubscriptions(world: World, actor: User, p: Params): Decision<SubscriptionView[]> {
  const customer = customerAt(world, p['customerId'], 'customerId');
  if (failed(customer)) return customer;
  const rows: SubscriptionView[] = [];
  for (const id of customer.subscriptionIds) {
    const sub = world.subscriptions.get(id)!;
    if (effectiveAssignments(world, actor, sub).length === 0) continue;
    rows.push({ subscriptionId: id, displayName: sub.displayName, customerId: customer.id, provisionedByPartnerId: sub.origin.by === 'partner' ? sub.origin.partnerId : undefined });
  }
  return allowResult(['AZURE-RBAC-SEPARATE'], rows);
}
