// A service described as data, as an ordinary ServiceAdapter: each request fetched in parallel,
// identity and counters picked out by JSON Pointer, problem rules applied. What the answers do not
// hold shows "—", never an error; a request that fails fails the refresh as for any service.
import {
  PROBLEM_IDS,
  type AccountProblem,
  type AccountSnapshot,
  type CounterUnit,
  type CreditCounter,
  type FetchResult,
} from '../../model';
import { asNumber, asText } from '../jsonReaders';
import type { ServiceAdapter, ServiceHttp } from '../serviceAdapter';
import { isCurrencyCode, type DefinedCounter, type ProblemRule, type ServiceDefinition, type ValueRef } from './definitionSchema';
import { resolvePointer } from './jsonPointer';

/** Problem ids from a definition's rules, kept apart from the built-in adapters' ids. */
export const DEFINED_PROBLEM_PREFIX = 'defined.';

export function definedServiceAdapter(definition: ServiceDefinition): ServiceAdapter {
  const headline = headlineOf(definition);
  return {
    id: definition.id,
    displayName: definition.name,
    shortMark: definition.shortMark,
    defaultBaseUrl: definition.baseUrl,
    defaultLowCreditThreshold: headline.lowThreshold ?? 0,
    dashboardUrl: definition.dashboardUrl ?? definition.baseUrl,
    tokenHelpUrl: definition.docsUrl ?? definition.dashboardUrl ?? definition.baseUrl,
    auth: definition.auth,
    fetchSnapshot: (http, now) => fetchDefined(definition, http, now),
  };
}

function headlineOf(definition: ServiceDefinition): DefinedCounter {
  // The schema asks for at least one counter.
  return definition.counters.find((counter) => counter.headline === true) ?? (definition.counters[0] as DefinedCounter);
}

async function fetchDefined(definition: ServiceDefinition, http: ServiceHttp, now: number): Promise<FetchResult> {
  const names = Object.keys(definition.requests);
  const responses = await Promise.all(names.map((name) => http.getJson(definition.requests[name] as string)));
  const answers = new Map<string, unknown>();
  for (const [index, response] of responses.entries()) {
    if (!response.ok) return { ok: false, error: response.error };
    answers.set(names[index] as string, response.body);
  }
  const read = (ref: ValueRef | undefined): unknown => {
    if (ref === undefined) return undefined;
    const { request, pointer } = typeof ref === 'string' ? { request: names[0] as string, pointer: ref } : ref;
    return resolvePointer(answers.get(request), pointer);
  };
  return { ok: true, snapshot: buildSnapshot(definition, read, now) };
}

function buildSnapshot(definition: ServiceDefinition, read: (ref: ValueRef | undefined) => unknown, now: number): AccountSnapshot {
  const headlineId = headlineOf(definition).id;
  const counters = definition.counters.map((counter) => readCounter(counter, counter.id === headlineId, read));
  const identity = definition.identity ?? {};
  const problems = definition.problems.flatMap((rule) => (ruleHolds(rule, read(rule.value)) ? [problemOf(rule)] : []));
  const headline = counters.find((counter) => counter.headline);
  // Nothing left of the headline: used up, as the built-ins say it, so the state and the alert follow.
  if (headline?.value !== undefined && headline.value <= 0) problems.unshift({ id: PROBLEM_IDS.creditsExhausted, severity: 'error' });
  return {
    serviceId: definition.id,
    identity: dropUndefined({
      displayName: asText(read(identity.name)),
      email: asText(read(identity.email)),
      organization: asText(read(identity.organization)),
    }),
    plan: dropUndefined({ name: asText(read(identity.plan)) }),
    counters,
    problems,
    lists: [],
    fetchedAt: now,
  };
}

function readCounter(counter: DefinedCounter, headline: boolean, read: (ref: ValueRef | undefined) => unknown): CreditCounter {
  const value = asNumber(read(counter.value));
  const minus = counter.minus === undefined ? 0 : asNumber(read(counter.minus));
  const shown = counter.minus === undefined ? value : value === undefined || minus === undefined ? undefined : roundCents(value - minus);
  const limit = asNumber(read(counter.limit));
  return dropUndefined({
    id: counter.id,
    label: counter.label,
    value: shown,
    unit: unitOf(counter, read),
    headline,
    limit,
  }) as CreditCounter;
}

/** 10.1 − 0.3 is 9.799999…: a difference of money keeps the precision its parts had. */
function roundCents(value: number): number | undefined {
  // A difference beyond what a number holds is unknown ("—"), never Infinity.
  if (!Number.isFinite(value)) return undefined;
  const rounded = Math.round(value * 1e6) / 1e6;
  // Too large to scale by 1e6 (above ~1.8e302): already a whole number, nothing to round.
  return Number.isFinite(rounded) ? rounded : value;
}

function unitOf(counter: DefinedCounter, read: (ref: ValueRef | undefined) => unknown): CounterUnit {
  if ('count' in counter.unit) return { kind: 'count', noun: counter.unit.count };
  const currency = isCurrencyCode(counter.unit.currency) ? counter.unit.currency : asText(read(counter.unit.currency))?.toUpperCase();
  // A currency the answer does not name is not guessed: the number shows without one.
  return currency !== undefined && /^[A-Z]{3}$/.test(currency) ? { kind: 'money', currency } : { kind: 'count' };
}

function ruleHolds(rule: ProblemRule, value: unknown): boolean {
  // null is how many APIs say "absent": neither makes a problem.
  if (value === undefined || value === null) return false;
  const same = (expected: unknown) => sameJson(value, expected);
  if (rule.equals !== undefined) return same(rule.equals);
  if (rule.notEquals !== undefined) return !same(rule.notEquals);
  if (rule.in !== undefined) return rule.in.some(same);
  if (rule.notIn !== undefined) return !rule.notIn.some(same);
  return false;
}

/** Equal as JSON scalars; a numeric string equals its number ("0" and 0), as values are read everywhere. */
function sameJson(value: unknown, expected: unknown): boolean {
  if (value === expected) return true;
  if (typeof expected === 'number') return asNumber(value) === expected;
  return false;
}

function problemOf(rule: ProblemRule): AccountProblem {
  return { id: `${DEFINED_PROBLEM_PREFIX}${rule.id}`, severity: rule.severity, message: rule.message };
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}
