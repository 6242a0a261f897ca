/**
 * The invariants: statements that hold after every step of every generated sequence, each named
 * and tagged with the rule IDs it checks (properties/README.md lists them). They look at the
 * model through its public API (moment.ts) and at the step's own decision, and they are checked by
 * a {@link StepWatcher} around every step, so fast-check shrinks a broken one like any failure.
 */
import { CUSTOMER_DEVICE_SOURCES, INVALID_CODES, OFFER_NAV, OFFER_NAV_THRESHOLD, REFUSAL_CODES, isRuleId, type Decision, type Profile, type RuleId } from '../model/index.ts';
import type { Given } from '../scenarios/format.ts';
import type { Catalog, CustomerEntry, PartnerEntry } from './catalog.ts';
import { momentOf, type Moment } from './moment.ts';
import { customerTouched } from './observe.ts';
import type { Sequence, StepWatcher } from './sequence.ts';
import type { GeneratedStep } from './steps.ts';

/** What the invariants know across steps, followed from set-up and from the model's effects. */
export interface Ghost {
  /** "partner|customer" pairs where the partner holds DAP. */
  readonly dap: Set<string>;
  /** The customer's removal in progress: the partner selected, and how far the Global admin got. */
  readonly removal: Map<string, { partner: string; chosen: boolean }>;
  /** Each partner's delegated-admin offer, once it has one. */
  readonly offer: Map<string, string>;
}

export interface InvariantContext {
  readonly step: GeneratedStep;
  readonly decision: Decision<unknown>;
  readonly before: Moment;
  readonly after: Moment;
  /** The catalogue as it was before the step (live agent groups, objects). */
  readonly catalog: Catalog;
  /** The ghost before the step, and after it (this step's effects followed). */
  readonly ghost: Ghost;
  readonly ghostAfter: Ghost;
  readonly profile: Profile;
  readonly actorPartner: PartnerEntry | undefined;
  readonly actorCustomer: CustomerEntry | undefined;
  readonly customer: CustomerEntry | undefined;
  /** The decision's effects with ids turned into names. */
  readonly effects: readonly Readonly<Record<string, unknown>>[];
  /** Asks the model as a user of the given partner (read-only queries). */
  readonly sequence: Sequence;
}

export interface Invariant {
  readonly name: string;
  /** The rule IDs it checks; `every` for the ones that hold of all decisions alike. */
  readonly rules: readonly RuleId[] | 'every';
  readonly statement: string;
  /** Undefined when it holds; else what broke. */
  check(c: InvariantContext): string | undefined;
}

const DIRECTORY_ACTIONS = new Set(['signIn', 'addUser', 'resetPassword', 'addDomain', 'manageLicenses', 'addDirectoryRoleMember', 'removeDirectoryRoleMember']);
const FULL_ADMIN_ONLY = new Set(['addUser', 'addDomain', 'manageLicenses', 'addDirectoryRoleMember', 'removeDirectoryRoleMember']);
const PROFILE_ACTIONS = new Set(['createAutopilotProfile', 'updateAutopilotProfile', 'deleteAutopilotProfile', 'applyAutopilotProfile', 'removeAutopilotProfile']);
const DEVICE_ACTIONS = new Set(['addAutopilotDevices', 'removeAutopilotDevice']);
const NO_DAP_CODES = new Set(['NO_DAP', 'DAP_REMOVED', 'DAP_NOT_HELD']);

const allowed = (c: InvariantContext) => c.decision.outcome === 'allowed';
const inGroup = (c: InvariantContext, ...groups: ('AdminAgents' | 'HelpdeskAgents' | 'SalesAgents')[]) => c.actorPartner !== undefined && groups.some((g) => c.actorPartner!.agents[g].has(c.step.as));
const effectsOf = (c: InvariantContext, type: string) => c.effects.filter((e) => e['type'] === type);
const show = (xs: Iterable<string>) => `[${[...xs].sort().join(', ')}]`;

