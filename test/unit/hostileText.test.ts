// The hostile payloads and their checkers (test/fake-server/hostileText.ts), and the fake services'
// `hostile-text` and `hostile-error` scenarios: that they really bring the payloads into the model
// through the real adapters, which is what lets the surfaces' tests prove they show them inert.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AccountSnapshot, FetchResult, ServiceError } from '../../src/core/model';
import { leadpingAdapter } from '../../src/core/services/leadping';
import { signeasyAdapter } from '../../src/core/services/signeasy';
import { scenarioToken } from '../fake-server';
import {
  findUnsafeMarkdown,
  findUnsafeText,
  HOSTILE,
  HOSTILE_MIXES,
  HOSTILE_VALUES,
  hostileField,
  type HostilePayload,
} from '../fake-server/hostileText';
import { errorOf, snapshotOf, suiteHarness } from './harness';

const PAYLOADS = Object.keys(HOSTILE) as HostilePayload[];

/** What each checker names for a payload as sent (a substring of the finding). */
const TEXT_FINDING: Readonly<Record<HostilePayload, string>> = {
  commandLink: 'Markdown link',
  webLink: 'Markdown link',
  image: 'Markdown link or image',
  codicon: 'codicon',
  html: 'HTML tag',
  blockMarkdown: 'line break',
  bidi: 'bidi control: U+202E, U+2066, U+2067, U+2068, U+2069',
  controls: 'control character: U+0007, U+001B, U+009B',
  long: 'long payload',
};
const MARKDOWN_FINDING: Readonly<Record<HostilePayload, string>> = {
  ...TEXT_FINDING,
  image: 'Markdown image',
  blockMarkdown: 'Markdown heading',
};

/** Every character Markdown, HTML or the icon syntax could act on, escaped with a backslash. */
function escapeAllMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+\-.!|~$:]/g, (character) => `\\${character}`);
}

