/**
 * Bearer tokens in the shape of Entra v1 access tokens (header.claims.signature, base64url), signed
 * with HS256 by the mock's own key. Real tokens are RS256; clients treat them as opaque, and the
 * mock only needs to tell its own, unexpired tokens for the right service from anything else.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { MockState } from './state.ts';

/** The services a token can be for, by their resource URI (the `aud` of v1 tokens). */
export const AUDIENCES = {
  graph: 'https://graph.microsoft.com',
  partnerCenter: 'https://api.partnercenter.microsoft.com',
  arm: 'https://management.azure.com/',
} as const;

export type Service = keyof typeof AUDIENCES;

export interface Claims {
  readonly aud: string;
  readonly iss: string;
  /** The home tenant's issuer, when the user signs in to another tenant (a partner agent in a customer). */
  readonly idp?: string;
  readonly tid: string;
  readonly oid: string;
  readonly upn: string;
  readonly name: string;
  readonly scp: string;
  /** Template ids of the directory roles the sign-in carried (explicit or, for DAP, implicit). */
  readonly wids: readonly string[];
  readonly iat: number;
  readonly nbf: number;
  readonly exp: number;
  readonly ver: '1.0';
}

const b64 = (data: string | Buffer) => Buffer.from(data).toString('base64url');

export function issueToken(state: MockState, claims: Claims): string {
  const head = b64(JSON.stringify({ typ: 'JWT', alg: 'HS256', kid: 'dapsim' }));
  const body = b64(JSON.stringify(claims));
  const sig = createHmac('sha256', state.signingKey).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

export type TokenProblem = 'missing' | 'malformed' | 'bad-signature' | 'expired' | 'wrong-audience';

/** The claims of a valid token for the service, or what is wrong with it. */
/**
 * Tokens whose signature this mock has checked, by token text, per signing key: a client sends the
 * same token on every request, and the HMAC was the largest cost of a served request. Expiry and
 * audience are still checked on every call.
 */
const verified = new WeakMap<Buffer, Map<string, Claims>>();
const VERIFIED_LIMIT = 10_000;

export function verifyToken(state: MockState, authorization: string | null, service: Service): Claims | TokenProblem {
  if (authorization === null || !/^Bearer\s+\S/i.test(authorization)) return 'missing';
  const token = authorization.replace(/^Bearer\s+/i, '').trim();
  let cache = verified.get(state.signingKey);
  if (cache === undefined) verified.set(state.signingKey, (cache = new Map()));
  let claims = cache.get(token);
  if (claims === undefined) {
    const parts = token.split('.');
    if (parts.length !== 3) return 'malformed';
    const expected = createHmac('sha256', state.signingKey).update(`${parts[0]}.${parts[1]}`).digest();
    const given = Buffer.from(parts[2]!, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'bad-signature';
    try {
      claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Claims;
    } catch {
      return 'malformed';
    }
    if (cache.size >= VERIFIED_LIMIT) cache.clear();
    cache.set(token, claims);
  }
  if (typeof claims.exp !== 'number' || claims.exp <= state.now()) return 'expired';
  if (claims.aud !== AUDIENCES[service]) return 'wrong-audience';
  return claims;
}

export const TOKEN_PROBLEM_MESSAGES: Readonly<Record<TokenProblem, string>> = {
  missing: 'Access token is empty.',
  malformed: 'CompactToken parsing failed with error code: 80049217',
  'bad-signature': 'Access token validation failure. Invalid signature.',
  expired: 'Lifetime validation failed, the token is expired.',
  'wrong-audience': 'Access token validation failure. Invalid audience.',
};
