// A service described as data (docs/custom-services.md), declared once as a valibot schema: the
// reader checks user settings and the presets through it, and the types are what it reads. Every
// message is a phrase that follows a located path ("customServices[1].baseUrl: is not https").
import * as v from 'valibot';
import { checkBaseUrl } from '../../http/baseUrl';
import { pointerProblem } from './jsonPointer';

const REQUEST_NAME = v.pipe(
  v.string('is not text'),
  v.regex(/^[A-Za-z][A-Za-z0-9_-]{0,31}$/, 'is not a request name: a letter, then letters, digits, "_" or "-"'),
);

const POINTER = v.pipe(
  v.string('is not text'),
  v.rawCheck(({ dataset, addIssue }) => {
    const problem = dataset.typed ? pointerProblem(dataset.value) : undefined;
    if (problem) addIssue({ message: problem });
  }),
);

/** A JSON Pointer into the only request's answer, or into a named one. */
const ValueRefSchema = v.union(
  [POINTER, v.strictObject({ request: REQUEST_NAME, pointer: POINTER })],
  'is not a value reference: a JSON Pointer such as "/data/balance", or { "request": "…", "pointer": "/…" }',
);

const oneLine = (max: number) =>
  v.pipe(
    v.string('is not text'),
    v.trim(),
    v.minLength(1, 'is empty'),
    v.maxLength(max, `is longer than ${max} characters`),
    v.regex(/^[^\p{Cc}\p{Cf}]*$/u, 'holds a line break or a control character'),
  );

const SERVICE_URL = v.pipe(
  v.string('is not text'),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const check = checkBaseUrl(dataset.value);
    if (!check.ok) addIssue({ message: baseUrlMessage(check.problem.reason) });
  }),
);

function baseUrlMessage(reason: string): string {
  switch (reason) {
    case 'empty':
      return 'is empty';
    case 'hasCredentials':
      return 'holds a user name or password: credentials never go in a URL';
    case 'hasQueryOrFragment':
      return 'has a query or a fragment: credentials never go in a URL, and a base URL needs neither';
    case 'notHttps':
    case 'plainHttp':
      return 'is not https (plain http is allowed only for a literal loopback address such as http://127.0.0.1:8080)';
    default:
      return 'is not a URL';
  }
}

/** Header names a token may travel in: never one the HTTP stack or a proxy gives another meaning. */
const FORBIDDEN_HEADERS = new Set([
  'authorization',
  'cookie',
  'host',
  'content-length',
  'content-type',
  'accept',
  'user-agent',
  'connection',
]);

const AuthSchema = v.variant(
  'type',
  [
    v.strictObject({ type: v.literal('bearer') }),
    v.strictObject({
      type: v.literal('header'),
      header: v.pipe(
        v.string('is not text'),
        v.regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/, 'is not a header name: letters, digits and "-"'),
        v.check((name) => !FORBIDDEN_HEADERS.has(name.toLowerCase()), 'is a header a token may not go in; use "bearer" for Authorization'),
      ),
    }),
    v.strictObject({ type: v.literal('basic') }),
  ],
  'is not an auth type: "bearer", "header" or "basic"',
);

const REQUEST_PATH = v.pipe(
  v.string('is not text'),
  v.startsWith('/', 'does not start with "/": a path under baseUrl'),
  v.maxLength(500, 'is longer than 500 characters'),
  v.check((path) => !/[\s#]/.test(path), 'holds a space or a "#"'),
  v.check((path) => !/\{(?!user\})[^}]*\}/.test(path), 'holds a placeholder other than {user}'),
  v.check((path) => !/\?.*\{user\}/.test(path), 'puts {user} in the query: credentials never go in a URL query'),
);

