/**
 * A plain, JSON-ready copy of the whole world, in a stable order. Two worlds are the same world
 * exactly when their snapshots are equal: that is how tests prove "a refused action changes
 * nothing" and "the same seed gives the same run, byte for byte".
 */
import { IdTable } from './idtable.ts';
import type { World } from './world.ts';

function plain(value: unknown): unknown {
  if (value instanceof Map || value instanceof IdTable) return [...value.entries()].map(([k, v]) => [k, plain(v)]);
  if (value instanceof Set) return [...value].map(plain);
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      // Records reachable twice are written once: relationships from the partner side, users from
      // World.users; the second path shows ids only.
      if (k === 'relationships' && (value as { kind?: string }).kind === 'customer') {
        out[k] = [...(v as Map<string, unknown>).keys()];
        continue;
      }
      // A user's home is its tenant, written once under tenants (tenantId names it).
      if (k === 'home') continue;
      if (k === 'users' && (value as { kind?: string }).kind !== undefined) {
        out[k] = (v as { id: string }[]).map((u) => u.id);
        continue;
      }
      out[k] = plain(v);
    }
    return out;
  }
  return value;
}

export interface WorldSnapshot {
  readonly seq: number;
  readonly now: string;
  readonly stores: Record<string, unknown>;
}

export function snapshot(world: World): WorldSnapshot {
  return {
    seq: world.seq,
    now: world.now,
    stores: {
      version: world.version,
      tenants: plain(world.tenants),
      users: plain(world.users),
      groups: plain(world.groups),
      offers: plain(world.offers),
      resellerRequests: plain(world.resellerRequests),
      commerceSubscriptions: plain(world.commerceSubscriptions),
      subscriptions: plain(world.subscriptions),
      roleAssignments: plain(world.roleAssignments),
      devices: plain(world.devices),
      profiles: plain(world.profiles),
      serviceRequests: plain(world.serviceRequests),
      tenantByDomain: plain(world.tenantByDomain),
      deviceBySerial: plain(world.deviceBySerial),
      membershipChanges: plain(world.membershipChanges),
    },
  };
}
