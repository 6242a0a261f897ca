/**
 * Runs scenarios against a target and says, step by step, pass, fail or error:
 * - pass: the target decided as the scenario expects;
 * - fail: it decided otherwise (expected and received are both recorded, with the rules involved);
 * - error: the step could not run (a name never bound, the target broke the protocol).
 * A scenario stops at its first failure or error unless asked to continue; a run always runs every
 * scenario.
 */
import type { Decision, Profile } from '../model/index.ts';
import { TargetUnreachable } from '../targets/http.ts';
import type { Compare, Target } from '../targets/target.ts';
import { ACTION_PARAMS, QUERY_ITEM_KEY, QUERY_PARAMS, isActionStep, isQueryStep, type ItemMatcher, type ParamSpec, type Scenario, type Step } from './format.ts';
import { materialiseGiven, paramValue, seedOf, type Bindings, type Materialised } from './given.ts';

export type Verdict = 'pass' | 'fail' | 'error';

export interface StepResult {
  readonly index: number;
  readonly title: string;
  readonly verdict: Verdict | 'skipped';
  /** What the scenario expected, in words. */
  readonly expected?: string;
  /** What the target did, in words. */
  readonly received?: string;
  /** The rule IDs the scenario expected and the target named. */
  readonly rules: readonly string[];
  readonly message?: string;
}

export interface ScenarioResult {
  readonly file: string;
  readonly name: string;
  readonly covers: readonly string[];
  readonly profile: Profile;
  readonly seed: number;
  readonly verdict: Verdict;
  readonly steps: readonly StepResult[];
}

export interface RunOptions {
  /** Overrides every scenario's seed. */
  readonly seed?: number;
  /** The profile of scenarios that do not choose one. */
  readonly profile?: Profile;
  /** Run the remaining steps after a failure. */
  readonly continueOnFailure?: boolean;
  /** What the target's decisions are held to (targets/target.ts); `decisions` by default. */
  readonly compare?: Compare;
}

const BASE_TIME = Date.UTC(2026, 0, 1, 9, 0, 0);

/** When step `index` of a scenario happens: a minute apart, so a replay sees the same times. */
export function stepTime(index: number): string {
  return new Date(BASE_TIME + index * 60_000).toISOString();
}

class StepError extends Error {}

export async function runScenario(file: string, scenario: Scenario, target: Target, options: RunOptions = {}): Promise<ScenarioResult> {
  const seed = seedOf(scenario, options.seed);
  const profile: Profile = scenario.profile ?? options.profile ?? 'current';
  const base = { file, name: scenario.name, covers: scenario.rules, profile, seed };
  const world = materialiseGiven(scenario, seed);
  await target.reset();
  const failure = await target.setup(world.ops);
  if (failure !== undefined) {
    const op = world.ops[failure.index]!;
    return { ...base, verdict: 'error', steps: [{ index: -1, title: 'given', verdict: 'error', rules: [], message: `the target refused set-up operation ${failure.index} (${op.op}): ${failure.code} at ${failure.path}: ${failure.message}` }] };
  }
  const results: StepResult[] = [];
  let stopped = false;
  for (let index = 0; index < scenario.steps.length; index++) {
    const step = scenario.steps[index]!;
    const title = step.title ?? describeStep(step);
    if (stopped) {
      results.push({ index, title, verdict: 'skipped', rules: [] });
      continue;
    }
    let result: StepResult;
    try {
      result = await runStep(index, title, step, target, world, profile, options.compare ?? 'decisions');
    } catch (e) {
      // A target that cannot be reached ends the run (exit 3); anything else is this step's error.
      if (e instanceof TargetUnreachable) throw e;
      result = { index, title, verdict: 'error', rules: [], message: e instanceof StepError ? e.message : `the target broke the protocol: ${e instanceof Error ? e.message : String(e)}` };
    }
    results.push(result);
    if (result.verdict !== 'pass' && !options.continueOnFailure) stopped = true;
  }
  const verdict: Verdict = results.some((r) => r.verdict === 'error') ? 'error' : results.some((r) => r.verdict === 'fail') ? 'fail' : 'pass';
  return { ...base, verdict, steps: results };
}

