/**
 * Planted bugs: the reference with one rule broken, served over the same endpoints (a
 * {@link Sabotage} of the mocks). A conformance suite is worth something only if it catches
 * broken implementations; `conform/bugs.test.ts` runs `dapsim conform` against each one and
 * requires a failure naming the broken rule. They are deliberately wrong; nothing else uses them.
 *
 * Most widen or narrow a permission the way a real implementation gets it wrong (deciding with a
 * role the actor does not hold, skipping a check, forgetting a side effect), so the world they
 * leave behind is as wrong as their answers.
 */
import { AZURE_ROLE, ROLE_TEMPLATE, REFUSAL_CODES, setup, type Decision, type PartnerTenant, type RefusalCode, type RuleId, type User, type World } from '../model/index.ts';
import type { Sabotage } from '../mocks/state.ts';

export interface PlantedBug {
  readonly id: string;
  /** The rule it breaks: the one a conformance run must name when it catches it. */
  readonly rule: RuleId;
  readonly area: 'offers and consent' | 'agents' | 'grants' | 'listings' | 'removal' | 'azure' | 'autopilot' | 'scope';
  readonly description: string;
  readonly sabotage: Sabotage;
}

type Request = { readonly type: string } & Record<string, unknown>;

function refused(code: RefusalCode, rules: RuleId[]): Decision {
  return { outcome: 'refused', code, rules, message: REFUSAL_CODES[code] };
}

const actorOf = (world: World, id: string): User | undefined => world.users.get(id);
const partnerOf = (world: World, actor: User | undefined): PartnerTenant | undefined => (actor === undefined ? undefined : world.partner(actor.tenantId));
const customerIdOf = (world: World, actor: User | undefined, a: Request): string | undefined => (a['customerId'] ?? a['tenantId'] ?? (actor && world.customer(actor.tenantId) ? actor.tenantId : undefined)) as string | undefined;

/** Decides with one field of a record set to `value`, and puts it back whatever happens. */
function withField<T extends object, K extends keyof T, R>(record: T, key: K, value: T[K], decide: () => R): R {
  const was = record[key];
  record[key] = value;
  try {
    return decide();
  } finally {
    record[key] = was;
  }
}

/** Decides as if the actor held a customer role for the duration of one decision. */
function withCustomerRole<T>(world: World, actor: User | undefined, decide: () => T): T {
  const tenant = actor && world.customer(actor.tenantId);
  if (!actor || !tenant || world.isExplicitMember(tenant, ROLE_TEMPLATE.GlobalAdministrator, actor.id)) return decide();
  world.addExplicitMember(tenant, ROLE_TEMPLATE.GlobalAdministrator, actor.id);
  try {
    return decide();
  } finally {
    world.removeExplicitMember(tenant, ROLE_TEMPLATE.GlobalAdministrator, actor.id);
  }
}

/** Decides as if the actor were in the partner's agent group for the duration of one decision. */
function withAgentGroup<T>(world: World, actor: User | undefined, kind: 'AdminAgents' | 'SalesAgents', decide: () => T): T {
  const partner = partnerOf(world, actor);
  if (!actor || !partner || world.inAgentGroup(partner, actor, kind)) return decide();
  world.setAgentMembership(partner, actor, kind, true);
  try {
    return decide();
  } finally {
    world.setAgentMembership(partner, actor, kind, false);
  }
}

const DIRECTORY = new Set(['signIn', 'resetPassword', 'addUser', 'addDomain', 'manageLicenses', 'addDirectoryRoleMember', 'removeDirectoryRoleMember']);

