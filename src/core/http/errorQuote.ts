// The service's own words from an error body, made fit to quote in a message: the human part of a
// problem document, a JSON error or a web page's title, as one plain bounded line with no markup,
// no invisible characters and no token. Kept apart from the fetcher, which decides what an answer
// means; this only decides which of its words may be repeated.
import { REDACTED, redactSecrets } from './redact';

/** Longest quote a message carries: a sentence or two of the service's words. */
const MAX_QUOTED_DETAIL = 200;

/** Only the start of an error body is ever read for a quote: plenty for a message, and it bounds the redaction work. */
const MAX_QUOTABLE_BODY_CHARS = 64 * 1024;

/**
 * The human part of an error body: RFC 9457 title/detail, `{status,message}`, or a web page's title.
 * The body is redacted as it came, before parsing or clean-up could turn an escaped or broken-up
 * echo of the token into something else, and the quote is redacted again at the end.
 */
export function describeErrorBody(text: string, contentType: string, secrets: readonly string[]): string | undefined {
  const body = redactSecrets(withoutByteOrderMark(text).slice(0, MAX_QUOTABLE_BODY_CHARS), secrets);
  let found: string | undefined;
  if (looksLikeHtml(body, contentType)) {
    const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(body)?.[1] ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(body)?.[1];
    found = title ?? body;
  } else {
    try {
      found = describeJsonError(JSON.parse(body) as unknown);
    } catch {
      found = body;
    }
  }
  return found === undefined ? undefined : sanitizeQuote(found, secrets);
}

/** Some servers start UTF-8 with a byte order mark, which JSON.parse refuses. */
export function withoutByteOrderMark(text: string): string {
  return text.startsWith('\ufeff') ? text.slice(1) : text;
}

function describeJsonError(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const record = body as Record<string, unknown>;
  const text = (key: string) =>
    typeof record[key] === 'string' && (record[key] as string).trim() !== '' ? (record[key] as string).trim() : undefined;
  const title = text('title');
  const detail = text('detail') ?? text('message') ?? text('error_description') ?? text('error');
  if (title && detail && title !== detail) return `${title}: ${detail}`;
  return detail ?? title;
}

/** Quotable service text: no markup, no control or invisible characters, one line, no token; bounded last, so a cut never leaves part of a token. */
function sanitizeQuote(text: string, secrets: readonly string[]): string | undefined {
  const plain = redactSecrets(
    text
      .replace(/<[^>]*>/g, ' ')
      .replace(/&[a-z#0-9]+;/gi, ' ')
      .replace(/\p{Cf}/gu, '')
      .replace(/\p{Cc}/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
    secrets,
  );
  if (plain === '') return undefined;
  return truncateQuote(plain);
}

/** At most MAX_QUOTED_DETAIL characters, with an ellipsis when cut: the fetcher bounds a bug's exception message with it too. */
export function truncateQuote(text: string): string {
  if (text.length <= MAX_QUOTED_DETAIL) return text;
  let cut = MAX_QUOTED_DETAIL - 1;
  // Cut before a marker rather than through it: "[reda…" reads like a glitch.
  const marker = text.lastIndexOf(REDACTED, cut - 1);
  if (marker !== -1 && marker + REDACTED.length > cut) cut = marker;
  return `${text.slice(0, cut).trimEnd()}…`;
}

/** A web page rather than JSON, by its content type or its first tag (the fetcher asks this of a successful answer too). */
export function looksLikeHtml(text: string, contentType: string): boolean {
  return /\bhtml\b/i.test(contentType) || /^\s*<(!doctype|html|head|body)/i.test(text);
}