function describeStep(step: Step): string {
  if (isActionStep(step)) return `${step.as} ${step.do}`;
  if (isQueryStep(step)) return `${step.as} queries ${step.query}`;
  return `${step.mailbox}'s mailbox`;
}

async function runStep(index: number, title: string, step: Step, target: Target, world: Materialised, profile: Profile, compare: Compare): Promise<StepResult> {
  const b = world.bindings;
  if (isActionStep(step)) {
    const actor = resolveName(b, step.as);
    const params = resolveParams(ACTION_PARAMS[step.do], step.with ?? {}, world);
    const now = stepTime(index);
    const decision = await target.perform(actor, { type: step.do, ...params }, { now, profile: step.profile ?? profile, newId: () => world.names.id() });
    const verdict = compareDecision(step.expect, step.code, step.rules ?? [], decision, compare);
    if (verdict.ok && decision.outcome === 'allowed') {
      for (const [name, key] of Object.entries(step.save ?? {})) {
        const effect = decision.effects.find((e) => typeof (e as Record<string, unknown>)[key] === 'string') as Record<string, string> | undefined;
        if (effect === undefined) return { index, title, verdict: 'error', rules: decision.rules, message: `save: the decision carries no ${key} for "${name}".` };
        b.bind(name, effect[key]!);
      }
    }
    return stepResult(index, title, verdict, step.rules ?? [], decision);
  }
  if (isQueryStep(step)) {
    const actor = resolveName(b, step.as);
    const params = resolveParams(QUERY_PARAMS[step.query], step.with ?? {}, world);
    const decision = await target.query(actor, { type: step.query, ...params });
    const verdict = compareDecision(step.expect ?? 'allowed', step.code, step.rules ?? [], decision, compare);
    if (!verdict.ok || decision.outcome !== 'allowed') return stepResult(index, title, verdict, step.rules ?? [], decision);
    return stepResult(index, title, compareResult(step, QUERY_ITEM_KEY[step.query], namesIn(decision.result, b)), step.rules ?? [], decision);
  }
  const reader = world.mailboxReaders.get(step.mailbox);
  if (reader === undefined) throw new StepError(`partner "${step.mailbox}" has no user in given to read its mailbox; add one.`);
  const decision = await target.query(reader, { type: 'mailbox' });
  const verdict = compareDecision('allowed', undefined, [], decision, compare);
  if (!verdict.ok || decision.outcome !== 'allowed') return stepResult(index, title, verdict, [], decision);
  return stepResult(index, title, compareResult(step, 'customerId', namesIn(decision.result, b)), ['CONSENT-NOTIFY'], decision);
}

function resolveName(b: Bindings, name: string): string {
  const id = b.id(name);
  if (id === undefined) throw new StepError(`"${name}" was never bound: the step that saves it did not create it.`);
  return id;
}

function resolveParams(specs: Readonly<Record<string, ParamSpec>>, given: Readonly<Record<string, unknown>>, world: Materialised): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(given)) {
    const spec = specs[key]!;
    out[spec.key] = resolveValue(spec, value, world);
  }
  return out;
}

function resolveValue(spec: ParamSpec, value: unknown, world: Materialised): unknown {
  const b = world.bindings;
  return paramValue(spec, value, {
    id: (name) => resolveName(b, name),
    device: ({ name, ...rest }) => {
      const deviceId = world.names.id();
      b.bind(name, deviceId);
      return { ...rest, deviceId, serialNumber: rest.serialNumber ?? world.names.serial() };
    },
  });
}

interface Comparison {
  readonly ok: boolean;
  readonly expected: string;
  readonly received: string;
}