/** Does an assignment's principal cover the actor: the actor, a customer group it is in, or a partner agent group it is in? */
function covers(c: InvariantContext, principal: string): boolean {
  if (principal === c.step.as) return true;
  if (c.customer?.groupMembers.get(principal)?.includes(c.step.as)) return true;
  const [partner, group] = principal.split('/');
  return c.actorPartner !== undefined && partner === c.actorPartner.name && group !== undefined && (c.actorPartner.agents as Record<string, Set<string>>)[group]?.has(c.step.as) === true;
}

export const INVARIANTS: readonly Invariant[] = [
  {
    name: 'no partner access without consent',
    rules: ['CONSENT-REQUIRED', 'GRANT-SIGNIN', 'GRANT-ADMINAGENTS-GLOBAL', 'GRANT-HELPDESK-HELPDESKADMIN'],
    statement: "A partner user's directory work in a customer (sign-in included) is allowed only while the customer has granted that partner DAP.",
    check: (c) => allowed(c) && c.actorPartner && c.customer && DIRECTORY_ACTIONS.has(c.step.do ?? '') && !c.before.dap.has(c.actorPartner.name)
      ? `${c.step.as} of ${c.actorPartner.name} did ${c.step.do} in ${c.customer.name}, whose page marks DAP only for ${show(c.before.dap)}` : undefined,
  },
  {
    name: 'implicit roles are never listed',
    rules: ['LIST-IMPLICIT-HIDDEN'],
    statement: "Global Administrator and Helpdesk Administrator list only the customer's own users and groups, never a partner's agents or groups, even while the partner holds DAP.",
    check: (c) => {
      if (c.customer === undefined) return undefined;
      const foreign = [...c.after.globalAdmins, ...c.after.helpdeskAdmins].filter((m) => m.includes('/') || c.catalog.partnerOf(m) !== undefined);
      return foreign.length > 0 ? `${c.customer.name}'s role members list ${show(foreign)} (DAP held by ${show(c.after.dap)})` : undefined;
    },
  },
  {
    name: 'the Partner relationships page marks exactly the partners holding DAP',
    rules: ['LIST-PARTNER-RELATIONSHIPS', 'LIST-PAGE-GLOBAL-ADMIN'],
    statement: 'After every step, the DAP marks on the page are the partners granted DAP and not since removed; the page is refused to anyone but a Global admin.',
    check: (c) => {
      if (c.customer?.observer === undefined) return undefined;
      const expected = [...c.ghostAfter.dap].filter((k) => k.endsWith(`|${c.customer!.name}`)).map((k) => k.split('|')[0]!);
      if (show(expected) !== show(c.after.dap)) return `${c.customer.name}'s page marks ${show(c.after.dap)}; granted and not removed: ${show(expected)}`;
      if (c.step.query === 'partnerRelationships' && allowed(c) && c.actorCustomer !== undefined && !c.before.globalAdmins.includes(c.step.as)) return `${c.step.as}, not a Global admin, saw the page`;
      return undefined;
    },
  },
  {
    name: 'removing DAP keeps the reseller relationship and removes every directory capability',
    rules: ['REVOKE-KEEPS-RESELLER', 'REVOKE-ROLES-REMOVED', 'REVOKE-CONFIRM', 'REVOKE-BY-PARTNER'],
    statement: "DAP ends only by the customer's confirmed third step or the partner giving it up; the reseller mark stays as it was and the DAP mark goes.",
    check: (c) => {
      for (const e of effectsOf(c, 'relationship.dapRemoved')) {
        const p = String(e['partnerId']);
        if (c.step.do !== 'confirmRemoveDelegatedAdmin' && c.step.do !== 'giveUpDap') return `${c.step.do} removed ${p}'s DAP`;
        if (c.step.do === 'confirmRemoveDelegatedAdmin' && !c.ghost.removal.get(c.customer?.name ?? '')?.chosen) return `DAP removed without "Remove delegated admin" chosen first`;
        if (c.after.dap.has(p)) return `${p} still marked as holding DAP after its removal`;
        if (c.after.reseller.has(p) !== c.before.reseller.has(p)) return `${p}'s reseller mark changed with the DAP removal`;
      }
      return undefined;
    },
  },
  {
    name: 'Azure access is a role assignment, whatever happens to DAP',
    rules: ['AZURE-RBAC-SEPARATE', 'AZURE-PERSISTS-AFTER-REVOKE', 'AZURE-PROVISION-OWNER'],
    statement: "Managing a subscription's resources is allowed only with a role assignment that covers the actor, and refused for lack of one only when none does.",
    check: (c) => {
      if (c.step.do !== 'manageAzureResources') return undefined;
      const sub = String(c.step.with['subscription']);
      const list = c.before.assignments.get(sub);
      if (list === undefined) return undefined;
      const covering = list.filter((a) => covers(c, a.principal));
      if (allowed(c) && covering.length === 0) return `${c.step.as} managed ${sub} with no assignment covering it (${list.map((a) => a.principal).join(', ')})`;
      if (c.decision.outcome === 'refused' && c.decision.code === 'NO_AZURE_ROLE' && covering.length > 0) return `${c.step.as} refused NO_AZURE_ROLE on ${sub} though ${covering.map((a) => a.name).join(', ')} covers it`;
      return undefined;
    },
  },
  {
    name: 'no retroactive Azure access',
    rules: ['AZURE-NO-RETROACTIVE'],
    statement: "Granting DAP or a reseller relationship adds no role assignment to the customer's existing subscriptions.",
    check: (c) => {
      if (effectsOf(c, 'relationship.dapGranted').length + effectsOf(c, 'relationship.resellerEstablished').length === 0) return undefined;
      for (const [sub, before] of c.before.assignments) {
        const after = c.after.assignments.get(sub) ?? [];
        if (after.length > before.length) return `${c.step.do} added assignments to ${sub}: ${after.slice(before.length).map((a) => `${a.principal} ${a.role}`).join(', ')}`;
      }
      return undefined;
    },
  },
  {
    name: 'offers are reusable',
    rules: ['OFFER-REUSABLE', 'OFFER-BUNDLED'],
    statement: "A partner's delegated-admin offer, once made, is the one every later request returns; accepting a bundle that carries DAP grants it and creates the bundle's subscription.",
    check: (c) => {
      const made = [...effectsOf(c, 'offer.created'), ...effectsOf(c, 'offer.reused')];
      if (c.step.do === 'createOffer' && c.step.with['kind'] === undefined && made.length > 0 && c.actorPartner) {
        const known = c.ghost.offer.get(c.actorPartner.name);
        const id = (x: string) => c.sequence.modelIds.id(x) ?? x;
        if (known !== undefined && id(String(made[0]!['offerId'])) !== id(known)) return `${c.actorPartner.name} got a new offer ${String(made[0]!['offerId'])} though it had ${known}`;
      }
      if (c.step.do === 'acceptOffer' && allowed(c)) {
        const offer = c.catalog.offers.find((o) => o.name === c.step.with['offer']);
        if (offer && offer.offerKind !== 'delegated-admin' && effectsOf(c, 'commerceSubscription.created').length === 0 && effectsOf(c, 'relationship.dapGranted').length > 0) return `accepting the ${offer.offerKind} ${offer.name} granted DAP without its subscription`;
      }
      return undefined;
    },
  },
  {
    name: 'MDM never',
    rules: ['SCOPE-NO-MDM'],
    statement: "No partner user's MDM operation in a customer is ever allowed, with or without DAP.",
    check: (c) => (c.step.do === 'mdmOperation' && allowed(c) && c.actorPartner ? `${c.step.as} of ${c.actorPartner.name} performed MDM in ${String(c.step.with['tenant'])}` : undefined),
  },
  {
    name: 'service requests exactly while DAP is held',
    rules: ['SCOPE-SERVICE-REQUESTS', 'REVOKE-NO-SERVICE-REQUESTS', 'REVOKE-REGRANT'],
    statement: 'A partner opens a service request for a customer only while it holds DAP there, and is refused for lack of DAP only when it holds none.',
    check: (c) => {
      if (c.step.do !== 'openServiceRequest' || !c.actorPartner || !c.customer) return undefined;
      const held = c.before.dap.has(c.actorPartner.name);
      if (allowed(c) && !held) return `${c.actorPartner.name} opened a service request for ${c.customer.name} without DAP`;
      if (c.decision.outcome === 'refused' && NO_DAP_CODES.has(c.decision.code) && held) return `refused ${c.decision.code} though ${c.actorPartner.name} holds DAP`;
      return undefined;
    },
  },
  {
    name: 'agent rights follow live group membership',
    rules: ['AGENT-MEMBERSHIP-LIVE', 'AGENT-GROUPS', 'GRANT-FULL-ADMIN-TASKS', 'GRANT-LIMITED-ADMIN-TASKS'],
    statement: "A partner user's allowed directory work in a customer needs current membership of AdminAgents or HelpdeskAgents; every task beyond sign-in and password resets needs AdminAgents.",
    check: (c) => {
      if (!allowed(c) || !c.actorPartner || !c.customer || !DIRECTORY_ACTIONS.has(c.step.do ?? '')) return undefined;
      if (!inGroup(c, 'AdminAgents', 'HelpdeskAgents')) return `${c.step.as} is in neither AdminAgents nor HelpdeskAgents now, yet did ${c.step.do}`;
      if (FULL_ADMIN_ONLY.has(c.step.do!) && !inGroup(c, 'AdminAgents')) return `${c.step.as}, not an Admin agent, did ${c.step.do}`;
      return undefined;
    },
  },
  {
    name: "one partner's changes never move another's rights",
    rules: ['GRANT-MULTI-PARTNER'],
    statement: "A step changes the DAP of at most one partner in a customer: the one it concerns (the actor's, the offer's or request's, or the one selected for removal).",
    check: (c) => {
      if (c.customer === undefined) return undefined;
      const moved = [...new Set([...c.before.dap, ...c.after.dap])].filter((p) => c.before.dap.has(p) !== c.after.dap.has(p));
      if (moved.length === 0) return undefined;
      const named = c.catalog.offers.find((o) => o.name === c.step.with['offer'])?.owner ?? c.catalog.requests.find((r) => r.name === c.step.with['request'])?.owner;
      const concerned = new Set([c.actorPartner?.name, named, c.ghost.removal.get(c.customer.name)?.partner].filter((x): x is string => x !== undefined));
      return moved.length > 1 || !concerned.has(moved[0]!) ? `${c.step.do} by ${c.step.as} moved the DAP of ${show(moved)}` : undefined;
    },
  },
  {
    name: 'Autopilot rules per profile',
    rules: ['AUTOPILOT-NEEDS-RESELLER', 'AUTOPILOT-AGENT-ROLES', 'AUTOPILOT-PROFILES-WITHOUT-DAP', 'AUTOPILOT-PROFILES-NEED-DAP', 'AUTOPILOT-PARTNER-DEVICES', 'AUTOPILOT-CUSTOMER-DEVICES', 'AUTOPILOT-REMOVE-OTHERS-NEED-DAP'],
    statement: 'Autopilot work needs a reseller relationship and an Admin (profiles) or Admin or Sales agent (devices); under current profiles need no DAP and customer-added devices are out of reach; under proposed every profile operation and removing another\u2019s device needs DAP.',
    check: (c) => {
      const type = c.step.do ?? '';
      if (!c.actorPartner || !c.customer || !(PROFILE_ACTIONS.has(type) || DEVICE_ACTIONS.has(type))) return undefined;
      const p = c.actorPartner.name;
      const devices = ((c.step.with['devices'] as string[] | undefined) ?? (c.step.with['device'] ? [String(c.step.with['device'])] : [])).map((n) => c.catalog.devices.find((d) => d.name === n));
      if (allowed(c)) {
        if (!c.before.reseller.has(p)) return `${type} allowed without a reseller relationship`;
        if (PROFILE_ACTIONS.has(type) && !inGroup(c, 'AdminAgents')) return `${type} allowed to ${c.step.as}, not an Admin agent`;
        if (DEVICE_ACTIONS.has(type) && !inGroup(c, 'AdminAgents', 'SalesAgents')) return `${type} allowed to ${c.step.as}, neither Admin nor Sales agent`;
        if (c.profile === 'proposed' && PROFILE_ACTIONS.has(type) && !c.before.dap.has(p)) return `${type} allowed under proposed without DAP`;
        if (c.profile === 'current' && (type === 'applyAutopilotProfile' || type === 'removeAutopilotProfile') && devices.some((d) => d?.source !== undefined && (CUSTOMER_DEVICE_SOURCES as readonly string[]).includes(d.source))) return `${type} reached a customer-added device under current`;
        if (c.profile === 'proposed' && type === 'removeAutopilotDevice' && devices[0]?.addedBy !== p && !c.before.dap.has(p)) return `removed another's device under proposed without DAP`;
      } else if (c.decision.outcome === 'refused' && c.profile === 'current') {
        if (PROFILE_ACTIONS.has(type) && NO_DAP_CODES.has(c.decision.code)) return `${type} refused for lack of DAP under current`;
        if (c.decision.code === 'CUSTOMER_ADDED_DEVICE' && devices.length > 0 && devices.every((d) => d?.source === 'partner')) return `a partner-added device refused as customer-added`;
      }
      return undefined;
    },
  },
  {
    name: "offers come from certified partners and users with the offer switch on",
    rules: ['OFFER-CERTIFIED', 'AGENT-OFFER-CREATORS'],
    statement: "Creating an offer is allowed only to a partner user with 'administrative access to companies you support' switched on, and an offer carrying DAP only to a partner certified for it.",
    check: (c) => {
      if (c.step.do !== 'createOffer' || !allowed(c)) return undefined;
      // Certification is for offers that carry DAP; a trial invitation or purchase offer without it is not one.
      const carriesDap = c.step.with['kind'] === undefined || c.step.with['includesDelegatedAdmin'] !== false;
      if (carriesDap && !c.actorPartner?.certified) return `${c.step.as} of uncertified ${c.actorPartner?.name ?? '?'} created an offer carrying DAP`;
      return c.catalog.switchOn.has(c.step.as) ? undefined : `${c.step.as} created an offer with the offer switch off`;
    },
  },
  {
    name: "consent is a customer Global admin's, and the partner hears of it",
    rules: ['CONSENT-BY-GLOBAL-ADMIN', 'CONSENT-NOTIFY', 'RESELLER-REQUEST-ROLES'],
    statement: "Only a customer's Global admin accepts an offer or request; a DAP grant sends the partner an email; a request without DAP grants none.",
    check: (c) => {
      if ((c.step.do !== 'acceptOffer' && c.step.do !== 'acceptResellerRequest') || !allowed(c)) return undefined;
      if (!c.before.globalAdmins.includes(c.step.as)) return `${c.step.as}, not a Global admin of ${c.customer?.name ?? '?'}, accepted`;
      for (const g of effectsOf(c, 'relationship.dapGranted')) {
        if (!effectsOf(c, 'mail.sent').some((m) => m['partnerId'] === g['partnerId'])) return `DAP granted to ${String(g['partnerId'])} without an email`;
      }
      const request = c.catalog.requests.find((r) => r.name === c.step.with['request']);
      if (request && request.dap === false && effectsOf(c, 'relationship.dapGranted').length > 0) return `a request without DAP granted DAP`;
      return undefined;
    },
  },
  {
    name: 'the link decides the partner, and the customer is listed',
    rules: ['RESELLER-LINK-PARTNER', 'RESELLER-CUSTOMER-LISTED'],
    statement: "Accepting a reseller request relates the customer to the request's partner, whatever the email claimed, and the customer is then on that partner's list.",
    check: (c) => {
      if (c.step.do !== 'acceptResellerRequest' || !allowed(c) || !c.customer) return undefined;
      const owner = c.catalog.requests.find((r) => r.name === c.step.with['request'])?.owner;
      const wrong = [...effectsOf(c, 'relationship.resellerEstablished'), ...effectsOf(c, 'relationship.dapGranted')].filter((e) => e['partnerId'] !== owner);
      if (wrong.length > 0) return `the request of ${owner ?? '?'} related ${show(wrong.map((e) => String(e['partnerId'])))}`;
      return c.after.reseller.has(owner!) || c.after.dap.has(owner!) ? undefined : `${c.customer.name} is not on ${owner ?? '?'}'s page after accepting its request`;
    },
  },
  {
    name: 'sovereign clouds never mix',
    rules: ['SCOPE-SOVEREIGN-CLOUD'],
    statement: "A customer is related only to partners of its own cloud, and a partner user's allowed work in a customer is in its own cloud.",
    check: (c) => {
      if (c.customer === undefined) return undefined;
      const cloudOf = (p: string) => c.catalog.partner(p)?.cloud;
      const across = [...c.after.dap, ...c.after.reseller].filter((p) => cloudOf(p) !== c.customer!.cloud);
      if (across.length > 0) return `${c.customer.name} (${c.customer.cloud}) related to ${show(across)}`;
      return allowed(c) && c.actorPartner && c.step.do !== undefined && c.actorPartner.cloud !== c.customer.cloud ? `${c.step.as} (${c.actorPartner.cloud}) did ${c.step.do} in ${c.customer.name} (${c.customer.cloud})` : undefined;
    },
  },
  {
    name: 'the offer is where the customer count says',
    rules: ['OFFER-NAV-100'],
    statement: "A partner with 100 or more customers finds the offer under 'Partner overview'; with fewer, under 'Build your business'.",
    check: (c) => {
      if (c.step.query !== 'offerLocation' || c.decision.outcome !== 'allowed') return undefined;
      const r = c.decision.result as { path: string; customerCount: number };
      const expected = r.customerCount >= OFFER_NAV_THRESHOLD ? OFFER_NAV.large : OFFER_NAV.small;
      return r.path === expected ? undefined : `${r.customerCount} customers, offer shown at "${r.path}"`;
    },
  },
  {
    name: 'a removed role assignment is gone',
    rules: ['AZURE-REMOVE-ASSIGNMENT'],
    statement: "Removing a role assignment takes it off the subscription's list at once.",
    check: (c) => {
      if (c.step.do !== 'removeRoleAssignment' || !allowed(c)) return undefined;
      const name = String(c.step.with['assignment']);
      return (c.after.assignments.get(String(c.step.with['subscription'])) ?? []).some((a) => a.name === name) ? `${name} is still listed after its removal` : undefined;
    },
  },
  {
    name: 'a refused or invalid action changes nothing',
    rules: 'every',
    statement: 'The world after a refused or invalid action (or any query) is the world before it, byte for byte.',
    check: (c) => (c.decision.outcome !== 'allowed' || c.step.query !== undefined) && c.before.world !== c.after.world ? `${c.step.do ?? c.step.query} ${c.decision.outcome} yet the world changed` : undefined,
  },
  {
    name: 'decisions always name their rules',
    rules: 'every',
    statement: 'Every allowed or refused answer names at least one known rule ID; refusals and invalid answers carry a stable code (and a JSON pointer for invalid ones).',
    check: (c) => {
      const d = c.decision;
      if (d.rules.some((r) => !isRuleId(r))) return `unknown rule IDs in ${show(d.rules)}`;
      if (d.outcome !== 'invalid' && d.rules.length === 0) return `${d.outcome} without a rule`;
      if (d.outcome === 'refused' && !(d.code in REFUSAL_CODES)) return `refusal code ${d.code} is not stable`;
      if (d.outcome === 'invalid' && (!(d.code in INVALID_CODES) || typeof d.path !== 'string')) return `invalid answer ${d.code} without a stable code or pointer`;
      return undefined;
    },
  },
];

