// Reads a snapshot that did not come from an adapter in this run (the start-up cache: written by
// this release, an older or a newer one, or damaged) into exactly the model the UI renders, or
// says which field is wrong. Every field is checked and copied, unknown keys are left behind, and
// each stored value is read once (a getter may answer differently twice), so nothing half-valid
// reaches the UI. Absent and null read alike for optional fields: JSON turns NaN into null.
// The one exception is periodUsage, an extra the panel can do without: if it does not read, it is
// left out and the rest of the snapshot still shows.
import { asCurrencyCode } from './money';
import type {
  AccountIdentity,
  AccountPlan,
  AccountProblem,
  AccountSnapshot,
  AutoRefill,
  CounterUnit,
  CreditCounter,
  DetailList,
  MoneyAmount,
  PeriodUsage,
  PeriodUsageLine,
  ProblemParams,
  ProblemSeverity,
} from './model';
import { asObject, type JsonObject } from './services/jsonReaders';

/** `reason` names the first bad field in plain words; it never quotes a stored value, which could be anything. */
export type SnapshotReading = { readonly ok: true; readonly snapshot: AccountSnapshot } | { readonly ok: false; readonly reason: string };

/** No snapshot was fetched before this: an earlier fetchedAt is damage. */
export const EARLIEST_FETCHED_AT = Date.UTC(2000, 0, 1);
/** Clocks drift between machines that share settings; further ahead of now than this is damage. */
const FETCHED_AT_FUTURE_TOLERANCE_MS = 86_400_000;

export function readSnapshot(value: unknown, now: number): SnapshotReading {
  const reader = new SnapshotReader(now);
  try {
    return { ok: true, snapshot: reader.snapshot(value) };
  } catch {
    // A getter on stored data may throw anything, quoting anything: only our own reason is passed on.
    return { ok: false, reason: reader.failure ?? 'the snapshot could not be read' };
  }
}

/** What a field must hold, and how a reason names it ("… is not a string"). */
interface FieldType<T> {
  readonly accepts: (value: unknown) => value is T;
  readonly description: string;
}

/** Beyond ±8.64e15 ms a Date is invalid and formatting it throws. */
const MAX_TIME_MS = 8.64e15;
const SEVERITIES: readonly unknown[] = ['error', 'warning', 'info'] satisfies readonly ProblemSeverity[];

const TEXT: FieldType<string> = { accepts: (value): value is string => typeof value === 'string', description: 'a string' };
const FLAG: FieldType<boolean> = { accepts: (value): value is boolean => typeof value === 'boolean', description: 'true or false' };
const NUMBER: FieldType<number> = {
  accepts: (value): value is number => typeof value === 'number' && Number.isFinite(value),
  description: 'a finite number',
};
const TIME: FieldType<number> = {
  accepts: (value): value is number => typeof value === 'number' && Math.abs(value) <= MAX_TIME_MS,
  description: 'a time',
};
/** Exactly what adapters write: three upper-case letters. */
const CURRENCY: FieldType<string> = {
  accepts: (value): value is string => typeof value === 'string' && asCurrencyCode(value) === value,
  description: 'a 3-letter currency code',
};
const SEVERITY: FieldType<ProblemSeverity> = {
  accepts: (value): value is ProblemSeverity => SEVERITIES.includes(value),
  description: 'error, warning or info',
};

/** `counters[0].unit`, `identity.email`; the top level has no prefix. */
function pathTo(parent: string | undefined, key: string | number): string {
  if (typeof key === 'number') return `${parent ?? ''}[${key}]`;
  return parent === undefined ? key : `${parent}.${key}`;
}

class SnapshotReader {
  /** Why reading stopped; set just before the throw that stops it. */
  failure: string | undefined;

  constructor(private readonly now: number) {}

  snapshot(value: unknown): AccountSnapshot {
    const fields = this.object(value, 'the snapshot');
    const serviceId = this.field(fields, undefined, 'serviceId', TEXT);
    if (serviceId === '') this.fail('serviceId is empty');
    const identity = this.identity(this.present(fields, undefined, 'identity'), 'identity');
    const plan = this.plan(this.present(fields, undefined, 'plan'), 'plan');
    const counters = this.list(fields, undefined, 'counters', (item, path) => this.counter(item, path));
    const problems = this.list(fields, undefined, 'problems', (item, path) => this.problem(item, path));
    const lists = this.list(fields, undefined, 'lists', (item, path) => this.detailList(item, path));
    const periodUsage = this.readOrDrop(() => {
      const value = fields.periodUsage;
      return value === undefined || value === null ? undefined : this.periodUsage(value, 'periodUsage');
    });
    return {
      serviceId,
      identity,
      plan,
      counters,
      problems,
      lists,
      ...(periodUsage === undefined ? {} : { periodUsage }),
      fetchedAt: this.fetchedAt(this.field(fields, undefined, 'fetchedAt', TIME)),
    };
  }

