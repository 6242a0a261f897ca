/**
 * What the model answers. Every action and every query ends in exactly one of three outcomes,
 * and each names the rule IDs that decided it (Cedar-style provenance):
 *
 * - allowed: the effect happened; `effects` describe it as data;
 * - refused: a rule said no; `code` is stable and nothing changed;
 * - invalid: the request made no sense (unknown id, wrong kind of tenant, malformed parameter);
 *   `code` is stable, `path` points at the bad parameter, and nothing changed.
 */
import type { RuleId } from './catalogue.ts';
import type { Effect } from './effects.ts';

/** Stable codes of refusals: a rule decided against the actor. */
export const REFUSAL_CODES = {
  PARTNER_NOT_CERTIFIED: 'The partner is not certified to offer delegated administration in its cloud.',
  OFFER_SWITCH_OFF: "The user does not have 'administrative access to companies you support' switched on.",
  NOT_ADMIN_OR_SALES_AGENT: 'Only an Admin agent or a Sales agent of the partner may do this.',
  NOT_ADMIN_AGENT: 'Only an Admin agent of the partner may do this.',
  NOT_AN_AGENT: 'The partner user is in neither AdminAgents nor HelpdeskAgents.',
  NOT_PARTNER_GLOBAL_ADMIN: 'Only a Global Administrator of the partner tenant manages its users and agent groups.',
  NOT_CUSTOMER_GLOBAL_ADMIN: 'Only a Global admin of the customer tenant may do this.',
  NOT_A_MEMBER: 'The user belongs to another tenant and holds no delegated role here.',
  CLOUD_MISMATCH: 'The partner and the customer are in different clouds.',
  NO_DAP: 'The customer has not granted this partner delegated administration.',
  DAP_REMOVED: "The customer removed this partner's delegated administration.",
  DAP_NOT_HELD: 'This partner does not hold delegated administration for the customer.',
  NO_RELATIONSHIP: 'The customer is not in this partner’s customer list.',
  NO_RESELLER_RELATIONSHIP: 'The partner has no reseller relationship with the customer.',
  INSUFFICIENT_DIRECTORY_ROLE: "The actor's directory role does not allow this task.",
  TARGET_IS_ADMIN: "A Helpdesk or Password Administrator cannot reset an administrator's password.",
  MDM_NOT_SUPPORTED: 'Delegated access to Mobile Device Management for Office 365 is not supported.',
  NO_AZURE_ROLE: 'The actor holds no role assignment under this Azure subscription.',
  INSUFFICIENT_AZURE_ROLE: "The actor's role assignments under this subscription do not allow this.",
  CUSTOMER_ADDED_DEVICE: 'The customer added this device through Store for Business, Store for Education or Intune.',
  DEVICE_NOT_OWN: 'Without DAP a partner removes only the devices it added itself.',
  REMOVAL_STEP_OUT_OF_ORDER: "DAP removal is three steps in order: select the partner, choose 'Remove delegated admin', confirm 'Remove'.",
} as const;

/** Stable codes of invalid requests: nothing was decided because the request was unusable. */
export const INVALID_CODES = {
  UNKNOWN_ACTION: 'The action type is not one the model knows.',
  UNKNOWN_QUERY: 'The query type is not one the model knows.',
  MALFORMED: 'A parameter is missing or has the wrong type.',
  UNKNOWN_ACTOR: 'The actor is not a user of this world.',
  UNKNOWN_TENANT: 'No tenant has this id.',
  UNKNOWN_USER: 'No user has this id in the tenant.',
  UNKNOWN_GROUP: 'No group has this id.',
  UNKNOWN_OFFER: 'No offer has this id.',
  UNKNOWN_REQUEST: 'No reseller relationship request has this id.',
  UNKNOWN_ROLE: 'No directory role has this id or template id.',
  UNKNOWN_SUBSCRIPTION: 'No Azure subscription has this id.',
  UNKNOWN_ROLE_DEFINITION: 'The role definition is not one of Owner, Contributor, Reader, User Access Administrator.',
  UNKNOWN_ROLE_ASSIGNMENT: 'No role assignment has this id under the subscription.',
  UNKNOWN_PRINCIPAL: 'No user or group has this id.',
  UNKNOWN_DEVICE: 'No Autopilot device has this id in the customer.',
  UNKNOWN_PROFILE: 'No Autopilot profile has this id in the customer.',
  NOT_A_PARTNER: 'The tenant is a customer where a partner is needed.',
  NOT_A_CUSTOMER: 'The tenant is a partner where a customer is needed.',
  NOT_A_PARTNER_USER: 'The actor is a customer user where a partner user is needed.',
  NOT_AN_AGENT_GROUP: 'The group is not one of the partner’s AdminAgents, HelpdeskAgents or SalesAgents.',
  FOREIGN_PRINCIPAL: 'Only users and groups of the same tenant can be explicit directory role members.',
  ALREADY_EXISTS: 'An object with this id or unique name already exists.',
  DOMAIN_TAKEN: 'The domain is already verified in a tenant.',
  UPN_TAKEN: 'Another user already has this user principal name.',
  UPN_DOMAIN_UNVERIFIED: "The user principal name's domain is not verified in the tenant.",
  DEVICE_REGISTERED: 'A device with this serial number is already registered to a tenant.',
  NO_REMOVAL_IN_PROGRESS: 'No DAP removal is in progress for this customer.',
  NOT_SUPPORTED_BY_TARGET: 'The target does not implement this operation.',
} as const;

