// A service described as data (docs/custom-services.md), in plain Node with no network: the reader
// (every error located, one broken definition never taking the others with it), JSON Pointer as
// RFC 6901 says, the adapter a definition becomes (fed by a fake ServiceHttp), the credentials each
// auth scheme sends, and property tests that nothing here throws or lets a NaN or an Infinity in.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { credentialFor, fillPath } from '../../src/core/http/credentials';
import { PROBLEM_IDS, type AccountSnapshot, type FetchResult, type ServiceError } from '../../src/core/model';
import { DEFINED_PROBLEM_PREFIX, definedServiceAdapter } from '../../src/core/services/definition/definedAdapter';
import type { ServiceDefinition } from '../../src/core/services/definition/definitionSchema';
import { pointerProblem, resolvePointer } from '../../src/core/services/definition/jsonPointer';
import { readServiceDefinitions, type DefinitionError } from '../../src/core/services/definition/readDefinitions';
import type { JsonResponse, ServiceHttp } from '../../src/core/services/serviceAdapter';
import { FIXED_NOW } from '../support/clock';

const RESERVED = ['leadping', 'signeasy'];
const PRESETS_DIR = path.join(__dirname, '..', '..', 'presets');

/** A small valid definition: one request, one counter. Tests copy it and change one thing. */
function minimal(): Record<string, unknown> {
  return {
    id: 'acme',
    name: 'Acme',
    shortMark: 'AC',
    baseUrl: 'https://api.acme.test',
    requests: { balance: '/v1/balance' },
    counters: [{ id: 'balance', label: 'Balance', value: '/data/balance', unit: { currency: 'USD' } }],
  };
}

/** The minimal definition with its first counter changed. */
function withCounter(change: Record<string, unknown>): Record<string, unknown> {
  const definition = minimal();
  const [counter] = definition.counters as Record<string, unknown>[];
  return { ...definition, counters: [{ ...counter, ...change }] };
}

/** The minimal definition with one problem rule. */
function withRule(rule: Record<string, unknown>): Record<string, unknown> {
  return { ...minimal(), problems: [{ id: 'rule', value: '/data/status', message: 'Trouble.', ...rule }] };
}

function read(list: unknown): ReturnType<typeof readServiceDefinitions> {
  return readServiceDefinitions(list, { where: 'customServices', reservedIds: RESERVED });
}

/** The errors of a list holding only `definition`, as "path: message" lines. */
function errorsOf(definition: unknown): string[] {
  const result = read([definition]);
  assert.equal(result.definitions.length, 0, 'a definition with an error is left out');
  return result.errors.map((error) => `${error.path}: ${error.message}`);
}

/** The one error a broken definition gives, asserting that it is at `at` and its message matches. */
function assertOneError(definition: unknown, at: string, message: RegExp): void {
  const errors = errorsOf(definition);
  assert.equal(errors.length, 1, errors.join('\n'));
  const [line] = errors as [string];
  assert.ok(line.startsWith(`${at}: `), `expected the error at ${at}, got ${line}`);
  assert.match(line.slice(at.length + 2), message);
}

function readOne(definition: unknown): ServiceDefinition {
  const result = read([definition]);
  assert.deepEqual(result.errors, []);
  const [only] = result.definitions;
  assert.ok(only);
  return only;
}

function ok(body: unknown): JsonResponse {
  return { ok: true, status: 200, body };
}

/** A ServiceHttp answering each path from `bodies` (404 for others), recording the paths asked for. */
function fakeHttp(bodies: Readonly<Record<string, unknown>>): ServiceHttp & { readonly asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    getJson: async (pathAndQuery) => {
      asked.push(pathAndQuery);
      return Object.hasOwn(bodies, pathAndQuery)
        ? ok(bodies[pathAndQuery])
        : { ok: false, error: { kind: 'notFound', status: 404, path: pathAndQuery } };
    },
  };
}

function snapshotOf(result: FetchResult): AccountSnapshot {
  if (!result.ok) assert.fail(`expected a snapshot, got ${JSON.stringify(result.error)}`);
  return result.snapshot;
}

/** The snapshot the definition makes of one answer at the only request's path. */
async function fetchOne(definition: unknown, body: unknown): Promise<AccountSnapshot> {
  const checked = readOne(definition);
  const paths = Object.values(checked.requests);
  return snapshotOf(await definedServiceAdapter(checked).fetchSnapshot(fakeHttp({ [paths[0] as string]: body }), FIXED_NOW));
}

