/**
 * Generated steps. A step is drawn as a few small numbers (a `StepSeed`) and becomes a concrete
 * action or query only when it runs, by picking its actor and objects from the current
 * {@link Catalog}: fast-check can then shrink a sequence freely (drop steps, shrink numbers) and
 * every shrunk sequence still names things that exist.
 *
 * Most steps go to an actor who could plausibly succeed (a partner's agent in a customer, a
 * customer's Global admin on its Partner relationships page); `anyActor` steps go to any user of
 * the world, so refusals by every kind of actor (and some invalid requests) are exercised too.
 */
import fc from 'fast-check';
import { AGENT_GROUP_KINDS, type ActionType, type Profile, type QueryType } from '../model/index.ts';
import type { Catalog, Change, Creation, CustomerEntry, PartnerEntry } from './catalog.ts';
import type { PropertySettings } from './settings.ts';

export interface StepSeed {
  readonly kind: StepKind;
  readonly actor: number;
  readonly anyActor: boolean;
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly flag: boolean;
  readonly proposed: boolean;
}

/** A concrete step, in the scenario format's vocabulary (names, not ids). */
export interface GeneratedStep {
  readonly as: string;
  readonly do?: ActionType;
  readonly query?: QueryType;
  readonly with: Readonly<Record<string, unknown>>;
  readonly profile?: Profile;
  /** Objects the step creates, named here, bound when the step is allowed. */
  readonly creates: readonly Creation[];
  /** How an allowed step changes what can be named. */
  readonly changes: readonly Change[];
}

/** Step kinds with their weights: how often each is drawn. */
const WEIGHTS = {
  createOffer: 4, createResellerRequest: 3, acceptOffer: 6, acceptResellerRequest: 4,
  selectPartnerForRemoval: 4, chooseRemoveDelegatedAdmin: 4, confirmRemoveDelegatedAdmin: 4, cancelRemoveDelegatedAdmin: 1, giveUpDap: 3,
  signIn: 5, addUser: 2, resetPassword: 4, addDomain: 2, manageLicenses: 3, mdmOperation: 2, addDirectoryRoleMember: 3, removeDirectoryRoleMember: 2,
  openServiceRequest: 3, provisionAzureSubscription: 3, createAzureSubscription: 2, addRoleAssignment: 3, removeRoleAssignment: 2, manageAzureResources: 4,
  addAutopilotDevices: 3, removeAutopilotDevice: 4, createAutopilotProfile: 2, updateAutopilotProfile: 2, deleteAutopilotProfile: 1,
  applyAutopilotProfile: 5, removeAutopilotProfile: 3, addAgentGroupMember: 2, removeAgentGroupMember: 2, setOfferSwitch: 1,
  'query:directoryRoleMembers': 4, 'query:partnerRelationships': 3, 'query:partnerCustomers': 2, 'query:offerLocation': 1, 'query:mailbox': 1,
  'query:roleAssignments': 2, 'query:autopilotDevices': 1, 'query:autopilotProfiles': 1, 'query:serviceRequests': 1, 'query:users': 1,
  'query:directoryRoles': 1, 'query:domains': 1, 'query:groups': 1, 'query:azureSubscriptions': 1, 'query:commerceSubscriptions': 1, 'query:partnerCustomer': 1,
} as const satisfies Record<ActionType | `query:${QueryType}`, number>;

export type StepKind = keyof typeof WEIGHTS;
export const STEP_KINDS = Object.keys(WEIGHTS) as StepKind[];

export function stepSeedArb(settings: PropertySettings): fc.Arbitrary<StepSeed> {
  const kind = fc.oneof(...STEP_KINDS.map((k) => ({ arbitrary: fc.constant(k), weight: WEIGHTS[k] })));
  return fc.record({
    kind,
    actor: fc.nat({ max: 63 }),
    anyActor: fc.integer({ min: 0, max: 99 }).map((x) => x < settings.anyActorPercent),
    a: fc.nat({ max: 63 }),
    b: fc.nat({ max: 63 }),
    c: fc.nat({ max: 63 }),
    flag: fc.boolean(),
    proposed: fc.integer({ min: 0, max: 99 }).map((x) => x < settings.proposedPercent),
  });
}

