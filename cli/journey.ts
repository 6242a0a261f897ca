/**
 * The seeds' central journey, as data, run against the reference model: a partner offers
 * delegated administration, the customer's Global admin accepts, the partner's implicit roles are
 * hidden from listings while it acts, the customer removes DAP in three steps, and the partner's
 * Azure access stays. Each step says what the seeds expect; the run compares.
 *
 * Until scenario files arrive (issue 3) this is `npm start`'s embedded default.
 */
import { AZURE_ROLE, ROLE_TEMPLATE, World, perform, query, setup, type Decision, type Profile, type RuleId } from '../model/index.ts';

export interface JourneyStep {
  readonly title: string;
  readonly actor: string;
  readonly run: (world: World, bound: Map<string, string>, profile: Profile) => Decision<unknown>;
  readonly expect: { readonly outcome: 'allowed' | 'refused'; readonly code?: string; readonly rules: readonly RuleId[]; readonly check?: (result: unknown, bound: Map<string, string>) => string | undefined };
}

export interface StepResult {
  readonly step: JourneyStep;
  readonly decision: Decision<unknown>;
  readonly failure: string | undefined;
}

const P = 'contoso-partners';
const C = 'northwind-traders';

export function journeyWorld(): World {
  const world = new World({ now: '2026-01-05T09:00:00.000Z' });
  const ok = (r: unknown) => { if (typeof r !== 'string') throw new Error(`journey set-up failed: ${JSON.stringify(r)}`); };
  ok(setup.addPartner(world, { id: P, name: 'Contoso Partners', certifiedForDap: true, defaultDomain: 'contosopartners.onmicrosoft.com' }));
  ok(setup.addUser(world, { id: 'alex', tenantId: P, displayName: 'Alex (Admin agent)', userPrincipalName: 'alex@contosopartners.onmicrosoft.com', offerSwitch: true }));
  ok(setup.addAgent(world, { userId: 'alex', group: 'AdminAgents' }));
  ok(setup.addUser(world, { id: 'hana', tenantId: P, displayName: 'Hana (Helpdesk agent)', userPrincipalName: 'hana@contosopartners.onmicrosoft.com' }));
  ok(setup.addAgent(world, { userId: 'hana', group: 'HelpdeskAgents' }));
  ok(setup.addCustomer(world, { id: C, name: 'Northwind Traders', defaultDomain: 'northwind.onmicrosoft.com' }));
  ok(setup.addUser(world, { id: 'grace', tenantId: C, displayName: 'Grace (Global admin)', userPrincipalName: 'grace@northwind.onmicrosoft.com' }));
  ok(setup.assignDirectoryRole(world, { tenantId: C, role: ROLE_TEMPLATE.GlobalAdministrator, principalId: 'grace' }));
  ok(setup.addUser(world, { id: 'sam', tenantId: C, displayName: 'Sam', userPrincipalName: 'sam@northwind.onmicrosoft.com' }));
  ok(setup.addSubscription(world, { id: 'existing-sub', customerId: C, displayName: 'Northwind production', ownerId: 'grace' }));
  return world;
}

const created = (d: Decision<unknown>, key: string): string | undefined =>
  d.outcome === 'allowed' ? (d.effects.find((e) => key in e) as Record<string, string> | undefined)?.[key] : undefined;