describe('service definitions: reading', () => {
  test('a valid definition reads, with the defaults: bearer auth and no problem rules', () => {
    const definition = readOne(minimal());
    assert.equal(definition.id, 'acme');
    assert.deepEqual(definition.auth, { type: 'bearer' });
    assert.deepEqual(definition.problems, []);
    assert.deepEqual(definition.counters[0]?.value, '/data/balance');
  });

  test('the adapter a definition makes describes the service, with the fallbacks for missing URLs', () => {
    const adapter = definedServiceAdapter(readOne(minimal()));
    assert.deepEqual(
      [adapter.id, adapter.displayName, adapter.shortMark, adapter.defaultBaseUrl, adapter.dashboardUrl, adapter.tokenHelpUrl],
      ['acme', 'Acme', 'AC', 'https://api.acme.test', 'https://api.acme.test', 'https://api.acme.test'],
    );
    assert.equal(adapter.defaultLowCreditThreshold, 0);
    assert.deepEqual(adapter.auth, { type: 'bearer' });
    const full = definedServiceAdapter(
      readOne({ ...minimal(), dashboardUrl: 'https://app.acme.test/', docsUrl: 'https://docs.acme.test/keys', auth: { type: 'basic' } }),
    );
    assert.deepEqual(
      [full.dashboardUrl, full.tokenHelpUrl, full.auth],
      ['https://app.acme.test/', 'https://docs.acme.test/keys', { type: 'basic' }],
    );
  });

  test('the four presets read without an error', () => {
    const files = readdirSync(PRESETS_DIR)
      .filter((name) => name.endsWith('.json'))
      .sort();
    assert.deepEqual(files, ['didww.json', 'openrouter.json', 'telnyx.json', 'twilio.json']);
    for (const file of files) {
      const value: unknown = JSON.parse(readFileSync(path.join(PRESETS_DIR, file), 'utf8'));
      const result = readServiceDefinitions([value], { where: `presets/${file}`, reservedIds: RESERVED });
      assert.deepEqual(result.errors, [], file);
      assert.equal(result.definitions[0]?.id, file.replace(/\.json$/, ''), file);
    }
  });

  test('no list at all (null, undefined) is nothing, and not a list is one error at the setting', () => {
    assert.deepEqual(read(undefined), { definitions: [], errors: [] });
    assert.deepEqual(read(null), { definitions: [], errors: [] });
    assert.deepEqual(read([]), { definitions: [], errors: [] });
    for (const value of [minimal(), 'acme', 3, true]) {
      assert.deepEqual(read(value), {
        definitions: [],
        errors: [{ path: 'customServices', message: 'is not a list of service definitions', index: 0 }],
      });
    }
    assert.equal(readServiceDefinitions({}, { where: 'presets/x.json' }).errors[0]?.path, 'presets/x.json');
  });

  test('bad JSON Pointer syntax is located at the reference', () => {
    assertOneError(
      withCounter({ value: 'data/x' }),
      'customServices[0].counters[0].value',
      /is not a JSON Pointer: it is "" or starts with "\/"/,
    );
    assertOneError(withCounter({ value: '/a~2' }), 'customServices[0].counters[0].value', /"~" must be followed by 0 or 1/);
    assertOneError(withCounter({ value: '/a~' }), 'customServices[0].counters[0].value', /"~" must be followed by 0 or 1/);
    assertOneError(withCounter({ minus: 'used' }), 'customServices[0].counters[0].minus', /is not a JSON Pointer/);
    assertOneError(
      withCounter({ value: { request: 'balance', pointer: 'x' } }),
      'customServices[0].counters[0].value.pointer',
      /is not a JSON Pointer/,
    );
    assertOneError({ ...minimal(), identity: { email: 'email' } }, 'customServices[0].identity.email', /is not a JSON Pointer/);
    assertOneError(withRule({ value: '~0', equals: 1 }), 'customServices[0].problems[0].value', /is not a JSON Pointer/);
    // Well-formed: the whole answer, escapes, an empty key.
    for (const pointer of ['', '/', '/a~0b~1c', '/0/-', '/ ']) readOne(withCounter({ value: pointer }));
  });

  test('baseUrl: https, or plain http only to a literal loopback address; never a query or credentials', () => {
    assertOneError({ ...minimal(), baseUrl: 'http://api.acme.test' }, 'customServices[0].baseUrl', /is not https/);
    assertOneError({ ...minimal(), baseUrl: 'http://192.168.1.10:8080' }, 'customServices[0].baseUrl', /is not https/);
    assertOneError({ ...minimal(), baseUrl: 'ftp://api.acme.test' }, 'customServices[0].baseUrl', /is not https/);
    assertOneError({ ...minimal(), baseUrl: 'https://api.acme.test/?key=secret' }, 'customServices[0].baseUrl', /has a query/);
    assertOneError({ ...minimal(), baseUrl: 'https://api.acme.test/#top' }, 'customServices[0].baseUrl', /has a query or a fragment/);
    assertOneError(
      { ...minimal(), baseUrl: 'https://user:pass@api.acme.test' },
      'customServices[0].baseUrl',
      /holds a user name or password/,
    );
    assertOneError({ ...minimal(), baseUrl: 'not a url' }, 'customServices[0].baseUrl', /is not a URL/);
    assertOneError({ ...minimal(), dashboardUrl: 'http://app.acme.test' }, 'customServices[0].dashboardUrl', /is not https/);
    for (const baseUrl of ['http://127.0.0.1:8080', 'http://localhost:3000', 'http://[::1]:9000', 'https://api.acme.test/v2']) {
      assert.equal(readOne({ ...minimal(), baseUrl }).baseUrl, baseUrl);
    }
  });

  test('a duplicate id: the second is refused, the first kept; a built-in id is refused', () => {
    const result = read([minimal(), { ...minimal(), name: 'Acme again' }]);
    assert.deepEqual(
      result.definitions.map((definition) => definition.name),
      ['Acme'],
    );
    assert.deepEqual(result.errors, [
      { path: 'customServices[1].id', message: 'is already the id of customServices[0]: ids are unique', index: 1, label: 'Acme again' },
    ]);
    assertOneError({ ...minimal(), id: 'signeasy' }, 'customServices[0].id', /is the id of a built-in service/);
    assertOneError({ ...minimal(), id: 'Acme' }, 'customServices[0].id', /is not an id/);
    assertOneError({ ...minimal(), id: 'a' }, 'customServices[0].id', /is not an id/);
  });

  test('auth: an unknown type, a forbidden header, a missing header name', () => {
    assertOneError({ ...minimal(), auth: { type: 'oauth' } }, 'customServices[0].auth.type', /is not an auth type/);
    assertOneError({ ...minimal(), auth: 'bearer' }, 'customServices[0].auth', /.+/);
    for (const header of ['Authorization', 'authorization', 'Cookie', 'Host']) {
      assertOneError(
        { ...minimal(), auth: { type: 'header', header } },
        'customServices[0].auth.header',
        /is a header a token may not go in/,
      );
    }
    assertOneError({ ...minimal(), auth: { type: 'header', header: 'X Key' } }, 'customServices[0].auth.header', /is not a header name/);
    assertOneError({ ...minimal(), auth: { type: 'header' } }, 'customServices[0].auth.header', /^is missing$/);
    assert.deepEqual(readOne({ ...minimal(), auth: { type: 'header', header: 'Api-Key' } }).auth, { type: 'header', header: 'Api-Key' });
  });

  test('missing fields and unknown fields (a typo) are named', () => {
    for (const field of ['name', 'counters', 'requests', 'baseUrl', 'shortMark', 'id']) {
      const definition = minimal();
      delete definition[field];
      assertOneError(definition, `customServices[0].${field}`, /^is missing$/);
    }
    assertOneError(withCounter({ lowTreshold: 5 }), 'customServices[0].counters[0].lowTreshold', /is not a field this object takes/);
    assertOneError({ ...minimal(), identty: {} }, 'customServices[0].identty', /is not a field this object takes/);
    assertOneError({ ...minimal(), counters: [] }, 'customServices[0].counters', /is empty: a service needs a counter/);
    assertOneError({ ...minimal(), counters: {} }, 'customServices[0].counters', /is not a list/);
    assertOneError({ ...minimal(), requests: {} }, 'customServices[0].requests', /names no request/);
    assertOneError({ ...minimal(), name: '  ' }, 'customServices[0].name', /is empty/);
    assertOneError({ ...minimal(), name: 'Acme\nInc' }, 'customServices[0].name', /control character/);
    assertOneError(withCounter({ lowThreshold: -1 }), 'customServices[0].counters[0].lowThreshold', /is below 0/);
    assertOneError(withCounter({ unit: { currency: 'usd' } }), 'customServices[0].counters[0].unit.currency', /ISO 4217/);
    assertOneError(withCounter({ unit: { dollars: true } }), 'customServices[0].counters[0].unit', /is not a unit/);
  });

  test('value references between requests: several requests need a name, and the name must exist', () => {
    const twoRequests = { ...minimal(), requests: { balance: '/v1/balance', account: '/v1/account' } };
    assertOneError(
      twoRequests,
      'customServices[0].counters[0].value',
      /names no request, and this definition has several: write \{ "request": "…", "pointer": "\/data\/balance" \}/,
    );
    assertOneError(
      {
        ...twoRequests,
        counters: [{ id: 'balance', label: 'Balance', value: { request: 'wallet', pointer: '/b' }, unit: { count: 'credits' } }],
      },
      'customServices[0].counters[0].value.request',
      /names "wallet", which is not in requests \(balance, account\)/,
    );
    assertOneError(
      withCounter({ limit: { request: 'nope', pointer: '/limit' } }),
      'customServices[0].counters[0].limit.request',
      /names "nope"/,
    );
    assertOneError(
      withCounter({ unit: { currency: { request: 'nope', pointer: '/c' } } }),
      'customServices[0].counters[0].unit.currency.request',
      /names "nope"/,
    );
    assertOneError(
      withRule({ value: { request: 'nope', pointer: '/s' }, equals: 1 }),
      'customServices[0].problems[0].value.request',
      /names "nope"/,
    );
    readOne({
      ...twoRequests,
      identity: { name: { request: 'account', pointer: '/name' } },
      counters: [{ id: 'balance', label: 'Balance', value: { request: 'balance', pointer: '/b' }, unit: { count: 'credits' } }],
    });
  });

  test('request paths: {user} only with basic auth and never in a query; no other placeholder', () => {
    assertOneError(
      { ...minimal(), requests: { balance: '/Accounts/{user}/Balance.json' } },
      'customServices[0].requests.balance',
      /uses \{user\}, which only basic auth has/,
    );
    assertOneError(
      { ...minimal(), auth: { type: 'basic' }, requests: { balance: '/Balance.json?sid={user}' } },
      'customServices[0].requests.balance',
      /puts \{user\} in the query/,
    );
    assertOneError(
      { ...minimal(), requests: { balance: '/v1/{token}' } },
      'customServices[0].requests.balance',
      /placeholder other than \{user\}/,
    );
    assertOneError(
      { ...minimal(), auth: { type: 'basic' }, requests: { balance: '/v1/{USER}' } },
      'customServices[0].requests.balance',
      /placeholder other than \{user\}/,
    );
    assertOneError({ ...minimal(), requests: { balance: 'v1/balance' } }, 'customServices[0].requests.balance', /does not start with "\/"/);
    assertOneError({ ...minimal(), requests: { 'bad name': '/v1' } }, 'customServices[0].requests["bad name"]', /is not a request name/);
    const basic = readOne({ ...minimal(), auth: { type: 'basic' }, requests: { balance: '/Accounts/{user}/Balance.json?page=1' } });
    assert.equal(basic.requests.balance, '/Accounts/{user}/Balance.json?page=1');
  });

  test('counters: one headline at most, ids unique', () => {
    const counter = (id: string, headline?: boolean) => ({
      id,
      label: id,
      value: `/${id}`,
      unit: { count: 'credits' },
      ...(headline === undefined ? {} : { headline }),
    });
    assertOneError(
      { ...minimal(), counters: [counter('a', true), counter('b', true)] },
      'customServices[0].counters[1].headline',
      /is true for a second counter/,
    );
    assertOneError(
      { ...minimal(), counters: [counter('a'), counter('a')] },
      'customServices[0].counters[1].id',
      /"a" is the id of an earlier counter/,
    );
    readOne({ ...minimal(), counters: [counter('a', false), counter('b', true), counter('c', false)] });
  });

  test('problem rules: exactly one of equals, notEquals, in and notIn', () => {
    assertOneError(withRule({}), 'customServices[0].problems[0]', /says none of equals, notEquals, in and notIn/);
    assertOneError(withRule({ equals: 'x', notIn: ['y'] }), 'customServices[0].problems[0]', /says more than one of/);
    assertOneError(withRule({ in: ['a'], notIn: ['b'] }), 'customServices[0].problems[0]', /says more than one of/);
    // `equals: null` is a test (the value is null), not an absent one.
    readOne(withRule({ equals: null }));
    assertOneError(withRule({ in: 'a' }), 'customServices[0].problems[0].in', /is not a list/);
    assertOneError(
      withRule({ equals: 1, severity: 'fatal' }),
      'customServices[0].problems[0].severity',
      /is not "error", "warning" or "info"/,
    );
    assertOneError(
      {
        ...withRule({ equals: 1 }),
        problems: [
          { id: 'r', value: '/s', equals: 1, message: 'm' },
          { id: 'r', value: '/s', equals: 2, message: 'm' },
        ],
      },
      'customServices[0].problems[1].id',
      /is the id of an earlier rule/,
    );
    const rule = readOne(withRule({ equals: false })).problems[0];
    assert.equal(rule?.severity, 'warning', 'severity defaults to warning');
  });

  test('one broken definition never removes the valid others; its errors carry its index and label', () => {
    const result = read([
      { ...minimal(), id: 'first' },
      { ...minimal(), id: 'broken', name: 'Broken Co', baseUrl: 'http://api.broken.test', counters: [] },
      { ...minimal(), id: 'third' },
      { ...minimal(), id: 'nameless', name: 5 },
      42,
    ]);
    assert.deepEqual(
      result.definitions.map((definition) => definition.id),
      ['first', 'third'],
    );
    const byIndex = (index: number): DefinitionError[] => result.errors.filter((error) => error.index === index);
    assert.deepEqual(
      byIndex(1).map((error) => [error.path, error.label]),
      [
        ['customServices[1].baseUrl', 'Broken Co'],
        ['customServices[1].counters', 'Broken Co'],
      ],
    );
    assert.deepEqual(
      byIndex(3).map((error) => [error.path, error.label]),
      [['customServices[3].name', 'nameless']],
      'the id labels a definition whose name does not read',
    );
    assert.deepEqual(byIndex(4), [{ path: 'customServices[4]', message: 'is not an object', index: 4 }]);
    assert.equal(result.errors.length, 4);
  });

  test('a definition with many errors says the first five', () => {
    const broken = { id: 'X', name: '', shortMark: '', baseUrl: 'http://x', requests: 3, counters: 'none', extra: 1 };
    const errors = errorsOf(broken);
    assert.equal(errors.length, 5);
    for (const line of errors) assert.match(line, /^customServices\[0\]\.\w+: /);
  });
});