/** Every rule ID some invariant names on its own (the `every` invariants aside). */
export function rulesCheckedByInvariants(): ReadonlySet<RuleId> {
  return new Set(INVARIANTS.flatMap((i) => (i.rules === 'every' ? [] : i.rules)));
}

export class InvariantBroken extends Error {
  constructor(readonly invariant: Invariant, readonly detail: string, readonly stepIndex: number) {
    super(`invariant "${invariant.name}" [${invariant.rules === 'every' ? 'every rule' : invariant.rules.join(', ')}] broke at step ${stepIndex + 1}: ${detail}`);
  }
}

/** The ghost at the start of a sequence: DAP from the world's set-up, and the offers it already has. */
function ghostOf(given: Given): Ghost {
  const dap = new Set<string>();
  for (const c of given.customers ?? []) for (const r of c.partners ?? []) if (r.dap !== false) dap.add(`${r.partner}|${c.name}`);
  const offer = new Map<string, string>();
  for (const o of given.offers ?? []) if ((o.kind ?? 'delegated-admin') === 'delegated-admin') offer.set(o.partner, o.name);
  return { dap, removal: new Map(), offer };
}

function copy(g: Ghost): Ghost {
  return { dap: new Set(g.dap), removal: new Map([...g.removal].map(([k, v]) => [k, { ...v }])), offer: new Map(g.offer) };
}

