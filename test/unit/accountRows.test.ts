import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AccountState } from '../../src/core/accountState';
import { serviceRow, type Row } from '../../src/ui/accountRows';
import { FIXED_NOW, leadpingSnapshot, signeasySnapshot, inertAdapter } from '../support/snapshotBuilder';

const leadping = inertAdapter('leadping', 'Leadping', 'LP');
const context = { now: FIXED_NOW, locale: 'en-US' };

/** Every row below `row`, flattened, as "label: description". */
function flatten(row: Row): string[] {
  return [`${row.label}: ${row.description ?? ''}`, ...(row.children ?? []).flatMap(flatten)];
}

test('signed out: one "Set API token…" row that runs the command for this service', () => {
  const row = serviceRow(leadping, { serviceId: 'leadping', signedIn: false, refreshing: false }, context);
  assert.equal(row.description, 'Not signed in');
  assert.equal(row.contextValue, 'service.signedOut');
  assert.equal(row.children?.length, 1);
  assert.deepEqual(row.children?.[0]?.command, { command: 'accountGlance.setToken', title: 'Set API Token...', arguments: ['leadping'] });
});

test('fresh: Profile, Plan and Credits with formatted values, never undefined/null/NaN', () => {
  const row = serviceRow(leadping, { serviceId: 'leadping', signedIn: true, refreshing: false, snapshot: leadpingSnapshot() }, context);
  assert.equal(row.description, 'Dana Whitfield');
  assert.equal(row.icon?.id, 'pass');
  assert.deepEqual(
    row.children?.map((child) => child.label),
    ['Profile', 'Plan', 'Credits'],
  );
  const text = flatten(row);
  assert.ok(text.includes('Balance: $1,234.50'));
  assert.ok(text.includes('Organization: Whitfield Realty'));
  assert.ok(text.includes('Auto-refill: Off'));
  assert.ok(text.includes('Phone: ') === false, 'no phone row when the service gave none');
  assert.ok(text.includes('User ID: usr_1'));
  for (const line of text) assert.doesNotMatch(line, /undefined|null|NaN/);
});

test('missing values read as a dash', () => {
  const snapshot = { ...leadpingSnapshot(), identity: {}, plan: {}, counters: [{ id: 'balance', label: 'Balance', value: undefined, unit: { kind: 'money' as const, currency: 'USD' }, headline: true }] };
  const text = flatten(serviceRow(leadping, { serviceId: 'leadping', signedIn: true, refreshing: false, snapshot }, context));
  assert.ok(text.includes('Name: —'));
  assert.ok(text.includes('Balance: —'));
  assert.ok(text.includes('Member since: —'));
});

test('dates read relative, with the exact date in the tooltip', () => {
  const snapshot = leadpingSnapshot({ plan: { cancelsAt: FIXED_NOW + 12 * 86_400_000 } });
  const row = serviceRow(leadping, { serviceId: 'leadping', signedIn: true, refreshing: false, snapshot }, context);
  const cancels = row.children?.find((child) => child.label === 'Plan')?.children?.find((child) => child.label === 'Cancels');
  assert.equal(cancels?.description, 'in 12 days');
  assert.match(cancels?.tooltip ?? '', /Dec 4, 2026/);
});

test('stale: last good data stays, with when and why', () => {
  const state: AccountState = {
    serviceId: 'leadping',
    signedIn: true,
    refreshing: false,
    snapshot: leadpingSnapshot(),
    error: { kind: 'network', message: 'Could not reach Leadping.' },
    failedAt: FIXED_NOW,
  };
  const row = serviceRow(leadping, state, context);
  assert.equal(row.icon?.id, 'history');
  assert.equal(row.description, 'Dana Whitfield (stale)');
  const first = row.children?.[0];
  assert.equal(first?.label, 'Connection failed');
  assert.equal(first?.description, 'Could not reach Leadping. · data from 1 minute ago');
  assert.equal(first?.command?.command, 'accountGlance.showLog');
  assert.ok(flatten(row).includes('Balance: $1,234.50'));
});

