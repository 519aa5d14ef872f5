// Every sentence the core produces passes through here before anyone sees it: services have been
// known to echo the credential back in error bodies, and a token must never reach a log or a UI.

const REDACTED = '[redacted]';

// "Authorization: anything" (also as a JSON key) up to the end of the line or a closing quote.
const AUTHORIZATION_HEADER = /\b(authorization)(["']?\s*[:=]\s*["']?)[^\r\n"']+/gi;
// "Bearer <credential>" wherever it appears.
const BEARER_CREDENTIAL = /\b(bearer)(\s+)[^\s"',;]+/gi;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret === '') continue;
    // The encoded spelling too: a token may come back inside a URL.
    for (const spelling of new Set([secret, encodeURIComponent(secret)])) {
      result = result.replace(new RegExp(escapeRegExp(spelling), 'g'), REDACTED);
    }
  }
  return result
    .replace(AUTHORIZATION_HEADER, (_match, name: string, separator: string) => `${name}${separator}${REDACTED}`)
    .replace(BEARER_CREDENTIAL, (_match, scheme: string, space: string) => `${scheme}${space}${REDACTED}`);
}
