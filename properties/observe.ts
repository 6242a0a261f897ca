/**
 * The listings compared after an action: what the people involved would look at next. For the
 * customer the step touched, its Global admin's view of the directory roles where a partner's
 * implicit roles would show (LIST-IMPLICIT-HIDDEN) and of the Partner relationships page
 * (LIST-PARTNER-RELATIONSHIPS); for a partner actor, its customer list
 * (RESELLER-CUSTOMER-LISTED); for an Azure step, the subscription's role assignments; for an
 * Autopilot step, the customer's devices as the actor sees them.
 *
 * Only steps that changed something on either side are observed: a refusal changes nothing in
 * the model, and a target that changed something anyway shows it at the next observation.
 */
import type { Catalog, CustomerEntry } from './catalog.ts';
import type { GeneratedStep } from './steps.ts';

/** The customer a step acts in or on, if any. */
export function customerTouched(step: GeneratedStep, cat: Catalog): CustomerEntry | undefined {
  const w = step.with;
  const named = (w['customer'] ?? w['tenant']) as string | undefined;
  if (named !== undefined) return cat.customer(named);
  const sub = w['subscription'] as string | undefined;
  if (sub !== undefined) {
    const owner = cat.subscriptions.find((s) => s.name === sub)?.owner;
    return owner === undefined ? undefined : cat.customer(owner);
  }
  return cat.customerOf(step.as);
}

export function observationsAfter(step: GeneratedStep, cat: Catalog): GeneratedStep[] {
  const look = (as: string, query: NonNullable<GeneratedStep['query']>, w: Record<string, unknown> = {}): GeneratedStep => ({ as, query, with: w, creates: [], changes: [] });
  const out: GeneratedStep[] = [];
  const customer = customerTouched(step, cat);
  const ga = customer?.observer;
  if (customer !== undefined && ga !== undefined) {
    out.push(look(ga, 'directoryRoleMembers', { tenant: customer.name, role: 'Global Administrator' }));
    out.push(look(ga, 'directoryRoleMembers', { tenant: customer.name, role: 'Helpdesk Administrator' }));
    out.push(look(ga, 'partnerRelationships', { customer: customer.name }));
  }
  if (cat.partnerOf(step.as) !== undefined) out.push(look(step.as, 'partnerCustomers'));
  const sub = step.with['subscription'] as string | undefined;
  if (sub !== undefined && ga !== undefined && cat.subscriptions.some((s) => s.name === sub)) out.push(look(ga, 'roleAssignments', { subscription: sub }));
  if (customer !== undefined && step.profile !== undefined) out.push(look(step.as, 'autopilotDevices', { customer: customer.name }));
  return out;
}
