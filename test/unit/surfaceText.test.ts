// The one door for service text on each kind of surface (src/views/viewModels/surfaceText.ts) and
// the clean-up every piece of service text gets as it enters the model (src/core/text/serviceText.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asText } from '../../src/core/services/jsonReaders';
import { cleanServiceText, MAX_SERVICE_TEXT_LENGTH } from '../../src/core/text/serviceText';
import { logText, markdownText, plainDetail, plainText } from '../../src/views/viewModels/surfaceText';

const COMMAND_LINK = '[Verify your account](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D)';
/** VS Code's own pattern for a link in a notification or an input box's message (parseLinkedText). */
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
/** VS Code's pattern for an icon in a label (renderLabelWithIcons). */
const ICON = /\$\([a-z0-9-]+(?:~[a-z-]+)?\)/i;

test('plain text: a command link, an https link and an icon read as written, but none of them is one any more', () => {
  for (const hostile of [COMMAND_LINK, '[Open](https://evil.example/x)', '![i](https://evil.example/i.png)', 'Jo $(zap) $(sync~spin)']) {
    const shown = plainText(`Signed in to Leadping as ${hostile}.`);
    assert.doesNotMatch(shown, NOTIFICATION_LINK, shown);
    assert.doesNotMatch(shown, ICON, shown);
    // What a person sees is the same characters: only an invisible word joiner was added.
    assert.equal(shown.replace(/\u2060/g, ''), `Signed in to Leadping as ${hostile}.`);
  }
});

test('plain text: one line, no bidi override, no control character, at most 1,000 characters with an ellipsis', () => {
  const shown = plainText(`Jo\u202Eevil\u2066x\u2069\nline two\r\n# Heading\u0007\u001b[31m`);
  assert.equal(shown, 'Joevilx line two # Heading [31m');
  const long = plainText('x'.repeat(10_000));
  assert.equal(long.length, 1000);
  assert.ok(long.endsWith('…'));
  // What Intl writes stays: a no-break space in "41,50 $".
  assert.equal(plainText('41,50\u00a0$'), '41,50\u00a0$');
});

test('plain detail keeps its paragraphs, each line made plain', () => {
  assert.equal(plainDetail(`${COMMAND_LINK}\n\nSave it anyway?`).split('\n').length, 3);
  assert.doesNotMatch(plainDetail(`${COMMAND_LINK}\n\nSave it anyway?`), NOTIFICATION_LINK);
});

test('markdown text: no link, image, heading, list, table cell, tag, icon or bare URL can form', () => {
  const escaped = markdownText(`${COMMAND_LINK} ![i](https://e.x/i.png) # H - item | cell <b>x</b> $(zap) https://evil.example`);
  // Every character Markdown acts on is preceded by a backslash.
  assert.doesNotMatch(escaped, /(?<!\\)[[\]()<>#|$!]/);
  assert.doesNotMatch(escaped, /(?<!\\):/, 'a bare URL cannot autolink: its colon is escaped');
  assert.doesNotMatch(markdownText('a\nb'), /\n/);
});

test('log text is one line: a name cannot forge a line of its own', () => {
  assert.equal(logText('Jo\n2026-12-02 [error] forged'), 'Jo 2026-12-02 [error] forged');
});

test('service text entering the model: one clean line, bounded with an ellipsis; blank is none', () => {
  assert.equal(cleanServiceText('  Jo\u202E\u200Bnes\n\tSmith  '), 'Jones Smith');
  const long = cleanServiceText('n'.repeat(10_000));
  assert.equal(Array.from(long).length, MAX_SERVICE_TEXT_LENGTH);
  assert.ok(long.endsWith('…'));
  // Never cut through a surrogate pair.
  assert.ok(!/[\ud800-\udbff]…$/.test(cleanServiceText('😀'.repeat(300))));
  assert.equal(asText('\u202E\u200B \n'), undefined);
  assert.equal(asText(`${'a'.repeat(300)}`)?.length, MAX_SERVICE_TEXT_LENGTH);
});
