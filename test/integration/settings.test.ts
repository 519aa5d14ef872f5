// Per-service settings are one object keyed by service id (so a new service needs no setting of
// its own), and the values 0.1.0 kept under per-service keys still count (the restart suite
// checks 0.1.0's accountGlance.lowCredit.<id>, which only a settings file can hold now).
import * as assert from 'node:assert/strict';
import type { AccountGlanceTestApi } from '../../src/testApi';
import { FAKE_TOKENS, startFakeServer, type FakeServer } from '../fake-server';
import { answering, setSetting, signIn, useFreshWorld, waitFor } from './support/harness';

suite('Settings keyed by service id', () => {
  let api: AccountGlanceTestApi;
  let other: FakeServer | undefined;
  useFreshWorld(
    (world) => ({ api } = world),
    async () => {
      await setSetting('baseUrl', undefined);
      await setSetting('lowCredit', undefined);
      await other?.close();
      other = undefined;
    },
  );

  test('accountGlance.baseUrl names where a token goes, over 0.1.0 key, and a change there asks first', async () => {
    await signIn(api, 'leadping', FAKE_TOKENS.leadping);
    other = await startFakeServer();
    const questions: string[] = [];
    api.prompts = answering({ confirm: async (message) => (questions.push(message), false) });
    // The 0.1.0 key (accountGlance.leadping.baseUrl) still names the first server; the object wins.
    await setSetting('baseUrl', { leadping: other.url });
    const error = await waitFor(() => api.refresher.state('leadping').error, 'the origin change to be noticed');
    assert.equal(error.kind, 'originChanged');
    await waitFor(() => questions.length > 0, 'the person to be asked');
    assert.equal(questions[0], `Send your Leadping token to ${other.url}?`);
    assert.deepEqual(other.requests, [], 'nothing was sent before the person confirmed');
    // Only the service whose entry changed is touched.
    assert.equal(api.refresher.state('signeasy').error, undefined);
  });

  test('accountGlance.lowCredit sets the threshold by service id; the other service keeps its default', async () => {
    await signIn(api, 'leadping', FAKE_TOKENS.leadping);
    await signIn(api, 'signeasy', FAKE_TOKENS.signeasy);
    assert.equal(api.statusBar.view?.background, 'none');
    await setSetting('lowCredit', { leadping: 1_000_000 });
    await waitFor(() => api.statusBar.view?.background === 'warning', 'the warning background');
    assert.match(api.statusBar.view?.tooltip ?? '', /below your threshold of 1,000,000/);
    assert.doesNotMatch(api.statusBar.view?.tooltip.split('### Signeasy')[1] ?? '', /below your threshold/);
  });
});