describe('JSON Pointer (RFC 6901)', () => {
  // The RFC's own example document and its table (section 5).
  const rfc = { foo: ['bar', 'baz'], '': 0, 'a/b': 1, 'c%d': 2, 'e^f': 3, 'g|h': 4, 'i\\j': 5, 'k"l': 6, ' ': 7, 'm~n': 8 };

  test('the RFC examples', () => {
    const cases: [string, unknown][] = [
      ['', rfc],
      ['/foo', ['bar', 'baz']],
      ['/foo/0', 'bar'],
      ['/', 0],
      ['/a~1b', 1],
      ['/c%d', 2],
      ['/e^f', 3],
      ['/g|h', 4],
      ['/i\\j', 5],
      ['/k"l', 6],
      ['/ ', 7],
      ['/m~0n', 8],
    ];
    for (const [pointer, expected] of cases) assert.deepEqual(resolvePointer(rfc, pointer), expected, JSON.stringify(pointer));
  });

  test('~01 is "~1", not "/": ~1 is unescaped before ~0', () => {
    assert.equal(resolvePointer({ '~1': 'tilde-one', '/': 'slash' }, '/~01'), 'tilde-one');
    assert.equal(resolvePointer({ '~1': 'tilde-one', '/': 'slash' }, '/~1'), 'slash');
  });

  test('array indexes: decimal without leading zeros; "-" and "01" name nothing', () => {
    const document = { list: ['a', 'b', { deep: [10, 20] }] };
    assert.equal(resolvePointer(document, '/list/1'), 'b');
    assert.equal(resolvePointer(document, '/list/2/deep/1'), 20);
    for (const pointer of ['/list/01', '/list/-', '/list/3', '/list/-1', '/list/1.0', '/list/ 1', '/list/length', '/list/1e0', '/list/']) {
      assert.equal(resolvePointer(document, pointer), undefined, pointer);
    }
  });

  test('inherited keys name nothing; own properties with those names do', () => {
    for (const pointer of ['/constructor', '/__proto__', '/toString', '/hasOwnProperty', '/constructor/name']) {
      assert.equal(resolvePointer({}, pointer), undefined, pointer);
      assert.equal(resolvePointer({ a: 1 }, pointer), undefined, pointer);
    }
    assert.equal(resolvePointer([1], '/constructor'), undefined);
    const own: unknown = JSON.parse('{"__proto__": {"x": 1}, "constructor": "c"}');
    assert.deepEqual(resolvePointer(own, '/__proto__'), { x: 1 });
    assert.equal(resolvePointer(own, '/__proto__/x'), 1);
    assert.equal(resolvePointer(own, '/constructor'), 'c');
  });

  test('through a scalar or null names nothing; malformed pointers name nothing', () => {
    for (const document of ['text', 42, true, null, undefined]) assert.equal(resolvePointer(document, '/0'), undefined);
    assert.equal(resolvePointer({ a: null }, '/a'), null);
    assert.equal(resolvePointer({ a: null }, '/a/b'), undefined);
    assert.equal(resolvePointer('text', '/length'), undefined);
    for (const pointer of ['a', 'foo/0', '/a~2', '/a~', '#/foo']) {
      assert.equal(resolvePointer({ a: 1, foo: [1] }, pointer), undefined, pointer);
      assert.ok(pointerProblem(pointer), pointer);
    }
    for (const pointer of ['', '/', '/a~0~1', '/~0']) assert.equal(pointerProblem(pointer), undefined, pointer);
  });
});

