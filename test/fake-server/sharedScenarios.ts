// Scenarios every fake service answers, each in the service's own error style: refusals, rate
// limits (well-formed and not), server errors, proxies and captive portals, slow, dropped and huge
// answers, broken JSON, the token echoed back in every spelling the client must redact, and
// another account whose holder has the same name.
import type { FakeResponse, Scenario, ServiceErrors } from './fakeService';
import { namesakeOf } from './namesake';
import * as tokenSpellings from './tokenSpellings';

const PROXY_PAGE =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
const CAPTIVE_PORTAL_PAGE =
  '<!DOCTYPE html><html><head><title>Hotel Wi-Fi: Sign in</title></head><body><h1>Welcome</h1><p>Accept the terms to continue.</p></body></html>';
const DEFAULT_SLOW_MS = 3_000;
const HUGE_BODY_BYTES = 2 * 1024 * 1024;

const ECHO_MARKER = '@@TOKEN@@';

/** An error in the service's own style whose detail holds `spelled` verbatim (not re-escaped as JSON). */
function echoInError(errors: ServiceErrors, status: number, title: string, spelled: string): FakeResponse {
  const { json, ...response } = errors.error(status, title, `The credential ${ECHO_MARKER} is not valid for this request.`);
  return { ...response, text: JSON.stringify(json).replace(ECHO_MARKER, () => spelled) };
}

function echoPage(token: string): string {
  const broken = (token.match(/.{1,3}/gs) ?? []).join('<wbr>');
  return `<!DOCTYPE html><html><head><title>Invalid token ${broken}</title></head><body><h1>Invalid token</h1><p><span>${broken}</span></p></body></html>`;
}

/**
 * The token echoed back, spelled the ways servers have been seen to spell it. Each answers a status
 * whose body the client quotes (not 401/403, whose bodies it never quotes), so only redaction keeps
 * the token out of the message.
 */
const TOKEN_ECHOES: Readonly<Record<string, (errors: ServiceErrors, token: string) => FakeResponse>> = {
  'token-echo-soft-break': (errors, token) => echoInError(errors, 400, 'Bad Request', tokenSpellings.spellWithSoftBreaks(token)),
  'token-echo-entity': (errors, token) => echoInError(errors, 422, 'Unprocessable Entity', tokenSpellings.spellAsEntities(token)),
  'token-echo-newline': (_errors, token) => ({
    status: 500,
    contentType: 'text/plain; charset=utf-8',
    text: `Invalid token ${tokenSpellings.spellWithLineBreaks(token)}\r\nTry again later.\r\n`,
  }),
  'token-echo-percent-lower': (errors, token) => echoInError(errors, 400, 'Bad Request', tokenSpellings.spellAsLowerPercent(token)),
  'token-echo-base64': (errors, token) => echoInError(errors, 400, 'Bad Request', tokenSpellings.spellAsBase64(token)),
  'token-echo-json-escape': (errors, token) => echoInError(errors, 422, 'Unprocessable Entity', tokenSpellings.spellAsJsonEscapes(token)),
  'token-echo-html': (_errors, token) => ({ status: 400, contentType: 'text/html; charset=utf-8', text: echoPage(token) }),
};

/** The scenarios whose quoted error body echoes the token in some spelling (`token-echo` itself is a 401, never quoted). */
export const TOKEN_ECHO_SCENARIOS: readonly string[] = Object.keys(TOKEN_ECHOES);

/** `response` sent as UTF-8 text that starts with a byte order mark, as some servers do. */
function withByteOrderMark(response: FakeResponse): FakeResponse {
  const { json, ...rest } = response;
  return { ...rest, text: `\ufeff${rest.text ?? JSON.stringify(json)}` };
}

/** The scenarios every service answers, in its own error style. `normal` is what it answers when not failing. */
export function sharedScenarios(errors: ServiceErrors, normal: Scenario): Record<string, Scenario> {
  const tooMany = (headers?: Record<string, string>) => errors.error(429, 'Too Many Requests', 'Rate limit exceeded.', headers);
  const serverError = () => errors.error(500, 'Internal Server Error', 'An unexpected error occurred.');
  return {
    '401': () => errors.unauthorized(),
    'token-echo': (request) => errors.unauthorized(`Token ${request.token} is not valid (Authorization: Bearer ${request.token}).`),
    '403': () => errors.error(403, 'Forbidden', 'This credential may not read this resource.'),
    '404': () => errors.error(404, 'Not Found', 'The requested resource was not found.'),
    '429-retry-after': () => tooMany({ 'Retry-After': '30' }),
    '429-http-date': (request) => tooMany({ 'Retry-After': new Date(request.now + 120_000).toUTCString() }),
    '429-without-retry-after': () => tooMany(),
    // Answers seen from misbehaving servers and proxies: none may make the client loop.
    '429-retry-after-0': () => tooMany({ 'Retry-After': '0' }),
    '429-past-date': (request) => tooMany({ 'Retry-After': new Date(request.now - 3_600_000).toUTCString() }),
    '429-huge-retry-after': () => tooMany({ 'Retry-After': '100000000000000000000000' }),
    '500': serverError,
    'flapping-500': (request) => (request.attempt === 1 ? serverError() : normal(request)),
    'html-502': () => ({ status: 502, contentType: 'text/html', text: PROXY_PAGE }),
    'html-200': () => ({ status: 200, contentType: 'text/html; charset=utf-8', text: CAPTIVE_PORTAL_PAGE }),
    slow: (request) => ({ ...normal(request), delayMs: DEFAULT_SLOW_MS }),
    'drop-connection': () => ({ status: 200, json: {}, dropMidBody: true }),
    'huge-body': () => ({ status: 200, paddingBytes: HUGE_BODY_BYTES }),
    'huge-body-declared': () => ({ status: 200, paddingBytes: HUGE_BODY_BYTES, declareLength: true }),
    'invalid-json': () => ({ status: 200, text: '{"id": "usr_1", "balance": 12.5, "name": "Trunc' }),
    'wrong-type': () => ({ status: 200, json: [{ id: 'usr_1' }] }),
    ...Object.fromEntries(
      Object.entries(TOKEN_ECHOES).map(([name, echo]): [string, Scenario] => [name, (request) => echo(errors, request.token)]),
    ),
    bom: (request) => withByteOrderMark(normal(request)),
    // The same name, another account (another email and id): namesake.ts.
    namesake: namesakeOf(normal),
  };
}
