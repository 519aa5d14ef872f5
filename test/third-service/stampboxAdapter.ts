// A test-only third service, "Stampbox" (postage stamps for letters), written the way a real one
// would be: one adapter file and nothing else in src/. The third-service suite builds the
// extension with it added to the registry and checks that it reaches every surface.
import { PROBLEM_IDS, type AccountProblem, type FetchResult } from '../../src/core/model';
import { asNumber, asObject, asText, unexpectedShapeError } from '../../src/core/services/jsonReaders';
import type { ServiceAdapter } from '../../src/core/services/serviceAdapter';

export const STAMPBOX_ACCOUNT_PATH = '/v1/account';

export const stampboxAdapter: ServiceAdapter = {
  id: 'stampbox',
  displayName: 'Stampbox',
  shortMark: 'SB',
  defaultBaseUrl: 'https://api.stampbox.example',
  defaultLowCreditThreshold: 10,
  dashboardUrl: 'https://app.stampbox.example',
  tokenHelpUrl: 'https://stampbox.example/developers',
  async fetchSnapshot(http, now): Promise<FetchResult> {
    const response = await http.getJson(STAMPBOX_ACCOUNT_PATH);
    if (!response.ok) return { ok: false, error: response.error };
    const account = asObject(response.body);
    const holder = asObject(account?.holder);
    if (!account || !holder) return { ok: false, error: unexpectedShapeError(STAMPBOX_ACCOUNT_PATH) };
    const stamps = asNumber(account.stamps);
    const problems: AccountProblem[] = stamps === 0 ? [{ id: PROBLEM_IDS.creditsExhausted, severity: 'error' }] : [];
    return {
      ok: true,
      snapshot: {
        serviceId: 'stampbox',
        identity: { displayName: asText(holder.name), email: asText(holder.email), id: asText(holder.id) },
        plan: { name: asText(account.plan) },
        counters: [{ id: 'stamps', label: 'Stamps', value: stamps, unit: { kind: 'count', noun: 'stamps' }, headline: true }],
        problems,
        lists: [],
        fetchedAt: now,
      },
    };
  },
};
