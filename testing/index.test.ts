import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_TEMPLATE, dapsimHandlers, setup, snapshot, tokenFor, worldFromScenario } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'dapsim-testing-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const VALID = `name: A small world
description: one partner with an Admin agent, one customer that granted it DAP
rules: [GRANT-SIGNIN]
given:
  partners:
    - name: contoso
      users: [{ name: alex, groups: [AdminAgents] }, { name: priya }]
  customers:
    - name: northwind
      domain: northwind.example
      users: [{ name: grace, roles: [Global Administrator] }, { name: sam }]
      partners: [{ partner: contoso }]
    - name: tailspin
      users: [{ name: tom, roles: [Global Administrator] }]
steps:
  - { as: alex, do: signIn, with: { tenant: northwind }, expect: allowed }
`;

describe('worldFromScenario', () => {
  it("sets up the scenario's given and names its objects", () => {
    const { world, ids } = worldFromScenario(file('valid.yaml', VALID));
    expect(world.tenant(ids('northwind'))).toMatchObject({ kind: 'customer', defaultDomain: 'northwind.example' });
    expect(world.users.get(ids('grace'))?.userPrincipalName).toBe('grace@northwind.example');
    expect(world.relationship(ids('contoso'), ids('northwind'))).toMatchObject({ dap: true, reseller: true });
    expect(ids('contoso/AdminAgents')).toBe(world.partner(ids('contoso'))!.agentGroups.AdminAgents);
  });

  it('gives the same world for the same seed, and another for another seed', () => {
    const path = file('seeded.yaml', VALID);
    const a = worldFromScenario(path);
    const b = worldFromScenario(path);
    expect(snapshot(a.world)).toEqual(snapshot(b.world));
    expect(b.ids('alex')).toBe(a.ids('alex'));
    expect(worldFromScenario(path, { seed: 99 }).ids('alex')).not.toBe(a.ids('alex'));
  });

  it('ids() throws on a name the scenario does not define, with a near miss', () => {
    const { ids } = worldFromScenario(file('names.yaml', VALID));
    expect(() => ids('grase')).toThrow(/names nothing "grase"\. Did you mean "grace"\?/);
    expect(() => ids('nobody-at-all-here')).toThrow(/names nothing "nobody-at-all-here"\. Names here: contoso, .*alex/);
  });

  it('throws every problem of a broken file, each as file:line:col /pointer: message', () => {
    const path = file('broken.yaml', VALID.replace('{ as: alex,', '{ as: alx,').replace('rules: [GRANT-SIGNIN]', 'rules: [GRANT-SIGNON]').replace('domain: northwind.example', 'domian: northwind.example'));
    let message = '';
    try {
      worldFromScenario(path);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(`${path} is not a valid scenario (3 problems):`);
    const lines = message.split('\n').slice(1);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/broken\.yaml:3:9 \/rules\/0: "GRANT-SIGNON" is not a rule ID of the catalogue\. Did you mean "GRANT-SIGNIN"\?/);
    expect(lines[1]).toMatch(/broken\.yaml:10:7 \/given\/customers\/0\/domian: unknown key "domian"\. Did you mean "domain"\?/);
    expect(lines[2]).toMatch(/broken\.yaml:16:\d+ \/steps\/0\/as: no user is named "alx"\. Did you mean "alex"\?/);
  });

  it('throws for malformed YAML and for a file that is not there', () => {
    expect(() => worldFromScenario(file('bad.yaml', 'name: [unclosed\n'))).toThrow(/bad\.yaml:\d+:\d+ \/: the file is not valid YAML/);
    expect(() => worldFromScenario(join(dir, 'missing.yaml'))).toThrow(/cannot read the scenario file .*missing\.yaml/);
  });

  it('takes a file URL', () => {
    const path = file('url.yaml', VALID);
    expect(worldFromScenario(new URL(`file://${path}`)).ids('tom')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('dapsimHandlers and tokenFor', () => {
  const { world, ids } = worldFromScenario(file('served.yaml', VALID));
  const clock = 1_800_000_000;
  const server = setupServer(...dapsimHandlers(world, { now: () => clock }));
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  const graph = (token: string, path: string) => fetch(`https://graph.microsoft.com/v1.0${path}`, { headers: { authorization: `Bearer ${token}` } });

  it("serves the world: Graph lists the customer's users to its Global admin", async () => {
    const token = await tokenFor(ids('grace'), ids('northwind'), 'graph');
    const res = await graph(token, '/users');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { value: { id: string }[] };
    expect(body.value.map((u) => u.id).sort()).toEqual([ids('grace'), ids('sam')].sort());
  });

  it('tokens carry the served clock, by user id or UPN, and by tenant id or domain', async () => {
    const byUpn = await tokenFor('grace@northwind.example', 'northwind.example', 'graph');
    const claims = JSON.parse(Buffer.from(byUpn.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(claims).toMatchObject({ aud: 'https://graph.microsoft.com', tid: ids('northwind'), oid: ids('grace'), iat: clock, wids: [ROLE_TEMPLATE.GlobalAdministrator] });
    const arm = await tokenFor(ids('grace'), ids('northwind'), 'arm');
    expect(JSON.parse(Buffer.from(arm.split('.')[1]!, 'base64url').toString('utf8'))).toMatchObject({ aud: 'https://management.azure.com/' });
  });

  it('the model decides sign-ins: a partner user outside the agent groups, and a partner without DAP, get none', async () => {
    await expect(tokenFor(ids('priya'), ids('northwind'), 'graph')).rejects.toThrow(/no graph token for priya@.* invalid_grant AADSTS50020/);
    await expect(tokenFor(ids('alex'), ids('tailspin'), 'graph')).rejects.toThrow(/AADSTS50020/);
    expect(await tokenFor(ids('alex'), ids('contoso'), 'partnerCenter')).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('changes to the world show at once; a token of other handlers is refused', async () => {
    expect(setup.addUser(world, { id: 'new-user', tenantId: ids('northwind'), userPrincipalName: 'new@northwind.example' })).toBe('new-user');
    const token = await tokenFor('new-user', ids('northwind'), 'graph');
    expect((await graph(token, '/domains')).status).toBe(200);
    // Handlers made by another call sign with another key: its token is refused there.
    server.use(...dapsimHandlers(world, { now: () => clock }));
    expect((await graph(token, '/users')).status).toBe(401);
    server.resetHandlers();
    expect((await graph(token, '/users')).status).toBe(200);
  });

  it('tokenFor names what it cannot find', async () => {
    await expect(tokenFor('no-such-id', ids('northwind'), 'graph')).rejects.toThrow(/no user with id "no-such-id" in a world served by dapsimHandlers/);
    await expect(tokenFor('ghost@nowhere.example', ids('northwind'), 'graph')).rejects.toThrow(/AADSTS50034/);
  });
});
