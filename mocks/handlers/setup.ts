/**
 * The world set-up endpoint (mocks/ROUTES.md), the "provider state" of the target contract: the
 * HTTP target puts a scenario's world in place here. Not authorised, by design; it exists on the
 * reference mocks and on any implementation that wants to be driven by dapsim.
 */
import { http } from 'msw';
import { World, setup } from '../../model/index.ts';
import type { MockState } from '../state.ts';

/** The set-up operations a world can be built with: the model's own (SetupOp). */
const SETUP_OPS: ReadonlySet<string> = new Set(Object.keys(setup).filter((k) => k !== 'defaultDomainFor'));

const json = (status: number, body: unknown) => new Response(body === null ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export function setupHandlers(state: MockState) {
  return [
    http.post('*/dapsim/v1/world', async ({ request }) => {
      let ops: unknown;
      try {
        ops = ((await request.json()) as { ops?: unknown }).ops;
      } catch {
        return json(400, { error: { code: 'MALFORMED', message: 'The body is not JSON; send { "ops": [ … ] }.', path: '', index: -1 } });
      }
      if (!Array.isArray(ops)) return json(400, { error: { code: 'MALFORMED', message: 'Send { "ops": [ … ] }: a list of set-up operations.', path: '/ops', index: -1 } });
      // Apply to a fresh world and swap it in only when every operation succeeded: nothing half-applied.
      const world = new World({ now: state.isoNow() });
      for (let index = 0; index < ops.length; index++) {
        const op = ops[index] as { op?: unknown; spec?: unknown } | null;
        const name = op?.op;
        if (typeof name !== 'string' || !SETUP_OPS.has(name)) return json(400, { error: { code: 'MALFORMED', message: `Unknown set-up operation "${String(name)}"; use one of ${[...SETUP_OPS].join(', ')}.`, path: `/ops/${index}/op`, index } });
        const fn = (setup as unknown as Record<string, unknown>)[name];
        const result = (fn as (w: World, spec: unknown) => string | { code: string; path: string; message: string })(world, op!.spec ?? {});
        if (typeof result !== 'string') return json(400, { error: { code: result.code, message: result.message, path: `/ops/${index}/spec${result.path}`, index } });
      }
      state.world = world;
      return json(201, { applied: ops.length });
    }),
    http.delete('*/dapsim/v1/world', () => {
      state.world = new World({ now: state.isoNow() });
      return json(204, null);
    }),
  ];
}
