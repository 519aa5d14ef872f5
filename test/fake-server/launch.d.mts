// Types for launch.mjs, for the TypeScript callers (the refresh benchmark).
import type { FakeService } from './services';

export interface LaunchedFakeServer {
  readonly url: string;
  readonly tokens: Readonly<Record<FakeService, string>>;
  readonly displayNames: Readonly<Record<FakeService, string>>;
  /** User settings that point every service at this server. */
  readonly baseUrlSettings: Readonly<Record<string, unknown>>;
  stop(): Promise<void>;
}

export declare function launchFakeServer(options?: {
  readonly scenarios?: Partial<Record<FakeService, string>>;
  readonly demo?: boolean;
  readonly port?: number;
  readonly latencyMs?: number;
}): Promise<LaunchedFakeServer>;
