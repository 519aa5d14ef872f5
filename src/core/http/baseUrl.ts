// Where a token may be sent. A token sent over plain http can be read on the way, so only https is
// allowed, except to this machine (loopback), which is how local fakes and tests run.

/** Why a base URL is refused; the UI words it. Never carries the input, which may be a pasted token. */
export type BaseUrlProblem =
  | { readonly reason: 'empty' | 'notUrl' | 'hasCredentials' | 'hasQueryOrFragment' | 'notHttps' }
  /** Plain http to a host that is not this machine: `origin` is scheme, host and port only. */
  | { readonly reason: 'plainHttp'; readonly origin: string };

export type BaseUrlCheck =
  { readonly ok: true; readonly url: string; readonly origin: string } | { readonly ok: false; readonly problem: BaseUrlProblem };

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  // Not `*.localhost`: Node asks DNS for those, so they may well leave the machine.
  if (host === 'localhost') return true;
  if (host === '[::1]') return true;
  // WHATWG URL has already turned shorthand IPv4 (127.1, 0x7f.1) into dotted quads.
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export function checkBaseUrl(input: string): BaseUrlCheck {
  const refuse = (problem: BaseUrlProblem): BaseUrlCheck => ({ ok: false, problem });
  const trimmed = input.trim();
  if (trimmed === '') return refuse({ reason: 'empty' });
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    // Not echoed: people sometimes paste a token into the wrong box.
    return refuse({ reason: 'notUrl' });
  }
  if (parsed.username !== '' || parsed.password !== '') return refuse({ reason: 'hasCredentials' });
  if (parsed.search !== '' || parsed.hash !== '') return refuse({ reason: 'hasQueryOrFragment' });
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return refuse({ reason: 'notHttps' });
  const origin = `${parsed.protocol}//${parsed.host}`;
  if (parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname)) return refuse({ reason: 'plainHttp', origin });
  const path = parsed.pathname.replace(/\/+$/, '');
  return { ok: true, url: `${origin}${path}`, origin };
}

/** The origin a base URL sends to (scheme, host and port), or undefined when the URL is refused. */
export function originOf(baseUrl: string): string | undefined {
  const checked = checkBaseUrl(baseUrl);
  return checked.ok ? checked.origin : undefined;
}
