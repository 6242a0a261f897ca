/**
 * The names a scenario declares, by kind, and the checks that need only names: duplicates and
 * dangling references in `given`, and references in steps. Names are what scenario authors write;
 * the world builder gives each an id.
 */
import { AGENT_GROUP_KINDS, AZURE_ROLES, DIRECTORY_ROLES, isAzureRoleId, isRoleTemplateId } from '../model/index.ts';
import type { Given } from './format.ts';
import { didYouMean } from './problems.ts';

export type NameKind = 'tenant' | 'user' | 'group' | 'subscription' | 'assignment' | 'device' | 'profile' | 'offer' | 'request' | 'serviceRequest';

export interface Declared {
  readonly kind: NameKind;
  /** For tenants: partner or customer. */
  readonly tenantKind?: 'partner' | 'customer';
  /** The tenant (by name) the object belongs to. */
  readonly tenant?: string;
}

export interface Issue {
  readonly pointer: string;
  readonly message: string;
  readonly hint?: string | undefined;
  /** Locate the key itself (an unknown key), not its value. */
  readonly atKey?: boolean;
}

/** Every name, one table: a name means one thing, whatever its kind. */
export class NameTable {
  readonly byName = new Map<string, Declared>();
  /** Names that steps save, with the index of the step: a use before it gets a precise hint. */
  later = new Map<string, number>();

  declare(name: string, d: Declared, pointer: string, issues: Issue[]): void {
    const existing = this.byName.get(name);
    if (existing !== undefined) {
      issues.push({ pointer, message: `duplicate name "${name}": it already names a ${existing.kind}.`, hint: 'Give each tenant, user, group and object its own name.' });
      return;
    }
    this.byName.set(name, d);
  }

  namesOf(kinds: readonly NameKind[], filter?: (d: Declared) => boolean): string[] {
    return [...this.byName].filter(([, d]) => kinds.includes(d.kind) && (filter === undefined || filter(d))).map(([n]) => n);
  }

  /** Checks that `name` is declared as one of `kinds` (and passes `filter`); pushes an issue otherwise. */
  expect(name: unknown, kinds: readonly NameKind[], what: string, pointer: string, issues: Issue[], filter?: (d: Declared) => boolean): Declared | undefined {
    if (typeof name !== 'string') return undefined;
    const d = this.byName.get(name);
    if (d !== undefined && kinds.includes(d.kind) && (filter === undefined || filter(d))) return d;
    const candidates = this.namesOf(kinds, filter);
    const savedAt = this.later.get(name);
    if (d === undefined && savedAt !== undefined) {
      issues.push({ pointer, message: `"${name}" is used before step ${savedAt + 1} saves it.`, hint: 'Move this step after the one that saves the name.' });
      return undefined;
    }
    const found = d === undefined ? `no ${what} is named "${name}".` : `"${name}" is a ${d.tenantKind ?? d.kind}, not a ${what}.`;
    issues.push({ pointer, message: found, hint: didYouMean(name, candidates) ?? (candidates.length > 0 ? `Known: ${candidates.slice(0, 8).join(', ')}${candidates.length > 8 ? ', …' : ''}.` : `Declare it under given first.`) });
    return undefined;
  }
}

const ROLE_NAMES = DIRECTORY_ROLES.map((r) => r.displayName);
const AZURE_ROLE_NAMES = AZURE_ROLES.map((r) => r.name);

export function checkDirectoryRole(role: unknown, pointer: string, issues: Issue[]): void {
  if (typeof role !== 'string' || isRoleTemplateId(role) || ROLE_NAMES.includes(role)) return;
  issues.push({ pointer, message: `"${role}" is not a directory role dapsim models.`, hint: didYouMean(role, ROLE_NAMES) ?? `Use one of: ${ROLE_NAMES.join(', ')} (or a template id).` });
}

export function checkAzureRole(role: unknown, pointer: string, issues: Issue[]): void {
  if (typeof role !== 'string') return;
  const guid = role.slice(role.lastIndexOf('/') + 1).toLowerCase();
  if (isAzureRoleId(guid) || AZURE_ROLE_NAMES.includes(role)) return;
  issues.push({ pointer, message: `"${role}" is not an Azure role dapsim models.`, hint: didYouMean(role, AZURE_ROLE_NAMES) ?? `Use one of: ${AZURE_ROLE_NAMES.join(', ')} (or a role definition id).` });
}