  /** What `read` reads, or undefined where it fails: for extras a snapshot is whole without. */
  private readOrDrop<T>(read: () => T): T | undefined {
    try {
      return read();
    } catch {
      this.failure = undefined;
      return undefined;
    }
  }

  private periodUsage(value: unknown, path: string): PeriodUsage {
    const fields = this.object(value, path);
    return {
      periodStart: this.optional(fields, path, 'periodStart', TIME),
      periodEnd: this.optional(fields, path, 'periodEnd', TIME),
      total: this.money(this.present(fields, path, 'total'), pathTo(path, 'total')),
      lines: this.list(fields, path, 'lines', (item, itemPath) => this.periodUsageLine(item, itemPath)),
    };
  }

  private periodUsageLine(value: unknown, path: string): PeriodUsageLine {
    const fields = this.object(value, path);
    return {
      id: this.field(fields, path, 'id', TEXT),
      label: this.field(fields, path, 'label', TEXT),
      amount: this.field(fields, path, 'amount', NUMBER),
      quantity: this.optional(fields, path, 'quantity', NUMBER),
    };
  }

  private identity(value: unknown, path: string): AccountIdentity {
    const fields = this.object(value, path);
    return {
      displayName: this.optional(fields, path, 'displayName', TEXT),
      email: this.optional(fields, path, 'email', TEXT),
      id: this.optional(fields, path, 'id', TEXT),
      organization: this.optional(fields, path, 'organization', TEXT),
      phone: this.optional(fields, path, 'phone', TEXT),
      createdAt: this.optional(fields, path, 'createdAt', TIME),
    };
  }

  private plan(value: unknown, path: string): AccountPlan {
    const fields = this.object(value, path);
    const autoRefill = fields.autoRefill;
    return {
      name: this.optional(fields, path, 'name', TEXT),
      subscriptionStatus: this.optional(fields, path, 'subscriptionStatus', TEXT),
      paid: this.optional(fields, path, 'paid', FLAG),
      renewsAt: this.optional(fields, path, 'renewsAt', TIME),
      expiresAt: this.optional(fields, path, 'expiresAt', TIME),
      cancelsAt: this.optional(fields, path, 'cancelsAt', TIME),
      autoRenew: this.optional(fields, path, 'autoRenew', FLAG),
      autoRefill: autoRefill === undefined || autoRefill === null ? undefined : this.autoRefill(autoRefill, pathTo(path, 'autoRefill')),
    };
  }

  private autoRefill(value: unknown, path: string): AutoRefill {
    const fields = this.object(value, path);
    return {
      enabled: this.optional(fields, path, 'enabled', FLAG),
      amount: this.optional(fields, path, 'amount', NUMBER),
      trigger: this.optional(fields, path, 'trigger', NUMBER),
      currency: this.optional(fields, path, 'currency', CURRENCY),
    };
  }

  private counter(value: unknown, path: string): CreditCounter {
    const fields = this.object(value, path);
    return {
      id: this.field(fields, path, 'id', TEXT),
      label: this.field(fields, path, 'label', TEXT),
      value: this.optional(fields, path, 'value', NUMBER),
      unit: this.unit(this.present(fields, path, 'unit'), pathTo(path, 'unit')),
      headline: this.field(fields, path, 'headline', FLAG),
      expiresAt: this.optional(fields, path, 'expiresAt', TIME),
    };
  }

  private unit(value: unknown, path: string): CounterUnit {
    const fields = this.object(value, path);
    const kind = this.field(fields, path, 'kind', TEXT);
    if (kind === 'money') return { kind, currency: this.field(fields, path, 'currency', CURRENCY) };
    if (kind === 'count') return { kind, noun: this.optional(fields, path, 'noun', TEXT) };
    return this.fail(`${pathTo(path, 'kind')} is not money or count`);
  }

