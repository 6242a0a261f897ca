/**
 * The scenario JSON Schema (draft 2020-12), generated from the format's tables so it cannot drift
 * from what the loader accepts. `scenario.schema.json` is this, written by
 * `npm run scenarios:schema`; a test fails when the file is stale.
 *
 * Per-action parameters are attached with `if`/`then` on the step's `do` (or `query`): validators
 * then report errors of the one branch that applies, and editors complete the right parameters.
 */
import { ACTION_TYPES, AGENT_GROUP_KINDS, AZURE_ROLES, CLOUDS, CUSTOMER_DEVICE_SOURCES, DIRECTORY_ROLES, INVALID_CODES, OFFER_KINDS, PROFILES, QUERY_TYPES, REFUSAL_CODES, RULE_IDS } from '../model/index.ts';
import { ACTION_PARAMS, QUERY_PARAMS, type ParamKind, type ParamSpec } from './format.ts';

type Schema = Record<string, unknown>;

const name = (description: string): Schema => ({ type: 'string', minLength: 1, description });
const names = (description: string): Schema => ({ type: 'array', items: { type: 'string', minLength: 1 }, description });

function kindSchema(spec: ParamSpec): Schema {
  const kinds: Record<ParamKind, Schema> = {
    tenant: name('a tenant’s name (a partner or a customer)'),
    customer: name('a customer’s name'),
    partner: name('a partner’s name'),
    user: name('a user’s name'),
    principal: name('a user’s or group’s name; a partner’s agent group is <partner>/AdminAgents, /HelpdeskAgents or /SalesAgents'),
    offer: name('an offer’s name (from given.offers or a step’s save)'),
    request: name('a reseller request’s name (from a step’s save)'),
    subscription: name('a subscription’s name'),
    assignment: name('a role assignment’s name; a given subscription’s Owner is <subscription>/owner'),
    device: name('a device’s name'),
    devices: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: 'device names' },
    profile: name('an Autopilot profile’s name'),
    role: { type: 'string', minLength: 1, examples: DIRECTORY_ROLES.map((r) => r.displayName), description: 'a directory role, by display name or template id' },
    azureRole: { type: 'string', minLength: 1, examples: AZURE_ROLES.map((r) => r.name), description: 'an Azure role, by name or role definition id' },
    agentGroup: { enum: [...AGENT_GROUP_KINDS] },
    offerKind: { enum: [...OFFER_KINDS] },
    string: { type: 'string', minLength: 1 },
    boolean: { type: 'boolean' },
    deviceSpecs: {
      type: 'array', minItems: 1,
      items: {
        type: 'object', additionalProperties: false, required: ['name'],
        properties: {
          name: name('the name later steps use for this device'),
          serialNumber: { type: 'string', minLength: 1 }, productKey: { type: 'string' }, hardwareHash: { type: 'string' },
          manufacturer: { type: 'string' }, model: { type: 'string' },
        },
      },
    },
  };
  return { ...kinds[spec.kind], description: spec.doc };
}

function paramsSchema(params: Readonly<Record<string, ParamSpec>>): Schema {
  const required = Object.entries(params).filter(([, s]) => s.required).map(([k]) => k);
  return {
    type: 'object', additionalProperties: false,
    properties: Object.fromEntries(Object.entries(params).map(([k, s]) => [k, kindSchema(s)])),
    ...(required.length > 0 ? { required } : {}),
  };
}

const userSpec: Schema = {
  type: 'object', additionalProperties: false, required: ['name'],
  properties: {
    name: name('the name steps use for this user'),
    displayName: { type: 'string', minLength: 1 },
    userPrincipalName: { type: 'string', minLength: 3 },
    roles: names('explicit directory roles in the user’s own tenant, by display name or template id'),
    groups: { type: 'array', items: { enum: [...AGENT_GROUP_KINDS] }, description: 'partner users: agent groups' },
    offerSwitch: { type: 'boolean', description: 'partner users: "administrative access to companies you support"' },
  },
};

const cloud: Schema = { enum: [...CLOUDS] };

const matcher: Schema = { oneOf: [{ type: 'string', minLength: 1 }, { type: 'object', minProperties: 1 }] };
const matchers: Schema = { type: 'array', items: matcher };
const ruleIds: Schema = { type: 'array', items: { enum: [...RULE_IDS] } };
const codes: Schema = { enum: [...Object.keys(REFUSAL_CODES), ...Object.keys(INVALID_CODES)] };

