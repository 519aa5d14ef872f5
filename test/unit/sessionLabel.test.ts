// The Accounts menu's label per account (sessionLabel.ts): VS Code remembers an extension's access
// by this label, so it must name one account at the service and no other, now or later, and still
// read as a person's name.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { AccountIdentity } from '../../src/core/model';
import { sessionLabel, sessionLabels, type LabelledAccount } from '../../src/views/viewModels/sessionLabel';

const JORDAN: AccountIdentity = { displayName: 'Jordan Avery', email: 'jordan@acmeleads.example', id: 'usr_7Hq2Kd9' };
const OTHER_JORDAN: AccountIdentity = { displayName: 'Jordan Avery', email: 'jordan.avery@brightpath.example', id: 'usr_JordanB' };

const account = (accountKey: string, identity: AccountIdentity | undefined, title = 'Leadping'): LabelledAccount => ({
  accountKey,
  title,
  identity,
});

describe('sessionLabel', () => {
  test('the holder and the email that identifies the account at the service', () => {
    assert.equal(sessionLabel(account('leadping', JORDAN)), 'Leadping: Jordan Avery (jordan@acmeleads.example)');
  });

  test("the person's own label for the account stays in front", () => {
    assert.equal(
      sessionLabel(account('leadping~1a2b3c4d', JORDAN, 'Leadping · Client A')),
      'Leadping · Client A: Jordan Avery (jordan@acmeleads.example)',
    );
  });

  test('no email: the id at the service; the email or id alone when it is all the name there is', () => {
    assert.equal(
      sessionLabel(account('leadping', { displayName: 'Jordan Avery', id: 'usr_7Hq2Kd9' })),
      'Leadping: Jordan Avery (usr_7Hq2Kd9)',
    );
    assert.equal(
      sessionLabel(account('signeasy', { displayName: 'jo@example.com', email: 'jo@example.com' }, 'Signeasy')),
      'Signeasy: jo@example.com',
    );
    assert.equal(sessionLabel(account('leadping', { id: 'usr_7Hq2Kd9' })), 'Leadping: usr_7Hq2Kd9');
  });

  test('nothing from the service identifies the account: its account key does', () => {
    assert.equal(sessionLabel(account('leadping~1a2b3c4d', { displayName: 'Jordan Avery' })), 'Leadping: Jordan Avery (leadping~1a2b3c4d)');
  });

  test('what the service sent is plain text: no icon or link syntax reaches the menu', () => {
    const label = sessionLabel(account('leadping', { displayName: 'Jo $(alert) [Verify](command:evil)', email: 'jo@x.example' }));
    assert.match(label, /^Leadping: Jo \$.\(alert\) \[Verify\].\(command:evil\) \(jo@x\.example\)$/);
    assert.doesNotMatch(label, /\$\(|\]\(/);
  });

  test('before its data has come: the service and the account key', () => {
    assert.equal(sessionLabel(account('leadping~1a2b3c4d', undefined)), 'Leadping (leadping~1a2b3c4d)');
    assert.equal(sessionLabel(account('signeasy', undefined, 'Signeasy')), 'Signeasy (signeasy)');
  });
});

describe('sessionLabels', () => {
  test('two holders of one name: two labels, each naming its own account', () => {
    const labels = sessionLabels([account('leadping', JORDAN), account('leadping~5e6f7a8b', OTHER_JORDAN)]);
    assert.deepEqual(
      [...labels],
      [
        ['leadping', 'Leadping: Jordan Avery (jordan@acmeleads.example)'],
        ['leadping~5e6f7a8b', 'Leadping: Jordan Avery (jordan.avery@brightpath.example)'],
      ],
    );
  });

  test('a different account under a key an earlier one had never gets that account’s label', () => {
    // Jordan Avery removed, another Jordan Avery added: the first account's key is free again and reused.
    const before = sessionLabels([account('leadping', JORDAN)]).get('leadping');
    const after = sessionLabels([account('leadping', OTHER_JORDAN)]).get('leadping');
    assert.notEqual(after, before);
  });

  test('labels that would still be shared (one email, two accounts at the service) get their account keys', () => {
    const sameEmail = { ...JORDAN, id: 'usr_second' };
    const labels = sessionLabels([
      account('leadping', JORDAN),
      account('leadping~5e6f7a8b', sameEmail),
      account('signeasy', undefined, 'Signeasy'),
    ]);
    assert.deepEqual(
      [...labels.values()],
      [
        'Leadping: Jordan Avery (jordan@acmeleads.example) · leadping',
        'Leadping: Jordan Avery (jordan@acmeleads.example) · leadping~5e6f7a8b',
        'Signeasy (signeasy)',
      ],
    );
  });

  test('a name spelled like another account’s label with its key is told apart too', () => {
    const labels = sessionLabels([
      account('leadping', JORDAN),
      account('leadping~5e6f7a8b', { ...JORDAN, id: 'usr_second' }),
      // Its natural label is the second account's once that one has its key added.
      account('leadping~9c0d1e2f', { id: 'Jordan Avery (jordan@acmeleads.example) · leadping~5e6f7a8b' }),
    ]);
    assert.deepEqual(
      [...labels.values()],
      [
        'Leadping: Jordan Avery (jordan@acmeleads.example) · leadping',
        'Leadping: Jordan Avery (jordan@acmeleads.example) · leadping~5e6f7a8b · leadping~5e6f7a8b',
        'Leadping: Jordan Avery (jordan@acmeleads.example) · leadping~5e6f7a8b · leadping~9c0d1e2f',
      ],
    );
  });

  test('property: whatever the services say, no two accounts share a label, and every label names its service', () => {
    const identity = fc.option(
      fc.record(
        {
          displayName: fc.constantFrom(
            'Jordan Avery',
            'Maya Okafor',
            'jordan@acmeleads.example',
            'Jordan Avery (jordan@acmeleads.example)',
          ),
          email: fc.constantFrom('jordan@acmeleads.example', 'maya@harborlane.example', 'jordan@acmeleads.example) · leadping'),
          id: fc.constantFrom('usr_1', 'usr_2', 'Jordan Avery (jordan@acmeleads.example) · leadping~1a2b3c4d'),
        },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    );
    const key = fc.constantFrom('leadping', 'leadping~1a2b3c4d', 'leadping~5e6f7a8b', 'leadping~9c0d1e2f', 'signeasy', 'signeasy~aa');
    const accounts = fc.uniqueArray(
      fc.record({ accountKey: key, identity, title: fc.constantFrom('Leadping', 'Leadping · Client A', 'Signeasy') }),
      { selector: (candidate) => candidate.accountKey, maxLength: 6 },
    );
    fc.assert(
      fc.property(accounts, (list) => {
        const labels = sessionLabels(list);
        assert.equal(new Set(labels.values()).size, list.length);
        for (const { accountKey, title } of list) assert.ok(labels.get(accountKey)?.startsWith(title));
      }),
    );
  });
});
