// One local HTTP server that plays every fake service (services/index.ts), for unit tests, the
// in-editor test suites and demos. Plain node:http and no top-level await: esbuild bundles it and
// tsx runs it.
//
// The path says which service a request is for (each module lists its routes). Which scenario answers:
//   1. one forced with setScenario(service, name), for any token the fake accepts;
//   2. else the one the token names: `<scenarioTokenPrefix><scenario>` (lp_test_exhausted);
//   3. else, for the service's plain token (FAKE_TOKENS), the server's default (options.scenarios).
// Either token may name another holder and carry a label, `<token>[+<holder>][.<label>]`: see
// holderOf() and withoutAccountLabel().
// A missing or unknown token gets the service's 401, as the real services answer.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeResponse, FakeServiceModule, Scenario } from './fakeService';
import { asHolder } from './namesake';
import { byService, FAKE_SERVICES, type FakeService } from './services';

/** The plain tokens the fake accepts; each answers with the server's current default scenario. */
export const FAKE_TOKENS = byService((service) => service.token);

function serviceModule(service: FakeService): FakeServiceModule {
  const found = FAKE_SERVICES.find((candidate) => candidate.id === service);
  if (!found) throw new Error(`No fake service "${service}".`);
  return found;
}

/** The token that makes the fake answer `scenario`, e.g. scenarioToken('signeasy', 'exhausted') → 'se_test_exhausted'. */
export function scenarioToken(service: FakeService, scenario: string): string {
  return `${serviceModule(service).scenarioTokenPrefix}${scenario}`;
}

/** Every scenario name per service (besides `slow-<ms>`). */
export const FAKE_SCENARIOS: Readonly<Record<FakeService, readonly string[]>> = byService((service) => Object.keys(service.scenarios));

/** A scenario by name; `slow-<ms>` is `slow` with that delay. */
function findScenario(service: FakeServiceModule, name: string): Scenario | undefined {
  const slow = /^slow-(\d{1,6})$/.exec(name);
  if (slow) {
    const delayMs = Number(slow[1]);
    const base = service.scenarios.slow;
    return base && ((request) => ({ ...base(request), delayMs }));
  }
  return Object.hasOwn(service.scenarios, name) ? service.scenarios[name] : undefined;
}

export interface RecordedRequest {
  /** The id of the service whose route it was; undefined for a path no fake service answers. */
  readonly service: string | undefined;
  readonly method: string;
  /** Without the query string. */
  readonly path: string;
  /** Whether an Authorization header (or the service's own credential header) came; the token itself is never kept. */
  readonly authorization: boolean;
  /** The scenario that answered, or undefined when the token was refused. */
  readonly scenario: string | undefined;
  readonly status: number;
}

export interface FakeServer {
  /** e.g. http://127.0.0.1:54321 (no trailing slash); use it as every service's base URL. */
  readonly url: string;
  readonly requests: readonly RecordedRequest[];
  /** Forces `scenario` for every request to `service` with an accepted token. Throws on an unknown name. */
  setScenario(service: FakeService, scenario: string): void;
  /** Undoes setScenario: tokens choose again. */
  clearScenario(service: FakeService): void;
  close(): Promise<void>;
}

export interface FakeServerOptions {
  /** Default 0: any free port. */
  readonly port?: number;
  readonly host?: string;
  /** What the plain FAKE_TOKENS get, by service (default: each module's defaultScenario). */
  readonly scenarios?: Partial<Record<FakeService, string>>;
  /** Added to every answer. */
  readonly latencyMs?: number;
  /** The services this server plays: default every one in services/index.ts; a test may add a test-only one. */
  readonly services?: readonly FakeServiceModule[];
}

function requireScenario(service: FakeServiceModule, name: string): void {
  if (!findScenario(service, name)) {
    throw new Error(`Unknown ${service.id} scenario "${name}". Known: ${Object.keys(service.scenarios).join(', ')}, slow-<ms>.`);
  }
}

/**
 * A token may end in `.<label>`, which the fake ignores (`lp_test_key.rotated`): another token of
 * the same account, so that tests can rotate a token, or give an account a request budget of its own
 * (the client shares requests only between identical tokens), and still hold the same account.
 */
function withoutAccountLabel(token: string): string {
  const dot = token.indexOf('.');
  return dot > 0 ? token.slice(0, dot) : token;
}

/**
 * Before any `.<label>`, a token may name another holder, `+<holder>` (`lp_test_key+acct7`): the
 * scenario's answers for another account, with an id and email of its own (namesake.ts asHolder),
 * so that many accounts of one scenario are many accounts to the extension too. Splits that off:
 * the token the scenario is chosen by, and the holder (undefined: the scenario's own account).
 */
function holderOf(token: string): { readonly token: string; readonly holder: string | undefined } {
  const plus = token.indexOf('+');
  return plus > 0 && plus < token.length - 1
    ? { token: token.slice(0, plus), holder: token.slice(plus + 1) }
    : { token, holder: undefined };
}

/** The bearer credential, or undefined. */
function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/** The credential as `service` reads it: its own way, or the bearer token. */
function credentialOf(service: FakeServiceModule | undefined, request: http.IncomingMessage, path: string): string | undefined {
  if (!service?.credential) return bearerToken(request.headers.authorization);
  const header = (name: string): string | undefined => {
    const value = request.headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(', ') : value;
  };
  return service.credential({ path, header });
}

