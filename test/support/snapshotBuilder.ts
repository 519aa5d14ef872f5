// Builds model-level snapshots for tests of the UI's pure parts (rows, glance, refresher).
import type { AccountSnapshot, CreditCounter } from '../../src/core/model';
import type { ServiceAdapter } from '../../src/core/services/serviceAdapter';
import { FIXED_NOW } from './clock';

export function leadpingSnapshot(overrides: Partial<AccountSnapshot> & { balance?: number } = {}): AccountSnapshot {
  const { balance = 1234.5, ...rest } = overrides;
  return {
    serviceId: 'leadping',
    identity: {
      displayName: 'Dana Whitfield',
      email: 'dana@example.com',
      id: 'usr_1',
      organization: 'Whitfield Realty',
      createdAt: Date.UTC(2024, 0, 5),
    },
    plan: { name: 'Monthly', subscriptionStatus: 'Active', autoRefill: { enabled: false, amount: 50, trigger: 10, currency: 'USD' } },
    counters: [{ id: 'balance', label: 'Balance', value: balance, unit: { kind: 'money', currency: 'USD' }, headline: true }],
    problems:
      balance <= 0 ? [{ id: 'creditsExhausted', severity: 'error', params: { balance: { amount: balance, currency: 'USD' } } }] : [],
    lists: [],
    fetchedAt: FIXED_NOW - 60_000,
    ...rest,
  };
}

export function signeasySnapshot(overrides: Partial<AccountSnapshot> & { envelopes?: number; grace?: number } = {}): AccountSnapshot {
  const { envelopes = 1760, grace = 180, ...rest } = overrides;
  const count = (id: string, label: string, value: number | undefined, headline = false): CreditCounter => ({
    id,
    label,
    value,
    unit: { kind: 'count' },
    headline,
  });
  return {
    serviceId: 'signeasy',
    identity: { displayName: 'John Doe', email: 'john@example.com', id: '699829', organization: 'ACME Corp.' },
    plan: { name: 'Basic', paid: false, autoRenew: false },
    counters: [
      count('envelopesAvailable', 'Envelope credits', envelopes, true),
      count('envelopesUsed', 'Envelope credits used', 40),
      count('graceEnvelopesAvailable', 'Grace envelope credits', grace),
      count('graceEnvelopesUsed', 'Grace envelope credits used', 0),
    ],
    problems:
      envelopes === 0 && grace === 0
        ? [{ id: 'creditsExhausted', severity: 'error', params: { envelopesLeft: envelopes, graceEnvelopesLeft: grace } }]
        : [],
    lists: [],
    fetchedAt: FIXED_NOW - 120_000,
    ...rest,
  };
}

/** An adapter for tests of what renders or coordinates snapshots; it never fetches. */
export function inertAdapter(id: string, displayName: string, shortMark: string): ServiceAdapter {
  return {
    id,
    displayName,
    shortMark,
    defaultBaseUrl: 'https://example.invalid',
    defaultLowCreditThreshold: 10,
    dashboardUrl: 'https://example.invalid',
    tokenHelpUrl: 'https://example.invalid',
    fetchSnapshot: () => Promise.reject(new Error('an inert adapter does not fetch')),
  };
}
