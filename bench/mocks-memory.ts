/**
 * Child of `npm run bench`: many in-process requests through msw, yielding to the event loop every
 * 100 (node-packages.md pitfall P1), in a process that loads nothing else, so its RSS is the mocks'.
 * Prints one JSON line: requests, seconds, RSS at start and its peak.
 */
import { performance } from 'node:perf_hooks';
import { setupServer } from 'msw/node';
import { ROLE_TEMPLATE, World, setup } from '../model/index.ts';
import { MockState, mockHandlers } from '../mocks/index.ts';

const total = Number(process.argv[2] ?? 1_000_000);
const state = new MockState();
const w = new World();
setup.addCustomer(w, { id: 'customer-1', name: 'Northwind', defaultDomain: 'northwind.onmicrosoft.com' });
setup.addUser(w, { id: 'c1-ga', tenantId: 'customer-1', userPrincipalName: 'grace@northwind.onmicrosoft.com' });
setup.assignDirectoryRole(w, { tenantId: 'customer-1', role: ROLE_TEMPLATE.GlobalAdministrator, principalId: 'c1-ga' });
state.world = w;
const server = setupServer(...mockHandlers(state));
server.listen({ onUnhandledRequest: 'error' });
const tokenRes = await fetch('https://login.microsoftonline.com/customer-1/oauth2/v2.0/token', {
  method: 'POST',
  body: new URLSearchParams({ grant_type: 'password', username: 'grace@northwind.onmicrosoft.com', password: 'x', scope: 'https://graph.microsoft.com/.default' }),
});
const auth = { authorization: `Bearer ${((await tokenRes.json()) as { access_token: string }).access_token}` };
const url = `https://graph.microsoft.com/v1.0/directoryRoles/roleTemplateId=${ROLE_TEMPLATE.GlobalAdministrator}/members`;
const startRss = process.memoryUsage().rss;
let peakRss = startRss;
const t = performance.now();
for (let i = 0; i < total; i++) {
  const r = await fetch(url, { headers: auth });
  if (r.status !== 200) throw new Error(`request ${i} answered ${r.status}`);
  await r.arrayBuffer();
  if (i % 100 === 99) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const rss = process.memoryUsage().rss;
    if (rss > peakRss) peakRss = rss;
    if (process.env["DAPSIM_TRACE_RSS"] && i % 10_000 === 9_999) process.stderr.write(`${i + 1} ${Math.round(rss / 1048576)} MiB heap ${Math.round(process.memoryUsage().heapUsed / 1048576)} MiB\n`);
  }
}
server.close();
process.stdout.write(`${JSON.stringify({ requests: total, seconds: (performance.now() - t) / 1000, startRssBytes: startRss, peakRssBytes: peakRss })}\n`);
