// The fake server itself: how it checks tokens, picks scenarios and records requests, and its CLI.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, test } from 'node:test';
import { FAKE_SCENARIOS, FAKE_SERVICES, FAKE_TOKENS, leadpingWallet, scenarioToken, signeasyUser, startFakeServer } from '../fake-server';

/** The token in the header its service reads: Twilio's `user:secret` as HTTP Basic, DIDWW's key as `Api-Key`, the others as Bearer. */
function credentialHeaders(service: string, token: string): Record<string, string> {
  if (service === 'twilio') return { Authorization: `Basic ${Buffer.from(token).toString('base64')}` };
  if (service === 'didww') return { 'Api-Key': token };
  return { Authorization: `Bearer ${token}` };
}

async function get(
  url: string,
  token?: string,
  headers: Record<string, string> = token === undefined ? {} : { Authorization: `Bearer ${token}` },
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const response = await fetch(url, { headers });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Some scenarios answer HTML or broken JSON on purpose.
  }
  return { status: response.status, headers: response.headers, body };
}

describe('fake server', () => {
  test("missing or wrong tokens get each service's 401", async () => {
    const server = await startFakeServer();
    try {
      const leadping = await get(`${server.url}/users/me`);
      assert.equal(leadping.status, 401);
      assert.match(leadping.headers.get('content-type') ?? '', /^application\/problem\+json/);
      assert.match(leadping.headers.get('www-authenticate') ?? '', /^Bearer resource_metadata=/);
      assert.deepEqual(Object.keys(leadping.body as object).sort(), ['detail', 'instance', 'status', 'title', 'type']);
      const signeasy = await get(`${server.url}/v3/me/`, 'se_wrong');
      assert.equal(signeasy.status, 401);
      assert.deepEqual(Object.keys(signeasy.body as object).sort(), ['message', 'status']);
      // A Signeasy token is not a Leadping token.
      assert.equal((await get(`${server.url}/users/me`, FAKE_TOKENS.signeasy)).status, 401);
      assert.equal((await get(`${server.url}/users/me`, 'lp_test_no-such-scenario')).status, 401);
      assert.deepEqual(
        server.requests.map((request) => [request.service, request.authorization, request.scenario, request.status]),
        [
          ['leadping', false, undefined, 401],
          ['signeasy', true, undefined, 401],
          ['leadping', true, undefined, 401],
          ['leadping', true, undefined, 401],
        ],
      );
    } finally {
      await server.close();
    }
  });

  test('the plain token gets the default scenario; a scenario token gets its own; setScenario overrides both until cleared', async () => {
    const server = await startFakeServer({ scenarios: { signeasy: 'low' } });
    const envelopes = async (token: string) => {
      const answer = await get(`${server.url}/v3/me/`, token);
      return answer.status === 200 ? (answer.body as Record<string, unknown>).envelope_credits_available : answer.status;
    };
    try {
      assert.equal(await envelopes(FAKE_TOKENS.signeasy), 7);
      assert.equal(await envelopes(scenarioToken('signeasy', 'normal')), 1760);
      // A `.label` suffix gives many accounts tokens of their own for one scenario.
      assert.equal(await envelopes(`${FAKE_TOKENS.signeasy}.account-7`), 7);
      assert.equal(await envelopes(`${scenarioToken('signeasy', 'normal')}.account-8`), 1760);
      assert.equal(await envelopes('.se_test_key'), 401);
      server.setScenario('signeasy', 'exhausted');
      assert.equal(await envelopes(FAKE_TOKENS.signeasy), 0);
      assert.equal(await envelopes(scenarioToken('signeasy', 'normal')), 0);
      // Still only for tokens the fake accepts.
      assert.equal(await envelopes('se_wrong'), 401);
      server.clearScenario('signeasy');
      assert.equal(await envelopes(scenarioToken('signeasy', 'normal')), 1760);
      assert.throws(() => server.setScenario('leadping', 'no-such-scenario'), /Unknown leadping scenario "no-such-scenario"/);
    } finally {
      await server.close();
    }
  });

  test('a `+holder` suffix is another account of the same scenario (its own id and email, the same balance); a `.label` is the same account', async () => {
    const server = await startFakeServer();
    const body = async (path: string, token: string) => {
      const answer = await get(`${server.url}${path}`, token);
      assert.equal(answer.status, 200, `${token} on ${path}`);
      return answer.body as Record<string, unknown>;
    };
    const whose = ({ id, email, name, first_name }: Record<string, unknown>) => ({ id, email, name: name ?? first_name });
    // Without the dates the scenario sets relative to now.
    const undated = ({ billingState: _dated, ...rest }: Record<string, unknown>) => rest;
    try {
      const jordan = await body('/users/me', FAKE_TOKENS.leadping);
      const acct7 = await body('/users/me', `${FAKE_TOKENS.leadping}+acct7`);
      const acct8 = await body('/users/me', `${FAKE_TOKENS.leadping}+acct8`);
      assert.deepEqual(whose(acct7), { id: `${String(jordan.id)}+acct7`, email: 'jordan+acct7@acmeleads.example', name: jordan.name });
      assert.notDeepEqual(whose(acct7), whose(acct8));
      // Everything but who holds it is the scenario's, and a label gives the holder another token of theirs.
      assert.deepEqual(undated({ ...acct7, id: jordan.id, email: jordan.email }), undated(jordan));
      assert.deepEqual(undated(await body('/users/me', `${FAKE_TOKENS.leadping}+acct7.rotated`)), undated(acct7));
      assert.deepEqual(undated(await body('/users/me', `${FAKE_TOKENS.leadping}.rotated`)), undated(jordan));
      const balance = async (token: string) => (await body('/wallets/me', token)).balance;
      assert.equal(await balance(`${FAKE_TOKENS.leadping}+acct7`), await balance(FAKE_TOKENS.leadping));

      // Signeasy's id is a number and stays one.
      const priya = await body('/v3/me/', FAKE_TOKENS.signeasy);
      const se7 = await body('/v3/me/', `${FAKE_TOKENS.signeasy}+acct7`);
      const se8 = await body('/v3/me/', `${FAKE_TOKENS.signeasy}+acct8`);
      for (const other of [se7, se8]) {
        assert.equal(typeof other.id, 'number');
        assert.notEqual(other.id, priya.id);
        assert.equal(other.envelope_credits_available, priya.envelope_credits_available);
      }
      assert.notEqual(se7.id, se8.id);
      assert.equal(se7.email, `${String(priya.email).replace('@', '+acct7@')}`);
      // A scenario token keeps its scenario; the namesake's holders are others again.
      const low = await body('/v3/me/', `${scenarioToken('signeasy', 'low')}+acct7`);
      assert.deepEqual([low.id, low.envelope_credits_available], [se7.id, 7]);
      const namesake7 = await body('/v3/me/', `${scenarioToken('signeasy', 'namesake')}+acct7`);
      assert.ok(![priya.id, se7.id, (await body('/v3/me/', scenarioToken('signeasy', 'namesake'))).id].includes(namesake7.id));
      // Not a token of the fake's: no holder makes one.
      assert.equal((await get(`${server.url}/v3/me/`, '+acct7')).status, 401);
      assert.equal((await get(`${server.url}/v3/me/`, 'se_wrong+acct7')).status, 401);
    } finally {
      await server.close();
    }
  });

  test('every named scenario answers on every route of every service without crashing the server', async () => {
    const server = await startFakeServer();
    try {
      for (const service of FAKE_SERVICES) {
        for (const scenario of FAKE_SCENARIOS[service.id].filter((name) => !/slow|drop|huge/.test(name))) {
          for (const route of service.routes) {
            const token = scenarioToken(service.id, scenario);
            const answer = await get(`${server.url}${route}`, token, credentialHeaders(service.id, token));
            assert.ok(answer.status >= 200 && answer.status < 600, `${service.id} ${scenario} ${route}`);
          }
        }
        for (const route of service.routes) {
          const answer = await get(`${server.url}${route}`, service.token, credentialHeaders(service.id, service.token));
          assert.equal(answer.status, 200, `${service.id} answers its plain token on ${route}`);
        }
        assert.ok(FAKE_SCENARIOS[service.id].includes(service.defaultScenario), `${service.id} has its default scenario`);
        assert.ok(FAKE_SCENARIOS[service.id].includes(service.demoScenario), `${service.id} has its demo scenario`);
      }
      assert.equal((await get(`${server.url}/no/such/route`, FAKE_TOKENS.leadping)).status, 404);
    } finally {
      await server.close();
    }
  });

  test('the preset services read their credentials as the real ones do, and refuse in their own words', async () => {
    const server = await startFakeServer();
    const sid = 'ACtest0000000000000000000000000000';
    const balancePath = (account: string) => `/2010-04-01/Accounts/${account}/Balance.json`;
    try {
      // Telnyx: Bearer; a refusal is error 10009 in Telnyx's errors list.
      const telnyx = await get(`${server.url}/v2/balance`, FAKE_TOKENS.telnyx);
      assert.deepEqual([telnyx.status, (telnyx.body as { data: { balance: unknown } }).data.balance], [200, '300.00']);
      assert.equal(telnyx.headers.get('x-ratelimit-remaining'), '99');
      const telnyxRefused = await get(`${server.url}/v2/balance`, 'KEY_wrong');
      assert.equal(telnyxRefused.status, 401);
      assert.equal((telnyxRefused.body as { errors: { code: string }[] }).errors[0]?.code, '10009');

      // Twilio: Basic with the SID as the user, the same SID in the path.
      const twilioToken = FAKE_TOKENS.twilio;
      const twilio = await get(`${server.url}${balancePath(sid)}`, twilioToken, credentialHeaders('twilio', twilioToken));
      assert.deepEqual(twilio.body, { account_sid: sid, balance: '47.12', currency: 'USD' });
      const account = await get(`${server.url}/2010-04-01/Accounts/${sid}.json`, twilioToken, credentialHeaders('twilio', twilioToken));
      assert.equal((account.body as { friendly_name: string }).friendly_name, 'Harbor Lane Dev');
      const otherSid = `AC${'f'.repeat(32)}`;
      const elsewhere = await get(`${server.url}${balancePath(otherSid)}`, twilioToken, credentialHeaders('twilio', twilioToken));
      assert.equal(elsewhere.status, 401, 'a path SID that is not the signed-in account');
      assert.deepEqual(elsewhere.body, {
        code: 20003,
        message: 'Authenticate',
        more_info: 'https://www.twilio.com/docs/errors/20003',
        status: 401,
      });
      assert.equal(elsewhere.headers.get('www-authenticate'), 'Basic realm="Twilio API"');
      assert.equal((await get(`${server.url}${balancePath(sid)}`, twilioToken)).status, 401, 'Bearer is not how Twilio authenticates');
      const wrongSecret = `${sid}:tw_wrong`;
      assert.equal((await get(`${server.url}${balancePath(sid)}`, wrongSecret, credentialHeaders('twilio', wrongSecret))).status, 401);

      // OpenRouter: Bearer; `{error: {code, message}}`.
      const openrouter = await get(`${server.url}/api/v1/credits`, FAKE_TOKENS.openrouter);
      assert.deepEqual(openrouter.body, { data: { total_credits: 100.5, total_usage: 25.75 } });
      assert.deepEqual((await get(`${server.url}/api/v1/credits`)).body, { error: { code: 401, message: 'No auth credentials found' } });

      // DIDWW: the key alone in Api-Key; Bearer (2026-11-19's scheme) is refused here.
      const didww = await get(`${server.url}/v3/balance`, FAKE_TOKENS.didww, credentialHeaders('didww', FAKE_TOKENS.didww));
      assert.match(didww.headers.get('content-type') ?? '', /^application\/vnd\.api\+json/);
      assert.deepEqual((didww.body as { data: { attributes: unknown } }).data.attributes, {
        balance: '50.00',
        credit: '10.00',
        total_balance: '60.00',
      });
      const didwwBearer = await get(`${server.url}/v3/balance`, FAKE_TOKENS.didww);
      assert.equal(didwwBearer.status, 401);
      assert.equal((didwwBearer.body as { errors: { status: string }[] }).errors[0]?.status, '401');
      assert.deepEqual(
        server.requests.slice(-2).map((request) => [request.service, request.authorization, request.status]),
        [
          ['didww', true, 200],
          ['didww', true, 401],
        ],
      );
    } finally {
      await server.close();
    }
  });

  test("builders' overrides are typed from the services' documented JSON: a misspelt field fails npm run typecheck", () => {
    // @ts-expect-error `balanse` is not a field of GET /wallets/me.
    assert.equal(leadpingWallet({ balanse: 3 }).balance, 18.75);
    // @ts-expect-error `envelope_credit_available` (singular) is not a field of GET /v3/me/.
    assert.equal(signeasyUser({ envelope_credit_available: 0 }).envelope_credits_available, 1760);
    // What API.md says real answers do is allowed: nulls, and numbers as numeric strings.
    assert.equal(leadpingWallet({ balance: '12.50', currency: null }).balance, '12.50');
  });

  test('close() ends even with a slow answer pending', async () => {
    const server = await startFakeServer({ scenarios: { signeasy: 'slow-60000' } });
    const pending = fetch(`${server.url}/v3/me/`, { headers: { Authorization: `Bearer ${FAKE_TOKENS.signeasy}` } }).catch(() => 'closed');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await server.close();
    assert.equal(await pending, 'closed');
    assert.ok(Date.now() - started < 1000);
  });

  test('the CLI prints its URL and tokens as one JSON line and stops cleanly on SIGTERM', async () => {
    const cli = path.join(__dirname, '..', 'fake-server', 'cli.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--leadping', 'demo', '--signeasy', 'demo'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
      const started = JSON.parse(line) as {
        url: string;
        tokens: Record<string, string>;
        scenarioTokens: Record<string, Record<string, string>>;
      };
      assert.match(started.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.deepEqual(started.tokens, FAKE_TOKENS);
      assert.equal(started.scenarioTokens.signeasy?.exhausted, 'se_test_exhausted');
      const wallet = await get(`${started.url}/wallets/me`, started.tokens.leadping);
      assert.equal((wallet.body as Record<string, unknown>).balance, 3.2);
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 0);
  });
});
