/**
 * The rule catalogue in code: every rule of `../shared/spec/rules.md`, by its stable ID.
 *
 * The IDs are the one vocabulary of the project: decisions name them, tests are titled with
 * them, scenarios expect them and reports are keyed by them. `catalogue.test.ts` fails when this
 * list and the spec disagree on IDs. Statements are our own one-line paraphrases; the spec and
 * the seeds stay authoritative.
 */

/** Where a rule comes from (see the spec's header). */
export type RuleSource = 'seed' | 'inferred' | 'external';

/** Autopilot rules come in two variants; every other rule holds under both profiles. */
export type Profile = 'current' | 'proposed';
export const PROFILES: readonly Profile[] = ['current', 'proposed'];

export type RuleArea =
  | 'offers-and-consent'
  | 'partner-side-permissions'
  | 'what-dap-grants'
  | 'what-listings-show'
  | 'removing-dap'
  | 'azure-subscriptions'
  | 'windows-autopilot'
  | 'scope-limits';

export interface Rule {
  readonly id: RuleId;
  readonly area: RuleArea;
  /** The profiles under which the rule applies. */
  readonly profiles: readonly Profile[];
  readonly source: RuleSource;
  /** The seed documents (file names under ../shared/seeds) the rule rests on. */
  readonly seeds: readonly string[];
  /** One line, in our words. */
  readonly statement: string;
}

const S001 = '001_46b1df7d3c37d8f7.txt';
const S000 = '000_a4c98befac8ab768.txt';
const S002 = '002_2d9741b2388d78e1.txt';
const S003 = '003_0b5b35a8f2208fb8.txt';
const S004 = '004_1d4e16aced4c9323.txt';
const BOTH: readonly Profile[] = PROFILES;

