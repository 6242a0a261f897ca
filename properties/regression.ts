/**
 * A shrunk difference as a scenario file: the generated world as `given`, every step of the
 * shrunk sequence with what the model decided, and at the end the step (or the listing looked at
 * after it) where the target differed, expecting the model's answer. `dapsim run <file>` replays
 * it: it passes against the reference and fails where the target went wrong.
 */
import { stringify } from 'yaml';
import { isRuleId, type Decision, type RuleId } from '../model/index.ts';
import { QUERY_ITEM_KEY, type ActionStep, type QueryStep, type Scenario, type Step } from '../scenarios/format.ts';
import type { CheckFailure } from './check.ts';
import { GIVEN_SEED } from './sequence.ts';
import type { GeneratedStep } from './steps.ts';

export interface RegressionMeta {
  /** The target's name, for the description. */
  readonly target: string;
  /** How to run the check again, printed in the description. */
  readonly replay: string;
}

function actionStep(step: GeneratedStep, d: Decision<unknown>, title?: string, withRules = false): ActionStep {
  const save = d.outcome === 'allowed'
    ? Object.fromEntries(step.creates.filter((c) => c.key !== undefined && d.effects.some((e) => typeof (e as Record<string, unknown>)[c.key!] === 'string')).map((c) => [c.name, c.key!]))
    : {};
  return {
    ...(title === undefined ? {} : { title }),
    as: step.as,
    do: step.do!,
    ...(Object.keys(step.with).length > 0 ? { with: step.with } : {}),
    ...(step.profile === undefined ? {} : { profile: step.profile }),
    expect: d.outcome,
    ...(d.outcome === 'allowed' ? {} : { code: d.code }),
    ...(withRules && d.rules.length > 0 ? { rules: [...d.rules] } : {}),
    ...(Object.keys(save).length > 0 ? { save } : {}),
  };
}

/** A query step expecting the model's answer; with `withListing`, what the listing shows too. */
function queryStep(step: GeneratedStep, d: Decision<unknown>, title?: string, withListing = false): QueryStep {
  const base = {
    ...(title === undefined ? {} : { title }),
    as: step.as,
    query: step.query!,
    ...(Object.keys(step.with).length > 0 ? { with: step.with } : {}),
    expect: d.outcome,
    ...(d.outcome === 'allowed' ? {} : { code: d.code }),
    ...(withListing && d.rules.length > 0 ? { rules: [...d.rules] } : {}),
  };
  if (!withListing || d.outcome !== 'allowed') return base;
  const key = QUERY_ITEM_KEY[step.query!];
  if (Array.isArray(d.result)) return { ...base, equals: d.result.map((item) => String(key === undefined ? item : (item as Record<string, unknown>)[key])) };
  return { ...base, result: d.result as Record<string, unknown> };
}

export function regressionScenario(failure: CheckFailure, meta: RegressionMeta): Scenario {
  const { difference: diff, trace } = failure;
  const steps: Step[] = [];
  const said = `expected ${diff.expected}, the target answered ${diff.received}`;
  trace.forEach((t, i) => {
    const last = i === diff.index;
    if (last && diff.kind === 'decision') {
      const title = `the target differed here: ${said}`;
      steps.push(t.step.do !== undefined ? actionStep(t.step, diff.modelAnswer, title, true) : queryStep(t.step, diff.modelAnswer, title, true));
      return;
    }
    steps.push(t.step.do !== undefined ? actionStep(t.step, t.decision) : queryStep(t.step, t.decision));
    if (last && diff.observed !== undefined) steps.push(queryStep(diff.observed, diff.modelAnswer, `the target's listing differed after the step before: ${said}`, true));
  });
  const rules = new Set<RuleId>(diff.rules);
  if (rules.size === 0) for (const t of trace) for (const r of t.decision.rules) rules.add(r);
  if (rules.size === 0) throw new Error('no step of the shrunk sequence named a rule, so it cannot be written as a scenario (a scenario covers at least one rule)');
  const where = diff.observed === undefined ? `step ${diff.index + 1}` : `the ${diff.observed.query} listing after step ${diff.index + 1}`;
  return {
    name: `Regression: ${meta.target} differed from the model at ${where} (check seed ${failure.seed})`,
    description: `Found by \`dapsim check\` and shrunk to ${trace.length} step(s). At ${where} the model ${said}. Replay the check with: ${meta.replay}`,
    rules: [...rules].filter(isRuleId),
    seed: GIVEN_SEED,
    given: failure.given,
    steps,
  };
}

/** The scenario as YAML, pointing at the schema for editors. */
export function regressionYaml(scenario: Scenario, schemaPath: string): string {
  return stringify({ $schema: schemaPath, ...scenario }, { lineWidth: 0 });
}
