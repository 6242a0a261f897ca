import { describe, expect, it } from 'vitest';
import { loadScenario } from './load.ts';
import { formatProblem, type Problem } from './problems.ts';

const VALID = `$schema: ../scenario.schema.json
name: Probe
description: A small valid scenario the problem tests break one way at a time.
rules: [CONSENT-BY-GLOBAL-ADMIN]
given:
  partners:
    - name: contoso
      users:
        - { name: alex, groups: [AdminAgents], offerSwitch: true }
  customers:
    - name: northwind
      users:
        - { name: grace, roles: [Global Administrator] }
steps:
  - { as: alex, do: createOffer, expect: allowed, save: { offer: offerId } }
  - { as: grace, do: acceptOffer, with: { offer: offer }, expect: allowed, rules: [CONSENT-BY-GLOBAL-ADMIN] }
`;

function problems(text: string, file = 'probe.yaml'): Problem[] {
  return [...loadScenario(file, text).problems];
}

/** The one problem a change causes, at the line and column of the text `at` in the broken file. */
function onlyProblem(broken: string, at: string): Problem {
  const ps = problems(broken);
  expect(ps, ps.map(formatProblem).join('\n')).toHaveLength(1);
  const p = ps[0]!;
  const lines = broken.split('\n');
  const line = lines.findIndex((l) => l.includes(at)) + 1;
  expect(p.line, formatProblem(p)).toBe(line);
  expect(p.col, formatProblem(p)).toBe(lines[line - 1]!.indexOf(at) + 1);
  return p;
}

