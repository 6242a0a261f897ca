import { describe, expect, it } from 'vitest';
import { INVALID_CODES, REFUSAL_CODES, allow, allowResult, invalid, isAllowed, isNo, refuse, under } from './decision.ts';

describe('decisions', () => {
  it('an allowed action carries its rules and effects, and no effects when given none', () => {
    expect(allow(['OFFER-CERTIFIED'])).toEqual({ outcome: 'allowed', rules: ['OFFER-CERTIFIED'], effects: [], result: undefined });
    const effects = [{ type: 'offer.created', offerId: 'o-1' }] as const;
    expect(allow(['OFFER-CERTIFIED'], effects)).toEqual({ outcome: 'allowed', rules: ['OFFER-CERTIFIED'], effects, result: undefined });
    expect(allowResult(['GRANT-SIGNIN'], [1, 2])).toEqual({ outcome: 'allowed', rules: ['GRANT-SIGNIN'], effects: [], result: [1, 2] });
  });

  it("a refusal's message is its code's stable text, with any detail after one space", () => {
    const r = refuse('NO_DAP', ['GRANT-SIGNIN']);
    expect(r).toMatchObject({ outcome: 'refused', code: 'NO_DAP', rules: ['GRANT-SIGNIN'], message: REFUSAL_CODES.NO_DAP });
    expect(refuse('NO_DAP', ['GRANT-SIGNIN'], 'Partner A, customer 1.').message).toBe(`${REFUSAL_CODES.NO_DAP} Partner A, customer 1.`);
    expect(refuse('NO_DAP', [], '').message).toBe(`${REFUSAL_CODES.NO_DAP} `);
  });

  it('a composed detail is written when the message is first read, from the records the refusal names', () => {
    let composed = 0;
    const detail = (who: { name: string }, where: string): string => {
      composed += 1;
      return `"${who.name}" is not in ${where}.`;
    };
    const r = refuse('NOT_A_MEMBER', ['GRANT-SIGNIN'], detail, { name: 'Ann' }, 'Contoso');
    expect(composed).toBe(0);
    expect(r.message).toBe(`${REFUSAL_CODES.NOT_A_MEMBER} "Ann" is not in Contoso.`);
    expect(r.message).toBe(`${REFUSAL_CODES.NOT_A_MEMBER} "Ann" is not in Contoso.`);
    expect(composed).toBe(1);
  });

  it('a refusal shows outcome, code and rules to equality, adds its message in JSON, and shows nothing of how the message is kept', () => {
    const r = refuse('NO_DAP', ['CONSENT-REQUIRED'], (n: number) => `n=${n}`, 7);
    expect(Object.keys(r).sort()).toEqual(['code', 'outcome', 'rules']);
    expect(JSON.parse(JSON.stringify(r))).toEqual({ outcome: 'refused', code: 'NO_DAP', rules: ['CONSENT-REQUIRED'], message: `${REFUSAL_CODES.NO_DAP} n=7` });
    expect(r).toEqual(refuse('NO_DAP', ['CONSENT-REQUIRED'], 'other words'));
    expect(r).not.toEqual(refuse('NO_DAP', ['GRANT-SIGNIN']));
  });

  it("an invalid answer names no rule; its message is its code's stable text, with any detail after one space", () => {
    const i = invalid('UNKNOWN_TENANT', '/tenantId');
    expect(i).toMatchObject({ outcome: 'invalid', code: 'UNKNOWN_TENANT', path: '/tenantId', rules: [], message: INVALID_CODES.UNKNOWN_TENANT });
    expect(invalid('UNKNOWN_TENANT', '/tenantId', 'nowhere').message).toBe(`${INVALID_CODES.UNKNOWN_TENANT} nowhere`);
  });

  it('under moves the path under a prefix and keeps code and message', () => {
    const i = under('/devices/2', invalid('MALFORMED', '/serialNumber', 'Expected a string.'));
    expect(i).toMatchObject({ outcome: 'invalid', code: 'MALFORMED', path: '/devices/2/serialNumber', rules: [], message: `${INVALID_CODES.MALFORMED} Expected a string.` });
    expect(isNo(i)).toBe(true);
  });

  it('isNo is true for refusals and invalid answers only; isAllowed for allowed only', () => {
    expect(isNo(refuse('NO_DAP', []))).toBe(true);
    expect(isNo(invalid('MALFORMED', '/x'))).toBe(true);
    expect(isNo(allow([]))).toBe(false);
    expect(isNo({ outcome: 'refused', code: 'NO_DAP', rules: [], message: '' })).toBe(false);
    expect(isNo('a value')).toBe(false);
    expect(isAllowed(allow([]))).toBe(true);
    expect(isAllowed(refuse('NO_DAP', []))).toBe(false);
    expect(isAllowed(invalid('MALFORMED', '/x'))).toBe(false);
  });
});
