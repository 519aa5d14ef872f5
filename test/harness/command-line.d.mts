// Types for command-line.mjs, for the TypeScript entry points that import it (the fake server's CLI, the refresh benchmark).
import type { ParseArgsConfig, parseArgs } from 'node:util';

export declare class UsageError extends Error {
  constructor(reason: unknown, usage: string);
}

export interface NumberRules {
  /** Only whole numbers. */
  readonly integer?: boolean;
  /** The least value allowed. */
  readonly min?: number;
}

export type CommandLine<T extends ParseArgsConfig> = ReturnType<typeof parseArgs<T & { strict: true }>> & {
  number(name: keyof NonNullable<T['options']> & string, rules?: NumberRules): number;
};

export declare function parseCommandLine<T extends Omit<ParseArgsConfig, 'strict'>>(usage: string, config: T): CommandLine<T>;
