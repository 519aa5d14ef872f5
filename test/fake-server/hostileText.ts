// Hostile text: what the fake services' `hostile-text` and `hostile-error` scenarios send, and the
// checkers unit and in-host tests run over what a surface shows. A service's words (names, emails,
// organisation and plan names, labels, error details) are data, never markup, yet VS Code acts on
// syntax: a notification turns [words](command:…) into a link that runs a command, a quick pick or
// the status bar turns $(name) into an icon, a tooltip renders Markdown. The payloads exercise each.

/** Repeated into the 10,000-character payload: letters only, so nothing breaks it into words to wrap at. */
const LONG_UNIT = 'Overflow';
const LONG_LENGTH = 10_000;

/** The payloads, each distinct and recognisable. */
export const HOSTILE = {
  /** Types into the terminal, were a notification (or a trusted tooltip) to render it as a link. */
  commandLink: '[Verify your account](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22echo%20pwned%5Cn%22%7D)',
  webLink: '[Open](https://evil.example/x)',
  image: '![img](https://evil.example/i.png)',
  codicon: '$(zap)',
  html: '<img src=x onerror=alert(1)><b>bold</b>',
  /** A heading and a list item of their own, once Markdown keeps the line breaks. */
  blockMarkdown: 'line one\n# Heading\n- item',
  /** A right-to-left override (the word after it reads backwards) and the four isolates. */
  bidi: '\u202Eevil\u2066\u2067\u2068\u2069',
  /** A bell, an escape (a terminal's control sequences start with it) and a C1 control (CSI). No NUL: some JSON and HTTP code stops at it. */
  controls: 'bell\u0007escape\u001bcsi\u009b',
  long: LONG_UNIT.repeat(LONG_LENGTH / LONG_UNIT.length),
} as const;

export type HostilePayload = keyof typeof HOSTILE;

/**
 * Two mixes of the short payloads that between them hold every one. Each field carries one, with a
 * label of its own, in under 200 characters: a client that bounds a field there still gets it all.
 */
export const HOSTILE_MIXES = {
  /** Led by the command link: what a notification would make clickable. */
  command: ['commandLink', 'codicon', 'html', 'bidi'],
  /** The web link, the image, the line breaks and the controls. */
  web: ['webLink', 'image', 'codicon', 'blockMarkdown', 'controls', 'bidi'],
} as const satisfies Record<string, readonly HostilePayload[]>;

/** `label` after the mix's first payload and before the rest: a value that starts with markup, as an attacker's would. */
export function hostileField(label: string, mix: readonly HostilePayload[]): string {
  const [first, ...rest] = mix.map((payload) => HOSTILE[payload]);
  return [first, label, ...rest].filter((part) => part !== undefined).join(' ');
}

/**
 * The values the `hostile-text` scenarios of both fake services send, by what they stand for; the
 * label in each names the field, so a finding can be traced back to it.
 */
export const HOSTILE_VALUES = {
  displayName: hostileField('Jo Hostile', HOSTILE_MIXES.command),
  firstName: hostileField('Jo', HOSTILE_MIXES.web),
  lastName: hostileField('Hostile', HOSTILE_MIXES.command),
  /** An address is in it, but nothing checks that an email is one. */
  email: hostileField('jo@hostile.example', HOSTILE_MIXES.web),
  userId: hostileField('usr_hostile', HOSTILE_MIXES.web),
  phone: hostileField('+15555550666', HOSTILE_MIXES.web),
  organization: hostileField('Hostile Org', HOSTILE_MIXES.command),
  plan: hostileField('Monthly', HOSTILE_MIXES.web),
  /** The field that is the 10,000-character payload. */
  subscriptionStatus: HOSTILE.long,
  usageChannel: hostileField('sms', HOSTILE_MIXES.command),
  otherUsageChannel: hostileField('voice', HOSTILE_MIXES.web),
  billableUnit: hostileField('segment', HOSTILE_MIXES.web),
  identityIssuer: hostileField('issuer', HOSTILE_MIXES.command),
  identityAssignedId: hostileField('jo@hostile.example', HOSTILE_MIXES.web),
  signInType: hostileField('emailAddress', HOSTILE_MIXES.web),
  certificateUrl: hostileField('https://cert.example/hostile', HOSTILE_MIXES.command),
  certificateSource: hostileField('web form', HOSTILE_MIXES.web),
  /** For text fields the client does not read today: hostile all the same, should it start to. */
  unread: hostileField('unread', HOSTILE_MIXES.command),
} as const;

