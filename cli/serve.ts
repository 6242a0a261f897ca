/**
 * `dapsim serve`: the mocked endpoints on loopback ports, https (a throwaway certificate) and http,
 * both serving one world — empty, or a scenario's `given` — until stopped.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pc from 'picocolors';
import { setup, type World } from '../model/index.ts';
import { MockState, mockHandlers } from '../mocks/index.ts';
import { serveHandlers, throwawayCertificate, type Served } from '../mocks/serve.ts';
import { materialiseGiven, seedOf } from '../scenarios/given.ts';
import { loadScenario } from '../scenarios/load.ts';
import { formatProblem } from '../scenarios/problems.ts';
import { servedUrls } from '../targets/http.ts';
import { EXIT } from './scenarios.ts';

export interface ServeOptions {
  readonly port: number;
  readonly httpPort: number;
  readonly world?: string;
  readonly seed?: number;
  readonly certOut?: string;
}

/** Loads a scenario's given into the world; returns its names and ids, or prints its problems. */
function loadWorld(file: string, world: World, seed: number | undefined): Map<string, string> | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    console.error(`${file}: cannot read the file: ${(e as Error).message}`);
    return undefined;
  }
  const loaded = loadScenario(file, text);
  if (loaded.scenario === undefined) {
    for (const p of loaded.problems) console.error(pc.red(formatProblem(p)));
    return undefined;
  }
  const m = materialiseGiven(loaded.scenario, seedOf(loaded.scenario, seed));
  for (const { op, spec } of m.ops) {
    const r = (setup[op] as (w: World, s: unknown) => string | { code: string; path: string; message: string })(world, spec);
    if (typeof r !== 'string') {
      console.error(`${file}: the world could not be set up: ${op} ${r.code} at ${r.path}: ${r.message}`);
      return undefined;
    }
  }
  return m.bindings.ids;
}

export async function serveCommand(opts: ServeOptions): Promise<number> {
  const state = new MockState();
  const names = opts.world === undefined ? undefined : loadWorld(opts.world, state.world, opts.seed);
  if (opts.world !== undefined && names === undefined) return EXIT.badInput;
  const handlers = mockHandlers(state);
  const cert = await throwawayCertificate();
  const certPath = opts.certOut ?? join(tmpdir(), 'dapsim-serve-cert.pem');
  writeFileSync(certPath, cert.cert);
  let servers: Served[];
  try {
    servers = [await serveHandlers(handlers, { port: opts.port, tls: cert }), await serveHandlers(handlers, { port: opts.httpPort })];
  } catch (e) {
    console.error(`dapsim: cannot listen: ${(e as Error).message}. Choose other ports with --port and --http-port (0 picks free ones).`);
    return EXIT.badInput;
  }
  const [secure, plain] = servers as [Served, Served];
  const u = servedUrls(secure.url);
  console.log(pc.bold('dapsim serve — the mocked Microsoft endpoints, backed by the reference model'));
  console.log(`https ${secure.url}   (trust its certificate: NODE_EXTRA_CA_CERTS=${certPath})`);
  console.log(`http  ${plain.url}`);
  console.log(`  token service   ${u.login}/{tenant}/oauth2/v2.0/token`);
  console.log(`  Graph           ${u.graph}`);
  console.log(`  Partner Center  ${u.partnerCenter}`);
  console.log(`  ARM             ${u.arm}`);
  console.log(`  admin center    ${u.dapsim}   (world set-up: POST ${u.dapsim}/world)`);
  console.log('  the same paths under the http base URL; routes: mocks/ROUTES.md');
  if (names !== undefined) {
    console.log(`world: ${opts.world} (${state.world.tenants.size} tenants, ${state.world.users.size} users)`);
    for (const [name, id] of names) {
      const user = state.world.users.get(id);
      if (user !== undefined) console.log(`  ${name.padEnd(24)} ${user.userPrincipalName}`);
      else if (state.world.tenants.has(id)) console.log(`  ${name.padEnd(24)} tenant ${id}`);
    }
  }
  console.log('ready; Ctrl+C stops');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await Promise.all(servers.map((s) => s.close()));
  return EXIT.ok;
}
