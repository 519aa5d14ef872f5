// The token written the ways servers have been seen to echo it back, for the token-echo scenarios
// (sharedScenarios.ts) and the redaction tests that must see through every one of them.

const code = (character: string) => character.charCodeAt(0);
const hex = (character: string) => code(character).toString(16).padStart(2, '0');

/** Soft hyphen, zero-width space/non-joiner/joiner, word joiner and <wbr>, in turn, between characters. */
export function spellWithSoftBreaks(token: string): string {
  const breaks = ['\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '<wbr>'];
  return [...token].map((character, index) => `${character}${index < token.length - 1 ? breaks[index % breaks.length] : ''}`).join('');
}

/** Decimal, hex and named HTML entities and plain characters, in turn. */
export function spellAsEntities(token: string): string {
  const named: Record<string, string> = { _: '&lowbar;', '.': '&period;', '&': '&amp;' };
  const spellings = [
    (c: string) => `&#${code(c)};`,
    (c: string) => `&#x${hex(c)};`,
    (c: string) => named[c] ?? `&#X${hex(c).toUpperCase()};`,
    (c: string) => c,
  ];
  return [...token].map((character, index) => spellings[index % spellings.length]?.(character) ?? character).join('');
}

/** Wrapped every five characters with CRLF and a tab, a newline, a space or CRLF and spaces, in turn. */
export function spellWithLineBreaks(token: string): string {
  const breaks = ['\r\n\t', '\n', ' ', '\r\n  '];
  return (token.match(/.{1,5}/gs) ?? [])
    .map((chunk, index) => (index === 0 ? chunk : `${breaks[(index - 1) % breaks.length]}${chunk}`))
    .join('');
}

/** Every character percent-encoded, letters too, in lower-case hex. */
export function spellAsLowerPercent(token: string): string {
  return [...token].map((character) => `%${hex(character)}`).join('');
}

/** Base64 at all three byte alignments: of the token, of "Bearer <token>" and, URL-safe unpadded, of "user:<token>". */
export function spellAsBase64(token: string): string {
  return `${Buffer.from(token).toString('base64')}, ${Buffer.from(`Bearer ${token}`).toString('base64')}, ${Buffer.from(`user:${token}`).toString('base64url')}`;
}

/** JSON \u escapes in both cases, with a JSON "\n" every fourth character. Goes into a JSON string as-is. */
export function spellAsJsonEscapes(token: string): string {
  return [...token]
    .map((character, index) => `\\u00${index % 2 ? hex(character).toUpperCase() : hex(character)}${index % 4 === 3 ? '\\n' : ''}`)
    .join('');
}
