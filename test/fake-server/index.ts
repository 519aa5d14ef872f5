// The fake Leadping + Signeasy server: start it, point the base URLs at `url`, use FAKE_TOKENS.
export { FAKE_SCENARIOS, FAKE_TOKENS, scenarioToken, startFakeServer } from './server';
export type { FakeServer, FakeServerOptions, FakeService, RecordedRequest } from './server';
export { TOKEN_ECHO_SCENARIOS } from './scenarios';
export * from './builders';
