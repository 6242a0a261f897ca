/**
 * The run record: everything a conformance run produced, and the only thing reporters read.
 * Its JSON Schema is `run-record.schema.json` (validate.ts checks every record against it before
 * it is written); the two are kept in step by a test.
 */

export type CheckVerdict = 'pass' | 'fail' | 'error';

/** One step of a scenario check, as the runner saw it. */
export interface RecordStep {
  readonly index: number;
  readonly title: string;
  readonly verdict: CheckVerdict | 'skipped';
  readonly expected?: string;
  readonly received?: string;
  readonly rules: readonly string[];
  readonly message?: string;
}

export interface Check {
  /** Stable across runs and shards: `scenario:<file>` or `property:<batch>`. */
  readonly id: string;
  readonly kind: 'scenario' | 'property';
  readonly title: string;
  readonly verdict: CheckVerdict;
  /** The rule IDs the check is about (a scenario's `rules`; for a property batch, the rules its steps decided). */
  readonly rules: readonly string[];
  /** Scenario checks: the file, and every step. */
  readonly file?: string;
  readonly steps?: readonly RecordStep[];
  /** Where it went wrong: what the model (or the scenario) expected, what the target answered. */
  readonly expected?: string;
  readonly received?: string;
  readonly message?: string;
  /** A command that runs this check again, alone. */
  readonly reproduce: string;
  /** Steps the check ran, and per rule ID how many of them it decided. */
  readonly stepCount: number;
  readonly ruleSteps: Readonly<Record<string, number>>;
  readonly durationMs: number;
}

export interface RuleCoverage {
  readonly rule: string;
  readonly area: string;
  readonly statement: string;
  readonly scenarioSteps: number;
  readonly propertySteps: number;
}

export interface RunRecord {
  readonly $schema?: string;
  readonly tool: { readonly name: 'dapsim'; readonly version: string; readonly node: string };
  readonly target: string;
  readonly profile: 'current' | 'proposed' | 'per-scenario';
  /** What the target's answers were held to: outcome, code and rule IDs, or the outcome only (targets/target.ts). */
  readonly compare: 'decisions' | 'outcomes';
  readonly seed: number;
  readonly shard: { readonly index: number; readonly count: number };
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly summary: {
    readonly verdict: CheckVerdict;
    readonly checks: number;
    readonly pass: number;
    readonly fail: number;
    readonly error: number;
    /** Rule IDs no check exercised: a run that leaves one out fails its coverage gate. */
    readonly uncovered: readonly string[];
  };
  readonly coverage: readonly RuleCoverage[];
  readonly checks: readonly Check[];
}
