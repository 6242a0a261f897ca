/**
 * Benchmarks of the mocked endpoints (issue 4), each beside a floor measured in the same run:
 * a bare node:http server answering the same JSON. The request is a real one — Graph's Global
 * Administrator members for a customer, with a valid token — so the figure includes token checks
 * and the model's decision.
 *
 * Run as a child of `npm run bench` (or alone: tsx bench/mocks.ts [requests] [memoryRequests]).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setupServer } from 'msw/node';
import { Agent, request as undiciRequest } from 'undici';
import { ROLE_TEMPLATE, World, setup } from '../model/index.ts';
import { MockState, mockHandlers } from '../mocks/index.ts';
import { serveHandlers } from '../mocks/serve.ts';

const requests = Number(process.argv[2] ?? 20_000);
const memoryRequests = Number(process.argv[3] ?? 1_000_000);
const PATH = `/v1.0/directoryRoles/roleTemplateId=${ROLE_TEMPLATE.GlobalAdministrator}/members`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const yieldNow = () => new Promise<void>((r) => setImmediate(r));

async function main(): Promise<void> {
  // A partner with DAP over a customer whose Global admin reads the role's members (built with set-up:
  // the benchmark imports nothing of the test suite).
  const state = new MockState();
  const w = new World();
  setup.addPartner(w, { id: 'partner-a', name: 'Contoso Partners', defaultDomain: 'contosopartners.onmicrosoft.com' });
  setup.addCustomer(w, { id: 'customer-1', name: 'Northwind', defaultDomain: 'northwind.onmicrosoft.com' });
  setup.addUser(w, { id: 'c1-ga', tenantId: 'customer-1', userPrincipalName: 'grace@northwind.onmicrosoft.com' });
  setup.assignDirectoryRole(w, { tenantId: 'customer-1', role: ROLE_TEMPLATE.GlobalAdministrator, principalId: 'c1-ga' });
  for (let i = 0; i < 20; i++) {
    setup.addUser(w, { id: `c1-u${i}`, tenantId: 'customer-1', userPrincipalName: `user${i}@northwind.onmicrosoft.com` });
    if (i < 4) setup.assignDirectoryRole(w, { tenantId: 'customer-1', role: ROLE_TEMPLATE.GlobalAdministrator, principalId: `c1-u${i}` });
  }
  setup.relate(w, { partnerId: 'partner-a', customerId: 'customer-1', reseller: true, dap: true });
  state.world = w;
  const handlers = mockHandlers(state);

  // A token for the customer's Global admin, from the mock token service itself.
  const msw = setupServer(...handlers);
  msw.listen({ onUnhandledRequest: 'error' });
  const tokenRes = await fetch(`https://login.microsoftonline.com/customer-1/oauth2/v2.0/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', username: state.world.users.get('c1-ga')!.userPrincipalName, password: 'x', scope: 'https://graph.microsoft.com/.default' }),
  });
  const token = ((await tokenRes.json()) as { access_token: string }).access_token;
  const auth = { authorization: `Bearer ${token}` };
  const sample = await fetch(`https://graph.microsoft.com${PATH}`, { headers: auth });
  if (sample.status !== 200) throw new Error(`the benchmark request failed: ${sample.status}`);
  const body = await sample.text();
  const sampleHeaders: Record<string, string> = {};
  sample.headers.forEach((v, k) => { sampleHeaders[k] = v; });

  // The floor: a bare node:http server answering the same bytes.
  const bare = http.createServer((req, res) => {
    req.resume();
    res.writeHead(200, { ...sampleHeaders, 'content-length': String(Buffer.byteLength(body)) });
    res.end(body);
  });
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;

  // 1. Sequential fetches: msw in process vs the bare server.
  async function sequential(url: string, n: number): Promise<number> {
    const t = performance.now();
    for (let i = 0; i < n; i++) {
      const r = await fetch(url, { headers: auth });
      if (r.status !== 200 || (await r.text()).length !== body.length) throw new Error(`bad answer from ${url}`);
      if (i % 100 === 99) await yieldNow(); // P1: msw loops must leave the microtask queue
    }
    return n / ((performance.now() - t) / 1000);
  }
  const mswRates: number[] = [];
  const bareRates: number[] = [];
  await sequential(`https://graph.microsoft.com${PATH}`, 1000);
  await sequential(`${bareUrl}${PATH}`, 1000);
  for (let rep = 0; rep < 3; rep++) {
    mswRates.push(await sequential(`https://graph.microsoft.com${PATH}`, requests));
    bareRates.push(await sequential(`${bareUrl}${PATH}`, requests));
  }
  msw.close();

  // 2. 64 concurrent requests with a fast client: the standalone server vs the bare one.
  const served = await serveHandlers(handlers);
  const agent = new Agent({ connections: 128, pipelining: 1 });
  async function concurrent(base: string, n: number, inFlight: number): Promise<number> {
    let next = 0;
    const t = performance.now();
    await Promise.all(Array.from({ length: inFlight }, async () => {
      while (next < n) {
        next++;
        const r = await undiciRequest(`${base}${PATH}`, { headers: auth, dispatcher: agent });
        const text = await r.body.text();
        if (r.statusCode !== 200 || text.length !== body.length) throw new Error(`bad answer from ${base}: ${r.statusCode}`);
      }
    }));
    return n / ((performance.now() - t) / 1000);
  }
  const servedRates: number[] = [];
  const bareConcurrent: number[] = [];
  await concurrent(`${served.url}/graph`, 2000, 64);
  await concurrent(bareUrl, 2000, 64);
  for (let rep = 0; rep < 3; rep++) {
    servedRates.push(await concurrent(`${served.url}/graph`, requests, 64));
    bareConcurrent.push(await concurrent(bareUrl, requests, 64));
  }
  await served.close();
  await agent.close();

  // 3. Memory over many in-process requests, yielding every 100.
  const mem = setupServer(...handlers);
  mem.listen({ onUnhandledRequest: 'error' });
  let peakRss = 0;
  const rssAt: number[] = [];
  const t = performance.now();
  for (let i = 0; i < memoryRequests; i++) {
    const r = await fetch(`https://graph.microsoft.com${PATH}`, { headers: auth });
    await r.arrayBuffer();
    if (i % 100 === 99) {
      await yieldNow();
      const rss = process.memoryUsage().rss;
      if (rss > peakRss) peakRss = rss;
    }
    if (i % Math.max(1, Math.floor(memoryRequests / 10)) === 0) rssAt.push(process.memoryUsage().rss);
  }
  const memorySeconds = (performance.now() - t) / 1000;
  mem.close();
  bare.close();

  process.stdout.write(`${JSON.stringify({
    requests,
    mswPerSecond: median(mswRates), barePerSecond: median(bareRates),
    servedConcurrentPerSecond: median(servedRates), bareConcurrentPerSecond: median(bareConcurrent),
    memoryRequests, memorySeconds, peakRssBytes: peakRss, rssSamples: rssAt,
  })}\n`);
}

await main();
