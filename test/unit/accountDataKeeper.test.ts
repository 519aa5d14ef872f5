// Keeping an account's data (src/storage/accountDataKeeper.ts) and finding its connection
// (src/storage/accountConnections.ts): the decisions wiring used to hold, tested on their own.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HeldAccount } from '../../src/core/accounts/accountIdentity';
import type { AccountSnapshot } from '../../src/core/model';
import { AccountConnections } from '../../src/storage/accountConnections';
import { AccountDataKeeper } from '../../src/storage/accountDataKeeper';
import type { StoredToken } from '../../src/storage/tokenStore';
import { inertAdapter, leadpingSnapshot } from '../support/snapshotBuilder';

const dana = leadpingSnapshot();
const maya = leadpingSnapshot({ identity: { displayName: 'Maya Okafor', id: 'usr_2', email: 'maya@example.com' } });

function keeperOver(held: HeldAccount[]) {
  const calls: string[] = [];
  const note = (what: string) => async () => void calls.push(what);
  const keeper = new AccountDataKeeper({
    book: {
      held: () => held,
      mergeInto: async (duplicate, survivor) => void calls.push(`merge ${duplicate} into ${survivor}`),
      remove: async (accountKey) => void calls.push(`remove ${accountKey}`),
    },
    cache: { save: note('cache.save'), remove: note('cache.remove') },
    history: { record: note('history.record'), forget: note('history.forget') },
    alerts: { decide: note('alerts.decide'), forget: note('alerts.forget') },
    log: { warn: (message) => calls.push(`warn ${message}`) },
  });
  return { keeper, calls };
}

const heldAs = (accountKey: string, snapshot: AccountSnapshot | undefined): HeldAccount => ({
  accountKey,
  serviceId: 'leadping',
  signedIn: true,
  identity: snapshot?.identity,
});

test('a fresh snapshot of the same account joins its data; of someone else, the old data goes first', async () => {
  const same = keeperOver([heldAs('leadping', dana)]);
  await same.keeper.onFreshSnapshot('leadping', dana, dana.identity);
  assert.deepEqual(same.calls.sort(), ['alerts.decide', 'cache.save', 'history.record']);

  const other = keeperOver([heldAs('leadping', maya)]);
  await other.keeper.onFreshSnapshot('leadping', maya, dana.identity);
  assert.deepEqual(other.calls.slice(0, 3).sort(), ['alerts.forget', 'cache.remove', 'history.forget'], 'forgotten before');
  assert.deepEqual(other.calls.slice(3).sort(), ['alerts.decide', 'cache.save', 'history.record']);
});

test('the same account twice: merged into the first key, or the later key removed; a failure is logged, never thrown', async () => {
  const twice = keeperOver([heldAs('leadping', dana), heldAs('leadping~aaaa', dana)]);
  await twice.keeper.onFreshSnapshot('leadping~aaaa', dana, undefined);
  assert.deepEqual(twice.calls, ['merge leadping~aaaa into leadping']);
  const absorbing = keeperOver([heldAs('leadping', dana), heldAs('leadping~aaaa', dana)]);
  await absorbing.keeper.onFreshSnapshot('leadping', dana, dana.identity);
  assert.ok(absorbing.calls.includes('remove leadping~aaaa'));

  const failing = keeperOver([]);
  await failing.keeper.owned(Promise.reject(new Error('disk full')), 'leadping: the data could not be cached');
  assert.deepEqual(failing.calls, ['warn leadping: the data could not be cached: disk full']);
});

test('a token 0.1.0 saved is bound once to the origin configured now; a failed save still serves this session', async () => {
  const adapters = [inertAdapter('leadping', 'Leadping', 'LP')];
  const stored = new Map<string, StoredToken>([['leadping', { token: 'lp_legacy_token', origin: undefined }]]);
  const lines: string[] = [];
  let failSave = false;
  const tokens = {
    read: async (accountKey: string) => stored.get(accountKey),
    save: async (accountKey: string, token: string, origin: string) => {
      if (failSave) throw new Error('keyring locked');
      stored.set(accountKey, { token, origin });
    },
  };
  const log = { info: (line: string) => lines.push(line), warn: (line: string) => lines.push(`warn: ${line}`) };
  const connections = new AccountConnections(tokens, adapters, () => 'https://api.leadping.example/v1', log);
  failSave = true;
  assert.equal((await connections.connectionFor('leadping'))?.tokenOrigin, 'https://api.leadping.example');
  assert.match(lines.pop() ?? '', /^warn: Leadping: could not record which address/);
  failSave = false;
  assert.deepEqual(await connections.connectionFor('leadping'), {
    baseUrl: 'https://api.leadping.example/v1',
    token: 'lp_legacy_token',
    tokenOrigin: 'https://api.leadping.example',
  });
  assert.deepEqual(stored.get('leadping'), { token: 'lp_legacy_token', origin: 'https://api.leadping.example' });
  assert.match(lines.pop() ?? '', /now bound to https:\/\/api\.leadping\.example/);
  assert.equal(await connections.connectionFor('signeasy'), undefined, 'no such service here');
  assert.equal(await connections.connectionFor('leadping~0000'), undefined, 'no token');
});
