/**
 * dapsim for your own vitest suite (`import … from 'dapsim/testing'`).
 *
 * Build a world — from a scenario file with {@link worldFromScenario}, or in code with
 * {@link World} and {@link setup} — serve it with {@link dapsimHandlers} under msw's
 * `setupServer`, get tokens with {@link tokenFor}, point your client at the real Microsoft hosts,
 * and assert what it concludes. Change the world between calls with {@link perform}; override one
 * route for one test with msw's `server.use(…)`.
 *
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { dapsimHandlers, tokenFor, worldFromScenario } from 'dapsim/testing';
 *
 * const { world, ids } = worldFromScenario('test/world.yaml');
 * const server = setupServer(...dapsimHandlers(world));
 * beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
 * afterEach(() => server.resetHandlers());
 * afterAll(() => server.close());
 *
 * it('…', async () => {
 *   const token = await tokenFor(ids('alex'), ids('northwind'), 'graph');
 *   expect(await myClient(token)).toBe(true);
 * });
 * ```
 *
 * See examples/partner-admin-check for a complete suite.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RequestHandler } from 'msw';
import { World, setup } from '../model/index.ts';
import { MockState, mockHandlers, type MockOptions } from '../mocks/index.ts';
import { AUDIENCES, type Service } from '../mocks/tokens.ts';
import { materialiseGiven, seedOf } from '../scenarios/given.ts';
import { loadScenario } from '../scenarios/load.ts';
import { didYouMean, formatProblem } from '../scenarios/problems.ts';
import type { SetupOp } from '../targets/target.ts';

export { World, setup, perform, query, snapshot, RULE_IDS, ROLE_TEMPLATE } from '../model/index.ts';
export type { Decision, RuleId } from '../model/index.ts';
export { createMockServer, type MockOptions, type MockServer, type Service } from '../mocks/index.ts';

/** A world built from a scenario file, and the ids its names were given. */
export interface ScenarioWorld {
  /** The scenario's `given`, set up: a fresh world of the reference model, yours to change. */
  readonly world: World;
  /**
   * The id of a name of the scenario: a tenant, a user, a group (`<partner>/AdminAgents`), a
   * subscription, an assignment, a device, a profile or an offer. Throws for a name the
   * scenario's `given` does not define.
   */
  readonly ids: (name: string) => string;
}

/**
 * Reads a scenario file (YAML or JSON, the format of scenarios/README.md) and sets up its `given`
 * in a fresh {@link World}. Its `steps` are not run (`dapsim run <file>` runs them); they are
 * checked, so the file stays a valid scenario.
 *
 * Ids, display names and domains the file leaves out come from the scenario's seed, so the same
 * file gives the same world every time; `options.seed` overrides the file's seed.
 *
 * @throws Error when the file cannot be read, or has problems: its message lists each as
 *   `file:line:col /pointer: message`, as `dapsim validate` does.
 */
export function worldFromScenario(path: string | URL, options: { readonly seed?: number } = {}): ScenarioWorld {
  const file = typeof path === 'string' ? path : fileURLToPath(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`dapsim: cannot read the scenario file ${file}: ${(e as Error).message}`, { cause: e });
  }
  const loaded = loadScenario(file, text);
  if (loaded.scenario === undefined) {
    const n = loaded.problems.length;
    throw new Error(`dapsim: ${file} is not a valid scenario (${n} problem${n === 1 ? '' : 's'}):\n${loaded.problems.map(formatProblem).join('\n')}`);
  }
  const { ops, bindings } = materialiseGiven(loaded.scenario, seedOf(loaded.scenario, options.seed));
  const world = new World();
  applyOps(world, ops, file);
  const ids = (name: string): string => {
    const id = bindings.id(name);
    if (id !== undefined) return id;
    const known = [...bindings.ids.keys()];
    const hint = didYouMean(name, known) ?? `Names here: ${known.join(', ')}.`;
    throw new Error(`dapsim: ${file} names nothing "${name}". ${hint}`);
  };
  return { world, ids };
}

