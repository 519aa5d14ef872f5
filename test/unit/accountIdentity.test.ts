// Whose account a fresh snapshot is (src/core/accounts/accountIdentity.ts): the decision behind
// keeping an account's history, alert memory and mutes, starting afresh, and merging an account
// held twice.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSameAccount, routeFreshSnapshot, type HeldAccount } from '../../src/core/accounts/accountIdentity';

const dana = { id: 'usr_1', email: 'dana@example.com', displayName: 'Dana Whitfield' };
const danaByEmail = { email: 'DANA@example.com', displayName: 'Dana W.' };
const maya = { id: 'usr_2', email: 'maya@example.com', displayName: 'Maya Okafor' };

const held = (accountKey: string, identity: HeldAccount['identity'], signedIn = true): HeldAccount => ({
  accountKey,
  serviceId: accountKey.split('~')[0] ?? accountKey,
  signedIn,
  identity,
});

test('the same account: by the service’s id when both have one, else by email (any case); unknown when nothing tells', () => {
  assert.equal(isSameAccount(dana, { ...dana, displayName: 'Renamed' }), true);
  assert.equal(isSameAccount(dana, { ...maya, email: dana.email }), false, 'ids decide before emails');
  assert.equal(isSameAccount({ email: dana.email }, danaByEmail), true);
  assert.equal(isSameAccount({ email: dana.email }, { email: maya.email }), false);
  assert.equal(isSameAccount({ displayName: 'Dana' }, { displayName: 'Dana' }), undefined, 'a name alone tells nothing');
  assert.equal(isSameAccount(dana, danaByEmail), undefined, 'one id missing: cannot tell');
});

test('a new token for the same account keeps its data; another person’s starts afresh; nothing known before keeps', () => {
  const accounts = [held('leadping', dana)];
  assert.deepEqual(routeFreshSnapshot('leadping', dana, dana, accounts), { kind: 'keep', startAfresh: false });
  assert.deepEqual(routeFreshSnapshot('leadping', maya, dana, accounts), { kind: 'keep', startAfresh: true });
  assert.deepEqual(routeFreshSnapshot('leadping', maya, undefined, accounts), { kind: 'keep', startAfresh: false });
  assert.deepEqual(routeFreshSnapshot('leadping', { displayName: 'X' }, dana, accounts), { kind: 'keep', startAfresh: false });
});

test('the same account held twice becomes one: the first key (else the lowest) stays, whichever refreshes first', () => {
  const twice = [held('leadping', dana), held('leadping~bbbb', maya), held('leadping~aaaa', dana), held('signeasy', dana)];
  // The further key found out it is the first account: its token moves there.
  assert.deepEqual(routeFreshSnapshot('leadping~aaaa', dana, undefined, twice), { kind: 'mergeInto', survivor: 'leadping' });
  // The first account refreshed first: the further key goes.
  assert.deepEqual(routeFreshSnapshot('leadping', dana, dana, twice), {
    kind: 'absorb',
    duplicates: ['leadping~aaaa'],
    startAfresh: false,
  });
  // Two further keys: the lower stays, in every window alike.
  const further = [held('leadping~cccc', maya), held('leadping~dddd', maya)];
  assert.deepEqual(routeFreshSnapshot('leadping~dddd', maya, undefined, further), { kind: 'mergeInto', survivor: 'leadping~cccc' });
  assert.deepEqual(routeFreshSnapshot('leadping~cccc', maya, maya, further), {
    kind: 'absorb',
    duplicates: ['leadping~dddd'],
    startAfresh: false,
  });
  // Another service's account, a signed-out one, or one not loaded yet is never the same.
  assert.deepEqual(
    routeFreshSnapshot('leadping~x', dana, undefined, [
      held('leadping~x', undefined),
      held('signeasy', dana),
      held('leadping', dana, false),
      held('leadping~y', undefined),
    ]),
    {
      kind: 'keep',
      startAfresh: false,
    },
  );
});