export const PLANTED_BUGS: readonly PlantedBug[] = [
  // ----- offers and consent -----
  {
    id: 'offer-uncertified', rule: 'OFFER-CERTIFIED', area: 'offers and consent',
    description: 'an uncertified partner creates a delegated-admin offer',
    sabotage: { perform: (w, actor, a, _o, decide) => {
      const p = a.type === 'createOffer' ? partnerOf(w, actorOf(w, actor)) : undefined;
      return !p || p.certifiedForDap ? decide() : withField(p, 'certifiedForDap', true, decide);
    } },
  },
  {
    id: 'offer-not-reused', rule: 'OFFER-REUSABLE', area: 'offers and consent',
    description: 'every request for the delegated-admin offer makes a new one',
    sabotage: { perform: (w, actor, a, _o, decide) => {
      const p = a.type === 'createOffer' && (a['kind'] === undefined || a['kind'] === 'delegated-admin') ? partnerOf(w, actorOf(w, actor)) : undefined;
      if (p) p.delegatedAdminOfferId = undefined;
      return decide();
    } },
  },
  {
    id: 'consent-by-anyone', rule: 'CONSENT-BY-GLOBAL-ADMIN', area: 'offers and consent',
    description: 'any customer user accepts an offer or a reseller request',
    sabotage: { perform: (w, actor, a, _o, decide) => (a.type === 'acceptOffer' || a.type === 'acceptResellerRequest' ? withCustomerRole(w, actorOf(w, actor), decide) : decide()) },
  },
  {
    id: 'no-acceptance-email', rule: 'CONSENT-NOTIFY', area: 'offers and consent',
    description: 'the partner gets no email when a customer accepts',
    sabotage: { perform: (w, _actor, a, _o, decide) => {
      const d = decide();
      if (d.outcome === 'allowed' && (a.type === 'acceptOffer' || a.type === 'acceptResellerRequest')) {
        for (const e of d.effects) if (e.type === 'mail.sent') w.partner(e.partnerId)?.mailbox.pop();
      }
      return d;
    } },
  },
  {
    id: 'cross-cloud-consent', rule: 'SCOPE-SOVEREIGN-CLOUD', area: 'scope',
    description: 'a customer accepts an offer from a partner in another cloud',
    sabotage: { perform: (w, actor, a, _o, decide) => {
      if (a.type !== 'acceptOffer') return decide();
      const offer = w.offers.get(String(a['offerId']));
      const customer = w.customer(customerIdOf(w, actorOf(w, actor), a) ?? '');
      const partner = offer && w.partner(offer.partnerId);
      if (!customer || !partner || customer.cloud === partner.cloud) return decide();
      return withField(customer as { cloud: string }, 'cloud', partner.cloud, decide);
    } },
  },
  // ----- agents -----
  {
    id: 'membership-cached', rule: 'AGENT-MEMBERSHIP-LIVE', area: 'agents',
    description: 'taking a user out of an agent group is acknowledged but not applied',
    sabotage: { perform: (_w, _actor, a, _o, decide) => {
      if (a.type !== 'removeAgentGroupMember') return decide();
      return { outcome: 'allowed', rules: ['AGENT-GROUPS'], effects: [{ type: 'agentGroup.memberRemoved', group: a['group'] as 'AdminAgents', userId: String(a['userId']) }], result: undefined };
    } },
  },
  {
    id: 'offer-switch-ignored', rule: 'AGENT-OFFER-CREATORS', area: 'agents',
    description: "partner users create offers without 'administrative access to companies you support' switched on",
    sabotage: { perform: (w, actor, a, _o, decide) => {
      const user = a.type === 'createOffer' ? actorOf(w, actor) : undefined;
      return !user || user.offerSwitch ? decide() : withField(user, 'offerSwitch', true, decide);
    } },
  },
  // ----- grants -----
  {
    id: 'helpdesk-agents-powerless', rule: 'GRANT-HELPDESK-HELPDESKADMIN', area: 'grants',
    description: 'HelpdeskAgents get no role in the customer',
    sabotage: { perform: (w, actor, a, _o, decide) => {
      const user = actorOf(w, actor);
      const p = partnerOf(w, user);
      if (!user || !p || !DIRECTORY.has(a.type) || w.inAgentGroup(p, user, 'AdminAgents') || !w.inAgentGroup(p, user, 'HelpdeskAgents')) return decide();
      return refused('NOT_AN_AGENT', ['GRANT-HELPDESK-HELPDESKADMIN']);
    } },
  },
  {
    id: 'admin-agents-limited', rule: 'GRANT-ADMINAGENTS-GLOBAL', area: 'grants',
    description: 'AdminAgents get only limited administration in the customer',
    sabotage: { perform: (w, actor, a, _o, decide) => {
      const user = actorOf(w, actor);
      const p = partnerOf(w, user);
      if (!user || !p || !['addUser', 'addDomain', 'manageLicenses', 'addDirectoryRoleMember', 'removeDirectoryRoleMember'].includes(a.type) || !w.inAgentGroup(p, user, 'AdminAgents')) return decide();
      const d = decide();
      return d.outcome === 'allowed' ? refused('INSUFFICIENT_DIRECTORY_ROLE', ['GRANT-LIMITED-ADMIN-TASKS']) : d;
    } },
  },
  {
    id: 'helpdesk-full-admin', rule: 'GRANT-LIMITED-ADMIN-TASKS', area: 'grants',
    description: 'HelpdeskAgents do every administrative task, as AdminAgents',
    sabotage: { perform: (w, actor, a, _o, decide) => (DIRECTORY.has(a.type) ? withAgentGroup(w, actorOf(w, actor), 'AdminAgents', decide) : decide()) },
  },
  {
    id: 'no-partner-signin', rule: 'GRANT-SIGNIN', area: 'grants',
    description: "partner agents cannot sign in to their customers' tenants",
    sabotage: { perform: (w, actor, a, _o, decide) => {
      const d = decide();
      const user = actorOf(w, actor);
      return a.type === 'signIn' && d.outcome === 'allowed' && user && w.partner(user.tenantId) ? refused('NO_DAP', ['CONSENT-REQUIRED']) : d;
    } },
  },
  {
    id: 'one-partner-only', rule: 'GRANT-MULTI-PARTNER', area: 'grants',
    description: "a customer granting a partner DAP silently ends every other partner's",
    sabotage: { perform: (w, _actor, a, _o, decide) => {
      const d = decide();
      if (d.outcome !== 'allowed' || (a.type !== 'acceptOffer' && a.type !== 'acceptResellerRequest')) return d;
      for (const e of d.effects) {
        if (e.type !== 'relationship.dapGranted') continue;
        for (const t of w.tenants.values()) {
          const r = t.kind === 'partner' && t.id !== e.partnerId ? w.relationship(t.id, e.customerId) : undefined;
          if (r?.dap) r.dap = false;
        }
      }
      return d;
    } },
  },
  // ----- listings -----
  {
    id: 'implicit-roles-listed', rule: 'LIST-IMPLICIT-HIDDEN', area: 'listings',
    description: "Global Administrator's members include the AdminAgents group of every partner holding DAP",
    sabotage: { query: (w, _actor, q, decide) => {
      const d = decide();
      if (d.outcome !== 'allowed' || q.type !== 'directoryRoleMembers' || (q['roleId'] !== ROLE_TEMPLATE.GlobalAdministrator && w.resolveRole(w.tenant(String(q['tenantId']))!, String(q['roleId'])) !== ROLE_TEMPLATE.GlobalAdministrator)) return d;
      const extra = [...w.tenants.values()].filter((t): t is PartnerTenant => t.kind === 'partner' && w.relationship(t.id, String(q['tenantId']))?.dap === true)
        .map((p) => ({ id: p.agentGroups.AdminAgents, type: 'group', displayName: 'AdminAgents' }));
      return { ...d, result: [...(d.result as unknown[]), ...extra] };
    } },
  },
  {
    id: 'page-marks-everyone', rule: 'LIST-PARTNER-RELATIONSHIPS', area: 'listings',
    description: 'the Partner relationships page marks every partner as holding DAP',
    sabotage: { query: (_w, _actor, q, decide) => {
      const d = decide();
      if (d.outcome !== 'allowed' || q.type !== 'partnerRelationships') return d;
      return { ...d, result: (d.result as { delegatedAdmin: boolean }[]).map((r) => ({ ...r, delegatedAdmin: true })) };
    } },
  },
  {
    id: 'page-for-everyone', rule: 'LIST-PAGE-GLOBAL-ADMIN', area: 'listings',
    description: "any customer user sees the Partner relationships page",
    sabotage: { query: (w, actor, q, decide) => (q.type === 'partnerRelationships' ? withCustomerRole(w, actorOf(w, actor), decide) : decide()) },
  },
  {
    id: 'reseller-customers-unlisted', rule: 'RESELLER-CUSTOMER-LISTED', area: 'listings',
    description: "the partner's customer list leaves out customers that granted no DAP",
    sabotage: { query: (_w, _actor, q, decide) => {
      const d = decide();
      if (d.outcome !== 'allowed' || q.type !== 'partnerCustomers') return d;
      return { ...d, result: (d.result as { allowDelegatedAccess: boolean }[]).filter((c) => c.allowDelegatedAccess) };
    } },
  },
  // ----- removal -----
  {
    id: 'removal-in-two-steps', rule: 'REVOKE-CONFIRM', area: 'removal',
    description: "choosing 'Remove delegated admin' removes DAP without the confirmation",
    sabotage: { perform: (w, actor, a, _o, decide) => {
      const d = decide();
      if (d.outcome !== 'allowed' || a.type !== 'chooseRemoveDelegatedAdmin') return d;
      const user = actorOf(w, actor)!;
      const customer = w.customer(String(a['customerId'] ?? user.tenantId));
      const flow = customer?.removal;
      const r = flow && w.relationship(flow.partnerId, customer.id);
      if (r) r.dap = false;
      return d;
    } },
  },
  {
    id: 'removal-ends-reseller', rule: 'REVOKE-KEEPS-RESELLER', area: 'removal',
    description: 'removing DAP ends the reseller relationship too',
    sabotage: { perform: (w, _actor, _a, _o, decide) => {
      const d = decide();
      if (d.outcome === 'allowed') for (const e of d.effects) if (e.type === 'relationship.dapRemoved') { const r = w.relationship(e.partnerId, e.customerId); if (r) r.reseller = false; }
      return d;
    } },
  },
  {
    id: 'cannot-give-up', rule: 'REVOKE-BY-PARTNER', area: 'removal',
    description: 'a partner cannot give DAP up from Partner Center',
    sabotage: { perform: (_w, _actor, a, _o, decide) => (a.type === 'giveUpDap' ? refused('DAP_NOT_HELD', ['REVOKE-BY-PARTNER']) : decide()) },
  },
  {
    id: 'service-requests-after-removal', rule: 'REVOKE-NO-SERVICE-REQUESTS', area: 'removal',
    description: 'a partner whose DAP was removed still opens service requests',
    sabotage: { perform: (w, actor, a, _o, decide) => {
      const p = a.type === 'openServiceRequest' ? partnerOf(w, actorOf(w, actor)) : undefined;
      const r = p && w.relationship(p.id, String(a['customerId']));
      return !r || r.dap || r.removals === 0 ? decide() : withField(r, 'dap', true, decide);
    } },
  },
  // ----- azure -----
  {
    id: 'azure-goes-with-dap', rule: 'AZURE-PERSISTS-AFTER-REVOKE', area: 'azure',
    description: "removing DAP also deletes the partner's Azure role assignments",
    sabotage: { perform: (w, _actor, _a, _o, decide) => {
      const d = decide();
      if (d.outcome !== 'allowed') return d;
      for (const e of d.effects) {
        if (e.type !== 'relationship.dapRemoved') continue;
        for (const sub of w.subscriptions.values()) {
          if (sub.customerId !== e.customerId) continue;
          for (let i = sub.assignments.length - 1; i >= 0; i--) {
            if (sub.assignments[i]!.principalTenantId === e.partnerId) { w.roleAssignments.delete(sub.assignments[i]!.id); sub.assignments.splice(i, 1); }
          }
        }
      }
      return d;
    } },
  },
  {
    id: 'azure-needs-dap', rule: 'AZURE-RBAC-SEPARATE', area: 'azure',
    description: 'Azure access through a role assignment is refused without DAP',
    sabotage: { perform: (w, actor, a, _o, decide) => {
      const d = decide();
      const p = partnerOf(w, actorOf(w, actor));
      const sub = w.subscriptions.get(String(a['subscriptionId']));
      if (a.type !== 'manageAzureResources' || d.outcome !== 'allowed' || !p || !sub || w.relationship(p.id, sub.customerId)?.dap === true) return d;
      return refused('NO_DAP', ['CONSENT-REQUIRED']);
    } },
  },
  {
    id: 'azure-retroactive', rule: 'AZURE-NO-RETROACTIVE', area: 'azure',
    description: "granting DAP makes the partner's AdminAgents Owner of the customer's existing subscriptions",
    sabotage: { perform: (w, _actor, _a, _o, decide) => {
      const d = decide();
      if (d.outcome !== 'allowed') return d;
      for (const e of d.effects) {
        if (e.type !== 'relationship.dapGranted') continue;
        const group = w.partner(e.partnerId)?.agentGroups.AdminAgents;
        let n = 0;
        for (const sub of [...w.subscriptions.values()].filter((s) => s.customerId === e.customerId)) {
          if (group && !sub.assignments.some((x) => x.principalId === group)) setup.addRoleAssignment(w, { id: `${sub.id.slice(0, 24)}${String(++n).padStart(12, '0')}`, subscriptionId: sub.id, roleDefinitionId: AZURE_ROLE.Owner, principalId: group });
        }
      }
      return d;
    } },
  },
  // ----- autopilot -----
  {
    id: 'autopilot-customer-devices', rule: 'AUTOPILOT-CUSTOMER-DEVICES', area: 'autopilot',
    description: 'under the current rules, partners manage devices the customer added',
    sabotage: { perform: (w, _actor, a, o, decide) => {
      if ((o.profile ?? 'current') !== 'current' || !['applyAutopilotProfile', 'removeAutopilotProfile', 'updateAutopilotProfile', 'deleteAutopilotProfile'].includes(a.type)) return decide();
      const devices = [...w.devices.values()].filter((x) => x.customerId === a['customerId'] && x.source !== 'partner') as { source: string }[];
      const sources = devices.map((x) => x.source);
      for (const x of devices) x.source = 'partner';
      try { return decide(); } finally { devices.forEach((x, i) => { x.source = sources[i]!; }); }
    } },
  },
  {
    id: 'autopilot-without-reseller', rule: 'AUTOPILOT-NEEDS-RESELLER', area: 'autopilot',
    description: 'a partner related by DAP only manages Autopilot devices and profiles',
    sabotage: { perform: (w, actor, a, _o, decide) => {
      const p = /Autopilot/.test(a.type) ? partnerOf(w, actorOf(w, actor)) : undefined;
      const r = p && w.relationship(p.id, String(a['customerId']));
      return !r || r.reseller ? decide() : withField(r, 'reseller', true, decide);
    } },
  },
  // ----- scope -----
  {
    id: 'mdm-allowed', rule: 'SCOPE-NO-MDM', area: 'scope',
    description: "partner agents with DAP perform MDM operations in the customer",
    sabotage: { perform: (w, actor, a, _o, decide) => {
      const d = decide();
      if (a.type !== 'mdmOperation' || d.outcome !== 'refused' || d.code !== 'MDM_NOT_SUPPORTED') return d;
      const p = partnerOf(w, actorOf(w, actor));
      if (!p || w.relationship(p.id, String(a['tenantId']))?.dap !== true) return d;
      return { outcome: 'allowed', rules: ['GRANT-ADMINAGENTS-GLOBAL'], effects: [{ type: 'mdm.performed', tenantId: String(a['tenantId']) }], result: undefined };
    } },
  },
];