const ROLES = ['Global Administrator', 'Helpdesk Administrator', 'Password Administrator', 'User Administrator'] as const;
const AZURE_ROLES = ['Owner', 'Contributor', 'Reader', 'User Access Administrator'] as const;

function at<T>(xs: readonly T[], n: number): T | undefined {
  return xs.length === 0 ? undefined : xs[n % xs.length];
}

const agentsOf = (p: PartnerEntry, groups: readonly ('AdminAgents' | 'HelpdeskAgents' | 'SalesAgents')[]) => groups.flatMap((g) => [...p.agents[g]]);

/** What a step may read of the current state besides the catalogue: the model's own answers. */
export interface StateView {
  readonly catalog: Catalog;
  /** The partners holding DAP for the customer, as its Partner relationships page shows them. */
  dapPartners(customer: string): readonly string[];
  /** The customer's reseller partners, as the same page shows them. */
  resellerPartners(customer: string): readonly string[];
}

/** Autopilot needs a reseller relationship: half of these steps go to a customer the partner resells to. */
const AUTOPILOT = new Set<StepKind>(['addAutopilotDevices', 'removeAutopilotDevice', 'createAutopilotProfile', 'updateAutopilotProfile', 'deleteAutopilotProfile',
  'applyAutopilotProfile', 'removeAutopilotProfile', 'query:autopilotDevices', 'query:autopilotProfiles']);

/** Kinds where a partner's agent acts in a customer: half of them go to a customer that granted this partner DAP. */
const IN_CUSTOMER = new Set<StepKind>(['giveUpDap', 'signIn', 'addUser', 'resetPassword', 'addDomain', 'manageLicenses', 'addDirectoryRoleMember', 'removeDirectoryRoleMember',
  'openServiceRequest', 'provisionAzureSubscription', 'addAutopilotDevices', 'createAutopilotProfile', 'query:directoryRoleMembers', 'query:users', 'query:serviceRequests', 'query:autopilotDevices']);

/** The step a journey in progress calls for, for some seeds: the next removal step, or what follows a removal. */
function nudged(seed: StepSeed, cat: Catalog): StepKind | undefined {
  if (seed.anyActor) return undefined;
  if (cat.removing.size > 0 && seed.actor % 3 === 0) {
    const [, flow] = at([...cat.removing], seed.b)!;
    if (!flow.chosen) return seed.c % 8 === 0 ? 'cancelRemoveDelegatedAdmin' : 'chooseRemoveDelegatedAdmin';
    return seed.c % 8 === 0 ? 'cancelRemoveDelegatedAdmin' : 'confirmRemoveDelegatedAdmin';
  }
  if (cat.removed.size > 0 && seed.actor % 4 === 1) return at(['acceptOffer', 'acceptOffer', 'resetPassword', 'openServiceRequest', 'manageAzureResources', 'manageAzureResources', 'query:partnerCustomers'] as const, seed.c);
  return undefined;
}

