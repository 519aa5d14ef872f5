// What one fake service is. The server (server.ts), its CLI, the demo and the tests serve every
// module listed in services/index.ts, so another fake service is one module like services/signeasy.ts
// plus its line in that list.

export interface FakeResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as JSON. */
  readonly json?: unknown;
  /** Sent as-is (for bodies that are not JSON). */
  readonly text?: string;
  /** Default application/json. */
  readonly contentType?: string;
  readonly delayMs?: number;
  /** Send the headers and part of the body, then destroy the socket. */
  readonly dropMidBody?: boolean;
  /** Stream this many bytes of padding as the body. */
  readonly paddingBytes?: number;
  /** With paddingBytes: announce the size in Content-Length (otherwise chunked). */
  readonly declareLength?: boolean;
}

export interface ScenarioRequest {
  /** One of the module's routes. */
  readonly path: string;
  readonly now: number;
  /** 1 for the first request to this path since the scenario was last chosen. */
  readonly attempt: number;
  /** As received, `.label` included. Only the token-echo scenarios use it, to prove the client redacts what servers echo. */
  readonly token: string;
}

/** How a service answers, as a function of the request, so one name covers every path (and dates can sit relative to now). */
export type Scenario = (request: ScenarioRequest) => FakeResponse;

/** What a module sees of a request when it reads its credential. */
export interface CredentialRequest {
  /** Without the query string. */
  readonly path: string;
  /** A request header by its lower-case name, or undefined. */
  header(name: string): string | undefined;
}

/** A service's errors in its own style. */
export interface ServiceErrors {
  /** An error answer with the service's error body. */
  error(status: number, title: string, detail: string, headers?: Readonly<Record<string, string>>): FakeResponse;
  /** How it refuses a missing or unknown token. */
  unauthorized(detail?: string): FakeResponse;
}

export interface FakeServiceModule<Id extends string = string> extends ServiceErrors {
  /** The extension's id for the service: its settings are accountGlance.<id>.*. */
  readonly id: Id;
  readonly displayName: string;
  /** The paths it answers, without the query string. A path no module lists gets a plain 404. */
  readonly routes: readonly string[];
  /** Paths beyond `routes` it answers too (Twilio's account SID in the path); `routes` lists its usual ones. */
  readonly answersPath?: (path: string) => boolean;
  /**
   * The credential as the service reads it (`.label` included), or undefined when none came or it is
   * refused before any scenario (a Twilio path SID that is not the signed-in account). It is then
   * matched against `token` and `scenarioTokenPrefix`. Default: the token of `Authorization: Bearer`.
   */
  readonly credential?: (request: CredentialRequest) => string | undefined;
  /** The plain token: answered with the server's default scenario for this service. */
  readonly token: string;
  /** `<prefix><scenario>` picks a scenario by token (lp_test_exhausted). */
  readonly scenarioTokenPrefix: string;
  /** Every scenario by name (`slow-<ms>` is derived from `slow`, which every service has). */
  readonly scenarios: Readonly<Record<string, Scenario>>;
  /** What the plain token gets unless the server is told otherwise. */
  readonly defaultScenario: string;
  /** What `npm run demo` shows. */
  readonly demoScenario: string;
}
