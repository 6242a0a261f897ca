/**
 * Checking an action's parameters and the objects they name. Actions arrive from scenario files,
 * HTTP bodies and generators, so nothing is trusted: each checker returns the value, or an
 * `Invalid` decision pointing at the parameter (JSON pointer) that is wrong.
 *
 * Callers read the parameter themselves (`str(p['tenantId'], 'tenantId')`): a constant-key read at
 * each call site stays monomorphic, where one generic `p[key]` here would see every action shape.
 */
import { invalid, isNo, type Invalid } from '../decision.ts';
import type { AutopilotProfile, AzureSubscription, CustomerTenant, Device, PartnerTenant, Tenant, User } from '../types.ts';
import type { World } from '../world.ts';

export type Params = Readonly<Record<string, unknown>>;

/** True for the Invalid (or Refused) a reader returned instead of a value. */
export function failed(x: unknown): x is Invalid {
  return isNo(x);
}

export function str(v: unknown, key: string): string | Invalid {
  if (typeof v === 'string' && v.length > 0) return v;
  return invalid('MALFORMED', `/${key}`, `Expected a non-empty string at "${key}", got ${describe(v)}.`);
}

export function optStr(v: unknown, key: string): string | undefined | Invalid {
  if (v === undefined) return undefined;
  return str(v, key);
}

export function bool(v: unknown, key: string): boolean | Invalid {
  if (typeof v === 'boolean') return v;
  return invalid('MALFORMED', `/${key}`, `Expected true or false at "${key}", got ${describe(v)}.`);
}

export function optBool(v: unknown, key: string, fallback: boolean): boolean | Invalid {
  return v === undefined ? fallback : bool(v, key);
}

export function strList(v: unknown, key: string): readonly string[] | Invalid {
  if (!Array.isArray(v) || v.length === 0) {
    return invalid('MALFORMED', `/${key}`, `Expected a non-empty list of ids at "${key}", got ${describe(v)}.`);
  }
  for (let i = 0; i < v.length; i++) {
    if (typeof v[i] !== 'string' || v[i].length === 0) {
      return invalid('MALFORMED', `/${key}/${i}`, `Expected a non-empty string, got ${describe(v[i])}.`);
    }
  }
  return v as readonly string[];
}

export function oneOf<T extends string>(v: unknown, key: string, allowed: readonly T[], fallback?: T): T | Invalid {
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
  return invalid('MALFORMED', `/${key}`, `Expected one of ${allowed.map((a) => `"${a}"`).join(', ')} at "${key}", got ${describe(v)}.`);
}

export function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return v.length === 0 ? 'an empty string' : `"${v.length > 60 ? `${v.slice(0, 57)}...` : v}"`;
  return `a ${typeof v}`;
}

/*
 * Two forms of each reader of a named record: `tenantAt(world, v, key)` looks the id up and checks
 * it; `tenantFound(found, v, key)` checks a record the handler looked up itself. In a big world
 * every lookup of an id is a cache miss (the id string's hash, then the record), and the misses of
 * one decision are independent: a hot handler issues all of its lookups first and checks them
 * after, so the CPU waits for them together instead of one after another. The checks, their order
 * and their answers are the same in both forms; `Map.get` of a non-string simply finds nothing.
 */

export function tenantAt(world: World, v: unknown, key: string): Tenant | Invalid {
  return tenantFound(world.tenants.get(v as string), v, key);
}

export function tenantFound(found: Tenant | undefined, v: unknown, key: string): Tenant | Invalid {
  const id = str(v, key);
  if (failed(id)) return id;
  return found ?? invalid('UNKNOWN_TENANT', `/${key}`, `"${id}"`);
}

export function customerAt(world: World, v: unknown, key: string): CustomerTenant | Invalid {
  return customerFound(world.tenants.get(v as string), v, key);
}

/** `customerAt` for a tenant the handler already looked up (see `tenantFound`). */
export function customerFound(found: Tenant | undefined, v: unknown, key: string): CustomerTenant | Invalid {
  const t = tenantFound(found, v, key);
  if (failed(t)) return t;
  return t.kind === 'customer' ? t : invalid('NOT_A_CUSTOMER', `/${key}`, `"${t.id}" is the partner "${t.name}".`);
}

/** The customer named at `key`, or the actor's own tenant when the parameter is absent. */
export function customerOrOwn(world: World, v: unknown, key: string, actor: User): CustomerTenant | Invalid {
  return customerOrOwnFound(world, world.tenants.get(v as string), v, key, actor);
}

/** `customerOrOwn` for a tenant the handler already looked up (see `tenantFound`); used only when `v` is given. */
export function customerOrOwnFound(world: World, found: Tenant | undefined, v: unknown, key: string, actor: User): CustomerTenant | Invalid {
  if (v !== undefined) return customerFound(found, v, key);
  const own = actor.home;
  if (own?.kind === 'customer') return own;
  return invalid('MALFORMED', `/${key}`, `A partner user must name the customer at "${key}".`);
}

export function partnerAt(world: World, v: unknown, key: string): PartnerTenant | Invalid {
  const t = tenantAt(world, v, key);
  if (failed(t)) return t;
  return t.kind === 'partner' ? t : invalid('NOT_A_PARTNER', `/${key}`, `"${t.id}" is the customer "${t.name}".`);
}

/** A user of the given tenant. */
export function userIn(world: World, tenant: Tenant, v: unknown, key: string): User | Invalid {
  return userFound(world.users.get(v as string), tenant, v, key);
}

/** `userIn` for a user the handler already looked up (see `tenantFound`). */
export function userFound(user: User | undefined, tenant: Tenant, v: unknown, key: string): User | Invalid {
  const id = str(v, key);
  if (failed(id)) return id;
  if (user === undefined || user.home !== tenant) {
    return invalid('UNKNOWN_USER', `/${key}`, `"${id}" is not a user of "${tenant.name}".`);
  }
  return user;
}

export function subscriptionAt(world: World, v: unknown, key: string): AzureSubscription | Invalid {
  const id = str(v, key);
  if (failed(id)) return id;
  return world.subscriptions.get(id) ?? invalid('UNKNOWN_SUBSCRIPTION', `/${key}`, `"${id}"`);
}

export function deviceIn(world: World, customer: CustomerTenant, id: string, path: string): Device | Invalid {
  const d = world.devices.get(id);
  if (d === undefined || d.customerId !== customer.id) return invalid('UNKNOWN_DEVICE', path, `"${id}"`);
  return d;
}

export function profileIn(world: World, customer: CustomerTenant, v: unknown, key: string): AutopilotProfile | Invalid {
  const id = str(v, key);
  if (failed(id)) return id;
  const profile = world.profiles.get(id);
  if (profile === undefined || profile.customerId !== customer.id) return invalid('UNKNOWN_PROFILE', `/${key}`, `"${id}"`);
  return profile;
}

/** The id the action names for the object it creates, or a fresh one from the context. */
export function newIdFor(v: unknown, key: string, make: () => string): string | Invalid {
  if (v === undefined) return make();
  return str(v, key);
}
