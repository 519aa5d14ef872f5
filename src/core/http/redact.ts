// Every sentence the core produces passes through here before anyone sees it: services have been
// known to echo the credential back in error bodies, and a token must never reach a log or a UI.
//
// An echo is not always verbatim. A server may percent-encode it (any case, even plain letters),
// write it as HTML entities or JSON \u escapes, break it with soft hyphens, zero-width spaces,
// <wbr>, newlines or "\n", or send base64 of it (of "Bearer <token>", say). So the text is also
// read as the characters it stands for, each escape counting as its character and invisible junk as
// nothing, and each secret, with its base64 at every byte alignment, is looked for there by plain
// substring search. That stays linear on a megabyte of text, where one big regex per secret could
// backtrack; the original span behind each match is what gets replaced.

export const REDACTED = '[redacted]';

// "Authorization: anything" (also as a JSON key) up to the end of the line or a closing quote.
const AUTHORIZATION_HEADER = /\b(authorization)(["']?\s*[:=]\s*["']?)[^\r\n"']+/gi;
// "Bearer <credential>" wherever it appears.
const BEARER_CREDENTIAL = /\b(bearer)(\s+)[^\s"',;]+/gi;

export function redactSecrets(text: string, secrets: readonly string[]): string {
  const forms = [...new Set(secrets.flatMap(searchForms))];
  return replaceSpans(text, forms.length === 0 ? [] : findSpans(text, forms))
    .replace(AUTHORIZATION_HEADER, (_match, name: string, separator: string) => `${name}${separator}${REDACTED}`)
    .replace(BEARER_CREDENTIAL, (_match, scheme: string, space: string) => `${scheme}${space}${REDACTED}`);
}

// ---------------------------------------------------------------------------------------------
// What to look for

/** A derived form shorter than this (a base64 run, a decoded oddity) would match ordinary words. */
const MIN_DERIVED_FORM_LENGTH = 6;

/** The strings that stand for `secret` once the text has been read as characters (see readText). */
function searchForms(secret: string): string[] {
  const plain = withoutJunk(secret);
  if (plain === '') return [];
  const decoded = readText(secret, 'all').text;
  const derived = [
    // A secret that itself looks like an escape ("%41", "\n") may be echoed as what it looks like.
    decoded,
    readText(decoded, 'all').text,
    // Escaped as a JSON string and then shown as-is ("\\" for "\").
    withoutJunk(JSON.stringify(secret).slice(1, -1)),
    ...base64Forms(secret),
  ].filter((form) => form.length >= MIN_DERIVED_FORM_LENGTH);
  return [plain, ...derived];
}

/**
 * The part of the base64 of `secret` that does not depend on its neighbours, for each of the three
 * byte alignments it can have inside a longer run ("Bearer <token>", "user:<token>"), in the
 * standard and the URL-safe alphabet. Padding never falls inside, so padded or not is the same.
 */
function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms: string[] = [];
  for (const offset of [0, 1, 2]) {
    // Character i of base64 holds bits [6i, 6i + 6); keep those wholly inside the secret's bytes.
    const first = Math.ceil((8 * offset) / 6);
    const end = Math.floor((8 * (offset + bytes.length)) / 6);
    const standard = Buffer.concat([Buffer.alloc(offset), bytes, Buffer.alloc(2)])
      .toString('base64')
      .slice(first, end);
    forms.push(standard, standard.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return forms;
}

// ---------------------------------------------------------------------------------------------
// Reading text as the characters it stands for

/** Invisible between a token's characters: whitespace (newlines too), control and format characters (soft hyphen, zero-width). */
const JUNK_CHARACTERS = /[\s\p{Cc}\p{Cf}]/gu;
const JUNK_CHARACTER = new RegExp(`^${JUNK_CHARACTERS.source}$`, 'u');
let junkTable: Uint8Array | undefined;

function isJunk(code: number): boolean {
  // Visible ASCII, the usual case, is never junk.
  if (code > 0x20 && code < 0x7f) return false;
  if (code > 0xffff) return JUNK_CHARACTER.test(String.fromCodePoint(code));
  junkTable ??= buildJunkTable();
  return junkTable[code] === 1;
}

function buildJunkTable(): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (let code = 0; code < table.length; code++) table[code] = JUNK_CHARACTER.test(String.fromCharCode(code)) ? 1 : 0;
  return table;
}

function withoutJunk(text: string): string {
  return text.replace(JUNK_CHARACTERS, '');
}

/** What one spelling stands for and how much text it takes; `code` is TAG for markup, which stands for nothing. */
interface Spelling {
  readonly code: number;
  readonly length: number;
}

const TAG = -1;
const NUMERIC_ENTITY = /&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));?/y;
const NAMED_ENTITY = /&([A-Za-z]{2,24});/y;
/** JSON and JavaScript escapes: \u0041, \x41, \n and friends, and \" \' \\ \/ for the character itself. */
const BACKSLASH_ESCAPE = /\\(?:u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|([nrtbfv])|(["'\\/]))/y;
/** Short markup such as <wbr>, </span><span> or <!-- -->: bounded, so a stray "<" costs little. */
const SHORT_TAG = /<[!/?]?[A-Za-z-][^<>]{0,80}>/y;
const CONTROL_ESCAPES: Readonly<Record<string, number>> = { n: 0x0a, r: 0x0d, t: 0x09, b: 0x08, f: 0x0c, v: 0x0b };

/** HTML names for the punctuation a token may hold, and for the invisible characters that may split one. */
const NAMED_ENTITIES: Readonly<Record<string, number>> = {
  amp: 0x26,
  AMP: 0x26,
  lt: 0x3c,
  LT: 0x3c,
  gt: 0x3e,
  GT: 0x3e,
  quot: 0x22,
  QUOT: 0x22,
  apos: 0x27,
  excl: 0x21,
  num: 0x23,
  dollar: 0x24,
  percnt: 0x25,
  lpar: 0x28,
  rpar: 0x29,
  ast: 0x2a,
  midast: 0x2a,
  plus: 0x2b,
  comma: 0x2c,
  period: 0x2e,
  sol: 0x2f,
  colon: 0x3a,
  semi: 0x3b,
  equals: 0x3d,
  quest: 0x3f,
  commat: 0x40,
  lsqb: 0x5b,
  lbrack: 0x5b,
  bsol: 0x5c,
  rsqb: 0x5d,
  rbrack: 0x5d,
  Hat: 0x5e,
  lowbar: 0x5f,
  UnderBar: 0x5f,
  grave: 0x60,
  DiacriticalGrave: 0x60,
  lcub: 0x7b,
  lbrace: 0x7b,
  verbar: 0x7c,
  vert: 0x7c,
  VerticalLine: 0x7c,
  rcub: 0x7d,
  rbrace: 0x7d,
  Tab: 0x09,
  NewLine: 0x0a,
  nbsp: 0xa0,
  NonBreakingSpace: 0xa0,
  shy: 0xad,
  ensp: 0x2002,
  emsp: 0x2003,
  thinsp: 0x2009,
  hairsp: 0x200a,
  ZeroWidthSpace: 0x200b,
  zwnj: 0x200c,
  zwj: 0x200d,
  lrm: 0x200e,
  rlm: 0x200f,
  NoBreak: 0x2060,
  InvisibleTimes: 0x2062,
  InvisibleComma: 0x2063,
};

function hexDigit(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

function readPercentByte(text: string, at: number): number | undefined {
  if (text.charCodeAt(at) !== 0x25) return undefined;
  const high = hexDigit(text.charCodeAt(at + 1));
  const low = hexDigit(text.charCodeAt(at + 2));
  return high < 0 || low < 0 ? undefined : high * 16 + low;
}

/** `%hh` in either case, or a UTF-8 sequence of them (a soft hyphen is %C2%AD). */
function readPercentEscape(text: string, at: number): Spelling | undefined {
  const lead = readPercentByte(text, at);
  if (lead === undefined) return undefined;
  if (lead < 0x80) return { code: lead, length: 3 };
  const continuations = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : lead >= 0xc0 ? 1 : 0;
  let code = lead & (0x3f >> continuations);
  for (let index = 1; index <= continuations; index++) {
    const byte = readPercentByte(text, at + 3 * index);
    if (byte === undefined || (byte & 0xc0) !== 0x80) return { code: 0xfffd, length: 3 };
    code = (code << 6) | (byte & 0x3f);
  }
  return continuations === 0 ? { code: 0xfffd, length: 3 } : { code, length: 3 * (continuations + 1) };
}

function readEntity(text: string, at: number): Spelling | undefined {
  NUMERIC_ENTITY.lastIndex = at;
  const numeric = NUMERIC_ENTITY.exec(text);
  if (numeric) {
    const code = numeric[1] === undefined ? Number(numeric[2]) : Number.parseInt(numeric[1], 16);
    return { code: code > 0x10ffff ? 0xfffd : code, length: numeric[0].length };
  }
  NAMED_ENTITY.lastIndex = at;
  const named = NAMED_ENTITY.exec(text);
  const name = named?.[1];
  return named && name !== undefined && Object.hasOwn(NAMED_ENTITIES, name)
    ? { code: NAMED_ENTITIES[name] ?? 0xfffd, length: named[0].length }
    : undefined;
}

function readBackslashEscape(text: string, at: number, decoding: Decoding): Spelling | undefined {
  BACKSLASH_ESCAPE.lastIndex = at;
  const escape = BACKSLASH_ESCAPE.exec(text);
  if (!escape) return undefined;
  const [whole, unicode, hex, control, punctuation] = escape;
  if (punctuation === '\\' && decoding === 'allButDoubleBackslash') return undefined;
  const code =
    unicode !== undefined
      ? Number.parseInt(unicode, 16)
      : hex !== undefined
        ? Number.parseInt(hex, 16)
        : control !== undefined
          ? (CONTROL_ESCAPES[control] ?? 0xfffd)
          : (punctuation ?? '\ufffd').charCodeAt(0);
  return { code, length: whole.length };
}

function readTag(text: string, at: number): Spelling | undefined {
  SHORT_TAG.lastIndex = at;
  const tag = SHORT_TAG.exec(text);
  return tag ? { code: TAG, length: tag[0].length } : undefined;
}

/** %, &, \ and <: the only characters an escape or a tag starts with. */
const ESCAPE_STARTS = new Set([0x25, 0x26, 0x5c, 0x3c]);

function readSpelling(text: string, at: number, decoding: Decoding): Spelling | undefined {
  switch (text.charCodeAt(at)) {
    case 0x25: // %
      return readPercentEscape(text, at);
    case 0x26: // &
      return readEntity(text, at);
    case 0x5c: // \
      return readBackslashEscape(text, at, decoding);
    case 0x3c: // <
      return readTag(text, at);
    default:
      return undefined;
  }
}

/** Text read as characters, junk left out, with where each character was spelled in the source. */
interface ReadText {
  readonly text: string;
  /** Character i of `text` came from source[starts[i], ends[i]). */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

/**
 * How a reading treats escapes. 'none' only drops junk characters (an echo verbatim but broken
 * up). 'allButDoubleBackslash' reads "\\u0041" as a backslash and an "A", not as "\u0041": the
 * other way to read it, which matters only for a secret with a backslash of its own.
 */
type Decoding = 'none' | 'all' | 'allButDoubleBackslash';

// UTF-16 decoding keeps one unit per unit (a lone surrogate becomes U+FFFD), so offsets stay valid.
const UTF16 = new TextDecoder('utf-16le', { ignoreBOM: true });

/** One pass over `source`. */
function readText(source: string, decoding: Decoding): ReadText {
  const codes = new Uint16Array(source.length);
  const starts = new Int32Array(source.length);
  const ends = new Int32Array(source.length);
  let count = 0;
  for (let at = 0; at < source.length;) {
    let code = source.charCodeAt(at);
    let length = 1;
    const spelling = decoding !== 'none' && ESCAPE_STARTS.has(code) ? readSpelling(source, at, decoding) : undefined;
    if (spelling) ({ code, length } = spelling);
    if (code !== TAG && !isJunk(code)) {
      // Beyond the BMP nothing can be part of a token; one stand-in unit keeps the offsets simple.
      codes[count] = code > 0xffff ? 0xfffd : code;
      starts[count] = at;
      ends[count] = at + length;
      count++;
    }
    at += length;
  }
  return { text: UTF16.decode(codes.subarray(0, count)), starts: starts.subarray(0, count), ends: ends.subarray(0, count) };
}

/** Reads already-read text once more (escapes of escapes: "%2541", "&amp;#108;"), offsets still into the source. */
function readAgain(once: ReadText): ReadText {
  const twice = readText(once.text, 'all');
  return {
    text: twice.text,
    starts: twice.starts.map((index) => once.starts[index] ?? 0),
    ends: twice.ends.map((end) => once.ends[end - 1] ?? 0),
  };
}

// ---------------------------------------------------------------------------------------------
// Finding and replacing

type Span = readonly [start: number, end: number];

/** How many characters at either end of a secret an escape in the text next to it can swallow ("\" before "n…", "50%" before "4f…"). */
const MAX_SWALLOWED = 4;

function findSpans(text: string, forms: readonly string[]): Span[] {
  const decoded = readText(text, 'all');
  const readings = [readText(text, 'none'), decoded];
  if (/[%&\\<]/.test(decoded.text)) readings.push(readAgain(decoded));
  if (forms.some((form) => form.includes('\\'))) readings.push(readText(text, 'allButDoubleBackslash'));
  const spans: Span[] = [];
  for (const reading of readings) {
    for (const form of forms) {
      // Look for the middle, then take in as much of each end as is there (see headStart).
      const trim = Math.min(MAX_SWALLOWED, Math.max(0, Math.floor((form.length - MIN_DERIVED_FORM_LENGTH) / 2)));
      const core = form.slice(trim, form.length - trim);
      for (let at = reading.text.indexOf(core); at !== -1; at = reading.text.indexOf(core, at + core.length)) {
        const head = headStart(reading.text, at, form.slice(0, trim));
        const tail = tailEnd(reading.text, at + core.length, form.slice(form.length - trim));
        // More missing than neighbours can swallow: a word that shares the middle, not the secret.
        if (head.missing + tail.missing > MAX_SWALLOWED) continue;
        const start = head.index < 0 ? 0 : (reading.starts[head.index] ?? 0);
        const end = tail.index > reading.text.length ? text.length : (reading.ends[tail.index - 1] ?? text.length);
        spans.push([start, end]);
      }
    }
  }
  return spans;
}

/** Where a match ends on one side, and how many of the secret's characters were not there. */
interface MatchEdge {
  readonly index: number;
  readonly missing: number;
}

/**
 * Where a match whose middle starts at `at` begins, taking in as much of `head` as precedes it.
 * Characters missing means the neighbour before swallowed them into an escape, so it goes too
 * (-1: everything from the start of the text, when that neighbour read as nothing).
 */
function headStart(text: string, at: number, head: string): MatchEdge {
  let start = at;
  let matched = 0;
  while (matched < head.length && start > 0 && text[start - 1] === head[head.length - 1 - matched]) {
    start--;
    matched++;
  }
  const missing = head.length - matched;
  return { index: missing > 0 ? start - 1 : start, missing };
}

/** tailEnd mirrors headStart: the (exclusive) end, past text.length meaning "to the end of the text". */
function tailEnd(text: string, end: number, tail: string): MatchEdge {
  let stop = end;
  let matched = 0;
  while (matched < tail.length && stop < text.length && text[stop] === tail[matched]) {
    stop++;
    matched++;
  }
  const missing = tail.length - matched;
  return { index: missing > 0 ? stop + 1 : stop, missing };
}

/** Each run of overlapping or touching spans becomes one marker. */
function replaceSpans(text: string, spans: Span[]): string {
  if (spans.length === 0) return text;
  spans.sort((a, b) => a[0] - b[0]);
  let result = '';
  let copiedUpTo = 0;
  let runEnd = -1;
  for (const [start, end] of spans) {
    if (start > runEnd) {
      result += text.slice(copiedUpTo, start) + REDACTED;
    }
    runEnd = Math.max(runEnd, end);
    copiedUpTo = runEnd;
  }
  return result + text.slice(copiedUpTo);
}
