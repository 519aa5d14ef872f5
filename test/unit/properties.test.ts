// Property-based: whatever JSON (or bytes) a service sends, the adapters and the fetcher never
// throw, and answer either a snapshot with no NaN in it or a typed 'unexpected' error.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { AccountFetcher } from '../../src/core/http/accountFetcher';
import type { AccountSnapshot, FetchResult } from '../../src/core/model';
import { redactSecrets } from '../../src/core/http/redact';
import type { JsonResponse, ServiceAdapter, ServiceHttp } from '../../src/core/services/serviceAdapter';
import { leadpingAdapter } from '../../src/core/services/leadping';
import { signeasyAdapter } from '../../src/core/services/signeasy';
import { normalizeToken } from '../../src/core/http/token';
import { leadpingOrganization, leadpingSeedUser, leadpingUser, leadpingWallet, signeasyUser } from '../fake-server';
import { FIXED_NOW } from '../support/clock';
import { connectionTo } from '../support/connection';
import { describeError, describeTokenProblem } from '../../src/views/viewModels/errorWording';
import { describeProblem } from '../../src/views/viewModels/snapshotWording';

/** A ServiceHttp answering 200 with the given body per path (404 for paths not given). */
function stubHttp(bodies: Readonly<Record<string, unknown>>): ServiceHttp {
  return {
    getJson: async (path): Promise<JsonResponse> =>
      path in bodies ? { ok: true, status: 200, body: bodies[path] } : { ok: false, error: { kind: 'notFound', path, status: 404 } },
  };
}

const isFiniteOrUndefined = (value: unknown) => value === undefined || (typeof value === 'number' && Number.isFinite(value));
const isTextOrUndefined = (value: unknown) => value === undefined || (typeof value === 'string' && value.trim() !== '');

/** Every field of a snapshot has the type the model promises: no NaN, no null, no stray objects. */
function assertWellFormed(snapshot: AccountSnapshot): void {
  for (const counter of snapshot.counters) {
    assert.ok(isFiniteOrUndefined(counter.value), `counter ${counter.id} = ${String(counter.value)}`);
    assert.ok(isFiniteOrUndefined(counter.expiresAt));
    assert.equal(typeof counter.headline, 'boolean');
  }
  assert.equal(snapshot.counters.filter((counter) => counter.headline).length, 1);
  const { identity, plan } = snapshot;
  for (const value of [
    identity.displayName,
    identity.email,
    identity.id,
    identity.organization,
    identity.phone,
    plan.name,
    plan.subscriptionStatus,
  ]) {
    assert.ok(isTextOrUndefined(value), `text field = ${JSON.stringify(value)}`);
  }
  for (const value of [
    identity.createdAt,
    plan.renewsAt,
    plan.expiresAt,
    plan.cancelsAt,
    plan.autoRefill?.amount,
    plan.autoRefill?.trigger,
  ]) {
    assert.ok(isFiniteOrUndefined(value), `number field = ${String(value)}`);
  }
  for (const value of [plan.paid, plan.autoRenew, plan.autoRefill?.enabled]) assert.ok(value === undefined || typeof value === 'boolean');
  for (const problem of snapshot.problems) {
    assert.equal(problem.message, undefined, 'adapters store ids and values, never a sentence');
    const sentence = describeProblem(problem, { serviceName: 'Service', locale: 'en-US' });
    assert.ok(sentence.length > 0 && !/NaN|undefined|null/.test(sentence), sentence);
  }
  for (const list of snapshot.lists) for (const item of list.items) assert.equal(typeof item.label, 'string');
  // Survives the JSON round trip the cache puts it through.
  assert.deepEqual(JSON.parse(JSON.stringify(snapshot)), JSON.parse(JSON.stringify(snapshot)));
}

function assertSnapshotOrUnexpected(result: FetchResult, bodyIsObject: boolean): void {
  if (result.ok) {
    assert.ok(bodyIsObject, 'a snapshot from a body that is not an object');
    assertWellFormed(result.snapshot);
  } else {
    assert.equal(result.error.kind, 'unexpected');
    assert.ok(!bodyIsObject, `an error for an object body: ${describeError(result.error, 'Service')}`);
  }
}

const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An object whose known keys hold anything: far likelier than random JSON to hit every reader. */
function mutated(base: Record<string, unknown>) {
  const keys = Object.keys(base);
  return fc
    .dictionary(
      fc.constantFrom(...keys),
      fc.oneof(
        fc.anything(),
        fc.double(),
        fc.constantFrom('12.50', '0', '-1', 'NaN', 'Infinity', '', ' ', '1e999', 'Canceled', Number.NaN, Infinity),
      ),
      {
        maxKeys: keys.length,
      },
    )
    .map((changes) => ({ ...base, ...changes }));
}