/** Resolves a seed against the current state; the profile is the run's, or drawn when the run leaves it open. */
export function resolveStep(seed: StepSeed, state: StateView, pinnedProfile: Profile | undefined): GeneratedStep {
  const cat = state.catalog;
  // Two steps in three stay with the partner and customer of the step before (a session).
  const partner = (seed.a % 3 !== 0 && cat.focusPartner !== undefined ? cat.partner(cat.focusPartner) : undefined) ?? at(cat.partners, seed.a)!;
  let customer = (seed.b % 3 !== 0 && cat.focusCustomer !== undefined ? cat.customer(cat.focusCustomer) : undefined) ?? at(cat.customers, seed.b);
  if (!seed.anyActor && AUTOPILOT.has(seed.kind) && seed.c % 2 === 0) {
    customer = at(cat.customers.filter((c) => state.resellerPartners(c.name).includes(partner.name)), seed.b) ?? customer;
  } else if (!seed.anyActor && IN_CUSTOMER.has(seed.kind) && seed.c % 2 === 0) {
    customer = at(cat.customers.filter((c) => state.dapPartners(c.name).includes(partner.name)), seed.b) ?? customer;
  }
  // The customer's next removal step goes to a customer whose removal is under way.
  if (!seed.anyActor && (seed.kind === 'chooseRemoveDelegatedAdmin' || seed.kind === 'confirmRemoveDelegatedAdmin' || seed.kind === 'cancelRemoveDelegatedAdmin') && seed.c % 5 !== 0) {
    customer = at(cat.customers.filter((c) => cat.removing.has(c.name)), seed.b) ?? customer;
  }
  const profile: Profile = pinnedProfile ?? (seed.proposed ? 'proposed' : 'current');
  const natural = (candidates: readonly (string | undefined)[]): string => {
    const real = candidates.filter((x): x is string => x !== undefined);
    return seed.anyActor || real.length === 0 ? at(cat.users, seed.actor)! : at(real, seed.actor)!;
  };
  const agent = (...groups: ('AdminAgents' | 'HelpdeskAgents' | 'SalesAgents')[]) => natural(agentsOf(partner, groups.length ? groups : ['AdminAgents', 'HelpdeskAgents']));
  // A partner's agent or one of the customer's administrators: both can plausibly act in a customer.
  const agentOrAdmin = (c: CustomerEntry) => natural(seed.c % 4 === 0 ? c.admins : agentsOf(partner, ['AdminAgents', 'HelpdeskAgents']));
  const step = (as: string, type: ActionType, w: Record<string, unknown>, creates: Creation[] = [], changes: Change[] = [], withProfile = false): GeneratedStep =>
    ({ as, do: type, with: w, creates, changes, ...(withProfile ? { profile } : {}) });
  const look = (as: string, type: QueryType, w: Record<string, unknown> = {}): GeneratedStep => ({ as, query: type, with: w, creates: [], changes: [] });
  // What every world has: a step that needs an object that does not exist yet looks instead.
  const fallback = (): GeneratedStep => look(agent('AdminAgents', 'SalesAgents'), 'offerLocation');

  // Journeys a person finishes: a Global admin who started removing a partner's DAP usually takes
  // the next step of it; after a removal, the customer often grants DAP again, or the partner
  // tries its old access. Without these, a run rarely reaches what lies behind three chained steps.
  const kind = nudged(seed, cat) ?? seed.kind;
  const removedPair = kind === seed.kind ? undefined : at([...cat.removed], seed.b)?.split('|');
  if (removedPair !== undefined) {
    const [p, c] = removedPair as [string, string];
    const again = cat.customer(c);
    const old = cat.partner(p);
    const offer = at(cat.offers.filter((o) => o.owner === p && o.dap !== false), seed.c);
    // Its own provisioned subscriptions first: there the partner's Azure access outlives DAP.
    const sub = at(cat.subscriptions.filter((x) => x.owner === c && x.provisionedBy === p), seed.c) ?? at(cat.subscriptions.filter((x) => x.owner === c), seed.c);
    if (again !== undefined && old !== undefined) {
      const as = natural(agentsOf(old, ['AdminAgents', 'HelpdeskAgents']));
      if (kind === 'acceptOffer' && offer !== undefined) return step(natural(again.globalAdmins), 'acceptOffer', { offer: offer.name });
      if (kind === 'openServiceRequest') return step(as, 'openServiceRequest', { customer: c, title: 'Mail flow' });
      if (kind === 'resetPassword') return step(as, 'resetPassword', { tenant: c, user: at(again.users, seed.c)! });
      if (kind === 'manageAzureResources' && sub !== undefined) return step(natural(agentsOf(old, ['AdminAgents'])), 'manageAzureResources', { subscription: sub.name });
      if (kind === 'query:partnerCustomers') return look(as, 'partnerCustomers');
    }
  }
  if (kind !== seed.kind && cat.removing.size > 0 && (kind === 'chooseRemoveDelegatedAdmin' || kind === 'confirmRemoveDelegatedAdmin' || kind === 'cancelRemoveDelegatedAdmin')) {
    const [c] = at([...cat.removing], seed.b)!;
    const entry = cat.customer(c)!;
    const change: Change = kind === 'chooseRemoveDelegatedAdmin' ? { kind: 'removalChosen', customer: c } : { kind: kind === 'confirmRemoveDelegatedAdmin' ? 'removalConfirmed' : 'removalCancelled', customer: c };
    return step(natural(entry.globalAdmins), kind, {}, [], [change]);
  }
  if (kind.startsWith('query:')) {
    const q = kind.slice(6) as QueryType;
    switch (q) {
      case 'partnerCustomers': case 'offerLocation': case 'mailbox':
        return look(natural(partner.users), q);
      case 'partnerRelationships': case 'commerceSubscriptions':
        if (customer === undefined) return fallback();
        return seed.flag ? look(natural(customer.globalAdmins), q) : look(natural(customer.users), q);
      case 'roleAssignments': {
        const sub = at(cat.subscriptions, seed.c);
        if (sub === undefined) return fallback();
        const c = cat.customer(sub.owner)!;
        return look(seed.flag ? agent() : natural(c.users), q, { subscription: sub.name });
      }
      case 'directoryRoleMembers':
        if (customer === undefined) return fallback();
        return look(agentOrAdmin(customer), q, { tenant: customer.name, role: at(ROLES, seed.c)! });
      case 'users': case 'directoryRoles': case 'domains': case 'groups':
        if (customer === undefined) return fallback();
        return look(agentOrAdmin(customer), q, { tenant: customer.name });
      default:
        if (customer === undefined) return fallback();
        return look(seed.flag ? agent('AdminAgents', 'HelpdeskAgents', 'SalesAgents') : natural(customer.globalAdmins), q, { customer: customer.name });
    }
  }

  const n = () => cat.nextNumber();
  // Autopilot work goes through a reseller (AUTOPILOT-NEEDS-RESELLER): mostly an agent of one of the customer's resellers.
  const resellerAgent = (customerName: string, ...groups: ('AdminAgents' | 'HelpdeskAgents' | 'SalesAgents')[]) => {
    const reseller = seed.a % 4 === 0 ? undefined : cat.partner(at(state.resellerPartners(customerName), seed.a) ?? '');
    return natural(agentsOf(reseller ?? partner, groups));
  };
  // Profiles are Admin agents' work; now and then a Sales agent tries (AUTOPILOT-AGENT-ROLES).
  const profileGroups: ('AdminAgents' | 'SalesAgents')[] = seed.c % 6 === 0 ? ['AdminAgents', 'SalesAgents'] : ['AdminAgents'];
  // An object to work on: mostly one of the customer in focus, else any.
  const pick = <T extends { owner: string }>(list: readonly T[]): T | undefined =>
    (customer !== undefined && seed.c % 4 !== 0 ? at(list.filter((o) => o.owner === customer!.name), seed.c) : undefined) ?? at(list, seed.c);
  switch (kind as ActionType) {
    case 'createOffer': {
      const offerKind = at(['delegated-admin', 'delegated-admin', 'trial-invitation', 'purchase-offer'], seed.c)!;
      const name = `${partner.name}-offer${n()}`;
      const w = offerKind === 'delegated-admin' ? {} : { kind: offerKind, includesDelegatedAdmin: seed.flag, product: 'Microsoft 365 E3' };
      const as = agent('AdminAgents', 'SalesAgents');
      return step(as, 'createOffer', w, [{ kind: 'offer', name, owner: cat.partnerOf(as)?.name ?? partner.name, key: 'offerId', offerKind, dap: offerKind === 'delegated-admin' || seed.flag }]);
    }
    case 'createResellerRequest': {
      const name = `${partner.name}-request${n()}`;
      const as = agent('AdminAgents');
      const withDap = seed.flag || seed.c % 3 !== 0;
      return step(as, 'createResellerRequest', { withDap }, [{ kind: 'request', name, owner: cat.partnerOf(as)?.name ?? partner.name, key: 'requestId', dap: withDap }]);
    }
    case 'acceptOffer': {
      // Mostly an offer of the partner in focus: the customer (re)grants it DAP.
      const offer = (seed.c % 3 !== 0 ? at(cat.offers.filter((o) => o.owner === partner.name), seed.c) : undefined) ?? at(cat.offers, seed.c);
      if (customer === undefined || offer === undefined) return fallback();
      return step(natural(customer.globalAdmins), 'acceptOffer', { offer: offer.name });
    }
    case 'acceptResellerRequest': {
      const request = at(cat.requests, seed.c);
      if (customer === undefined || request === undefined) return fallback();
      // The email may claim to come from another partner; the link decides (RESELLER-LINK-PARTNER).
      const claimed = seed.flag ? { claimedPartner: at(cat.partners, seed.c + 1)!.name } : {};
      return step(natural(customer.globalAdmins), 'acceptResellerRequest', { request: request.name, ...claimed });
    }
    case 'selectPartnerForRemoval': {
      if (customer === undefined) return fallback();
      // Mostly a partner the page marks as holding DAP, as a customer would pick.
      const holders = seed.anyActor || seed.c % 5 === 0 ? [] : state.dapPartners(customer.name);
      const chosen = at(holders, seed.a) ?? partner.name;
      return step(natural(customer.globalAdmins), 'selectPartnerForRemoval', { partner: chosen }, [], [{ kind: 'removalStarted', customer: customer.name, partner: chosen }]);
    }
    case 'chooseRemoveDelegatedAdmin':
      if (customer === undefined) return fallback();
      return step(natural(customer.globalAdmins), 'chooseRemoveDelegatedAdmin', {}, [], [{ kind: 'removalChosen', customer: customer.name }]);
    case 'confirmRemoveDelegatedAdmin': case 'cancelRemoveDelegatedAdmin':
      if (customer === undefined) return fallback();
      return step(natural(customer.globalAdmins), kind as ActionType, {}, [], [{ kind: kind === 'confirmRemoveDelegatedAdmin' ? 'removalConfirmed' : 'removalCancelled', customer: customer.name }]);
    case 'giveUpDap': {
      if (customer === undefined) return fallback();
      const as = seed.flag ? agent('AdminAgents', 'HelpdeskAgents', 'SalesAgents') : agent('AdminAgents');
      return step(as, 'giveUpDap', { customer: customer.name }, [], [{ kind: 'dapGivenUp', customer: customer.name, partner: cat.partnerOf(as)?.name ?? partner.name }]);
    }
    case 'signIn':
      if (customer === undefined) return fallback();
      return step(seed.c % 5 === 0 ? natural(customer.users) : natural(partner.users), 'signIn', { tenant: customer.name });
    case 'addUser': {
      if (customer === undefined) return fallback();
      const k = n();
      const name = `${customer.name}-new${k}`;
      return step(agentOrAdmin(customer), 'addUser', { tenant: customer.name, userPrincipalName: `new${k}@${customer.domain}`, displayName: `New user ${k}` }, [{ kind: 'user', name, owner: customer.name, key: 'userId' }]);
    }
    case 'resetPassword':
      if (customer === undefined) return fallback();
      return step(agentOrAdmin(customer), 'resetPassword', { tenant: customer.name, user: at(customer.users, seed.c)! });
    case 'addDomain':
      if (customer === undefined) return fallback();
      return step(agentOrAdmin(customer), 'addDomain', { tenant: customer.name, domain: `d${n()}.${customer.domain}` });
    case 'manageLicenses':
      if (customer === undefined) return fallback();
      return step(agentOrAdmin(customer), 'manageLicenses', { tenant: customer.name, user: at(customer.users, seed.c)!, sku: 'ENTERPRISEPACK', assign: seed.flag });
    case 'mdmOperation':
      if (customer === undefined) return fallback();
      return step(agentOrAdmin(customer), 'mdmOperation', { tenant: customer.name, operation: 'wipe' });
    case 'addDirectoryRoleMember': case 'removeDirectoryRoleMember': {
      if (customer === undefined) return fallback();
      const principals = [...customer.users, ...customer.groups];
      return step(agentOrAdmin(customer), kind as ActionType, { tenant: customer.name, role: at(ROLES, seed.c)!, principal: at(principals, seed.c + seed.actor)! });
    }
    case 'openServiceRequest':
      if (customer === undefined) return fallback();
      return step(agent('AdminAgents', 'HelpdeskAgents', 'SalesAgents'), 'openServiceRequest', { customer: customer.name, title: 'Mail flow' });
    case 'provisionAzureSubscription': {
      if (customer === undefined) return fallback();
      const name = `${customer.name}-psub${n()}`;
      const as = agent('AdminAgents', 'SalesAgents');
      return step(as, 'provisionAzureSubscription', { customer: customer.name },
        [{ kind: 'subscription', name, owner: customer.name, key: 'subscriptionId', provisionedBy: cat.partnerOf(as)?.name ?? partner.name }, { kind: 'assignment', name: `${name}/owner`, owner: name, key: 'assignmentId' }]);
    }
    case 'createAzureSubscription': {
      if (customer === undefined) return fallback();
      const name = `${customer.name}-csub${n()}`;
      return step(natural(seed.flag ? customer.globalAdmins : customer.users), 'createAzureSubscription', {},
        [{ kind: 'subscription', name, owner: customer.name, key: 'subscriptionId' }, { kind: 'assignment', name: `${name}/owner`, owner: name, key: 'assignmentId' }]);
    }
    case 'addRoleAssignment': {
      const sub = at(cat.subscriptions, seed.c);
      if (sub === undefined) return fallback();
      const c = cat.customer(sub.owner)!;
      const principals = [...c.users, ...c.groups, ...cat.partners.map((p) => `${p.name}/${at(AGENT_GROUP_KINDS, seed.actor)!}`)];
      const name = `${sub.name}-new-a${n()}`;
      return step(seed.flag ? agent('AdminAgents') : natural(c.globalAdmins), 'addRoleAssignment', { subscription: sub.name, role: at(AZURE_ROLES, seed.b)!, principal: at(principals, seed.a)! },
        [{ kind: 'assignment', name, owner: sub.name, key: 'assignmentId' }]);
    }
    case 'removeRoleAssignment': {
      const assignment = at(cat.assignments, seed.c);
      if (assignment === undefined) return fallback();
      const c = cat.customer(cat.subscriptions.find((s) => s.name === assignment.owner)!.owner)!;
      return step(seed.flag ? agent('AdminAgents') : natural(c.globalAdmins), 'removeRoleAssignment', { subscription: assignment.owner, assignment: assignment.name },
        [], [{ kind: 'removed', list: 'assignments', name: assignment.name }]);
    }
    case 'manageAzureResources': {
      const sub = at(cat.subscriptions, seed.c);
      if (sub === undefined) return fallback();
      return step(seed.flag ? agent('AdminAgents', 'HelpdeskAgents', 'SalesAgents') : natural(cat.customer(sub.owner)!.users), 'manageAzureResources', { subscription: sub.name });
    }
    case 'addAutopilotDevices': {
      if (customer === undefined) return fallback();
      const count = 1 + (seed.c % 2);
      const devices = Array.from({ length: count }, () => {
        const k = n();
        return { name: `${customer.name}-newdev${k}`, serialNumber: `SN-${customer.name.toUpperCase()}-${k}` };
      });
      const as = agent('AdminAgents', 'SalesAgents');
      const addedBy = cat.partnerOf(as)?.name ?? partner.name;
      return step(as, 'addAutopilotDevices', { customer: customer.name, batch: `batch${devices.length}`, devices },
        devices.map((d) => ({ kind: 'device' as const, name: d.name, owner: customer.name, addedBy })), [], true);
    }
    case 'removeAutopilotDevice': {
      const device = pick(cat.devices);
      if (device === undefined) return fallback();
      return step(resellerAgent(device.owner, 'AdminAgents', 'SalesAgents'), 'removeAutopilotDevice', { customer: device.owner, device: device.name }, [], [{ kind: 'removed', list: 'devices', name: device.name }], true);
    }
    case 'createAutopilotProfile': {
      if (customer === undefined) return fallback();
      const name = `${customer.name}-profile-new${n()}`;
      return step(resellerAgent(customer.name, ...profileGroups), 'createAutopilotProfile', { customer: customer.name, displayName: 'Standard' }, [{ kind: 'profile', name, owner: customer.name, key: 'profileId' }], [], true);
    }
    case 'updateAutopilotProfile': case 'deleteAutopilotProfile': {
      const profileEntry = pick(cat.profiles);
      if (profileEntry === undefined) return fallback();
      const w = kind === 'updateAutopilotProfile' ? { customer: profileEntry.owner, profile: profileEntry.name, description: `Revision ${n()}` } : { customer: profileEntry.owner, profile: profileEntry.name };
      const changes: Change[] = kind === 'deleteAutopilotProfile' ? [{ kind: 'removed', list: 'profiles', name: profileEntry.name }] : [];
      return step(resellerAgent(profileEntry.owner, ...profileGroups), kind as ActionType, w, [], changes, true);
    }
    case 'applyAutopilotProfile': {
      const profileEntry = pick(cat.profiles);
      const devices = profileEntry === undefined ? [] : cat.devices.filter((d) => d.owner === profileEntry.owner);
      if (profileEntry === undefined || devices.length === 0) return fallback();
      return step(resellerAgent(profileEntry.owner, ...profileGroups), 'applyAutopilotProfile', { customer: profileEntry.owner, profile: profileEntry.name, devices: [at(devices, seed.b)!.name] }, [], [], true);
    }
    case 'removeAutopilotProfile': {
      const device = pick(cat.devices);
      if (device === undefined) return fallback();
      return step(resellerAgent(device.owner, ...profileGroups), 'removeAutopilotProfile', { customer: device.owner, devices: [device.name] }, [], [], true);
    }
    case 'addAgentGroupMember': case 'removeAgentGroupMember': {
      const group = at(AGENT_GROUP_KINDS, seed.c)!;
      const user = at(partner.users, seed.b)!;
      const change: Change = { kind: kind === 'addAgentGroupMember' ? 'agentAdded' : 'agentRemoved', partner: partner.name, group, user };
      return step(natural(seed.flag ? partner.globalAdmins : partner.users), kind as ActionType, { group, user }, [], [change]);
    }
    case 'setOfferSwitch': {
      const user = at(partner.users, seed.b)!;
      return step(natural(partner.globalAdmins), 'setOfferSwitch', { user, on: seed.flag }, [], [{ kind: 'offerSwitch', user, on: seed.flag }]);
    }
    default:
      throw new Error(`no generator for step kind ${kind}`);
  }
}