describe('the adapter a definition makes', () => {
  test('numeric strings are numbers; a missing or wrong-typed field is undefined ("—")', async () => {
    const definition = {
      ...minimal(),
      counters: [
        { id: 'a', label: 'A', value: '/a', unit: { count: 'credits' } },
        { id: 'b', label: 'B', value: '/b', unit: { count: 'credits' } },
        { id: 'c', label: 'C', value: '/missing', unit: { count: 'credits' } },
        { id: 'd', label: 'D', value: '/d', unit: { count: 'credits' } },
        { id: 'e', label: 'E', value: '/e', unit: { count: 'credits' } },
        { id: 'f', label: 'F', value: '/f', unit: { count: 'credits' } },
      ],
    };
    const snapshot = await fetchOne(definition, { a: '300.00', b: 12.5, d: 'lots', e: null, f: { amount: 1 } });
    assert.deepEqual(
      snapshot.counters.map((counter) => [counter.id, counter.value]),
      [
        ['a', 300],
        ['b', 12.5],
        ['c', undefined],
        ['d', undefined],
        ['e', undefined],
        ['f', undefined],
      ],
    );
    assert.ok(!('value' in (snapshot.counters[2] as object)), 'an absent value is left out, not set to undefined');
    assert.equal(snapshot.serviceId, 'acme');
    assert.equal(snapshot.fetchedAt, FIXED_NOW);
    assert.deepEqual(snapshot.lists, []);
  });

  test('minus: remaining = total − used, exactly to the cent (10.1 − 0.3 = 9.8); limit reads "x of y"', async () => {
    const definition = withCounter({ value: '/total', minus: '/used', limit: '/cap' });
    const [counter] = (await fetchOne(definition, { total: '10.1', used: 0.3, cap: '50' })).counters;
    assert.equal(counter?.value, 9.8);
    assert.equal(counter?.limit, 50);
    assert.equal((await fetchOne(definition, { total: 10, used: 'n/a' })).counters[0]?.value, undefined, 'an unknown part: unknown');
    assert.equal((await fetchOne(definition, { used: 1 })).counters[0]?.value, undefined);
    const noLimit = (await fetchOne(definition, { total: 3, used: 1 })).counters[0];
    assert.deepEqual([noLimit?.value, noLimit && 'limit' in noLimit], [2, false]);
  });

  test('a difference too large for a number is unknown, never Infinity', async () => {
    const definition = withCounter({ value: '/total', minus: '/used' });
    const counter = (await fetchOne(definition, { total: 1.7e308, used: -1.7e308 })).counters[0];
    assert.equal(counter?.value, undefined);
    assert.equal((await fetchOne(withCounter({ value: '/total' }), { total: 1e303 })).counters[0]?.value, 1e303);
  });

  test('units: a currency code, a currency from the answer, a count with its noun', async () => {
    const unitOf = async (unit: unknown, body: unknown) =>
      (await fetchOne(withCounter({ unit }), { data: { balance: 1 }, ...(body as object) })).counters[0]?.unit;
    assert.deepEqual(await unitOf({ currency: 'EUR' }, {}), { kind: 'money', currency: 'EUR' });
    assert.deepEqual(await unitOf({ currency: '/cur' }, { cur: 'GBP' }), { kind: 'money', currency: 'GBP' });
    // The engine upper-cases a currency the answer spells in lowercase (Twilio sends "usd").
    assert.deepEqual(await unitOf({ currency: '/cur' }, { cur: 'usd' }), { kind: 'money', currency: 'USD' });
    for (const cur of ['US Dollar', 'US', '840', '', null, 12, undefined, { code: 'USD' }, 'U\u0000SD']) {
      assert.deepEqual(await unitOf({ currency: '/cur' }, { cur }), { kind: 'count' }, JSON.stringify(cur));
    }
    assert.deepEqual(await unitOf({ count: 'credits' }, {}), { kind: 'count', noun: 'credits' });
  });

  test('the headline: the one that says so, else the first; lowThreshold is the default low threshold', async () => {
    const counters = [
      { id: 'a', label: 'A', value: '/a', unit: { count: 'credits' }, lowThreshold: 1 },
      { id: 'b', label: 'B', value: '/b', unit: { count: 'credits' }, headline: true, lowThreshold: 25 },
    ];
    const explicit = readOne({ ...minimal(), counters });
    assert.equal(definedServiceAdapter(explicit).defaultLowCreditThreshold, 25);
    const snapshot = await fetchOne({ ...minimal(), counters }, { a: 1, b: 2 });
    assert.deepEqual(
      snapshot.counters.map((counter) => [counter.id, counter.headline]),
      [
        ['a', false],
        ['b', true],
      ],
    );
    const byDefault = counters.map(({ headline: _headline, ...counter }) => counter);
    assert.equal(definedServiceAdapter(readOne({ ...minimal(), counters: byDefault })).defaultLowCreditThreshold, 1);
    const first = await fetchOne({ ...minimal(), counters: byDefault }, { a: 1, b: 2 });
    assert.deepEqual(
      first.counters.map((counter) => counter.headline),
      [true, false],
    );
  });

  test('a headline at or below 0 is creditsExhausted; another counter at 0 or an unknown headline is not', async () => {
    const counters = [
      { id: 'a', label: 'A', value: '/a', unit: { count: 'credits' } },
      { id: 'b', label: 'B', value: '/b', unit: { count: 'credits' } },
    ];
    const problemsFor = async (body: unknown) => (await fetchOne({ ...minimal(), counters }, body)).problems;
    assert.deepEqual(await problemsFor({ a: 0, b: 5 }), [{ id: PROBLEM_IDS.creditsExhausted, severity: 'error' }]);
    assert.deepEqual(await problemsFor({ a: '-3.50', b: 5 }), [{ id: PROBLEM_IDS.creditsExhausted, severity: 'error' }]);
    assert.deepEqual(await problemsFor({ a: 0.01, b: 0 }), []);
    assert.deepEqual(await problemsFor({ b: 0 }), []);
  });

  test('problem rules: each kind, numeric strings equal numbers, an absent value never holds', async () => {
    const rules = [
      { id: 'disabled', value: '/enabled', equals: false, severity: 'error', message: 'The account is disabled.' },
      { id: 'status', value: '/status', notIn: ['active'], message: 'The account is not active.' },
      { id: 'zero', value: '/count', equals: 0, severity: 'info', message: 'Nothing counted.' },
      { id: 'tier', value: '/tier', in: ['trial', 'free'], severity: 'info', message: 'A trial.' },
      { id: 'region', value: '/region', notEquals: 'eu', message: 'Outside the EU.' },
    ];
    const idsFor = async (body: Record<string, unknown>) =>
      (await fetchOne({ ...minimal(), problems: rules }, { data: { balance: 5 }, ...body })).problems.map((problem) => problem.id);
    const all = { enabled: false, status: 'suspended', count: '0', tier: 'trial', region: 'us' };
    assert.deepEqual(
      await idsFor(all),
      ['disabled', 'status', 'zero', 'tier', 'region'].map((id) => `${DEFINED_PROBLEM_PREFIX}${id}`),
    );
    assert.deepEqual(await idsFor({ enabled: true, status: 'active', count: '0.5', tier: 'pro', region: 'eu' }), []);
    assert.deepEqual(await idsFor({}), [], 'absent values never make a problem');
    assert.deepEqual(await idsFor({ enabled: 'false' }), [], 'equals false is the boolean, not the string');
    const snapshot = await fetchOne({ ...minimal(), problems: rules }, { data: { balance: 5 }, ...all });
    assert.deepEqual(snapshot.problems[0], { id: 'defined.disabled', severity: 'error', message: 'The account is disabled.' });
    assert.deepEqual(snapshot.problems[1], { id: 'defined.status', severity: 'warning', message: 'The account is not active.' });
  });

  test('identity and plan are read as clean text; absent ones are left out', async () => {
    const definition = {
      ...minimal(),
      identity: { name: '/owner', email: '/email', organization: '/org', plan: '/plan' },
    };
    const snapshot = await fetchOne(definition, { owner: ' Ada\u0000\nLovelace\u202e ', email: 12345, org: '   ', plan: 'Pro\tplan' });
    assert.deepEqual(snapshot.identity, { displayName: 'Ada Lovelace', email: '12345' });
    assert.deepEqual(snapshot.plan, { name: 'Pro plan' });
    const empty = await fetchOne(definition, {});
    assert.deepEqual([empty.identity, empty.plan], [{}, {}]);
  });

  test('every request is fetched in parallel, and each reference reads its own answer', async () => {
    const definition = readOne({
      ...minimal(),
      requests: { balance: '/v1/balance', account: '/v1/account' },
      identity: { email: { request: 'account', pointer: '/email' } },
      counters: [{ id: 'balance', label: 'Balance', value: { request: 'balance', pointer: '/amount' }, unit: { count: 'credits' } }],
    });
    const started: string[] = [];
    const release: (() => void)[] = [];
    const bodies: Record<string, unknown> = {
      '/v1/balance': { amount: '7', email: 'wrong@acme.test' },
      '/v1/account': { email: 'a@acme.test', amount: 1 },
    };
    const http: ServiceHttp = {
      getJson: (pathAndQuery) => {
        started.push(pathAndQuery);
        return new Promise((resolve) => release.push(() => resolve(ok(bodies[pathAndQuery]))));
      },
    };
    const pending = definedServiceAdapter(definition).fetchSnapshot(http, FIXED_NOW);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(started.sort(), ['/v1/account', '/v1/balance'], 'both requests start before either answers');
    for (const answer of release.reverse()) answer();
    const snapshot = snapshotOf(await pending);
    assert.equal(snapshot.counters[0]?.value, 7);
    assert.equal(snapshot.identity.email, 'a@acme.test');
  });

  test("one failed request fails the fetch with that request's error", async () => {
    const definition = readOne({
      ...minimal(),
      requests: { balance: '/v1/balance', account: '/v1/account' },
      counters: [{ id: 'balance', label: 'Balance', value: { request: 'balance', pointer: '/amount' }, unit: { count: 'credits' } }],
    });
    const refused: ServiceError = { kind: 'unauthorized', status: 401, path: '/v1/account' };
    const http: ServiceHttp = {
      getJson: async (pathAndQuery) => (pathAndQuery === '/v1/account' ? { ok: false, error: refused } : ok({ amount: 5 })),
    };
    assert.deepEqual(await definedServiceAdapter(definition).fetchSnapshot(http, FIXED_NOW), { ok: false, error: refused });
  });

  test('a request path goes to ServiceHttp as written ({user} is the HTTP layer’s to fill)', async () => {
    const definition = readOne({ ...minimal(), auth: { type: 'basic' }, requests: { balance: '/Accounts/{user}/Balance.json' } });
    const http = fakeHttp({ '/Accounts/{user}/Balance.json': { data: { balance: 1 } } });
    snapshotOf(await definedServiceAdapter(definition).fetchSnapshot(http, FIXED_NOW));
    assert.deepEqual(http.asked, ['/Accounts/{user}/Balance.json']);
  });
});