/** Text as a person reads it: invisible characters gone, control characters and line breaks as spaces, on one line. */
function visible(text: string): string {
  return text
    .replace(/\p{Cf}/gu, '')
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * `actual` is the field the fake sent, as far as a person reads it: every markup payload verbatim,
 * every visible character. A client may drop invisible and control characters (they are never
 * data), but not the rest: making it inert is the surfaces' work.
 */
function assertDelivered(actual: string | undefined, sent: string, field: string): void {
  assert.equal(visible(actual ?? ''), visible(sent), field);
}

/** The 10,000-character payload, or as much of it as the client keeps (cut with an ellipsis). */
function assertLongPayload(actual: string | undefined, field: string): void {
  const kept = (actual ?? '').replace(/…$/, '');
  assert.ok(kept.length >= 199 && HOSTILE.long.startsWith(kept), `${field}: ${kept.length} characters of the long payload`);
}

describe('hostile text checkers', () => {
  test('every payload is distinct, and the long one 10,000 characters', () => {
    assert.equal(new Set(Object.values(HOSTILE)).size, PAYLOADS.length);
    assert.equal(HOSTILE.long.length, 10_000);
  });

  test('findUnsafeText names each payload as sent (but HTML, which a plain-text surface shows as the characters it is)', () => {
    assert.deepEqual(findUnsafeText(HOSTILE.html), []);
    for (const payload of PAYLOADS.filter((payload) => payload !== 'html')) {
      const findings = findUnsafeText(HOSTILE[payload]);
      assert.ok(
        findings.some((finding) => finding.includes(TEXT_FINDING[payload])),
        `${payload}: ${JSON.stringify(findings)}`,
      );
    }
  });

  test('findUnsafeMarkdown names each payload as sent', () => {
    for (const payload of PAYLOADS) {
      const findings = findUnsafeMarkdown(HOSTILE[payload]);
      assert.ok(
        findings.some((finding) => finding.includes(MARKDOWN_FINDING[payload])),
        `${payload}: ${JSON.stringify(findings)}`,
      );
    }
    assert.match(findUnsafeMarkdown(HOSTILE.blockMarkdown).join('\n'), /list item: "- item"/);
  });

  test('every field value of the scenarios carries several payloads, each field under 200 characters but the long one', () => {
    for (const [field, value] of Object.entries(HOSTILE_VALUES)) {
      assert.ok(findUnsafeText(value).length >= (field === 'subscriptionStatus' ? 1 : 3), field);
      assert.ok(field === 'subscriptionStatus' || value.length < 200, `${field} is ${value.length} characters`);
    }
    const everyPayload = new Set(Object.values(HOSTILE_MIXES).flat());
    assert.deepEqual(
      PAYLOADS.filter((payload) => payload !== 'long' && !everyPayload.has(payload)),
      [],
    );
    assert.equal(hostileField('Jo', ['codicon', 'html']), '$(zap) Jo <img src=x onerror=alert(1)><b>bold</b>');
  });

  test('plain text: obviously safe text passes', () => {
    const safe = [
      'Jo Hostile',
      'Monthly · Active · $18.75',
      HOSTILE.commandLink.replace('](', ']\u200B('),
      HOSTILE.webLink.replace('](', ']\u2060('),
      '$\u200B(zap)',
      '\\$(zap)',
      '\\[x\\]\\(y\\)',
      '[no target] (here)',
      '&lt;b&gt;bold&lt;/b&gt; 2 < 3',
      HOSTILE.long.slice(0, 200),
    ];
    for (const text of safe) assert.deepEqual(findUnsafeText(text), [], text);
    assert.deepEqual(findUnsafeText('line one\nline two', { allowNewlines: true }), []);
    assert.deepEqual(findUnsafeText('line one\nline two'), ['line break: U+000A']);
  });

  test('plain text: a cut-short link is no link; a tab is a control character', () => {
    assert.deepEqual(findUnsafeText(HOSTILE.commandLink.slice(0, 60)), []);
    assert.deepEqual(findUnsafeText('a\tb'), ['control character: U+0009']);
  });

  test("a surface's own syntax, named in `own`, is left out", () => {
    assert.deepEqual(findUnsafeText('$(credit-card) $18.75', { own: ['$(credit-card)'] }), []);
    assert.deepEqual(findUnsafeText(`$(credit-card) ${HOSTILE.codicon}`, { own: ['$(credit-card)'] }), ['codicon: "$(zap)"']);
    const ownLink = '[$(refresh) Refresh](command:accountGlance.refresh "Refresh every service")';
    assert.deepEqual(
      findUnsafeMarkdown(`${ownLink} · Jo`, { own: [/\[\$\(refresh\) [^\]]*\]\(command:accountGlance\.refresh "[^"]*"\)/g] }),
      [],
    );
  });

  test('Markdown: every payload fully escaped passes, and so do the surface-shaped lines around it', () => {
    for (const payload of PAYLOADS.filter((name) => name !== 'long' && name !== 'bidi' && name !== 'controls')) {
      const escaped = escapeAllMarkdown(HOSTILE[payload]).replace(/\n/g, ' ');
      assert.deepEqual(findUnsafeMarkdown(`## Leadping\n\n- Name: ${escaped}\n- Plan: Monthly`), [], payload);
    }
    assert.deepEqual(findUnsafeMarkdown('line one\n\\# Heading\n\\- item'), []);
    assert.deepEqual(findUnsafeMarkdown('\\[x\\]\\(y\\) \\!\\[img\\]\\(y\\) \\<b\\> https\\://evil\\.example'), []);
  });

  test('Markdown: escaping only part of the syntax is not enough', () => {
    const findings = (markdown: string) => findUnsafeMarkdown(markdown).join('\n');
    // Markdown drops the backslashes before VS Code looks for icons: only an escaped `$` holds.
    assert.match(findings('$\\(zap\\)'), /codicon/);
    assert.deepEqual(findUnsafeMarkdown('\\$(zap)'), []);
    assert.match(findings('\\[Open\\](https://evil.example/x)'), /bare web address/);
    assert.match(findings('[Verify your account\\](x)](command:x)'), /Markdown link/);
    assert.match(findings('Name: line one\n  # Heading'), /heading/);
  });
});

describe('hostile scenarios through the real adapters', () => {
  const harness = suiteHarness();
  const fetchLeadping = (scenario: string): Promise<FetchResult> => harness.fetch(leadpingAdapter, scenarioToken('leadping', scenario));
  const fetchSigneasy = (scenario: string): Promise<FetchResult> => harness.fetch(signeasyAdapter, scenarioToken('signeasy', scenario));

  test('Leadping hostile-text: the account loads, and its identity, plan, usage lines and lists hold the payloads', async () => {
    const snapshot: AccountSnapshot = snapshotOf(await fetchLeadping('hostile-text'));
    const { identity, plan } = snapshot;
    assert.equal(snapshot.counters.find((counter) => counter.id === 'balance')?.value, 18.75);
    assert.deepEqual(snapshot.problems, []);
    assertDelivered(identity.displayName, HOSTILE_VALUES.displayName, 'displayName');
    assertDelivered(identity.email, HOSTILE_VALUES.email, 'email');
    assertDelivered(identity.id, HOSTILE_VALUES.userId, 'id');
    assertDelivered(identity.organization, HOSTILE_VALUES.organization, 'organization');
    assertDelivered(identity.phone, HOSTILE_VALUES.phone, 'phone');
    assertDelivered(plan.name, HOSTILE_VALUES.plan, 'plan');
    assertLongPayload(plan.subscriptionStatus, 'subscriptionStatus');
    const lines = snapshot.periodUsage?.lines ?? [];
    assert.equal(lines.length, 2);
    assertDelivered(lines[0]?.label, HOSTILE_VALUES.usageChannel, 'usage line');
    assertDelivered(lines[1]?.label, HOSTILE_VALUES.otherUsageChannel, 'other usage line');
    const items = snapshot.lists.flatMap((list) => list.items);
    assertDelivered(items[0]?.label, HOSTILE_VALUES.identityIssuer, 'identity');
    assertDelivered(items[1]?.label, HOSTILE_VALUES.certificateUrl, 'certificate');
    assert.ok(visible(items[1]?.description ?? '').startsWith(visible(HOSTILE_VALUES.certificateSource)));
    // The markup reaches the model as data: keeping it inert is each surface's work.
    assert.match(findUnsafeText(identity.displayName ?? '').join('\n'), /Markdown link[^]*codicon/);
    assert.match(findUnsafeMarkdown(identity.displayName ?? '').join('\n'), /HTML tag/);
  });

  test('Signeasy hostile-text: the account loads, and its name, email, company and status hold the payloads', async () => {
    const snapshot = snapshotOf(await fetchSigneasy('hostile-text'));
    const { identity, plan } = snapshot;
    assert.equal(snapshot.counters.find((counter) => counter.headline)?.value, 1760);
    assert.deepEqual(snapshot.problems, []);
    assertDelivered(identity.displayName, `${HOSTILE_VALUES.firstName} ${HOSTILE_VALUES.lastName}`, 'displayName');
    assertDelivered(identity.email, HOSTILE_VALUES.email, 'email');
    assertDelivered(identity.organization, HOSTILE_VALUES.organization, 'organization');
    assertLongPayload(plan.subscriptionStatus, 'subscriptionStatus');
    // Not from text: the plan is named from the numeric account_type, the id is a number.
    assert.equal(plan.name, 'Basic');
    assert.equal(identity.id, '699829');
  });

  /** The error's quoted detail keeps the words of every payload, and the link and icon as sent. */
  function assertHostileDetail(error: ServiceError, status: number): void {
    assert.equal(error.kind, 'unexpected');
    assert.equal(error.reason, 'unexpectedStatus');
    assert.equal(error.status, status);
    const detail = error.detail ?? '';
    for (const words of [HOSTILE.commandLink, HOSTILE.codicon, 'bold', 'line one', 'Heading', 'item', 'evil']) {
      assert.ok(detail.includes(words), `detail ${JSON.stringify(detail)} lacks ${words}`);
    }
  }

  test('Leadping hostile-error: a 422 problem whose quoted detail carries the payloads', async () => {
    assertHostileDetail(errorOf(await fetchLeadping('hostile-error')), 422);
  });

  test('Signeasy hostile-error: a 400 whose quoted message carries the payloads', async () => {
    assertHostileDetail(errorOf(await fetchSigneasy('hostile-error')), 400);
  });
});