  /**
   * This release writes an id and params; 0.1.0 and the releases before this one wrote an English
   * `message` instead. Either reads, and both are kept: the UI words what it knows and shows the
   * stored sentence for the rest.
   */
  private problem(value: unknown, path: string): AccountProblem {
    const fields = this.object(value, path);
    const params = fields.params;
    const message = this.optional(fields, path, 'message', TEXT);
    return {
      id: this.field(fields, path, 'id', TEXT),
      severity: this.field(fields, path, 'severity', SEVERITY),
      ...(params === undefined || params === null ? {} : { params: this.problemParams(params, pathTo(path, 'params')) }),
      ...(message === undefined ? {} : { message }),
    };
  }

  private problemParams(value: unknown, path: string): ProblemParams {
    const fields = this.object(value, path);
    const money = (key: string) => {
      const amount = fields[key];
      return amount === undefined || amount === null ? undefined : this.money(amount, pathTo(path, key));
    };
    return {
      balance: money('balance'),
      refillTrigger: money('refillTrigger'),
      cancelsAt: this.optional(fields, path, 'cancelsAt', TIME),
      envelopesLeft: this.optional(fields, path, 'envelopesLeft', NUMBER),
      graceEnvelopesLeft: this.optional(fields, path, 'graceEnvelopesLeft', NUMBER),
    };
  }

  private money(value: unknown, path: string): MoneyAmount {
    const fields = this.object(value, path);
    return { amount: this.field(fields, path, 'amount', NUMBER), currency: this.field(fields, path, 'currency', CURRENCY) };
  }

  private detailList(value: unknown, path: string): DetailList {
    const fields = this.object(value, path);
    return {
      id: this.field(fields, path, 'id', TEXT),
      label: this.field(fields, path, 'label', TEXT),
      items: this.list(fields, path, 'items', (item, itemPath) => {
        const itemFields = this.object(item, itemPath);
        return {
          label: this.field(itemFields, itemPath, 'label', TEXT),
          description: this.optional(itemFields, itemPath, 'description', TEXT),
        };
      }),
    };
  }

  private fetchedAt(at: number): number {
    if (at < EARLIEST_FETCHED_AT) this.fail('fetchedAt is before the year 2000');
    if (at > this.now + FETCHED_AT_FUTURE_TOLERANCE_MS) this.fail('fetchedAt is more than a day in the future');
    return at;
  }

  /** An array whose items all read; ids, where items have them, must differ (the tree keys its rows by them). */
  private list<T>(fields: JsonObject, parent: string | undefined, key: string, readItem: (item: unknown, path: string) => T): T[] {
    const value = this.present(fields, parent, key);
    const path = pathTo(parent, key);
    if (!Array.isArray(value)) this.fail(`${path} is not a list`);
    // Array.from, not map: a hole reads as undefined (and fails) instead of staying a hole.
    const items = Array.from(value, (item, index) => readItem(item, pathTo(path, index)));
    const seenIds = new Set<string>();
    items.forEach((item, index) => {
      const id = (item as { readonly id?: unknown }).id;
      if (typeof id !== 'string') return;
      if (seenIds.has(id)) this.fail(`${pathTo(path, index)}.id repeats an earlier id`);
      seenIds.add(id);
    });
    return items;
  }

  private object(value: unknown, path: string): JsonObject {
    return asObject(value) ?? this.fail(`${path} is not an object`);
  }

  /** A required field's value, of any type yet; absent is its own reason ("counters[0] has no unit"). */
  private present(fields: JsonObject, parent: string | undefined, key: string): unknown {
    const value = fields[key];
    if (value === undefined) this.fail(`${parent ?? 'the snapshot'} has no ${key}`);
    return value;
  }

  private field<T>(fields: JsonObject, parent: string | undefined, key: string, type: FieldType<T>): T {
    return this.typed(this.present(fields, parent, key), pathTo(parent, key), type);
  }

  private optional<T>(fields: JsonObject, parent: string, key: string, type: FieldType<T>): T | undefined {
    const value = fields[key];
    return value === undefined || value === null ? undefined : this.typed(value, pathTo(parent, key), type);
  }

  private typed<T>(value: unknown, path: string, type: FieldType<T>): T {
    return type.accepts(value) ? value : this.fail(`${path} is not ${type.description}`);
  }

  private fail(reason: string): never {
    this.failure = reason;
    throw new Error(reason);
  }
}
