/**
 * What the mocked endpoints serve: one reference world, the key tokens are signed with, and the
 * clock tokens expire by. The clock and ids are injectable so tests are deterministic; the model
 * behind stays pure — all I/O, time and crypto live here, on the HTTP edge.
 */
import { randomBytes } from 'node:crypto';
import { World } from '../model/index.ts';

export interface MockOptions {
  /** The world served; a fresh empty one by default. */
  readonly world?: World;
  /** Seconds since the epoch; tokens are issued and checked against it. Defaults to the wall clock. */
  readonly now?: () => number;
  /** The HMAC key tokens are signed with; random by default, so tokens of one server are refused by another. */
  readonly signingKey?: Buffer;
  /** Token lifetime in seconds (3599 as Entra's). */
  readonly tokenLifetime?: number;
}

export class MockState {
  world: World;
  readonly now: () => number;
  readonly signingKey: Buffer;
  readonly tokenLifetime: number;
  private requestCounter = 0;

  constructor(options: MockOptions = {}) {
    this.world = options.world ?? new World();
    this.now = options.now ?? (() => Math.floor(Date.now() / 1000));
    this.signingKey = options.signingKey ?? randomBytes(32);
    this.tokenLifetime = options.tokenLifetime ?? 3599;
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
