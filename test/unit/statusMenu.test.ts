// The status-bar item's menu: its entries in order, the command each runs, and what privacy mode hides.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AccountState } from '../../src/core/refresh/accountState';
import { statusMenu, type StatusMenuItem } from '../../src/views/viewModels/statusMenu';
import { leadpingSnapshot, signeasySnapshot, inertAdapter } from '../support/snapshotBuilder';

const adapters = [inertAdapter('leadping', 'Leadping', 'LP'), inertAdapter('signeasy', 'Signeasy', 'SE')];
const bothSignedIn: AccountState[] = [
  { accountKey: 'leadping', serviceId: 'leadping', signedIn: true, refreshing: false, snapshot: leadpingSnapshot() },
  { accountKey: 'signeasy', serviceId: 'signeasy', signedIn: true, refreshing: false, snapshot: signeasySnapshot() },
];

const menuOf = (states: readonly AccountState[], privacyMode = false) => statusMenu({ adapters, states, privacyMode, locale: 'en-US' });

/** Each entry as "id: label (description) → command arguments", the way a reader checks a menu. */
function lines(items: readonly StatusMenuItem[]): string[] {
  return items.map((item) => {
    const description = item.description === undefined ? '' : ` (${item.description})`;
    const runs = item.kind === 'action' ? ` → ${[item.command, ...item.arguments].join(' ')}` : '';
    return `${item.id}: ${item.label}${description}${runs}`;
  });
}

function account(items: readonly StatusMenuItem[], serviceId: string) {
  const item = items.find((candidate) => candidate.id === `account:${serviceId}`);
  assert.ok(item?.kind === 'account', `an entry for ${serviceId}`);
  return item;
}

test('signed in to both: the actions, a separator, one entry per account, then copy, sign in and privacy', () => {
  const menu = menuOf(bothSignedIn);
  assert.equal(menu.placeHolder, 'Choose an action');
  assert.deepEqual(lines(menu.items), [
    'refresh: Refresh → accountGlance.refresh',
    'openPanel: Open Panel → workbench.view.extension.accountGlance',
    'showCreditHistory: Show Credit History → accountGlance.showCreditHistory',
    'separator:accounts: Accounts',
    'account:leadping: Leadping · Dana Whitfield ($1,234.50)',
    'account:signeasy: Signeasy · John Doe (1,760)',
    'separator:more: ',
    'copyAllSummaries: Copy Summary of All Accounts → accountGlance.copySummary',
    'signIn: Sign In to Another Account... → accountGlance.addAccount',
    'togglePrivacyMode: Turn Privacy Mode On → accountGlance.togglePrivacyMode',
  ]);
  assert.equal(new Set(menu.items.map((item) => item.id)).size, menu.items.length, 'ids are unique');
});

test("an account's entry asks again: copy its summary, open its dashboard, pin, rename or sign out, for that account", () => {
  const signeasy = account(menuOf(bothSignedIn).items, 'signeasy');
  assert.equal(signeasy.placeHolder, 'Choose what to do with the Signeasy account');
  assert.deepEqual(lines(signeasy.actions), [
    'copySummary: Copy Summary → accountGlance.copySummary signeasy',
    'openDashboard: Open Dashboard → accountGlance.openDashboard signeasy',
    'pin: Pin to Status Bar → accountGlance.pinAccount signeasy',
    'rename: Rename... → accountGlance.renameAccount signeasy',
    'signOut: Sign Out... → accountGlance.removeToken signeasy',
  ]);
});

test('privacy mode: no name or value in the menu, "•••" for each value, and the toggle turns it off', () => {
  const menu = menuOf(bothSignedIn, true);
  assert.deepEqual(lines(menu.items.filter((item) => item.kind === 'account')), [
    'account:leadping: Leadping (•••)',
    'account:signeasy: Signeasy (•••)',
  ]);
  const normal = JSON.stringify(menuOf(bothSignedIn));
  const hidden = JSON.stringify(menu);
  for (const secret of ['Dana Whitfield', 'John Doe', '$1,234.50', '1,760']) {
    assert.ok(normal.includes(secret), `the normal menu shows ${secret}`);
    assert.ok(!hidden.includes(secret), `privacy mode hides ${secret}`);
  }
  assert.equal(menu.items.at(-1)?.label, 'Turn Privacy Mode Off');
});

test('signed-out services are left out; with none signed in there is nothing to copy, and signing in is just "Sign In..."', () => {
  const oneSignedIn = menuOf([
    bothSignedIn[0] as AccountState,
    { accountKey: 'signeasy', serviceId: 'signeasy', signedIn: false, refreshing: false },
  ]);
  assert.deepEqual(
    oneSignedIn.items.filter((item) => item.kind === 'account').map((item) => item.id),
    ['account:leadping'],
  );
  const none = menuOf([]);
  assert.deepEqual(
    none.items.map((item) => item.id),
    ['refresh', 'openPanel', 'showCreditHistory', 'separator:more', 'signIn', 'togglePrivacyMode'],
  );
  assert.equal(none.items.find((item) => item.id === 'signIn')?.label, 'Sign In...');
});

test('an account with no data yet says it is loading, or that it could not load', () => {
  const menu = menuOf([
    { accountKey: 'leadping', serviceId: 'leadping', signedIn: true, refreshing: true },
    { accountKey: 'signeasy', serviceId: 'signeasy', signedIn: true, refreshing: false, error: { kind: 'timeout', timeoutMs: 15_000 } },
  ]);
  assert.deepEqual(lines(menu.items.filter((item) => item.kind === 'account')), [
    'account:leadping: Leadping (Loading…)',
    'account:signeasy: Signeasy (Could not load)',
  ]);
});

test('two accounts of one service: an entry each, by its label and holder, a pinned one marked, each acting on its own key', () => {
  const second: AccountState = {
    accountKey: 'leadping~2b',
    serviceId: 'leadping',
    label: 'Client A',
    pinned: true,
    signedIn: true,
    refreshing: false,
    snapshot: leadpingSnapshot({ balance: 3.2 }),
  };
  const menu = menuOf([bothSignedIn[0] as AccountState, second, bothSignedIn[1] as AccountState]);
  assert.deepEqual(lines(menu.items.filter((item) => item.kind === 'account')), [
    'account:leadping: Leadping · Dana Whitfield ($1,234.50)',
    'account:leadping~2b: Leadping · Client A · Dana Whitfield ($3.20)',
    'account:signeasy: Signeasy · John Doe (1,760)',
  ]);
  const pinned = account(menu.items, 'leadping~2b');
  assert.equal(pinned.icon, 'pinned');
  assert.deepEqual(
    pinned.actions.map((action) => `${action.id} ${action.arguments.join(' ')}`),
    ['copySummary leadping~2b', 'openDashboard leadping~2b', 'unpin leadping~2b', 'rename leadping~2b', 'signOut leadping~2b'],
  );
  // Privacy mode: a label may name a client, so it goes with the names.
  const hidden = menuOf([bothSignedIn[0] as AccountState, second], true);
  assert.doesNotMatch(JSON.stringify(hidden.items), /Client A|Dana/);
});
