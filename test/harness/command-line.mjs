// Every entry point's command line (scripts/*.mjs, the fake server's CLI, the refresh benchmark):
// parseArgs from node:util in strict mode, and one message shape for what it rejects (an unknown
// option, a missing value, a stray argument), so every one fails the same way:
// "<what is wrong>. Usage: <its usage line>".
import { parseArgs } from 'node:util';

/** A command line the script cannot take: the message is one line ending with the script's usage. */
export class UsageError extends Error {
  constructor(reason, usage) {
    const line = String(reason)
      .replace(/\s*\n\s*/g, ' ')
      .trim();
    super(`${/[.?!]$/.test(line) ? line : `${line}.`} Usage: ${usage}`);
    this.name = 'UsageError';
  }
}

/**
 * parseArgs({ ...config, strict: true }) (args default to process.argv.slice(2)); what it rejects
 * becomes a UsageError with `usage`. Returns its { values, positionals } and number(name, rules):
 * an option's value as a number, or a UsageError unless it is finite, at least `min` and, with
 * `integer`, whole.
 */
export function parseCommandLine(usage, config) {
  let parsed;
  try {
    parsed = parseArgs({ ...config, strict: true });
  } catch (error) {
    if (typeof error?.code === 'string' && error.code.startsWith('ERR_PARSE_ARGS_')) throw new UsageError(error.message, usage);
    throw error;
  }
  const number = (name, { integer = false, min = -Infinity } = {}) => {
    const text = parsed.values[name];
    const value = Number(text);
    if (typeof text !== 'string' || text.trim() === '' || !Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
      const wanted = `${integer ? 'a whole number' : 'a number'}${min > -Infinity ? ` of ${min} or more` : ''}`;
      throw new UsageError(`--${name} wants ${wanted}, not ${JSON.stringify(text)}`, usage);
    }
    return value;
  };
  return { values: parsed.values, positionals: parsed.positionals, number };
}