const UnitSchema = v.union(
  [
    v.strictObject({
      currency: v.union(
        [v.pipe(v.string(), v.regex(/^[A-Z]{3}$/)), ValueRefSchema],
        'is not an ISO 4217 code ("USD") or a value reference',
      ),
    }),
    v.strictObject({ count: oneLine(40) }),
  ],
  'is not a unit: { "currency": "USD" }, { "currency": <value reference> } or { "count": "credits" }',
);

const CounterSchema = v.strictObject({
  id: v.pipe(v.string('is not text'), v.regex(/^[a-z][a-z0-9_-]{0,31}$/, 'is not an id: lowercase letters, digits, "_" and "-"')),
  label: oneLine(60),
  value: ValueRefSchema,
  minus: v.optional(ValueRefSchema),
  limit: v.optional(ValueRefSchema),
  unit: UnitSchema,
  headline: v.optional(v.boolean('is not true or false')),
  lowThreshold: v.optional(v.pipe(v.number('is not a number'), v.finite('is not a number'), v.minValue(0, 'is below 0'))),
});

const JSON_VALUE = v.union([v.string(), v.number(), v.boolean(), v.null()], 'is not a string, number, true, false or null');

const ProblemRuleSchema = v.strictObject({
  id: v.pipe(v.string('is not text'), v.regex(/^[a-z][a-z0-9_-]{0,31}$/, 'is not an id: lowercase letters, digits, "_" and "-"')),
  value: ValueRefSchema,
  equals: v.optional(JSON_VALUE),
  notEquals: v.optional(JSON_VALUE),
  in: v.optional(v.array(JSON_VALUE, 'is not a list')),
  notIn: v.optional(v.array(JSON_VALUE, 'is not a list')),
  severity: v.optional(v.picklist(['error', 'warning', 'info'], 'is not "error", "warning" or "info"'), 'warning'),
  message: oneLine(200),
});

export const ServiceDefinitionSchema = v.strictObject({
  id: v.pipe(
    v.string('is not text'),
    v.regex(/^[a-z][a-z0-9-]{1,31}$/, 'is not an id: 2–32 lowercase letters, digits and "-", starting with a letter'),
  ),
  name: oneLine(40),
  shortMark: v.pipe(oneLine(4), v.regex(/^[^\s$()[\]]+$/, 'holds a space or one of $ ( ) [ ]')),
  baseUrl: SERVICE_URL,
  dashboardUrl: v.optional(SERVICE_URL),
  docsUrl: v.optional(SERVICE_URL),
  auth: v.optional(AuthSchema, { type: 'bearer' }),
  requests: v.pipe(
    v.record(REQUEST_NAME, REQUEST_PATH, 'is not an object of request names and paths'),
    v.check((requests) => Object.keys(requests).length >= 1, 'names no request'),
    v.check((requests) => Object.keys(requests).length <= 8, 'names more than 8 requests'),
  ),
  identity: v.optional(
    v.strictObject({
      name: v.optional(ValueRefSchema),
      email: v.optional(ValueRefSchema),
      organization: v.optional(ValueRefSchema),
      plan: v.optional(ValueRefSchema),
    }),
  ),
  counters: v.pipe(
    v.array(CounterSchema, 'is not a list'),
    v.minLength(1, 'is empty: a service needs a counter'),
    v.maxLength(12, 'has more than 12 counters'),
  ),
  problems: v.optional(v.pipe(v.array(ProblemRuleSchema, 'is not a list'), v.maxLength(12, 'has more than 12 rules')), []),
});

export type ServiceDefinition = v.InferOutput<typeof ServiceDefinitionSchema>;
export type ValueRef = v.InferOutput<typeof ValueRefSchema>;
export type DefinedCounter = ServiceDefinition['counters'][number];
export type ProblemRule = ServiceDefinition['problems'][number];
export type ServiceAuth = ServiceDefinition['auth'];

/** An ISO 4217 code as a definition writes it ("USD"), not a pointer to one. */
export function isCurrencyCode(value: ValueRef): value is string {
  return typeof value === 'string' && /^[A-Z]{3}$/.test(value);
}