/** The `hostile-error` scenarios' error message: every payload a quoted error detail could carry, short enough to be quoted whole. */
export const HOSTILE_ERROR_MESSAGE = [HOSTILE.commandLink, HOSTILE.codicon, HOSTILE.html, HOSTILE.blockMarkdown, HOSTILE.bidi].join(' ');

// ---------------------------------------------------------------------------------------------
// Checkers: each returns findings a person can read, one per kind of problem; empty means safe.

export interface UnsafeTextOptions {
  /** A surface that shows several lines (a modal dialog's detail): line breaks are allowed. */
  readonly allowNewlines?: boolean;
  /**
   * The surface's own syntax (the icon before its label, a command link of its own), left out
   * before checking. Name exactly what it writes: a broad pattern would hide the payloads too.
   */
  readonly own?: readonly (string | RegExp)[];
}

/** `[words](target)`, `![alt](src)`: `](` adjacent and a closing `)`, else no renderer parses it. Superset of VS Code's notification link regex. */
const LINK = /!?\[[^[\]]*\]\([^)]*\)/g;
/** VS Code's icon syntax; a backslash before the `$` escapes it. */
const CODICON = /(?<!\\)\$\([a-z0-9-]+(?:~[a-z-]+)?\)/gi;
/** `<` before a letter, `/`, `!` or `?` starts a tag; the rest of it is only quoted. */
const HTML_TAG = /<[a-z/!?][^<>]{0,40}>?/gi;
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
const LINE_BREAKS = /[\n\r\u2028\u2029]/g;
/** C0, DEL and C1 (Unicode's Cc), but for the line breaks, which are reported as such. */
const CONTROL_CHARACTERS = /(?![\n\r])\p{Cc}/gu;
/** Over 500 characters of the long payload: a surface that does not bound service text. */
const LONG_RUN = new RegExp(`(?:${LONG_UNIT}){${Math.floor(500 / LONG_UNIT.length) + 1},}`, 'g');

/**
 * What one line of a plain-text surface (a notification, a quick pick, the status bar, a modal's
 * detail) still holds that it must not. A tag is not a finding there: those surfaces render no HTML
 * and show `<b>` as the characters it is, which is what plain text means (Markdown surfaces differ).
 */
export function findUnsafeText(text: string, options: UnsafeTextOptions = {}): string[] {
  const checked = withoutOwn(text, options.own);
  return [
    ...find('Markdown link or image', checked, LINK),
    ...find('codicon', checked, CODICON),
    ...findCharacters(checked, options.allowNewlines ?? false),
    ...find('over 500 characters of the long payload', checked, LONG_RUN),
  ];
}

/** An image, or a link whose `[` is not an image's; both over text whose escapes are masked (see maskEscapes). */
const MARKDOWN_IMAGE = /!\[[^[\]]*\]\([^)]*\)/g;
const MARKDOWN_LINK = /(?<!!)\[[^[\]]*\]\([^)]*\)/g;
/** GitHub-flavoured Markdown, which VS Code renders, links a bare web address too. */
const BARE_URL = /\b(?:https?:\/\/|www\.)[^\s<]*/gi;
/** The heading and list item of HOSTILE.blockMarkdown: every Markdown surface has headings and lists of its own. */
const PAYLOAD_HEADING = /^[ \t]*#+[ \t]*Heading/gm;
const PAYLOAD_LIST_ITEM = /^[ \t]*[-*+][ \t]+item\b/gm;

