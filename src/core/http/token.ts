// Cleans up what a person pasted as an API token. No prefix check: Leadping keys have changed
// prefix over time (sk_, lp_) and Signeasy tokens are JWTs, so any header-safe text is accepted.
// No problem reported here ever carries the input: it is a secret.
import { createHash } from 'node:crypto';

/** Why a pasted token cannot be used; the UI words it. Never carries the token, nor any of its characters. */
export type TokenProblem =
  | { readonly reason: 'empty' | 'onlyBearer' | 'whitespace' | 'notHeaderSafe' }
  /** A service that signs in with HTTP Basic needs `user:secret`, and this has no user or no secret. */
  | { readonly reason: 'notUserAndSecret' }
  | { readonly reason: 'tooLong'; readonly maxLength: number }
  /** Only the length is kept: even a fragment of a token is secret. */
  | { readonly reason: 'tooShort'; readonly length: number };

export type TokenCheck = { readonly ok: true; readonly token: string } | { readonly ok: false; readonly problem: TokenProblem };

/** Far beyond any real token or JWT; a paste this long is a mistake (a whole file, a log). */
export const MAX_TOKEN_LENGTH = 8192;
/** Shorter than any real API key or JWT: a paste this short is a fragment (a prefix, half a copy). */
export const MIN_TOKEN_LENGTH = 8;

// Many docs ask for "Bearer <token>" and people paste the whole header value, sometimes twice.
const BEARER_PREFIX = /^(?:bearer\s+)+/i;
// Visible ASCII only: an HTTP header cannot carry anything else.
const HEADER_SAFE = /^[\x21-\x7e]+$/;

export function normalizeToken(input: string | undefined): TokenCheck {
  const refuse = (problem: TokenProblem): TokenCheck => ({ ok: false, problem });
  if (input === undefined || input.trim() === '') return refuse({ reason: 'empty' });
  if (input.length > MAX_TOKEN_LENGTH) return refuse({ reason: 'tooLong', maxLength: MAX_TOKEN_LENGTH });
  const token = input.trim().replace(BEARER_PREFIX, '').trim();
  if (token === '' || /^bearer$/i.test(token)) return refuse({ reason: 'onlyBearer' });
  if (/\s/.test(token)) return refuse({ reason: 'whitespace' });
  if (!HEADER_SAFE.test(token)) return refuse({ reason: 'notHeaderSafe' });
  if (token.length < MIN_TOKEN_LENGTH) return refuse({ reason: 'tooShort', length: token.length });
  return { ok: true, token };
}

/**
 * A one-way fingerprint of a token (SHA-256, hex): tells "the same token?" apart, and keys what
 * belongs to a token, without keeping a copy of the token itself.
 */
export function tokenFingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
