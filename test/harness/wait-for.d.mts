// Types for wait-for.mjs, for the TypeScript suites that import it.
export declare function waitFor<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs?: number,
): Promise<T>;