export type RefusalCode = keyof typeof REFUSAL_CODES;
export type InvalidCode = keyof typeof INVALID_CODES;

export interface Allowed<R = undefined> {
  readonly outcome: 'allowed';
  readonly rules: readonly RuleId[];
  readonly effects: readonly Effect[];
  /** Queries: what the actor sees. Actions: undefined. */
  readonly result: R;
}

export interface Refused {
  readonly outcome: 'refused';
  readonly code: RefusalCode;
  readonly rules: readonly RuleId[];
  readonly message: string;
}

export interface Invalid {
  readonly outcome: 'invalid';
  readonly code: InvalidCode;
  readonly rules: readonly RuleId[];
  readonly message: string;
  /** JSON pointer into the action or query, e.g. "/customerId". */
  readonly path: string;
}

export type Decision<R = undefined> = Allowed<R> | Refused | Invalid;
export type NotAllowed = Refused | Invalid;

const NO_EFFECTS: readonly Effect[] = Object.freeze([]);
const NO_RULES: readonly RuleId[] = Object.freeze([]);

export function allow(rules: readonly RuleId[], effects: readonly Effect[] = NO_EFFECTS): Allowed {
  return { outcome: 'allowed', rules, effects, result: undefined };
}

export function allowResult<R>(rules: readonly RuleId[], result: R): Allowed<R> {
  return { outcome: 'allowed', rules, effects: NO_EFFECTS, result };
}

// Refusals and invalid answers are instances of one base class so that "is this a value or a
// no?" is one `instanceof` on the hot path, instead of a property probe across a dozen record
// shapes (or two `instanceof`s, one per kind of no: every check that passed paid for both).
abstract class NoAnswer {}

/**
 * The words after a refusal's stable text: fixed, or composed from the records the refusal names
 * when its message is first read. Composing late keeps a decision off the names' strings (a
 * customer's name, a user's UPN): in a big world each is a cold line of memory, read by almost no
 * caller of a refusal, yet every refusal paid for it. A composer reads only what never changes
 * once a record exists (names, UPNs, ids, clouds, a device's origin), so a message read later
 * says what it would have said at the time. Composers are module-level functions, not closures
 * made per call: a closure is an allocation of its own.
 */
export type Detail<A, B> = string | ((a: A, b: B) => string);

class RefusedAnswer extends NoAnswer implements Refused {
  readonly outcome = 'refused' as const;
  // Private fields are no properties: equality, spreading and JSON see outcome, code, rules and message only.
  #text: string | undefined = undefined;
  readonly #detail: Detail<never, never> | undefined;
  readonly #a: unknown;
  readonly #b: unknown;
  constructor(readonly code: RefusalCode, readonly rules: readonly RuleId[], detail: Detail<never, never> | undefined, a: unknown, b: unknown) {
    super();
    this.#detail = detail;
    this.#a = a;
    this.#b = b;
  }

  get message(): string {
    if (this.#text === undefined) {
      const d = this.#detail;
      const extra = typeof d === 'function' ? (d as (a: unknown, b: unknown) => string)(this.#a, this.#b) : d;
      this.#text = extra === undefined ? REFUSAL_CODES[this.code] : `${REFUSAL_CODES[this.code]} ${extra}`;
    }
    return this.#text;
  }

  toJSON(): Refused {
    return { outcome: this.outcome, code: this.code, rules: this.rules, message: this.message };
  }
}

class InvalidAnswer extends NoAnswer implements Invalid {
  readonly outcome = 'invalid' as const;
  readonly rules: readonly RuleId[] = NO_RULES;
  constructor(readonly code: InvalidCode, readonly path: string, readonly message: string) {
    super();
  }
}

/** A refusal. `detail` follows the code's stable text; a composer gets `a` and `b` when the message is read. */
export function refuse<A = undefined, B = undefined>(code: RefusalCode, rules: readonly RuleId[], detail?: Detail<A, B>, a?: A, b?: B): Refused {
  return new RefusedAnswer(code, rules, detail as Detail<never, never> | undefined, a, b);
}

export function invalid(code: InvalidCode, path: string, detail?: string): Invalid {
  return new InvalidAnswer(code, path, detail === undefined ? INVALID_CODES[code] : `${INVALID_CODES[code]} ${detail}`);
}

/** True for a refusal or an invalid answer made by `refuse` or `invalid`. */
export function isNo(x: unknown): x is NotAllowed {
  return x instanceof NoAnswer;
}

/** Copies an invalid answer with its path moved under a prefix (e.g. a device inside a batch). */
export function under(prefix: string, x: Invalid): Invalid {
  return new InvalidAnswer(x.code, `${prefix}${x.path}`, x.message);
}

export function isAllowed<R>(d: Decision<R>): d is Allowed<R> {
  return d.outcome === 'allowed';
}