/**
 * What a Markdown surface (a tooltip, Copy Summary) still lets service text make: a link, an image,
 * a bare address GFM links, the payload's heading or list item, HTML, an icon; and the characters no
 * surface may show. Line breaks are the surface's own. Escaped characters (a backslash before
 * them) are inert.
 */
export function findUnsafeMarkdown(markdown: string, options: Pick<UnsafeTextOptions, 'own'> = {}): string[] {
  const checked = withoutOwn(markdown, options.own);
  const masked = maskEscapes(checked);
  return [
    ...find('Markdown link', masked, MARKDOWN_LINK, checked),
    ...find('Markdown image', masked, MARKDOWN_IMAGE, checked),
    ...find('bare web address (GFM links it)', masked, BARE_URL, checked),
    ...find('Markdown heading', masked, PAYLOAD_HEADING, checked),
    ...find('Markdown list item', masked, PAYLOAD_LIST_ITEM, checked),
    ...find('HTML tag', masked, HTML_TAG, checked),
    ...find('codicon', iconsAsVsCodeSeesThem(checked), CODICON),
    ...findCharacters(checked, true),
    ...find('over 500 characters of the long payload', checked, LONG_RUN),
  ];
}

/** Markdown's escapable characters: ASCII punctuation. */
const ESCAPED_CHARACTER = /\\([!-/:-@[-`{-~])/g;

/** Each escaped character and its backslash as two inert characters, so no pattern matches them and offsets stay the same. */
function maskEscapes(markdown: string): string {
  return markdown.replace(ESCAPED_CHARACTER, '__');
}

/**
 * VS Code looks for icons in the HTML Markdown rendered, after it dropped the backslashes: only a
 * `$` escaped in the source stays escaped. So `$\(zap\)` is still an icon, `\$(zap)` is not.
 */
function iconsAsVsCodeSeesThem(markdown: string): string {
  return markdown.replace(ESCAPED_CHARACTER, (escape: string, character: string) => (character === '$' ? escape : character));
}

function withoutOwn(text: string, own: readonly (string | RegExp)[] = []): string {
  return own.reduce<string>(
    (rest, syntax) => (typeof syntax === 'string' ? rest.split(syntax).join(' ') : rest.replace(syntax, ' ')),
    text,
  );
}

/** One finding for `pattern` (a global regex) in `searched`, quoting its first match from `shown` (the same text, unmasked). */
function find(kind: string, searched: string, pattern: RegExp, shown = searched): string[] {
  const matches = [...searched.matchAll(pattern)];
  const first = matches[0];
  if (first === undefined) return [];
  const quoted = shown.slice(first.index, first.index + first[0].length);
  return [`${kind}: ${excerpt(quoted)}${matches.length > 1 ? ` (and ${matches.length - 1} more)` : ''}`];
}

function findCharacters(text: string, allowNewlines: boolean): string[] {
  const codePoints = (pattern: RegExp) => [...new Set(text.match(pattern) ?? [])].map(codePointName).join(', ');
  return [
    ['bidi control', codePoints(BIDI_CONTROLS)],
    ['control character', codePoints(CONTROL_CHARACTERS)],
    ['line break', allowNewlines ? '' : codePoints(LINE_BREAKS)],
  ]
    .filter(([, found]) => found !== '')
    .map(([kind, found]) => `${kind}: ${found}`);
}

function codePointName(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Quoted as JSON, so invisible characters show as escapes; bounded, saying how long it was. */
function excerpt(text: string): string {
  const quoted =
    JSON.stringify(text.length > 80 ? `${text.slice(0, 79)}…` : text) + (text.length > 80 ? ` (${text.length} characters)` : '');
  return quoted.replace(
    /[\u0080-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]/g,
    (character) => `\\u${codePointName(character).slice(2)}`,
  );
}