describe('adapters given arbitrary JSON', () => {
  test('Leadping: any values on any of the three endpoints', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.jsonValue(), fc.anything(), mutated(leadpingSeedUser()), mutated(leadpingUser())),
        fc.oneof(fc.jsonValue(), mutated(leadpingWallet())),
        fc.oneof(fc.anything(), mutated(leadpingOrganization())),
        async (user, wallet, organization) => {
          const result = await leadpingAdapter.fetchSnapshot(
            stubHttp({ '/users/me': user, '/wallets/me': wallet, '/organizations/me': organization }),
            FIXED_NOW,
          );
          assertSnapshotOrUnexpected(result, isObject(user));
        },
      ),
      { numRuns: 400 },
    );
  });

  test('Signeasy: any values in /v3/me/', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.anything(), mutated(signeasyUser())), async (user) => {
        const result = await signeasyAdapter.fetchSnapshot(stubHttp({ '/v3/me/': user }), FIXED_NOW);
        assertSnapshotOrUnexpected(result, isObject(user));
        if (result.ok) assert.equal(result.snapshot.counters.length, 7);
      }),
      { numRuns: 400 },
    );
  });

  test('a wallet of any shape never stops the balance coming from /users/me', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (wallet) => {
        const result = await leadpingAdapter.fetchSnapshot(stubHttp({ '/users/me': leadpingSeedUser(), '/wallets/me': wallet }), FIXED_NOW);
        assert.ok(result.ok);
        const walletBalance = isObject(wallet) ? (wallet as Record<string, unknown>).balance : undefined;
        if (walletBalance === undefined || walletBalance === null) {
          assert.equal(result.snapshot.counters[0]?.value, 42.5);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('the fetcher given arbitrary bytes', () => {
  let server: http.Server;
  let baseUrl: string;
  let nextBody: Buffer = Buffer.alloc(0);
  let nextContentType = 'application/json';
  before(async () => {
    server = http.createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': nextContentType });
      response.end(nextBody);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  for (const adapter of [leadpingAdapter, signeasyAdapter] as ServiceAdapter[]) {
    test(`${adapter.displayName}: bytes in, snapshot or 'unexpected' out`, async () => {
      const fetcher = new AccountFetcher({ userAgent: 'properties', maxRetries: 0 });
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
            fc.jsonValue().map((value) => Buffer.from(JSON.stringify(value) ?? 'null')),
            fc.string().map((text) => Buffer.from(text)),
          ),
          fc.constantFrom('application/json', 'text/plain', 'application/problem+json', 'text/html'),
          async (body, contentType) => {
            nextBody = body;
            nextContentType = contentType;
            const result = await fetcher.fetch(adapter, connectionTo(baseUrl, 'prop_token_1'));
            if (result.ok) assertWellFormed(result.snapshot);
            else assert.equal(result.error.kind, 'unexpected', describeError(result.error, adapter.displayName));
          },
        ),
        { numRuns: 150 },
      );
    });
  }
});

describe('secrets', () => {
  const tokenArbitrary = fc.stringMatching(/^[A-Za-z0-9_.~-]{8,40}$/).filter((token) => /\d/.test(token));
  test('redactSecrets leaves no trace of the token in any text', () => {
    fc.assert(
      fc.property(tokenArbitrary, fc.array(fc.string()), (token, pieces) => {
        const text = pieces.join(token);
        assert.ok(!redactSecrets(text, [token]).includes(token));
      }),
    );
  });
  test('normalizeToken accepts a clean token wrapped in whitespace and "Bearer", and never echoes input', () => {
    fc.assert(
      fc.property(tokenArbitrary, fc.constantFrom('', ' ', '\n', 'Bearer ', 'bearer  ', '\tBEARER '), (token, prefix) => {
        assert.deepEqual(normalizeToken(`${prefix}${token}  `), { ok: true, token });
      }),
    );
    fc.assert(
      fc.property(fc.string({ minLength: 10 }), (input) => {
        const result = normalizeToken(input);
        if (result.ok) assert.match(result.token, /^[\x21-\x7e]+$/);
        else {
          assert.ok(!describeTokenProblem(result.problem).includes(input.trim()));
          // The problem itself holds no text at all, only a reason and a length.
          assert.ok(Object.values(result.problem).every((value) => typeof value === 'number' || value === result.problem.reason));
        }
      }),
    );
  });
});
