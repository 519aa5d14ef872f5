// The fake services: start the server, point every base URL at its `url`, use FAKE_TOKENS (or
// scenarioToken() for one scenario); builders make the services' JSON for tests of the adapters.
export { FAKE_SCENARIOS, FAKE_TOKENS, scenarioToken, startFakeServer } from './server';
export type { FakeServer, FakeServerOptions, RecordedRequest } from './server';
export { FAKE_SERVICES, type FakeService } from './services';
export { TOKEN_ECHO_SCENARIOS } from './sharedScenarios';
export * from './tokenSpellings';
export {
  LEADPING_2026_CREDITS_EXPIRE_IN_MS,
  LEADPING_2026_PERIOD_STARTED_MS_AGO,
  LEADPING_2026_RENEWS_IN_MS,
  leadpingBillingState,
  leadpingCompliance,
  leadpingEmptyUsageSummary,
  leadpingOrganization,
  leadpingSeedUser,
  leadpingUsageSummary,
  leadpingUser,
  leadpingWallet,
} from './services/leadping';
export { signeasyUser } from './services/signeasy';
export { withExtraKeys, type Wire } from './wire';
