// Where a token may be sent. A token sent over plain http can be read on the way, so only https is
// allowed, except to this machine (loopback), which is how local fakes and tests run.

export type BaseUrlCheck =
  { readonly ok: true; readonly url: string; readonly origin: string } | { readonly ok: false; readonly message: string };

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  // Not `*.localhost`: Node asks DNS for those, so they may well leave the machine.
  if (host === 'localhost') return true;
  if (host === '[::1]') return true;
  // WHATWG URL has already turned shorthand IPv4 (127.1, 0x7f.1) into dotted quads.
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export function checkBaseUrl(input: string): BaseUrlCheck {
  const trimmed = input.trim();
  if (trimmed === '') {
    return { ok: false, message: 'The base URL is empty. Use the service address, e.g. https://api.example.com.' };
  }
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    // Not echoed: people sometimes paste a token into the wrong box.
    return { ok: false, message: 'The base URL is not a valid URL. Use a full address such as https://api.example.com.' };
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return { ok: false, message: 'The base URL must not contain a user name or password.' };
  }
  if (parsed.search !== '' || parsed.hash !== '') {
    return { ok: false, message: 'The base URL must not contain a query (?…) or fragment (#…).' };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return { ok: false, message: 'The base URL must start with https://.' };
  }
  const origin = `${parsed.protocol}//${parsed.host}`;
  if (parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname)) {
    return {
      ok: false,
      message: `The base URL ${origin} uses http, which would send your token unencrypted. Use https (plain http is only allowed for localhost, 127.x.x.x and [::1]).`,
    };
  }
  const path = parsed.pathname.replace(/\/+$/, '');
  return { ok: true, url: `${origin}${path}`, origin };
}

/** The origin a base URL sends to (scheme, host and port), or undefined when the URL is refused. */
export function originOf(baseUrl: string): string | undefined {
  const checked = checkBaseUrl(baseUrl);
  return checked.ok ? checked.origin : undefined;
}
