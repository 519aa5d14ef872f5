// What the credit history chart shows: one chart per signed-in account with a headline forecast.
import type { HeadlineForecast } from '../../core/history/headlineForecast';
import { accountHolderName } from '../../core/model';
import type { AccountState } from '../../core/refresh/accountState';
import { findAdapter, type ServiceAdapter } from '../../core/services/serviceAdapter';
import type { ChartAccount } from './historyChart';
import { counterLabel } from './snapshotWording';
import { accountTitle } from './accountTitle';

export function chartAccounts(
  adapters: readonly ServiceAdapter[],
  states: readonly AccountState[],
  forecasts: Readonly<Record<string, HeadlineForecast>>,
  now: number,
): ChartAccount[] {
  return states.flatMap((state) => {
    const adapter = findAdapter(adapters, state.serviceId);
    const headline = forecasts[state.accountKey];
    if (!adapter || !headline || !state.signedIn) return [];
    const accountName = accountHolderName(state.snapshot?.identity);
    return [
      {
        serviceName: accountTitle(adapter, state),
        ...(accountName !== undefined ? { accountName } : {}),
        counter: { label: counterLabel(headline.counter), unit: headline.counter.unit },
        points: headline.points,
        refills: headline.refills,
        forecast: headline.forecast,
        now,
        ...(headline.renewsAt !== undefined ? { renewsAt: headline.renewsAt } : {}),
      },
    ];
  });
}
