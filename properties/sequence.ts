/**
 * One generated sequence, run on the reference model and on a target side by side. Each step is
 * resolved against the current state (the catalogue follows the model), performed on both, and
 * the two answers compared; after a step that changed something, the listings of
 * observe.ts are compared too. The first difference ends the sequence with a
 * {@link DifferenceFound}, which fast-check then shrinks.
 */
import { World, perform, query, type Decision, type Profile, type RuleId } from '../model/index.ts';
import type { Given, Scenario } from '../scenarios/format.ts';
import { materialiseGiven, plainNames, Bindings, type Materialised } from '../scenarios/given.ts';
import { stepTime } from '../scenarios/run.ts';
import { applySetup } from '../targets/model.ts';
import type { Compare, Target } from '../targets/target.ts';
import { Catalog } from './catalog.ts';
import { decisionDifference, listingDifference } from './compare.ts';
import { customerTouched, observationsAfter } from './observe.ts';
import { resolveStep, type GeneratedStep, type StateView, type StepSeed } from './steps.ts';
import { deviceIdFor, namesIn, toRequest } from './translate.ts';

/** The seed the generated `given` is materialised with; the exported scenario names it. */
export const GIVEN_SEED = 1;

export interface Difference {
  /** The step's position in the sequence (0-based). */
  readonly index: number;
  readonly step: GeneratedStep;
  /** The decision itself differed, or a listing looked at after the step. */
  readonly kind: 'decision' | 'listing';
  /** For a listing difference: the query that showed it. */
  readonly observed?: GeneratedStep;
  readonly expected: string;
  readonly received: string;
  /** The model's answer to the step, or to the observing query (names, not ids). */
  readonly modelAnswer: Decision<unknown>;
  readonly rules: readonly RuleId[];
}

export class DifferenceFound extends Error {
  constructor(readonly difference: Difference) {
    super(`step ${difference.index + 1} (${difference.step.as} ${difference.step.do ?? difference.step.query}): expected ${difference.expected}, received ${difference.received}`);
  }
}

/** The target refused the generated world: it cannot be checked (exit 3). */
export class SetupRefused extends Error {}

/** A step as run: what it was and what the model decided. */
export interface TraceStep {
  readonly step: GeneratedStep;
  readonly decision: Decision<unknown>;
}

/** Counts of what the model decided, for the run's summary. */
export class Tally {
  sequences = 0;
  steps = 0;
  allowed = 0;
  refused = 0;
  invalid = 0;
  readonly rules = new Map<RuleId, number>();
  /** Set once a difference was found: shrinking re-runs are not counted. */
  frozen = false;

  count(d: Decision<unknown>): void {
    if (this.frozen) return;
    this.steps++;
    this[d.outcome]++;
    for (const r of d.rules) this.rules.set(r, (this.rules.get(r) ?? 0) + 1);
  }
}

/** Looks at the model around each step: `before` runs first, `after` gets what it returned. */
export interface StepWatcher<T = unknown> {
  before(sequence: Sequence, step: GeneratedStep): T;
  after(sequence: Sequence, step: GeneratedStep, decision: Decision<unknown>, before: T): void;
}

export interface SequenceOptions {
  /** Pins every step's Autopilot profile; otherwise each step draws one. */
  readonly profile?: Profile | undefined;
  readonly tally?: Tally | undefined;
  /** Checks of the model's own state around every step (the invariants). */
  readonly watcher?: StepWatcher | undefined;
  /** What the target's decisions are held to (targets/target.ts); `decisions` by default. */
  readonly compare?: Compare | undefined;
}

export class Sequence implements StateView {
  readonly world = new World();
  readonly trace: TraceStep[] = [];
  readonly catalog: Catalog;
  /** Names to the model's ids, and back. */
  readonly modelIds: Bindings;
  private readonly targetIds = new Bindings();

  /** `target` undefined: the model alone, for the invariants. */
  private constructor(readonly given: Given, readonly target: Target | undefined, readonly materialised: Materialised, private readonly options: SequenceOptions) {
    this.catalog = Catalog.fromGiven(given);
    this.modelIds = materialised.bindings;
    for (const [name, id] of materialised.bindings.ids) this.targetIds.bind(name, id);
  }

  static async start(given: Given, target: Target | undefined, options: SequenceOptions = {}): Promise<Sequence> {
    // Plain numbered names: the world is set up once per sequence, thousands of times a run, and its
    // names are structural already. The exported scenario replays with faker's names; no decision depends on them.
    const materialised = materialiseGiven(asScenario(given), GIVEN_SEED, plainNames());
    const s = new Sequence(given, target, materialised, options);
    const own = applySetup(s.world, materialised.ops);
    if (own !== undefined) throw new Error(`the generator made a world the model refuses: operation ${own.index} ${own.code} at ${own.path}: ${own.message}`);
    const failure = target === undefined ? undefined : (await target.reset(), await target.setup(materialised.ops));
    if (failure !== undefined) throw new SetupRefused(`the target refused set-up operation ${failure.index} (${materialised.ops[failure.index]?.op ?? '?'}): ${failure.code} at ${failure.path}: ${failure.message}`);
    if (options.tally !== undefined && !options.tally.frozen) options.tally.sequences++;
    return s;
  }