/** Declares every name of `given` and checks its internal references. */
export function declareGiven(given: Given, issues: Issue[]): NameTable {
  const t = new NameTable();
  const g = '/given';
  // Pass 1: declarations, so references may point forward within given.
  (given.partners ?? []).forEach((p, i) => {
    t.declare(p.name, { kind: 'tenant', tenantKind: 'partner' }, `${g}/partners/${i}/name`, issues);
    for (const kind of AGENT_GROUP_KINDS) t.byName.set(`${p.name}/${kind}`, { kind: 'group', tenant: p.name });
    (p.users ?? []).forEach((u, j) => t.declare(u.name, { kind: 'user', tenant: p.name }, `${g}/partners/${i}/users/${j}/name`, issues));
  });
  (given.customers ?? []).forEach((c, i) => {
    const at = `${g}/customers/${i}`;
    t.declare(c.name, { kind: 'tenant', tenantKind: 'customer' }, `${at}/name`, issues);
    (c.users ?? []).forEach((u, j) => t.declare(u.name, { kind: 'user', tenant: c.name }, `${at}/users/${j}/name`, issues));
    (c.groups ?? []).forEach((gr, j) => t.declare(gr.name, { kind: 'group', tenant: c.name }, `${at}/groups/${j}/name`, issues));
    (c.profiles ?? []).forEach((p, j) => t.declare(p.name, { kind: 'profile', tenant: c.name }, `${at}/profiles/${j}/name`, issues));
    (c.devices ?? []).forEach((d, j) => t.declare(d.name, { kind: 'device', tenant: c.name }, `${at}/devices/${j}/name`, issues));
    (c.subscriptions ?? []).forEach((s, j) => {
      t.declare(s.name, { kind: 'subscription', tenant: c.name }, `${at}/subscriptions/${j}/name`, issues);
      if (s.provisionedBy !== undefined || s.owner !== undefined) t.byName.set(`${s.name}/owner`, { kind: 'assignment', tenant: c.name });
      (s.assignments ?? []).forEach((a, k) => { if (a.name !== undefined) t.declare(a.name, { kind: 'assignment', tenant: c.name }, `${at}/subscriptions/${j}/assignments/${k}/name`, issues); });
    });
  });
  (given.offers ?? []).forEach((o, i) => t.declare(o.name, { kind: 'offer', tenant: o.partner }, `${g}/offers/${i}/name`, issues));

  // Pass 2: references.
  const partner = (d: Declared) => d.tenantKind === 'partner';
  (given.partners ?? []).forEach((p, i) => (p.users ?? []).forEach((u, j) => (u.roles ?? []).forEach((r, k) => checkDirectoryRole(r, `${g}/partners/${i}/users/${j}/roles/${k}`, issues))));
  (given.customers ?? []).forEach((c, i) => {
    const at = `${g}/customers/${i}`;
    const own = (d: Declared) => d.tenant === c.name;
    (c.users ?? []).forEach((u, j) => {
      (u.roles ?? []).forEach((r, k) => checkDirectoryRole(r, `${at}/users/${j}/roles/${k}`, issues));
      if (u.groups !== undefined) issues.push({ pointer: `${at}/users/${j}/groups`, message: 'agent groups belong to partner users.', hint: 'Move the user under a partner, or give it directory roles instead.' });
      if (u.offerSwitch !== undefined) issues.push({ pointer: `${at}/users/${j}/offerSwitch`, message: 'the offer switch belongs to partner users.', hint: 'Remove it, or move the user under a partner.' });
    });
    (c.groups ?? []).forEach((gr, j) => {
      (gr.members ?? []).forEach((m, k) => t.expect(m, ['user'], `user of ${c.name}`, `${at}/groups/${j}/members/${k}`, issues, own));
      (gr.roles ?? []).forEach((r, k) => checkDirectoryRole(r, `${at}/groups/${j}/roles/${k}`, issues));
    });
    (c.partners ?? []).forEach((r, j) => t.expect(r.partner, ['tenant'], 'partner', `${at}/partners/${j}/partner`, issues, partner));
    (c.subscriptions ?? []).forEach((s, j) => {
      const sAt = `${at}/subscriptions/${j}`;
      if (s.provisionedBy !== undefined) t.expect(s.provisionedBy, ['tenant'], 'partner', `${sAt}/provisionedBy`, issues, partner);
      if (s.owner !== undefined) t.expect(s.owner, ['user'], `user of ${c.name}`, `${sAt}/owner`, issues, own);
      if (s.provisionedBy !== undefined && s.owner !== undefined) issues.push({ pointer: `${sAt}/owner`, message: 'a subscription is provisioned by a partner or created by a customer user, not both.', hint: 'Keep provisionedBy or owner.' });
      (s.assignments ?? []).forEach((a, k) => {
        checkAzureRole(a.role, `${sAt}/assignments/${k}/role`, issues);
        t.expect(a.principal, ['user', 'group'], `user or group of ${c.name}, or partner group`, `${sAt}/assignments/${k}/principal`, issues, (d) => d.tenant === c.name || d.kind === 'group');
      });
    });
    (c.devices ?? []).forEach((d, j) => {
      const dAt = `${at}/devices/${j}`;
      if (d.source === 'partner') {
        if (d.addedBy === undefined) issues.push({ pointer: `${dAt}/addedBy`, message: 'a device with source partner names the partner that added it.', hint: 'Add addedBy: <partner>.' });
        else t.expect(d.addedBy, ['tenant'], 'partner', `${dAt}/addedBy`, issues, partner);
      } else if (d.addedBy !== undefined) {
        issues.push({ pointer: `${dAt}/addedBy`, message: `a device the customer added (${d.source}) names no partner.`, hint: 'Remove addedBy, or set source: partner.' });
      }
      if (d.profile !== undefined) t.expect(d.profile, ['profile'], `profile of ${c.name}`, `${dAt}/profile`, issues, own);
    });
  });
  (given.offers ?? []).forEach((o, i) => t.expect(o.partner, ['tenant'], 'partner', `${g}/offers/${i}/partner`, issues, partner));
  (given.bulkCustomers ?? []).forEach((b, i) => t.expect(b.partner, ['tenant'], 'partner', `${g}/bulkCustomers/${i}/partner`, issues, partner));
  return t;
}