describe('loading a scenario', () => {
  it('accepts the valid probe, with no problems', () => {
    const loaded = loadScenario('probe.yaml', VALID);
    expect(loaded.problems).toEqual([]);
    expect(loaded.scenario?.steps).toHaveLength(2);
  });

  it('accepts the same scenario written as JSON', () => {
    const { parse } = require('yaml') as typeof import('yaml');
    const json = JSON.stringify(parse(VALID), null, 2);
    expect(problems(json, 'probe.json')).toEqual([]);
  });

  it('malformed YAML: located, with a hint', () => {
    const p = problems(VALID.replace('description: A small', 'description: [A small'))[0]!;
    // The parser reports where it notices: the unclosed list on line 3, at the latest the next line.
    expect([3, 4]).toContain(p.line);
    expect(p.message).toContain('not valid YAML');
    expect(p.hint).toBeDefined();
  });

  it('a key given twice', () => {
    const ps = problems(VALID.replace('rules: [CONSENT', 'name: Again\nrules: [CONSENT'));
    expect(ps[0]).toMatchObject({ line: 4, message: expect.stringContaining('a key appears twice') });
  });

  it('an unknown key, with the near miss suggested', () => {
    const p = onlyProblem(VALID.replace('offerSwitch: true', 'ofertSwitch: true'), 'ofertSwitch');
    expect(p).toMatchObject({ pointer: '/given/partners/0/users/0/ofertSwitch', message: 'unknown key "ofertSwitch".', hint: 'Did you mean "offerSwitch"?' });
  });

  it('a value of the wrong type', () => {
    const p = onlyProblem(VALID.replace('offerSwitch: true', 'offerSwitch: yes please'), 'yes please');
    expect(p.pointer).toBe('/given/partners/0/users/0/offerSwitch');
    expect(p.message).toContain('must be a boolean');
  });

  it('a missing required key', () => {
    const p = problems(VALID.replace(/^description:.*\n/m, ''))[0]!;
    expect(p).toMatchObject({ pointer: '', message: 'missing required key "description".' });
  });

  it('an unknown action, with the near miss suggested', () => {
    const p = onlyProblem(VALID.replace('do: acceptOffer', 'do: acceptOfer'), 'acceptOfer');
    expect(p).toMatchObject({ pointer: '/steps/1/do', hint: 'Did you mean "acceptOffer"?' });
  });

  it('an unknown rule ID, with the near miss suggested', () => {
    const p = onlyProblem(VALID.replace('rules: [CONSENT-BY-GLOBAL-ADMIN] }', 'rules: [CONSENT-BY-GLOBAL-ADMN] }'), 'CONSENT-BY-GLOBAL-ADMN');
    expect(p).toMatchObject({ pointer: '/steps/1/rules/0', message: '"CONSENT-BY-GLOBAL-ADMN" is not a rule ID of the catalogue.', hint: 'Did you mean "CONSENT-BY-GLOBAL-ADMIN"?' });
  });

  it('an unknown actor, with the near miss suggested', () => {
    const p = onlyProblem(VALID.replace('as: grace', 'as: grase'), 'grase');
    expect(p).toMatchObject({ pointer: '/steps/1/as', message: 'no user is named "grase".', hint: 'Did you mean "grace"?' });
  });

  it('an unknown object', () => {
    const p = onlyProblem(VALID.replace('with: { offer: offer }', 'with: { offer: the-offer }'), 'the-offer');
    expect(p).toMatchObject({ pointer: '/steps/1/with/offer', message: 'no offer is named "the-offer".' });
  });

  it('a name of the wrong kind', () => {
    const p = onlyProblem(VALID.replace('with: { offer: offer }', 'with: { offer: offer, customer: contoso }'), 'contoso }');
    expect(p).toMatchObject({ pointer: '/steps/1/with/customer', message: '"contoso" is a partner, not a customer.' });
  });

  it('a dangling reference: a name used before the step that saves it', () => {
    const broken = VALID.replace(/  - \{ as: alex.*\n(  - \{ as: grace.*\n)/, (_m, grace: string) => `${grace}  - { as: alex, do: createOffer, expect: allowed, save: { offer: offerId } }\n`);
    const p = onlyProblem(broken, 'offer }');
    expect(p).toMatchObject({ pointer: '/steps/0/with/offer', message: '"offer" is used before step 2 saves it.' });
  });

  it('a dangling reference inside given', () => {
    const broken = VALID.replace('users:\n        - { name: grace', 'partners: [{ partner: fabrikam }]\n      users:\n        - { name: grace');
    const p = onlyProblem(broken, 'fabrikam');
    expect(p).toMatchObject({ pointer: '/given/customers/0/partners/0/partner', message: 'no partner is named "fabrikam".' });
  });

  it('a duplicate name (and the reference it leaves dangling)', () => {
    const broken = VALID.replace('- { name: grace', '- { name: alex');
    const ps = problems(broken);
    expect(ps.map((p) => [p.pointer, p.message])).toEqual([
      ['/given/customers/0/users/0/name', 'duplicate name "alex": it already names a user.'],
      ['/steps/1/as', 'no user is named "grace".'],
    ]);
    expect(ps[0]).toMatchObject({ line: 13, col: broken.split('\n')[12]!.indexOf('alex') + 1 });
  });

  it('reports every problem of a file at once, in file order', () => {
    const broken = VALID.replace('offerSwitch: true', 'ofertSwitch: true').replace('as: grace', 'as: grase').replace('do: acceptOffer', 'do: acceptOfer');
    const ps = problems(broken);
    expect(ps.map((p) => p.pointer)).toEqual(['/given/partners/0/users/0/ofertSwitch', '/steps/1/as', '/steps/1/do']);
    expect(ps.every((p, i) => i === 0 || p.line > ps[i - 1]!.line || (p.line === ps[i - 1]!.line && p.col >= ps[i - 1]!.col))).toBe(true);
  });

  it('formats a problem as file:line:col, pointer, message and hint', () => {
    const p = onlyProblem(VALID.replace('as: grace', 'as: grase'), 'grase');
    expect(formatProblem(p)).toMatch(/^probe\.yaml:\d+:\d+ \/steps\/1\/as: no user is named "grase"\. Did you mean "grace"\?$/);
  });
});