  /** Resolves the seed against the current state and runs it on both sides. */
  async run(seed: StepSeed): Promise<GeneratedStep> {
    const step = resolveStep(seed, this, this.options.profile);
    try {
      await this.runStep(step);
    } finally {
      this.catalog.focusCustomer = customerTouched(step, this.catalog)?.name ?? this.catalog.focusCustomer;
      const partner = this.catalog.partnerOf(step.as)?.name ?? (step.with['partner'] as string | undefined);
      this.catalog.focusPartner = partner ?? this.catalog.focusPartner;
    }
    return step;
  }

  async runStep(step: GeneratedStep): Promise<void> {
    const index = this.trace.length;
    for (const c of step.creates) if (c.kind === 'device') { this.modelIds.bind(c.name, deviceIdFor(c.name)); this.targetIds.bind(c.name, deviceIdFor(c.name)); }
    const watched = this.options.watcher?.before(this, step);
    const now = stepTime(index);
    const expected = this.onModel(step, now);
    this.options.watcher?.after(this, step, expected, watched);
    const received = this.target === undefined ? expected : await this.onTarget(step, now);
    this.trace.push({ step, decision: expected });
    this.options.tally?.count(expected);
    const differs = decisionDifference(expected, received, this.options.compare);
    if (differs !== undefined) throw new DifferenceFound({ index, step, kind: 'decision', ...differs, modelAnswer: expected, rules: expected.rules });
    if (step.query !== undefined && expected.outcome === 'allowed' && received.outcome === 'allowed') {
      const listed = listingDifference(step.query, expected.result, received.result, this.modelIds, this.targetIds);
      if (listed !== undefined) throw new DifferenceFound({ index, step, kind: 'decision', ...listed, modelAnswer: { ...expected, result: namesIn(expected.result, this.modelIds) }, rules: expected.rules });
    }
    if (step.do === undefined) return;
    this.bindCreated(step, expected, this.modelIds);
    this.bindCreated(step, received, this.targetIds);
    this.catalog.record(expected, step.creates, step.changes);
    if (this.target === undefined || (expected.outcome !== 'allowed' && received.outcome !== 'allowed')) return;
    for (const look of observationsAfter(step, this.catalog)) {
      const e = query(this.world, idOrName(this.modelIds, look.as), toRequest(look, this.modelIds));
      const r = await this.target!.query(idOrName(this.targetIds, look.as), toRequest(look, this.targetIds));
      const q = look.query!;
      const differs = decisionDifference(e, r, this.options.compare)
        ?? (e.outcome === 'allowed' && r.outcome === 'allowed' ? listingDifference(q, e.result, r.result, this.modelIds, this.targetIds) : undefined);
      if (differs !== undefined) {
        throw new DifferenceFound({ index, step, kind: 'listing', observed: look, ...differs, modelAnswer: e.outcome === 'allowed' ? { ...e, result: namesIn(e.result, this.modelIds) } : e, rules: e.rules });
      }
    }
  }

  /** The partners the customer's Partner relationships page marks as holding DAP, read from the model. */
  dapPartners(customer: string): readonly string[] {
    return this.page(customer).filter((r) => r.delegatedAdmin).map((r) => r.partner);
  }

  /** The customer's reseller partners, from the same page. */
  resellerPartners(customer: string): readonly string[] {
    return this.page(customer).filter((r) => r.reseller).map((r) => r.partner);
  }

  private page(customer: string): { partner: string; delegatedAdmin: boolean; reseller: boolean }[] {
    const observer = this.catalog.customer(customer)?.observer;
    if (observer === undefined) return [];
    const page = query(this.world, idOrName(this.modelIds, observer), { type: 'partnerRelationships', customerId: idOrName(this.modelIds, customer) });
    if (page.outcome !== 'allowed') return [];
    return page.result.map((r) => ({ partner: this.modelIds.names.get(r.partnerId) ?? r.partnerId, delegatedAdmin: r.delegatedAdmin, reseller: r.reseller }));
  }

  private onModel(step: GeneratedStep, now: string): Decision<unknown> {
    const actor = idOrName(this.modelIds, step.as);
    const request = toRequest(step, this.modelIds);
    if (step.query !== undefined) return query(this.world, actor, request);
    return perform(this.world, actor, request, { now, profile: step.profile ?? this.options.profile ?? 'current' });
  }

  private onTarget(step: GeneratedStep, now: string): Promise<Decision<unknown>> {
    const actor = idOrName(this.targetIds, step.as);
    const request = toRequest(step, this.targetIds);
    if (step.query !== undefined) return this.target!.query(actor, request);
    return this.target!.perform(actor, request, { now, profile: step.profile ?? this.options.profile ?? 'current' });
  }

  /** Names the objects an allowed step created, with the ids this side's answer carries. */
  private bindCreated(step: GeneratedStep, d: Decision<unknown>, ids: Bindings): void {
    if (d.outcome !== 'allowed') return;
    const used = new Set<string>();
    for (const c of step.creates) {
      if (c.key === undefined) continue;
      // The n-th creation with a key takes the n-th effect carrying it (a provisioned subscription's owner assignment comes second).
      const effect = d.effects.find((e) => typeof (e as Record<string, unknown>)[c.key!] === 'string' && !used.has(`${e.type}`));
      if (effect === undefined) continue;
      used.add(effect.type);
      ids.bind(c.name, (effect as Record<string, string>)[c.key]!);
    }
  }
}

function idOrName(ids: Bindings, name: string): string {
  return ids.id(name) ?? name;
}

/** The generated world as a scenario with no steps: what materialiseGiven takes. */
export function asScenario(given: Given, steps: Scenario['steps'] = []): Scenario {
  return { name: 'dapsim check', description: 'generated', rules: [], seed: GIVEN_SEED, given, steps };
}