// `as const` keeps the IDs as a literal union, so a misspelt rule ID is a type error anywhere.
const RULES = [
  // Offers and consent
  { id: 'OFFER-CERTIFIED', area: 'offers-and-consent', profiles: BOTH, source: 'seed', seeds: [S001, S000, S002, S003],
    statement: 'Only a partner certified for delegated administration can create a delegated-admin offer; an uncertified attempt is refused and changes nothing.' },
  { id: 'OFFER-REUSABLE', area: 'offers-and-consent', profiles: BOTH, source: 'seed', seeds: [S001],
    statement: "A partner's delegated-admin offer is not tied to a customer: any number of customers may accept the same link, each granting DAP for itself only." },
  { id: 'OFFER-BUNDLED', area: 'offers-and-consent', profiles: BOTH, source: 'seed', seeds: [S001, S003],
    statement: 'The offer may travel alone or inside a trial invitation or purchase offer; accepting the bundle grants DAP plus what the bundle carries.' },
  { id: 'OFFER-NAV-100', area: 'offers-and-consent', profiles: BOTH, source: 'seed', seeds: [S001, S002],
    statement: "A partner with 100 or more customers finds the offer under 'Partner overview'; with fewer, under 'Build your business' (English text wins at exactly 100)." },
  { id: 'CONSENT-REQUIRED', area: 'offers-and-consent', profiles: BOTH, source: 'seed', seeds: [S001, S003, S004],
    statement: 'No partner user administers a customer until that customer has accepted an offer or request carrying DAP; agent groups alone grant nothing.' },
  { id: 'CONSENT-NOTIFY', area: 'offers-and-consent', profiles: BOTH, source: 'seed', seeds: [S001, S000, S002],
    statement: "When a customer accepts, the partner's mailbox receives an email with the response, naming the customer." },
  { id: 'CONSENT-BY-GLOBAL-ADMIN', area: 'offers-and-consent', profiles: BOTH, source: 'external', seeds: [S004],
    statement: "Only a Global admin of the customer tenant can accept an offer or reseller request, or remove a partner's DAP." },
  { id: 'RESELLER-REQUEST-ROLES', area: 'offers-and-consent', profiles: BOTH, source: 'seed', seeds: [S004],
    statement: 'Only an Admin agent or a Sales agent can create a reseller relationship request.' },
  { id: 'RESELLER-LINK-PARTNER', area: 'offers-and-consent', profiles: BOTH, source: 'seed', seeds: [S004],
    statement: 'A reseller request link is personalised: accepting it relates the customer to the partner that made it, whatever the email said.' },
  { id: 'RESELLER-CUSTOMER-LISTED', area: 'offers-and-consent', profiles: BOTH, source: 'seed', seeds: [S004],
    statement: "An accepting customer appears in the partner's customer list, and the partner can then provision and manage services for it." },

  // Partner-side permissions
  { id: 'AGENT-GROUPS', area: 'partner-side-permissions', profiles: BOTH, source: 'seed', seeds: [S004, S001],
    statement: 'DAP works through two partner security groups, AdminAgents (Full administration) and HelpdeskAgents (Limited administration).' },
  { id: 'AGENT-OFFER-CREATORS', area: 'partner-side-permissions', profiles: BOTH, source: 'inferred', seeds: [S001],
    statement: "Only partner users with 'administrative access to companies you support' switched on create trial invitations, purchase offers and the delegated-admin offer." },
  { id: 'AGENT-MEMBERSHIP-LIVE', area: 'partner-side-permissions', profiles: BOTH, source: 'inferred', seeds: [S004],
    statement: "An agent's rights in customers follow its group membership at the moment of each action, in every customer at once." },

  // What DAP grants
  { id: 'GRANT-ADMINAGENTS-GLOBAL', area: 'what-dap-grants', profiles: BOTH, source: 'seed', seeds: [S004],
    statement: "Under DAP the partner's AdminAgents group holds Global Administrator in the customer tenant." },
  { id: 'GRANT-HELPDESK-HELPDESKADMIN', area: 'what-dap-grants', profiles: BOTH, source: 'seed', seeds: [S004, S001],
    statement: "Under DAP the partner's HelpdeskAgents group holds Helpdesk Administrator (001's 'password admin') in the customer tenant." },
  { id: 'GRANT-SIGNIN', area: 'what-dap-grants', profiles: BOTH, source: 'seed', seeds: [S004],
    statement: 'Members of either agent group sign in to the customer with partner credentials and act within their role; other partner users cannot.' },
  { id: 'GRANT-FULL-ADMIN-TASKS', area: 'what-dap-grants', profiles: BOTH, source: 'seed', seeds: [S001, S004],
    statement: 'Full administration can do what a Global Administrator does: add users, reset passwords, add domains, manage services and licenses.' },
  { id: 'GRANT-LIMITED-ADMIN-TASKS', area: 'what-dap-grants', profiles: BOTH, source: 'seed', seeds: [S001],
    statement: "Limited administration resets passwords but adds no users or domains, manages no services, and cannot reset a customer administrator's password." },
  { id: 'GRANT-MULTI-PARTNER', area: 'what-dap-grants', profiles: BOTH, source: 'inferred', seeds: [],
    statement: "DAP is per partner-customer pair: granting, using or removing one partner's DAP never changes another's." },

  // What listings show
  { id: 'LIST-IMPLICIT-HIDDEN', area: 'what-listings-show', profiles: BOTH, source: 'seed', seeds: [S004],
    statement: "Directory role member listings never return the partner, its groups or its agents, though they hold the role; explicit members are listed." },
  { id: 'LIST-PARTNER-RELATIONSHIPS', area: 'what-listings-show', profiles: BOTH, source: 'seed', seeds: [S004],
    statement: "The customer's Partner relationships page lists every related partner and marks those holding DAP." },
  { id: 'LIST-PAGE-GLOBAL-ADMIN', area: 'what-listings-show', profiles: BOTH, source: 'seed', seeds: [S004],
    statement: 'Only a Global admin of the customer tenant opens the Partner relationships page.' },

  // Removing DAP
  { id: 'REVOKE-CONFIRM', area: 'removing-dap', profiles: BOTH, source: 'seed', seeds: [S004],
    statement: "Removal is three steps: select the partner, choose 'Remove delegated admin', confirm 'Remove'; anything short of the confirmation changes nothing." },
  { id: 'REVOKE-KEEPS-RESELLER', area: 'removing-dap', profiles: BOTH, source: 'seed', seeds: [S004],
    statement: 'Removing DAP keeps the reseller relationship: the partner stays on the page without the DAP mark and the customer stays in its list.' },
  { id: 'REVOKE-ROLES-REMOVED', area: 'removing-dap', profiles: BOTH, source: 'seed', seeds: [S004],
    statement: "After removal the implicit Global and Helpdesk Administrator assignments are gone and no agent manages the customer's directory." },
  { id: 'REVOKE-NO-SERVICE-REQUESTS', area: 'removing-dap', profiles: BOTH, source: 'seed', seeds: [S004],
    statement: 'While DAP is removed the partner cannot open service requests for the customer, until the customer grants DAP again.' },
  { id: 'REVOKE-BY-PARTNER', area: 'removing-dap', profiles: BOTH, source: 'external', seeds: [],
    statement: 'The partner can give up its own DAP for a customer, with the effects of a removal by the customer; the reseller relationship stays.' },
  { id: 'REVOKE-REGRANT', area: 'removing-dap', profiles: BOTH, source: 'seed', seeds: [S004],
    statement: 'A customer can grant DAP again after removing it, with the same effects as a first grant.' },

  // Azure subscriptions
  { id: 'AZURE-RBAC-SEPARATE', area: 'azure-subscriptions', profiles: BOTH, source: 'seed', seeds: [S004],
    statement: 'A subscription is managed only through role assignments under it; DAP alone gives nothing there.' },
  { id: 'AZURE-NO-RETROACTIVE', area: 'azure-subscriptions', profiles: BOTH, source: 'seed', seeds: [S004],
    statement: 'Accepting a reseller invitation and granting DAP gives no access to Azure subscriptions that already exist.' },
  { id: 'AZURE-PROVISION-OWNER', area: 'azure-subscriptions', profiles: BOTH, source: 'seed', seeds: [S004],
    statement: 'A subscription the partner provisions gives its AdminAgents group Owner (HelpdeskAgents nothing); provisioning needs a reseller relationship and an Admin or Sales agent.' },
  { id: 'AZURE-PERSISTS-AFTER-REVOKE', area: 'azure-subscriptions', profiles: BOTH, source: 'seed', seeds: [S004],
    statement: 'Removing DAP leaves Azure role assignments alone: the partner keeps managing subscriptions where it still holds one.' },
  { id: 'AZURE-REMOVE-ASSIGNMENT', area: 'azure-subscriptions', profiles: BOTH, source: 'seed', seeds: [S004],
    statement: "Only removing the partner's role assignment stops it managing the subscription; that assignment is explicit and listed." },

  // Windows Autopilot
  { id: 'AUTOPILOT-NEEDS-RESELLER', area: 'windows-autopilot', profiles: BOTH, source: 'inferred', seeds: [S004],
    statement: 'Autopilot management from Partner Center needs a reseller relationship with the customer.' },
  { id: 'AUTOPILOT-AGENT-ROLES', area: 'windows-autopilot', profiles: BOTH, source: 'external', seeds: [],
    statement: 'Only Admin agents create, change and apply Autopilot profiles; Admin and Sales agents add (and remove) devices.' },
  { id: 'AUTOPILOT-PROFILES-WITHOUT-DAP', area: 'windows-autopilot', profiles: ['current'], source: 'seed', seeds: [S004],
    statement: 'A partner with a reseller relationship manages Autopilot profiles without DAP.' },
  { id: 'AUTOPILOT-PARTNER-DEVICES', area: 'windows-autopilot', profiles: ['current'], source: 'seed', seeds: [S004],
    statement: 'The partner manages devices that it or another partner added.' },
  { id: 'AUTOPILOT-CUSTOMER-DEVICES', area: 'windows-autopilot', profiles: ['current'], source: 'seed', seeds: [S004],
    statement: 'The partner cannot manage devices the customer added through Store for Business, Store for Education or Intune.' },
  { id: 'AUTOPILOT-PROFILES-NEED-DAP', area: 'windows-autopilot', profiles: ['proposed'], source: 'seed', seeds: [S004],
    statement: 'Adding, updating, removing profiles and applying or removing a profile on any device needs DAP.' },
  { id: 'AUTOPILOT-REMOVE-OTHERS-NEED-DAP', area: 'windows-autopilot', profiles: ['proposed'], source: 'seed', seeds: [S004],
    statement: 'Removing a device added by another partner or the customer needs DAP; without it the partner removes only its own devices.' },

  // Scope limits
  { id: 'SCOPE-NO-MDM', area: 'scope-limits', profiles: BOTH, source: 'seed', seeds: [S001, S000, S002],
    statement: 'Delegated MDM for Office 365 is not supported: an agent is refused even with DAP and Full administration.' },
  { id: 'SCOPE-SOVEREIGN-CLOUD', area: 'scope-limits', profiles: BOTH, source: 'seed', seeds: [S002],
    statement: '21Vianet (China) is a separate cloud: only partners certified there offer DAP, and tenants of different clouds form no relationship.' },
  { id: 'SCOPE-SERVICE-REQUESTS', area: 'scope-limits', profiles: BOTH, source: 'seed', seeds: [S004],
    statement: 'The partner opens service requests on a customer’s behalf only while it holds DAP for that customer.' },
] as const satisfies readonly (Omit<Rule, 'id'> & { id: string })[];

export type RuleId = (typeof RULES)[number]['id'];

/** Every rule, in the order of the spec. */
export const CATALOGUE: readonly Rule[] = RULES;

export const RULE_IDS: readonly RuleId[] = RULES.map((r) => r.id);

const BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));

/** The rule with this ID, or undefined: callers validating user input use this. */
export function findRule(id: string): Rule | undefined {
  return BY_ID.get(id);
}

export function isRuleId(id: string): id is RuleId {
  return BY_ID.has(id);
}
