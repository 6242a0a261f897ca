/** The `--target` option: which implementation a command runs against. */
import { HttpTarget, servedUrls } from '../targets/http.ts';
import { ModelTarget } from '../targets/model.ts';
import type { Target } from '../targets/target.ts';

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

