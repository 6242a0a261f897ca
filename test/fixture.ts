/**
 * A small world most model tests start from, with readable ids, and the assertions they share.
 *
 * Partner A ("Contoso Partners", certified, global) and partner B ("Fabrikam Partners", certified,
 * global) each have an Admin agent, a Helpdesk agent, a Sales agent, a plain user and a tenant
 * Global Administrator. Customers 1 and 2 (global) each have a Global admin, a Helpdesk
 * Administrator, a User Administrator and a plain user. Nobody is related to anybody yet.
 */
import { expect } from 'vitest';
import {
  ROLE_TEMPLATE,
  World,
  perform,
  query,
  setup,
  snapshot,
  type Action,
  type Decision,
  type Invalid,
  type PerformOptions,
  type Query,
  type QueryResults,
  type QueryType,
  type RefusalCode,
  type RuleId,
} from '../model/index.ts';

export const A = 'partner-a';
export const B = 'partner-b';
export const C1 = 'customer-1';
export const C2 = 'customer-2';

/** Throws on an invalid set-up: a broken fixture is a bug in the test, not a finding. */
export function must(result: string | Invalid): string {
  if (typeof result !== 'string') throw new Error(`set-up failed: ${result.code} at ${result.path}: ${result.message}`);
  return result;
}

function partner(world: World, id: string, name: string, prefix: string, certified = true, cloud: 'global' | 'china-21vianet' = 'global'): void {
  must(setup.addPartner(world, { id, name, certifiedForDap: certified, cloud }));
  const user = (suffix: string) => must(setup.addUser(world, { id: `${prefix}-${suffix}`, tenantId: id, userPrincipalName: `${suffix}@${world.tenant(id)!.defaultDomain}` }));
  must(setup.addAgent(world, { userId: user('admin'), group: 'AdminAgents' }));
  must(setup.setOfferSwitch(world, { userId: `${prefix}-admin`, on: true }));
  must(setup.addAgent(world, { userId: user('helpdesk'), group: 'HelpdeskAgents' }));
  must(setup.addAgent(world, { userId: user('sales'), group: 'SalesAgents' }));
  user('plain');
  must(setup.assignDirectoryRole(world, { tenantId: id, role: ROLE_TEMPLATE.GlobalAdministrator, principalId: user('ga') }));
}

function customer(world: World, id: string, name: string, prefix: string, cloud: 'global' | 'china-21vianet' = 'global'): void {
  must(setup.addCustomer(world, { id, name, cloud }));
  const user = (suffix: string) => must(setup.addUser(world, { id: `${prefix}-${suffix}`, tenantId: id, userPrincipalName: `${suffix}@${world.tenant(id)!.defaultDomain}` }));
  must(setup.assignDirectoryRole(world, { tenantId: id, role: ROLE_TEMPLATE.GlobalAdministrator, principalId: user('ga') }));
  must(setup.assignDirectoryRole(world, { tenantId: id, role: ROLE_TEMPLATE.HelpdeskAdministrator, principalId: user('helpdesk') }));
  must(setup.assignDirectoryRole(world, { tenantId: id, role: ROLE_TEMPLATE.UserAdministrator, principalId: user('useradmin') }));
  user('user');
}

export interface FixtureOptions {
  readonly partnerACertified?: boolean;
  readonly partnerACloud?: 'global' | 'china-21vianet';
  readonly customer1Cloud?: 'global' | 'china-21vianet';
}

/** Users: a-admin a-helpdesk a-sales a-plain a-ga, b-… likewise; c1-ga c1-helpdesk c1-useradmin c1-user, c2-… likewise. */
export function baseWorld(options: FixtureOptions = {}): World {
  const world = new World();
  partner(world, A, 'Contoso Partners', 'a', options.partnerACertified ?? true, options.partnerACloud ?? 'global');
  partner(world, B, 'Fabrikam Partners', 'b');
  customer(world, C1, 'Northwind Traders', 'c1', options.customer1Cloud ?? 'global');
  customer(world, C2, 'Tailspin Toys', 'c2');
  return world;
}

/** Runs the partner's offer and the customer's acceptance: the seed 001 journey. */
export function grantDap(world: World, partnerPrefix: 'a' | 'b', customerPrefix: 'c1' | 'c2'): void {
  const offer = perform(world, `${partnerPrefix}-admin`, { type: 'createOffer' });
  expectAllowed(offer);
  const offerId = offer.outcome === 'allowed' ? (offer.effects[0] as { offerId: string }).offerId : '';
  expectAllowed(perform(world, `${customerPrefix}-ga`, { type: 'acceptOffer', offerId }));
}