describe('credentials per auth scheme', () => {
  test('bearer (also the default), a named header, HTTP Basic', () => {
    const token = 'sk_live_abcdef123456';
    assert.deepEqual(credentialFor({ type: 'bearer' }, token), {
      ok: true,
      credential: { headers: { Authorization: `Bearer ${token}` }, secrets: [token] },
    });
    assert.deepEqual(credentialFor(undefined, token), credentialFor({ type: 'bearer' }, token));
    assert.deepEqual(credentialFor({ type: 'header', header: 'Api-Key' }, token), {
      ok: true,
      credential: { headers: { 'Api-Key': token }, secrets: [token] },
    });
    const basic = credentialFor({ type: 'basic' }, 'ACsid123:s3cr:et');
    const encoded = Buffer.from('ACsid123:s3cr:et', 'utf8').toString('base64');
    assert.deepEqual(basic, {
      ok: true,
      credential: {
        headers: { Authorization: `Basic ${encoded}` },
        user: 'ACsid123',
        secrets: ['ACsid123:s3cr:et', 's3cr:et', encoded],
      },
    });
  });

  test('basic without a colon, with an empty user or an empty secret: notUserAndSecret', () => {
    for (const token of ['justonesecret', ':secret', 'user:', ':']) {
      assert.deepEqual(credentialFor({ type: 'basic' }, token), { ok: false, problem: { reason: 'notUserAndSecret' } }, token);
    }
  });

  test('{user} is filled percent-encoded, and only for basic', () => {
    const basic = credentialFor({ type: 'basic' }, 'AC 1/é?#:pw');
    assert.ok(basic.ok);
    assert.equal(
      fillPath('/Accounts/{user}/x/{user}.json', basic.credential),
      '/Accounts/AC%201%2F%C3%A9%3F%23/x/AC%201%2F%C3%A9%3F%23.json',
    );
    const bearer = credentialFor({ type: 'bearer' }, 'token-123');
    assert.ok(bearer.ok);
    assert.equal(fillPath('/Accounts/{user}.json', bearer.credential), '/Accounts/{user}.json');
  });
});

