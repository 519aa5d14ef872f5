// The presets in presets/: each reads as a service definition without an error, and the adapter made
// from it fetches its fake server (test/fake-server/services/) over real HTTP: the documented values
// (numbers from decimal strings, the currency, remaining = total − used), and `unauthorized` for a
// credential the service refuses.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { PROBLEM_IDS, type FetchResult } from '../../src/core/model';
import { definedServiceAdapter } from '../../src/core/services/definition/definedAdapter';
import { readServiceDefinitions } from '../../src/core/services/definition/readDefinitions';
import type { ServiceAdapter } from '../../src/core/services/serviceAdapter';
import { FAKE_SERVICES, FAKE_TOKENS, scenarioToken, type FakeService } from '../fake-server';
import { HOSTILE_VALUES } from '../fake-server/hostileText';
import { adapterSuite, errorOf, problemIds, snapshotOf, suiteHarness } from './harness';

const PRESETS_DIR = path.join(__dirname, '..', '..', 'presets');
const PRESET_FILES = readdirSync(PRESETS_DIR).filter((name) => name.endsWith('.json'));
const TWILIO_SID = 'ACtest0000000000000000000000000000';

/** The preset file as read by the engine: its one definition and no error. */
function readPreset(id: string) {
  const file = `${id}.json`;
  const value: unknown = JSON.parse(readFileSync(path.join(PRESETS_DIR, file), 'utf8'));
  return readServiceDefinitions([value], { where: `presets/${file}`, reservedIds: ['leadping', 'signeasy'] });
}

function presetAdapter(id: string): ServiceAdapter {
  const read = readPreset(id);
  const definition = read.definitions[0];
  if (!definition || read.errors.length > 0) throw new Error(`presets/${id}.json does not read: ${JSON.stringify(read.errors)}`);
  return definedServiceAdapter(definition);
}

/** Each counter as [id, value, limit, currency or "count", headline]. */
function countersOf(result: FetchResult): unknown[][] {
  return snapshotOf(result).counters.map((counter) => [
    counter.id,
    counter.value,
    counter.limit,
    counter.unit.kind === 'money' ? counter.unit.currency : counter.unit.kind,
    counter.headline,
  ]);
}

