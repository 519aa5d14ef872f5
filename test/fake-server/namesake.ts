// Other holders of the same account data. A namesake: two colleagues both called Jordan Avery, each
// with an account of their own at the service. Only the email and the id there tell them apart, so
// Account Glance must use those (two accounts, two labels in the Accounts menu, whose consents VS
// Code keeps apart). A token's `+holder` (server.ts) makes as many further holders as a test needs,
// each with the scenario's balances and an id and email of its own.
import type { FakeResponse, Scenario } from './fakeService';

const NAMESAKE_EMAIL_DOMAIN = 'namesake.example';
/** Added to a numeric id (Signeasy's), so that it stays a number. */
const NAMESAKE_ID_OFFSET = 1_000_000;
/**
 * A `+holder`'s numeric id is the scenario's plus this times (1 + a 32-bit hash of the holder's
 * name): an even multiple, never the namesake's offset, and within Number.MAX_SAFE_INTEGER.
 */
const HOLDER_ID_STEP = 2_000_000;

/** How another holder's id and email are made from the scenario's. */
interface OtherHolder {
  readonly numericId: (id: number) => number;
  readonly textId: (id: string) => string;
  /** From the email's part before its first `@` and the rest (undefined: no `@`). */
  readonly email: (local: string, domain: string | undefined) => string;
}

const NAMESAKE: OtherHolder = {
  numericId: (id) => id + NAMESAKE_ID_OFFSET,
  textId: (id) => `${id}_namesake`,
  email: (local) => `${local}@${NAMESAKE_EMAIL_DOMAIN}`,
};

/** `normal`'s answers, for the namesake's account: the same name, another top-level id and email in every body. */
export function namesakeOf(normal: Scenario): Scenario {
  return (request) => asOtherHolder(normal(request), NAMESAKE);
}

/**
 * `response` as the account of the holder a token's `+holder` names would see it: the same name and
 * balances, the id with `+holder` appended (a numeric one moved by a hash of `holder`) and the email
 * plus-addressed (`jordan+acct7@acmeleads.example`), in every body that has them at its top level.
 */
export function asHolder(response: FakeResponse, holder: string): FakeResponse {
  return asOtherHolder(response, {
    numericId: (id) => id + HOLDER_ID_STEP * (1 + fnv1a(holder)),
    textId: (id) => `${id}+${holder}`,
    email: (local, domain) => (domain === undefined ? `${local}+${holder}` : `${local}+${holder}@${domain}`),
  });
}

function asOtherHolder(response: FakeResponse, holder: OtherHolder): FakeResponse {
  const body = response.json;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return response;
  const { id, email } = body as { id?: unknown; email?: unknown };
  const at = typeof email === 'string' ? email.indexOf('@') : -1;
  return {
    ...response,
    json: {
      ...body,
      ...(typeof id === 'number' ? { id: holder.numericId(id) } : typeof id === 'string' ? { id: holder.textId(id) } : {}),
      ...(typeof email === 'string'
        ? { email: holder.email(at < 0 ? email : email.slice(0, at), at < 0 ? undefined : email.slice(at + 1)) }
        : {}),
    },
  };
}

/** FNV-1a, 32 bits: the same holder always gets the same id. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash;
}