function said(d: Decision<unknown>): string {
  return d.outcome === 'allowed' ? `allowed [${d.rules.join(', ')}]` : `${d.outcome} ${d.code} [${d.rules.join(', ')}]: ${d.message}`;
}

function compareDecision(expect: string, code: string | undefined, rules: readonly string[], d: Decision<unknown>, compare: Compare): Comparison {
  if (compare === 'outcomes') return { ok: d.outcome === expect, expected: `${expect} (outcome only)`, received: said(d) };
  const expected = `${expect}${code ? ` ${code}` : ''}${rules.length > 0 ? ` naming ${rules.join(', ')}` : ''}`;
  const missing = rules.filter((r) => !d.rules.includes(r as never));
  const ok = d.outcome === expect && (code === undefined || (d.outcome !== 'allowed' && d.code === code)) && missing.length === 0;
  return { ok, expected, received: missing.length > 0 && d.outcome === expect ? `${said(d)} (missing ${missing.join(', ')})` : said(d) };
}

/** The result with every known id replaced by its scenario name. */
function namesIn(value: unknown, b: Bindings): unknown {
  if (typeof value === 'string') return b.names.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => namesIn(v, b));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, namesIn(v, b)]));
  return value;
}

function matches(item: unknown, key: string | undefined, m: ItemMatcher): boolean {
  if (typeof m === 'string') return key !== undefined && (item as Record<string, unknown>)[key] === m;
  return Object.entries(m).every(([k, v]) => JSON.stringify((item as Record<string, unknown>)[k]) === JSON.stringify(v));
}

function show(m: ItemMatcher): string {
  return typeof m === 'string' ? m : JSON.stringify(m);
}

function compareResult(step: { contains?: readonly ItemMatcher[]; excludes?: readonly ItemMatcher[]; equals?: readonly ItemMatcher[]; count?: number; result?: Readonly<Record<string, unknown>> }, key: string | undefined, result: unknown): Comparison {
  const problems: string[] = [];
  const expectations: string[] = [];
  const items = Array.isArray(result) ? result : undefined;
  const identities = items?.map((it) => (key === undefined ? JSON.stringify(it) : String((it as Record<string, unknown>)[key]))) ?? [];
  const listing = items === undefined ? JSON.stringify(result) : `[${identities.join(', ')}]`;
  if (step.contains) {
    expectations.push(`contains ${step.contains.map(show).join(', ')}`);
    for (const m of step.contains) if (!items?.some((it) => matches(it, key, m))) problems.push(`missing ${show(m)}`);
  }
  if (step.excludes) {
    expectations.push(`excludes ${step.excludes.map(show).join(', ')}`);
    for (const m of step.excludes) if (items?.some((it) => matches(it, key, m))) problems.push(`has ${show(m)}`);
  }
  if (step.equals) {
    expectations.push(`equals ${step.equals.map(show).join(', ')}`);
    const all = items !== undefined && items.length === step.equals.length && step.equals.every((m) => items.some((it) => matches(it, key, m)));
    if (!all) problems.push('not exactly these');
  }
  if (step.count !== undefined) {
    expectations.push(`count ${step.count}`);
    if (items?.length !== step.count) problems.push(`count ${items?.length ?? 'n/a'}`);
  }
  if (step.result) {
    expectations.push(`result ${JSON.stringify(step.result)}`);
    if (!matches(result, undefined, step.result)) problems.push('result differs');
  }
  return { ok: problems.length === 0, expected: expectations.join('; ') || 'allowed', received: problems.length === 0 ? listing : `${listing} (${problems.join('; ')})` };
}

function stepResult(index: number, title: string, c: Comparison, expectedRules: readonly string[], d: Decision<unknown>): StepResult {
  const rules = [...new Set([...expectedRules, ...d.rules])];
  return c.ok ? { index, title, verdict: 'pass', rules, expected: c.expected, received: c.received } : { index, title, verdict: 'fail', rules, expected: c.expected, received: c.received };
}