describe('presets', () => {
  test('every preset file reads as one definition without an error, and has a fake service of the same id', () => {
    assert.deepEqual(PRESET_FILES.sort(), ['didww.json', 'openrouter.json', 'telnyx.json', 'twilio.json']);
    const fakeIds: readonly string[] = FAKE_SERVICES.map((service) => service.id);
    for (const file of PRESET_FILES) {
      const id = file.replace(/\.json$/, '');
      const read = readPreset(id);
      assert.deepEqual(read.errors, [], file);
      assert.equal(read.definitions.length, 1, file);
      assert.equal(read.definitions[0]?.id, id, `${file} is named after its id`);
      assert.ok(fakeIds.includes(id), `${id} has a fake server`);
    }
  });

  test('each describes itself: name, mark, base URL, dashboard, where a key is made, low threshold', () => {
    const described = ['telnyx', 'twilio', 'openrouter', 'didww'].map((id) => {
      const adapter = presetAdapter(id);
      return [adapter.displayName, adapter.shortMark, adapter.defaultBaseUrl, adapter.defaultLowCreditThreshold, adapter.auth?.type];
    });
    assert.deepEqual(described, [
      ['Telnyx', 'TX', 'https://api.telnyx.com', 10, 'bearer'],
      ['Twilio', 'TW', 'https://api.twilio.com', 5, 'basic'],
      ['OpenRouter', 'OR', 'https://openrouter.ai', 5, 'bearer'],
      ['DIDWW', 'DW', 'https://api.didww.com', 10, 'header'],
    ]);
    for (const id of ['telnyx', 'twilio', 'openrouter', 'didww']) {
      const adapter = presetAdapter(id);
      assert.match(adapter.dashboardUrl, /^https:\/\//);
      assert.match(adapter.tokenHelpUrl, /^https:\/\//);
    }
  });
});

describe('presets against odd answers from their fakes', () => {
  const harness = suiteHarness();
  const PRESET_IDS = ['telnyx', 'twilio', 'openrouter', 'didww'] as const;

  test('hostile text loads (as data), a byte order mark reads like none, a web page is no snapshot', async () => {
    for (const id of PRESET_IDS) {
      const adapter = presetAdapter(id);
      const normal = countersOf(await harness.fetch(adapter, FAKE_TOKENS[id]));
      assert.deepEqual(countersOf(await harness.fetch(adapter, scenarioToken(id, 'hostile-text'))), normal, `${id} hostile-text`);
      assert.deepEqual(countersOf(await harness.fetch(adapter, scenarioToken(id, 'bom'))), normal, `${id} bom`);
      assert.equal(errorOf(await harness.fetch(adapter, scenarioToken(id, 'html-200'))).kind, 'unexpected', `${id} html-200`);
    }
    const twilio = snapshotOf(await harness.fetch(presetAdapter('twilio'), scenarioToken('twilio', 'hostile-text')));
    // Read as data (the reader drops control and bidi characters; the surfaces make the rest inert).
    assert.match(twilio.identity.displayName ?? '', /Jo Hostile/);
    assert.ok(HOSTILE_VALUES.displayName.includes('Jo Hostile'));
  });
});

/** A suite per preset, against its fake: the default scenario's values, a few of its own, and a refused credential. */
function presetSuite(service: FakeService, body: (suite: ReturnType<typeof adapterSuite> & { adapter: ServiceAdapter }) => void) {
  describe(`${service} preset against its fake server`, () => {
    const adapter = presetAdapter(service);
    body({ ...adapterSuite(service, adapter), adapter });
  });
}

presetSuite('telnyx', ({ harness, adapter, fetchScenario }) => {
  test('the documented example: decimal strings as numbers, in the answer’s currency, available credit first', async () => {
    const result = await harness.fetch(adapter, FAKE_TOKENS.telnyx);
    assert.deepEqual(countersOf(result), [
      ['available', 400, undefined, 'USD', true],
      ['balance', 300, undefined, 'USD', false],
      ['creditlimit', 100, undefined, 'USD', false],
      ['pending', 10, undefined, 'USD', false],
    ]);
    assert.deepEqual(snapshotOf(result).problems, []);
  });

  test('another currency, a low account and one in debt', async () => {
    assert.deepEqual(countersOf(await fetchScenario('euro'))[0], ['available', 230.5, undefined, 'EUR', true]);
    assert.equal(snapshotOf(await fetchScenario('demo')).counters[0]?.value, 6.4);
    assert.deepEqual(problemIds(await fetchScenario('exhausted')), [PROBLEM_IDS.creditsExhausted]);
  });

  test('a wrong or missing key is unauthorized', async () => {
    assert.equal(errorOf(await harness.fetch(adapter, 'KEY_not_a_telnyx_key')).kind, 'unauthorized');
    assert.equal(errorOf(await fetchScenario('401')).kind, 'unauthorized');
  });
});

presetSuite('twilio', ({ harness, adapter, fetchScenario }) => {
  test('Basic with the SID as the user and in both paths: the balance, the account’s name and type', async () => {
    const result = await harness.fetch(adapter, FAKE_TOKENS.twilio);
    assert.deepEqual(countersOf(result), [['balance', 47.12, undefined, 'USD', true]]);
    const snapshot = snapshotOf(result);
    assert.equal(snapshot.identity.displayName, 'Harbor Lane Dev');
    assert.equal(snapshot.plan.name, 'Full');
    assert.deepEqual(snapshot.problems, []);
    const paths = harness.server.requests.filter((request) => request.service === 'twilio').map((request) => request.path);
    assert.deepEqual(paths.sort(), [`/2010-04-01/Accounts/${TWILIO_SID}.json`, `/2010-04-01/Accounts/${TWILIO_SID}/Balance.json`]);
  });

  test('a trial, a suspended and a closed account, and another currency', async () => {
    assert.deepEqual(problemIds(await fetchScenario('trial')), ['defined.trial']);
    assert.deepEqual(problemIds(await fetchScenario('suspended')), [PROBLEM_IDS.creditsExhausted, 'defined.suspended']);
    assert.ok(problemIds(await fetchScenario('closed')).includes('defined.closed'));
    assert.deepEqual(countersOf(await fetchScenario('gbp')), [['balance', 120.08, undefined, 'GBP', true]]);
    assert.equal(snapshotOf(await fetchScenario('demo')).counters[0]?.value, 3.1);
  });

  test('a wrong auth token, or a SID that is not the account’s, is unauthorized', async () => {
    assert.equal(errorOf(await harness.fetch(adapter, `${TWILIO_SID}:tw_wrong_token`)).kind, 'unauthorized');
    assert.equal(errorOf(await harness.fetch(adapter, `AC${'0'.repeat(32)}:tw_test_key`)).kind, 'unauthorized');
  });
});

presetSuite('openrouter', ({ harness, adapter, fetchScenario }) => {
  test('remaining = total_credits − total_usage, "of" the total, in US dollars', async () => {
    assert.deepEqual(countersOf(await harness.fetch(adapter, FAKE_TOKENS.openrouter)), [
      ['remaining', 74.75, 100.5, 'USD', true],
      ['used', 25.75, undefined, 'USD', false],
      ['purchased', 100.5, undefined, 'USD', false],
    ]);
  });

  test('numbers as strings, a low account, one used past what it bought', async () => {
    assert.equal(snapshotOf(await fetchScenario('numbers-as-strings')).counters[0]?.value, 74.75);
    assert.deepEqual(countersOf(await fetchScenario('demo'))[0], ['remaining', 2.15, 25, 'USD', true]);
    const exhausted = await fetchScenario('exhausted');
    assert.equal(snapshotOf(exhausted).counters[0]?.value, -0.37);
    assert.deepEqual(problemIds(exhausted), [PROBLEM_IDS.creditsExhausted]);
  });

  test('a wrong key, an unknown one, or one that is not a management key is unauthorized', async () => {
    assert.equal(errorOf(await harness.fetch(adapter, 'sk-or-v1-wrong')).kind, 'unauthorized');
    assert.equal(errorOf(await fetchScenario('unknown-key')).kind, 'unauthorized');
    assert.equal(errorOf(await fetchScenario('not-management-key')).kind, 'unauthorized');
  });
});

presetSuite('didww', ({ harness, adapter, fetchScenario }) => {
  test('the key in Api-Key: the JSON:API balance, total first, in US dollars', async () => {
    assert.deepEqual(countersOf(await harness.fetch(adapter, FAKE_TOKENS.didww)), [
      ['total', 60, undefined, 'USD', true],
      ['prepaid', 50, undefined, 'USD', false],
      ['credit', 10, undefined, 'USD', false],
    ]);
  });

  test('a negative prepaid balance on credit, a low account, an empty one', async () => {
    assert.deepEqual(
      countersOf(await fetchScenario('on-credit')).map(([id, value]) => [id, value]),
      [
        ['total', 19],
        ['prepaid', -6],
        ['credit', 25],
      ],
    );
    assert.equal(snapshotOf(await fetchScenario('demo')).counters[0]?.value, 7.35);
    assert.deepEqual(problemIds(await fetchScenario('exhausted')), [PROBLEM_IDS.creditsExhausted]);
  });

  test('a wrong or missing key is unauthorized', async () => {
    assert.equal(errorOf(await harness.fetch(adapter, 'dw_wrong_key')).kind, 'unauthorized');
    assert.equal(errorOf(await fetchScenario('401')).kind, 'unauthorized');
  });
});
