// Text a service sent, made fit to be held in the model: one line, no control or invisible
// characters (bidi overrides could make a name read backwards; a newline could forge a log line),
// and bounded, so 10,000 characters of "name" cannot swamp a toast or a row. What it does NOT do
// is make text inert for a surface that renders links, icons or Markdown: that is decided per
// kind of surface in src/views/viewModels/surfaceText.ts.

/** Longest piece of service text kept: a name, an email, a plan, a label on a counter. */
export const MAX_SERVICE_TEXT_LENGTH = 200;

const ELLIPSIS = '…';

/** One clean line of `text`, at most `maxLength` characters (cut with an ellipsis); empty when nothing visible is left. */
export function cleanServiceText(text: string, maxLength = MAX_SERVICE_TEXT_LENGTH): string {
  const line = text
    .replace(/\p{Cf}/gu, '')
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return shorten(line, maxLength);
}

/** `text` cut to `maxLength` characters, the last of them an ellipsis; never inside a surrogate pair. */
export function shorten(text: string, maxLength: number): string {
  const characters = Array.from(text);
  if (characters.length <= maxLength) return text;
  return `${characters
    .slice(0, Math.max(0, maxLength - 1))
    .join('')
    .trimEnd()}${ELLIPSIS}`;
}
