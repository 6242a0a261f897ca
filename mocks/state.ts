/**
 * What the mocked endpoints serve: one reference world, the key tokens are signed with, and the
 * clock tokens expire by. The clock and ids are injectable so tests are deterministic; the model
 * behind stays pure — all I/O, time and crypto live here, on the HTTP edge.
 */
import { randomBytes } from 'node:crypto';
import { World, perform, query, type Decision, type PerformOptions, type QueryResults, type QueryType } from '../model/index.ts';

type Request = { readonly type: string } & Record<string, unknown>;

/**
 * A deliberate change to what the endpoints decide: the reference with one rule broken, served
 * over the same routes (the planted bugs of conform/bugs/ that prove the suite catches them).
 * Each hook gets the world and the reference's own decision, made lazily: a bug may change the
 * world first, answer without deciding, or change the answer.
 */
export interface Sabotage {
  perform?(world: World, actorId: string, action: Request, options: PerformOptions, decide: () => Decision): Decision;
  query?(world: World, actorId: string, q: Request, decide: () => Decision<unknown>): Decision<unknown>;
}

export interface MockOptions {
  /** The world served; a fresh empty one by default. */
  readonly world?: World;
  /** Seconds since the epoch; tokens are issued and checked against it. Defaults to the wall clock. */
  readonly now?: () => number;
  /** The HMAC key tokens are signed with; random by default, so tokens of one server are refused by another. */
  readonly signingKey?: Buffer;
  /** Token lifetime in seconds (3599 as Entra's). */
  readonly tokenLifetime?: number;
  /** A planted bug; none by default. */
  readonly sabotage?: Sabotage;
}

export class MockState {
  world: World;
  readonly now: () => number;
  readonly signingKey: Buffer;
  readonly tokenLifetime: number;
  private requestCounter = 0;
  private readonly sabotage: Sabotage | undefined;

  constructor(options: MockOptions = {}) {
    this.world = options.world ?? new World();
    this.sabotage = options.sabotage;
    this.now = options.now ?? (() => Math.floor(Date.now() / 1000));
    this.signingKey = options.signingKey ?? randomBytes(32);
    this.tokenLifetime = options.tokenLifetime ?? 3599;
  }

  /** Every action through the endpoints: the reference decides (unless a planted bug intervenes). */
  perform(actorId: string, action: Request, options: PerformOptions = {}): Decision {
    const hook = this.sabotage?.perform;
    return hook === undefined ? perform(this.world, actorId, action, options) : hook(this.world, actorId, action, options, () => perform(this.world, actorId, action, options));
  }

  /** Every query through the endpoints. */
  query<T extends QueryType>(actorId: string, q: { readonly type: T } & Record<string, unknown>): Decision<QueryResults[T]>;
  query(actorId: string, q: Request): Decision<unknown>;
  query(actorId: string, q: Request): Decision<unknown> {
    const hook = this.sabotage?.query;
    return hook === undefined ? query(this.world, actorId, q) : hook(this.world, actorId, q, () => query(this.world, actorId, q));
  }

  /** A request id for response headers and error envelopes. */
  nextRequestId(): string {
    this.requestCounter += 1;
    const n = this.requestCounter.toString(16).padStart(12, '0');
    return `d0000000-0000-4000-8000-${n}`;
  }

  /** The world's time as ISO 8601, for actions performed through the endpoints. */
  isoNow(): string {
    return new Date(this.now() * 1000).toISOString();
  }
}