/** Runs the reseller request (with or without DAP) and its acceptance: the seed 004 journey. */
export function becomeReseller(world: World, partnerPrefix: 'a' | 'b', customerPrefix: 'c1' | 'c2', withDap = true): void {
  const request = perform(world, `${partnerPrefix}-admin`, { type: 'createResellerRequest', withDap });
  expectAllowed(request);
  const requestId = request.outcome === 'allowed' ? (request.effects[0] as { requestId: string }).requestId : '';
  expectAllowed(perform(world, `${customerPrefix}-ga`, { type: 'acceptResellerRequest', requestId }));
}

/** The customer's Global admin removes the partner's DAP in the three steps of REVOKE-CONFIRM. */
export function removeDapAsCustomer(world: World, customerPrefix: 'c1' | 'c2', partnerId: string): void {
  expectAllowed(perform(world, `${customerPrefix}-ga`, { type: 'selectPartnerForRemoval', partnerId }));
  expectAllowed(perform(world, `${customerPrefix}-ga`, { type: 'chooseRemoveDelegatedAdmin' }));
  expectAllowed(perform(world, `${customerPrefix}-ga`, { type: 'confirmRemoveDelegatedAdmin' }));
}

export function act(world: World, actor: string, action: Action, options?: PerformOptions): Decision {
  return perform(world, actor, action, options);
}

export function look<T extends QueryType>(world: World, actor: string, q: Extract<Query, { type: T }>): Decision<QueryResults[T]> {
  return query(world, actor, q) as Decision<QueryResults[T]>;
}

/** The result of an allowed query, failing the test otherwise. */
export function seen<T extends QueryType>(world: World, actor: string, q: Extract<Query, { type: T }>): QueryResults[T] {
  const d = look(world, actor, q);
  expectAllowed(d);
  return (d as { result: QueryResults[T] }).result;
}

/** Allowed, and (when given) naming at least these rules. */
export function expectAllowed(d: Decision<unknown>, ...rules: RuleId[]): void {
  expect(d, `expected allowed, got ${d.outcome}${d.outcome !== 'allowed' ? ` ${d.code}: ${d.message}` : ''}`).toMatchObject({ outcome: 'allowed' });
  for (const r of rules) expect(d.rules, `decision should name ${r}`).toContain(r);
}

/** Refused with this code, naming at least these rules. */
export function expectRefused(d: Decision<unknown>, code: RefusalCode, ...rules: RuleId[]): void {
  expect(d, `expected refused ${code}, got ${d.outcome}${d.outcome !== 'allowed' ? ` ${d.code}: ${d.message}` : ''}`).toMatchObject({ outcome: 'refused', code });
  expect(d.rules.length, 'a refusal names at least one rule').toBeGreaterThan(0);
  for (const r of rules) expect(d.rules, `refusal should name ${r}`).toContain(r);
}

export function expectInvalid(d: Decision<unknown>, code: Invalid['code'], path?: string): void {
  expect(d).toMatchObject({ outcome: 'invalid', code, ...(path === undefined ? {} : { path }) });
}

/** Runs `fn` and asserts the world is exactly as before: refused and invalid actions change nothing. */
export function expectUnchanged(world: World, fn: () => Decision<unknown>): Decision<unknown> {
  const before = JSON.stringify(snapshot(world));
  const d = fn();
  expect(d.outcome, 'only a refused or invalid decision may be checked for no change').not.toBe('allowed');
  expect(JSON.stringify(snapshot(world))).toBe(before);
  return d;
}

/** A UPN on the tenant's default domain. */
export function upn(world: World, tenantId: string, alias: string): string {
  return `${alias}@${world.tenant(tenantId)!.defaultDomain}`;
}

/** The directory roles a sign-in carried, failing the test when the sign-in was not allowed. */
export function signInRoles(world: World, actor: string, tenantId: string): readonly string[] {
  const d = act(world, actor, { type: 'signIn', tenantId });
  expectAllowed(d, 'GRANT-SIGNIN');
  if (d.outcome !== 'allowed') return [];
  const e = d.effects.find((x) => x.type === 'signedIn');
  return e?.type === 'signedIn' ? e.roleTemplateIds : [];
}

/** The id of the first created object of the given effect type. */
export function createdId(d: Decision<unknown>, key: 'offerId' | 'requestId' | 'subscriptionId' | 'assignmentId' | 'profileId' | 'serviceRequestId' | 'userId' | 'emailId'): string {
  expectAllowed(d);
  for (const e of (d as { effects: readonly Record<string, unknown>[] }).effects) if (typeof e[key] === 'string') return e[key] as string;
  throw new Error(`no effect carries ${key}`);
}