/** Applies set-up operations as the model target does; a failure is a bug in the file or in dapsim. */
function applyOps(world: World, ops: readonly SetupOp[], file: string): void {
  for (let index = 0; index < ops.length; index++) {
    const { op, spec } = ops[index]!;
    const result = (setup[op] as (w: World, s: unknown) => string | { code: string; path: string; message: string })(world, spec);
    if (typeof result !== 'string') throw new Error(`dapsim: setting up ${file} failed at operation ${index} (${op}): ${result.code} at ${result.path}: ${result.message}`);
  }
}

/** {@link MockOptions} without the world, which {@link dapsimHandlers} takes as its first argument. */
export type HandlerOptions = Omit<MockOptions, 'world'>;

/** Worlds served by {@link dapsimHandlers}, newest last: where {@link tokenFor} finds a user by id. */
const served: WeakRef<World>[] = [];

/**
 * The msw handlers that serve `world` on the real hosts: the token service
 * (login.microsoftonline.com), Microsoft Graph, Partner Center, Azure Resource Manager and the
 * simulated admin-center paths (mocks/ROUTES.md lists every route). Every request is decided by
 * the reference model against `world` as it is at that moment, so changes made with
 * {@link perform} or {@link setup} show at once.
 *
 * Each call signs tokens with a key of its own: a token from one set of handlers is refused (401)
 * by another. Pass `now` (seconds since the epoch) to control token expiry.
 *
 * @example
 * const server = setupServer(...dapsimHandlers(world, { now: () => 1_800_000_000 }));
 */
export function dapsimHandlers(world: World, options: HandlerOptions = {}): RequestHandler[] {
  for (let i = served.length - 1; i >= 0; i--) if (served[i]!.deref() === undefined) served.splice(i, 1);
  served.push(new WeakRef(world));
  return mockHandlers(new MockState({ ...options, world }));
}

/** What the token service answers when it refuses. */
interface TokenErrorBody {
  readonly error?: string;
  readonly error_description?: string;
  readonly error_codes?: readonly number[];
}

/**
 * An access token for `user` signed in to `tenant`, for one service, from the mocked token
 * service (`POST https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token`, password grant).
 * It works once {@link dapsimHandlers} are installed (`setupServer(…)`, `server.listen()`).
 *
 * - `user`: a UPN, or a user id of a world served by {@link dapsimHandlers} (e.g. `ids('alex')`).
 * - `tenant`: the tenant signed in to — its id or a verified domain. For Graph, the tenant the
 *   calls act in (a partner agent signs in to the customer under DAP); for Partner Center, the
 *   partner's own; for ARM, the subscription's customer. The admin-center paths take a Graph
 *   token for the user's own tenant.
 *
 * The model's sign-in decides (GRANT-SIGNIN): a partner agent without DAP gets no Graph token.
 *
 * @returns the bare access token; send it as `authorization: Bearer <token>`.
 * @throws Error carrying the token service's AADSTS code and description when it refuses.
 */
export async function tokenFor(user: string, tenant: string, service: Service): Promise<string> {
  const username = user.includes('@') ? user : upnOf(user);
  const res = await fetch(`https://login.microsoftonline.com/${encodeURIComponent(tenant)}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'dapsim-testing', username, password: 'dapsim', scope: `${AUDIENCES[service].replace(/\/$/, '')}/.default` }),
  });
  const body = (await res.json().catch(() => ({}))) as { access_token?: string } & TokenErrorBody;
  if (res.ok && typeof body.access_token === 'string') return body.access_token;
  const description = body.error_description?.split(/\r?\n/)[0] ?? `HTTP ${res.status}`;
  throw new Error(`dapsim: no ${service} token for ${username} in ${tenant}: ${body.error ?? res.status} ${description}`);
}

function upnOf(userId: string): string {
  for (let i = served.length - 1; i >= 0; i--) {
    const u = served[i]!.deref()?.users.get(userId);
    if (u !== undefined) return u.userPrincipalName;
  }
  throw new Error(`dapsim: no user with id "${userId}" in a world served by dapsimHandlers; pass the user's UPN instead.`);
}