export function startFakeServer(options: FakeServerOptions = {}): Promise<FakeServer> {
  const services = options.services ?? FAKE_SERVICES;
  const played = (id: string): FakeServiceModule => {
    const found = services.find((service) => service.id === id);
    if (!found) throw new Error(`This fake server does not play "${id}" (it plays ${services.map((service) => service.id).join(', ')}).`);
    return found;
  };
  const scenarioOptions: Readonly<Record<string, string | undefined>> = options.scenarios ?? {};
  const defaults = new Map<string, string>(services.map((service) => [service.id, scenarioOptions[service.id] ?? service.defaultScenario]));
  for (const service of services) requireScenario(service, defaults.get(service.id) ?? '');
  const forced = new Map<string, string>();
  const requests: RecordedRequest[] = [];
  // Per scenario and path, so "flapping" scenarios fail only the first time.
  const attempts = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();

  /** The scenario for this token (without its holder), or undefined when the token is not one the fake accepts. */
  const chooseScenario = (service: FakeServiceModule, token: string | undefined): string | undefined => {
    if (token === undefined) return undefined;
    const named = token.startsWith(service.scenarioTokenPrefix) ? token.slice(service.scenarioTokenPrefix.length) : undefined;
    const tokenScenario =
      token === service.token ? defaults.get(service.id) : named !== undefined && findScenario(service, named) ? named : undefined;
    if (tokenScenario === undefined) return undefined;
    return forced.get(service.id) ?? tokenScenario;
  };

  const server = http.createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const service = services.find((candidate) => candidate.routes.includes(path) || candidate.answersPath?.(path) === true);
    const token = credentialOf(service, request, path);
    const { token: holderToken, holder } = holderOf(withoutAccountLabel(token ?? ''));
    const scenarioName = service && chooseScenario(service, token === undefined ? undefined : holderToken);
    let answer: FakeResponse;
    if (!service) {
      answer = { status: 404, json: { status: 404, message: `No fake service answers ${path}.` } };
    } else if (request.method !== 'GET') {
      answer = { status: 405, json: { status: 405, message: 'Method not allowed' } };
    } else if (scenarioName === undefined) {
      answer = service.unauthorized();
    } else {
      const key = `${service.id} ${scenarioName} ${path}`;
      const attempt = (attempts.get(key) ?? 0) + 1;
      attempts.set(key, attempt);
      const scenario = findScenario(service, scenarioName);
      const answered = scenario ? scenario({ path, now: Date.now(), attempt, token: token ?? '' }) : service.unauthorized();
      answer = holder === undefined ? answered : asHolder(answered, holder);
    }
    requests.push({
      service: service?.id,
      method: request.method ?? 'GET',
      path,
      authorization: request.headers.authorization !== undefined || token !== undefined,
      scenario: scenarioName,
      status: answer.status,
    });
    const delayMs = (answer.delayMs ?? 0) + (options.latencyMs ?? 0);
    if (delayMs <= 0) {
      send(response, answer);
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      send(response, answer);
    }, delayMs);
    timers.add(timer);
    // A client that gives up (timeout) should not keep a timer alive.
    response.on('close', () => {
      clearTimeout(timer);
      timers.delete(timer);
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        url: `http://${host}:${address.port}`,
        requests,
        setScenario(service, scenario) {
          requireScenario(played(service), scenario);
          forced.set(service, scenario);
          for (const key of [...attempts.keys()]) if (key.startsWith(`${service} `)) attempts.delete(key);
        },
        clearScenario(service) {
          forced.delete(service);
        },
        close() {
          for (const timer of timers) clearTimeout(timer);
          timers.clear();
          return new Promise<void>((resolveClose) => {
            server.close(() => resolveClose());
            server.closeAllConnections();
          });
        },
      });
    });
  });
}

function send(response: http.ServerResponse, answer: FakeResponse): void {
  if (response.destroyed) return;
  const headers: Record<string, string> = { ...answer.headers };
  if (answer.paddingBytes !== undefined) {
    sendPadding(response, answer, headers);
    return;
  }
  const body = answer.text ?? (answer.json === undefined ? '' : JSON.stringify(answer.json));
  headers['Content-Type'] = answer.contentType ?? 'application/json; charset=utf-8';
  if (answer.dropMidBody) {
    // Promise a long body, send a little, then hang up.
    headers['Content-Length'] = '4096';
    response.writeHead(answer.status, headers);
    response.write('{"id":"usr_1","name":"Jordan Av', () => response.socket?.destroy());
    return;
  }
  headers['Content-Length'] = String(Buffer.byteLength(body));
  response.writeHead(answer.status, headers);
  response.end(body);
}

/** A JSON string padded to the requested size, chunked unless declareLength is set. */
function sendPadding(response: http.ServerResponse, answer: FakeResponse, headers: Record<string, string>): void {
  const size = answer.paddingBytes ?? 0;
  const opening = '{"padding":"';
  const closing = '"}';
  const fill = Math.max(0, size - opening.length - closing.length);
  headers['Content-Type'] = 'application/json';
  if (answer.declareLength) headers['Content-Length'] = String(opening.length + fill + closing.length);
  response.writeHead(answer.status, headers);
  response.write(opening);
  const chunk = 'x'.repeat(64 * 1024);
  let left = fill;
  const writeMore = (): void => {
    while (left > 0 && !response.destroyed) {
      const part = left >= chunk.length ? chunk : chunk.slice(0, left);
      left -= part.length;
      if (!response.write(part)) {
        response.once('drain', writeMore);
        return;
      }
    }
    if (!response.destroyed) response.end(closing);
  };
  writeMore();
}
