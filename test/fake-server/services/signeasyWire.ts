// Signeasy's JSON as it comes over the wire, for the builders and scenarios in signeasy.ts: GET
// /v3/me/ as /work/shared/API.md and the seed document it (times in epoch seconds, flags as 0/1),
// with the fields seen in real answers beyond the docs. A misspelt field in a builder's overrides or
// a scenario's body fails `npm run typecheck`.
import type { WireNumber } from '../wire';

/** 0 or 1. */
type Flag = WireNumber;

/** GET /v3/me/: the user, flat. */
export interface SigneasyUser {
  readonly id: WireNumber;
  readonly email: string;
  readonly first_name: string;
  readonly last_name: string;
  readonly company: string;
  readonly company_size: string;
  /** 0 Basic (free), 1 Lifetime Standard, 2 Standard, 3 Plus, 4 Premium; other numbers are seen. */
  readonly account_type: WireNumber;
  readonly is_paid: Flag;
  readonly is_auto_renew: Flag;
  readonly status: Flag;
  readonly email_verified: Flag;
  readonly created_time: WireNumber;
  readonly activation_time: WireNumber;
  readonly last_modified_time: WireNumber;
  readonly subscription_expiry_time: WireNumber;
  readonly referrer_code: string;
  readonly referrer_promo_left: WireNumber;
  readonly document_credits: WireNumber;
  readonly imported_file_count: WireNumber;
  readonly signed_file_count: WireNumber;
  readonly envelope_credits_available: WireNumber;
  readonly envelope_credits_consumed: WireNumber;
  readonly grace_envelope_credits_available: WireNumber;
  readonly grace_envelope_credits_consumed: WireNumber;
  // Seen in real answers, not in the docs.
  readonly card_last4: string;
  readonly card_brand: string;
  readonly billing_cycle: string;
  readonly subscription_status: string;
  readonly plan_subtype: string;
  readonly remaining_template_count: WireNumber;
  readonly rs_allowed: boolean;
}

/** Signeasy's error body (a best guess: not confirmed). */
export interface SigneasyError {
  readonly status: number;
  readonly message: string;
}