export function scenarioSchema(): Schema {
  const stepKeys = ['as', 'do', 'query', 'mailbox', 'with', 'title', 'expect', 'code', 'rules', 'save', 'profile', 'contains', 'excludes', 'equals', 'count', 'result'];
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://dapsim.dev/schema/scenario.schema.json',
    title: 'dapsim scenario',
    description: 'A starting world and steps (actions, queries, mailbox checks) with the expected result of each. See scenarios/README.md.',
    type: 'object', additionalProperties: false,
    required: ['name', 'description', 'rules', 'given', 'steps'],
    properties: {
      $schema: { type: 'string' },
      name: name('a short title, unique across the library'),
      description: { type: 'string', minLength: 1 },
      rules: { ...ruleIds, minItems: 1, description: 'the rule IDs this scenario covers' },
      profile: { enum: [...PROFILES], description: 'Autopilot rule profile (default current)' },
      seed: { type: 'integer', minimum: 0, description: 'seeds faker for unspecified names, domains and ids (default: derived from the name)' },
      given: {
        type: 'object', additionalProperties: false,
        properties: {
          partners: {
            type: 'array',
            items: {
              type: 'object', additionalProperties: false, required: ['name'],
              properties: { name: name('the name steps use for this partner'), displayName: { type: 'string', minLength: 1 }, cloud, certified: { type: 'boolean', description: 'certified to offer delegated administration (default true)' }, domain: { type: 'string', minLength: 3 }, users: { type: 'array', items: userSpec } },
            },
          },
          customers: {
            type: 'array',
            items: {
              type: 'object', additionalProperties: false, required: ['name'],
              properties: {
                name: name('the name steps use for this customer'), displayName: { type: 'string', minLength: 1 }, cloud, domain: { type: 'string', minLength: 3 },
                domains: { type: 'array', items: { type: 'string', minLength: 3 } },
                users: { type: 'array', items: userSpec },
                groups: { type: 'array', items: { type: 'object', additionalProperties: false, required: ['name'], properties: { name: name('the group’s name'), members: names('user names'), roles: names('explicit directory roles of the group') } } },
                partners: { type: 'array', items: { type: 'object', additionalProperties: false, required: ['partner'], properties: { partner: name('a partner’s name'), reseller: { type: 'boolean' }, dap: { type: 'boolean' } } } },
                subscriptions: {
                  type: 'array',
                  items: {
                    type: 'object', additionalProperties: false, required: ['name'],
                    properties: {
                      name: name('the name steps use for this subscription'), displayName: { type: 'string', minLength: 1 },
                      provisionedBy: name('the partner that provisioned it (its AdminAgents hold Owner)'), owner: name('the customer user who created it and holds Owner'),
                      assignments: { type: 'array', items: { type: 'object', additionalProperties: false, required: ['role', 'principal'], properties: { name: name('the name steps use for this assignment'), role: { type: 'string', minLength: 1 }, principal: name('a user or group; a partner group is <partner>/AdminAgents') } } },
                    },
                  },
                },
                profiles: { type: 'array', items: { type: 'object', additionalProperties: false, required: ['name'], properties: { name: name('the name steps use for this profile'), displayName: { type: 'string', minLength: 1 } } } },
                devices: {
                  type: 'array',
                  items: {
                    type: 'object', additionalProperties: false, required: ['name', 'source'],
                    properties: { name: name('the name steps use for this device'), serialNumber: { type: 'string', minLength: 1 }, source: { enum: ['partner', ...CUSTOMER_DEVICE_SOURCES] }, addedBy: name('the partner that added it (source partner)'), profile: name('the Autopilot profile assigned to it') },
                  },
                },
              },
            },
          },
          offers: {
            type: 'array',
            items: { type: 'object', additionalProperties: false, required: ['name', 'partner'], properties: { name: name('the name steps use for this offer'), partner: name('the partner whose offer it is'), kind: { enum: [...OFFER_KINDS] }, includesDelegatedAdmin: { type: 'boolean' }, product: { type: 'string', minLength: 1 } } },
          },
          bulkCustomers: {
            type: 'array',
            items: { type: 'object', additionalProperties: false, required: ['partner', 'count'], properties: { partner: name('the partner they are related to'), count: { type: 'integer', minimum: 1, maximum: 100000 }, reseller: { type: 'boolean' }, dap: { type: 'boolean' } } },
          },
        },
      },
      steps: {
        type: 'array', minItems: 1,
        items: {
          type: 'object', additionalProperties: false,
          properties: {
            as: name('the actor: a user’s name'),
            do: { enum: [...ACTION_TYPES], description: 'the action tried' },
            query: { enum: [...QUERY_TYPES], description: 'the query asked' },
            mailbox: name('a partner whose mailbox is checked'),
            with: { type: 'object', description: 'the parameters, by name (see the action’s or query’s own schema)' },
            title: { type: 'string', minLength: 1 },
            expect: { enum: ['allowed', 'refused', 'invalid'] },
            code: codes,
            rules: { ...ruleIds, description: 'rule IDs the decision must name (it may name more)' },
            save: { type: 'object', additionalProperties: { type: 'string', minLength: 1 }, description: '{ name: effect key } binds created objects to names, e.g. { contoso-offer: offerId }' },
            profile: { enum: [...PROFILES] },
            contains: matchers, excludes: matchers, equals: matchers,
            count: { type: 'integer', minimum: 0 },
            result: { type: 'object' },
          },
          propertyNames: { enum: stepKeys },
          allOf: [
            ...ACTION_TYPES.map((t) => ({ if: { required: ['do'], properties: { do: { const: t } } }, then: { required: ['as', 'expect'], properties: { with: paramsSchema(ACTION_PARAMS[t]) } } })),
            ...QUERY_TYPES.map((t) => ({ if: { required: ['query'], properties: { query: { const: t } } }, then: { required: ['as'], properties: { with: paramsSchema(QUERY_PARAMS[t]) } } })),
          ],
        },
      },
    },
  };
}
