// Cleans up what a person pasted as an API token. No prefix check: Leadping keys have changed
// prefix over time (sk_, lp_) and Signeasy tokens are JWTs, so any header-safe text is accepted.
// No message here ever repeats the input: it is a secret.
import { createHash } from 'node:crypto';

export type TokenCheck = { readonly ok: true; readonly token: string } | { readonly ok: false; readonly message: string };

/** Far beyond any real token or JWT; a paste this long is a mistake (a whole file, a log). */
export const MAX_TOKEN_LENGTH = 8192;
/** Shorter than any real API key or JWT: a paste this short is a fragment (a prefix, half a copy). */
export const MIN_TOKEN_LENGTH = 8;

// Many docs ask for "Bearer <token>" and people paste the whole header value, sometimes twice.
const BEARER_PREFIX = /^(?:bearer\s+)+/i;
// Visible ASCII only: an HTTP header cannot carry anything else.
const HEADER_SAFE = /^[\x21-\x7e]+$/;

export function normalizeToken(input: string | undefined): TokenCheck {
  if (input === undefined || input.trim() === '') {
    return { ok: false, message: 'The token is empty. Paste the API token from your account settings.' };
  }
  if (input.length > MAX_TOKEN_LENGTH) {
    return { ok: false, message: `The token is longer than ${MAX_TOKEN_LENGTH} characters, which no API token is. Check what was pasted.` };
  }
  const token = input.trim().replace(BEARER_PREFIX, '').trim();
  if (token === '' || /^bearer$/i.test(token)) {
    return { ok: false, message: 'Only the word "Bearer" was pasted. Paste the token that follows it.' };
  }
  if (/\s/.test(token)) {
    return { ok: false, message: 'The token contains spaces or line breaks. Paste it as one unbroken line.' };
  }
  if (!HEADER_SAFE.test(token)) {
    return {
      ok: false,
      message:
        'The token contains invisible or non-ASCII characters (such as smart quotes or control characters), which cannot be sent in an HTTP header. Copy it again from the source.',
    };
  }
  if (token.length < MIN_TOKEN_LENGTH) {
    // The length only, never the characters.
    const characters = token.length === 1 ? '1 character' : `${token.length} characters`;
    return { ok: false, message: `The token is only ${characters} long; API tokens are much longer. Paste the whole token.` };
  }
  return { ok: true, token };
}

/**
 * A one-way fingerprint of a token (SHA-256, hex): tells "the same token?" apart, and keys what
 * belongs to a token, without keeping a copy of the token itself.
 */
export function tokenFingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
