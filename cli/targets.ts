/** The `--target` option: which implementation a command runs against. */
import pc from 'picocolors';
import { HttpTarget, servedUrls } from '../targets/http.ts';
import { ModelTarget } from '../targets/model.ts';
import type { Compare, Target } from '../targets/target.ts';

export const TARGET_HELP = 'model (the reference, in process), mocks (over HTTP, against the mocked endpoints in process) or a base URL';

/** model: the reference in process; mocks: the HTTP target against the mocked endpoints in process; a URL: any server with dapsim's route layout. */
export async function targetFor(spec: string | undefined, options: { readonly timeoutMs?: number | undefined } = {}): Promise<{ target: Target; close: () => void } | string> {
  if (spec === undefined || spec === 'model') return { target: new ModelTarget(), close: () => undefined };
  if (spec === 'mocks') {
    const { createMockServer } = await import('../mocks/index.ts');
    const { server } = createMockServer();
    server.listen({ onUnhandledRequest: 'error' });
    return { target: new HttpTarget({ name: 'mocks (in process)', ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }) }), close: () => server.close() };
  }
  if (/^https?:\/\/[^\s/]+/.test(spec)) return { target: new HttpTarget({ urls: servedUrls(spec), name: spec, ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }) }), close: () => undefined };
  return `--target must be model, mocks, or a base URL such as http://127.0.0.1:7800 (got "${spec}").`;
}


/**
 * Said after a run held a target to its decisions when some of its answers did not say how they
 * were decided: those steps fail on their rule IDs, and the way out is the user's to choose.
 */
function headerlessNote(target: Target, compare: Compare | undefined): string | undefined {
  const n = target.headerlessAnswers ?? 0;
  if (n === 0 || (compare ?? 'decisions') !== 'decisions') return undefined;
  return `dapsim: ${n} answer${n === 1 ? '' : 's'} from the target carried no x-dapsim-decision header, so ${n === 1 ? 'its' : 'their'} refusal codes and rule IDs could not be compared. `
    + 'Send x-dapsim-decision, x-dapsim-code and x-dapsim-rules (docs/testing-an-implementation.md), or hold the target to outcomes only with --compare outcomes.';
}

/** Ends a command's use of its target: the note above when it applies, then close. */
export function finishWith(chosen: { readonly target: Target; readonly close: () => void }, compare: Compare | undefined): void {
  const note = headerlessNote(chosen.target, compare);
  if (note !== undefined) console.error(pc.yellow(note));
  chosen.close();
}
