// What one paint of the surfaces a refresh repaints costs: the Accounts tree's rows (serviceRow per
// account, in one line each from three accounts on, as the view does) and the status item (text,
// tooltip and accessible name: describeGlance), for 1, 2 and 20 accounts (Leadping and Signeasy
// alternately, each from the adapters' own snapshot builders over the fake servers' payloads, with
// the billing period's usage). Run by `npm run bench`, or alone:
//   node --import tsx test/bench/render.ts [--runs 25]
// Prints one JSON object (RenderSamples) on stdout: per run and account count, ms per paint.
// The counts take turns within each run, so drift hits them all.
import type { AccountState } from '../../src/core/refresh/accountState';
import { buildLeadpingSnapshot, leadpingAdapter } from '../../src/core/services/leadping';
import { buildSigneasySnapshot, signeasyAdapter } from '../../src/core/services/signeasy';
import { serviceRow } from '../../src/views/viewModels/accountRows';
import { describeGlance } from '../../src/views/viewModels/statusBarView';
import { COMPACT_FROM_ACCOUNTS } from '../../src/views/viewModels/treeRow';
import { leadpingOrganization, leadpingUsageSummary, leadpingUser, leadpingWallet, signeasyUser } from '../fake-server';
import { parseCommandLine } from '../harness/command-line.mjs';

const ACCOUNT_COUNTS = [1, 2, 20] as const;
/** Paints timed together per run and count: one alone is too short for the clock. */
const PAINTS_PER_SAMPLE = 20;
const LOCALE = 'en-US';

export interface RenderSamples {
  readonly runs: number;
  /** Ms per paint, one figure per run, by account count. */
  readonly paintMs: Readonly<Record<string, number[]>>;
}

function accounts(count: number, now: number): AccountState[] {
  return Array.from({ length: count }, (_, index): AccountState => {
    const leadping = index % 2 === 0;
    const snapshot = leadping
      ? buildLeadpingSnapshot(leadpingUser(), leadpingWallet(), leadpingOrganization(), now, leadpingUsageSummary())
      : buildSigneasySnapshot(signeasyUser(), now);
    const serviceId = leadping ? 'leadping' : 'signeasy';
    return { accountKey: `${serviceId}:${index}`, serviceId, signedIn: true, refreshing: false, snapshot };
  });
}

function paint(states: readonly AccountState[], now: number): number {
  const adapters = [leadpingAdapter, signeasyAdapter];
  const context = { now, locale: LOCALE, compact: states.length >= COMPACT_FROM_ACCOUNTS };
  let drawn = 0;
  for (const state of states) {
    const row = serviceRow(state.serviceId === 'leadping' ? leadpingAdapter : signeasyAdapter, state, context);
    drawn += row.children?.length ?? 0;
  }
  const glance = describeGlance({
    adapters,
    states,
    settings: { enabled: true, services: ['leadping', 'signeasy'], counters: {}, lowCredit: { leadping: 5, signeasy: 20 } },
    now,
    locale: LOCALE,
  });
  // Returned so that no part of the paint is optimised away as unused.
  return drawn + glance.text.length + glance.tooltip.length;
}

function measure(runs: number): RenderSamples {
  const now = Date.now();
  const statesByCount = new Map(ACCOUNT_COUNTS.map((count) => [count, accounts(count, now)]));
  const paintMs: Record<string, number[]> = Object.fromEntries(ACCOUNT_COUNTS.map((count) => [String(count), []]));
  let sink = 0;
  // Warm-up: V8 compiles the view models before the first timed paint.
  for (let round = 0; round < 5; round++) for (const states of statesByCount.values()) sink += paint(states, now);
  for (let run = 0; run < runs; run++) {
    for (const count of ACCOUNT_COUNTS) {
      const states = statesByCount.get(count) ?? [];
      const started = performance.now();
      for (let index = 0; index < PAINTS_PER_SAMPLE; index++) sink += paint(states, now);
      paintMs[String(count)]?.push((performance.now() - started) / PAINTS_PER_SAMPLE);
    }
  }
  if (sink === 0) throw new Error('Nothing was painted.');
  return { runs, paintMs };
}

const { number } = parseCommandLine('node --import tsx test/bench/render.ts [--runs 25]', {
  options: { runs: { type: 'string', default: '25' } },
});
console.log(JSON.stringify(measure(number('runs', { integer: true, min: 1 }))));