export const JOURNEY: readonly JourneyStep[] = [
  { title: 'Admin agent creates the delegated-admin offer', actor: 'alex',
    run: (w, b) => { const d = perform(w, 'alex', { type: 'createOffer' }); b.set('offer', created(d, 'offerId') ?? ''); return d; },
    expect: { outcome: 'allowed', rules: ['OFFER-CERTIFIED', 'AGENT-OFFER-CREATORS'] } },
  { title: 'Before consent the agent cannot sign in to the customer', actor: 'alex',
    run: (w) => perform(w, 'alex', { type: 'signIn', tenantId: C }), expect: { outcome: 'refused', code: 'NO_DAP', rules: ['CONSENT-REQUIRED'] } },
  { title: 'A non-admin customer user cannot accept', actor: 'sam',
    run: (w, b) => perform(w, 'sam', { type: 'acceptOffer', offerId: b.get('offer')! }), expect: { outcome: 'refused', code: 'NOT_CUSTOMER_GLOBAL_ADMIN', rules: ['CONSENT-BY-GLOBAL-ADMIN'] } },
  { title: "The customer's Global admin accepts", actor: 'grace',
    run: (w, b) => perform(w, 'grace', { type: 'acceptOffer', offerId: b.get('offer')! }, { now: '2026-01-06T10:00:00.000Z' }),
    expect: { outcome: 'allowed', rules: ['CONSENT-BY-GLOBAL-ADMIN', 'GRANT-ADMINAGENTS-GLOBAL', 'CONSENT-NOTIFY'] } },
  { title: "The partner's mailbox has the customer's response", actor: 'alex',
    run: (w) => query(w, 'alex', { type: 'mailbox' }),
    expect: { outcome: 'allowed', rules: ['CONSENT-NOTIFY'], check: (r) => ((r as { customerId: string }[]).some((m) => m.customerId === C) ? undefined : 'no email naming the customer') } },
  { title: 'The Admin agent adds a user (Full administration)', actor: 'alex',
    run: (w) => perform(w, 'alex', { type: 'addUser', tenantId: C, userPrincipalName: 'new.hire@northwind.onmicrosoft.com', displayName: 'New Hire' }),
    expect: { outcome: 'allowed', rules: ['GRANT-ADMINAGENTS-GLOBAL', 'GRANT-FULL-ADMIN-TASKS'] } },
  { title: 'The Helpdesk agent cannot add a domain (Limited administration)', actor: 'hana',
    run: (w) => perform(w, 'hana', { type: 'addDomain', tenantId: C, domain: 'northwind.example' }),
    expect: { outcome: 'refused', code: 'INSUFFICIENT_DIRECTORY_ROLE', rules: ['GRANT-LIMITED-ADMIN-TASKS'] } },
  { title: 'Global Administrator members list Grace only, never the partner', actor: 'grace',
    run: (w) => query(w, 'grace', { type: 'directoryRoleMembers', tenantId: C, roleId: ROLE_TEMPLATE.GlobalAdministrator }),
    expect: { outcome: 'allowed', rules: ['LIST-IMPLICIT-HIDDEN'], check: (r) => { const ids = (r as { id: string }[]).map((m) => m.id); return ids.length === 1 && ids[0] === 'grace' ? undefined : `listed ${ids.join(', ')}`; } } },
  { title: 'The Partner relationships page marks the partner with DAP', actor: 'grace',
    run: (w) => query(w, 'grace', { type: 'partnerRelationships' }),
    expect: { outcome: 'allowed', rules: ['LIST-PARTNER-RELATIONSHIPS'], check: (r) => ((r as { partnerId: string; delegatedAdmin: boolean }[]).some((x) => x.partnerId === P && x.delegatedAdmin) ? undefined : 'partner not marked') } },
  { title: 'DAP gives no access to the subscription that already existed', actor: 'alex',
    run: (w) => perform(w, 'alex', { type: 'manageAzureResources', subscriptionId: 'existing-sub' }),
    expect: { outcome: 'refused', code: 'NO_AZURE_ROLE', rules: ['AZURE-RBAC-SEPARATE', 'AZURE-NO-RETROACTIVE'] } },
  { title: 'Grace assigns the partner’s AdminAgents Owner on it', actor: 'grace',
    run: (w) => perform(w, 'grace', { type: 'addRoleAssignment', subscriptionId: 'existing-sub', roleDefinitionId: AZURE_ROLE.Owner, principalId: w.partner(P)!.agentGroups.AdminAgents }),
    expect: { outcome: 'allowed', rules: ['AZURE-RBAC-SEPARATE'] } },
  { title: 'Removal step 1: select the partner', actor: 'grace',
    run: (w) => perform(w, 'grace', { type: 'selectPartnerForRemoval', partnerId: P }), expect: { outcome: 'allowed', rules: ['REVOKE-CONFIRM'] } },
  { title: "Removal step 2: choose 'Remove delegated admin'", actor: 'grace',
    run: (w) => perform(w, 'grace', { type: 'chooseRemoveDelegatedAdmin' }), expect: { outcome: 'allowed', rules: ['REVOKE-CONFIRM'] } },
  { title: "Removal step 3: confirm 'Remove'", actor: 'grace',
    run: (w) => perform(w, 'grace', { type: 'confirmRemoveDelegatedAdmin' }, { now: '2026-02-01T08:00:00.000Z' }),
    expect: { outcome: 'allowed', rules: ['REVOKE-CONFIRM', 'REVOKE-ROLES-REMOVED', 'AZURE-PERSISTS-AFTER-REVOKE'] } },
  { title: 'The agent can no longer manage the directory', actor: 'alex',
    run: (w) => perform(w, 'alex', { type: 'resetPassword', tenantId: C, userId: 'sam' }), expect: { outcome: 'refused', code: 'DAP_REMOVED', rules: ['REVOKE-ROLES-REMOVED'] } },
  { title: 'Nor open a service request for the customer', actor: 'alex',
    run: (w) => perform(w, 'alex', { type: 'openServiceRequest', customerId: C, title: 'Mail flow' }), expect: { outcome: 'refused', code: 'DAP_REMOVED', rules: ['REVOKE-NO-SERVICE-REQUESTS'] } },
  { title: 'But it still manages the subscription where it holds Owner', actor: 'alex',
    run: (w) => perform(w, 'alex', { type: 'manageAzureResources', subscriptionId: 'existing-sub' }), expect: { outcome: 'allowed', rules: ['AZURE-PERSISTS-AFTER-REVOKE'] } },
];

export function runJourney(profile: Profile = 'current', steps: readonly JourneyStep[] = JOURNEY): StepResult[] {
  const world = journeyWorld();
  const bound = new Map<string, string>();
  return steps.map((step) => {
    const decision = step.run(world, bound, profile);
    const e = step.expect;
    let failure: string | undefined;
    if (decision.outcome !== e.outcome) failure = `expected ${e.outcome}${e.code ? ` ${e.code}` : ''}, got ${decision.outcome}${decision.outcome !== 'allowed' ? ` ${decision.code}` : ''}`;
    else if (e.code !== undefined && decision.outcome !== 'allowed' && decision.code !== e.code) failure = `expected code ${e.code}, got ${decision.code}`;
    else {
      const missing = e.rules.filter((r) => !decision.rules.includes(r));
      if (missing.length > 0) failure = `decision did not name ${missing.join(', ')}`;
      else if (e.check !== undefined && decision.outcome === 'allowed') failure = e.check(decision.result, bound);
    }
    return { step, decision, failure };
  });
}