describe('properties', () => {
  const where = 'customServices';

  test('readServiceDefinitions never throws on any JSON or JS value, and every error is located in the list', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.array(fc.anything()), fc.array(fc.jsonValue())), (value) => {
        const result = readServiceDefinitions(value, { where, reservedIds: RESERVED });
        for (const error of result.errors) {
          assert.ok(error.path.startsWith(where), error.path);
          assert.equal(typeof error.message, 'string');
          assert.ok(error.message.length > 0);
        }
      }),
      { numRuns: 500 },
    );
  });

  test('a valid definition with one field replaced by any JSON never throws; an error names that field', () => {
    const fields = ['id', 'name', 'shortMark', 'baseUrl', 'auth', 'requests', 'identity', 'counters', 'problems', 'dashboardUrl'];
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.jsonValue(), (field, replacement) => {
        const result = read([minimal(), { ...minimal(), id: 'other', [field]: replacement }]);
        assert.equal(result.definitions[0]?.id, 'acme', 'the valid first definition is always kept');
        for (const error of result.errors) assert.ok(error.path.startsWith(`${where}[1].`), error.path);
        if (result.definitions.length === 1) assert.ok(result.errors.length > 0);
      }),
      { numRuns: 500 },
    );
  });

  const richDefinition = readOne({
    ...minimal(),
    requests: { balance: '/v1/balance', account: '/v1/account' },
    identity: {
      name: { request: 'account', pointer: '/name' },
      email: { request: 'account', pointer: '/email' },
      plan: { request: 'account', pointer: '' },
    },
    counters: [
      {
        id: 'remaining',
        label: 'Remaining',
        value: { request: 'balance', pointer: '/data/total' },
        minus: { request: 'balance', pointer: '/data/used' },
        limit: { request: 'balance', pointer: '/data/limit' },
        unit: { currency: { request: 'balance', pointer: '/data/currency' } },
        headline: true,
      },
      { id: 'whole', label: 'Whole', value: { request: 'balance', pointer: '' }, unit: { count: 'credits' } },
      { id: 'first', label: 'First', value: { request: 'account', pointer: '/0' }, unit: { currency: 'USD' } },
    ],
    problems: [
      { id: 'status', value: { request: 'account', pointer: '/status' }, notIn: ['active', 1, null], message: 'Not active.' },
      { id: 'flag', value: { request: 'balance', pointer: '/data/used' }, equals: 0, message: 'Unused.' },
    ],
  });
  const numberish = fc.oneof(
    fc.double(),
    fc.integer(),
    fc.double().map(String),
    fc.constantFrom('300.00', '1e308', '-1e308', ' 7 ', '', 'NaN', 'Infinity', null, true),
  );
  const answer = fc.oneof(
    fc.jsonValue(),
    fc.record(
      {
        data: fc.record(
          { total: numberish, used: numberish, limit: numberish, currency: fc.oneof(fc.string(), fc.jsonValue()) },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: [] },
    ),
  );

  test('for any JSON answers the adapter never throws, and every counter is a finite number or unknown', async () => {
    const adapter = definedServiceAdapter(richDefinition);
    await fc.assert(
      fc.asyncProperty(answer, fc.oneof(fc.jsonValue(), fc.anything()), async (balance, account) => {
        const result = await adapter.fetchSnapshot(fakeHttp({ '/v1/balance': balance, '/v1/account': account }), FIXED_NOW);
        const snapshot = snapshotOf(result);
        assert.equal(snapshot.counters.length, 3);
        assert.equal(snapshot.counters.filter((counter) => counter.headline).length, 1);
        for (const counter of snapshot.counters) {
          for (const value of [counter.value, counter.limit]) {
            assert.ok(value === undefined || (typeof value === 'number' && Number.isFinite(value)), `${counter.id} = ${String(value)}`);
          }
          if (counter.unit.kind === 'money') assert.match(counter.unit.currency, /^[A-Z]{3}$/);
        }
        for (const text of [snapshot.identity.displayName, snapshot.identity.email, snapshot.plan.name]) {
          assert.ok(text === undefined || (text.trim() === text && text !== '' && !/\p{Cc}/u.test(text)), JSON.stringify(text));
        }
        for (const problem of snapshot.problems) {
          assert.ok(problem.id === PROBLEM_IDS.creditsExhausted || problem.id.startsWith(DEFINED_PROBLEM_PREFIX), problem.id);
        }
      }),
      { numRuns: 500 },
    );
  });

  test('resolvePointer and pointerProblem never throw for any string and document', () => {
    const pointer = fc.oneof(
      fc.string(),
      fc
        .array(fc.oneof(fc.string(), fc.constantFrom('~0', '~1', '~', '-', '0', '01', '__proto__', 'constructor', 'length')), {
          maxLength: 5,
        })
        .map((tokens) => tokens.map((token) => `/${token}`).join('')),
    );
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue()), pointer, (document, text) => {
        const problem = pointerProblem(text);
        const found = resolvePointer(document, text);
        if (problem !== undefined) assert.equal(found, undefined);
        if (text === '') assert.equal(found, document);
      }),
      { numRuns: 1000 },
    );
  });
});
