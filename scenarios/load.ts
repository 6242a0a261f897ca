/**
 * Reading a scenario file: YAML or JSON, checked against the schema and then for sense (names that
 * exist, references that resolve, names not used before the step that saves them). Every problem
 * in the file is reported at once, located as file:line:col and JSON pointer; nothing throws.
 */
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { LineCounter, parseDocument } from 'yaml';
import { INVALID_CODES, REFUSAL_CODES, RULE_IDS } from '../model/index.ts';
import { ACTION_PARAMS, QUERY_PARAMS, isActionStep, isQueryStep, type ParamSpec, type Scenario, type Step } from './format.ts';
import { checkAzureRole, checkDirectoryRole, declareGiven, type Issue, type NameKind, type NameTable } from './names.ts';
import { didYouMean, locate, type Problem } from './problems.ts';
import { scenarioSchema } from './schema.ts';

export interface Loaded {
  readonly file: string;
  readonly scenario: Scenario | undefined;
  readonly problems: readonly Problem[];
}

// verbose: errors carry the offending value, for messages and "did you mean".
const ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true });
const validate = ajv.compile(scenarioSchema());

/** What each effect key a step may save names. */
export const SAVE_KINDS: Readonly<Record<string, NameKind>> = {
  offerId: 'offer', requestId: 'request', subscriptionId: 'subscription', assignmentId: 'assignment',
  profileId: 'profile', serviceRequestId: 'serviceRequest', userId: 'user',
};

const REFERENCE_KINDS: Readonly<Partial<Record<ParamSpec['kind'], { kinds: readonly NameKind[]; what: string; tenantKind?: 'partner' | 'customer' }>>> = {
  tenant: { kinds: ['tenant'], what: 'tenant' },
  customer: { kinds: ['tenant'], what: 'customer', tenantKind: 'customer' },
  partner: { kinds: ['tenant'], what: 'partner', tenantKind: 'partner' },
  user: { kinds: ['user'], what: 'user' },
  principal: { kinds: ['user', 'group'], what: 'user or group' },
  offer: { kinds: ['offer'], what: 'offer' },
  request: { kinds: ['request'], what: 'reseller request' },
  subscription: { kinds: ['subscription'], what: 'subscription' },
  assignment: { kinds: ['assignment'], what: 'role assignment' },
  device: { kinds: ['device'], what: 'device' },
  profile: { kinds: ['profile'], what: 'Autopilot profile' },
};

