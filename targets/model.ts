/** The reference model as a target, in process. */
import { World, perform, query, setup, type Decision, type PerformOptions } from '../model/index.ts';
import type { SetupFailure, SetupOp, Target } from './target.ts';

/** Applies set-up operations to a world; the first that fails stops the rest and is returned. */
export function applySetup(world: World, ops: readonly SetupOp[]): SetupFailure | undefined {
  for (let index = 0; index < ops.length; index++) {
    const { op, spec } = ops[index]!;
    const result = (setup[op] as (w: World, s: unknown) => string | { code: string; path: string; message: string })(world, spec);
    if (typeof result !== 'string') return { index, code: result.code, path: result.path, message: result.message };
  }
  return undefined;
}

export class ModelTarget implements Target {
  readonly name = 'model';
  private world = new World();

  async setup(ops: readonly SetupOp[]): Promise<SetupFailure | undefined> {
    return applySetup(this.world, ops);
  }

  async perform(actorId: string, action: { readonly type: string } & Record<string, unknown>, options: PerformOptions): Promise<Decision> {
    return perform(this.world, actorId, action, options);
  }

  async query(actorId: string, q: { readonly type: string } & Record<string, unknown>): Promise<Decision<unknown>> {
    return query(this.world, actorId, q);
  }

  async reset(): Promise<void> {
    this.world = new World();
  }
}
