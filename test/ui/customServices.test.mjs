// A service described in settings, beside a built-in one and a preset, as a person sees them: each
// signed in through the command palette, all three in the panel and the status bar at once.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchFakeServer } from '../fake-server/launch.mjs';
import { waitFor } from '../harness/wait-for.mjs';
import {
  openAccountGlanceView,
  openWorkbench,
  readStatusBarItem,
  screenshot,
  screenshotOnFailure,
  setTokenThroughPalette,
  treeText,
} from '../harness/workbench.mjs';

let fake;
let workbench;

before(async () => {
  fake = await launchFakeServer();
  // A person's own definition, reading the fake's OpenRouter-style credits: left = total − used, of total.
  const acme = {
    id: 'acme',
    name: 'Acme Credits',
    shortMark: 'AC',
    baseUrl: fake.url,
    requests: { credits: '/api/v1/credits' },
    counters: [
      {
        id: 'left',
        label: 'Credits left',
        value: '/data/total_credits',
        minus: '/data/total_usage',
        limit: '/data/total_credits',
        unit: { currency: 'USD' },
        headline: true,
      },
    ],
  };
  workbench = await openWorkbench({ settings: { ...fake.baseUrlSettings, 'accountGlance.customServices': [acme] } });
});

after(async () => {
  await workbench?.close();
  await fake?.stop();
});

test('a built-in service, a preset and a service defined in settings side by side in the panel and the status bar', async () => {
  const { page } = workbench;
  await screenshotOnFailure(page, 'defined-service', async () => {
    await openAccountGlanceView(page);
    await setTokenThroughPalette(page, 'Leadping', fake.tokens.leadping);
    await waitFor(async () => /Leadping\s*Jordan Avery/.test(await treeText(page)), 'Leadping signed in');
    await setTokenThroughPalette(page, 'Acme Credits', fake.tokens.openrouter);
    // Its row shows from the start ("Not signed in"): wait for the sign-in itself.
    await waitFor(
      async () => /Acme Credits/.test(await treeText(page)) && !/Acme Credits Not signed in/.test(await treeText(page)),
      'the defined service signed in',
    );
    await setTokenThroughPalette(page, 'Telnyx', fake.tokens.telnyx);
    await waitFor(
      async () => /Telnyx/.test(await treeText(page)) && !/Telnyx Not signed in/.test(await treeText(page)),
      'the Telnyx preset signed in',
    );
    const text = await treeText(page);
    assert.match(text, /Credits left\s*\$74\.75 of \$100\.50/);
    assert.doesNotMatch(text, /undefined|null|NaN/);
    const glance = await waitFor(() => readStatusBarItem(page, /LP .* · TX .* · AC/), 'the status bar with all three');
    assert.match(glance, /LP \$18\.75 · TX \$400\.00 · AC \$74\.75/);
    await screenshot(page, 'defined-service');
  });
});
