// Several accounts per service, in the core and its stores: keys, the refresher's slots, the list
// of accounts in secret storage, and the book that keeps tokens, list and panel in step.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type * as vscode from 'vscode';
import { isAccountKey, isFirstAccountKey, newAccountKey, serviceIdOfKey } from '../../src/core/accounts/accountKey';
import type { AccountConnection } from '../../src/core/http/accountFetcher';
import type { FetchResult } from '../../src/core/model';
import { AccountRefresher } from '../../src/core/refresh/accountRefresher';
import type { AccountState } from '../../src/core/refresh/accountState';
import type { ServiceAdapter } from '../../src/core/services/serviceAdapter';
import { AccountBook } from '../../src/storage/accountBook';
import { AccountIndex, cleanDetails, MAX_LABEL_LENGTH } from '../../src/storage/accountIndex';
import { TokenStore } from '../../src/storage/tokenStore';
import { connectionTo } from '../support/connection';
import { inertAdapter, leadpingSnapshot } from '../support/snapshotBuilder';

const adapters = [inertAdapter('leadping', 'Leadping', 'LP'), inertAdapter('signeasy', 'Signeasy', 'SE')];
const tick = () => new Promise((resolve) => setImmediate(resolve));

/** SecretStorage in memory, firing onDidChange as VS Code does (after the write, to every listener). */
function memorySecrets(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  const listeners = new Set<(event: { key: string }) => void>();
  const fire = (key: string) => setImmediate(() => listeners.forEach((listener) => listener({ key })));
  const secrets = {
    get: async (key: string) => values.get(key),
    store: async (key: string, value: string) => {
      values.set(key, value);
      fire(key);
    },
    delete: async (key: string) => {
      values.delete(key);
      fire(key);
    },
    keys: async () => [...values.keys()],
    onDidChange: (listener: (event: { key: string }) => void) => {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
  };
  return { values, secrets: secrets as unknown as vscode.SecretStorage, fire };
}

/** A refresher whose fetch answers each token with the snapshot `answers` names for it. */
function refresherOver(secrets: vscode.SecretStorage, answers: Record<string, FetchResult>) {
  const tokens = new TokenStore(secrets);
  const refresher = new AccountRefresher({
    adapters,
    fetcher: {
      fetch: async (_adapter: ServiceAdapter, connection: AccountConnection) =>
        answers[connection.token] ?? { ok: false, error: { kind: 'unauthorized', reason: 'tokenRejected', status: 401 } },
    },
    connectionFor: async (accountKey) => {
      const stored = await tokens.read(accountKey);
      return stored && connectionTo('http://127.0.0.1:1', stored.token);
    },
    retryDelayMs: () => undefined,
  });
  return { tokens, refresher };
}

/** The stored list of accounts as the release before change stamps reads it: its version, each account's label and pin. */
function storedList(values: ReadonlyMap<string, string>) {
  const record = JSON.parse(values.get('accountGlance.accounts') ?? '{}') as {
    version?: unknown;
    accounts?: Record<string, { label?: unknown; pinned?: unknown }>;
  };
  const accounts = Object.entries(record.accounts ?? {}).map(([accountKey, details]) => [accountKey, cleanDetails(details)]);
  return { version: record.version, accounts: Object.fromEntries(accounts) };
}

const summary = (states: readonly AccountState[]) =>
  states.map(
    (state) =>
      `${state.accountKey}${state.label ? ` "${state.label}"` : ''}${state.pinned ? ' pinned' : ''}: ${state.signedIn ? (state.snapshot?.identity.displayName ?? 'no data') : 'signed out'}`,
  );

test('account keys: the first account is the service id, others the id, "~" and a suffix; stored junk is not a key', () => {
  assert.equal(newAccountKey('leadping', new Set()), 'leadping');
  assert.equal(
    newAccountKey('leadping', new Set(['leadping']), () => 'a1b2'),
    'leadping~a1b2',
  );
  let calls = 0;
  assert.equal(
    newAccountKey('leadping', new Set(['leadping', 'leadping~aa']), () => (calls++ === 0 ? 'aa' : 'bb')),
    'leadping~bb',
  );
  assert.equal(serviceIdOfKey('leadping~a1b2'), 'leadping');
  assert.equal(serviceIdOfKey('signeasy'), 'signeasy');
  assert.ok(isFirstAccountKey('signeasy') && !isFirstAccountKey('signeasy~00'));
  for (const junk of ['', '~x', 'a b', 'leadping~', 'leadping~UPPER', '__proto__ ', 42, null, 'x'.repeat(65)]) {
    assert.equal(isAccountKey(junk), false, String(junk));
  }
});

test('the refresher: further accounts get their own slot, state and refresh; signing one out removes only it', async () => {
  const { values, secrets } = memorySecrets({ 'accountGlance.token.leadping': 'tok-a', 'accountGlance.token.leadping~b2': 'tok-b' });
  const maya = leadpingSnapshot({ identity: { displayName: 'Maya Okafor', id: 'usr_MayaO' } });
  const { refresher } = refresherOver(secrets, {
    'tok-a': { ok: true, snapshot: leadpingSnapshot() },
    'tok-b': { ok: true, snapshot: maya },
  });
  assert.equal(refresher.addAccount('leadping~b2'), true);
  assert.equal(refresher.addAccount('stampbox~b2'), false, 'no such service');
  await refresher.refresh();
  assert.deepEqual(summary(refresher.states()), ['leadping: Dana Whitfield', 'leadping~b2: Maya Okafor', 'signeasy: signed out']);
  assert.deepEqual(summary(refresher.statesOf('leadping')), ['leadping: Dana Whitfield', 'leadping~b2: Maya Okafor']);

  values.delete('accountGlance.token.leadping~b2');
  await refresher.refresh();
  assert.deepEqual(summary(refresher.states()), ['leadping: Dana Whitfield', 'signeasy: signed out'], 'gone with its token');
  assert.equal(refresher.has('leadping~b2'), false);
  refresher.setSignedIn('leadping', false);
  assert.deepEqual(summary(refresher.states()), ['leadping: signed out', 'signeasy: signed out'], "a service's first slot stays");
});

test('the refresher: a cached further account comes back at start-up; a cached entry under a foreign key does not', () => {
  const { secrets } = memorySecrets();
  const { refresher } = refresherOver(secrets, {});
  refresher.restoreCached([
    ['leadping~b2', leadpingSnapshot()],
    ['signeasy~c3', leadpingSnapshot()],
  ]);
  assert.deepEqual(summary(refresher.states()), ['leadping: signed out', 'leadping~b2: Dana Whitfield', 'signeasy: signed out']);
});

test('the list of accounts: labels and pins round-trip, junk is left out, and only another window’s change is reported', async () => {
  const { values, secrets, fire } = memorySecrets({
    'accountGlance.accounts': JSON.stringify({
      version: 1,
      accounts: { 'leadping~b2': { label: '  Client\nA  ', pinned: true }, 'bad key': {}, 'signeasy~c3': 'not an object' },
    }),
  });
  const index = new AccountIndex(secrets);
  const heard: string[][] = [];
  index.onDidChangeElsewhere(
    (entries) => heard.push([...entries.keys()]),
    () => assert.fail('no error'),
  );
  assert.deepEqual([...(await index.read())], [['leadping~b2', { label: 'Client A', pinned: true }]]);
  await index.update('signeasy', { label: 'x'.repeat(100) });
  await tick();
  assert.deepEqual(heard, [], "this window's own write is not news");
  assert.equal((await index.read()).get('signeasy')?.label?.length, MAX_LABEL_LENGTH);
  values.set('accountGlance.accounts', JSON.stringify({ version: 1, accounts: { 'leadping~zz': {} } }));
  fire('accountGlance.accounts');
  await tick();
  await tick();
  assert.deepEqual(heard, [['leadping~zz']]);
  for (const stored of ['{', '[]', JSON.stringify({ version: 2, accounts: { 'leadping~b2': {} } })]) {
    values.set('accountGlance.accounts', stored);
    assert.equal((await index.read()).size, 0, stored);
  }
});

test('the book: a second token of another person adds an account; the same person again is recognised by the service’s id', async () => {
  const { values, secrets } = memorySecrets();
  const dana = leadpingSnapshot();
  const maya = leadpingSnapshot({ identity: { displayName: 'Maya Okafor', id: 'usr_MayaO' } });
  const { tokens, refresher } = refresherOver(secrets, {});
  const book = new AccountBook(tokens, new AccountIndex(secrets), refresher);
  const signIn = async (token: string, snapshot: typeof dana) => {
    const key = book.accountMatching(snapshot) ?? book.newKey('leadping');
    await book.saveToken(key, token, 'https://api.leadping.ai');
    refresher.accept(key, snapshot);
    return key;
  };
  assert.equal(await signIn('tok-a', dana), 'leadping');
  const second = await signIn('tok-b', maya);
  assert.match(second, /^leadping~[0-9a-f]{8}$/);
  assert.equal(await signIn('tok-a2', dana), 'leadping', 'recognised, not duplicated');
  assert.deepEqual(summary(refresher.states()), ['leadping: Dana Whitfield', `${second}: Maya Okafor`, 'signeasy: signed out']);
  assert.match(values.get('accountGlance.token.leadping') ?? '', /tok-a2/);
  assert.deepEqual(storedList(values), { version: 1, accounts: { [second]: {} } });

  await book.describe(second, { label: 'Client A', pinned: true });
  assert.deepEqual(summary(refresher.statesOf('leadping')), ['leadping: Dana Whitfield', `${second} "Client A" pinned: Maya Okafor`]);
  await book.describe(second, { label: undefined });
  assert.equal(refresher.state(second).label, undefined);
  assert.equal(refresher.state(second).pinned, true, 'a change to one detail keeps the other');

  await book.remove(second);
  assert.equal(values.has(`accountGlance.token.${second}`), false);
  assert.deepEqual(storedList(values), { version: 1, accounts: {} });
  assert.deepEqual(summary(refresher.states()), ['leadping: Dana Whitfield', 'signeasy: signed out'], 'the other account is untouched');
  assert.equal(book.newKey('signeasy'), 'signeasy');
});

test('the book: another window’s list brings its accounts and labels here, and takes away labels it dropped', async () => {
  const { secrets } = memorySecrets();
  const { tokens, refresher } = refresherOver(secrets, {});
  const book = new AccountBook(tokens, new AccountIndex(secrets), refresher);
  book.apply(
    new Map([
      ['leadping', { label: 'Personal' }],
      ['signeasy~d4', { pinned: true }],
    ]),
  );
  assert.deepEqual(summary(refresher.states()), [
    'leadping "Personal": signed out',
    'signeasy: signed out',
    'signeasy~d4 pinned: signed out',
  ]);
  book.apply(new Map([['signeasy~d4', {}]]));
  assert.deepEqual(summary(refresher.states()), ['leadping: signed out', 'signeasy: signed out', 'signeasy~d4: signed out']);
});

test('the book: the same account added twice (saved while the service was down) becomes one once it loads', async () => {
  const { values, secrets } = memorySecrets();
  const dana = leadpingSnapshot();
  const { tokens, refresher } = refresherOver(secrets, { 'tok-new': { ok: true, snapshot: dana } });
  const book = new AccountBook(tokens, new AccountIndex(secrets), refresher);
  await book.saveToken('leadping', 'tok-old', 'https://api.leadping.ai');
  refresher.accept('leadping', dana);
  // "Save Anyway": nothing could tell whose token it was, so it became another account.
  const duplicate = book.newKey('leadping');
  await book.saveToken(duplicate, 'tok-new', 'https://api.leadping.ai');
  refresher.addAccount(duplicate);
  refresher.setSignedIn(duplicate, true);
  assert.equal(refresher.statesOf('leadping').length, 2);

  await book.mergeInto(duplicate, 'leadping', dana);
  assert.deepEqual(summary(refresher.statesOf('leadping')), ['leadping: Dana Whitfield'], 'one row');
  assert.match(values.get('accountGlance.token.leadping') ?? '', /tok-new/, 'the token just proven good is kept');
  assert.equal(values.has(`accountGlance.token.${duplicate}`), false);
  assert.deepEqual(storedList(values).accounts, {});
});

test('the book: another window’s token change loads the new token, a new origin reconnects, a removal signs out; junk keys are ignored', async () => {
  const { secrets } = memorySecrets();
  const dana = leadpingSnapshot();
  const { tokens, refresher } = refresherOver(secrets, { 'tok-a': { ok: true, snapshot: dana } });
  const book = new AccountBook(tokens, new AccountIndex(secrets), refresher);
  await tokens.save('leadping', 'tok-a', 'https://api.leadping.ai');
  assert.match((await book.followTokenChange('leadping', 'token')) ?? '', /changed in another window/);
  assert.equal(refresher.state('leadping').snapshot?.identity.displayName, 'Dana Whitfield');
  assert.equal(await book.followTokenChange('../etc', 'token'), undefined);
  assert.equal(await book.followTokenChange('stampbox', 'token'), undefined, 'no such service here');
  assert.match((await book.followTokenChange('leadping', 'removed')) ?? '', /signing out/);
  assert.equal(refresher.state('leadping').signedIn, false);
});

test('the book: a new origin takes every token of the service saved for the same origin, no other', async () => {
  const { secrets } = memorySecrets();
  const { tokens, refresher } = refresherOver(secrets, {});
  const book = new AccountBook(tokens, new AccountIndex(secrets), refresher);
  const dana = leadpingSnapshot();
  const maya = leadpingSnapshot({ identity: { displayName: 'Maya Okafor', id: 'usr_2' } });
  const eve = leadpingSnapshot({ identity: { displayName: 'Eve', id: 'usr_3' } });
  await book.saveToken('leadping', 'tok-a', 'https://old.example');
  refresher.accept('leadping', dana);
  const second = book.newKey('leadping');
  await book.saveToken(second, 'tok-b', 'https://old.example');
  refresher.accept(second, maya);
  const third = book.newKey('leadping');
  await book.saveToken(third, 'tok-c', 'https://elsewhere.example');
  refresher.accept(third, eve);
  const moving = await book.tokensMovingWith('leadping');
  assert.deepEqual(moving, {
    tokenOrigin: 'https://old.example',
    accounts: [
      { accountKey: 'leadping', token: 'tok-a' },
      { accountKey: second, token: 'tok-b' },
    ],
  });
  assert.ok(moving);
  await book.moveTokens(moving, 'https://new.example');
  assert.equal((await tokens.read(second))?.origin, 'https://new.example');
  assert.equal((await tokens.read(third))?.origin, 'https://elsewhere.example', 'another origin’s token stays');
  assert.equal(await book.tokensMovingWith('leadping~ffff'), undefined);
});
