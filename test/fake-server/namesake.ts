// Another holder of the default account's name: two colleagues both called Jordan Avery, each with
// an account of their own at the service. Only the email and the id there tell them apart, so
// Account Glance must use those (two accounts, two labels in the Accounts menu, whose consents VS
// Code keeps apart).
import type { FakeResponse, Scenario } from './fakeService';

const NAMESAKE_EMAIL_DOMAIN = 'namesake.example';
/** Added to a numeric id (Signeasy's), so that it stays a number. */
const NAMESAKE_ID_OFFSET = 1_000_000;

/** `normal`'s answers, for the namesake's account: the same name, another top-level id and email in every body. */
export function namesakeOf(normal: Scenario): Scenario {
  return (request) => asNamesake(normal(request));
}

function asNamesake(response: FakeResponse): FakeResponse {
  const body = response.json;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return response;
  const { id, email } = body as { id?: unknown; email?: unknown };
  return {
    ...response,
    json: {
      ...body,
      ...(typeof id === 'number' ? { id: id + NAMESAKE_ID_OFFSET } : typeof id === 'string' ? { id: `${id}_namesake` } : {}),
      ...(typeof email === 'string' ? { email: `${email.split('@')[0]}@${NAMESAKE_EMAIL_DOMAIN}` } : {}),
    },
  };
}