test('error with no data: the sentence and an action fitting the error', () => {
  const rejected = serviceRow(leadping, { serviceId: 'leadping', signedIn: true, refreshing: false, error: { kind: 'unauthorized', message: 'Leadping rejected the token.' } }, context);
  assert.equal(rejected.icon?.id, 'error');
  assert.equal(rejected.children?.length, 1);
  assert.deepEqual(rejected.children?.[0]?.command, { command: 'accountGlance.setToken', title: 'Set a new token', arguments: ['leadping'] });
  const badUrl = serviceRow(leadping, { serviceId: 'leadping', signedIn: true, refreshing: false, error: { kind: 'invalidBaseUrl', message: 'Only https.' } }, context);
  assert.equal(badUrl.children?.[0]?.command?.command, 'workbench.action.openSettings');
});

test('loading with no data yet spins', () => {
  const row = serviceRow(leadping, { serviceId: 'leadping', signedIn: true, refreshing: true }, context);
  assert.equal(row.icon?.id, 'sync~spin');
  assert.equal(row.children?.[0]?.label, 'Loading…');
});

test('problems get their own section; long lists collapse under their own node', () => {
  const snapshot = signeasySnapshot({
    envelopes: 0,
    grace: 0,
    lists: [{ id: 'identities', label: 'Identities', items: [{ label: 'google', description: 'federated' }] }],
  });
  const row = serviceRow({ ...leadping, id: 'signeasy', displayName: 'Signeasy' }, { serviceId: 'signeasy', signedIn: true, refreshing: false, snapshot }, context);
  const problems = row.children?.find((child) => child.label === 'Problems');
  assert.equal(problems?.children?.[0]?.icon?.id, 'error');
  const list = row.children?.find((child) => child.label === 'Identities');
  assert.equal(list?.expanded, false);
  assert.equal(list?.description, '1');
});

test('row ids are unique, so the tree keeps expansion state', () => {
  const row = serviceRow(leadping, { serviceId: 'leadping', signedIn: true, refreshing: false, snapshot: leadpingSnapshot() }, context);
  const ids: string[] = [];
  const walk = (r: Row) => {
    ids.push(r.id);
    r.children?.forEach(walk);
  };
  walk(row);
  assert.equal(new Set(ids).size, ids.length);
});

test('text a service wrote is escaped in every Markdown tooltip: no link, image or emphasis can be injected', () => {
  const hostile = '[click me](command:workbench.action.terminal.new) ![x](https://evil.example/x.png) **loud** <img src=x>';
  const snapshot = leadpingSnapshot({
    identity: { displayName: hostile, email: hostile, organization: hostile, id: hostile },
    problems: [{ id: 'subscriptionOverdue', severity: 'error', message: hostile }],
    lists: [{ id: 'trustedFormCertificates', label: 'TrustedForm certificates', items: [{ label: `https://cert.example/${hostile}`, description: hostile }] }],
  });
  const error = { kind: 'server' as const, message: `Leadping said: "${hostile}"`, status: 500 };
  const state: AccountState = { serviceId: 'leadping', signedIn: true, refreshing: false, snapshot, error };
  const tooltips: string[] = [];
  const walk = (row: Row) => {
    if (row.tooltip) tooltips.push(row.tooltip);
    for (const child of row.children ?? []) walk(child);
  };
  walk(serviceRow(leadping, state, { ...context, customHosts: { leadping: 'evil](command:x)' } }));
  assert.ok(tooltips.length > 10);
  for (const tooltip of tooltips) {
    // Unescaped, any of these would render as a link, an image, emphasis or HTML.
    assert.doesNotMatch(tooltip, /(^|[^\\])\]\(/, tooltip);
    assert.doesNotMatch(tooltip, /(^|[^\\])!\[/, tooltip);
    assert.doesNotMatch(tooltip, /(^|[^\\])\*\*loud/, tooltip);
    assert.doesNotMatch(tooltip, /(^|[^\\])<img/, tooltip);
  }
});