export function loadScenario(file: string, text: string): Loaded {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  const problems: Problem[] = [];
  const at = (pointer: string, message: string, hint?: string, atKey = false): void => {
    const { line, col } = locate(doc, lines, pointer, atKey);
    problems.push({ file, line, col, pointer, message, ...(hint === undefined ? {} : { hint }) });
  };

  for (const e of doc.errors) {
    const pos = e.linePos?.[0] ?? { line: 1, col: 1 };
    problems.push({ file, line: pos.line, col: pos.col, pointer: '', message: `${e.code === 'DUPLICATE_KEY' ? 'a key appears twice' : 'the file is not valid YAML'}: ${e.message.split('\n')[0]}`, hint: e.code === 'DUPLICATE_KEY' ? 'Keep one of them.' : 'Check indentation, quotes and colons around this spot.' });
  }
  if (problems.length > 0) return { file, scenario: undefined, problems };

  const data: unknown = doc.toJS();
  const valid = validate(data);
  const issues: Issue[] = valid ? [] : schemaIssues(validate.errors ?? []);
  // The checks for sense run even when the shape is wrong, so one pass reports every problem; where
  // the shape is too broken for them they stop, and the schema's problems stand alone.
  try {
    const scenario = data as Scenario;
    const names = declareGiven(scenario.given ?? {}, issues);
    if (Array.isArray(scenario.steps)) checkSteps(scenario.steps, names, issues);
  } catch {
    if (valid) throw new Error('scenario checks failed on a valid document (#1)');
  }
  const seen = new Set<string>();
  for (const i of issues) {
    const key = `${i.pointer}\n${i.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    at(i.pointer, i.message, i.hint, i.atKey === true);
  }
  return { file, scenario: problems.length === 0 ? (data as Scenario) : undefined, problems: sortProblems(problems) };
}

function sortProblems(ps: Problem[]): Problem[] {
  return ps.sort((a, b) => a.line - b.line || a.col - b.col);
}

/** Ajv's errors, rewritten in our voice and without the noise of the if/then plumbing. */
function schemaIssues(errors: readonly ErrorObject[]): Issue[] {
  const out: Issue[] = [];
  const seen = new Set<string>();
  const push = (i: Issue) => {
    const key = `${i.pointer}\n${i.message}`;
    if (!seen.has(key)) { seen.add(key); out.push(i); }
  };
  for (const e of errors) {
    if (e.keyword === 'if' || e.propertyName !== undefined) continue;
    const where = e.instancePath;
    switch (e.keyword) {
      case 'additionalProperties':
      case 'propertyNames': {
        const key = (e.params as { additionalProperty?: string; propertyName?: string }).additionalProperty ?? (e.params as { propertyName: string }).propertyName;
        const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
        push({ pointer: `${where}/${key}`, atKey: true, message: `unknown key "${key}".`, hint: didYouMean(key, allowed) ?? (allowed.length > 0 ? `Allowed here: ${allowed.join(', ')}.` : undefined) });
        break;
      }
      case 'required': {
        const key = (e.params as { missingProperty: string }).missingProperty;
        push({ pointer: where, message: `missing required key "${key}".`, hint: `Add ${key}: …` });
        break;
      }
      case 'enum': {
        const allowed = ((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
        const value = String(valueAt(e));
        const isRule = allowed.length === RULE_IDS.length && allowed.every((a, i) => a === RULE_IDS[i]);
        push({ pointer: where, message: `"${value}" is not ${isRule ? 'a rule ID of the catalogue' : 'allowed here'}.`, hint: didYouMean(value, allowed) ?? (allowed.length <= 12 ? `Use one of: ${allowed.join(', ')}.` : 'See scenario.schema.json for the allowed values.') });
        break;
      }
      case 'type':
        push({ pointer: where, message: `must be ${article((e.params as { type: string }).type)}, not ${describe(valueAt(e))}.` });
        break;
      case 'oneOf':
        push({ pointer: where, message: 'must be a name or an object of fields to match.' });
        break;
      default:
        push({ pointer: where, message: `${e.message ?? 'is not valid'}.` });
    }
  }
  return out;
}

function valueAt(e: ErrorObject): unknown {
  return (e as ErrorObject & { data?: unknown }).data;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : `${article(typeof v)} (${JSON.stringify(v)})`;
}

const SAVE_KEYS_BY_ACTION: Readonly<Partial<Record<string, readonly string[]>>> = {
  createOffer: ['offerId'], createResellerRequest: ['requestId'], addUser: ['userId'], openServiceRequest: ['serviceRequestId'],
  provisionAzureSubscription: ['subscriptionId', 'assignmentId'], createAzureSubscription: ['subscriptionId', 'assignmentId'],
  addRoleAssignment: ['assignmentId'], createAutopilotProfile: ['profileId'],
};

/** Steps in order: a name saved by a step exists from the next step on. */
function checkSteps(steps: readonly Step[], names: NameTable, issues: Issue[]): void {
  // Where each name is saved, so a use before its step can say so.
  const savedAt = new Map<string, number>();
  steps.forEach((step, i) => {
    if (isActionStep(step)) for (const name of Object.keys(step.save ?? {})) if (!savedAt.has(name)) savedAt.set(name, i);
  });
  names.later = savedAt;
  steps.forEach((step, i) => {
    const at = `/steps/${i}`;
    const forms = ['do', 'query', 'mailbox'].filter((k) => k in step);
    if (forms.length !== 1) {
      issues.push({ pointer: at, message: forms.length === 0 ? 'a step needs do (an action), query or mailbox.' : `a step is one of do, query or mailbox, not ${forms.join(' and ')}.`, hint: 'Split it into separate steps.' });
      return;
    }
    if (!isActionStep(step) && !isQueryStep(step)) {
      names.expect(step.mailbox, ['tenant'], 'partner', `${at}/mailbox`, issues, (d) => d.tenantKind === 'partner');
      return;
    }
    names.expect(step.as, ['user'], 'user', `${at}/as`, issues);
    // An unknown action or query is the schema's problem; its parameters cannot be checked.
    const specs: Readonly<Record<string, ParamSpec>> = (isActionStep(step) ? ACTION_PARAMS[step.do] : QUERY_PARAMS[step.query]) ?? {};
    for (const [key, value] of Object.entries(step.with ?? {})) {
      const spec = specs[key];
      if (spec !== undefined) checkParam(spec, value, `${at}/with/${key}`, names, issues);
    }
    const expect = step.expect ?? 'allowed';
    if (step.code !== undefined) {
      if (expect === 'allowed') issues.push({ pointer: `${at}/code`, message: 'an allowed step has no error code.', hint: 'Remove code, or set expect: refused.' });
      else if (expect === 'refused' && !(step.code in REFUSAL_CODES)) issues.push({ pointer: `${at}/code`, message: `"${step.code}" is an invalid-request code, not a refusal code.`, hint: 'Set expect: invalid, or use a refusal code.' });
      else if (expect === 'invalid' && !(step.code in INVALID_CODES)) issues.push({ pointer: `${at}/code`, message: `"${step.code}" is a refusal code, not an invalid-request code.`, hint: 'Set expect: refused, or use an invalid-request code.' });
    }
    if (isActionStep(step)) {
      // Devices an action adds get their names now, so later steps can use them.
      if (step.do === 'addAutopilotDevices' && Array.isArray(step.with?.['devices'])) {
        const customer = step.with?.['customer'];
        (step.with['devices'] as { name: string }[]).forEach((d, j) => names.declare(d.name, { kind: 'device', ...(typeof customer === 'string' ? { tenant: customer } : {}) }, `${at}/with/devices/${j}/name`, issues));
      }
      const allowedKeys = SAVE_KEYS_BY_ACTION[step.do] ?? [];
      for (const [name, key] of Object.entries(step.save ?? {})) {
        if (!allowedKeys.includes(key)) {
          issues.push({ pointer: `${at}/save/${name}`, message: `${step.do} creates no "${key}" to save.`, hint: allowedKeys.length > 0 ? (didYouMean(key, allowedKeys) ?? `It can save: ${allowedKeys.join(', ')}.`) : `${step.do} creates nothing a later step can name.` });
          continue;
        }
        const tenant = step.with?.['tenant'] ?? step.with?.['customer'];
        names.declare(name, { kind: SAVE_KINDS[key]!, ...(typeof tenant === 'string' ? { tenant } : {}) }, `${at}/save/${name}`, issues);
      }
    }
  });
}

function checkParam(spec: ParamSpec, value: unknown, pointer: string, names: NameTable, issues: Issue[]): void {
  const ref = REFERENCE_KINDS[spec.kind];
  if (ref !== undefined) {
    const tenantKind = ref.tenantKind;
    names.expect(value, ref.kinds, ref.what, pointer, issues, tenantKind === undefined ? undefined : (d) => d.tenantKind === tenantKind);
  } else if (spec.kind === 'devices' && Array.isArray(value)) {
    value.forEach((v, i) => names.expect(v, ['device'], 'device', `${pointer}/${i}`, issues));
  } else if (spec.kind === 'role') {
    checkDirectoryRole(value, pointer, issues);
  } else if (spec.kind === 'azureRole') {
    checkAzureRole(value, pointer, issues);
  }
}
