// Reads service definitions (user settings, presets) into checked ServiceDefinitions. A definition
// that does not validate is left out with located errors ("customServices[1].counters[0].value:
// …") and never takes the others with it: each is read on its own, and a later one with an id
// already taken is refused, not merged.
import * as v from 'valibot';
import { isCurrencyCode, ServiceDefinitionSchema, type ServiceDefinition, type ValueRef } from './definitionSchema';

export interface DefinitionError {
  /** Where, from the setting's name down: `customServices[1].counters[0].value`. */
  readonly path: string;
  /** What is wrong there, as a phrase that follows the path: "is not https …". */
  readonly message: string;
  /** Which definition in the list, and its name or id when those read (for the row that shows it). */
  readonly index: number;
  readonly label?: string;
}

export interface DefinitionsRead {
  readonly definitions: readonly ServiceDefinition[];
  readonly errors: readonly DefinitionError[];
}

export interface ReadOptions {
  /** The setting or file the list comes from: the start of every error's path. */
  readonly where?: string;
  /** Ids no definition may take: the built-in services'. */
  readonly reservedIds?: readonly string[];
}

/** The most errors said per definition: after the first few, more only bury them. */
const MAX_ERRORS_PER_DEFINITION = 5;

export function readServiceDefinitions(value: unknown, options: ReadOptions = {}): DefinitionsRead {
  const where = options.where ?? 'customServices';
  if (value === undefined || value === null) return { definitions: [], errors: [] };
  if (!Array.isArray(value))
    return { definitions: [], errors: [{ path: where, message: 'is not a list of service definitions', index: 0 }] };
  const definitions: ServiceDefinition[] = [];
  const errors: DefinitionError[] = [];
  const takenBy = new Map<string, number>();
  value.forEach((item: unknown, index) => {
    const at = `${where}[${index}]`;
    const label = labelOf(item);
    const problems = readOne(item, options.reservedIds ?? [], takenBy, where);
    if (problems.ok) {
      takenBy.set(problems.definition.id, index);
      definitions.push(problems.definition);
      return;
    }
    for (const { path, message } of problems.errors.slice(0, MAX_ERRORS_PER_DEFINITION)) {
      errors.push({ path: path === '' ? at : `${at}.${path}`, message, index, ...(label === undefined ? {} : { label }) });
    }
  });
  return { definitions, errors };
}

type Located = { readonly path: string; readonly message: string };
type OneRead = { readonly ok: true; readonly definition: ServiceDefinition } | { readonly ok: false; readonly errors: readonly Located[] };

function readOne(item: unknown, reservedIds: readonly string[], takenBy: ReadonlyMap<string, number>, where: string): OneRead {
  const parsed = v.safeParse(ServiceDefinitionSchema, item);
  if (!parsed.success)
    return { ok: false, errors: parsed.issues.map((issue) => ({ path: issuePath(issue), message: issueMessage(issue) })) };
  const definition = parsed.output;
  const errors = crossCheck(definition);
  if (reservedIds.includes(definition.id)) errors.unshift({ path: 'id', message: `is the id of a built-in service: choose another` });
  const earlier = takenBy.get(definition.id);
  if (earlier !== undefined) errors.unshift({ path: 'id', message: `is already the id of ${where}[${earlier}]: ids are unique` });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, definition };
}

/** What the schema cannot see alone: references between fields. */
function crossCheck(definition: ServiceDefinition): Located[] {
  const errors: Located[] = [];
  const requestNames = Object.keys(definition.requests);
  const checkRef = (path: string, ref: ValueRef | undefined) => {
    if (ref === undefined) return;
    if (typeof ref === 'string') {
      if (requestNames.length > 1)
        errors.push({ path, message: `names no request, and this definition has several: write { "request": "…", "pointer": "${ref}" }` });
    } else if (!requestNames.includes(ref.request)) {
      errors.push({ path: `${path}.request`, message: `names "${ref.request}", which is not in requests (${requestNames.join(', ')})` });
    }
  };
  for (const [name, path] of Object.entries(definition.requests)) {
    if (path.includes('{user}') && definition.auth.type !== 'basic')
      errors.push({ path: `requests.${name}`, message: 'uses {user}, which only basic auth has' });
  }
  for (const [field, ref] of Object.entries(definition.identity ?? {})) checkRef(`identity.${field}`, ref);
  const counterIds = new Set<string>();
  let headlines = 0;
  definition.counters.forEach((counter, index) => {
    const at = `counters[${index}]`;
    if (counterIds.has(counter.id))
      errors.push({ path: `${at}.id`, message: `"${counter.id}" is the id of an earlier counter: ids are unique` });
    counterIds.add(counter.id);
    if (counter.headline === true && ++headlines > 1)
      errors.push({ path: `${at}.headline`, message: 'is true for a second counter: one counter is the headline' });
    checkRef(`${at}.value`, counter.value);
    checkRef(`${at}.minus`, counter.minus);
    checkRef(`${at}.limit`, counter.limit);
    if ('currency' in counter.unit && !isCurrencyCode(counter.unit.currency)) checkRef(`${at}.unit.currency`, counter.unit.currency);
  });
  const ruleIds = new Set<string>();
  definition.problems.forEach((rule, index) => {
    const at = `problems[${index}]`;
    if (ruleIds.has(rule.id)) errors.push({ path: `${at}.id`, message: `"${rule.id}" is the id of an earlier rule: ids are unique` });
    ruleIds.add(rule.id);
    checkRef(`${at}.value`, rule.value);
    const tests = (['equals', 'notEquals', 'in', 'notIn'] as const).filter((key) => rule[key] !== undefined);
    if (tests.length !== 1) {
      errors.push({
        path: at,
        message: `${tests.length === 0 ? 'says none' : 'says more than one'} of equals, notEquals, in and notIn: a rule has exactly one`,
      });
    }
  });
  return errors;
}

/** The definition's name, else its id, when either reads: what its error row is called. */
function labelOf(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const { name, id } = item as Record<string, unknown>;
  for (const value of [name, id]) if (typeof value === 'string' && value.trim() !== '') return value.trim().slice(0, 40);
  return undefined;
}

type Issue = v.InferIssue<typeof ServiceDefinitionSchema>;

function issuePath(issue: Issue): string {
  let path = '';
  for (const item of issue.path ?? []) {
    const key: unknown = item.key;
    if (typeof key === 'number') path += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) path += path === '' ? key : `.${key}`;
    else path += `[${JSON.stringify(String(key))}]`;
  }
  return path;
}

/** valibot's own messages ("Invalid key: Expected never …") said as phrases a person reads. */
function issueMessage(issue: Issue): string {
  if (!issue.message.startsWith('Invalid ')) return issue.message;
  if (issue.expected === 'never') return 'is not a field this object takes (docs/custom-services.md lists them)';
  if (issue.received === 'undefined') return 'is missing';
  if (issue.type === 'strict_object' || issue.type === 'record') return 'is not an object';
  if (issue.type === 'array') return 'is not a list';
  return `is not ${issue.expected ?? 'what is expected here'}`;
}
