// Names an account among several of one service. The first account of a service is keyed by the
// service id itself, where 0.1.0 kept its one token: that state needs no migration, and an older
// release still finds it. Every further account is `<serviceId>~<suffix>`, the suffix random so
// that two windows adding an account at once do not pick the same key.
import { randomBytes } from 'node:crypto';

const SEPARATOR = '~';
const KEY_SHAPE = /^[A-Za-z0-9_.-]{1,64}(?:~[a-z0-9]{1,16})?$/;

/** The service an account key belongs to. */
export function serviceIdOfKey(accountKey: string): string {
  const at = accountKey.indexOf(SEPARATOR);
  return at < 0 ? accountKey : accountKey.slice(0, at);
}

/** Whether this is a service's first account, the one kept under the service's own key. */
export function isFirstAccountKey(accountKey: string): boolean {
  return !accountKey.includes(SEPARATOR);
}

/** A key for one more account of `serviceId`, unlike any of `taken`. */
export function newAccountKey(serviceId: string, taken: ReadonlySet<string>, random = () => randomBytes(4).toString('hex')): string {
  if (!taken.has(serviceId)) return serviceId;
  for (;;) {
    const key = `${serviceId}${SEPARATOR}${random()}`;
    if (!taken.has(key)) return key;
  }
}

/** Keys arrive from stored data and other windows: only a plain key is taken as one. */
export function isAccountKey(value: unknown): value is string {
  return typeof value === 'string' && KEY_SHAPE.test(value);
}
