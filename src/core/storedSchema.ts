// The parts every stored shape (snapshot cache, alert memory, credit history, account list) is
// declared with, and how a refusal becomes a reason. Stored state was written by this release, an
// older or a newer one, or damaged: each object's known keys are read once into a plain copy (a
// getter may answer differently twice; unknown keys stay behind), then checked by its schema.
// Absent and undefined read alike; so do absent and null for optional fields, as JSON writes NaN as null.
// Each schema's message is the end of a reason ("is not a string"): a reason names a field by its
// path and never quotes a stored value, which could be anything.
import * as v from 'valibot';

type JsonObject = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const TEXT = v.string('is not a string');
export const FLAG = v.boolean('is not true or false');
export const NUMBER = v.pipe(v.number('is not a finite number'), v.finite('is not a finite number'));

/** Beyond ±8.64e15 ms a Date is invalid and formatting it throws. */
const MAX_TIME_MS = 8.64e15;
export const TIME = v.pipe(v.number('is not a time'), v.minValue(-MAX_TIME_MS, 'is not a time'), v.maxValue(MAX_TIME_MS, 'is not a time'));

/** Exactly what adapters write: three upper-case letters. */
export const CURRENCY = v.pipe(v.string('is not a 3-letter currency code'), v.regex(/^[A-Z]{3}$/, 'is not a 3-letter currency code'));

const NOT_AN_OBJECT = 'is not an object';

/** Any object (not an array, not null), its keys unread: for records keyed by data, read entry by entry. */
export const OBJECT = v.custom<JsonObject>(isObject, NOT_AN_OBJECT);

/** An object (not an array, not null) with `entries`, read as the header says; its output is readonly. */
export function storedObject<const TEntries extends v.ObjectEntries>(entries: TEntries) {
  return stored(v.object(entries), [entries]);
}

/** One of several objects told apart by `key` (e.g. a counter unit's `kind`), read as storedObject reads one. */
export function storedVariant<const TKey extends string, const TOptions extends v.VariantOptions<TKey>>(
  key: TKey,
  options: TOptions,
  message: string,
) {
  // A discriminator of the wrong type says so, as any other field would.
  const wrongKey = (issue: v.BaseIssue<unknown>) => (typeof issue.input === 'string' ? message : TEXT.message);
  return stored(
    v.variant(key, options, wrongKey),
    options.map((option) => (option as v.ObjectSchema<v.ObjectEntries, undefined>).entries),
  );
}

/** A list whose items all read; where items have ids they must differ (the tree keys its rows by them). */
export function storedList<const TItem extends v.GenericSchema>(item: TItem) {
  return v.pipe(v.array(item, 'is not a list'), uniqueIds<v.InferOutput<TItem>>(), v.readonly());
}

function stored<const TSchema extends v.GenericSchema>(schema: TSchema, entryLists: readonly v.ObjectEntries[]) {
  return v.pipe(
    OBJECT,
    v.transform((fields: JsonObject): unknown => knownFields(fields, entryLists)),
    schema,
    v.readonly(),
  );
}

/** The entries made with extra(). */
const EXTRAS = new WeakSet<object>();

/**
 * An optional field its object is whole without (a snapshot's billing-period spend): if it does
 * not read, or reading it throws, it is left out and the rest of the object still reads.
 */
export function extra<const TSchema extends v.GenericSchema>(schema: TSchema) {
  const entry = v.optional(schema);
  EXTRAS.add(entry);
  return entry;
}

/** The known keys' values, each read once; undefined left out, and null too where the key is optional. */
function knownFields(fields: JsonObject, entryLists: readonly v.ObjectEntries[]): JsonObject {
  const copy: Record<string, unknown> = {};
  for (const entries of entryLists) {
    for (const [key, schema] of Object.entries(entries)) {
      if (key in copy) continue;
      const value = EXTRAS.has(schema) ? readableExtra(fields, key, schema) : fields[key];
      if (value === undefined || (value === null && schema.type === 'optional')) continue;
      copy[key] = value;
    }
  }
  return copy;
}

/** The extra's value as its schema reads it, or undefined where it does not read. */
function readableExtra(fields: JsonObject, key: string, entry: v.ObjectEntries[string]): unknown {
  try {
    const reading = v.safeParse(entry, fields[key]);
    return reading.success ? reading.output : undefined;
  } catch {
    // A getter on stored data may throw anything: the extra is as unreadable as if it were wrong.
    return undefined;
  }
}

/** Fails at the first item whose id an earlier item had, naming that item's id. */
function uniqueIds<TItem>() {
  return v.rawCheck<TItem[]>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const seen = new Set<string>();
    dataset.value.forEach((item, index) => {
      const id = (item as { readonly id?: unknown }).id;
      if (typeof id !== 'string') return;
      if (seen.has(id)) addIssue({ message: 'repeats an earlier id', input: id, path: idPath(dataset.value, index, item, id) });
      seen.add(id);
    });
  });
}

function idPath(list: readonly unknown[], index: number, item: unknown, id: string): [v.IssuePathItem, ...v.IssuePathItem[]] {
  return [
    { type: 'array', origin: 'value', input: list as unknown[], key: index, value: item },
    { type: 'object', origin: 'value', input: item as Record<string, unknown>, key: 'id', value: id },
  ];
}

/**
 * The first issue as a reason: "counters[0].unit has no currency", "plan.paid is not true or
 * false", "fetchedAt is not a time"; `whole` names the top level ("the snapshot is not an object").
 */
export function reasonFor(issues: readonly v.BaseIssue<unknown>[], whole: string): string {
  const issue = issues[0];
  if (issue === undefined) return `${whole} could not be read`;
  const keys = (issue.path ?? []).map((item) => (typeof item.key === 'number' ? item.key : String(item.key)));
  const last = keys.at(-1);
  if (issue.input === undefined && typeof last === 'string') return `${pathText(keys.slice(0, -1)) ?? whole} has no ${last}`;
  return `${pathText(keys) ?? whole} ${issue.message}`;
}

/** `counters[0].unit`; undefined for the top level. */
function pathText(keys: readonly (string | number)[]): string | undefined {
  if (keys.length === 0) return undefined;
  return keys.map((key, index) => (typeof key === 'number' ? `[${key}]` : index === 0 ? key : `.${key}`)).join('');
}
