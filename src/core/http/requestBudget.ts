// A hard ceiling on automatic requests: whatever a server answers (Retry-After: 0, a date in the
// past, no header at all, endless 5xx), Account Glance never asks one account more often than
// this on its own. A person's explicit refresh is not counted and never refused.

/**
 * Automatic HTTP requests allowed per account in any rolling minute: room for a Leadping refresh
 * with every 5xx retry (4 requests, 3 tries each: 12) and a plain one after it (4), a quarter of
 * Signeasy's 80 a minute.
 */
export const AUTOMATIC_REQUESTS_PER_MINUTE = 20;
const WINDOW_MS = 60_000;

export class RequestBudget {
  /** Send times inside the window, oldest first, per account key. */
  private readonly sent = new Map<string, number[]>();

  constructor(
    private readonly limit = AUTOMATIC_REQUESTS_PER_MINUTE,
    private readonly windowMs = WINDOW_MS,
  ) {}

  /** Takes one request for `account`: 0 when it may go now, else how many ms until one frees. */
  take(account: string, now: number): number {
    this.forgetBefore(now - this.windowMs);
    const times = this.sent.get(account) ?? [];
    if (times.length >= this.limit) return Math.max(1, (times[0] ?? now) + this.windowMs - now);
    times.push(now);
    this.sent.set(account, times);
    return 0;
  }

  private forgetBefore(cutoff: number): void {
    for (const [account, times] of this.sent) {
      while (times.length > 0 && (times[0] ?? Infinity) <= cutoff) times.shift();
      if (times.length === 0) this.sent.delete(account);
    }
  }
}
