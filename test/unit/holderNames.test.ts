// Namesakes (two holders of one service with the same name) must not look alike where accounts are
// listed side by side: the tree, the status-bar menu and the pick lists.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AccountState } from '../../src/core/refresh/accountState';
import { serviceRow } from '../../src/views/viewModels/accountRows';
import { holderNames } from '../../src/views/viewModels/holderNames';
import { statusMenu } from '../../src/views/viewModels/statusMenu';
import { FIXED_NOW } from '../support/clock';
import { inertAdapter, leadpingSnapshot, signeasySnapshot } from '../support/snapshotBuilder';

const jordan = (accountKey: string, identity: Record<string, string>, more: Partial<AccountState> = {}): AccountState => ({
  accountKey,
  serviceId: 'leadping',
  signedIn: true,
  refreshing: false,
  snapshot: leadpingSnapshot({ identity: { displayName: 'Jordan Avery', ...identity } }),
  ...more,
});
const first = jordan('leadping', { email: 'jordan@example.com', id: 'usr_1' });
const namesake = jordan('leadping:2', { email: 'jordan@namesake.example', id: 'usr_2' });

test('namesakes of one service carry their email; everyone else reads by name alone', () => {
  const other = { accountKey: 'signeasy', serviceId: 'signeasy', signedIn: true, refreshing: false, snapshot: signeasySnapshot() };
  assert.deepEqual(
    [...holderNames([first, namesake, other])],
    [
      ['leadping', 'Jordan Avery (jordan@example.com)'],
      ['leadping:2', 'Jordan Avery (jordan@namesake.example)'],
      ['signeasy', 'John Doe'],
    ],
  );
  assert.deepEqual([...holderNames([first])], [['leadping', 'Jordan Avery']], 'alone: the name');
});

test('accounts a label, a service or a sign-out already tells apart keep the bare name', () => {
  const labelled = { ...namesake, label: 'Client B' };
  assert.equal(holderNames([first, labelled]).get('leadping:2'), 'Jordan Avery');
  const signeasyJordan = { ...namesake, serviceId: 'signeasy' };
  assert.equal(holderNames([first, signeasyJordan]).get('leadping'), 'Jordan Avery');
  assert.equal(holderNames([first, { ...namesake, signedIn: false }]).get('leadping'), 'Jordan Avery');
});

test('namesakes with one email read by the service’s id for them, and with neither by name alone', () => {
  const sameEmail = jordan('leadping:2', { email: 'jordan@example.com', id: 'usr_2' });
  assert.equal(holderNames([first, sameEmail]).get('leadping:2'), 'Jordan Avery (usr_2)');
  const bare = jordan('leadping:2', {});
  assert.equal(holderNames([jordan('leadping', {}), bare]).get('leadping:2'), 'Jordan Avery');
});

test('the tree rows and the status-bar menu entries of namesakes differ', () => {
  const adapter = inertAdapter('leadping', 'Leadping', 'LP');
  const context = { now: FIXED_NOW, locale: 'en-US', holderNames: holderNames([first, namesake]) };
  const descriptions = [first, namesake].map((state) => serviceRow(adapter, state, context).description);
  assert.deepEqual(descriptions, ['Jordan Avery (jordan@example.com)', 'Jordan Avery (jordan@namesake.example)']);
  const menu = statusMenu({ adapters: [adapter], states: [first, namesake], privacyMode: false, locale: 'en-US' });
  const labels = menu.items.filter((item) => item.kind === 'account').map((item) => item.label);
  assert.deepEqual(labels, ['Leadping · Jordan Avery (jordan@example.com)', 'Leadping · Jordan Avery (jordan@namesake.example)']);
  const hidden = statusMenu({ adapters: [adapter], states: [first, namesake], privacyMode: true, locale: 'en-US' });
  for (const item of hidden.items) assert.doesNotMatch(`${item.label} ${item.description ?? ''}`, /Jordan|@/, 'privacy mode hides both');
  assert.deepEqual(
    hidden.items.filter((item) => item.kind === 'account').map((item) => item.label),
    ['Leadping 1', 'Leadping 2'],
    'in privacy mode, numbered as the status bar numbers them',
  );
});