/** Follows the model's effects: the ghost as it is after the step. */
function advance(ghost: Ghost, c: Pick<InvariantContext, 'customer' | 'effects' | 'actorPartner' | 'step'>): void {
  const customer = c.customer?.name;
  for (const e of c.effects) {
    const pair = `${String(e['partnerId'])}|${String(e['customerId'])}`;
    if (e['type'] === 'relationship.dapGranted') ghost.dap.add(pair);
    if (e['type'] === 'relationship.dapRemoved') {
      ghost.dap.delete(pair);
      if (customer !== undefined) ghost.removal.delete(customer);
    }
    if (e['type'] === 'removal.partnerSelected' && customer !== undefined) ghost.removal.set(customer, { partner: String(e['partnerId']), chosen: false });
    if (e['type'] === 'removal.removeChosen' && customer !== undefined) ghost.removal.set(customer, { partner: String(e['partnerId']), chosen: true });
    if (e['type'] === 'removal.cancelled' && customer !== undefined) ghost.removal.delete(customer);
    if ((e['type'] === 'offer.created' || e['type'] === 'offer.reused') && c.actorPartner && c.step.with['kind'] === undefined) ghost.offer.set(c.actorPartner.name, String(e['offerId']));
  }
}

/** A watcher that checks the invariants around every step; counts how often each one applied. */
export function invariantWatcher(given: Given, invariants: readonly Invariant[] = INVARIANTS, checked?: Map<string, number>): StepWatcher<Moment> {
  const ghost = ghostOf(given);
  let index = 0;
  return {
    before: (seq, step) => momentOf(seq, customerTouched(step, seq.catalog)),
    after: (seq, step, decision, before) => {
      const names = (v: unknown): unknown => (typeof v === 'string' ? seq.modelIds.names.get(v) ?? v : Array.isArray(v) ? v.map(names) : v);
      const effects = decision.outcome === 'allowed' ? decision.effects.map((e) => Object.fromEntries(Object.entries(e).map(([k, v]) => [k, names(v)]))) : [];
      const prior = copy(ghost);
      const actorPartner = seq.catalog.partnerOf(step.as);
      advance(ghost, { customer: before.customer, effects, actorPartner, step });
      const c: InvariantContext = {
        step, decision, before, after: momentOf(seq, before.customer), catalog: seq.catalog, ghost: prior, ghostAfter: ghost,
        profile: step.profile ?? 'current', actorPartner, actorCustomer: seq.catalog.customerOf(step.as),
        customer: before.customer, effects, sequence: seq,
      };
      for (const inv of invariants) {
        const broken = inv.check(c);
        if (broken !== undefined) throw new InvariantBroken(inv, broken, index);
        checked?.set(inv.name, (checked.get(inv.name) ?? 0) + 1);
      }
      index++;
    },
  };
}

