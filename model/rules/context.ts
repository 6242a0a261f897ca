/**
 * What every rule function receives besides the world: the time, the id source and the rule
 * profile. All three are inputs, never read from the environment, so a run is reproducible.
 */
import type { Profile } from '../catalogue.ts';
import type { World } from '../world.ts';

export interface PerformOptions {
  /** When the action happens (ISO 8601). Defaults to the world's last known time. */
  readonly now?: string;
  /** Autopilot rule profile; `current` unless the run chooses `proposed`. */
  readonly profile?: Profile;
  /** Supplies ids for objects the action creates when the action names none. Defaults to the world's own derivation. */
  readonly newId?: (kind: string) => string;
}

export interface Ctx {
  readonly world: World;
  readonly now: string;
  readonly profile: Profile;
  newId(kind: string): string;
}

/** A class rather than an object literal with a closure: one small allocation per decision on the hot path. */
class PerformCtx implements Ctx {
  readonly now: string;
  readonly profile: Profile;
  constructor(readonly world: World, private readonly options: PerformOptions) {
    this.now = options.now ?? world.now;
    this.profile = options.profile ?? 'current';
  }

  newId(kind: string): string {
    const supplied = this.options.newId;
    return supplied === undefined ? this.world.nextId(kind) : supplied(kind);
  }
}

export function makeCtx(world: World, options: PerformOptions): Ctx {
  return new PerformCtx(world, options);
}
