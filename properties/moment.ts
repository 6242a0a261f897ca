/**
 * What the invariants compare before and after a step: the touched customer as its observer (a
 * Global admin no step acts as) sees it, plus the few facts only the reference's state holds
 * (role assignments, whatever the observer's own Azure access) and a snapshot for "nothing
 * changed". Read through the model's public API; names, not ids.
 */
import { AZURE_ROLE, ROLE_TEMPLATE, query, snapshot } from '../model/index.ts';
import type { CustomerEntry } from './catalog.ts';
import type { Sequence } from './sequence.ts';

export interface Assignment {
  readonly name: string;
  readonly principal: string;
  readonly role: string;
}

export interface Moment {
  readonly customer: CustomerEntry | undefined;
  /** Partners the Partner relationships page marks as holding DAP, and those it lists as resellers. */
  readonly dap: ReadonlySet<string>;
  readonly reseller: ReadonlySet<string>;
  /** Explicit members of Global Administrator and Helpdesk Administrator, as listed. */
  readonly globalAdmins: readonly string[];
  readonly helpdeskAdmins: readonly string[];
  /** Each of the customer's subscriptions: its role assignments. */
  readonly assignments: ReadonlyMap<string, readonly Assignment[]>;
  /** The whole world, for "a refused or invalid action changes nothing". */
  readonly world: string;
}

const ROLE_NAME = new Map<string, string>(Object.entries(AZURE_ROLE).map(([k, v]) => [v, k]));

export function momentOf(seq: Sequence, customer: CustomerEntry | undefined): Moment {
  const ids = seq.modelIds;
  const name = (id: string) => ids.names.get(id) ?? id;
  const world = JSON.stringify(snapshot(seq.world));
  if (customer === undefined || customer.observer === undefined) {
    return { customer, dap: new Set(), reseller: new Set(), globalAdmins: [], helpdeskAdmins: [], assignments: new Map(), world };
  }
  const observer = ids.id(customer.observer)!;
  const customerId = ids.id(customer.name)!;
  const page = query(seq.world, observer, { type: 'partnerRelationships', customerId });
  const rows = page.outcome === 'allowed' ? page.result : [];
  const members = (roleId: string) => {
    const d = query(seq.world, observer, { type: 'directoryRoleMembers', tenantId: customerId, roleId });
    return d.outcome === 'allowed' ? d.result.map((m) => name(m.id)) : [];
  };
  const assignments = new Map<string, Assignment[]>();
  for (const s of seq.catalog.subscriptions.filter((x) => x.owner === customer.name)) {
    // The reference's own record: the observer may hold no Azure role to list them with.
    const sub = seq.world.subscriptions.get(ids.id(s.name) ?? '');
    if (sub === undefined) continue;
    assignments.set(s.name, sub.assignments.map((a) => ({ name: name(a.id), principal: name(a.principalId), role: ROLE_NAME.get(a.roleDefinitionId) ?? a.roleDefinitionId })));
  }
  return {
    customer,
    dap: new Set(rows.filter((r) => r.delegatedAdmin).map((r) => name(r.partnerId))),
    reseller: new Set(rows.filter((r) => r.reseller).map((r) => name(r.partnerId))),
    globalAdmins: members(ROLE_TEMPLATE.GlobalAdministrator),
    helpdeskAdmins: members(ROLE_TEMPLATE.HelpdeskAdministrator),
    assignments,
    world,
  };
}
