// How a secret travels, per the service's auth scheme. The adapter never sees it: the fetcher
// turns the saved secret into headers, and for HTTP Basic fills `{user}` in a path with the user
// part (Twilio's account SID), never the password. Nothing here goes in a URL's query.
import type { ServiceAuth } from '../services/serviceAdapter';
import type { TokenProblem } from './token';

export interface Credential {
  readonly headers: Readonly<Record<string, string>>;
  /** HTTP Basic: the user part, for `{user}` in a request path. */
  readonly user?: string;
  /** Every form the secret may be echoed in, for redaction. */
  readonly secrets: readonly string[];
}

export type CredentialCheck =
  { readonly ok: true; readonly credential: Credential } | { readonly ok: false; readonly problem: TokenProblem };

export function credentialFor(auth: ServiceAuth | undefined, token: string): CredentialCheck {
  switch (auth?.type) {
    case 'header':
      return { ok: true, credential: { headers: { [auth.header]: token }, secrets: [token] } };
    case 'basic': {
      const colon = token.indexOf(':');
      if (colon <= 0 || colon === token.length - 1) return { ok: false, problem: { reason: 'notUserAndSecret' } };
      const basic = Buffer.from(token, 'utf8').toString('base64');
      return {
        ok: true,
        credential: {
          headers: { Authorization: `Basic ${basic}` },
          user: token.slice(0, colon),
          secrets: [token, token.slice(colon + 1), basic],
        },
      };
    }
    default:
      return { ok: true, credential: { headers: { Authorization: `Bearer ${token}` }, secrets: [token] } };
  }
}

/** The path with `{user}` filled in (percent-encoded, so it stays one path segment). */
export function fillPath(pathAndQuery: string, credential: Credential): string {
  return credential.user === undefined ? pathAndQuery : pathAndQuery.replaceAll('{user}', encodeURIComponent(credential.user));
}
