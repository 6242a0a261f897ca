/**
 * The target contract (design.md): every implementation under test — the reference model, or
 * anything reached over HTTP — is driven through these four duties. All are async so an HTTP
 * target fits the same shape.
 */
import type { Decision, PerformOptions, setup } from '../model/index.ts';

type SetupFunctions = typeof setup;
type SetupName = Exclude<keyof SetupFunctions, 'defaultDomainFor'>;

/** One set-up operation: the name of a model set-up function and its spec. */
export type SetupOp = { [K in SetupName]: { readonly op: K; readonly spec: Parameters<SetupFunctions[K]>[1] } }[SetupName];

export interface SetupFailure {
  /** The index of the operation that failed. */
  readonly index: number;
  readonly code: string;
  readonly path: string;
  readonly message: string;
}

export interface Target {
  /** A short label for reports, e.g. "model" or a base URL. */
  readonly name: string;
  /** Puts a world in place (not subject to authorisation). */
  setup(ops: readonly SetupOp[]): Promise<SetupFailure | undefined>;
  /** The actor tries the action. */
  perform(actorId: string, action: { readonly type: string } & Record<string, unknown>, options: PerformOptions): Promise<Decision>;
  /** The actor looks. */
  query(actorId: string, q: { readonly type: string } & Record<string, unknown>): Promise<Decision<unknown>>;
  /** Forgets the world. */
  reset(): Promise<void>;
  /** Answers that did not say how they were decided (an HTTP target without x-dapsim-* headers): their rule IDs cannot be compared. */
  readonly headerlessAnswers?: number;
}

/**
 * What a target's answers are held to. `decisions` (the default): the outcome, the code of a
 * refusal and the rule IDs that decided it — conformance means deciding for the right reasons.
 * `outcomes`: allowed, refused or invalid only (listings as always), for implementations that
 * cannot say why — an emulator of the Microsoft APIs that sends no x-dapsim-* headers. Reports
 * say which was used, so an outcomes-only pass is never mistaken for a full one.
 */
export type Compare = 'decisions' | 'outcomes';
export const COMPARE_LEVELS: readonly Compare[] = ['decisions', 'outcomes'];
