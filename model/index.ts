/**
 * dapsim's reference model: a pure state machine of tenants and delegated-administration
 * privileges. No I/O, clock, randomness or HTTP: time and ids are inputs, and the same inputs give
 * the same world, byte for byte.
 */

// The rules
export { CATALOGUE, RULE_IDS, PROFILES, findRule, isRuleId, type Rule, type RuleId, type RuleArea, type RuleSource, type Profile } from './catalogue.ts';

// Well-known values
export * from './constants.ts';

// The world and how to build one
export { World, DEFAULT_NOW, type WorldOptions } from './world.ts';
export { IdTable } from './idtable.ts';
export * as setup from './setup.ts';
export type { PartnerSpec, CustomerSpec, UserSpec, SetupResult } from './setup.ts';
export { snapshot, type WorldSnapshot } from './snapshot.ts';
export { deriveGuid, isGuid } from './ids.ts';
export type * from './types.ts';
export { historyOf } from './rules/relationships.ts';

// Acting and looking
export { perform, ACTION_TYPES, isActionType } from './perform.ts';
export type { Action, ActionType, ActionParams } from './actions.ts';
export type { PerformOptions } from './rules/context.ts';
export { query, QUERY_TYPES, isQueryType, type Query, type QueryType, type QueryParams, type QueryResults } from './queries/index.ts';

// Answers
export { REFUSAL_CODES, INVALID_CODES, isAllowed, type Decision, type Allowed, type Refused, type Invalid, type NotAllowed, type RefusalCode, type InvalidCode } from './decision.ts';
export type { Effect, EffectType } from './effects.ts';
