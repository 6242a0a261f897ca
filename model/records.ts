/**
 * Constructors for records made in more than one place, so each kind keeps one field order.
 *
 * LAYOUT: V8 lays an object's fields out in the order its literal names them, and a record bigger
 * than a few fields spans two or three 64-byte cache lines. In a big world every decision finds
 * its records cold, and each line it reads is a trip to memory: the fields decisions read (ids,
 * kind, masks, counters, summaries) come first, together, and what only listings, snapshots or
 * messages read comes after. The same order at every site also keeps one hidden class per kind.
 */
import type { Tenant, User } from './types.ts';

export function newUser(id: string, home: Tenant, displayName: string, userPrincipalName: string, offerSwitch: boolean): User {
  return { id, tenantId: home.id, home, roleMask: 0, agentMask: 0, passwordVersion: 0, licenses: undefined, offerSwitch, userPrincipalName, displayName };
}
