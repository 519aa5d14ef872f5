// How text becomes text on each kind of VS Code surface, decided once. Whatever a service sent
// (names, emails, plans, counter labels, error details) can hold syntax a surface would act on:
// notifications and input-box messages turn [words](command:…) into a link that runs a command,
// quick picks and the status bar turn $(name) into an icon, tooltips and Copy Summary render
// Markdown, the Credit History webview renders HTML. Call sites never escape by hand: the
// surfaces' one door (src/commands/prompts.ts for messages, picks and prompts; the view models for
// tooltips, summaries and the webview's page) passes their text through here. No `vscode` import: tested in plain Node.
import { shorten } from '../../core/text/serviceText';

/** Placed between the two characters that would start a link target or an icon: invisible, and no parser matches across it. */
const WORD_JOINER = '\u2060';

/** Longest message a surface gets, whoever wrote it: a notification is a sentence or three. */
const MAX_SURFACE_TEXT_LENGTH = 1000;

/**
 * One line for a surface that renders links and icons (notifications, quick pick labels and
 * descriptions, input-box prompts and validation messages, status-bar text, the Accounts menu):
 * it reads exactly as written, but `](` can no longer start a link nor `$(` an icon.
 */
export function plainText(text: string): string {
  return inert(oneLine(text, MAX_SURFACE_TEXT_LENGTH));
}

/** plainText() for text that may keep its line breaks (a modal dialog's detail, a quick pick's detail). */
export function plainDetail(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .map((line) => (line.trim() === '' ? '' : plainText(line)))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
  // Bounded as every surface text is: shorten() never cuts a surrogate pair and says it cut.
  return shorten(lines, MAX_SURFACE_TEXT_LENGTH * 2);
}

/**
 * Text inside Markdown (tooltips, Copy Summary, the chat tool's answer): every character Markdown,
 * HTML or VS Code's icon syntax could act on is escaped, on one line, so it cannot make a link,
 * image, heading, list item, table cell or tag.
 */
export function markdownText(text: string): string {
  return oneLine(text, MAX_SURFACE_TEXT_LENGTH).replace(/[\\`*_{}[\]()<>#+\-.!|~$:]/g, (character) => `\\${character}`);
}

/** Text for HTML content and quoted attribute values: nothing from data may open a tag or close a quote. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ENTITIES[character] ?? character);
}

const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** A line of the log: no line breaks or invisible characters, so service text cannot forge a line of its own. */
export function logText(text: string): string {
  return oneLine(text, MAX_SURFACE_TEXT_LENGTH * 2);
}

// Service text reaches here already clean (src/core/text/serviceText.ts); this guards the whole
// line, translations and formatted numbers included, so it keeps what Intl puts there (no-break
// spaces, the marks a right-to-left locale writes) and drops only what reorders or breaks a line.
const BIDI_OVERRIDES_AND_ISOLATES = /[\u202A-\u202E\u2066-\u2069]/g;
const CONTROLS_AND_LINE_BREAKS = /[\p{Cc}\u2028\u2029]+/gu;

function oneLine(text: string, maxLength: number): string {
  return shorten(text.replace(BIDI_OVERRIDES_AND_ISOLATES, '').replace(CONTROLS_AND_LINE_BREAKS, ' ').trim(), maxLength);
}

function inert(text: string): string {
  return text.replace(/\]\(/g, `]${WORD_JOINER}(`).replace(/\$\(/g, `$${WORD_JOINER}(`);
}
