import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_IDS, ROLE_TEMPLATE, type Decision, type PerformOptions } from '../model/index.ts';
import { loadScenario } from '../scenarios/load.ts';
import { runScenario } from '../scenarios/run.ts';
import { ModelTarget } from '../targets/model.ts';
import type { SetupFailure, SetupOp, Target } from '../targets/target.ts';
import { runCheck } from './check.ts';
import { regressionScenario, regressionYaml } from './regression.ts';

/**
 * The reference with one rule broken: its Global Administrator listing shows the AdminAgents group
 * of every partner holding DAP for the customer (LIST-IMPLICIT-HIDDEN says it never does). It
 * follows DAP from the set-up and from the decisions' effects, the way an emulator might.
 */
class ListsPartnerAmongMembers implements Target {
  readonly name = 'lists-partner-among-members';
  private readonly inner = new ModelTarget();
  private adminAgents = new Map<string, string>();
  private dap = new Set<string>();

  async setup(ops: readonly SetupOp[]): Promise<SetupFailure | undefined> {
    for (const { op, spec } of ops) {
      if (op === 'addPartner' && spec.agentGroupIds?.AdminAgents) this.adminAgents.set(spec.id, spec.agentGroupIds.AdminAgents);
      if (op === 'relate' && spec.dap !== false) this.dap.add(`${spec.partnerId}|${spec.customerId}`);
    }
    return this.inner.setup(ops);
  }

  async perform(actor: string, action: { readonly type: string } & Record<string, unknown>, options: PerformOptions): Promise<Decision> {
    const d = await this.inner.perform(actor, action, options);
    if (d.outcome === 'allowed') {
      for (const e of d.effects) {
        if (e.type === 'relationship.dapGranted') this.dap.add(`${e.partnerId}|${e.customerId}`);
        if (e.type === 'relationship.dapRemoved') this.dap.delete(`${e.partnerId}|${e.customerId}`);
      }
    }
    return d;
  }

  async query(actor: string, q: { readonly type: string } & Record<string, unknown>): Promise<Decision<unknown>> {
    const d = await this.inner.query(actor, q);
    if (d.outcome !== 'allowed' || q.type !== 'directoryRoleMembers' || q['roleId'] !== ROLE_TEMPLATE.GlobalAdministrator) return d;
    const implicit = [...this.dap].filter((k) => k.endsWith(`|${String(q['tenantId'])}`)).map((k) => ({ id: this.adminAgents.get(k.split('|')[0]!)!, type: 'group', displayName: 'AdminAgents' }));
    return { ...d, result: [...(d.result as unknown[]), ...implicit] };
  }

  async reset(): Promise<void> {
    this.adminAgents = new Map();
    this.dap = new Set();
    await this.inner.reset();
  }
}

describe('dapsim check: the model against a target, step by step', () => {
  it('the reference agrees with itself for seed 1, every rule ID decides steps, and the counts are the same every time', async () => {
    const first = await runCheck({ target: new ModelTarget(), seed: 1 });
    const again = await runCheck({ target: new ModelTarget(), seed: 1 });
    expect(first.failure).toBeUndefined();
    expect(first.tally.sequences).toBe(100);
    expect(RULE_IDS.filter((id) => !first.tally.rules.has(id))).toEqual([]);
    expect(first.tally.invalid * 2).toBeLessThan(first.tally.steps);
    expect([...again.tally.rules]).toEqual([...first.tally.rules]);
    expect(again.tally.steps).toBe(first.tally.steps);
  });

  it('LIST-IMPLICIT-HIDDEN: a target that lists the partner among Global Administrators is caught, shrunk, and exported as a scenario that fails on replay', async () => {
    const broken = new ListsPartnerAmongMembers();
    const result = await runCheck({ target: broken, seed: 7 });
    const failure = result.failure!;
    expect(failure).toBeDefined();
    // Shrunk: a step or two is enough to grant DAP (or start with it) and look.
    expect(failure.trace.length).toBeLessThanOrEqual(3);
    const d = failure.difference;
    expect(d.rules).toContain('LIST-IMPLICIT-HIDDEN');
    expect(d.received).toContain('AdminAgents');
    expect(d.expected).not.toContain('AdminAgents');

    // The exported scenario is a valid scenario file...
    const dir = mkdtempSync(join(tmpdir(), 'dapsim-regression-'));
    const file = join(dir, 'regression.yaml');
    writeFileSync(file, regressionYaml(regressionScenario(failure, { target: broken.name, replay: `dapsim check --seed 7 --path ${failure.path}` }), '../scenario.schema.json'));
    const loaded = loadScenario(file, readFileSync(file, 'utf8'));
    expect(loaded.problems).toEqual([]);
    expect(loaded.scenario!.rules).toContain('LIST-IMPLICIT-HIDDEN');
    // ...that passes against the reference and fails against the broken target, at the listing.
    const onModel = await runScenario(file, loaded.scenario!, new ModelTarget());
    expect(onModel.verdict).toBe('pass');
    const onBroken = await runScenario(file, loaded.scenario!, new ListsPartnerAmongMembers());
    expect(onBroken.verdict).toBe('fail');
    const failed = onBroken.steps.find((s) => s.verdict === 'fail')!;
    expect(failed.title).toContain('differed');
    expect(failed.received).toContain('AdminAgents');
  });

  it('the seed and path fast-check reports replay the shrunk counterexample directly', async () => {
    const first = await runCheck({ target: new ListsPartnerAmongMembers(), seed: 7 });
    const replayed = await runCheck({ target: new ListsPartnerAmongMembers(), seed: 7, path: first.failure!.path });
    expect(replayed.failure!.trace.map((t) => t.step)).toEqual(first.failure!.trace.map((t) => t.step));
    expect(replayed.failure!.difference.expected).toBe(first.failure!.difference.expected);
  });
});
